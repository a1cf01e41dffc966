-- check.lua: the sipcodes fields tshark gave, against the module's own answers.
--
--   lua5.2 check.lua NAME FIELDS.tsv [PORT...]
--
-- FIELDS.tsv is the output of `tshark -T fields -E aggregator='|'` with the
-- columns of COLUMNS below, in that order.  For every frame this script
-- reads the UDP or TCP payload itself and works out, with the sipcodes
-- module, what the plugin must have added:
--   - a response Wireshark decoded (sip.Status-Line present): the response
--     fields of its first line;
--   - a payload that Wireshark did not decode as SIP (no status or request
--     line) on port 5060, 5061 or a PORT given that begins with "SIP/": the
--     same, plus the
--     note "not decoded as SIP by Wireshark", or the error "malformed status
--     line";
--   - every Reason header of a decoded message: the fields of each value, or
--     one `malformed` flag and a warning when the header does not parse;
--   - nothing for anything else.
-- Prints one line per check and "N passed, M failed" with NAME, and the
-- counts of responses and Reason values checked.

local sipcodes = require("sipcodes")
local q850 = sipcodes.q850

local COLUMNS = {
  "frame.number", "udp.srcport", "udp.dstport", "tcp.srcport", "tcp.dstport",
  "udp.payload", "tcp.payload", "sip.Status-Line", "sip.Request-Line",
  -- the response fields
  "sipcodes.code", "sipcodes.class", "sipcodes.class_name", "sipcodes.final",
  "sipcodes.registered", "sipcodes.reason", "sipcodes.phrase_registered",
  "sipcodes.resolves_to", "sipcodes.status", "sipcodes.q850",
  -- the Reason values
  "sipcodes.reason_value.protocol", "sipcodes.reason_value.cause",
  "sipcodes.reason_value.text", "sipcodes.reason_value.meaning",
  "sipcodes.reason_value.malformed",
  "_ws.expert.message",
}
local FIRST_RESPONSE, LAST_RESPONSE = 10, 19
local FIRST_REASON, LAST_REASON = 20, 24
local EXPERT = 25

if arg[1] == "--columns" then
  io.write(table.concat(COLUMNS, "\n"), "\n")
  os.exit(0)
end
local name, path = assert(arg[1]), assert(arg[2])
-- Ports given to SIP beyond 5060 and 5061 (tshark's -d udp.port==N,sip).
local SIP_PORTS = {["5060"] = true, ["5061"] = true}
for i = 3, #arg do SIP_PORTS[arg[i]] = true end

local passed, failed = 0, 0
local responses, reason_values = 0, 0
local function check(ok, label, want, got)
  if ok then
    passed = passed + 1
    print("ok   " .. name .. " " .. label)
  else
    failed = failed + 1
    print("FAIL " .. name .. " " .. label)
    print("       expected: " .. want)
    print("       got:      " .. got)
  end
  return ok
end

local function unhex(h)
  return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end))
end

local function bool(b) return b and "1" or "0" end

-- The label of a phrase in a message: printable ASCII, the rest as \xNN.
local function shown(s)
  return (s:gsub("[^ -~]", function(c) return string.format("\\x%02X", c:byte()) end))
end

-- The response columns and expert messages for a status line.
local function response(line, experts, slip)
  local code, phrase = sipcodes.parse_status_line(line, {lenient = true})
  if not code then
    experts[#experts + 1] = "malformed status line: " .. phrase
    return nil
  end
  local e = sipcodes.lookup(code)
  local same = e ~= nil and phrase:lower() == e.reason:lower()
  local cause = q850.from_sip(code)
  local cols = {
    tostring(code), tostring(sipcodes.class(code)), sipcodes.class_name(code),
    bool(sipcodes.is_final(code)), bool(e ~= nil), e and e.reason or "", bool(same),
    tostring(sipcodes.resolve(code).code), e and e.status or "", cause and tostring(cause) or "",
  }
  if not e then
    local r = sipcodes.resolve(code)
    experts[#experts + 1] = string.format(
      "unregistered SIP response code %d, treated as %d %s (RFC 3261 8.1.3.2)", code, r.code, r.reason)
  else
    if not same then
      experts[#experts + 1] = string.format('reason phrase "%s" is not the registered "%s"',
        shown(phrase), e.reason)
    end
    if e.status ~= "current" then
      experts[#experts + 1] = string.format("SIP response code %d is %s (RFC %d)", code, e.status, e.rfc)
    end
  end
  if slip then experts[#experts + 1] = "not decoded as SIP by Wireshark" end
  return cols, code .. " " .. shown(phrase)
end

-- The values of the Reason headers of a message: the header lines, folded
-- lines joined with one space.
local function reason_headers(message)
  local head = message:match("^(.-)\r?\n\r?\n") or message
  local lines = {}
  for l in (head .. "\n"):gmatch("([^\n]*)\n") do
    l = l:gsub("\r$", "")
    if l:match("^[ \t]") and #lines > 0 then
      lines[#lines] = lines[#lines] .. " " .. l:sub(2)
    else
      lines[#lines + 1] = l
    end
  end
  local values = {}
  for i = 2, #lines do
    local v = lines[i]:match("^[Rr][Ee][Aa][Ss][Oo][Nn][ \t]*:[ \t]*(.*)$")
    if v then values[#values + 1] = v end
  end
  return values
end

local function meaning(protocol, cause)
  if not cause then return nil end
  if protocol:upper() == "SIP" then return (sipcodes.reason(cause)) end
  if protocol:upper() == "Q.850" then return (q850.text(cause)) end
  return nil
end

-- The Reason columns, the number of values, and expert messages.
local function reasons(headers, experts)
  local cols = {{}, {}, {}, {}, {}}
  local count = 0
  for _, h in ipairs(headers) do
    local values, err = sipcodes.parse_reason(h)
    if values then
      for _, v in ipairs(values) do
        count = count + 1
        cols[1][#cols[1] + 1] = v.protocol
        if v.cause then cols[2][#cols[2] + 1] = tostring(v.cause) end
        if v.text then cols[3][#cols[3] + 1] = v.text end
        local m = meaning(v.protocol, v.cause)
        if m then cols[4][#cols[4] + 1] = m end
      end
    else
      count = count + 1
      cols[5][#cols[5] + 1] = "1"
      experts[#experts + 1] = "malformed Reason header: " .. err
    end
  end
  for i = 1, 5 do cols[i] = table.concat(cols[i], "|") end
  return cols, count
end

-- The plugin's messages among every expert message of a frame.
local OURS = {
  "^unregistered SIP response code ", '^reason phrase ".*" is not the registered ',
  "^SIP response code %d+ is ", "^malformed status line: ", "^not decoded as SIP by Wireshark$",
  "^malformed Reason header: ",
}
local function ours(list)
  local out = {}
  for m in (list .. "|"):gmatch("([^|]*)|") do
    for _, p in ipairs(OURS) do
      if m:match(p) then out[#out + 1] = m break end
    end
  end
  return table.concat(out, " / ")
end

local function sip_port(p) return SIP_PORTS[p] ~= nil end

local f = assert(io.open(path, "rb"))
local frames = 0
for row in f:lines() do
  local c = {}
  for cell in (row .. "\t"):gmatch("([^\t]*)\t") do c[#c + 1] = cell end
  for i = #c + 1, #COLUMNS do c[i] = "" end
  frames = frames + 1
  local frame = "frame " .. c[1]
  local payload = unhex(c[6] ~= "" and c[6] or c[7])
  local first = payload:match("^[^\n]*"):gsub("\r$", "")
  local decoded = c[8] ~= "" or c[9] ~= ""
  local slip = not decoded and first:sub(1, 4) == "SIP/"
    and (sip_port(c[2]) or sip_port(c[3]) or sip_port(c[4]) or sip_port(c[5]))
  local experts = {}
  local want_resp, label
  if c[8] ~= "" or slip then
    want_resp, label = response(first, experts, slip)
  end
  local got_resp = table.concat(c, "\t", FIRST_RESPONSE, LAST_RESPONSE)
  if want_resp then
    local want = table.concat(want_resp, "\t")
    if check(want == got_resp, frame .. ": " .. label .. (slip and " (not decoded as SIP)" or ""),
        want, got_resp) then
      responses = responses + 1
    end
  else
    check(got_resp:match("^\t*$"), frame .. ": no response fields", "(none)", got_resp)
  end
  local want_rv, count = reasons(decoded and reason_headers(payload) or {}, experts)
  local want = table.concat(want_rv, "\t")
  local got = table.concat(c, "\t", FIRST_REASON, LAST_REASON)
  if count > 0 then
    if check(want == got, frame .. ": " .. count .. " Reason value(s)", want, got) then
      reason_values = reason_values + count
    end
  else
    check(got:match("^\t*$"), frame .. ": no Reason value fields", "(none)", got)
  end
  want = table.concat(experts, " / ")
  got = ours(c[EXPERT])
  check(want == got, frame .. ": expert infos: " .. (want == "" and "none" or want), want, got)
end
f:close()
check(frames > 0, "frames read: " .. frames, "at least one", "none")
print(string.format("%s: %d responses checked, %d Reason values checked", name, responses, reason_values))
print(string.format("%d passed, %d failed", passed, failed))
os.exit(failed == 0 and 0 or 1)
