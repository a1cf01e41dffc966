-- sipcodes_hangup: for FreeSWITCH's mod_lua, the hangup cause of a call
-- from the SIP response of its B-leg, and the SIP response of a hangup
-- cause, with the "freeswitch" profile of sipcodes.q850 (the tables of
-- mod_sofia itself).  Every function takes FreeSWITCH's `session` and
-- `freeswitch` objects as arguments, so spec/freeswitch_spec.lua can run
-- them against stand-ins; hangup_cause.lua is the script FreeSWITCH runs.

local sipcodes = require("sipcodes")

local q850 = sipcodes.q850
local ipairs, match, tonumber, tostring = ipairs, string.match, tonumber, tostring

local M = {}

--- The cause given when there is neither a SIP code nor a FreeSWITCH cause
-- from the B-leg: what mod_sofia itself gives a response it has no row for
-- (sofia_glue_sip_cause_to_freeswitch), so junk and an unknown code agree.
M.FALLBACK_CAUSE = "NORMAL_UNSPECIFIED"

--- The channel variable sip_for_hangup stores the SIP code in, for CDRs.
M.SIP_CODE_VARIABLE = "sipcodes_sip_code"

local function log(freeswitch, level, msg)
  freeswitch.consoleLog(level, "sipcodes: " .. msg .. "\n")
end

-- Where the A-leg holds the B-leg's final response after a bridge, most
-- reliable first, each with the pattern that takes the code out of it.
local BLEG_VARIABLES = {
  { "last_bridge_proto_specific_hangup_cause", "^sip:(%d%d%d)$" },  -- "sip:486"
  { "sip_term_status", "^(%d%d%d)$" },                              -- "486"
}

--- The B-leg's SIP response code and the variable it was read from, or nil
-- when no variable holds a code 100..699 (a B-leg that is not SIP, that
-- never answered, or junk).
function M.bleg_sip_code(session)
  for _, v in ipairs(BLEG_VARIABLES) do
    local value = session:getVariable(v[1])
    local code = value and tonumber(match(value, v[2]))
    if code and sipcodes.class(code) then return code, v[1] end
  end
  return nil
end

--- The hangup cause FreeSWITCH gives a SIP response: name, Q.850 value
-- (16 for FreeSWITCH's own causes such as ORIGINATOR_CANCEL).  A code it
-- has no row for gives NORMAL_UNSPECIFIED; nil and a message for a value
-- that is not a code.
function M.cause_for_sip(code)
  local cause, name = q850.from_sip(code, "freeswitch")
  if not cause then return nil, name end
  return name, cause
end

-- FreeSWITCH's own cause for the B-leg, when it is one FreeSWITCH knows.
local function bleg_cause(session)
  local name = session:getVariable("last_bridge_hangup_cause")
  if name and match(name, "^%u[%u_]*$") and q850.to_sip(name, "freeswitch") then return name end
  return nil
end

--- After a failed bridge, hangs up the A-leg (`session`) with the cause
-- FreeSWITCH maps the B-leg's SIP response to: 486 -> USER_BUSY, 404 ->
-- UNALLOCATED_NUMBER, 487 -> ORIGINATOR_CANCEL, 603 -> CALL_REJECTED,
-- a code without a row (499) -> NORMAL_UNSPECIFIED.  Without a usable SIP
-- code it keeps FreeSWITCH's own B-leg cause (last_bridge_hangup_cause),
-- else M.FALLBACK_CAUSE.  An A-leg that is already gone is left alone.
-- Returns the cause name and the SIP code (nil when there was none).
function M.hangup_after_bridge_failure(session, freeswitch)
  local code, from = M.bleg_sip_code(session)
  local name, why
  if code then
    local cause
    name, cause = M.cause_for_sip(code)
    why = "B-leg answered " .. code .. " (" .. from .. "): " .. name .. " (Q.850 " .. cause .. ")"
  else
    name = bleg_cause(session)
    why = name and "no SIP code from the B-leg: its own cause " .. name
      or "no SIP code nor hangup cause from the B-leg: " .. M.FALLBACK_CAUSE
    name = name or M.FALLBACK_CAUSE
  end
  if session:ready() then
    log(freeswitch, "info", why .. ", hanging up the A-leg with it")
    session:hangup(name)
  else
    log(freeswitch, "notice", why .. ", but the A-leg is already gone")
  end
  return name, code
end

--- The SIP response FreeSWITCH (mod_sofia) sends for the channel's hangup
-- cause, read from hangup_cause (a name) or else hangup_cause_q850 (a
-- number): USER_BUSY -> 486, ORIGINATOR_CANCEL -> 487, a cause without a
-- row -> 480.  Logs the mapping and stores the code in the channel variable
-- M.SIP_CODE_VARIABLE.  Returns the code, or nil and a message (logged as
-- a warning) when the channel holds no cause FreeSWITCH knows.
-- NONE (0) is FreeSWITCH's "no cause yet": the profile maps it like
-- mod_sofia does (480, its default), but here it means there is none.
local function sip_for(cause)
  if not cause or cause == "NONE" or cause == "0" then return nil end
  return (q850.to_sip(cause, "freeswitch"))
end

function M.sip_for_hangup(session, freeswitch)
  local from = "hangup_cause"
  local cause = session:getVariable(from)
  local code = sip_for(cause)
  if not code then
    from = "hangup_cause_q850"
    cause = session:getVariable(from)
    code = sip_for(cause)
  end
  if not code then
    local msg = "no hangup cause to map (hangup_cause " .. tostring(session:getVariable("hangup_cause"))
      .. ", hangup_cause_q850 " .. tostring(session:getVariable("hangup_cause_q850")) .. ")"
    log(freeswitch, "warning", msg)
    return nil, msg
  end
  log(freeswitch, "info", from .. " " .. cause .. " is SIP " .. code .. " " .. sipcodes.reason(code))
  session:setVariable(M.SIP_CODE_VARIABLE, tostring(code))
  return code
end

return M
