-- sipcodes: what a Lua script should know about a SIP response code.
--
-- The code table and the entries live in the C core (sipcodes.core).  This
-- file keeps the hot per-code functions in Lua, because LuaJIT compiles a
-- Lua function into its caller's trace but not a call into C: each one reads
-- a cache the core fills on the first question about a code, and calls the
-- core only on a miss.  bench/ measures that choice.  The pattern queries
-- and the protocol semantics are other files, loaded on first use.

local core = require("sipcodes.core")

local entries, reasons, classes = core.entries, core.reasons, core.classes
local core_lookup, core_reason, core_class, core_is =
  core.lookup, core.reason, core.class, core.is
local core_index, core_next = core.index, core.next
local pairs, rawset, require, setmetatable, type =
  pairs, rawset, require, setmetatable, type

local M = { _VERSION = "sipcodes 1.0.0" }

--- The entry of a registered code, or nil and a message.
function M.lookup(code)
  local e = entries[code]
  if e then return e end
  return core_lookup(code)
end

--- The reason phrase of a registered code; `default` (a string) when the
-- code is not registered, else nil and a message.
function M.reason(code, default)
  local r = reasons[code]
  if r then return r end
  return core_reason(code, default)
end

--- The class digit 1..6 of any code 100..699, or nil and a message.
function M.class(code)
  local k = classes[code]
  if k then return k end
  return core_class(code)
end

local function predicate(class, name)
  return function(code)
    local k = classes[code]
    if k then return k == class end
    return core_is(code, class, name)
  end
end

--- True for 2xx..6xx, false for 1xx (RFC 3261 §7.2), or nil and a message.
function M.is_final(code)
  local k = classes[code]
  if k then return k ~= 1 end
  return core_is(code, 0, "sipcodes.is_final")
end

M.is_provisional = predicate(1, "sipcodes.is_provisional")
M.is_success = predicate(2, "sipcodes.is_success")
M.is_redirection = predicate(3, "sipcodes.is_redirection")
M.is_client_error = predicate(4, "sipcodes.is_client_error")
M.is_server_error = predicate(5, "sipcodes.is_server_error")
M.is_global_failure = predicate(6, "sipcodes.is_global_failure")

M.class_name = core.class_name
M.code = core.code
M.resolve = core.resolve

--- Iterates over every registered code in ascending order: code, entry.
function M.each()
  return core_next, nil, 0
end

-- Fields of the layers loaded on first use: name -> module.
local QUERY, SEMANTICS = "sipcodes.query", "sipcodes.semantics"
local layers = {
  match = QUERY, find = QUERY, select = QUERY,
  best = SEMANTICS, status_line = SEMANTICS, parse_status_line = SEMANTICS,
  reason_header = SEMANTICS, parse_reason = SEMANTICS, q850 = SEMANTICS,
  headers = SEMANTICS, retry_after = SEMANTICS,
}

-- Replaces the module's metatable by plain fields, so that indexing with a
-- code that is not registered no longer costs a function call.  A table
-- cannot remember a miss, so this is done once a state has shown that it
-- asks for unknown codes, not at load, where every script would pay for it.
local UNKNOWN_BEFORE_COMPLETE = 8
local unknown = 0

local function complete(t)
  for code, e in core_next, nil, 0 do
    rawset(t, code, e)
    rawset(t, e.name, code)
  end
  for name, layer in pairs(layers) do
    rawset(t, name, require(layer)[name])
  end
  setmetatable(t, nil)
end

setmetatable(M, {
  __index = function(t, key)
    local v = core_index(key)
    if v ~= nil then
      rawset(t, key, v)
      return v
    end
    local layer = layers[key]
    if layer then
      v = require(layer)[key]
      rawset(t, key, v)
      return v
    end
    if type(key) == "number" then
      unknown = unknown + 1
      if unknown >= UNKNOWN_BEFORE_COMPLETE then complete(t) end
    end
    return nil
  end,
})

return M
