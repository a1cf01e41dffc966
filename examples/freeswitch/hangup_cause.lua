-- hangup_cause.lua: the script FreeSWITCH's mod_lua runs (README.md).
--
--   after a failed bridge, on the A-leg:
--     <action application="lua" data="hangup_cause.lua"/>
--   in a hangup hook, with session_in_hangup_hook=true:
--     api_hangup_hook=lua hangup_cause.lua reverse
--
-- The work is in sipcodes_hangup.lua, which takes `session` and
-- `freeswitch` as arguments so that it can be tested without FreeSWITCH.

local hangup = require("sipcodes_hangup")

local mode = argv and argv[1] or "bridge"

if not session then
  freeswitch.consoleLog("err", "hangup_cause.lua: no session (run it from the dialplan or a hangup hook)\n")
elseif mode == "bridge" then
  hangup.hangup_after_bridge_failure(session, freeswitch)
elseif mode == "reverse" then
  hangup.sip_for_hangup(session, freeswitch)
else
  freeswitch.consoleLog("err", "hangup_cause.lua: unknown mode '" .. tostring(mode)
    .. "' (bridge or reverse)\n")
end
