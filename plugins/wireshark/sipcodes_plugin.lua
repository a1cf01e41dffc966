-- sipcodes_plugin.lua: sipcodes in Wireshark and tshark.
--
-- A post-dissector: for every SIP response it adds a `sipcodes` subtree
-- (code, class, finality, registration, the registered phrase, what an RFC
-- 3261 user agent treats the code as, status, the RFC 3398 Q.850 cause),
-- and for every value of every Reason header (RFC 3326) its protocol,
-- cause, text and meaning.  Expert infos flag unregistered codes, phrases
-- that are not the registered ones, deprecated and historic codes, status
-- lines and Reason headers that do not parse.  UDP and TCP payloads on the
-- SIP ports that Wireshark did not decode as SIP (left as `data`, or as a
-- SIP continuation on TCP) but that begin with "SIP/" are read too: the
-- slips a broken device makes.
--
-- A call-outcome report (one row per INVITE: the final responses seen, the
-- one a proxy sends, its class, the Q.850 cause) is printed at the end of a
-- tshark run given `-X lua_script1:report` or `-o sipcodes.report:TRUE`,
-- and opens from the Telephony menu in the GUI.  See doc/wireshark.md.
--
-- The module is loaded with a plain require: LUA_PATH/LUA_CPATH or the
-- system Lua directories of the Lua that Wireshark links (5.2 for 4.0,
-- 5.4 for 4.4 and later).  This file must not be named sipcodes.lua: the
-- plugin's folder is searched first and it would load itself.

-- Wireshark's Lua API: globals the host defines.
-- luacheck: globals Proto ProtoField ProtoExpert Pref Field DissectorTable
-- luacheck: globals Listener TextWindow base expert register_postdissector
-- luacheck: globals register_menu retap_packets gui_enabled MENU_STAT_TELEPHONY

local sipcodes = require("sipcodes")
local q850 = sipcodes.q850

local byte, find, format, gsub, lower, match, sub, upper, rep =
  string.byte, string.find, string.format, string.gsub, string.lower,
  string.match, string.sub, string.upper, string.rep
local concat = table.concat
local ipairs, tostring, pcall = ipairs, tostring, pcall

-- "report" among the arguments of -X lua_script1:... prints the
-- call-outcome report, as the preference sipcodes.report does (for the
-- plugin installed in a plugin folder, which gets no arguments).
local want_report = false
for _, arg in ipairs({...}) do
  if arg == "report" then want_report = true end
end

local LENIENT = {lenient = true}

local proto = Proto("sipcodes", "SIP response codes (sipcodes)")

-- The field names are a contract: display filters and scripts use them.
local F = {
  code = ProtoField.uint16("sipcodes.code", "Code", base.DEC),
  class = ProtoField.uint8("sipcodes.class", "Class", base.DEC),
  class_name = ProtoField.string("sipcodes.class_name", "Class name"),
  final = ProtoField.bool("sipcodes.final", "Final"),
  registered = ProtoField.bool("sipcodes.registered", "Registered"),
  reason = ProtoField.string("sipcodes.reason", "Registered phrase"),
  phrase_registered = ProtoField.bool("sipcodes.phrase_registered",
    "Phrase is the registered one"),
  resolves_to = ProtoField.uint16("sipcodes.resolves_to", "Treated as", base.DEC),
  status = ProtoField.string("sipcodes.status", "Status"),
  q850 = ProtoField.uint8("sipcodes.q850", "Q.850 cause (RFC 3398)", base.DEC),
  rv_protocol = ProtoField.string("sipcodes.reason_value.protocol", "Protocol"),
  rv_cause = ProtoField.uint32("sipcodes.reason_value.cause", "Cause", base.DEC),
  rv_text = ProtoField.string("sipcodes.reason_value.text", "Text"),
  rv_meaning = ProtoField.string("sipcodes.reason_value.meaning", "Meaning"),
  rv_malformed = ProtoField.bool("sipcodes.reason_value.malformed", "Malformed"),
}
proto.fields = {
  F.code, F.class, F.class_name, F.final, F.registered, F.reason,
  F.phrase_registered, F.resolves_to, F.status, F.q850,
  F.rv_protocol, F.rv_cause, F.rv_text, F.rv_meaning, F.rv_malformed,
}

local E = {
  unregistered = ProtoExpert.new("sipcodes.unregistered",
    "Unregistered SIP response code", expert.group.PROTOCOL, expert.severity.WARN),
  phrase = ProtoExpert.new("sipcodes.phrase",
    "Reason phrase is not the registered one", expert.group.PROTOCOL, expert.severity.NOTE),
  status = ProtoExpert.new("sipcodes.not_current",
    "Deprecated or historic SIP response code", expert.group.PROTOCOL, expert.severity.NOTE),
  bad_line = ProtoExpert.new("sipcodes.malformed_status_line",
    "malformed status line", expert.group.MALFORMED, expert.severity.ERROR),
  not_sip = ProtoExpert.new("sipcodes.not_decoded",
    "not decoded as SIP by Wireshark", expert.group.PROTOCOL, expert.severity.NOTE),
  bad_reason = ProtoExpert.new("sipcodes.malformed_reason",
    "malformed Reason header", expert.group.MALFORMED, expert.severity.WARN),
}
proto.experts = {E.unregistered, E.phrase, E.status, E.bad_line, E.not_sip, E.bad_reason}

proto.prefs.report = Pref.bool("Call-outcome report at the end of a tshark run", false,
  "Print one row per INVITE (its final responses, the one a proxy sends, its class and "
  .. "Q.850 cause) when tshark ends: tshark -q -o sipcodes.report:TRUE -r FILE")

local f_sip = Field.new("sip")
local f_status_line = Field.new("sip.Status-Line")
local f_reason = Field.new("sip.Reason")
local f_request_line = Field.new("sip.Request-Line")
local f_continuation = Field.new("sip.continuation")
local f_data = Field.new("data.data")
local f_udp_src = Field.new("udp.srcport")
local f_udp_dst = Field.new("udp.dstport")
local f_tcp_src = Field.new("tcp.srcport")
local f_tcp_dst = Field.new("tcp.dstport")

-- ASCII case folding only: a phrase's bytes beyond ASCII compare as they are.
local function ascii_lower(s)
  return (gsub(s, "%u", lower))
end

-- The text of a value for an item's label: printable ASCII, the rest as \xNN.
local function shown(s)
  return (gsub(s, "[^ -~]", function(c) return format("\\x%02X", byte(c)) end))
end

-- Adds the fields of a response whose status line is `line` (raw bytes,
-- without CRLF) under `tree`, with `range` as their bytes.  Returns the
-- subtree, or nil when the line does not parse even leniently (then an
-- error expert info is added instead).
local function add_response(tree, range, line)
  local code, phrase = sipcodes.parse_status_line(line, LENIENT)
  if not code then
    tree:add_proto_expert_info(E.bad_line, "malformed status line: " .. phrase)
    return nil
  end
  local entry = sipcodes.lookup(code)
  local node = tree:add(proto, range, "Response: " .. code .. " " .. shown(phrase))
  node:add(F.code, range, code)
  node:add(F.class, range, sipcodes.class(code))
  node:add(F.class_name, range, sipcodes.class_name(code))
  node:add(F.final, range, sipcodes.is_final(code))
  node:add(F.registered, range, entry ~= nil)
  if entry then node:add(F.reason, range, entry.reason) end
  local same = entry ~= nil and ascii_lower(phrase) == ascii_lower(entry.reason)
  node:add(F.phrase_registered, range, same)
  local resolved = sipcodes.resolve(code)
  node:add(F.resolves_to, range, resolved.code):append_text(" (" .. resolved.reason .. ")")
  if entry then node:add(F.status, range, entry.status) end
  local cause, name, default = q850.from_sip(code)
  if cause then
    local item = node:add(F.q850, range, cause)
    item:append_text(" (" .. name .. (default == "default" and ", the RFC's default" or "") .. ")")
  end
  if not entry then
    node:add_proto_expert_info(E.unregistered, format(
      "unregistered SIP response code %d, treated as %d %s (RFC 3261 8.1.3.2)",
      code, resolved.code, resolved.reason))
  else
    if not same then
      node:add_proto_expert_info(E.phrase, format(
        'reason phrase "%s" is not the registered "%s"', shown(phrase), entry.reason))
    end
    if entry.status ~= "current" then
      node:add_proto_expert_info(E.status, format(
        "SIP response code %d is %s (RFC %d)", code, entry.status, entry.rfc))
    end
  end
  return node
end

-- The value of a header field from its raw bytes ("Reason: v\r\n"): after
-- the colon, folding (CRLF followed by whitespace) as one space, without
-- the leading whitespace and the line end.
local function header_value(raw)
  local colon = find(raw, ":", 1, true)
  if colon then raw = sub(raw, colon + 1) end
  raw = gsub(raw, "\r?\n[ \t]", " ")
  raw = gsub(raw, "\r?\n$", "")
  return (match(raw, "^[ \t]*(.-)$"))
end

-- The meaning of a Reason value's cause: the registered phrase of a SIP
-- cause, the Q.850 text of a Q.850 cause (protocol names compared without
-- case, RFC 3326 §2), else nil.
local function meaning(protocol, cause)
  if not cause then return nil end
  local p = upper(protocol)
  if p == "SIP" then return (sipcodes.reason(cause)) end
  if p == "Q.850" then return (q850.text(cause)) end
  return nil
end

-- Adds the values of one Reason header.
local function add_reason(tree, range)
  local value = header_value(range:raw())
  local node = tree:add(proto, range, "Reason: " .. shown(value))
  local values, err = sipcodes.parse_reason(value)
  if not values then
    node:add(F.rv_malformed, range, true)
    node:add_proto_expert_info(E.bad_reason, "malformed Reason header: " .. err)
    return
  end
  for _, v in ipairs(values) do
    local vt = node:add(proto, range, "Reason value: " .. shown(v.protocol)
      .. (v.cause and (" cause " .. v.cause) or ""))
    vt:add(F.rv_protocol, range, v.protocol)
    if v.cause then vt:add(F.rv_cause, range, v.cause) end
    if v.text then vt:add(F.rv_text, range, v.text) end
    local m = meaning(v.protocol, v.cause)
    if m then vt:add(F.rv_meaning, range, m) end
  end
end

-- Is `port` a SIP port: 5060, 5061, or one that Wireshark's preferences
-- give to SIP in the dissector table `table_name` ("udp.port", "tcp.port")?
local port_tables = {}
local function sip_port(table_name, port)
  if not port then return false end
  if port == 5060 or port == 5061 then return true end
  local t = port_tables[table_name]
  if t == nil then
    local ok, dt = pcall(DissectorTable.get, table_name)
    t = ok and dt or false
    port_tables[table_name] = t
  end
  if not t then return false end
  local ok, d = pcall(t.get_dissector, t, port)
  return ok and d ~= nil and lower(tostring(d)) == "sip"
end

local function on_sip_port()
  local us, ud = f_udp_src(), f_udp_dst()
  if us and (sip_port("udp.port", us.value) or sip_port("udp.port", ud.value)) then
    return true
  end
  local ts, td = f_tcp_src(), f_tcp_dst()
  return ts ~= nil and (sip_port("tcp.port", ts.value) or sip_port("tcp.port", td.value))
end

function proto.dissector(_, _, tree)
  local lines = {f_status_line()}
  local reasons = {f_reason()}
  if #lines > 0 or #reasons > 0 then
    local root = tree:add(proto)
    for _, fi in ipairs(lines) do
      add_response(root, fi.range, fi.range:raw())
    end
    for _, fi in ipairs(reasons) do
      add_reason(root, fi.range)
    end
    return
  end
  -- Not SIP to Wireshark: a payload on a SIP port that begins with "SIP/"
  -- and ended as data (UDP) or as a SIP continuation (TCP).
  local data
  if f_sip() then
    if f_request_line() then return end
    data = f_continuation()
  else
    data = f_data()
  end
  if not data then return end
  local payload = data.range:raw()
  if sub(payload, 1, 4) ~= "SIP/" or not on_sip_port() then return end
  local line = match(payload, "^[^\n]*")
  line = gsub(line, "\r$", "")
  local range = data.range(0, #line)
  local root = tree:add(proto, range)
  local sub_tree = add_response(root, range, line)
  if sub_tree then
    sub_tree:add_proto_expert_info(E.not_sip)
  end
end

register_postdissector(proto)

-- The call-outcome report ------------------------------------------------
-- One row per INVITE, keyed by Call-ID and CSeq number: every branch of a
-- fork is a client transaction of its own but shares the CSeq (RFC 3261
-- §16.6).  Each distinct final response counts once (a retransmission has
-- the same top Via branch, To tag and code).  Only the first SIP message of
-- a frame is read.

local f_method = Field.new("sip.Method")
local f_call_id = Field.new("sip.Call-ID")
local f_cseq_seq = Field.new("sip.CSeq.seq")
local f_cseq_method = Field.new("sip.CSeq.method")
local f_status_code = Field.new("sip.Status-Code")
local f_branch = Field.new("sip.Via.branch")
local f_to_tag = Field.new("sip.to.tag")

local calls, order = {}, {}

local function reset()
  calls, order = {}, {}
end

local function call_of(call_id, seq, frame)
  local key = call_id .. "\0" .. seq
  local c = calls[key]
  if not c then
    c = {call_id = call_id, seq = seq, frame = frame, finals = {}, seen = {}}
    calls[key] = c
    order[#order + 1] = c
  end
  return c
end

-- The first Q.850 cause among the Reason headers of a message, or nil.
local function q850_of_reasons(fields)
  for _, fi in ipairs(fields) do
    local values = sipcodes.parse_reason(header_value(fi.range:raw()))
    if values then
      for _, v in ipairs(values) do
        if upper(v.protocol) == "Q.850" and v.cause then return v.cause end
      end
    end
  end
  return nil
end

local function text(fi)
  return fi and tostring(fi.value) or nil
end

local function on_packet(pinfo)
  local call_id, seq, cseq_method = text(f_call_id()), f_cseq_seq(), text(f_cseq_method())
  if not (call_id and seq and cseq_method) then return end
  seq = seq.value
  local method = text(f_method())
  if method then
    if method == "INVITE" then
      call_of(call_id, seq, pinfo.number)
    elseif method == "CANCEL" then
      local cause = q850_of_reasons({f_reason()})
      if cause then
        local c = call_of(call_id, seq, pinfo.number)
        c.cancel_cause = c.cancel_cause or cause
      end
    end
    return
  end
  local code = f_status_code()
  if cseq_method ~= "INVITE" or not code or code.value < 200 then return end
  code = code.value
  local c = call_of(call_id, seq, pinfo.number)
  local key = (text(f_branch()) or "") .. "\0" .. (text(f_to_tag()) or "") .. "\0" .. code
  if c.seen[key] then return end
  c.seen[key] = true
  c.finals[#c.finals + 1] = {code = code, cause = q850_of_reasons({f_reason()})}
end

-- The report as a list of lines.
local function report_lines()
  local rows = {{"Call-ID", "CSeq", "Final responses", "Best", "Class", "Q.850 cause"}}
  local per_class = {}
  for _, c in ipairs(order) do
    local codes = {}
    for i, f in ipairs(c.finals) do codes[i] = f.code end
    local best = sipcodes.best(codes)
    local class = best and sipcodes.class_name(best) or "?"
    local cause, source
    for _, f in ipairs(c.finals) do
      if f.code == best and f.cause then cause, source = f.cause, "Reason" break end
    end
    if not cause and c.cancel_cause and best == 487 then
      cause, source = c.cancel_cause, "CANCEL Reason"
    end
    local name
    if cause then
      name = q850.name(cause)
    elseif best then
      local default
      cause, name, default = q850.from_sip(best)
      source = default == "default" and "RFC 3398 default" or "RFC 3398"
    end
    local q = "-"
    if cause then q = cause .. " " .. (name or "?") .. " (" .. source .. ")" end
    rows[#rows + 1] = {c.call_id, tostring(c.seq),
      #codes > 0 and concat(codes, " ") or "none", tostring(best or "-"), class, q}
    per_class[class] = (per_class[class] or 0) + 1
  end
  local widths = {}
  for _, r in ipairs(rows) do
    for i, cell in ipairs(r) do
      if not widths[i] or #cell > widths[i] then widths[i] = #cell end
    end
  end
  local out = {format("sipcodes call outcomes: %d INVITE%s", #order, #order == 1 and "" or "s")}
  for _, r in ipairs(rows) do
    local cells = {}
    for i, cell in ipairs(r) do
      cells[i] = i < #r and cell .. rep(" ", widths[i] - #cell) or cell
    end
    out[#out + 1] = concat(cells, "  ")
  end
  out[#out + 1] = "Outcomes by class:"
  for class = 1, 6 do
    local name = sipcodes.class_name(class * 100)
    if per_class[name] then out[#out + 1] = format("  %-15s %d", name, per_class[name]) end
  end
  if per_class["?"] then out[#out + 1] = format("  %-15s %d", "?", per_class["?"]) end
  return out
end

local listener = Listener.new("frame", "sip")
listener.packet = on_packet
listener.reset = reset
function listener.draw()
  if want_report or proto.prefs.report then
    io.stdout:write(concat(report_lines(), "\n"), "\n")
  end
end

if gui_enabled() then
  register_menu("sipcodes call outcomes", function()
    local win = TextWindow.new("sipcodes call outcomes")
    reset()
    retap_packets()
    win:set(concat(report_lines(), "\n") .. "\n")
  end, MENU_STAT_TELEPHONY)
end
