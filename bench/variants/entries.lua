-- bench/variants/entries.lua: what the shape of an entry costs a field
-- read.  sipcodes' entries are empty proxies whose metatable's __index is
-- the data table (read-only, one metamethod hop per read).  The variant is
-- a flat table holding the fields itself, with one shared metatable whose
-- __newindex refuses new fields: reads cost what a plain table's do, but a
-- script can overwrite an existing field (e.reason = "x") for the state.
-- Run from the repo root: LUA bench/variants/entries.lua TAG (make
-- bench-entries runs it on every Lua).

local tag = assert(arg[1], "usage: entries.lua TAG")
package.path = "lua/?.lua;bench/?.lua"
package.cpath = "build/" .. tag .. "/?.so"

local sipcodes = require("sipcodes")
local peer = require("peer")

local clock, format = os.clock, string.format
local error, ipairs, pairs, setmetatable = error, ipairs, pairs, setmetatable

local RUNS, REPS = 21, 2000

local SHARED = {
  __newindex = function(_, k)
    error("sipcodes: entry is read-only (cannot set field " .. k .. ")", 2)
  end,
  __metatable = false,
}

local codes = {}
for code in pairs(peer) do codes[#codes + 1] = code end
table.sort(codes)

-- The same draw of registered codes for the three shapes.
local seed = 20240601
local plain, proxy, flat = {}, {}, {}
local flat_of = {}
for _, code in ipairs(codes) do
  local e = sipcodes.lookup(code)
  flat_of[code] = setmetatable({
    code = e.code, reason = e.reason, class = e.class, final = e.final,
    name = e.name, rfc = e.rfc, status = e.status,
    description = e.description,
  }, SHARED)
end
for i = 1, 1000 do
  seed = (seed * 16807) % 2147483647
  local code = codes[seed % #codes + 1]
  plain[i], proxy[i], flat[i] = peer[code], sipcodes.lookup(code), flat_of[code]
end

-- One loop per shape and field, so that LuaJIT gives each its own trace.
local function reader(field)
  return (loadstring or load)(format([[
    local data = ...
    return function(reps)
      local sink = 0
      for _ = 1, reps do
        for i = 1, #data do
          if data[i].%s then sink = sink + 1 end
        end
      end
      return sink
    end]], field))
end

local rows = {}
for _, field in ipairs({ "reason", "final" }) do
  local make = reader(field)
  rows[#rows + 1] = { field, "plain table", make(plain) }
  rows[#rows + 1] = { field, "sipcodes entry (proxy)", make(proxy) }
  rows[#rows + 1] = { field, "flat entry, shared metatable", make(flat) }
end
for _, r in ipairs(rows) do
  r[3](10)
  r.best = math.huge
end
-- Rows in turn, best run of each: the machine's speed drifts.
for _ = 1, RUNS do
  for _, r in ipairs(rows) do
    local t0 = clock()
    r[3](REPS)
    local dt = clock() - t0
    if dt < r.best then r.best = dt end
  end
end

local jit = rawget(_G, "jit")
print(format("== %s: e.field by entry shape (ns/read, ratio to a plain table)",
  jit and jit.version or _VERSION))
local base
for _, r in ipairs(rows) do
  local ns = r.best / (REPS * #plain) * 1e9
  if r[2] == "plain table" then base = ns end
  print(format("   e.%-6s %-30s %6.1f ns  %5.2fx", r[1], r[2], ns, ns / base))
end
