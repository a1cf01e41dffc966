-- sipcodes.parse_status_line and sipcodes.parse_reason: the Status-Line of
-- RFC 3261 §7.2/§25 and the Reason header field value of RFC 3326 §2 as
-- updated by RFC 9366.  Bad input is checked as closely as good input:
-- both parsers face the network.

local sipcodes = require("sipcodes")

local parse_status_line = sipcodes.parse_status_line
local parse_reason = sipcodes.parse_reason

-- Lua 5.3+ tells integers from floats; before that every number is a float.
local math_type = math.type or function(n)
  return type(n) == "number" and n == math.floor(n) and "integer" or "float"
end

-- Asserts that f(input) returns exactly nil and a message matching pattern,
-- and returns the message.
local function pack(...) return select("#", ...), ... end

local function fails(f, input, pattern)
  local n, a, b = pack(f(input))
  assert.is_nil(a)
  assert.are.equal("string", type(b))
  assert.are.equal(2, n)
  assert.matches(pattern, b)
  return b
end

local SL = "^sipcodes%.parse_status_line: "
local RS = "^sipcodes%.parse_reason: "

-- Park-Miller: the same exact sequence on every Lua, floats or integers.
local function prng(seed)
  local x = seed
  return function(n)
    x = x * 16807 % 2147483647
    return x % n
  end
end

describe("sipcodes.parse_status_line", function()
  describe("valid lines", function()
    it("parses the issue's example into code, reason and version", function()
      local code, reason, version = parse_status_line("SIP/2.0 180 Ringing\r\n")
      assert.are.equal(180, code)
      assert.are.equal("Ringing", reason)
      assert.are.equal("SIP/2.0", version)
    end)

    it("returns the code as an integer", function()
      local code = parse_status_line("SIP/2.0 486 Busy Here")
      assert.are.equal(486, code)
      assert.are.equal("integer", math_type(code))
    end)

    it("returns exactly three values", function()
      assert.are.equal(3, select("#", parse_status_line("SIP/2.0 200 OK")))
    end)

    it("accepts the line without its final CRLF", function()
      local code, reason, version = parse_status_line("SIP/2.0 404 Not Found")
      assert.are.same({ 404, "Not Found", "SIP/2.0" }, { code, reason, version })
    end)

    it("accepts an empty Reason-Phrase after the second SP", function()
      assert.are.same({ 200, "", "SIP/2.0" }, { parse_status_line("SIP/2.0 200 ") })
      assert.are.same({ 200, "", "SIP/2.0" }, { parse_status_line("SIP/2.0 200 \r\n") })
    end)

    it("keeps SP and HTAB inside the phrase, leading and trailing ones too", function()
      local _, reason = parse_status_line("SIP/2.0 200  OK\there \r\n")
      assert.are.equal(" OK\there ", reason)
    end)

    it("accepts every reserved and mark character in the phrase", function()
      local phrase = ";/?:@&=+$,-_.!~*'()"
      local code, reason = parse_status_line("SIP/2.0 302 " .. phrase)
      assert.are.equal(302, code)
      assert.are.equal(phrase, reason)
    end)

    it("returns escapes as given, in either case, without decoding them", function()
      local _, reason = parse_status_line("SIP/2.0 200 A%20b%2fc%C3%A9")
      assert.are.equal("A%20b%2fc%C3%A9", reason)
    end)

    it("accepts well-formed UTF-8 of two, three and four bytes", function()
      local phrase = "Appel termin\195\169 \230\156\170\230\137\190\229\136\176 \240\159\152\128"
      local _, reason = parse_status_line("SIP/2.0 480 " .. phrase)
      assert.are.equal(phrase, reason)
    end)

    it("accepts the UTF-8 boundaries U+00A0, U+D7FF, U+E000 and U+10FFFF", function()
      for _, ch in ipairs({ "\194\160", "\237\159\191", "\238\128\128", "\244\143\191\191" }) do
        local code, reason = parse_status_line("SIP/2.0 200 " .. ch)
        assert.are.equal(200, code)
        assert.are.equal(ch, reason)
      end
    end)

    it("parses an unusual phrase in the style of RFC 4475's unreason: '*', '=', Cyrillic", function()
      local phrase = "= 2**3 * 5**2 \208\189\208\190 \209\129\209\130\208\190 " ..
        "\208\180\208\181\208\178\209\143\208\189\208\190\209\129\209\130\208\190 " ..
        "\208\180\208\181\208\178\209\143\209\130\209\140 - \208\191\209\128\208\190" ..
        "\209\129\209\130\208\190\208\181"
      local code, reason, version = parse_status_line("SIP/2.0 200 " .. phrase .. "\r\n")
      assert.are.same({ 200, phrase, "SIP/2.0" }, { code, reason, version })
    end)

    it("compares \"SIP\" case-insensitively and returns the version as given", function()
      assert.are.same({ 100, "Trying", "sip/2.0" }, { parse_status_line("sip/2.0 100 Trying") })
      assert.are.same({ 100, "Trying", "sIp/2.0" }, { parse_status_line("sIp/2.0 100 Trying") })
    end)

    it("accepts any 1*DIGIT \".\" 1*DIGIT version and leaves judging it to the caller", function()
      assert.are.same({ 200, "OK", "SIP/7.0" }, { parse_status_line("SIP/7.0 200 OK") })
      assert.are.same({ 200, "OK", "SIP/10.20" }, { parse_status_line("SIP/10.20 200 OK") })
    end)

    it("accepts the range bounds 100 and 699, registered or not", function()
      assert.are.equal(100, (parse_status_line("SIP/2.0 100 Trying")))
      assert.are.equal(699, (parse_status_line("SIP/2.0 699 Whatever")))
      assert.are.equal(499, (parse_status_line("SIP/2.0 499 Unregistered")))
    end)

    it("accepts a line of exactly 4096 bytes", function()
      local line = "SIP/2.0 200 " .. ("x"):rep(4096 - 12)
      assert.are.equal(4096, #line)
      local code, reason = parse_status_line(line)
      assert.are.equal(200, code)
      assert.are.equal(4096 - 12, #reason)
    end)
  end)

  describe("bad arguments", function()
    it("returns nil and a message for each non-string type", function()
      for _, v in ipairs({ 200, true, false, {}, print, coroutine.create(function() end) }) do
        fails(parse_status_line, v, SL .. "expected a string, got " .. type(v) .. "$")
      end
    end)

    it("returns nil and a message for nil and for no argument", function()
      fails(parse_status_line, nil, SL .. "expected a string, got nil$")
      local a, b = parse_status_line()
      assert.is_nil(a)
      assert.matches(SL .. "expected a string, got no value$", b)
    end)

    it("refuses a 1 MB string without echoing it", function()
      local msg = fails(parse_status_line, "SIP/2.0 200 " .. ("x"):rep(1024 * 1024),
        SL .. "input of 1048588 bytes is longer than 4096$")
      assert.is_true(#msg < 100)
    end)

    it("refuses 4097 bytes", function()
      fails(parse_status_line, "SIP/2.0 200 " .. ("x"):rep(4097 - 12), "longer than 4096")
    end)
  end)

  describe("bad SIP-Version", function()
    it("refuses the empty string", function()
      fails(parse_status_line, "", SL .. "expected a SIP%-Version %(\"SIP/\"%) at byte 1$")
    end)

    it("refuses another protocol", function()
      fails(parse_status_line, "HTTP/1.1 200 OK", "SIP%-Version .* at byte 1")
    end)

    it("refuses leading whitespace", function()
      fails(parse_status_line, " SIP/2.0 200 OK", "SIP%-Version .* at byte 1")
    end)

    it("refuses a missing slash", function()
      fails(parse_status_line, "SIP 2.0 200 OK", "SIP%-Version .* at byte 1")
    end)

    it("refuses a version without major digits", function()
      fails(parse_status_line, "SIP/.0 200 OK", "expected a digit at byte 5 in the SIP%-Version, got '%.'")
    end)

    it("refuses a version without '.'", function()
      fails(parse_status_line, "SIP/2 200 OK", "expected '%.' at byte 6 in the SIP%-Version, got SP")
    end)

    it("refuses a version without minor digits", function()
      fails(parse_status_line, "SIP/2. 200 OK", "expected a digit at byte 7 in the SIP%-Version, got SP")
    end)

    it("refuses a version alone", function()
      fails(parse_status_line, "SIP/2.0",
        "expected SP after the SIP%-Version at byte 8, got the end of the input")
    end)

    it("refuses HTAB instead of SP after the version", function()
      fails(parse_status_line, "SIP/2.0\t200 OK", "expected SP after the SIP%-Version at byte 8, got HTAB")
    end)
  end)

  describe("bad Status-Code", function()
    it("refuses two SPs before the code", function()
      fails(parse_status_line, "SIP/2.0  200 OK", "three%-digit Status%-Code at byte 9, got SP")
    end)

    it("refuses a two-digit code", function()
      fails(parse_status_line, "SIP/2.0 20 OK", "three%-digit Status%-Code at byte 11, got SP")
    end)

    it("refuses a four-digit code", function()
      fails(parse_status_line, "SIP/2.0 2000 OK", "Status%-Code at byte 9 has more than three digits")
    end)

    it("refuses an overlarge code in the style of RFC 4475's bigcode", function()
      fails(parse_status_line, "SIP/2.0 4294967301 better not break the receiver\r\n",
        "more than three digits")
    end)

    it("refuses codes below 100 and above 699", function()
      for _, c in ipairs({ "000", "099", "700", "999" }) do
        fails(parse_status_line, "SIP/2.0 " .. c .. " X",
          SL .. "Status%-Code " .. c .. " at byte 9 is out of range %(100%.%.699%)$")
      end
    end)

    it("refuses a code with a sign or letters", function()
      fails(parse_status_line, "SIP/2.0 +20 OK", "three%-digit Status%-Code at byte 9, got '%+'")
      fails(parse_status_line, "SIP/2.0 2O0 OK", "three%-digit Status%-Code at byte 10, got 'O'")
    end)

    it("refuses a missing second SP, which the grammar requires even for an empty phrase", function()
      fails(parse_status_line, "SIP/2.0 200",
        "expected SP after the Status%-Code at byte 12, got the end of the input")
      fails(parse_status_line, "SIP/2.0 200\r\n", "expected SP after the Status%-Code at byte 12, got CR")
      fails(parse_status_line, "SIP/2.0 200OK", "expected SP after the Status%-Code at byte 12, got 'O'")
    end)
  end)

  describe("bad line ends", function()
    it("refuses anything after the CRLF", function()
      fails(parse_status_line, "SIP/2.0 200 OK\r\n\r\n",
        SL .. "CRLF at byte 15 is followed by more input at byte 17$")
      fails(parse_status_line, "SIP/2.0 200 OK\r\nVia: x", "CRLF at byte 15 is followed by more input")
    end)

    it("refuses a bare LF, at the end or inside", function()
      fails(parse_status_line, "SIP/2.0 200 OK\n", SL .. "bare LF at byte 15$")
      fails(parse_status_line, "SIP/2.0 200 O\nK", SL .. "bare LF at byte 14$")
    end)

    it("refuses a bare CR, at the end or inside", function()
      fails(parse_status_line, "SIP/2.0 200 OK\r", SL .. "bare CR at byte 15$")
      fails(parse_status_line, "SIP/2.0 200 O\rK\r\n", SL .. "bare CR at byte 14$")
    end)

    it("refuses LF CR in place of CRLF", function()
      fails(parse_status_line, "SIP/2.0 200 OK\n\r", "bare LF at byte 15")
    end)
  end)

  describe("bad Reason-Phrase", function()
    it("refuses NUL bytes and names them", function()
      fails(parse_status_line, "SIP/2.0 200 O\0K",
        SL .. "control character NUL at byte 14 in the Reason%-Phrase$")
      fails(parse_status_line, "SIP/2.0 200 \0", "control character NUL at byte 13")
    end)

    it("refuses NUL bytes in the version and the code", function()
      fails(parse_status_line, "SIP\0/2.0 200 OK", "SIP%-Version")
      fails(parse_status_line, "SIP/2.0 2\0 OK", "three%-digit Status%-Code at byte 10, got NUL")
    end)

    it("refuses C0 controls and DEL, without raw control bytes in the message", function()
      for _, c in ipairs({ 1, 8, 11, 12, 27, 31, 127 }) do
        local msg = fails(parse_status_line, "SIP/2.0 200 A" .. string.char(c),
          ("control character 0x%02X at byte 14"):format(c))
        assert.is_nil(msg:find("%c"))
      end
    end)

    it("refuses the C1 control U+0085 (NEL)", function()
      fails(parse_status_line, "SIP/2.0 200 A\194\133",
        SL .. "control character U%+0085 at byte 14 in the Reason%-Phrase$")
    end)

    it("refuses every printable ASCII character outside the grammar", function()
      local bad = "\"#<>[\\]^`{|}"
      for i = 1, #bad do
        local c = bad:sub(i, i)
        fails(parse_status_line, "SIP/2.0 200 a" .. c .. "b",
          "disallowed character '" .. c:gsub("%p", "%%%0") .. "' at byte 14 in the Reason%-Phrase")
      end
    end)

    it("refuses '%' without two hex digits", function()
      for _, p in ipairs({ "%", "%2", "%zz", "%2g", "%g2", "% 20" }) do
        fails(parse_status_line, "SIP/2.0 200 a" .. p, "incomplete escape '%%' at byte 14")
      end
    end)

    it("refuses lone continuation bytes", function()
      fails(parse_status_line, "SIP/2.0 200 a\128", "invalid UTF%-8 byte 0x80 at byte 14")
      fails(parse_status_line, "SIP/2.0 200 \191", "invalid UTF%-8 byte 0xBF at byte 13")
    end)

    it("refuses overlong forms", function()
      for _, s in ipairs({ "\192\128", "\193\191", "\224\128\128", "\224\159\191", "\240\128\128\128",
                           "\240\143\191\191" }) do
        fails(parse_status_line, "SIP/2.0 200 " .. s, "invalid UTF%-8 byte 0x%x%x at byte 13")
      end
    end)

    it("refuses UTF-16 surrogates", function()
      fails(parse_status_line, "SIP/2.0 200 \237\160\128", "invalid UTF%-8 byte 0xED at byte 13")
      fails(parse_status_line, "SIP/2.0 200 \237\191\191", "invalid UTF%-8 byte 0xED at byte 13")
    end)

    it("refuses code points above U+10FFFF and the bytes F5..FF", function()
      fails(parse_status_line, "SIP/2.0 200 \244\144\128\128", "invalid UTF%-8 byte 0xF4 at byte 13")
      for _, b in ipairs({ 245, 248, 252, 254, 255 }) do
        fails(parse_status_line, "SIP/2.0 200 " .. string.char(b, 128, 128, 128), "invalid UTF%-8 byte")
      end
    end)

    it("refuses sequences cut short, at the end or by ASCII", function()
      fails(parse_status_line, "SIP/2.0 200 \195", "invalid UTF%-8 byte 0xC3 at byte 13")
      fails(parse_status_line, "SIP/2.0 200 \226\130", "invalid UTF%-8 byte 0xE2 at byte 13")
      fails(parse_status_line, "SIP/2.0 200 \226\130\r\n", "invalid UTF%-8 byte 0xE2 at byte 13")
      fails(parse_status_line, "SIP/2.0 200 \195A", "invalid UTF%-8 byte 0xC3 at byte 13")
    end)

    it("names the byte that starts an invalid sequence, and a C1 control only when it is valid", function()
      -- C2 41 is no sequence: 0xC2 is named, not "U+0041".
      local C2 = SL .. "invalid UTF%-8 byte 0xC2 at byte 13 in the Reason%-Phrase$"
      for _, tail in ipairs({ "A", "\r\n", "\0", "\194\128", "\192\128" }) do
        fails(parse_status_line, "SIP/2.0 200 \194" .. tail, C2)
      end
      -- C2 80 and C2 9F are well-formed C1 controls; C2 A0 is U+00A0.
      local C1 = SL .. "control character U%+00%x%x at byte 13 in the Reason%-Phrase$"
      assert.matches("U%+0080", fails(parse_status_line, "SIP/2.0 200 \194\128", C1))
      assert.matches("U%+009F", fails(parse_status_line, "SIP/2.0 200 \194\159", C1))
      assert.are.equal("\194\160", select(2, parse_status_line("SIP/2.0 200 \194\160")))
    end)

    it("reports the first of several faults", function()
      fails(parse_status_line, "SIP/2.0 200 ok<\0\128", "disallowed character '<' at byte 15")
    end)
  end)

  describe("with the builder", function()
    it("parses what sipcodes.status_line builds around every ASCII byte", function()
      for c = 0, 127 do
        local text = "a" .. string.char(c) .. "b"
        local line = sipcodes.status_line(486, text)
        local code, reason, version = parse_status_line(line)
        assert.are.same({ 486, line:sub(13), "SIP/2.0" }, { code, reason, version })
      end
    end)

    it("parses what sipcodes.status_line builds from UTF-8 and from broken UTF-8", function()
      for _, text in ipairs({ "Appel termin\195\169", "\240\159\152\128", "\195", "\237\160\128" }) do
        assert.are.equal(480, (parse_status_line(sipcodes.status_line(480, text))))
      end
    end)
  end)

  describe("torture", function()
    it("never raises on mutated lines, and returns a line or nil and a message", function()
      local rand = prng(3261)
      local seeds = {
        "SIP/2.0 180 Ringing\r\n", "SIP/2.0 200 A%20\195\169\r\n", "sip/10.2 699 \240\159\152\128",
      }
      for i = 1, 3000 do
        local s = seeds[i % #seeds + 1]
        local pos = rand(#s) + 1
        s = s:sub(1, pos - 1) .. string.char(rand(256)) .. s:sub(pos + rand(2))
        local ok, a, b, c = pcall(parse_status_line, s)
        assert.is_true(ok)
        if a == nil then
          assert.matches(SL, b)
        else
          assert.are.equal("integer", math_type(a))
          assert.is_true(a >= 100 and a <= 699)
          assert.are.equal("string", type(b))
          assert.are.equal("string", type(c))
        end
      end
    end)
  end)
end)

describe("sipcodes.parse_reason", function()
  describe("valid values", function()
    it("parses the issue's example into two values with their fields", function()
      local r = parse_reason('Q.850;cause=16;text="Normal call clearing", SIP;cause=200')
      assert.are.equal(2, #r)
      assert.are.equal("Q.850", r[1].protocol)
      assert.are.equal(16, r[1].cause)
      assert.are.equal("Normal call clearing", r[1].text)
      assert.are.same({ cause = "16", text = "Normal call clearing" }, r[1].params)
      assert.are.equal("SIP", r[2].protocol)
      assert.are.equal(200, r[2].cause)
      assert.is_nil(r[2].text)
      assert.are.same({ cause = "200" }, r[2].params)
    end)

    it("returns cause as an integer", function()
      local r = parse_reason("SIP;cause=487")
      assert.are.equal("integer", math_type(r[1].cause))
    end)

    it("returns exactly one value, the list", function()
      assert.are.equal(1, select("#", parse_reason("SIP;cause=200")))
    end)

    it("parses a protocol alone, with an empty params table", function()
      assert.are.same({ { protocol = "SIP", params = {} } }, parse_reason("SIP"))
    end)

    it("accepts any token as protocol and returns it as given", function()
      local r = parse_reason('preemption;cause=1;text="UA Preemption", STIR;cause=438, q.850;cause=1, ' ..
        "x-Foo_1!%*+`'~")
      assert.are.equal("preemption", r[1].protocol)
      assert.are.equal("UA Preemption", r[1].text)
      assert.are.equal("STIR", r[2].protocol)
      assert.are.equal(438, r[2].cause)
      assert.are.equal("q.850", r[3].protocol)
      assert.are.equal("x-Foo_1!%*+`'~", r[4].protocol)
    end)

    it("takes parameter names in any case and stores them lowercased", function()
      local r = parse_reason('SIP;CAUSE=480;Text="Temporarily Unavailable";X-Ext=Val')
      assert.are.equal(480, r[1].cause)
      assert.are.equal("Temporarily Unavailable", r[1].text)
      assert.are.same({ cause = "480", text = "Temporarily Unavailable", ["x-ext"] = "Val" }, r[1].params)
    end)

    it("takes parameters in any order", function()
      local r = parse_reason('Q.850;text="User busy";cause=17')
      assert.are.equal(17, r[1].cause)
      assert.are.equal("User busy", r[1].text)
    end)

    it("keeps every extension parameter: token, host, IPv6 reference, quoted, valueless", function()
      local r = parse_reason('SIP;cause=200;foo=bar;flag;host=sip.example.com;v4=192.0.2.1;' ..
        'v6=[2001:db8::1];q="a,b;c"')
      assert.are.same({
        cause = "200", foo = "bar", flag = true, host = "sip.example.com", v4 = "192.0.2.1",
        v6 = "[2001:db8::1]", q = "a,b;c",
      }, r[1].params)
    end)

    it("accepts the IPv6 forms of RFC 4291 §2.2", function()
      for _, a in ipairs({ "[::]", "[::1]", "[1::]", "[1:2:3:4:5:6:7:8]", "[FE80::A:b:c]",
                           "[::ffff:192.0.2.1]", "[1:2:3:4:5:6:192.0.2.1]", "[1::7:8]" }) do
        local r = parse_reason("SIP;a=" .. a)
        assert.are.equal(a, r[1].params.a)
      end
    end)

    it("allows whitespace around ';', '=' and ','", function()
      local r = parse_reason('Q.850 ; cause = 16 ;\ttext =\t"x" , SIP ;cause=200')
      assert.are.equal(2, #r)
      assert.are.equal(16, r[1].cause)
      assert.are.equal("x", r[1].text)
      assert.are.equal(200, r[2].cause)
    end)

    it("allows line folds (CRLF then SP or HTAB) around ';', '=' and ','", function()
      local r = parse_reason('Q.850\r\n\t;cause=\r\n 16 \r\n ,\r\n SIP;cause=200')
      assert.are.equal(2, #r)
      assert.are.equal(16, r[1].cause)
      assert.are.equal(200, r[2].cause)
    end)

    it("allows whitespace and a fold around the whole value", function()
      local r = parse_reason(' \t SIP;cause=200 \r\n ')
      assert.are.same({ { protocol = "SIP", cause = 200, params = { cause = "200" } } }, r)
    end)

    it("does not split at commas or semicolons inside quotes", function()
      local r = parse_reason('SIP;cause=603;text="Declined, sorry; really", Q.850;cause=21')
      assert.are.equal(2, #r)
      assert.are.equal("Declined, sorry; really", r[1].text)
      assert.are.equal(21, r[2].cause)
    end)

    it("unescapes quoted-pairs", function()
      local r = parse_reason('SIP;text="say \\"hi\\" \\\\ \\a\\\t"')
      assert.are.equal('say "hi" \\ a\t', r[1].text)
      assert.are.equal('say "hi" \\ a\t', r[1].params.text)
    end)

    it("replaces a fold inside quotes, with the WSP around it, by one SP", function()
      local r = parse_reason('SIP;text="Normal \r\n\t call  clearing"')
      assert.are.equal("Normal call  clearing", r[1].text)
    end)

    it("accepts UTF-8 inside quotes", function()
      local r = parse_reason('Q.850;cause=16;text="Appel termin\195\169 \240\159\152\128"')
      assert.are.equal("Appel termin\195\169 \240\159\152\128", r[1].text)
    end)

    it("accepts an empty text", function()
      local r = parse_reason('SIP;cause=200;text=""')
      assert.are.equal("", r[1].text)
    end)

    it("reads cause with leading zeros as a number and keeps its digits in params", function()
      local r = parse_reason("Q.850;cause=016")
      assert.are.equal(16, r[1].cause)
      assert.are.equal("016", r[1].params.cause)
    end)

    it("accepts causes of up to nine digits", function()
      assert.are.equal(0, parse_reason("Q.850;cause=0")[1].cause)
      assert.are.equal(999999999, parse_reason("X;cause=999999999")[1].cause)
    end)

    it("allows several values with the same protocol (RFC 9366)", function()
      local r = parse_reason("STIR;cause=436, STIR;cause=438, SIP;cause=200, SIP;cause=487")
      assert.are.equal(4, #r)
      assert.are.same({ "STIR", "STIR", "SIP", "SIP" },
        { r[1].protocol, r[2].protocol, r[3].protocol, r[4].protocol })
      assert.are.same({ 436, 438, 200, 487 }, { r[1].cause, r[2].cause, r[3].cause, r[4].cause })
    end)

    it("leaves the meaning to the caller: two Q.850 values, causes out of any range", function()
      local r = parse_reason("Q.850;cause=16, Q.850;cause=17")
      assert.are.same({ 16, 17 }, { r[1].cause, r[2].cause })
      r = parse_reason("SIP;cause=700, Q.850;cause=128, Q.850;cause=10")
      assert.are.same({ 700, 128, 10 }, { r[1].cause, r[2].cause, r[3].cause })
      -- How a caller checks them: lookup for SIP, q850.text for Q.850.
      local e, why = sipcodes.lookup(r[1].cause)
      assert.is_nil(e)
      assert.matches("^sipcodes%.lookup: expected a SIP status code %(100%.%.699%), got 700$", why)
      local t, twhy = sipcodes.q850.text(r[2].cause)
      assert.is_nil(t)
      assert.matches("^sipcodes%.q850%.text: expected a Q%.850 cause %(1%.%.127%)", twhy)
      t, twhy = sipcodes.q850.text(r[3].cause)
      assert.is_nil(t)
      assert.are.equal("sipcodes.q850.text: cause 10 is not assigned", twhy)
      assert.are.equal("Normal call clearing", sipcodes.q850.text(parse_reason("Q.850;cause=16")[1].cause))
    end)

    it("allows the same parameter in different values", function()
      local r = parse_reason("SIP;cause=200;x=1, SIP;cause=487;x=2")
      assert.are.equal("1", r[1].params.x)
      assert.are.equal("2", r[2].params.x)
    end)

    it("parses many values in order", function()
      local parts = {}
      for i = 1, 200 do parts[i] = "Q.850;cause=" .. i end
      local r = parse_reason(table.concat(parts, ","))
      assert.are.equal(200, #r)
      for i = 1, 200 do assert.are.equal(i, r[i].cause) end
    end)

    it("accepts a value of exactly 8192 bytes", function()
      local v = 'SIP;text="' .. ("a"):rep(8192 - 11) .. '"'
      assert.are.equal(8192, #v)
      assert.are.equal(8192 - 11, #parse_reason(v)[1].text)
    end)

    it("returns fresh tables on every call", function()
      local a, b = parse_reason("SIP;cause=200"), parse_reason("SIP;cause=200")
      assert.are_not.equal(a, b)
      assert.are.same(a, b)
    end)
  end)

  describe("bad arguments", function()
    it("returns nil and a message for each non-string type", function()
      for _, v in ipairs({ 16, true, {}, print, coroutine.create(function() end) }) do
        fails(parse_reason, v, RS .. "expected a string, got " .. type(v) .. "$")
      end
      fails(parse_reason, nil, RS .. "expected a string, got nil$")
    end)

    it("refuses a 1 MB string without echoing it", function()
      local msg = fails(parse_reason, ("SIP;cause=200,"):rep(75000),
        RS .. "input of 1050000 bytes is longer than 8192$")
      assert.is_true(#msg < 100)
    end)

    it("refuses 8193 bytes", function()
      fails(parse_reason, 'SIP;text="' .. ("a"):rep(8192 - 10) .. '"', "longer than 8192")
    end)
  end)

  describe("bad values", function()
    it("refuses an empty or blank value", function()
      fails(parse_reason, "", RS .. "empty Reason value$")
      fails(parse_reason, " \t ", RS .. "empty Reason value$")
    end)

    it("refuses stray commas", function()
      fails(parse_reason, ",SIP", RS .. "empty reason%-value at byte 1 %(stray ','%)$")
      fails(parse_reason, "SIP,,Q.850", RS .. "empty reason%-value at byte 5 %(stray ','%)$")
      fails(parse_reason, "SIP, ,Q.850", "empty reason%-value at byte 6")
      fails(parse_reason, "SIP,", RS .. "empty reason%-value after the ',' at the end$")
      fails(parse_reason, "SIP;cause=1 , ", "empty reason%-value after the ','")
    end)

    it("refuses a protocol that is not a token", function()
      fails(parse_reason, '"SIP";cause=1', RS .. "expected a protocol %(token%) at byte 1, got '\"'$")
      fails(parse_reason, ";cause=1", "expected a protocol %(token%) at byte 1, got ';'")
      fails(parse_reason, "[::1];cause=1", "expected a protocol %(token%) at byte 1, got '%['")
      fails(parse_reason, "\195\169;cause=1", "expected a protocol %(token%) at byte 1, got 0xC3")
      fails(parse_reason, "SIP, @x", "expected a protocol %(token%) at byte 6, got '@'")
    end)

    it("refuses trailing garbage", function()
      fails(parse_reason, "SIP;cause=200 x", RS .. "expected ';', ',' or the end at byte 15, got 'x'$")
      fails(parse_reason, "SIP x", "at byte 5, got 'x'")
      fails(parse_reason, "SIP/2.0;cause=1", "at byte 4, got '/'")
      fails(parse_reason, 'SIP;text="a"b', "at byte 13, got 'b'")
      fails(parse_reason, 'SIP;cause=200"', "at byte 14, got '\"'")
    end)

    it("refuses a missing parameter name", function()
      fails(parse_reason, "SIP;", RS .. "expected a parameter name at byte 5, got the end of the input$")
      fails(parse_reason, "SIP;;cause=1", "expected a parameter name at byte 5, got ';'")
      fails(parse_reason, "SIP;=1", "expected a parameter name at byte 5, got '='")
      fails(parse_reason, "SIP; ,Q.850", "expected a parameter name at byte 6, got ','")
    end)

    it("refuses '=' without a value", function()
      fails(parse_reason, "SIP;foo=", "expected a value .* after '=' at byte 9, got the end of the input")
      fails(parse_reason, "SIP;foo=,Q.850", "after '=' at byte 9, got ','")
      fails(parse_reason, "SIP;foo==1", "after '=' at byte 9, got '='")
    end)

    it("refuses a bad IPv6 reference", function()
      for _, a in ipairs({ "[1::2::3]", "[12345::]", "[1:2:3:4:5:6:7:8:9]", "[1:2:3:4:5:6:7]", "[::1",
                           "[1:]", "[:1]", "[]", "[::192.0.2.256]", "[g::]", "[1:2:3:4:5:6:7:1.2.3.4]" }) do
        fails(parse_reason, "SIP;a=" .. a, RS .. "invalid IPv6 reference at byte 7$")
      end
    end)

    it("refuses an unterminated quoted-string", function()
      fails(parse_reason, 'SIP;text="abc', RS .. "unterminated quoted%-string opened at byte 10$")
      fails(parse_reason, 'SIP;text="abc\\"', "unterminated quoted%-string opened at byte 10")
      fails(parse_reason, 'SIP;text="abc\\', "unterminated quoted%-string opened at byte 10")
      fails(parse_reason, 'SIP;text=", SIP;cause=200', "unterminated quoted%-string opened at byte 10")
    end)

    it("refuses a cause that is not digits", function()
      for _, v in ipairs({ "abc", "16a", "-1", "1.5", "+16", "0x10" }) do
        fails(parse_reason, "Q.850;cause=" .. v, RS .. "cause at byte 13 must be digits$")
      end
      fails(parse_reason, 'Q.850;cause="16"', "cause at byte 13 must be digits")
      fails(parse_reason, "Q.850;cause=[::1]", "cause at byte 13 must be digits")
    end)

    it("refuses a cause without a value", function()
      fails(parse_reason, "Q.850;cause", RS .. "cause at byte 7 has no value %(1 to 9 digits%)$")
      fails(parse_reason, "Q.850;Cause , SIP", "cause at byte 7 has no value")
      fails(parse_reason, "Q.850;cause=", "expected a value")
    end)

    it("refuses a cause of more than nine digits, however long", function()
      fails(parse_reason, "Q.850;cause=1234567890", RS .. "cause at byte 13 has more than 9 digits$")
      fails(parse_reason, "Q.850;cause=" .. ("9"):rep(4000), "cause at byte 13 has more than 9 digits")
    end)

    it("refuses a text that is not a quoted-string", function()
      fails(parse_reason, "SIP;text=Busy", RS .. "text at byte 10 must be a quoted%-string$")
      fails(parse_reason, "SIP;text", RS .. "text at byte 5 has no value %(a quoted%-string%)$")
      fails(parse_reason, "SIP;text=[::1]", "text at byte 10 must be a quoted%-string")
    end)

    it("refuses a parameter twice in one value, whatever its case", function()
      fails(parse_reason, "SIP;cause=200;cause=200",
        RS .. "parameter 'cause' appears twice in reason%-value 1 %(byte 15%)$")
      fails(parse_reason, 'SIP;text="a";TEXT="b"', "parameter 'text' appears twice in reason%-value 1")
      fails(parse_reason, "SIP, X;Foo=1;fOO=2", "parameter 'foo' appears twice in reason%-value 2")
      fails(parse_reason, "SIP;flag;flag", "parameter 'flag' appears twice")
      fails(parse_reason, "SIP;flag;flag=1", "parameter 'flag' appears twice")
    end)

    it("shortens a long duplicated name in the message", function()
      local name = ("n"):rep(3000)
      local msg = fails(parse_reason, "SIP;" .. name .. ";" .. name,
        "parameter 'n+'%.%.%. %(3000 bytes%) appears twice")
      assert.is_true(#msg < 150)
    end)
  end)

  describe("control characters and line breaks", function()
    it("refuses NUL bytes in the protocol, a name, a value and a text", function()
      fails(parse_reason, "SI\0P", RS .. "control character NUL at byte 3$")
      fails(parse_reason, "SIP;ca\0use=1", "control character NUL at byte 7")
      fails(parse_reason, "SIP;x=a\0", "control character NUL at byte 8")
      fails(parse_reason, 'SIP;text="a\0b"', "control character NUL at byte 12")
      fails(parse_reason, "\0", "control character NUL at byte 1")
    end)

    it("refuses C0 controls and DEL, in and out of quotes", function()
      for _, c in ipairs({ 1, 8, 11, 12, 27, 31, 127 }) do
        local ch = string.char(c)
        local msg = fails(parse_reason, "SIP" .. ch, ("control character 0x%02X at byte 4"):format(c))
        assert.is_nil(msg:find("%c"))
        fails(parse_reason, 'SIP;text="' .. ch .. '"', ("control character 0x%02X at byte 11"):format(c))
      end
    end)

    it("refuses a control character escaped by a quoted-pair", function()
      fails(parse_reason, 'SIP;text="a\\\1"',
        RS .. "invalid quoted%-pair at byte 12 %('\\' before the control character 0x01%)$")
      fails(parse_reason, 'SIP;text="a\\\0"', "invalid quoted%-pair at byte 12 .* control character NUL")
      fails(parse_reason, 'SIP;text="a\\\r\n b"', "invalid quoted%-pair at byte 12 .* control character CR")
      fails(parse_reason, 'SIP;text="a\\\127"', "invalid quoted%-pair at byte 12 .* control character 0x7F")
    end)

    it("refuses a quoted-pair before a non-ASCII byte", function()
      fails(parse_reason, 'SIP;text="\\\195\169"',
        RS .. "invalid quoted%-pair at byte 11 %('\\' before the non%-ASCII byte 0xC3%)$")
    end)

    it("refuses a bare LF and a bare CR, in and out of quotes", function()
      fails(parse_reason, "SIP;cause=1\n", RS .. "bare LF at byte 12$")
      fails(parse_reason, "SIP;cause=1\n SIP", "bare LF at byte 12")
      fails(parse_reason, "SIP;cause=1\r", RS .. "bare CR at byte 12$")
      fails(parse_reason, 'SIP;text="a\nb"', "bare LF at byte 12")
      fails(parse_reason, 'SIP;text="a\r b"', "bare CR at byte 12")
    end)

    it("refuses a CRLF that is not followed by SP or HTAB", function()
      fails(parse_reason, "SIP;cause=1\r\nQ.850", RS .. "CRLF at byte 12 is not a line fold")
      fails(parse_reason, "SIP;cause=1\r\n", "CRLF at byte 12 is not a line fold")
      fails(parse_reason, 'SIP;text="a\r\nb"', "CRLF at byte 12 is not a line fold")
    end)

    it("refuses two folds in one stretch of whitespace, as LWS allows one CRLF", function()
      fails(parse_reason, "SIP;\r\n \r\n cause=1", "CRLF at byte 8 is not a line fold")
    end)
  end)

  describe("UTF-8 in quotes", function()
    it("refuses invalid UTF-8", function()
      local bad = { "\128", "\192\128", "\224\128\128", "\237\160\128", "\244\144\128\128", "\255", "\195" }
      for _, s in ipairs(bad) do
        fails(parse_reason, 'SIP;text="' .. s .. '"', RS .. "invalid UTF%-8 byte 0x%x%x at byte 11$")
      end
    end)

    it("refuses a sequence cut short at the end of the input", function()
      fails(parse_reason, 'SIP;text="\226\130', "invalid UTF%-8 byte 0xE2 at byte 11")
    end)

    it("refuses C1 controls", function()
      fails(parse_reason, 'SIP;text="a\194\155[31m"', RS .. "control character U%+009B at byte 12$")
    end)
  end)

  describe("with the builders", function()
    it("gives back the text sipcodes.reason_header quoted, for every printable ASCII byte", function()
      for c = 32, 126 do
        local text = "a" .. string.char(c) .. "b"
        local r = parse_reason(sipcodes.reason_header(486, text))
        assert.are.same({ { protocol = "SIP", cause = 486, text = text,
          params = { cause = "486", text = text } } }, r)
      end
    end)

    it("parses what sipcodes.q850.reason_header builds", function()
      local r = parse_reason(sipcodes.q850.reason_header(16, 'say "hi" \\ \195\169'))
      assert.are.equal("Q.850", r[1].protocol)
      assert.are.equal(16, r[1].cause)
      assert.are.equal('say "hi" \\ \195\169', r[1].text)
    end)
  end)

  describe("torture", function()
    it("never raises on mutated values, and returns a list or nil and a message", function()
      local rand = prng(3326)
      local seeds = {
        'Q.850;cause=16;text="Normal call clearing", SIP;cause=200',
        'SIP ;\r\n cause = 487 ; text = "a\\"b,c" ; x=[::1], STIR;y',
      }
      for i = 1, 3000 do
        local s = seeds[i % #seeds + 1]
        for _ = 1, 1 + rand(3) do
          local pos = rand(#s) + 1
          s = s:sub(1, pos - 1) .. string.char(rand(256)) .. s:sub(pos + rand(2))
        end
        local ok, a, b = pcall(parse_reason, s)
        assert.is_true(ok)
        if a == nil then
          assert.matches(RS, b)
        else
          assert.are.equal("table", type(a))
          assert.is_true(#a >= 1)
          for _, v in ipairs(a) do
            assert.are.equal("string", type(v.protocol))
            assert.are.equal("table", type(v.params))
            if v.cause ~= nil then assert.are.equal(tonumber(v.params.cause), v.cause) end
          end
        end
      end
    end)
  end)
end)
