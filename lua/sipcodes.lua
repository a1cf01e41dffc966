-- sipcodes: what a Lua script should know about a SIP response code.
--
-- The C core (sipcodes.core) holds the code table, builds the entries and
-- the module table, and loads the pattern queries and the semantics on
-- first use.  This file adds the per-code functions a script calls on every
-- message, in Lua because LuaJIT compiles a Lua function into its caller's
-- trace but not a call into C (bench/ measures it): each reads a cache the
-- core fills on the first question about a code, and calls the core only
-- for a value it has never seen.  Kept small: its compilation is most of
-- what require("sipcodes") costs.

local core = require("sipcodes.core")

local entries, reasons, classes = core.entries, core.reasons, core.classes
local lookup_misses, reason_misses = core.lookup_misses, core.reason_misses
local core_lookup, core_reason, core_class, core_is =
  core.lookup, core.reason, core.class, core.is

local M = core.module

--- The entry of a registered code, or nil and a message.
function M.lookup(code)
  local e = entries[code]
  if e then return e end
  local why = lookup_misses[code]
  if why then return nil, why end
  return core_lookup(code)
end

--- The phrase of a registered code; else `default` if given, or nil and a
-- message.
function M.reason(code, default)
  local r = reasons[code]
  if r then return r end
  local why = default == nil and reason_misses[code]
  if why then return nil, why end
  return core_reason(code, default)
end

--- The class 1..6 of any code 100..699, or nil and a message.
function M.class(code)
  local k = classes[code]
  if k then return k end
  return core_class(code)
end

--- False for 1xx, true for 2xx..6xx (RFC 3261 §7.2), or nil and a message.
function M.is_final(code)
  local k = classes[code]
  if k then return k ~= 1 end
  return core_is(code, 0, "sipcodes.is_final")
end

local function predicate(class, name)
  return function(code)
    local k = classes[code]
    if k then return k == class end
    return core_is(code, class, name)
  end
end

M.is_provisional = predicate(1, "sipcodes.is_provisional")
M.is_success = predicate(2, "sipcodes.is_success")
M.is_redirection = predicate(3, "sipcodes.is_redirection")
M.is_client_error = predicate(4, "sipcodes.is_client_error")
M.is_server_error = predicate(5, "sipcodes.is_server_error")
M.is_global_failure = predicate(6, "sipcodes.is_global_failure")

return M
