-- Messages do not depend on the C locale: numbers are written with '.'
-- under a locale whose decimal point is ',' (de_DE.UTF-8), for values seen
-- before the switch (cached messages) and after it alike.  The setup
-- generates the locale (tools/locale.sh, which `make test` also runs) and
-- asserts that the switch took effect before anything else is checked.

-- unload() takes every sipcodes module out, so that a require builds a
-- fresh one with empty caches; restore() puts them back.
local fresh_module = dofile("spec/fresh_module.lua")
local unload, restore = fresh_module.unload, fresh_module.restore

describe("messages under a locale with a decimal comma", function()
  local saved_locale, saved_modules, sipcodes

  setup(function()
    assert(os.execute("sh tools/locale.sh"))
  end)

  before_each(function()
    saved_locale = os.setlocale(nil, "numeric")
    saved_modules = unload()
    sipcodes = require("sipcodes")
  end)

  after_each(function()
    os.setlocale(saved_locale, "numeric")
    restore(saved_modules)
  end)

  local function to_german()
    local got = os.setlocale("de_DE.UTF-8", "numeric")
    assert.equal("de_DE.UTF-8", got)
    assert.equal("de_DE.UTF-8", os.setlocale(nil, "numeric"))
  end

  it("the switch itself takes effect", function()
    to_german()
    -- PUC Lua formats with the C library, which now writes a comma;
    -- LuaJIT formats numbers itself.
    if not rawget(_G, "jit") then assert.equal("487,25", string.format("%.2f", 487.25)) end
  end)

  it("write a number with '.' when first asked under the locale", function()
    to_german()
    local e, msg = sipcodes.lookup(487.25)
    assert.is_nil(e)
    assert.equal("sipcodes.lookup: expected a SIP status code (100..699), got 487.25", msg)
    assert.equal("sipcodes.reason: expected a SIP status code (100..699), got 0.10000000000000001",
      select(2, sipcodes.reason(0.1)))
    assert.equal("sipcodes.class: expected a SIP status code (100..699), got -9.3132257461547852e-10",
      select(2, sipcodes.class(-2 ^ -30)))
    assert.equal("sipcodes.best: item 2: expected a SIP status code (100..699), got 486.5",
      select(2, sipcodes.best({ 486, 486.5 })))
    assert.matches("got 486%.5$", select(2, sipcodes.select({ code = 486.5 })))
    assert.equal("sipcodes.q850.text: expected a Q.850 cause (1..127) or a hangup-cause name, got 16.5",
      select(2, sipcodes.q850.text(16.5)))
  end)

  it("give the same message for a value asked before the switch and after it", function()
    local _, before = sipcodes.lookup(487.25)
    to_german()
    local _, cached = sipcodes.lookup(487.25)
    local _, fresh = sipcodes.reason(487.25)
    assert.equal("sipcodes.lookup: expected a SIP status code (100..699), got 487.25", before)
    assert.equal(before, cached)
    assert.equal("sipcodes.reason: expected a SIP status code (100..699), got 487.25", fresh)
  end)
end)
