-- The pattern queries: match, find, select.
local sipcodes = require("sipcodes")

local function codes(list)
  local out = {}
  for i, e in ipairs(list) do out[i] = e.code end
  return out
end

describe("sipcodes.match", function()
  it("gives the entries of a digit pattern, ascending", function()
    assert.same({ 480, 481, 482, 483, 484, 485, 486, 487, 488, 489 }, codes(sipcodes.match("48x")))
    assert.same({ 600, 603, 604, 606, 607, 608 }, codes(sipcodes.match("6xx")))
    assert.same({ 180, 181, 182, 183, 380, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 580 },
      codes(sipcodes.match("x8x")))
    assert.same({ 486 }, codes(sipcodes.match("486")))
    assert.same(codes(sipcodes.match("4xx")), codes(sipcodes.match("4XX")))
  end)

  it("returns the entries themselves", function()
    assert.equal(sipcodes.lookup(486), sipcodes.match("486")[1])
  end)

  it("returns an empty list when nothing matches", function()
    assert.same({}, sipcodes.match("29x"))
  end)

  it("returns nil and a message for a malformed pattern", function()
    for _, bad in ipairs({ "4x", "4xxx", "7xx", "0xx", "a8x", "", 486, {} }) do
      local l, msg = sipcodes.match(bad)
      assert.is_nil(l)
      assert.matches("^sipcodes%.match: expected a code pattern", msg)
    end
  end)
end)

describe("sipcodes.find", function()
  it("matches phrases with a Lua pattern, letters in any case", function()
    assert.same({ 486, 600 }, codes(sipcodes.find("busy")))
    assert.same({ 486, 600 }, codes(sipcodes.find("BUSY")))
    assert.same({ 406, 488, 606 }, codes(sipcodes.find("^not acceptable")))
    assert.same({ 414, 416, 494 }, codes(sipcodes.find("uri")))
    assert.same({ 504 }, codes(sipcodes.find("time%-out")))
    assert.same({ 481 }, codes(sipcodes.find("/")))
  end)

  it("keeps escapes and sets working", function()
    assert.same({ 414, 417, 440, 504 }, codes(sipcodes.find("%a%-%a")))
    assert.same({ 486, 600 }, codes(sipcodes.find("[a-c]usy")))
    assert.same({ 486, 600 }, codes(sipcodes.find("[B]usy")))
    assert.same({ 200 }, codes(sipcodes.find("^%u+$")))
    -- Inside a set "%b" is the letter b, not the start of a %bxy item: the
    -- set still ends at its "]" (an escape is kept as written).
    assert.same({ 486, 600 }, codes(sipcodes.find("[%bB]usy")))
    -- Outside one, %bxy stays a balance item.
    assert.same({}, codes(sipcodes.find("%b()")))
  end)

  it("returns nil and a message for a malformed pattern or a non-string", function()
    local l, msg = sipcodes.find("%")
    assert.is_nil(l)
    assert.matches("^sipcodes%.find: bad pattern: ", msg)
    l, msg = sipcodes.find("[a")
    assert.is_nil(l)
    assert.matches("^sipcodes%.find: bad pattern: ", msg)
    -- Lua finds these malformed only when a match reaches the bad part.
    l, msg = sipcodes.find("busy[")
    assert.is_nil(l)
    assert.matches("^sipcodes%.find: bad pattern: .*missing ']'", msg)
    l, msg = sipcodes.select({ reason = "busy[" })
    assert.is_nil(l)
    assert.matches("^sipcodes%.select: bad pattern: ", msg)
    l, msg = sipcodes.select({ name = "^BUSY_(" })
    assert.is_nil(l)
    assert.matches("^sipcodes%.select: bad pattern: ", msg)
    l, msg = sipcodes.find(string.rep("a", 1025))
    assert.is_nil(l)
    assert.equal("sipcodes.find: pattern longer than 1024 bytes", msg)
    assert.same({}, sipcodes.find(string.rep("a", 1024)))
    l, msg = sipcodes.find(nil)
    assert.is_nil(l)
    assert.matches("^sipcodes%.find: expected a Lua pattern %(string%), got nil$", msg)
  end)
end)

describe("sipcodes.select", function()
  it("filters on every criterion at once", function()
    assert.same({ 600, 603, 604, 606, 607, 608 }, codes(sipcodes.select({ class = 6 })))
    assert.same({ 100, 180, 181, 182, 183, 199 }, codes(sipcodes.select({ final = false })))
    assert.same({ 202 }, codes(sipcodes.select({ status = "deprecated" })))
    assert.same({ 409, 411 }, codes(sipcodes.select({ status = "historic" })))
    assert.same({ 428, 436, 437, 438 }, codes(sipcodes.select({ rfc = 8224 })))
    assert.same({ 486 }, codes(sipcodes.select({ class = 4, reason = "busy" })))
    assert.same({ 430, 439 }, codes(sipcodes.select({ code = "4xx", rfc = 5626 })))
    assert.same({ 486 }, codes(sipcodes.select({ code = 486 })))
    assert.same({ 486 }, codes(sipcodes.select({ code = "486" })))
    assert.same({ 604 }, codes(sipcodes.select({ name = "ANYWHERE$", class = 6, final = true,
      reason = "exist" })))
  end)

  it("with no criterion selects every entry", function()
    assert.equal(77, #sipcodes.select({}))
  end)

  it("returns nil and a message for unknown or mistyped criteria", function()
    local l, msg = sipcodes.select({ colour = 1 })
    assert.is_nil(l)
    assert.matches("unknown criterion 'colour'", msg)
    l, msg = sipcodes.select({ [5] = 1 })
    assert.is_nil(l)
    assert.matches("unknown criterion 5 ", msg)
    l, msg = sipcodes.select({ class = "4" })
    assert.is_nil(l)
    assert.matches("criterion 'class' must be a number, got string", msg)
    l, msg = sipcodes.select({ code = "9xx" })
    assert.is_nil(l)
    assert.matches("^sipcodes%.select: expected a code pattern", msg)
    l, msg = sipcodes.select({ reason = "%" })
    assert.is_nil(l)
    assert.matches("^sipcodes%.select: bad pattern", msg)
    l, msg = sipcodes.select("class=4")
    assert.is_nil(l)
    assert.matches("expected a table of criteria, got string", msg)
  end)
end)

describe("pattern queries in bounded time", function()
  -- The rule (lua/sipcodes/query.lua): at most 3 quantifiers ('*', '+',
  -- '-', '?' right after a character, '.', a %-class or a [set]).
  local REFUSED = "pattern with more than 3 quantifiers %(%*, %+, %- or %? after a character, "
    .. "'%.', a %%%-class or a set%), whose matching could take too long$"

  it("refuse the patterns whose backtracking explodes, promptly, with nil and a message", function()
    for n = 4, 64 do
      local p = string.rep(".-", n) .. "#"
      local list, msg = sipcodes.find(p)
      assert.is_nil(list)
      assert.matches("^sipcodes%.find: " .. REFUSED, msg)
      list, msg = sipcodes.select({ reason = p })
      assert.is_nil(list)
      assert.matches("^sipcodes%.select: " .. REFUSED, msg)
      list, msg = sipcodes.select({ name = p, class = 4 })
      assert.is_nil(list)
      assert.matches("^sipcodes%.select: " .. REFUSED, msg)
    end
    -- The example of the report, and its kin.
    for _, p in ipairs({ string.rep(".-", 6) .. "#", string.rep(".*", 6) .. "#",
        string.rep("[%a ]*", 5) .. "#", string.rep("%a+", 4) .. "#", string.rep(".?", 40) .. "#",
        "a*b*c*d*", "(.-)(.-)(.-)(.-)#", "^.-.-.-.-$", "%f[%w]%a*%a*%a*%a*" }) do
      local list, msg = sipcodes.find(p)
      assert.is_nil(list, p)
      assert.matches(REFUSED, msg)
    end
  end)

  it("run patterns within the bound as before", function()
    assert.same({}, sipcodes.find(string.rep(".-", 3) .. "#"))
    assert.equal(486, sipcodes.find("^busy.*here$")[1].code)
    assert.equal(486, sipcodes.find("b.-y h.-e")[1].code)
    -- '-' in a set is a range, '%-' and '%*' are characters, a '*' after
    -- "%b()" or "%f[%w]" is a character too: none is a quantifier.
    assert.equal(480, sipcodes.find("^[t-t]emporarily%-? unavailable")[1].code)
    assert.same({}, sipcodes.find("%-%-%-%-%-%*%*%*%*%+%+%?%?"))
    assert.same({}, sipcodes.find("%b()*%b()*%b()*%b()*"))
    assert.same({}, sipcodes.find("%f[%w]*%f[%w]*%f[%w]*%f[%w]*x"))
    assert.same({}, sipcodes.find("[*+?-][*+?-][*+?-][*+?-]"))
    assert.same({}, sipcodes.find("[]*+-][]*+-][]*+-][]*+-]#"))
    local list = sipcodes.select({ reason = "^.*request.*$", name = "_.-_", class = 4 })
    assert.is_true(#list > 0)
    for _, e in ipairs(list) do assert.equal(4, e.class) end
  end)
end)
