-- sipcodes.lazy: what the module table's __index does beyond entries and
-- constants (lua/sipcodes.lua), loaded the first time it is needed.  This
-- module returns the function __index hands the rest to, called with the
-- module table, the key, the module table's metatable and the core; what
-- it makes for a module table it keeps in that metatable (field `lazy`),
-- which no script reaches short of the debug library:
--  - a field made by a part of the core (core.open: the builders, the
--    parsers, q850), made on first use and stored in the module table;
--  - a layer function (sipcodes.query, sipcodes.semantics): its layer is
--    made on first use, and its functions stored in the module table
--    where the script has stored nothing of its own;
--  - a number: __index has seen many unknown codes.  A table cannot
--    remember a miss, so while __index is there, each one costs a call.
--    The module pays once instead: every entry and constant is stored in
--    the module table, a small stub for each layer function (its layer is
--    still made on the first call, not now), and the metatable goes.

local pairs, rawget, rawset, require, setmetatable, type =
  pairs, rawget, rawset, require, setmetatable, type

-- The fields made by a part of the core, by part: q850 is the whole part,
-- the others one of its functions.
local PART = {
  status_line = "build", reason_header = "build", parse_status_line = "parse",
  parse_reason = "parse", q850 = "q850",
}

-- The layer functions, by layer.  A layer module returns a function that
-- makes the layer for a core.
local LAYER = {
  match = "sipcodes.query", find = "sipcodes.query", select = "sipcodes.query",
  best = "sipcodes.semantics", headers = "sipcodes.semantics",
  retry_after = "sipcodes.semantics",
}

local function make(M, meta, core)
  local layers, stubs, parts = {}, {}, {}

  local function part(k)
    local name = PART[k]
    local t = parts[name]
    if not t then
      t = core.open(name)
      parts[name] = t
    end
    if name == "q850" then return t end
    return t[k]
  end

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

  local function complete()
    for code, e in core.each() do
      if rawget(M, code) == nil then rawset(M, code, e) end
      if rawget(M, e.name) == nil then rawset(M, e.name, code) end
    end
    for k in pairs(PART) do
      if rawget(M, k) == nil then rawset(M, k, part(k)) end
    end
    for k in pairs(LAYER) do
      if rawget(M, k) == nil then
        stubs[k] = function(...) return field(k)(...) end
        rawset(M, k, stubs[k])
      end
    end
    -- No metatable at all: LuaJIT then reads a missing key without a
    -- guard on one.  The protection goes with it, as there is nothing
    -- left to protect.
    meta.__metatable = nil
    setmetatable(M, nil)
  end

  return function(k)
    if type(k) == "number" then
      complete()
    elseif PART[k] then
      local v = part(k)
      rawset(M, k, v)
      return v
    elseif LAYER[k] then
      return field(k)
    end
    return nil
  end
end

return function(M, k, meta, core)
  local answer = meta.lazy
  if not answer then
    answer = make(M, meta, core)
    meta.lazy = answer
  end
  return answer(k)
end
