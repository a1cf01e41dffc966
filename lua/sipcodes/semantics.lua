-- sipcodes.semantics: what a routing script needs beyond a lookup.
-- Made by sipcodes on first use of one of its functions: this module
-- returns a function that makes the layer for a core (sipcodes.core).  The
-- builders, the parsers and the Q.850 tables are C, in the core; the rules
-- that are choices over codes are here.  Every function names the RFC
-- section it implements.

return function(core)

local tocode, describe = core.tocode, core.describe
local next, type = next, type

local S = {}

-- RFC 3261 §16.7 step 6: within 4xx, responses that let the request be
-- resubmitted come first.
local PREFERRED_4XX = { [401] = true, [407] = true, [415] = true, [420] = true, [484] = true }

-- Each ranking gives a code a priority, the lowest wins.  The preferred
-- 4xx codes are ascending, so their own value orders them as listed.
-- RFC 3261 §16.7: a 2xx is forwarded at once (step 5), so it is what was
-- sent; among the stored responses (step 6) any 6xx, else the lowest
-- class, the preferred 4xx first, then the lowest code.
local function rank_rfc(code, k)
  if k == 2 then return code - 200 end
  if k == 6 then return 1000 + code - 600 end
  if k == 4 and not PREFERRED_4XX[code] then return 4100 + code % 100 end
  return k * 1000 + code % 100
end

local RANKINGS = {
  rfc3261 = rank_rfc,
  -- Kamailio tm (t_reply.c get_prio, remap_503_500 on by default) ranks
  -- exactly so.
  kamailio = rank_rfc,
  -- OpenSIPS tm (t_reply.c branch_prio): 2xx, 6xx, 3xx, the preferred
  -- 4xx, the other 4xx and 5xx; 408 and 503 rank after every other
  -- failure.
  opensips = function(code, k)
    if code == 408 then return 800 end
    if code == 503 then return 801 end
    if k == 2 then return code end
    if k == 6 then return code - 300 end
    if k == 3 then return code + 100 end
    if PREFERRED_4XX[code] then
      return code == 401 and 500 or code == 407 and 501 or code == 415 and 502
        or code == 420 and 503 or 504
    end
    return code + 200
  end,
}

local BEST_OPTIONS = { method = true, pass_503 = true, ranking = true }

local function bad(fname, what)
  return nil, "sipcodes." .. fname .. ": " .. what
end

--- The response a stateful proxy sends upstream from the final responses
-- of its branches (RFC 3261 §16.7 step 6):
--  - a 2xx wins: the proxy forwarded it at once (step 5);
--  - else any 6xx; otherwise the lowest class;
--  - within 4xx, 401, 407, 415, 420 and 484 come first;
--  - then the lowest code;
--  - a chosen 503 is sent as 500 (§16.7 step 6), unless opts.pass_503;
--  - no final response: 408 for INVITE (the default method), nil and a
--    message for other methods (RFC 4320 §4.2: no 408 to a non-INVITE
--    request); method names are case-sensitive (RFC 3261 §7.1).
-- Provisional codes in the list are skipped; unknown codes rank by class.
-- opts.ranking chooses a proxy's own ranking:
--  "kamailio"  tm's is the RFC reading above (503 becomes 500 by its
--              remap_503_500 default);
--  "opensips"  tm ranks 408 and 503 after every other failure, and sends
--              a 503 on as it is (pass_503 defaults to true).
-- opts: method (string), pass_503 (boolean), ranking ("rfc3261",
-- "kamailio", "opensips").
function S.best(codes, opts)
  if type(codes) ~= "table" then
    return bad("best", "expected a list of codes, got " .. type(codes))
  end
  if opts ~= nil and type(opts) ~= "table" then
    return bad("best", "expected a table of options, got " .. type(opts))
  end
  opts = opts or {}
  -- A misspelt option would otherwise change the answer without a word.
  for k in next, opts do
    if not BEST_OPTIONS[k] then
      return bad("best", "unknown option " .. describe(k) .. " (known: method, pass_503, ranking)")
    end
  end
  local ranking = opts.ranking or "rfc3261"
  local prio = RANKINGS[ranking]
  if not prio then
    return bad("best", "unknown ranking " .. describe(ranking)
      .. " (known: rfc3261, kamailio, opensips)")
  end
  local method = opts.method
  if method ~= nil and type(method) ~= "string" then
    return bad("best", "option 'method' must be a string, got " .. type(method))
  end
  local pass_503 = opts.pass_503
  if pass_503 ~= nil and type(pass_503) ~= "boolean" then
    return bad("best", "option 'pass_503' must be a boolean, got " .. type(pass_503))
  end
  local best, best_prio
  for i = 1, #codes do
    local code = tocode(codes[i])
    if not code then return tocode(codes[i], "sipcodes.best: item " .. i) end
    local k = (code - code % 100) / 100
    if k > 1 then
      local p = prio(code, k)
      if not best or p < best_prio then best, best_prio = code, p end
    end
  end
  if not best then
    if method == nil or method == "INVITE" then return 408 end
    return bad("best", "no final response, and no 408 for a non-INVITE "
      .. "request (RFC 4320 §4.2)")
  end
  if pass_503 == nil then pass_503 = ranking == "opensips" end
  if best == 503 and not pass_503 then return 500 end
  return best
end

-- Header fields that a response with the code MUST carry, with the rule
-- that requires each.
local REQUIRED = {
  [199] = { "Reason" },               -- RFC 6228 §5, §6
  [401] = { "WWW-Authenticate" },     -- RFC 3261 §21.4.2, §22.2
  [405] = { "Allow" },                -- RFC 3261 §21.4.6
  [407] = { "Proxy-Authenticate" },   -- RFC 3261 §21.4.8, §22.3
  -- RFC 3261 §21.4.13: whichever of the three names what was refused.
  [415] = { "Accept", "Accept-Encoding", "Accept-Language" },
  [420] = { "Unsupported" },          -- RFC 3261 §21.4.15
  [421] = { "Require" },              -- RFC 3261 §21.4.16
  [422] = { "Min-SE" },               -- RFC 4028 §6
  [423] = { "Min-Expires" },          -- RFC 3261 §10.3 step 7
  [424] = { "Geolocation-Error" },    -- RFC 6442 §4.3
  [425] = { "AlertMsg-Error" },       -- RFC 8876 §5.1
  [469] = { "Recv-Info" },            -- RFC 6086 §4.2.2
  [494] = { "Security-Server" },      -- RFC 3329 §2.3.1
  [608] = { "Call-Info" },            -- RFC 8688 §3.1
}

--- The header fields a response with this code must carry beyond those
-- every response carries (Via, From, To, Call-ID, CSeq): a new list,
-- empty when there are none; nil and a message for a value that is not a
-- code.
function S.headers(code)
  local c, err = tocode(code, "sipcodes.headers")
  if not c then return nil, err end
  local list = REQUIRED[c] or {}
  local out = {}
  for i = 1, #list do out[i] = list[i] end
  return out
end

-- RFC 3261 §20.33: the responses on which Retry-After is defined.
local RETRY_AFTER = {
  [404] = true, [413] = true, [480] = true, [486] = true,
  [500] = true, [503] = true, [600] = true, [603] = true,
}

--- True when RFC 3261 §20.33 defines Retry-After on the code, false for
-- any other code, nil and a message for a value that is not a code.
function S.retry_after(code)
  local c, err = tocode(code, "sipcodes.retry_after")
  if not c then return nil, err end
  return RETRY_AFTER[c] == true
end

return S
end
