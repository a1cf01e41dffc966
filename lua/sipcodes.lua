-- sipcodes: what a Lua script should know about a SIP response code.
--
-- The C core (sipcodes.core) holds the code table, builds the entries and
-- answers the slow paths; calls go one way, Lua to C.  This file makes the
-- module table: the per-code functions a script calls on every message, in
-- Lua because LuaJIT compiles a Lua function into its caller's trace but
-- not a call into C (bench/ measures it): each reads a cache the core fills
-- on the first question about a code, and calls the core only for a value
-- it has never seen.  The pattern queries (sipcodes.query) and the
-- semantics (sipcodes.semantics) load on first use of one of their
-- functions.  Kept small: its compilation is most of what
-- require("sipcodes") costs.

local core = require("sipcodes.core")

-- The caches, handed over once (core.take): no table a script can reach
-- holds them.  A core whose caches an earlier load took is replaced by a
-- fresh one.
local entries, reasons, classes, lookup_misses, reason_misses, q850 = core.take()
if not entries then
  package.loaded["sipcodes.core"] = nil
  core = require("sipcodes.core")
  entries, reasons, classes, lookup_misses, reason_misses, q850 = core.take()
end

local core_lookup, core_reason, core_class, core_is, constant, each =
  core.lookup, core.reason, core.class, core.is, core.constant, core.each
local error, pairs, rawget, rawset, require, setmetatable, type =
  error, pairs, rawget, rawset, require, setmetatable, type

local M = {
  _VERSION = core._VERSION, class_name = core.class_name, code = core.code,
  resolve = core.resolve, each = each, q850 = q850,
  status_line = core.status_line, reason_header = core.reason_header,
  parse_status_line = core.parse_status_line, parse_reason = core.parse_reason,
}

--- The entry of a registered code, or nil and a message.
function M.lookup(code)
  local e = entries[code]
  if e then return e end
  local why = lookup_misses[code]
  if why then return nil, why end
  return core_lookup(code)
end

--- The phrase of a registered code; else `default` if given (a string),
-- or nil and a message.
function M.reason(code, default)
  local r = reasons[code]
  if r then return r end
  if default == nil then
    local why = reason_misses[code]
    if why then return nil, why end
    return core_reason(code)
  end
  r = core_reason(code)
  if r then return r end
  if type(default) ~= "string" then
    error("sipcodes.reason: bad argument #2 (default): string expected, got "
      .. type(default), 2)
  end
  return default
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

-- The layers and their functions.  A layer module returns a function that
-- makes the layer for one core.
local LAYER = {
  match = "sipcodes.query", find = "sipcodes.query", select = "sipcodes.query",
  best = "sipcodes.semantics", headers = "sipcodes.semantics",
  retry_after = "sipcodes.semantics",
}
local layers, stubs = {}, {}

-- The layer function k.  Its layer is made on first use, and its functions
-- stored in the module table (where the script has stored nothing of its
-- own).
local function field(k)
  local name = LAYER[k]
  local layer = layers[name]
  if not layer then
    layer = require(name)(core)
    layers[name] = layer
    for n, f in pairs(layer) do
      local v = rawget(M, n)
      if v == nil or v == stubs[n] then rawset(M, n, f) end
    end
  end
  return layer[k]
end

-- A table cannot remember a miss, so while __index is there, every
-- unregistered code read through sipcodes[c] costs a call.  A state that
-- shows it reads such codes pays once instead: every entry and constant is
-- stored in the module table, a small stub for each layer function (the
-- layers load on first call, as before), and __index goes.  Not done at
-- load, nor for the first few misses, where it would cost more than it
-- saves.
local UNKNOWN_BEFORE_COMPLETE = 32
local unknown = 0
local meta = { __metatable = false }

local function complete()
  for code, e in each() do
    if rawget(M, code) == nil then rawset(M, code, e) end
    if rawget(M, e.name) == nil then rawset(M, e.name, code) end
  end
  for k in pairs(LAYER) do
    if rawget(M, k) == nil then
      stubs[k] = function(...) return field(k)(...) end
      rawset(M, k, stubs[k])
    end
  end
  meta.__index = nil
end

-- The entry of a registered code (numbers only: sipcodes["486"] is nil),
-- the code of a constant name, or a layer function; each is stored in the
-- module table, so that the next read is a plain one.
function meta.__index(_, k)
  local v
  if type(k) == "number" then
    v = M.lookup(k)
    if v == nil then
      unknown = unknown + 1
      if unknown >= UNKNOWN_BEFORE_COMPLETE then complete() end
      return nil
    end
  elseif LAYER[k] then
    return field(k)
  else
    v = constant(k)
    if v == nil then return nil end
  end
  rawset(M, k, v)
  return v
end

return setmetatable(M, meta)
