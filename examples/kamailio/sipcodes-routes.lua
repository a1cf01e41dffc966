-- sipcodes-routes.lua: Kamailio routing in Lua (KEMI) with sipcodes.
--
-- Loaded by kamailio.cfg beside this file (app_lua, cfgengine "lua").  What
-- it does depends on the user part of the Request-URI:
--
--   sip:486@host           the user names a code: reply 486 Busy Here, an
--                          INVITE statefully (tm; the transaction absorbs
--                          the ACK), anything else statelessly (sl).
--   sip:best-503-407-501-404@host
--                          the codes are the final answers of a fork:
--                          reply the one sipcodes.best picks (407 here).
--   sip:reason-486@host    reply 486 with a Reason header (RFC 3326) made
--                          by sipcodes.reason_header.
--   any other INVITE       relayed to the gateways in turn: the failure
--                          route picks what to do by the class of the
--                          gateway's answer (ksr_failure_gateway).
--   a CANCEL of it         relayed by tm to the gateway ringing, with a
--                          Reason header: the caller's when sipcodes.
--                          parse_reason accepts it, else one made by
--                          sipcodes.q850.reason_header (cause 16).
--   a CANCEL of nothing    (no transaction here) forwarded statelessly to
--                          the first gateway, RFC 3261 §16.10.
--   anything else          404 Not Found.
--
-- A gateway's answer whose code sipcodes.class refuses (099, 700, 999) is
-- never relayed: a final one counts as 502 Bad Gateway in the failure
-- route, any other is dropped (ksr_reply_route).
--
-- sipcodes is found through LUA_PATH and LUA_CPATH in Kamailio's
-- environment, as absolute paths: Kamailio changes its working directory.

-- KSR is Kamailio's; the ksr_* functions are the routes it calls by name.
-- luacheck: globals KSR ksr_request_route ksr_reply_route ksr_failure_gateway

local sipcodes = require("sipcodes")

local find, gmatch, sub = string.find, string.gmatch, string.sub
local tonumber, tostring = tonumber, tostring
local concat = table.concat

-- The gateways, tried in this order: SIP URIs separated by spaces, from
-- SIPCODES_GATEWAYS in Kamailio's environment.  Read once, when each
-- worker loads this script (KSR is not callable here, os.getenv is).
local GATEWAYS = {}
for uri in gmatch(os.getenv("SIPCODES_GATEWAYS")
    or "sip:127.0.0.1:5081 sip:127.0.0.1:5082", "%S+") do
  GATEWAYS[#GATEWAYS + 1] = uri
end

-- Transaction AVPs: set in the request route, read in the failure route.
local GW_AVP = "$avp(sipcodes_gw)"       -- index of the gateway tried
local CODES_AVP = "$avp(sipcodes_codes)" -- the gateways' codes, "503,408"

-- The phrase to send with a code: the registered one, else the name of
-- its class ("499 Client Error"), so that a reply never goes out with an
-- empty phrase.
local function phrase(code)
  return sipcodes.reason(code, sipcodes.class_name(code))
end

-- The code a user part names: three digits of a code 100..699, else nil.
local function named_code(s)
  if s and find(s, "^%d%d%d$") then
    local code = tonumber(s)
    if sipcodes.class(code) then return code end
  end
  return nil
end

-- Replies to the request: an INVITE statefully, so that tm retransmits a
-- final reply until the ACK comes and then absorbs it; anything else
-- statelessly.  A provisional code on an INVITE is followed by a final
-- 480, so that the transaction ends; a 3xx redirects to the first gateway.
local function reply(code)
  if sipcodes.is_redirection(code) and #GATEWAYS > 0 then
    -- Kamailio writes the Contact of a 3xx from the Request-URI set by the
    -- script and the branches: point the caller at the first gateway.
    KSR.pv.sets("$ru", GATEWAYS[1])
  end
  if KSR.pv.get("$rm") ~= "INVITE" then
    KSR.sl.sl_send_reply(code, phrase(code))
    return
  end
  -- t_newtran is 0 for a retransmission: tm has resent its last reply.
  if KSR.tm.t_newtran() <= 0 then return end
  KSR.tm.t_send_reply(code, phrase(code))
  if sipcodes.is_provisional(code) then
    KSR.tm.t_send_reply(480, phrase(480))
  end
end

-- The codes in a list such as "503-407-501-404", or nil when one is not a
-- code 100..699.
local function code_list(s)
  local codes = {}
  for digits in gmatch(s, "[^-]+") do
    local code = named_code(digits)
    if not code then return nil end
    codes[#codes + 1] = code
  end
  if #codes == 0 then return nil end
  return codes
end

-- The Reason header (RFC 3326) of a CANCEL that has none, or only a
-- malformed one: 'Q.850;cause=16;text="Normal call clearing"', since a
-- CANCEL ends the call normally (RFC 3398 §8.2.6.1 maps BYE and CANCEL to
-- cause 16).
local CANCEL_REASON = "Reason: " .. sipcodes.q850.reason_header(16) .. "\r\n"

-- nil when every Reason header of the request parses (sipcodes.parse_reason,
-- RFC 3326 §2), else the message of the first that does not.  Each header
-- is read on its own ($hdrc counts them, $(hdr(Reason)[i]) is the i-th).
local function malformed_reason(count)
  for i = 0, count - 1 do
    local value = KSR.pv.get("$(hdr(Reason)[" .. i .. "])")
    if type(value) ~= "string" then
      return "Reason header " .. (i + 1) .. " unreadable"
    end
    local ok, message = sipcodes.parse_reason(value)
    if not ok then return message end
  end
  return nil
end

-- Makes sure the caller's CANCEL carries a Reason header that parses: its
-- own when every one it has parses, else (none, or a malformed one: an
-- unterminated quote, a control character, bytes that are not UTF-8, over
-- 8 KB ...) CANCEL_REASON instead of all of them.  A malformed header is
-- never passed on: the gateway's parser may be less careful than ours.
--
-- tm does not relay the caller's CANCEL: it builds the one it sends to
-- the gateway from the INVITE it sent there, and copies into it the Reason
-- headers of the CANCEL as received (modparam e2e_cancel_reason, on by
-- default).  KSR.hdr.remove and KSR.hdr.append are only pending until the
-- message is sent, so tm would not see them: msg_apply_changes (textopsx)
-- writes them into the message.  False when the message cannot be used,
-- and then nothing is relayed: its rewrite did not parse, or its headers
-- do not parse (a bare LF inside a Reason value ends the line and leaves a
-- line that is no header).  RFC 3261 §16.3 step 1 would answer such a
-- request 400, but Kamailio builds no reply to a request whose headers it
-- cannot parse: it is dropped.
local function cancel_reason()
  -- $hdrc parses every header first; it is 0 when one does not parse.
  local count = tonumber(KSR.pv.get("$hdrc(Reason)")) or 0
  local problem = count > 0 and malformed_reason(count)
  if count > 0 and not problem then return true end
  if problem then
    KSR.warn("sipcodes: CANCEL with a malformed Reason header, replaced ("
      .. problem .. "), Call-ID " .. tostring(KSR.pv.get("$ci")) .. "\n")
    KSR.hdr.remove("Reason")
  end
  -- KSR.hdr.append parses every header first too: < 0 when one does not.
  if KSR.hdr.append(CANCEL_REASON) < 0 then
    KSR.warn("sipcodes: CANCEL whose headers do not parse, dropped, Call-ID "
      .. tostring(KSR.pv.get("$ci")) .. "\n")
    return false
  end
  local rc = KSR.textopsx.msg_apply_changes()
  if rc < 0 then
    KSR.warn("sipcodes: CANCEL relayed without a Reason header, Call-ID "
      .. tostring(KSR.pv.get("$ci")) .. "\n")
  end
  return rc ~= 0
end

-- Relays the INVITE to gateway n, with the failure route armed.
local function relay_to_gateway(n)
  KSR.pv.seti(GW_AVP, n)
  KSR.pv.sets("$du", GATEWAYS[n])
  KSR.tm.t_on_failure("ksr_failure_gateway")
  return KSR.tm.t_relay()
end

function ksr_request_route()
  if KSR.maxfwd.process_maxfwd(10) < 0 then
    KSR.sl.sl_send_reply(483, phrase(483))
    return
  end

  local method = KSR.pv.get("$rm")
  if method == "ACK" then
    -- The ACK of a negative reply belongs to its INVITE transaction: tm
    -- takes it and t_check_trans returns 0.  An ACK of a relayed 2xx goes
    -- on; any other is dropped.
    local rc = KSR.tm.t_check_trans()
    if rc == 0 then
      KSR.info("sipcodes: ACK absorbed by its transaction, Call-ID "
        .. KSR.pv.get("$ci") .. "\n")
    elseif rc > 0 then
      KSR.tm.t_relay()
    end
    return
  end
  if method == "CANCEL" then
    -- Before t_check_trans and t_relay: msg_apply_changes must come
    -- before tm has a transaction for the request.
    if not cancel_reason() then return end
    local rc = KSR.tm.t_check_trans()
    if rc > 0 then
      -- The INVITE's transaction is here: tm answers the CANCEL 200 and
      -- sends the gateway a CANCEL of its own.
      KSR.tm.t_relay()
    elseif rc < 0 and #GATEWAYS > 0 then
      -- No transaction: "It MUST statelessly forward the CANCEL request
      -- (it may have statelessly forwarded the associated request
      -- previously)", RFC 3261 §16.10.  To where the INVITE went, the
      -- first gateway: the CANCEL's Request-URI names this proxy (it is
      -- the INVITE's, §9.1), so KSR.forward() would send it back here, in
      -- a loop until Max-Forwards runs out.  The answer to it comes back
      -- through no transaction either, and the core forwards it to the
      -- caller by the Via.
      KSR.forward_uri(GATEWAYS[1])
    end
    return
  end

  local user = KSR.pv.get("$rU") or ""
  local code = named_code(user)
  if code then
    reply(code)
    return
  end

  if sub(user, 1, 5) == "best-" then
    -- The codes stand for the answers of the branches of a fork:
    -- sipcodes.best applies RFC 3261 §16.7 and returns the one to send
    -- (nil for a non-INVITE without a final answer: 404 below).
    local codes = code_list(sub(user, 6))
    local best = codes and sipcodes.best(codes, { method = method })
    if best then
      reply(best)
      return
    end
  elseif sub(user, 1, 7) == "reason-" then
    code = named_code(sub(user, 8))
    if code then
      -- 'Reason: SIP;cause=486;text="Busy Here"', in the reply.
      KSR.hdr.append_to_reply("Reason: " .. sipcodes.reason_header(code) .. "\r\n")
      reply(code)
      return
    end
  elseif method == "INVITE" and #GATEWAYS > 0 then
    if relay_to_gateway(1) < 0 then KSR.sl.sl_reply_error() end
    return
  end

  KSR.sl.sl_send_reply(404, phrase(404))
end

-- Runs for every response Kamailio receives, before tm or the core do
-- anything with it.  A code sipcodes.class refuses (not 100..699) is of no
-- class of RFC 3261 §7.2 ("SIP/2.0 allows six values for the first
-- digit"), and §16.7 only knows what to do with a response by its class
-- (1xx and 2xx forwarded at once, 3xx..6xx kept for the best): it must not
-- be relayed as it is.  Kamailio's parser takes any three digits, so:
--   - one of 700..999 that belongs to a transaction goes on to tm, which
--     takes it as a final failure: the failure route answers 502 for it;
--   - any other is dropped: tm would pass nothing below 100 on (its log
--     says "unable to decide whether to relay"), and the core would
--     forward one without a transaction upstream statelessly.
function ksr_reply_route()
  local code = KSR.pv.get("$rs")
  if sipcodes.class(code) then return end
  if type(code) == "number" and code >= 700 and KSR.tm.t_check_trans() > 0 then
    return
  end
  KSR.warn("sipcodes: response with the code " .. tostring(code)
    .. " dropped, Call-ID " .. tostring(KSR.pv.get("$ci")) .. "\n")
  KSR.set_drop()
end

-- Runs when the gateway tried last answered >= 300, or not at all (tm's own
-- 408).  What to do depends on the class of the answer:
--   5xx, or no answer  the gateway failed: try the next one; when none is
--                      left, reply the best of all their answers with a
--                      Reason header naming the last one;
--   no class           a code sipcodes.class refuses (700..999): taken as
--                      502 Bad Gateway, "received an invalid response from
--                      the downstream server" (RFC 3261 §21.5.3), and so
--                      as any 5xx; never relayed as it is (§16.7, see
--                      ksr_reply_route).  Not 500: the fault is the
--                      gateway's, not this proxy's (§21.5.1);
--   3xx, 4xx           the caller's to act on, or a refusal of the request
--                      or the callee that another gateway would repeat:
--                      tm relays it upstream;
--   6xx                global failure: the callee will be found nowhere
--                      else (RFC 3261 §16.7): relayed upstream too.
function ksr_failure_gateway()
  if KSR.tm.t_is_canceled() > 0 then return end

  -- tm sets 408 itself when the branch timed out; 0 or nil: no answer.
  local code = KSR.pv.get("$T_reply_code")
  if KSR.tm.t_branch_timeout() > 0 or not code or code == 0 then
    code = 408
  elseif not sipcodes.class(code) then
    KSR.warn("sipcodes: gateway " .. tostring(KSR.pv.get(GW_AVP))
      .. " answered the code " .. tostring(code) .. ", taken as 502\n")
    code = 502
  end
  local n = KSR.pv.get(GW_AVP) or 1
  local seen = KSR.pv.get(CODES_AVP)
  seen = seen and seen .. "," .. code or tostring(code)
  KSR.pv.sets(CODES_AVP, seen)

  if KSR.tm.t_branch_timeout() > 0 or sipcodes.is_server_error(code) then
    if n < #GATEWAYS then
      KSR.info("sipcodes: gateway " .. n .. " failed with " .. code
        .. ", trying gateway " .. (n + 1) .. "\n")
      if relay_to_gateway(n + 1) > 0 then return end
    end
    local codes = {}
    for c in gmatch(seen, "%d+") do codes[#codes + 1] = tonumber(c) end
    local best = sipcodes.best(codes)
    KSR.info("sipcodes: every gateway failed (" .. concat(codes, ", ")
      .. "), replying " .. best .. "\n")
    KSR.hdr.append_to_reply("Reason: " .. sipcodes.reason_header(code) .. "\r\n")
    KSR.tm.t_reply(best, phrase(best))
  elseif sipcodes.is_global_failure(code) then
    KSR.info("sipcodes: global failure " .. code .. ", no failover\n")
  end
end
