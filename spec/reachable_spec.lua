-- Every C function a script can reach, called with every hostile value of
-- spec/hostile_values.lua in every argument position.  The functions are
-- found by walking what a script can reach - the module table and its
-- metatable, require("sipcodes.core") and its q850 table through their
-- metatables, the entries' metatables (debug.getmetatable), the functions
-- of the layers, and what each function found returns when called without
-- arguments (the iterator of each) - not listed: a C function added
-- tomorrow is called too.  A check from another side makes sure the walk
-- misses none: every C function held in an upvalue of a Lua function of
-- the module must be among those walked.  `make check-asan` runs this
-- under ASan and UBSan on every Lua.
local sipcodes = require("sipcodes")
local BAD_VALUES = dofile("spec/hostile_values.lua")
local fresh_module = dofile("spec/fresh_module.lua")

-- Lua's own functions, which are not the module's.
local STD = {}
for _, lib in pairs({ _G, string, table, math, io, os, coroutine, debug, package,
    rawget(_G, "utf8") or {}, rawget(_G, "bit32") or {}, rawget(_G, "bit") or {},
    rawget(_G, "jit") or {} }) do
  for _, v in pairs(lib) do
    if type(v) == "function" then STD[v] = true end
  end
end

local function is_c(f)
  return type(f) == "function" and not STD[f] and debug.getinfo(f, "S").what == "C"
end

-- Walks v: tables by their fields and their metatables (through the debug
-- library, which __metatable does not stop), functions by what they
-- return when called without arguments.  Returns the C functions found,
-- each with the path it was found by, and the Lua functions.
local function walk(roots)
  local seen, cfuncs, luafuncs = {}, {}, {}
  local function visit(v, path)
    if (type(v) ~= "table" and type(v) ~= "function") or seen[v] then return end
    seen[v] = true
    if type(v) == "table" then
      for k, x in pairs(v) do visit(x, path .. "." .. tostring(k)) end
      local mt = debug.getmetatable(v)
      if mt then visit(mt, path .. ":meta") end
    elseif STD[v] then
      return
    elseif is_c(v) then
      cfuncs[#cfuncs + 1] = { f = v, path = path }
      local r = table.pack and table.pack(pcall(v)) or { pcall(v) }
      for i = 2, #r do visit(r[i], path .. "()[" .. (i - 1) .. "]") end
    else
      luafuncs[#luafuncs + 1] = v
    end
  end
  for _, root in ipairs(roots) do visit(root[2], root[1]) end
  return cfuncs, luafuncs
end

-- Every C function in the upvalues of the Lua functions given, and of the
-- Lua functions and tables found there.
local function in_upvalues(luafuncs)
  -- Not the module's: the tables of loaded modules and globals.
  local seen, found = { [package.loaded] = true, [_G] = true, [package] = true }, {}
  local function visit(v)
    if (type(v) ~= "table" and type(v) ~= "function") or seen[v] or STD[v] then return end
    seen[v] = true
    if type(v) == "table" then
      for _, x in pairs(v) do visit(x) end
      local mt = debug.getmetatable(v)
      if mt then visit(mt) end
    elseif is_c(v) then
      found[#found + 1] = v
    else
      for i = 1, math.huge do
        local name, x = debug.getupvalue(v, i)
        if not name then break end
        visit(x)
      end
    end
  end
  for _, f in ipairs(luafuncs) do visit(f) end
  return found
end

-- The module's own core, which only the debug library reaches: an upvalue
-- named core of its Lua functions.
local function own_core()
  local index = debug.getmetatable(sipcodes).__index
  for _, f in ipairs({ index, sipcodes.lookup }) do
    for i = 1, math.huge do
      local name, v = debug.getupvalue(f, i)
      if not name then break end
      if name == "core" then return v end
    end
  end
  return nil
end

-- Taken now: once the module table is complete, its __index is gone.
local OWN_CORE = own_core()

local function roots()
  -- The layers and parts of the core load on first use: use them, and
  -- complete the module table (after many unknown codes it holds every
  -- field), then walk what they added.
  assert.equal(1, #sipcodes.match("486"))
  assert.equal(486, sipcodes.best({ 486 }))
  for code = 700, 799 do assert.is_nil(sipcodes[code]) end
  assert.is_nil(debug.getmetatable(sipcodes))
  assert.is_table(OWN_CORE)
  return {
    { "sipcodes", sipcodes },
    { "core", require("sipcodes.core") },
    { "owncore", OWN_CORE },
    { "entry", sipcodes.lookup(486) },
    { "each()", { sipcodes.each() } },
  }
end

-- Fills the other argument positions: none, a code, a string, a table.
local FILLERS = { { n = 0 }, { 486, n = 1 }, { "x", n = 1 }, { {}, n = 1 } }
local POSITIONS = 3

describe("every C function a script can reach", function()
  it("is found by the walk, wherever it sits", function()
    -- Each place the walk starts from holds C functions.
    for _, root in ipairs(roots()) do
      assert.is_true(#walk({ root }) > 0, "no C function found under " .. root[1])
    end
    local cfuncs, luafuncs = walk(roots())
    local walked = {}
    for _, c in ipairs(cfuncs) do walked[c.f] = true end
    -- A C function the module's Lua functions hold must be walked too.
    local hidden = in_upvalues(luafuncs)
    assert.is_true(#hidden > 0)
    for _, f in ipairs(hidden) do
      assert.is_true(walked[f] == true, "a C function the walk does not reach: "
        .. tostring(f) .. " " .. tostring(debug.getinfo(f, "n").name))
    end
  end)

  it("answers every hostile value in every position with a value or a Lua error", function()
    local cfuncs = walk(roots())
    for _, c in ipairs(cfuncs) do
      for pos = 1, POSITIONS do
        for _, bad in ipairs(BAD_VALUES) do
          for _, fill in ipairs(FILLERS) do
            local args = {}
            for i = 1, POSITIONS do args[i] = fill[1] end
            args[pos] = bad.v
            local ok, err = pcall(c.f, args[1], args[2], args[3])
            if not ok then
              assert.is_string(err, c.path .. " raised a " .. type(err))
              assert.is_truthy(err:find("sipcodes", 1, true) or err:find("bad argument", 1, true),
                c.path .. " raised: " .. err)
              assert.is_true(#err < 300, c.path .. " raised a message of " .. #err .. " bytes")
            end
          end
        end
      end
      -- Whatever it was given, the module still answers as before.
      assert.equal("Busy Here", sipcodes.lookup(486).reason, c.path)
      assert.equal("Busy Here", sipcodes.reason(486), c.path)
      assert.is_true(sipcodes.is_final(486), c.path)
    end
    assert.is_true(#cfuncs >= 10, #cfuncs .. " C functions found")
  end)

  it("includes the module table's __index, which takes any table and key", function()
    local saved = fresh_module.unload()
    local fresh = require("sipcodes")
    fresh_module.restore(saved)
    local index = debug.getmetatable(fresh).__index
    assert.is_function(index)
    assert.equal(fresh.lookup(486), index(42, 486))
    assert.is_nil(index("x", 999))
    for _ = 1, 40 do assert.is_nil(index("x", 999)) end
    assert.is_nil(debug.getmetatable(fresh))
    assert.equal(486, fresh.BUSY_HERE)
    assert.equal("Busy Here", fresh[486].reason)
  end)
end)
