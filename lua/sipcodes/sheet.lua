-- sipcodes.sheet: the registry as a printable reference sheet.
--
--   local sheet = require("sipcodes.sheet")
--   io.write(sheet.html())        -- what `sipcode --html` prints
--
-- html() builds one self-contained HTML page (no external CSS, fonts or
-- scripts) from the module's own data: every registered code from
-- sipcodes.each(), grouped by class, with its phrase, constant name, RFC,
-- status, description and the Q.850 cause RFC 3398 maps it to
-- (sipcodes.q850.from_sip, a default marked as such).  Nothing here repeats
-- a fact the module holds; the only text of its own is the legend.  Every
-- text printed goes through escape().  The CSS lays it out on two pages of
-- A4 or US Letter in print and one column on a phone.

local sipcodes = require("sipcodes")

local concat, format, gsub = table.concat, string.format, string.gsub
local ipairs, error, tostring, type = ipairs, error, tostring, type

local M = {}

-- ---- escaping -----------------------------------------------------------

local ENTITIES = {
  ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;",
}

local function entity(c)
  return ENTITIES[c] or "&#xFFFD;"
end

--- The text `s` made safe inside HTML text and quoted attribute values:
-- & < > " ' become entities, and control bytes other than tab, LF and CR
-- (which HTML does not allow as characters) become U+FFFD.  Raises an error
-- for a value that is not a string or a number.
function M.escape(s)
  local t = type(s)
  if t == "number" then s = tostring(s)
  elseif t ~= "string" then
    error("sipcodes.sheet.escape: expected a string, got " .. t, 2)
  end
  return (gsub(s, "[&<>\"'%z\1-\8\11\12\14-\31\127]", entity))
end

local escape = M.escape

--- A constant name escaped, with a break opportunity after each "_" so a
-- narrow column wraps it between words.
local function constant(name)
  return (gsub(escape(name), "_", "_<wbr>"))
end

-- ---- the text of the sheet's own -----------------------------------------

-- RFC 3261 §7.2: what each class of response means.
local CLASS_MEANING = {
  "Request received and being processed; more responses follow.",
  "The request was received, understood and accepted.",
  "Further action is needed to complete the request, such as a retry elsewhere.",
  "The request is malformed or cannot be fulfilled at this server.",
  "The server failed to fulfil an apparently valid request.",
  "The request cannot be fulfilled at any server.",
}

-- ---- the rows -------------------------------------------------------------

-- The Q.850 cell: the cause RFC 3398 §8.2.6.1 gives, its text, and whether
-- it is the profile's default; "none" when the RFC gives no cause.
local function q850_of(code)
  local q850 = sipcodes.q850
  local cause, name, default = q850.from_sip(code)
  if not cause then return nil end
  return { cause = cause, name = name, text = q850.text(cause), default = default == "default" }
end

local function q850_cell(q)
  if not q then
    return '<td class="q850 none">none</td>'
  end
  local mark = q.default and ' <span class="default" title="not listed by RFC 3398: its default">'
    .. 'default</span>' or ""
  return format('<td class="q850%s"><b>%d</b>%s<span class="qname">%s</span></td>',
    q.default and " is-default" or "", q.cause, mark, constant(q.name or q.text or ""))
end

local function status_cell(e)
  local status = ""
  if e.status ~= "current" then
    status = format('<span class="status %s">%s</span>', escape(e.status), escape(e.status))
  end
  return format('<td class="rfc">RFC&#160;%d%s</td>', e.rfc, status)
end

local function row(e)
  return concat({
    format('<tr id="c%d" class="%s" data-code="%d">', e.code, escape(e.status), e.code),
    format('<td class="code">%d</td>', e.code),
    format('<td class="phrase"><b>%s</b><code>%s</code></td>', escape(e.reason), constant(e.name)),
    format('<td class="desc">%s</td>', escape(e.description)),
    status_cell(e),
    q850_cell(q850_of(e.code)),
    "</tr>",
  })
end

local function class_heading(class, first, count)
  local final = sipcodes.is_final(first) and "final" or "provisional"
  return format('<tr class="class-head"><th colspan="5"><span class="cx">%dxx</span> %s'
    .. ' <span class="kind">%s</span> <span class="meaning">%s</span>'
    .. ' <span class="count">%d</span></th></tr>',
    class, escape(sipcodes.class_name(first)), final, escape(CLASS_MEANING[class]), count)
end

--- The entries grouped by class: { {class, first code, entries...}, ... }.
local function by_class()
  local groups, current = {}, nil
  for code, e in sipcodes.each() do
    if not current or current.class ~= e.class then
      current = { class = e.class, first = code }
      groups[#groups + 1] = current
    end
    current[#current + 1] = e
  end
  return groups
end

local function table_html(groups)
  local out = {
    '<table class="codes">',
    '<colgroup><col class="w-code"><col class="w-phrase"><col class="w-desc">'
      .. '<col class="w-rfc"><col class="w-q850"></colgroup>',
    '<thead><tr><th scope="col">Code</th><th scope="col">Phrase and constant</th>'
      .. '<th scope="col">What happened, what to do</th><th scope="col">RFC</th>'
      .. '<th scope="col">Q.850 (RFC 3398)</th></tr></thead>',
  }
  for _, g in ipairs(groups) do
    out[#out + 1] = format('<tbody class="k%d">', g.class)
    out[#out + 1] = class_heading(g.class, g.first, #g)
    for _, e in ipairs(g) do out[#out + 1] = row(e) end
    out[#out + 1] = "</tbody>"
  end
  out[#out + 1] = "</table>"
  return concat(out, "\n")
end

-- ---- the legend -------------------------------------------------------------

local function code_phrase(code)
  local e = sipcodes.lookup(code)
  return format("<b>%d</b>&#160;%s", e.code, escape(e.reason))
end

--- The codes 3xx..6xx RFC 3398 gives no cause, as "487" or "487, 488".
local function no_cause_list(groups)
  local list = {}
  for _, g in ipairs(groups) do
    for _, e in ipairs(g) do
      if e.class >= 3 and not q850_of(e.code) then list[#list + 1] = tostring(e.code) end
    end
  end
  return concat(list, ", ")
end

local function legend_html(groups)
  local classes = {}
  for _, g in ipairs(groups) do
    classes[#classes + 1] = format('<li class="k%d"><b>%dxx %s</b> %s</li>', g.class, g.class,
      escape(sipcodes.class_name(g.first)), escape(CLASS_MEANING[g.class]))
  end
  -- Unregistered codes chosen only to show the rule: a final and a 1xx.
  local unknown_final, unknown_1xx = 431, 150
  local none = no_cause_list(groups)
  return concat({
    '<section class="legend">',
    '<div class="classes"><h2>Classes (RFC 3261 §7.2)</h2><ul>', concat(classes), '</ul></div>',
    '<div class="rules"><h2>Reading a response</h2><ul>',
    format('<li><b>Unknown code?</b> Treat a final one as the x00 of its class (%d as %s) and'
      .. ' a 1xx as %s: RFC 3261 §8.1.3.2.</li>', unknown_final,
      code_phrase(sipcodes.resolve(unknown_final).code),
      code_phrase(sipcodes.resolve(unknown_1xx).code)),
    '<li><b>Act on the code, not the phrase.</b> The phrase is for people and a peer may'
      .. ' send any text (RFC 3261 §7.2); the phrases here are the registered ones.</li>',
    format('<li><b>Q.850 cause:</b> what a gateway to the telephone network sends for the'
      .. ' response, RFC 3398 §8.2.6.1; <span class="default">default</span> marks a response'
      .. ' the RFC does not list; none for 1xx, 2xx%s.</li>', none ~= "" and " and " .. none or ""),
    '<li><span class="status deprecated">deprecated</span> still seen, no longer sent;'
      .. ' <span class="status historic">historic</span> defined only by the obsolete RFC 2543.</li>',
    '</ul></div>',
    '</section>',
  }, "\n")
end

-- ---- the page ---------------------------------------------------------------

local CSS = [[
:root{--ink:#17191c;--muted:#5b6168;--rule:#dfe2e6;--k1:#5a6b7d;--k2:#2e7d32;--k3:#1565c0;
--k4:#b26a00;--k5:#c62828;--k6:#6a1b9a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;
font:15px/1.45 "Liberation Sans",Arial,Helvetica,"DejaVu Sans",sans-serif}
.page{max-width:1200px;margin:0 auto;padding:20px 16px 32px}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 16px;
border-bottom:3px solid var(--ink);padding-bottom:6px;margin-bottom:10px}
h1{font-size:1.7em;margin:0;letter-spacing:-.01em}
header p{margin:0;color:var(--muted)}
h2{font-size:1em;margin:0 0 4px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
code{font-family:"Liberation Mono","DejaVu Sans Mono",Menlo,Consolas,monospace}
.legend{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.25fr);gap:6px 28px;
margin:0 0 14px;font-size:.92em}
.legend ul{margin:0;padding:0;list-style:none}
.legend li{margin:0 0 2px;padding-left:10px;border-left:4px solid var(--rule)}
.legend .classes li{display:grid;grid-template-columns:9.6em minmax(0,1fr);column-gap:4px}
.legend .rules li{border-left-color:var(--ink)}
table.codes{width:100%;border-collapse:collapse;table-layout:fixed}
.w-code{width:3.6em}.w-phrase{width:15.5em}.w-rfc{width:6.2em}.w-q850{width:12.5em}
thead th{text-align:left;font-size:.78em;text-transform:uppercase;letter-spacing:.04em;
color:var(--muted);border-bottom:2px solid var(--ink);padding:4px 6px}
td{padding:4px 6px;vertical-align:top;border-bottom:1px solid var(--rule)}
tr.class-head th{text-align:left;padding:10px 6px 4px;font-size:1.05em;border-bottom:2px solid}
.cx{display:inline-block;min-width:2.6em;color:#fff;border-radius:3px;padding:0 5px;text-align:center}
.kind{font-weight:400;font-size:.8em;text-transform:uppercase;letter-spacing:.05em;
border:1px solid currentColor;border-radius:3px;padding:0 4px;margin-left:4px}
.meaning{font-weight:400;color:var(--muted);margin-left:6px}
.count{float:right;font-weight:400;color:var(--muted);font-size:.85em}
.count::after{content:" codes"}
td.code{font-weight:700;font-size:1.08em;font-variant-numeric:tabular-nums}
td.phrase b{display:block}
td.phrase code{display:block;font-size:.74em;color:var(--muted)}
td.rfc{white-space:nowrap;font-variant-numeric:tabular-nums}
td.q850 b{font-variant-numeric:tabular-nums}
.qname{display:block;font-family:"Liberation Mono","DejaVu Sans Mono",Menlo,Consolas,monospace;
font-size:.74em;color:var(--muted)}
td.q850.none{color:var(--muted)}
.status,.default{display:inline-block;font-size:.74em;font-weight:700;text-transform:uppercase;
letter-spacing:.03em;border-radius:3px;padding:0 4px;line-height:1.35}
td .status{display:block;width:max-content;margin-top:2px}
.status.deprecated{background:#fde7c8;color:#7a4300}
.status.historic{background:#e4e4e4;color:#444}
.default{background:#e8eaf6;color:#283593;margin-left:4px}
tr.deprecated td.phrase b,tr.historic td.phrase b{color:var(--muted)}
footer{margin-top:12px;color:var(--muted);font-size:.85em}
]] .. (function()
  local parts = {}
  for k = 1, 6 do
    parts[k] = format(".k%d .cx{background:var(--k%d)}.k%d tr.class-head th{color:var(--k%d);"
      .. "border-bottom-color:var(--k%d)}.legend li.k%d{border-left-color:var(--k%d)}",
      k, k, k, k, k, k, k)
  end
  return concat(parts, "\n")
end)() .. [[

@media screen and (max-width:760px){
body{font-size:15px}
.page{padding:12px 10px 24px}
.legend{grid-template-columns:1fr}
table.codes,table.codes tbody,table.codes tr,table.codes td,table.codes th{display:block;width:auto}
table.codes colgroup,table.codes thead{display:none}
tr.class-head th{padding-top:16px}
.count{float:none;display:block;margin-top:2px}
.meaning{display:block;margin:2px 0 0}
table.codes tr[data-code]{display:grid;grid-template-columns:3.3em minmax(0,1fr) auto;
column-gap:8px;border-bottom:1px solid var(--rule);padding:6px 0}
table.codes tr[data-code] td{border:0;padding:0}
td.code{grid-column:1;grid-row:1 / span 2}
td.phrase{grid-column:2 / 4}
td.desc{grid-column:2 / 4;margin-top:2px}
td.rfc{grid-column:2;margin-top:3px;font-size:.85em;color:var(--muted)}
td.rfc .status{display:inline-block;margin:0 0 0 6px}
td.q850{grid-column:3;margin-top:3px;font-size:.85em;text-align:right}
td.q850 .qname{display:inline;margin-left:4px}
td.q850::before{content:"Q.850 ";color:var(--muted)}
}

@page{margin:6mm 7mm 6mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:6.3pt;line-height:1.13}
.page{max-width:none;padding:0}
header{border-bottom-width:1.2pt;padding-bottom:1.5pt;margin-bottom:3pt}
h1{font-size:12pt}
header p{font-size:7pt}
h2{font-size:6pt;margin-bottom:.8pt}
.legend{grid-template-columns:minmax(0,1fr) minmax(0,1.5fr);gap:2pt 12pt;margin-bottom:3pt;font-size:6.2pt}
.legend li{margin-bottom:.4pt;padding-left:3pt;border-left-width:2pt}
.legend .classes li{grid-template-columns:7.4em minmax(0,1fr)}
thead th{font-size:5.4pt;padding:.6pt 2.5pt;border-bottom-width:.8pt}
td{padding:.9pt 2.5pt .8pt;border-bottom-width:.4pt}
tr.class-head th{padding:2.6pt 2.5pt .8pt;font-size:6.8pt;border-bottom-width:.9pt}
.cx{border-radius:2pt;padding:0 3pt}
.kind{font-size:5.2pt;padding:0 2pt}
tr,td,tr.class-head{break-inside:avoid}
tr.class-head{break-after:avoid}
td.code{font-size:7pt}
td.phrase code,.qname{font-size:4.9pt}
.status,.default{font-size:4.9pt;padding:0 2pt}
td .status{margin-top:.5pt}
.w-code{width:7mm}.w-phrase{width:37mm}.w-rfc{width:12mm}.w-q850{width:27mm}
footer{margin-top:3pt;font-size:5.4pt}
}
]]

--- The heading's sentence, from the data: how many codes the IANA registry
-- holds (current and deprecated ones) and which historic codes, defined only
-- by an obsolete RFC, the sheet shows besides.
local function intro_html(groups)
  local registered, historic, rfcs, seen = 0, {}, {}, {}
  for _, g in ipairs(groups) do
    for _, e in ipairs(g) do
      if e.status == "historic" then
        historic[#historic + 1] = tostring(e.code)
        if not seen[e.rfc] then
          seen[e.rfc] = true
          rfcs[#rfcs + 1] = "RFC&#160;" .. e.rfc
        end
      else
        registered = registered + 1
      end
    end
  end
  local besides = ""
  if #historic > 0 then
    besides = format(" and the %d historic %s only the obsolete %s defined (%s)",
      #historic, #historic == 1 and "code" or "codes", concat(rfcs, ", "),
      concat(historic, ", "))
  end
  return format("<p>The %d codes of the IANA SIP response-code registry%s, each phrase"
    .. " spelled as its RFC spells it.</p>", registered, besides)
end

--- The reference sheet: one self-contained HTML page (UTF-8) with every
-- code of the table.  Always returns a string.
function M.html()
  local groups = by_class()
  return concat({
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>SIP response codes: reference sheet</title>",
    "<style>", CSS, "</style>",
    "</head>",
    "<body>",
    '<div class="page">',
    "<header>",
    "<h1>SIP response codes</h1>",
    intro_html(groups),
    "</header>",
    legend_html(groups),
    table_html(groups),
    format("<footer>Generated by %s from its own table (<code>sipcode --html</code>)."
      .. " Descriptions are summaries; the defining RFC is the authority.</footer>",
      escape(sipcodes._VERSION)),
    "</div>",
    "</body>",
    "</html>",
    "",
  }, "\n")
end

return M
