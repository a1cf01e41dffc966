-- hostile-routes.lua: the routing script of test/kamailio/hostile.sh.  It
-- loads examples/kamailio/sipcodes-routes.lua unchanged (its path is in
-- SIPCODES_EXAMPLE_ROUTES, in Kamailio's environment) and wraps each of its
-- routes with one log line per message, so that the test can tell which
-- messages reached the script and which Kamailio's own parser dropped:
--
--   sipcodes-hostile: request <method> <Call-ID>
--   sipcodes-hostile: reply <code> <Call-ID>
--   sipcodes-hostile: failure <Call-ID>
--
-- A value Kamailio cannot give (nil) is logged as "nil"; the wrappers add
-- no error of their own.

-- KSR is Kamailio's; the ksr_* functions are the routes it calls by name.
-- luacheck: globals KSR ksr_request_route ksr_reply_route ksr_failure_gateway

dofile(assert(os.getenv("SIPCODES_EXAMPLE_ROUTES"),
  "SIPCODES_EXAMPLE_ROUTES is not set"))

local tostring = tostring
local request_route = ksr_request_route
local reply_route = ksr_reply_route
local failure_gateway = ksr_failure_gateway

local function mark(what, value)
  KSR.info("sipcodes-hostile: " .. what .. " " .. tostring(value) .. " "
    .. tostring(KSR.pv.get("$ci")) .. "\n")
end

function ksr_request_route()
  mark("request", KSR.pv.get("$rm"))
  return request_route()
end

function ksr_reply_route()
  mark("reply", KSR.pv.get("$rs"))
  if reply_route then return reply_route() end
end

function ksr_failure_gateway()
  mark("failure", KSR.pv.get("$T_reply_code"))
  return failure_gateway()
end
