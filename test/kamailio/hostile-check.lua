-- hostile-check.lua: reads back, with sipcodes, what Kamailio sent during
-- test/kamailio/hostile.py (its record file, the first argument):
--
--   status <case> <code|-> <built> <n>   a status line the caller got;
--     built 1: made by the routing script with sipcodes (it must parse with
--     parse_status_line, with the code expected and sipcodes' phrase);
--     0: tm's own or a gateway's, relayed (it must parse); 2: a gateway's
--     broken one that Kamailio relays as it came (counted, not checked);
--   reason <case> <m> <n>   a Reason header value Kamailio sent: it must
--     parse with parse_reason.  m = -2: in a response; m = -1: in the
--     CANCEL a gateway got for a CANCEL without one, which must be the
--     Q.850 one; m >= 0: the last m bytes are the caller's own value, to be
--     passed on when it parses, else replaced by the Q.850 one.
--
-- Each record is followed by its n bytes and a newline.  Prints "ok ..." and
-- "FAIL ..." lines and "N passed, M failed"; exits non-zero on a failure.

local sipcodes = require("sipcodes")

local passed, failed = 0, 0
local function ok(text) passed = passed + 1; print("ok   " .. text) end
local function fail(text) failed = failed + 1; print("FAIL " .. text) end

-- A byte string as a short, printable label.
local function show(s)
  local t = s:sub(1, 60):gsub("[^\32-\126]", function(c)
    return ("\\x%02x"):format(c:byte())
  end)
  if #s > 60 then t = t .. ("...(%d bytes)"):format(#s) end
  return t
end

local file = assert(io.open(assert(arg[1], "usage: hostile-check.lua RECORDS"), "rb"))
local q850 = assert(sipcodes.q850.reason_header(16))
local counts = { status = 0, status_ok = 0, built = 0, relayed_raw = 0,
                 reason = 0, reason_ok = 0, replaced = 0, kept = 0 }
local failures = 0
local function problem(text)
  failures = failures + 1
  if failures <= 20 then fail(text) end
end

while true do
  local head = file:read("*l")
  if not head then break end
  local kind, case, a, b, n = head:match("^(%a+) (%S+) (%S+) (%S+) (%d+)$")
  if not kind then
    kind, case, a, n = head:match("^(%a+) (%S+) (%S+) (%d+)$")
  end
  assert(kind, "malformed record: " .. head)
  local data = file:read(tonumber(n)) or ""
  file:read(1)
  if kind == "status" then
    counts.status = counts.status + 1
    local built = b
    if built == "2" then
      counts.relayed_raw = counts.relayed_raw + 1
    else
      local code, reason = sipcodes.parse_status_line(data)
      local want = tonumber(a)
      if not code then
        problem(("%s: status line \"%s\" does not parse: %s"):format(case, show(data), reason))
      elseif want and code ~= want then
        problem(("%s: \"%s\": expected the code %d"):format(case, show(data), want))
      elseif built == "1"
          and reason ~= sipcodes.reason(code, sipcodes.class_name(code)) then
        problem(("%s: \"%s\": not sipcodes' phrase for %d"):format(case, show(data), code))
      else
        counts.status_ok = counts.status_ok + 1
        if built == "1" then counts.built = counts.built + 1 end
      end
    end
  elseif kind == "reason" then
    counts.reason = counts.reason + 1
    local m = tonumber(a)
    local value, sent = data, nil
    if m >= 0 then
      value, sent = data:sub(1, #data - m), data:sub(#data - m + 1)
    end
    local list, message = sipcodes.parse_reason(value)
    local want
    if m == -1 then
      want = q850
    elseif m >= 0 then
      want = sipcodes.parse_reason(sent) and sent or q850
    end
    if not list then
      problem(("%s: Reason \"%s\" does not parse: %s"):format(case, show(value), message))
    elseif want and value ~= want then
      problem(("%s: Reason \"%s\": expected \"%s\""):format(case, show(value), show(want)))
    else
      counts.reason_ok = counts.reason_ok + 1
      if sent and want == q850 then
        counts.replaced = counts.replaced + 1
      elseif sent then
        counts.kept = counts.kept + 1
      end
    end
  else
    error("unknown record: " .. head)
  end
end
file:close()

local checked = counts.status - counts.relayed_raw
if checked > 0 and counts.status_ok == checked then
  ok(("status lines parsed back with parse_status_line: %d/%d (%d built by the"
    .. " script, with sipcodes' phrase; %d broken ones of the gateway relayed"
    .. " as they came, not checked)"):format(counts.status_ok, checked, counts.built,
    counts.relayed_raw))
else
  fail(("status lines parsed back with parse_status_line: %d/%d"):format(
    counts.status_ok, checked))
end
if counts.reason > 0 and counts.reason_ok == counts.reason then
  ok(("Reason headers parsed back with parse_reason: %d/%d (caller's CANCEL"
    .. " Reason kept %d, replaced by the Q.850 one %d)"):format(counts.reason_ok,
    counts.reason, counts.kept, counts.replaced))
else
  fail(("Reason headers parsed back with parse_reason: %d/%d"):format(
    counts.reason_ok, counts.reason))
end
print(("%d passed, %d failed"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
