-- The per-code functions of sipcodes and the input rules they share.
local sipcodes = require("sipcodes")

-- Values that are not SIP status codes, with what the message must name.
local NOT_CODES = {
  { 99, "got 99" },
  { 700, "got 700" },
  { 0, "got 0" },
  { -486, "got %-486" },
  { 486.5, "got 486%.5" },
  { 0 / 0, "got [-]?nan" },
  { math.huge, "got inf" },
  { -math.huge, "got %-inf" },
  { 2 ^ 53, "got 9007199254740992" },
  { "4861", "got '4861'" },
  { "48", "got '48'" },
  { "abc", "got 'abc'" },
  { " 486", "got ' 486'" },
  { "486 ", "got '486 '" },
  { "4.86", "got '4%.86'" },
  { "0x1e6", "got '0x1e6'" },
  { "", "got ''" },
  { "48\0", "got '48%?'" },
  { true, "got boolean" },
  { {}, "got table" },
  { print, "got function" },
  { coroutine.create(function() end), "got thread" },
}
if math.mininteger then
  NOT_CODES[#NOT_CODES + 1] = { math.mininteger, "got %-9223372036854775808" }
  NOT_CODES[#NOT_CODES + 1] = { math.maxinteger, "got 9223372036854775807" }
end

local PER_CODE = {
  "lookup", "reason", "class", "class_name", "resolve", "is_final", "is_provisional",
  "is_success", "is_redirection", "is_client_error", "is_server_error", "is_global_failure",
}

-- The caches behind the module's fast paths, reached the one way left: the
-- debug library, through the upvalues of its Lua functions.
local function caches(m)
  local found = {}
  for _, f in ipairs({ m.lookup, m.reason }) do
    for i = 1, math.huge do
      local name, v = debug.getupvalue(f, i)
      if not name then break end
      found[name] = v
    end
  end
  return found
end

describe("input rules", function()
  for _, fname in ipairs(PER_CODE) do
    it(fname .. " returns nil and a message naming itself for values that are not codes", function()
      for _, case in ipairs(NOT_CODES) do
        local v, msg = sipcodes[fname](case[1])
        assert.is_nil(v)
        assert.matches("^sipcodes%." .. fname .. ": expected a SIP status code %(100%.%.699%), "
          .. case[2] .. "$", msg)
      end
      local v, msg = sipcodes[fname]()
      assert.is_nil(v)
      assert.matches("^sipcodes%." .. fname .. ": .*got nil$", msg)
    end)
  end

  it("quotes at most 24 bytes of a huge string and gives its length", function()
    local _, msg = sipcodes.lookup(string.rep("9", 1024 * 1024))
    assert.matches("got '" .. string.rep("9", 24) .. "'%.%.%. %(1048576 bytes%)$", msg)
    assert.is_true(#msg < 120)
  end)

  it("accepts integer-valued floats and three-digit strings", function()
    assert.equal(486, sipcodes.lookup(486.0).code)
    assert.equal(486, sipcodes.lookup("486").code)
    assert.equal(4, sipcodes.class(431.0))
    assert.equal(4, sipcodes.class("431"))
  end)

  it("keeps bad values out of the caches of answers", function()
    local core = caches(sipcodes)
    for _ = 1, 2 do
      assert.is_nil(sipcodes.lookup(486.5))
      assert.is_nil(sipcodes.reason("4861"))
      assert.is_nil(sipcodes.class("4861"))
      assert.is_nil(sipcodes.is_final(700))
    end
    for _, cache in ipairs({ core.entries, core.reasons, core.classes }) do
      assert.is_nil(cache[486.5])
      assert.is_nil(cache["4861"])
      assert.is_nil(cache[700])
    end
    -- Their nil answers are remembered apart, with the message.
    assert.matches("got 486%.5$", core.lookup_misses[486.5])
  end)
end)

describe("sipcodes.lookup", function()
  it("returns the entry of a registered code", function()
    local e = sipcodes.lookup(486)
    assert.equal(486, e.code)
    assert.equal("Busy Here", e.reason)
    assert.equal(4, e.class)
    assert.is_true(e.final)
    assert.equal("BUSY_HERE", e.name)
    assert.equal(3261, e.rfc)
    assert.equal("current", e.status)
  end)

  it("returns the same entry every time, by number or string", function()
    local e = sipcodes.lookup(180)
    assert.equal(e, sipcodes.lookup(180))
    assert.equal(e, sipcodes.lookup("180"))
    assert.equal(e, sipcodes[180])
  end)

  it("returns nil and a message for a valid but unregistered code", function()
    local e, msg = sipcodes.lookup(431)
    assert.is_nil(e)
    assert.equal("sipcodes.lookup: 431 is not a registered SIP response code", msg)
    e, msg = sipcodes.lookup("299")
    assert.is_nil(e)
    assert.equal("sipcodes.lookup: 299 is not a registered SIP response code", msg)
  end)
end)

describe("sipcodes.reason", function()
  it("returns the registered phrase", function()
    assert.equal("Busy Here", sipcodes.reason(486))
    assert.equal("OK", sipcodes.reason("200"))
  end)

  it("returns nil and a message for an unregistered code", function()
    local r, msg = sipcodes.reason(431)
    assert.is_nil(r)
    assert.equal("sipcodes.reason: 431 is not a registered SIP response code", msg)
  end)

  it("returns the default when there is no registered phrase", function()
    assert.equal("Custom", sipcodes.reason(431, "Custom"))
    assert.equal("Custom", sipcodes.reason(700, "Custom"))
    assert.equal("Custom", sipcodes.reason(nil, "Custom"))
    assert.equal("Busy Here", sipcodes.reason(486, "Custom"))
  end)

  it("returns one value for a phrase or a default, on the first call for a code too", function()
    -- A module of its own: the first call for a code takes the slow path.
    local saved = {}
    for _, name in ipairs({ "sipcodes", "sipcodes.core" }) do
      saved[name], package.loaded[name] = package.loaded[name], nil
    end
    local ok, counts = pcall(function()
      local m = require("sipcodes")
      local n = {}
      for _, args in ipairs({ { 486 }, { 486 }, { 431, "" }, { 431, "" }, { "200", "x" }, { 700, "x" } }) do
        n[#n + 1] = select("#", m.reason(args[1], args[2]))
      end
      n[#n + 1] = select("#", m.reason(431))
      return n
    end)
    for name, m in pairs(saved) do package.loaded[name] = m end
    assert.is_true(ok, tostring(counts))
    assert.same({ 1, 1, 1, 1, 1, 1, 2 }, counts)
  end)

  it("raises when the default is not a string", function()
    assert.error_matches(function() sipcodes.reason(431, 5) end,
      "sipcodes%.reason: bad argument #2 %(default%): string expected, got number")
  end)
end)

describe("sipcodes.class and class_name", function()
  it("answers for every code 100..699, registered or not", function()
    local names = { "Provisional", "Success", "Redirection", "Client Error", "Server Error",
      "Global Failure" }
    for code = 100, 699 do
      local k = math.floor(code / 100)
      assert.equal(k, sipcodes.class(code))
      assert.equal(k, sipcodes.class(tostring(code)))
      assert.equal(names[k], sipcodes.class_name(code))
    end
  end)
end)

describe("the class predicates", function()
  local preds = {
    is_provisional = 1, is_success = 2, is_redirection = 3,
    is_client_error = 4, is_server_error = 5, is_global_failure = 6,
  }
  it("each is true exactly for its class", function()
    for fname, k in pairs(preds) do
      for code = 100, 699 do
        assert.equal(math.floor(code / 100) == k, sipcodes[fname](code), fname .. " " .. code)
      end
    end
  end)

  it("is_final is false for 1xx and true for 2xx..6xx", function()
    for code = 100, 699 do
      assert.equal(code >= 200, sipcodes.is_final(code))
      assert.equal(code >= 200, sipcodes.is_final(tostring(code)))
    end
  end)
end)

describe("sipcodes.code", function()
  it("finds a code by phrase or constant name, any case", function()
    assert.equal(486, sipcodes.code("busy here"))
    assert.equal(486, sipcodes.code("BUSY_HERE"))
    assert.equal(486, sipcodes.code("Busy_Here"))
    assert.equal(481, sipcodes.code("call/transaction does not exist"))
  end)

  it("gives 406 for the phrase 406 and 606 share, and 606 by its name", function()
    assert.equal(406, sipcodes.code("Not Acceptable"))
    assert.equal(606, sipcodes.code("NOT_ACCEPTABLE_ANYWHERE"))
  end)

  it("returns nil and a message when nothing matches", function()
    local c, msg = sipcodes.code("busy")
    assert.is_nil(c)
    assert.equal("sipcodes.code: no SIP response code has the phrase or name 'busy'", msg)
    c, msg = sipcodes.code(486)
    assert.is_nil(c)
    assert.matches("^sipcodes%.code: expected a reason phrase or constant name %(string%), got number$", msg)
    assert.is_nil((sipcodes.code("busy here\0")))
    assert.is_nil((sipcodes.code(string.rep("a", 1e6))))
  end)
end)

describe("sipcodes.resolve", function()
  it("returns a registered code's own entry", function()
    assert.equal(sipcodes.lookup(486), sipcodes.resolve(486))
    assert.equal(sipcodes.lookup(199), sipcodes.resolve(199))
  end)

  it("treats an unknown final code as x00 of its class (RFC 3261 §8.1.3.2)", function()
    assert.equal(sipcodes.lookup(200), sipcodes.resolve(299))
    assert.equal(sipcodes.lookup(300), sipcodes.resolve(399))
    assert.equal(sipcodes.lookup(400), sipcodes.resolve(431))
    assert.equal(sipcodes.lookup(500), sipcodes.resolve("599"))
    assert.equal(sipcodes.lookup(600), sipcodes.resolve(699))
  end)

  it("treats an unknown 1xx as 183", function()
    assert.equal(sipcodes.lookup(183), sipcodes.resolve(101))
    assert.equal(sipcodes.lookup(183), sipcodes.resolve(199.0 - 1))
  end)
end)

describe("constants", function()
  it("names every code from its phrase", function()
    assert.equal(486, sipcodes.BUSY_HERE)
    assert.equal(200, sipcodes.OK)
    assert.equal(481, sipcodes.CALL_TRANSACTION_DOES_NOT_EXIST)
    assert.equal(606, sipcodes.NOT_ACCEPTABLE_ANYWHERE)
    assert.is_nil(sipcodes.busy_here)
    assert.is_nil(sipcodes.NO_SUCH_CONSTANT)
  end)
end)

describe("sipcodes.each", function()
  it("walks every registered code once, ascending, with its entry", function()
    local last, n = 0, 0
    for code, e in sipcodes.each() do
      assert.is_true(code > last)
      assert.equal(sipcodes.lookup(code), e)
      last, n = code, n + 1
    end
    assert.equal(77, n)
  end)
end)

describe("entries are read-only", function()
  it("raises an error naming the field on assignment, and changes nothing", function()
    local e = sipcodes.lookup(486)
    assert.error_matches(function() e.reason = "Busy" end,
      "sipcodes: entry 486 is read%-only %(cannot set field 'reason'%)")
    assert.error_matches(function() e.extra = 1 end, "cannot set field 'extra'")
    assert.error_matches(function() e[1] = 1 end, "cannot set field 1")
    assert.equal("Busy Here", sipcodes.lookup(486).reason)
    assert.is_nil(e.extra)
  end)

  it("protects the metatable", function()
    local e = sipcodes.lookup(486)
    assert.is_false(getmetatable(e))
    assert.error_matches(function() setmetatable(e, {}) end, "protected metatable")
  end)

  it("lets rawset add a field to the proxy only, which hides nothing else", function()
    local e = sipcodes.lookup(413)
    rawset(e, "reason", "Changed")
    -- rawset is a deliberate bypass: the field lands on this proxy, so this
    -- state's reads of e.reason see it, but sipcodes.reason reads the table.
    assert.equal("Changed", e.reason)
    assert.equal("Request Entity Too Large", sipcodes.reason(413))
    rawset(e, "reason", nil)
    assert.equal("Request Entity Too Large", e.reason)
  end)
end)

describe("the module", function()
  it("has the version of src/sipcodes.h, which the rockspec has too", function()
    local f = assert(io.open("src/sipcodes.h"))
    local version = f:read("*a"):match('\n#define SIPC_VERSION "([^"]+)"')
    f:close()
    assert.equal("1.1.0", version)
    assert.equal("sipcodes " .. version, sipcodes._VERSION)
    f = assert(io.open("rockspecs/sipcodes-" .. version .. "-1.rockspec"))
    local text = f:read("*a")
    f:close()
    assert.matches('version = "' .. version:gsub("%p", "%%%0") .. '%-1"', text)
  end)

  it("indexes entries by number, unknown codes giving nil", function()
    assert.equal(sipcodes.lookup(404), sipcodes[404])
    assert.is_nil(sipcodes[431])
    assert.is_nil(sipcodes[486.5])
    assert.is_nil(sipcodes["486"])
  end)

  -- A module of its own for each test, whose layers the test can watch in
  -- package.loaded; the modules loaded before are put back at the end.
  local fresh_module = dofile("spec/fresh_module.lua")
  local original
  local function fresh()
    local saved = fresh_module.unload()
    original = original or saved
    return require("sipcodes")
  end
  teardown(function()
    if original then fresh_module.restore(original) end
  end)

  it("becomes a plain table once indexed with many unknown codes, loading no layer", function()
    local s = fresh()
    local meta = debug.getmetatable(s)
    assert.is_false(getmetatable(s))
    assert.is_function(meta.__index)
    -- 8 unknown codes, as a script that meets a few: nothing changes.
    for code = 441, 448 do assert.is_nil(s[code]) end
    assert.is_function(meta.__index)
    assert.is_nil(rawget(s, 486))
    assert.is_nil(package.loaded["sipcodes.lazy"])
    -- The 9th: the table is completed.
    assert.is_nil(s[998])
    assert.is_nil(debug.getmetatable(s))
    -- Everything __index gave is now a plain field; the layers are stubs,
    -- not loaded.
    assert.equal(s.lookup(486), rawget(s, 486))
    assert.equal(486, rawget(s, "BUSY_HERE"))
    assert.is_function(rawget(s, "match"))
    assert.is_function(rawget(s, "best"))
    assert.is_table(rawget(s, "q850"))
    assert.is_nil(package.loaded["sipcodes.query"])
    assert.is_nil(package.loaded["sipcodes.semantics"])
    local stub = s.best
    assert.equal(407, stub({ 503, 407 }))
    assert.is_function(package.loaded["sipcodes.semantics"])
    assert.are_not.equal(stub, rawget(s, "best"))
    assert.equal(407, stub({ 503, 407 }))
    assert.equal(4, #s.match("18x"))
    assert.is_nil(s[431])
    assert.is_nil(s.NO_SUCH_CONSTANT)
  end)

  it("keeps what a script stored in the module table when it completes itself", function()
    local s = fresh()
    local function wrapped() return "wrapped" end
    s.best = wrapped
    s.BUSY_HERE = "mine"
    for code = 700, 799 do assert.is_nil(s[code]) end
    assert.is_nil(debug.getmetatable(s))
    assert.equal(wrapped, s.best)
    assert.equal("mine", s.BUSY_HERE)
    assert.equal(600, s.BUSY_EVERYWHERE)
  end)

  it("loads the query and semantics layers only when first used", function()
    fresh()
    assert.is_nil(package.loaded["sipcodes.query"])
    assert.is_nil(package.loaded["sipcodes.semantics"])
    local s = package.loaded.sipcodes
    assert.equal(486, s.q850.to_sip(17))
    assert.equal(486, s.parse_status_line("SIP/2.0 486 Busy Here"))
    assert.equal(4, #s.match("18x"))
    assert.is_function(package.loaded["sipcodes.query"])
    assert.is_nil(package.loaded["sipcodes.semantics"])
    assert.equal(407, s.best({ 503, 407 }))
    assert.is_function(package.loaded["sipcodes.semantics"])
  end)

  it("remembers nil answers without growing past a bound", function()
    local s = fresh()
    local core = caches(s)
    local _, first = s.lookup(431)
    local _, again = s.lookup(431)
    assert.equal(first, again)
    assert.equal("sipcodes.reason: 431 is not a registered SIP response code",
      select(2, s.reason(431)))
    for i = 1, 3000 do
      local e, msg = s.lookup(1000 + i)
      assert.is_nil(e)
      assert.equal("sipcodes.lookup: expected a SIP status code (100..699), got " .. (1000 + i), msg)
    end
    local n = 0
    for _ in pairs(core.lookup_misses) do n = n + 1 end
    assert.is_true(n <= 1024, n .. " remembered")
    assert.equal("Custom", s.reason(431, "Custom"))
    assert.equal(first, core.lookup_misses[431])
  end)

  it("creates no global", function()
    local before = {}
    for k in pairs(_G) do before[k] = true end
    local s = fresh()
    assert.equal(486, s.lookup(486).code)
    assert.equal(486, s.q850.to_sip(17))
    assert.equal(1, #s.match("486"))
    for k in pairs(_G) do assert.is_true(before[k], "new global " .. tostring(k)) end
  end)
end)

describe("the rockspecs", function()
  local function read(path)
    local f = assert(io.open(path))
    local text = f:read("*a")
    f:close()
    return text
  end

  it("differ only in version and source", function()
    local scm = read("sipcodes-scm-1.rockspec")
    local release = read("rockspecs/sipcodes-1.1.0-1.rockspec")
    local function body(text)
      return (text:gsub('\nversion = "[^"]*"', ""):gsub("\nsource = %b{}", ""))
    end
    assert.equal(body(scm), body(release))
    assert.matches('\nversion = "1%.1%.0%-1"', release)
  end)

  it("list every Lua module and C source of the repository", function()
    local scm = read("sipcodes-scm-1.rockspec")
    for _, path in ipairs({ "lua/sipcodes.lua", "lua/sipcodes/query.lua",
      "lua/sipcodes/semantics.lua", "lua/sipcodes/lazy.lua", "src/core.c", "src/codes.c", "src/check.c",
      "src/q850.c",
      "src/build.c", "src/parse.c", "src/text.c", "bin/sipcode" }) do
      assert.truthy(scm:find('"' .. path .. '"', 1, true), path)
    end
  end)
end)
