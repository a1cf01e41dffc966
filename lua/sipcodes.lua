-- sipcodes: what a Lua script should know about a SIP response code.
-- Lua calls C (sipcodes.core), never the other way.  The per-code functions
-- are Lua, so that LuaJIT compiles them into the caller's trace: each reads
-- a cache the core fills and hands over once (core.take), and calls the
-- core only for a value it has never seen.  The rest loads on first use.
-- Kept short and with few names: compiling it is most of what require costs.

-- A core of its own (take() takes it out of package.loaded again).
package.loaded["sipcodes.core"] = nil
local core = require("sipcodes.core")
local entries, reasons, classes, lookup_misses, reason_misses, M = core.take()
local lookup, reason, class, is, index =
  core.lookup, core.reason, core.class, core.is, core.index

--- The entry of a registered code, or nil and a message.
function M.lookup(code)
  local e = entries[code]
  if e then return e end
  local why = lookup_misses[code]
  if why then return nil, why end
  return lookup(code)
end

--- The phrase of a registered code; else `default` if given (a string, or
-- core.reason raises at the caller's line: no tail call), or nil, message.
function M.reason(code, default)
  local r = reasons[code]
  if r then return r end
  local why = default == nil and reason_misses[code]
  if why then return nil, why end
  r, why = reason(code, default)
  if r then return r end
  return nil, why
end

--- The class 1..6 of any code 100..699, or nil and a message.
function M.class(code)
  local k = classes[code]
  if k then return k end
  return class(code)
end

--- False for 1xx, true for 2xx..6xx (RFC 3261 §7.2), or nil and a message.
function M.is_final(code)
  local k = classes[code]
  if k then return k ~= 1 end
  return is(code, 0)
end

-- The predicate of class n; core.is names it in its messages.
local function predicate(n)
  return function(code)
    local k = classes[code]
    if k then return k == n end
    return is(code, n)
  end
end

M.is_provisional = predicate(1)
M.is_success = predicate(2)
M.is_redirection = predicate(3)
M.is_client_error = predicate(4)
M.is_server_error = predicate(5)
M.is_global_failure = predicate(6)

-- __index: an entry or a constant (stored in M), nil, or false: then
-- sipcodes.lazy answers (layer functions, many unknown codes).
local meta = { __metatable = false }
function meta.__index(_, k)
  local v = index(M, k)
  if v == false then return require("sipcodes.lazy")(M, k, meta, core) end
  return v
end

return setmetatable(M, meta)
