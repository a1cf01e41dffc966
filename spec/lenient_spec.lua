-- sipcodes.parse_status_line(line, {lenient = true}) beside the strict
-- default, on the same inputs: the lines the RFCs themselves print (RFC 3665
-- §3.9, RFC 3666 §2.7), RFC 4475's status lines, and what devices send.
-- Lenient mode tolerates four things (runs of SP/HTAB for one SP, no SP and
-- phrase after the code, a bare LF line end, SP/HTAB before the line end)
-- and nothing else.

local sipcodes = require("sipcodes")

local parse = sipcodes.parse_status_line
local LENIENT = { lenient = true }
local SL = "^sipcodes%.parse_status_line: "

local function pack(...) return { n = select("#", ...), ... } end

-- Asserts an accepted line: exactly code, reason, version.
local function accepts(line, opts, code, reason, version)
  local r = pack(parse(line, opts))
  assert.are.same({ n = 3, code, reason, version }, r, ("%q"):format(line))
  assert.are.equal(math.type and "integer" or "number", math.type and math.type(r[1]) or type(r[1]))
end

-- Asserts a refused line: exactly nil and a message matching the pattern.
local function refuses(line, opts, pattern)
  local r = pack(parse(line, opts))
  local what = type(line) == "string" and ("%q"):format(line:sub(1, 40)) or tostring(line)
  assert.are.equal(2, r.n, what)
  assert.is_nil(r[1], what)
  assert.is_string(r[2])
  assert.matches(SL .. pattern, r[2])
end

-- RFC 4475 §3.1.1.12 "unreason": a valid 200 with '=', '*' and Cyrillic.
local UNREASON_PHRASE = "= 2**3 * 5**2 \208\189\208\190 \209\129\209\130\208\190 " ..
  "\208\180\208\181\208\178\209\143\208\189\208\190\209\129\209\130\208\190 " ..
  "\208\180\208\181\208\178\209\143\209\130\209\140 - \208\191\209\128\208\190" ..
  "\209\129\209\130\208\190\208\181"

-- Each row: the line, what strict gives, what lenient gives.  An answer is
-- either { code, reason, version } or a message pattern (after the prefix).
local CASES = {
  -- RFC 3665 §3.9 and RFC 3666 §2.7 print these with two spaces.
  { "SIP/2.0  486 Busy Here", "expected a three%-digit Status%-Code at byte 9, got SP$",
    { 486, "Busy Here", "SIP/2.0" } },
  { "SIP/2.0  100 Trying", "expected a three%-digit Status%-Code at byte 9, got SP$",
    { 100, "Trying", "SIP/2.0" } },
  { "SIP/2.0  100 Trying\r\n", "expected a three%-digit Status%-Code at byte 9, got SP$",
    { 100, "Trying", "SIP/2.0" } },
  -- No SP and no phrase after the code.
  { "SIP/2.0 200", "expected SP after the Status%-Code at byte 12, got the end of the input "
      .. "%(an empty Reason%-Phrase still needs the SP before it; "
      .. "{lenient = true} accepts the line without it%)$",
    { 200, "", "SIP/2.0" } },
  { "SIP/2.0 200\r\n", "expected SP after the Status%-Code at byte 12, got CR %(", { 200, "", "SIP/2.0" } },
  { "SIP/2.0 200\n", "expected SP after the Status%-Code at byte 12, got LF %(", { 200, "", "SIP/2.0" } },
  { "SIP/2.0 200 \t \r\n", { 200, "\t ", "SIP/2.0" }, { 200, "", "SIP/2.0" } },
  -- RFC 4475 §3.1.1.13 "noreason": valid, the SP after the code present.
  { "SIP/2.0 100 \r\n", { 100, "", "SIP/2.0" }, { 100, "", "SIP/2.0" } },
  { "SIP/2.0 100 ", { 100, "", "SIP/2.0" }, { 100, "", "SIP/2.0" } },
  -- ... and the same without that SP: "a liberal receiver would accept it".
  { "SIP/2.0 100\r\n", "expected SP after the Status%-Code at byte 12, got CR", { 100, "", "SIP/2.0" } },
  -- RFC 4475 §3.1.1.12 "unreason".
  { "SIP/2.0 200 " .. UNREASON_PHRASE .. "\r\n", { 200, UNREASON_PHRASE, "SIP/2.0" },
    { 200, UNREASON_PHRASE, "SIP/2.0" } },
  -- RFC 4475 §3.1.2.19 "bigcode": refused by both.
  { "SIP/2.0 4294967301 better not break the receiver\r\n",
    "Status%-Code at byte 9 has more than three digits$",
      "Status%-Code at byte 9 has more than three digits$" },
  -- Bare LF line ends.
  { "SIP/2.0 200 OK\n", "bare LF at byte 15$", { 200, "OK", "SIP/2.0" } },
  { "SIP/2.0 180 Ringing \n", "bare LF at byte 21$", { 180, "Ringing", "SIP/2.0" } },
  -- Runs of SP and HTAB as separators, and before the line end.
  { "SIP/2.0\t200\tOK", "expected SP after the SIP%-Version at byte 8, got HTAB$", { 200, "OK", "SIP/2.0" } },
  { "SIP/2.0 \t 603  \tDecline", "expected a three%-digit Status%-Code at byte 9, got HTAB$",
    { 603, "Decline", "SIP/2.0" } },
  { "SIP/2.0 200\tOK",
    "expected SP after the Status%-Code at byte 12, got HTAB %({lenient = true} accepts HTAB%)$",
    { 200, "OK", "SIP/2.0" } },
  { "SIP/2.0 200 OK \t\r\n", { 200, "OK \t", "SIP/2.0" }, { 200, "OK", "SIP/2.0" } },
  { "SIP/2.0 200   OK", { 200, "  OK", "SIP/2.0" }, { 200, "OK", "SIP/2.0" } },
  -- Whitespace inside the phrase is the phrase's own, kept in both modes.
  { "SIP/2.0 486 Busy  \tHere", { 486, "Busy  \tHere", "SIP/2.0" }, { 486, "Busy  \tHere", "SIP/2.0" } },
  -- Well-formed lines give the same answer in both modes.
  { "SIP/2.0 180 Ringing\r\n", { 180, "Ringing", "SIP/2.0" }, { 180, "Ringing", "SIP/2.0" } },
  { "sip/2.0 404 Not%20Found", { 404, "Not%20Found", "sip/2.0" }, { 404, "Not%20Found", "sip/2.0" } },

  -- Everything else stays refused by both.
  -- A code that is not three digits in 100..699.
  { "SIP/2.0 20 OK", "expected a three%-digit Status%-Code at byte 11, got SP$",
    "expected a three%-digit Status%-Code at byte 11, got SP$" },
  { "SIP/2.0 2000 OK", "Status%-Code at byte 9 has more than three digits$",
    "Status%-Code at byte 9 has more than three digits$" },
  { "SIP/2.0 099 X", "Status%-Code 099 at byte 9 is out of range %(100%.%.699%)$",
    "Status%-Code 099 at byte 9 is out of range %(100%.%.699%)$" },
  { "SIP/2.0 700", "Status%-Code 700 at byte 9 is out of range",
    "Status%-Code 700 at byte 9 is out of range" },
  { "SIP/2.0 200OK", "expected SP after the Status%-Code at byte 12, got 'O'$",
    "expected SP or HTAB after the Status%-Code at byte 12, got 'O'$" },
  { "SIP/2.0 2OO OK", "expected a three%-digit Status%-Code at byte 10, got 'O'$",
    "expected a three%-digit Status%-Code at byte 10, got 'O'$" },
  -- Another protocol, a broken version, leading whitespace.
  { "HTTP/1.1 200 OK", "expected a SIP%-Version %(\"SIP/\"%) at byte 1$",
    "expected a SIP%-Version %(\"SIP/\"%) at byte 1$" },
  { " SIP/2.0 200 OK", "expected a SIP%-Version .* at byte 1$", "expected a SIP%-Version .* at byte 1$" },
  { "SIP/2 200 OK", "expected '%.' at byte 6 in the SIP%-Version, got SP$",
    "expected '%.' at byte 6 in the SIP%-Version, got SP$" },
  { "SIP/2.0", "expected SP after the SIP%-Version at byte 8, got the end of the input$",
    "expected SP or HTAB after the SIP%-Version at byte 8, got the end of the input$" },
  { "SIP/2.0  ", "expected a three%-digit Status%-Code at byte 9, got SP$",
    "expected a three%-digit Status%-Code at byte 10, got the end of the input$" },
  -- Control characters in the phrase, C1 included, and broken UTF-8.
  { "SIP/2.0 200 O\0K", "control character NUL at byte 14 in the Reason%-Phrase$",
    "control character NUL at byte 14 in the Reason%-Phrase$" },
  { "SIP/2.0 200 OK\127", "control character 0x7F at byte 15", "control character 0x7F at byte 15" },
  { "SIP/2.0 200 \194\133", "control character U%+0085 at byte 13", "control character U%+0085 at byte 13" },
  { "SIP/2.0 200 \194A", "invalid UTF%-8 byte 0xC2 at byte 13 in the Reason%-Phrase$",
    "invalid UTF%-8 byte 0xC2 at byte 13 in the Reason%-Phrase$" },
  { "SIP/2.0 200 a<b", "disallowed character '<' at byte 14", "disallowed character '<' at byte 14" },
  -- A second line, after CRLF or after a bare LF; a bare CR.
  { "SIP/2.0 200 OK\r\nVia: x", "CRLF at byte 15 is followed by more input at byte 17$",
    "CRLF at byte 15 is followed by more input at byte 17$" },
  { "SIP/2.0 200 OK\r\n\r\n", "CRLF at byte 15 is followed by more input at byte 17$",
    "CRLF at byte 15 is followed by more input at byte 17$" },
  { "SIP/2.0 200 OK\nVia: x", "bare LF at byte 15$", "LF at byte 15 is followed by more input at byte 16$" },
  { "SIP/2.0 200 OK\n\n", "bare LF at byte 15$", "LF at byte 15 is followed by more input at byte 16$" },
  { "SIP/2.0 200 OK\r\n ", "CRLF at byte 15 is followed by more input at byte 17$",
    "CRLF at byte 15 is followed by more input at byte 17$" },
  { "SIP/2.0 200\n\n", "expected SP after the Status%-Code at byte 12, got LF$",
    "LF at byte 12 is followed by more input at byte 13$" },
  { "SIP/2.0 200 OK\r", "bare CR at byte 15$", "bare CR at byte 15$" },
  { "SIP/2.0 200 O\rK", "bare CR at byte 14$", "bare CR at byte 14$" },
  { "SIP/2.0 200 OK\n\r", "bare LF at byte 15$", "LF at byte 15 is followed by more input at byte 16$" },
  { "SIP/2.0 200\r\n\r\n", "expected SP after the Status%-Code at byte 12, got CR$",
    "CRLF at byte 12 is followed by more input at byte 14$" },
  { "SIP/2.0 200\r", "expected SP after the Status%-Code at byte 12, got CR$", "bare CR at byte 12$" },
}

describe("sipcodes.parse_status_line, strict and lenient side by side", function()
  for _, case in ipairs(CASES) do
    local line, strict, lenient = case[1], case[2], case[3]
    it(("%q"):format(line):gsub("\\\n", "\\n"), function()
      for _, mode in ipairs({ { nil, strict }, { LENIENT, lenient } }) do
        local opts, want = mode[1], mode[2]
        if type(want) == "table" then
          accepts(line, opts, want[1], want[2], want[3])
        else
          refuses(line, opts, want)
        end
      end
    end)
  end

  it("is strict by default, and with an empty table or lenient = false", function()
    for _, opts in ipairs({ {}, { lenient = false } }) do
      refuses("SIP/2.0  486 Busy Here", opts, "expected a three%-digit Status%-Code at byte 9, got SP$")
      accepts("SIP/2.0 486 Busy Here", opts, 486, "Busy Here", "SIP/2.0")
    end
    refuses("SIP/2.0  486 Busy Here", nil, "expected a three%-digit Status%-Code at byte 9, got SP$")
  end)

  it("accepts a lenient line of exactly 4096 bytes and refuses 4097 in both modes", function()
    local line = "SIP/2.0\t\t200  " .. ("x"):rep(4096 - 15) .. "\n"
    assert.are.equal(4096, #line)
    local code, reason = parse(line, LENIENT)
    assert.are.equal(200, code)
    assert.are.equal(4096 - 15, #reason)
    refuses(line .. "x", LENIENT, "input of 4097 bytes is longer than 4096$")
    refuses(line .. "x", nil, "input of 4097 bytes is longer than 4096$")
  end)

  it("accepts everything strict accepts, with the phrase trimmed of SP and HTAB", function()
    local lines = { "SIP/2.0 200 OK", "SIP/2.0 200 OK\r\n", "SIP/2.0 200 ", "SIP/2.0 200  OK\there \r\n",
      "SIP/7.0 699 Whatever", "SIP/2.0 302 ;/?:@&=+$,-_.!~*'()" }
    for _, line in ipairs(lines) do
      local s = { parse(line) }
      local l = { parse(line, LENIENT) }
      assert.are.equal(s[1], l[1])
      assert.are.equal(s[3], l[3])
      assert.are.equal((s[2]:gsub("^[ \t]+", ""):gsub("[ \t]+$", "")), l[2])
    end
  end)
end)

describe("sipcodes.parse_status_line options", function()
  it("refuses options that are not a table, with nil and a message", function()
    for _, v in ipairs({ true, false, 1, "lenient", print, coroutine.create(function() end) }) do
      refuses("SIP/2.0 200 OK", v, "expected a table of options, got " .. type(v) .. "$")
    end
  end)

  it("refuses an unknown option key rather than ignoring it", function()
    refuses("SIP/2.0 200 OK", { lenent = true }, "unknown option 'lenent' %(known: lenient%)$")
    refuses("SIP/2.0 200 OK", { true }, "unknown option 1 %(known: lenient%)$")
    refuses("SIP/2.0 200 OK", { lenient = true, strict = false },
      "unknown option 'strict' %(known: lenient%)$")
    refuses("SIP/2.0 200 OK", { [("k"):rep(100)] = 1 }, "unknown option 'k+'%.%.%. %(100 bytes%)")
  end)

  it("refuses a lenient value that is not a boolean", function()
    for _, v in ipairs({ 1, "true", {}, 0 / 0 }) do
      refuses("SIP/2.0 200 OK", { lenient = v }, "option 'lenient' must be a boolean, got " .. type(v) .. "$")
    end
  end)

  it("judges the options before the line, whatever the line", function()
    refuses(nil, 5, "expected a table of options, got number$")
    refuses(("x"):rep(5000), { bad = 1 }, "unknown option 'bad'")
    refuses(nil, LENIENT, "expected a string, got nil$")
  end)

  it("reads the table raw: a metatable's __index and __pairs are not consulted", function()
    local calls = 0
    local mt = { __index = function() calls = calls + 1; return true end,
                 __pairs = function() calls = calls + 1; return next, {}, nil end }
    local opts = setmetatable({}, mt)
    refuses("SIP/2.0  200 OK", opts, "expected a three%-digit Status%-Code at byte 9, got SP$")
    accepts("SIP/2.0  200 OK", setmetatable({ lenient = true }, mt), 200, "OK", "SIP/2.0")
    assert.are.equal(0, calls)
  end)

  it("never raises, whatever the options", function()
    for _, opts in ipairs({ { lenient = nil }, { [2] = 1 }, { [{}] = 1 }, { [print] = true } }) do
      local ok = pcall(parse, "SIP/2.0 200 OK", opts)
      assert.is_true(ok)
    end
    accepts("SIP/2.0 200 OK", { lenient = nil }, 200, "OK", "SIP/2.0")
    refuses("SIP/2.0 200 OK", { [2] = 1 }, "unknown option 2 %(known: lenient%)$")
    refuses("SIP/2.0 200 OK", { [print] = true }, "unknown option function %(known: lenient%)$")
    refuses("SIP/2.0 200 OK", { [{}] = 1 }, "unknown option table %(known: lenient%)$")
  end)
end)
