-- The caches behind the module's answers are out of a script's reach:
-- nothing a script can require or index holds them (only the debug
-- library, the documented bypass, reaches them), and whatever a script
-- writes into what require("sipcodes.core") returns, before or after the
-- module loads, changes no answer of the module.
local sipcodes = require("sipcodes")

local fresh_module = dofile("spec/fresh_module.lua")
local unload, restore = fresh_module.unload, fresh_module.restore

-- The module's caches, through the debug library: upvalues of its Lua
-- functions.
local function caches(m)
  local found = {}
  for _, f in ipairs({ m.lookup, m.reason, m.class }) do
    for i = 1, math.huge do
      local name, v = debug.getupvalue(f, i)
      if not name then break end
      if type(v) == "table" and name:find("s$") then found[name] = v end
    end
  end
  return found
end

-- Every table reachable from roots without the debug library: fields,
-- keys, and what getmetatable gives (false for a protected metatable).
local function reachable(roots)
  local seen = {}
  local function visit(v)
    if type(v) ~= "table" or seen[v] then return end
    seen[v] = true
    for k, x in pairs(v) do
      visit(k)
      visit(x)
    end
    local mt = getmetatable(v)
    if type(mt) == "table" then visit(mt) end
  end
  for _, r in ipairs(roots) do visit(r) end
  return seen
end

-- A sample of answers, to compare before and after.
local function answers(m)
  return {
    m.lookup(486).reason, m.reason(486), m.class(486), m.is_final(486),
    m.is_success(200), select(2, m.lookup(431)), select(2, m.reason(432)),
    m[486] and m[486].code, m.BUSY_HERE, m.code("Busy Here"), m.class_name(486),
    m.resolve(499).code, m.status_line(486), m.reason_header(486), m.q850.to_sip(17),
    m.parse_status_line("SIP/2.0 486 Busy Here"), #m.match("48x"), m.best({ 486, 503 }),
  }
end

describe("the module's caches", function()
  it("are not reachable from the module table, nor from require(\"sipcodes.core\")", function()
    local own = caches(sipcodes)
    for _, name in ipairs({ "entries", "reasons", "classes", "lookup_misses", "reason_misses" }) do
      assert.is_table(own[name], name)
    end
    local core = require("sipcodes.core")
    local taken = { core.take() }
    local seen = reachable({ sipcodes, core, taken, package.loaded })
    for name, t in pairs(own) do
      assert.is_nil(seen[t], name .. " is reachable")
    end
  end)

  it("do not change with what a script writes into sipcodes.core, after the module loads", function()
    local before = answers(sipcodes)
    local core = require("sipcodes.core")
    -- The caches of the core a script gets, taken before its fields are
    -- overwritten: all of them are written into.
    local taken = { core.take() }
    assert.equal(6, #taken)
    for i = 1, 5 do
      assert.is_table(taken[i])
      for code = 100, 699 do taken[i][code] = "evil" end
    end
    local function evil() return 1, "evil" end
    local names = {}
    for k in pairs(core) do names[#names + 1] = k end
    for _, k in ipairs(names) do core[k] = evil end
    assert.same(before, answers(sipcodes))
    package.loaded["sipcodes.core"] = nil
  end)

  it("do not change with what a script wrote into sipcodes.core before the module loaded", function()
    local saved = unload()
    local ok, err = pcall(function()
      local core = require("sipcodes.core")
      local e, r, c = core.take()
      for code = 100, 699 do e[code], r[code], c[code] = {}, "evil", 9 end
      for _, part in ipairs({ "build", "parse", "q850" }) do
        local t = core.open(part)
        for k in pairs(t) do t[k] = function() return 1 end end
      end
      for k, v in pairs(core) do
        if type(v) == "function" then core[k] = function() return 1, "evil" end end
      end
      core.take = function() return e, r, c, {}, {}, {} end
      local fresh = require("sipcodes")
      assert.are_not.equal(sipcodes, fresh)
      return answers(fresh)
    end)
    restore(saved)
    assert.is_true(ok, tostring(err))
    assert.same(answers(sipcodes), err)
  end)

  it("are handed over once: a second take gives nothing", function()
    package.loaded["sipcodes.core"] = nil
    local core = require("sipcodes.core")
    local first = { core.take() }
    assert.equal(6, #first)
    assert.equal(0, select("#", core.take()))
  end)
end)

-- bin/sipcode requires sipcodes.core after sipcodes, so it gets a core of
-- its own (sipcodes.lua takes its core out of package.loaded): the helpers
-- it uses keep no state, so they give what the module's functions give.
describe("the core's helpers, from a core required after the module", function()
  local BAD = { 4861, 486.5, 0 / 0, "4861", "abc", "4\n6", ("z"):rep(30), {}, true }

  local function second_core()
    package.loaded["sipcodes.core"] = nil
    local core = require("sipcodes.core")
    package.loaded["sipcodes.core"] = nil
    return core
  end

  it("read a code as the module does: tocode", function()
    local core = second_core()
    assert.equal(486, core.tocode("486", "sipcode"))
    assert.equal(486, core.tocode(486.0))
    assert.equal("486", tostring(core.tocode(486.0)))
    assert.equal(100, core.tocode("100"))
    assert.equal(699, core.tocode(699))
    for _, v in ipairs(BAD) do
      local code, why = core.tocode(v, "sipcodes.lookup")
      assert.is_nil(code)
      assert.equal(select(2, sipcodes.lookup(v)), why)
    end
    local _, why = core.tocode(700, "sipcode")
    assert.equal("sipcode: expected a SIP status code (100..699), got 700", why)
    _, why = core.tocode(nil)
    assert.equal("sipcodes: expected a SIP status code (100..699), got nil", why)
  end)

  it("fail and name a value as every message does: fail, describe", function()
    local core = second_core()
    for _, v in ipairs(BAD) do
      local none, why = core.fail("sipcode", "expected something", v)
      assert.is_nil(none)
      assert.equal("sipcode: expected something, got " .. core.describe(v), why)
      assert.equal(select(2, sipcodes.lookup(v)),
        "sipcodes.lookup: expected a SIP status code (100..699), got " .. core.describe(v))
    end
    assert.equal("'4?6'", core.describe("4\n6"))
    assert.equal("'" .. ("z"):rep(24) .. "'... (30 bytes)", core.describe(("z"):rep(30)))
    assert.equal("nil", core.describe(nil))
    assert.equal("sipcode: what, got nil", select(2, core.fail("sipcode", "what")))
  end)
end)
