-- Hostile input: every public function against values no caller should pass
-- (nil, booleans, tables, functions, coroutines, NaN, infinities, -0.0,
-- huge and non-integral numbers, strings with NUL bytes, 1 MB strings,
-- invalid UTF-8, CR/LF injection into the builders).  Each must give its
-- documented answer, nil and a message for most, and never raise or crash.
-- Then what README.md says about globals and about read-only entries,
-- including what rawset and the debug library can still do.
local sipcodes = require("sipcodes")
local q850 = sipcodes.q850

local BAD_VALUES = dofile("spec/hostile_values.lua")
local BIG = BAD_VALUES.BIG                 -- 1 MB of text

-- A value no function takes, and the pattern of how messages name it.
local function value(v, got) return { v = v, got = got } end

-- True when s holds a byte below 0x20 or DEL: messages end up in logs.
local function has_control(s)
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b == 127 then return true end
  end
  return false
end

-- Calls f, which must not raise; checks the answer is nil and a message
-- matching the pattern, short and free of control bytes.
local function assert_refuses(pattern, f, ...)
  local ok, v, msg = pcall(f, ...)
  assert.is_true(ok, "raised: " .. tostring(v))
  assert.is_nil(v)
  assert.is_string(msg)
  assert.matches(pattern, msg)
  assert.is_true(#msg < 200, "a message of " .. #msg .. " bytes")
  assert.is_false(has_control(msg), "control bytes in: " .. msg)
end

-- Unloads every sipcodes module; returns them, to put back.  A require()
-- after it builds a fresh module with fresh caches.
local fresh_module = dofile("spec/fresh_module.lua")
local unload, restore = fresh_module.unload, fresh_module.restore

local CODE = "expected a SIP status code %(100%.%.699%), got "
local CAUSE = "expected a Q%.850 cause %(1%.%.127%) or a hangup%-cause name, got "

describe("hostile values", function()
  -- Every function that takes a SIP status code as its first argument.
  local PER_CODE = {
    { "lookup", sipcodes.lookup },
    { "reason", sipcodes.reason },
    { "class", sipcodes.class },
    { "class_name", sipcodes.class_name },
    { "is_final", sipcodes.is_final },
    { "is_provisional", sipcodes.is_provisional },
    { "is_success", sipcodes.is_success },
    { "is_redirection", sipcodes.is_redirection },
    { "is_client_error", sipcodes.is_client_error },
    { "is_server_error", sipcodes.is_server_error },
    { "is_global_failure", sipcodes.is_global_failure },
    { "resolve", sipcodes.resolve },
    { "headers", sipcodes.headers },
    { "retry_after", sipcodes.retry_after },
    { "status_line", sipcodes.status_line },
    { "reason_header", sipcodes.reason_header },
    { "q850.from_sip", q850.from_sip },
  }

  for _, fn in ipairs(PER_CODE) do
    it(fn[1] .. " answers nil and a message naming itself and the value, twice alike", function()
      local prefix = "^sipcodes%." .. fn[1]:gsub("%.", "%%.") .. ": " .. CODE
      for _, bad in ipairs(BAD_VALUES) do
        -- Twice: the second answer may come from a cache of misses.
        assert_refuses(prefix .. bad.got .. "$", fn[2], bad.v)
        assert_refuses(prefix .. bad.got .. "$", fn[2], bad.v)
      end
      assert_refuses(prefix .. "nil$", fn[2])
    end)
  end

  it("reason gives the default for any bad value, and raises for a default that is not a string", function()
    for _, bad in ipairs(BAD_VALUES) do
      assert.equal("fallback", sipcodes.reason(bad.v, "fallback"))
    end
    assert.equal("", sipcodes.reason(431, ""))
    assert.has_error(function() sipcodes.reason(432, {}) end,
      "sipcodes.reason: bad argument #2 (default): string expected, got table")
  end)

  it("q850.to_sip, name, text and reason_header refuse what is not a cause", function()
    local causes = {}
    for _, bad in ipairs(BAD_VALUES) do causes[#causes + 1] = bad end
    causes[#causes + 1] = value(0, "0")
    causes[#causes + 1] = value(128, "128")
    causes[#causes + 1] = value(17.5, "17%.5")
    causes[#causes + 1] = value("0017", "'0017'")
    causes[#causes + 1] = value("USER_BUSY\0", "'USER_BUSY%?'")
    for _, name in ipairs({ "to_sip", "name", "text", "reason_header" }) do
      for _, bad in ipairs(causes) do
        assert_refuses("^sipcodes%.q850%." .. name .. ": " .. CAUSE .. bad.got .. "$", q850[name], bad.v)
      end
    end
  end)

  it("q850.to_sip and from_sip refuse a profile that is not one of theirs", function()
    for _, bad in ipairs(BAD_VALUES) do
      if bad.v ~= nil then
        local want = ': expected a profile "rfc3398" or "freeswitch", got ' .. bad.got .. "$"
        assert_refuses("^sipcodes%.q850%.to_sip" .. want, q850.to_sip, 17, bad.v)
        assert_refuses("^sipcodes%.q850%.from_sip" .. want, q850.from_sip, 486, bad.v)
      end
    end
    assert.equal(486, q850.to_sip(17, nil))
  end)

  it("q850.cause refuses non-strings and names that are not causes", function()
    for _, bad in ipairs(BAD_VALUES) do
      local pattern = type(bad.v) == "string"
        and "^sipcodes%.q850%.cause: no hangup cause is named " .. bad.got .. "$"
        or "^sipcodes%.q850%.cause: expected a hangup%-cause name %(string%), got " .. bad.got .. "$"
      assert_refuses(pattern, q850.cause, bad.v)
    end
    assert_refuses("^sipcodes%.q850%.cause: no hangup cause is named 'USER_BUSY%?'$",
      q850.cause, "USER_BUSY\0")
  end)

  it("code refuses non-strings by type and unknown strings by a bounded quote", function()
    for _, bad in ipairs(BAD_VALUES) do
      if type(bad.v) == "string" then
        assert_refuses("^sipcodes%.code: no SIP response code has the phrase or name " .. bad.got .. "$",
          sipcodes.code, bad.v)
      else
        assert_refuses("^sipcodes%.code: expected a reason phrase or constant name %(string%), got "
          .. type(bad.v) .. "$", sipcodes.code, bad.v)
      end
    end
    assert_refuses("^sipcodes%.code: no SIP response code has the phrase or name 'Busy Here%?'$",
      sipcodes.code, "Busy Here\0")
  end)

  it("match refuses anything but three digits or 'x', quoting at most 24 bytes", function()
    for _, bad in ipairs(BAD_VALUES) do
      local ok, list, msg = pcall(sipcodes.match, bad.v)
      assert.is_true(ok)
      assert.is_nil(list)
      assert.matches("^sipcodes%.match: expected a code pattern %(three digits or 'x'", msg)
      assert.is_true(#msg < 200)
    end
  end)

  it("find and select take any pattern without raising: a list, or nil and a message", function()
    local patterns = { BIG, "%", "[", "(", "%b", "\0", "\255\254", "busy\0here", string.rep("a?", 5000) }
    for _, p in ipairs(patterns) do
      local ok, list, msg = pcall(sipcodes.find, p)
      assert.is_true(ok, tostring(list))
      if list then assert.is_table(list) else assert.matches("^sipcodes%.find: ", msg) end
      if #p > 1024 then
        assert.is_nil(list)
        assert.equal("sipcodes.find: pattern longer than 1024 bytes", msg)
      end
    end
    local p64k = BIG:sub(1, 64 * 1024)
    for _, criteria in ipairs({ { reason = p64k }, { name = p64k }, { code = BIG }, { reason = "%" },
        { class = 0 / 0 }, { class = math.huge }, { rfc = -0.0 }, { final = "yes" }, { status = {} } }) do
      local ok, list, msg = pcall(sipcodes.select, criteria)
      assert.is_true(ok, tostring(list))
      if list then assert.same({}, list) else assert.matches("^sipcodes%.select: ", msg) end
    end
    for _, bad in ipairs(BAD_VALUES) do
      if type(bad.v) ~= "table" then
        assert_refuses("^sipcodes%.select: expected a table of criteria, got " .. type(bad.v) .. "$",
          sipcodes.select, bad.v)
      end
      if type(bad.v) ~= "string" then
        assert_refuses("^sipcodes%.find: expected a Lua pattern %(string%), got " .. type(bad.v) .. "$",
          sipcodes.find, bad.v)
      end
    end
  end)

  it("best names the first bad item and refuses bad lists and options", function()
    for _, bad in ipairs(BAD_VALUES) do
      if bad.v ~= nil then
        assert_refuses("^sipcodes%.best: item 2: " .. CODE .. bad.got .. "$", sipcodes.best, { 486, bad.v })
      end
      if type(bad.v) ~= "table" then
        assert_refuses("^sipcodes%.best: expected a list of codes, got " .. type(bad.v) .. "$",
          sipcodes.best, bad.v)
        if bad.v ~= nil then
          assert_refuses("^sipcodes%.best: expected a table of options, got " .. type(bad.v) .. "$",
            sipcodes.best, { 486 }, bad.v)
        end
      end
    end
    assert_refuses("^sipcodes%.best: option 'method' must be a string, got number$",
      sipcodes.best, {}, { method = 0 / 0 })
    assert.equal(486, sipcodes.best({ 486 }, { method = BIG }))
    assert.is_nil(sipcodes.best({}, { method = BIG }))
  end)

  it("the parsers refuse non-strings by type and over-long input by its length alone", function()
    for _, bad in ipairs(BAD_VALUES) do
      if type(bad.v) ~= "string" then
        assert_refuses("^sipcodes%.parse_status_line: expected a string, got " .. type(bad.v) .. "$",
          sipcodes.parse_status_line, bad.v)
        assert_refuses("^sipcodes%.parse_reason: expected a string, got " .. type(bad.v) .. "$",
          sipcodes.parse_reason, bad.v)
      end
    end
    assert_refuses("^sipcodes%.parse_status_line: input of 1048576 bytes is longer than 4096$",
      sipcodes.parse_status_line, BIG)
    assert_refuses("^sipcodes%.parse_reason: input of 1048576 bytes is longer than 8192$",
      sipcodes.parse_reason, BIG)
  end)

  it("the parsers name NUL, CR, LF and broken UTF-8 without echoing them", function()
    local lines = { "SIP/2.0 200 O\0K", "SIP/2.0 200 OK\r\nX: 1", "SIP/2.0 200 OK\n", "SIP/2.0 200 \255",
      "SIP/2.0 200 \192\141", "\0", "SIP/2.0 4294967301 Big", "SIP/2.0 200 OK\r\n\r\n" }
    for _, line in ipairs(lines) do
      assert_refuses("^sipcodes%.parse_status_line: ", sipcodes.parse_status_line, line)
    end
    local values = { "SIP;cause=200\r\nX: 1", 'SIP;text="\0"', 'SIP;text="\255"', "SIP;cause=4294967301",
      "SIP;cause=99999999999999999999", 'SIP;text="\\\0"', "\0", "SIP;cause=1\n", 'SIP;text="\194\133"' }
    for _, v in ipairs(values) do assert_refuses("^sipcodes%.parse_reason: ", sipcodes.parse_reason, v) end
  end)

  it("the builders refuse a text that is not a string or longer than 1024 bytes", function()
    local builders = {
      { "status_line", sipcodes.status_line, 486 },
      { "reason_header", sipcodes.reason_header, 486 },
      { "q850.reason_header", q850.reason_header, 16 },
    }
    for _, b in ipairs(builders) do
      local prefix = "^sipcodes%." .. b[1]:gsub("%.", "%%.") .. ": bad argument #2: "
      for _, bad in ipairs(BAD_VALUES) do
        if bad.v ~= nil and type(bad.v) ~= "string" then
          assert_refuses(prefix .. "string expected, got " .. type(bad.v) .. "$", b[2], b[3], bad.v)
        end
      end
      assert_refuses(prefix .. "text longer than 1024 bytes$", b[2], b[3], BIG)
      assert_refuses(prefix .. "text longer than 1024 bytes$", b[2], b[3], string.rep("a", 1025))
      assert.is_string(b[2](b[3], string.rep("a", 1024)))
    end
  end)

  it("each's iterator takes any control value without crashing", function()
    local f = sipcodes.each()
    assert.equal(100, (f(nil, 0 / 0)))
    assert.equal(100, (f(nil, -math.huge)))
    assert.is_nil((f(nil, math.huge)))
    assert.is_nil((f(nil, 699)))
    assert.equal(487, (f(nil, 486.5)))
    assert.is_false(pcall(f, nil, {}))
    assert.is_false(pcall(f, nil, "abc"))
  end)

  it("indexing the module table with hostile keys gives nil and leaves it working", function()
    for _, bad in ipairs(BAD_VALUES) do
      if bad.v ~= nil and bad.v == bad.v then assert.is_nil(sipcodes[bad.v]) end
    end
    assert.is_nil(sipcodes[0 / 0])
    assert.is_nil(sipcodes["BUSY_HERE\0junk"])
    assert.is_nil(sipcodes["busy_here"])
    for code = 700, 720 do assert.is_nil(sipcodes[code]) end
    assert.equal(486, sipcodes.BUSY_HERE)
    assert.equal("Busy Here", sipcodes[486].reason)
    assert.is_function(sipcodes.best)
    assert.is_function(sipcodes.q850.to_sip)
  end)

  it("works the same when called from inside a coroutine", function()
    local co = coroutine.wrap(function()
      local e = sipcodes.lookup(486)
      coroutine.yield(e.reason)
      coroutine.yield(sipcodes.parse_reason("SIP;cause=200")[1].cause)
      coroutine.yield(select(2, sipcodes.lookup(coroutine.running())))
    end)
    assert.equal("Busy Here", co())
    assert.equal(200, co())
    assert.matches("^sipcodes%.lookup: " .. CODE .. "thread$", co())
  end)

  it("keeps its caches of bad values bounded under a flood of distinct ones", function()
    collectgarbage()
    collectgarbage()
    local before = collectgarbage("count")
    for i = 1, 20000 do
      sipcodes.lookup(1000 + i)
      sipcodes.reason(-i)
      sipcodes.class(tostring(1000 + i))
    end
    collectgarbage()
    collectgarbage()
    -- 60,000 messages kept would be several MB.
    assert.is_true(collectgarbage("count") - before < 1024, "grew by "
      .. math.floor(collectgarbage("count") - before) .. " KB")
  end)
end)

describe("injection into the builders", function()
  local ATTACKS = {
    "OK\r\nVia: SIP/2.0/UDP evil.example.com",
    "OK\r\n\r\nINVITE sip:victim@example.com SIP/2.0",
    "\r", "\n", "\n\r", "\r\n", "a\rb", "a\nb",
    "\0\r\0\n", "%0D%0A", "%0d%0a%", "\\\r\n\"", '"\r\nX: "',
    "\194\133",          -- U+0085 NEXT LINE, a C1 control
    "\226\128\168",      -- U+2028 LINE SEPARATOR: valid, kept
    "\192\141\192\138",  -- overlong CR and LF
    "\224\128\141",      -- overlong CR in three bytes
    "\r\n " .. string.rep("x", 1000), string.rep("\r\n", 512),
  }

  -- Every builder, each with a check that its output parses back.
  local function outputs(text)
    local list = {}
    local function add(s)
      assert.is_string(s)
      list[#list + 1] = s
    end
    local code, phrase = sipcodes.parse_status_line(sipcodes.status_line(486, text))
    assert.equal(486, code)
    assert.is_false(phrase:find("[\r\n]") ~= nil)
    add(sipcodes.status_line(486, text))
    add(sipcodes.status_line(431, text))
    add(sipcodes.status_line("699", text))
    for _, s in ipairs({ sipcodes.reason_header(486, text), q850.reason_header(16, text),
        q850.reason_header("user_busy", text), q850.reason_header("127", text) }) do
      local parsed = sipcodes.parse_reason(s)
      assert.is_table(parsed, s)
      assert.equal(1, #parsed)
      add(s)
    end
    return list
  end

  it("no output of any builder holds CR or LF, and each parses back", function()
    for _, text in ipairs(ATTACKS) do
      for _, s in ipairs(outputs(text)) do
        assert.is_nil(s:find("[\r\n]"), "CR or LF in: " .. s)
      end
    end
  end)

  it("holds for every byte and every short mix of the bytes that matter", function()
    -- NUL, LF, CR, '"', '%', '\', DEL, a C1 lead byte, U+0085's second
    -- byte, an invalid byte: 1,000 mixes (the suite also runs under valgrind).
    local bytes = { 0, 10, 13, 34, 37, 92, 127, 194, 133, 255 }
    for b = 0, 255 do
      for _, s in ipairs(outputs(string.char(b))) do assert.is_nil(s:find("[\r\n]")) end
    end
    for _, a in ipairs(bytes) do
      for _, b in ipairs(bytes) do
        for _, c in ipairs(bytes) do
          local t = string.char(a, b, c)
          assert.is_nil(sipcodes.status_line(486, t):find("[\r\n]"))
          assert.is_nil(sipcodes.reason_header(486, t):find("[\r\n]"))
          assert.is_nil(q850.reason_header(16, t):find("[\r\n]"))
        end
      end
    end
  end)

  it("escapes what it must, as README.md shows", function()
    assert.equal("SIP/2.0 486 OK%0D%0AX: 1", sipcodes.status_line(486, "OK\r\nX: 1"))
    assert.equal('SIP;cause=486;text="OK  X: 1"', sipcodes.reason_header(486, "OK\r\nX: 1"))
    assert.equal('Q.850;cause=16;text="\\" \\\\ ? ?"', q850.reason_header(16, '" \\ \255 \192'))
    assert.equal('SIP;cause=486;text="a b"', sipcodes.reason_header(486, "a\194\133b"))
  end)

  it("refuses a CR or LF smuggled in as the code or the cause", function()
    for _, v in ipairs({ "486\r\n", "\r\n486", "4\r6", "486\0", "USER_BUSY\r\n", "17\n" }) do
      assert_refuses("^sipcodes%.status_line: " .. CODE, sipcodes.status_line, v, "x")
      assert_refuses("^sipcodes%.reason_header: " .. CODE, sipcodes.reason_header, v)
      assert_refuses("^sipcodes%.q850%.reason_header: " .. CAUSE, q850.reason_header, v)
    end
  end)
end)

describe("loading", function()
  it("creates no global and changes none, nor do its lazy layers", function()
    local saved = unload()
    local before = {}
    for k, v in pairs(_G) do before[k] = v end
    local ok, err = pcall(function()
      local fresh = require("sipcodes")
      assert.are_not.equal(sipcodes, fresh)
      -- Touch everything that loads on first use.
      assert.equal(486, fresh.lookup(486).code)
      assert.is_nil(fresh[431])
      assert.equal(6, #fresh.match("6xx"))
      assert.equal(407, fresh.best({ 503, 407 }))
      assert.equal(486, fresh.q850.to_sip(17))
      assert.is_table(fresh.parse_reason("SIP;cause=200"))
      for code = 700, 710 do assert.is_nil(fresh[code]) end
    end)
    local added, changed = {}, {}
    for k, v in pairs(_G) do
      if before[k] == nil then added[#added + 1] = tostring(k)
      elseif before[k] ~= v then changed[#changed + 1] = tostring(k) end
    end
    restore(saved)
    assert.is_true(ok, tostring(err))
    assert.same({}, added)
    assert.same({}, changed)
  end)

  it("gives a fresh module its own entries, untouched by another's rawset", function()
    local e = sipcodes.lookup(486)
    rawset(e, "reason", "Shadowed")
    local saved = unload()
    local ok, fresh_reason = pcall(function() return require("sipcodes").lookup(486).reason end)
    restore(saved)
    rawset(e, "reason", nil)
    assert.is_true(ok, tostring(fresh_reason))
    assert.equal("Busy Here", fresh_reason)
  end)
end)

describe("read-only entries", function()
  it("raise on assignment to any field, and change nothing", function()
    local e = sipcodes.lookup(486)
    for _, case in ipairs({
      { "reason", "X", "'reason'" }, { "code", 200, "'code'" }, { "final", false, "'final'" },
      { "new_field", 1, "'new_field'" }, { 1, 1, "1" }, { {}, 1, "table" }, { 0.5, 1, "0%.5" },
      { "x\r\ny", 1, "'x%?%?y'" },
    }) do
      local ok, err = pcall(function() e[case[1]] = case[2] end)
      assert.is_false(ok)
      assert.matches("sipcodes: entry 486 is read%-only %(cannot set field " .. case[3] .. "%)$", err)
      assert.is_nil(rawget(e, case[1]))
    end
    assert.is_false(pcall(function() e[0 / 0] = 1 end))
    assert.is_false(pcall(function() e[nil] = 1 end))
    assert.equal("Busy Here", e.reason)
    assert.equal(486, e.code)
    assert.is_true(e.final)
    assert.is_nil(e.new_field)
    assert.is_nil(next(e))
  end)

  it("hide their metatable and refuse a new one", function()
    local e = sipcodes.lookup(486)
    assert.is_false(getmetatable(e))
    local ok, err = pcall(setmetatable, e, {})
    assert.is_false(ok)
    assert.matches("cannot change a protected metatable", err)
    assert.is_false(pcall(setmetatable, e, nil))
    assert.equal("486 Busy Here", tostring(e))
  end)

  it("are the same table however the code is given", function()
    local e = sipcodes.lookup(486)
    assert.equal(e, sipcodes.lookup("486"))
    assert.equal(e, sipcodes.lookup(486.0))
    assert.equal(e, sipcodes[486])
    assert.equal(e, sipcodes.resolve(486))
  end)

  it("let rawset shadow a field for every holder in this state, but not the functions", function()
    local e = sipcodes.lookup(486)
    rawset(e, "reason", "Shadowed")
    local seen = {
      e.reason, sipcodes.lookup(486).reason, sipcodes[486].reason, tostring(e),
      sipcodes.reason(486), sipcodes.status_line(486), sipcodes.reason_header(486),
      sipcodes.code("Busy Here"),
    }
    rawset(e, "reason", nil)
    assert.same({
      "Shadowed", "Shadowed", "Shadowed", "486 Shadowed",
      "Busy Here", "SIP/2.0 486 Busy Here", 'SIP;cause=486;text="Busy Here"', 486,
    }, seen)
    assert.equal("Busy Here", e.reason)
  end)

  it("let rawset add fields and survive odd values in them", function()
    local e = sipcodes.lookup(486)
    rawset(e, "note", "mine")
    assert.equal("mine", sipcodes.lookup(486).note)
    rawset(e, "note", nil)
    rawset(e, "code", {})
    rawset(e, "reason", {})
    assert.is_string(tostring(e))
    assert.is_false(pcall(function() e.x = 1 end))
    rawset(e, "code", nil)
    rawset(e, "reason", nil)
    assert.equal("486 Busy Here", tostring(e))
  end)

  it("let the debug library reach the data table, as README.md warns", function()
    local e = sipcodes.lookup(486)
    local data = debug.getmetatable(e).__index
    assert.is_table(data)
    data.reason = "Changed"
    local seen = e.reason
    data.reason = "Busy Here"
    assert.equal("Changed", seen)
    assert.equal("Busy Here", sipcodes.lookup(486).reason)
  end)
end)

describe("answers that do not depend on what was asked before", function()
  it("reason looks at its default only when the code has no phrase, cached or not", function()
    local saved = unload()
    local ok, err = pcall(function()
      local fresh = require("sipcodes")
      assert.equal("Busy Here", fresh.reason(486, {}))   -- first, through the core
      assert.equal("Busy Here", fresh.reason(486, {}))   -- then from the cache
      assert.error_matches(function() fresh.reason(431, {}) end,
        "bad argument #2 %(default%): string expected, got table")
      assert.error_matches(function() fresh.reason(700, 5) end,
        "string expected, got number")
    end)
    restore(saved)
    assert.is_true(ok, tostring(err))
  end)

  it("the message for a bad value does not depend on what was asked before", function()
    -- The float -2^63 and math.mininteger are one table key in 5.3+, and
    -- the cache of misses keeps whichever message came first.  A fresh
    -- module: the flood above has filled this one's cache.
    if not math.mininteger then return end
    local saved = unload()
    local ok, msg = pcall(function()
      local fresh = require("sipcodes")
      fresh.lookup(-2 ^ 63)
      return select(2, fresh.lookup(math.mininteger))
    end)
    restore(saved)
    assert.is_true(ok, tostring(msg))
    assert.matches("got %-9223372036854775808$", msg)
  end)

  it("a q850 profile with a NUL byte is refused", function()
    assert.is_nil(q850.to_sip(17, "freeswitch\0junk"))
  end)

  it("messages of match, select and best quote at most 24 printable bytes", function()
    local _, msg = sipcodes.match("4\r\n")
    assert.is_nil(msg:find("[\r\n]"))
    _, msg = sipcodes.best({ 486 }, { ranking = string.rep("r", 1000) })
    assert.is_true(#msg < 200)
  end)
end)
