-- sipcodes.sheet: the reference sheet `sipcode --html` prints.  The browser
-- side (rendering, one row per code in the DOM, pages in print) is
-- test/sheet/run.sh; this spec checks the HTML string itself.
local sipcodes = require("sipcodes")
local sheet = require("sipcodes.sheet")

local function count(s, plain)
  local n, i = 0, 1
  while true do
    local a, b = s:find(plain, i, true)
    if not a then return n end
    n, i = n + 1, b + 1
  end
end

--- The <tr> of a code, or nil.
local function row_of(html, code)
  return html:match('(<tr id="c' .. code .. '"[^>]*>.-</tr>)')
end

--- Replaces sipcodes.q850.from_sip with `f` while `body` runs.
local function with_from_sip(f, body)
  local q850 = sipcodes.q850
  local saved = q850.from_sip
  q850.from_sip = f
  local ok, err = pcall(body)
  q850.from_sip = saved
  if not ok then error(err, 0) end
end

describe("sipcodes.sheet.escape", function()
  local escape = sheet.escape

  it("turns the five markup characters into entities", function()
    assert.equal("&amp;&lt;&gt;&quot;&#39;", escape("&<>\"'"))
    assert.equal("a &amp;&amp; b", escape("a && b"))
    assert.equal("&amp;amp;", escape("&amp;"))
  end)

  it("leaves plain text, UTF-8, tab and newlines as they are", function()
    assert.equal("Busy Here", escape("Busy Here"))
    assert.equal("RFC 3261 \194\167 8.1.3.2", escape("RFC 3261 \194\167 8.1.3.2"))
    assert.equal("a\tb\nc\r", escape("a\tb\nc\r"))
  end)

  it("makes hostile text inert", function()
    local hostile = '<script>alert("x")</script><img src=x onerror=\'y\'>'
    local out = escape(hostile)
    assert.is_nil(out:find("[<>\"']"))
    assert.equal('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
      .. '&lt;img src=x onerror=&#39;y&#39;&gt;', out)
    -- an attribute value cannot be closed from inside
    assert.is_nil(escape('" onmouseover="x'):find('"', 1, true))
    assert.is_nil(escape("' onmouseover='x"):find("'", 1, true))
  end)

  it("replaces control bytes HTML does not allow with U+FFFD", function()
    assert.equal("a&#xFFFD;b&#xFFFD;c&#xFFFD;", escape("a\0b\27c\127"))
    assert.equal("&#xFFFD;&#xFFFD;", escape("\1\31"))
  end)

  it("takes a number as its decimal text", function()
    assert.equal("486", escape(486))
  end)

  it("raises an error naming itself for a value that is not text", function()
    for _, v in ipairs({ true, {}, print }) do
      assert.error_matches(function() escape(v) end, "sipcodes%.sheet%.escape: expected a string")
    end
    assert.error_matches(function() escape(nil) end, "got nil")
  end)
end)

describe("sipcodes.sheet.html", function()
  local html = sheet.html()

  it("returns one HTML document, self-contained", function()
    assert.is_string(html)
    assert.matches("^<!DOCTYPE html>\n<html lang=\"en\">", html)
    assert.matches("</html>\n$", html)
    assert.equal(1, count(html, "<head>"))
    assert.equal(1, count(html, "<body>"))
    assert.equal(1, count(html, "<style>"))
    assert.equal(1, count(html, '<meta charset="utf-8">'))
    assert.equal(0, count(html, "<script"))
    assert.equal(0, count(html, "<link"))
    assert.is_nil(html:find("url%("), "a resource loaded from the style sheet")
    assert.is_nil(html:find("@import", 1, true))
    assert.is_nil(html:find("https?://"), "an external address")
  end)

  it("closes every element it opens", function()
    local void = { meta = true, col = true, wbr = true }
    local stack = {}
    for slash, tag in html:gmatch("<(/?)([%a][%w]*)[^>]*>") do
      tag = tag:lower()
      if slash == "/" then
        assert.equal(stack[#stack], tag, "</" .. tag .. "> closes <" .. tostring(stack[#stack]) .. ">")
        stack[#stack] = nil
      elseif not void[tag] then
        stack[#stack + 1] = tag
      end
    end
    assert.same({}, stack)
  end)

  it("has exactly one row per registered code, in ascending order", function()
    local rows = {}
    for code in html:gmatch('<tr id="c(%d+)"') do rows[#rows + 1] = tonumber(code) end
    local want = {}
    for code in sipcodes.each() do want[#want + 1] = code end
    assert.equal(77, #want)
    assert.same(want, rows)
  end)

  it("counts in its heading the registered codes and names the historic ones apart", function()
    local intro = html:match("<header>.-<p>(.-)</p>")
    assert.is_string(intro)
    local registered, historic = 0, {}
    for code, e in sipcodes.each() do
      if e.status == "historic" then historic[#historic + 1] = tostring(code)
      else registered = registered + 1 end
    end
    assert.equal(75, registered)
    assert.same({ "409", "411" }, historic)
    assert.equal("The 75 codes of the IANA SIP response-code registry and the 2 historic codes"
      .. " only the obsolete RFC&#160;2543 defined (409, 411), each phrase spelled as its RFC"
      .. " spells it.", intro)
    assert.is_nil(html:find("The 77 codes", 1, true))
  end)

  it("prints every field of every code in its row", function()
    for code, e in sipcodes.each() do
      local row = assert(row_of(html, code), "no row for " .. code)
      assert.truthy(row:find(">" .. code .. "</td>", 1, true), code)
      assert.truthy(row:find("<b>" .. sheet.escape(e.reason) .. "</b>", 1, true), code .. " phrase")
      assert.truthy(row:find((e.name:gsub("_", "_<wbr>")), 1, true), code .. " name")
      assert.truthy(row:find("RFC&#160;" .. e.rfc, 1, true), code .. " rfc")
      assert.truthy(row:find(sheet.escape(e.description), 1, true), code .. " description")
    end
  end)

  it("gives 406 and 606 each their own row with the phrase they share", function()
    assert.matches("<b>Not Acceptable</b><code>NOT_<wbr>ACCEPTABLE</code>", row_of(html, 406))
    assert.matches("<b>Not Acceptable</b><code>NOT_<wbr>ACCEPTABLE_<wbr>ANYWHERE</code>",
      row_of(html, 606))
  end)

  it("marks the deprecated and historic codes, and no current one", function()
    for code, e in sipcodes.each() do
      local row = row_of(html, code)
      if e.status == "current" then
        assert.is_nil(row:find('class="status', 1, true), code)
      else
        assert.truthy(row:find('<span class="status ' .. e.status .. '">' .. e.status .. "</span>",
          1, true), code)
      end
    end
    assert.equal("deprecated", sipcodes.lookup(202).status)
    assert.truthy(row_of(html, 202):find("deprecated</span>", 1, true))
    assert.truthy(row_of(html, 409):find("historic</span>", 1, true))
    assert.truthy(row_of(html, 411):find("historic</span>", 1, true))
  end)

  it("groups the rows by class, each group headed by its class name and kind", function()
    local kinds = { "provisional", "final", "final", "final", "final", "final" }
    local last = 0
    for class = 1, 6 do
      local body = html:match('<tbody class="k' .. class .. '">(.-)</tbody>')
      assert.is_string(body, "class " .. class)
      assert.truthy(body:find(sipcodes.class_name(class * 100), 1, true))
      assert.truthy(body:find('<span class="kind">' .. kinds[class] .. "</span>", 1, true))
      local n = 0
      for code in body:gmatch('<tr id="c(%d+)"') do
        code = tonumber(code)
        assert.equal(class, math.floor(code / 100))
        assert.is_true(code > last)
        last, n = code, n + 1
      end
      assert.equal(#sipcodes.match(class .. "xx"), n)
      assert.truthy(body:find('<span class="count">' .. n .. "</span>", 1, true))
    end
  end)

  it("shows the Q.850 cause RFC 3398 gives each code, or none", function()
    for code in sipcodes.each() do
      local row = row_of(html, code)
      local cause, name = sipcodes.q850.from_sip(code)
      if cause then
        assert.truthy(row:find("<b>" .. cause .. "</b>", 1, true), code)
        assert.truthy(row:find((name:gsub("_", "_<wbr>")), 1, true), code)
      else
        assert.truthy(row:find('<td class="q850 none">none</td>', 1, true), code)
      end
    end
    assert.truthy(row_of(html, 486):find("<b>17</b>", 1, true))
    assert.truthy(row_of(html, 487):find(">none<", 1, true))
    assert.truthy(row_of(html, 180):find(">none<", 1, true))
  end)

  it("marks a cause as a default exactly when from_sip says \"default\"", function()
    -- Whatever the installed mapping says today ...
    for code in sipcodes.each() do
      local _, _, default = sipcodes.q850.from_sip(code)
      local marked = row_of(html, code):find('class="default"', 1, true) ~= nil
      assert.equal(default == "default", marked, code)
    end
    -- ... and with a mapping that gives defaults.
    local from_sip = sipcodes.q850.from_sip
    with_from_sip(function(code, ...)
      local cause, name = from_sip(code, ...)
      if code == 417 or code == 608 then return cause, name, "default" end
      return cause, name
    end, function()
      local page = sheet.html()
      for _, code in ipairs({ 417, 608 }) do
        local row = row_of(page, code)
        assert.truthy(row:find('<td class="q850 is-default"><b>31</b>', 1, true), code)
        assert.truthy(row:find('<span class="default"', 1, true), code)
      end
      for _, code in ipairs({ 486, 404, 500 }) do
        assert.is_nil(row_of(page, code):find('class="default"', 1, true), code)
      end
    end)
  end)

  it("escapes every text it prints, the module's data included", function()
    local hostile = '<b onclick="x">&\'</b>'
    with_from_sip(function() return 31, hostile end, function()
      local page = sheet.html()
      assert.is_nil(page:find(hostile, 1, true))
      assert.truthy(page:find("&lt;b onclick=&quot;x&quot;&gt;&amp;&#39;&lt;/b&gt;", 1, true))
    end)
    -- The real data holds no markup character that escaping would change
    -- silently: every phrase appears escaped exactly as escape() gives it.
    for code, e in sipcodes.each() do
      assert.truthy(html:find(sheet.escape(e.description), 1, true), code)
    end
  end)

  it("has the legend: the classes, unknown codes, the Q.850 column", function()
    local legend = html:match('<section class="legend">(.-)</section>')
    assert.is_string(legend)
    for class = 1, 6 do
      assert.truthy(legend:find(class .. "xx " .. sipcodes.class_name(class * 100), 1, true))
    end
    assert.truthy(legend:find("RFC 3261 §8.1.3.2", 1, true))
    assert.truthy(legend:find("431 as <b>400</b>&#160;Bad Request", 1, true))
    assert.truthy(legend:find("<b>183</b>&#160;Session Progress", 1, true))
    assert.truthy(legend:find("RFC 3398 §8.2.6.1", 1, true))
    assert.truthy(legend:find("none for 1xx, 2xx and 487", 1, true))
  end)

  it("lays the page out for print and for a phone", function()
    assert.truthy(html:find("@media print{", 1, true))
    assert.truthy(html:find("@page{", 1, true))
    assert.truthy(html:find("@media screen and (max-width:760px){", 1, true))
    assert.truthy(html:find('<meta name="viewport" content="width=device-width, initial-scale=1">',
      1, true))
  end)

  it("returns the same page every time", function()
    assert.equal(html, sheet.html())
  end)
end)
