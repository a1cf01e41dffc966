-- fuzz/seeds.lua: writes the seed corpus of each fuzz target into
-- fuzz/corpus/<target>/, one file per seed, named after what it tries.
-- The files are kept in git; run this again (any Lua, from the repository
-- root: lua5.4 fuzz/seeds.lua) after changing the lists, and commit the
-- result.  Seeds are valid lines and values, then RFC 4475-style torture
-- cases: odd whitespace, folded lines, escapes, UTF-8 and broken UTF-8,
-- NUL bytes, huge numbers, injected CRLF, inputs at and over the limits.

local CYRILLIC = "\208\189\208\190 \209\129\209\130\208\190 \208\180\208\181\208\178\209\143"
  .. "\208\189\208\190\209\129\209\130\208\190 \208\180\208\181\208\178\209\143\209\130\209\140"
  .. " - \208\191\209\128\208\190\209\129\209\130\208\190\208\181"

local STATUS_LINE = {
  ["ok"] = "SIP/2.0 200 OK",
  ["ringing-crlf"] = "SIP/2.0 180 Ringing\r\n",
  ["busy-here"] = "SIP/2.0 486 Busy Here\r\n",
  ["empty-phrase"] = "SIP/2.0 200 ",
  ["empty-phrase-crlf"] = "SIP/2.0 200 \r\n",
  ["lower-case-sip"] = "sip/2.0 200 OK",
  ["other-version"] = "SIP/3.14 699 Who Knows",
  ["escapes"] = "SIP/2.0 404 Not%20Found%2f%7E",
  ["bad-escape"] = "SIP/2.0 400 100%zz",
  ["escape-at-end"] = "SIP/2.0 400 50%4",
  ["tabs-and-spaces"] = "SIP/2.0 301 \tMoved  Permanently \t",
  ["all-marks"] = "SIP/2.0 500 ;/?:@&=+$,-_.!~*'()",
  ["rfc4475-unreason"] = "SIP/2.0 200 = 2**3 * 5**2 " .. CYRILLIC .. "\r\n",
  ["rfc4475-bigcode"] = "SIP/2.0 4294967301 better not break the receiver\r\n",
  ["code-99"] = "SIP/2.0 099 Too Low",
  ["code-700"] = "SIP/2.0 700 Too High",
  ["code-sign"] = "SIP/2.0 -20 Minus",
  ["code-two-digits"] = "SIP/2.0 20 OK",
  ["no-second-sp"] = "SIP/2.0 200",
  ["two-sp"] = "SIP/2.0  200 OK",
  ["htab-after-version"] = "SIP/2.0\t200 OK",
  ["crlf-injection"] = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP evil.example.com",
  ["folded"] = "SIP/2.0 200 OK\r\n and more",
  ["bare-lf"] = "SIP/2.0 200 OK\n",
  ["bare-cr"] = "SIP/2.0 200 OK\r",
  ["lf-cr"] = "SIP/2.0 200 OK\n\r",
  ["nul-in-phrase"] = "SIP/2.0 200 O\0K",
  ["nul-in-code"] = "SIP/2.0 2\0000 OK",
  ["utf8-bounds"] = "SIP/2.0 200 \194\160 \237\159\191 \238\128\128 \244\143\191\191",
  ["utf8-overlong"] = "SIP/2.0 200 \192\175",
  ["utf8-surrogate"] = "SIP/2.0 200 \237\160\128",
  ["utf8-above-max"] = "SIP/2.0 200 \244\144\128\128",
  ["utf8-c1-nel"] = "SIP/2.0 200 \194\133",
  ["utf8-lone-continuation"] = "SIP/2.0 200 \128",
  ["utf8-cut-short"] = "SIP/2.0 200 \226\130",
  ["utf8-ff"] = "SIP/2.0 200 \255\254",
  ["del"] = "SIP/2.0 200 O\127K",
  ["http"] = "HTTP/1.1 200 OK",
  ["version-no-minor"] = "SIP/2. 200 OK",
  ["version-no-major"] = "SIP/.0 200 OK",
  ["version-huge"] = "SIP/99999999999999999999.99999999999999999999 200 OK",
  ["quote-and-angle"] = "SIP/2.0 200 \"<OK>\"",
  ["max-length"] = "SIP/2.0 200 " .. string.rep("a", 4096 - 12),
  ["over-length"] = "SIP/2.0 200 " .. string.rep("a", 4097 - 12),
}

local REASON = {
  ["sip-cause-text"] = 'SIP;cause=200;text="Call completed elsewhere"',
  ["readme-example"] = 'Q.850;cause=16;text="Normal call clearing", SIP;cause=200',
  ["rfc9366-repeated"] = "SIP;cause=200, SIP;cause=480, Q.850;cause=16",
  ["stir"] = 'STIR;cause=436;text="Bad Identity Info"',
  ["preemption"] = 'preemption;cause=1;text="UA preemption"',
  ["protocol-alone"] = "SIP",
  ["lws-everywhere"] = ' \tSIP ; cause = 486 ;\ttext = "Busy Here" , Q.850 ;cause=17 \t',
  ["folds"] = 'SIP;cause=480\r\n ;text="Temporarily Unavailable",\r\n\tQ.850;cause=18',
  ["fold-in-quotes"] = 'Q.850;cause=16;text="Normal \r\n  call clearing"',
  ["quoted-pairs"] = 'SIP;text="a \\"quoted\\" \\\\ word \\a";cause=487',
  ["commas-in-quotes"] = 'SIP;cause=500;text="a, b; c=d"',
  ["utf8-text"] = 'SIP;cause=603;text="' .. CYRILLIC .. ' \230\139\146\231\187\157 \240\159\153\133"',
  ["params"] = 'SIP;cause=500;retry;foo=bar;Host=[2001:db8::1];ip=[::ffff:192.0.2.1];q="x y"',
  ["param-case"] = 'SIP;CAUSE=503;Text="Service Unavailable";X-Foo=Bar',
  ["cause-zeros"] = "SIP;cause=000000016",
  ["cause-nine-digits"] = "SIP;cause=999999999",
  ["cause-too-long"] = "SIP;cause=4294967301",
  ["cause-letters"] = "SIP;cause=abc",
  ["cause-quoted"] = 'SIP;cause="200"',
  ["cause-no-value"] = "SIP;cause",
  ["text-token"] = "SIP;text=abc",
  ["text-unterminated"] = 'SIP;cause=200;text="unterminated',
  ["text-backslash-end"] = 'SIP;text="abc\\',
  ["param-twice"] = "SIP;cause=1;CAUSE=2",
  ["empty-param"] = "SIP;;cause=1",
  ["leading-comma"] = ",SIP;cause=1",
  ["trailing-comma"] = "SIP;cause=1,",
  ["empty"] = "",
  ["spaces-only"] = "   \t ",
  ["crlf-injection"] = "SIP;cause=200\r\nX-Injected: 1",
  ["bare-cr"] = "SIP;cause=200\r;text=\"x\"",
  ["nul-in-text"] = 'SIP;cause=200;text="a\0b"',
  ["escaped-nul"] = 'SIP;cause=200;text="a\\\0b"',
  ["escaped-utf8"] = 'SIP;cause=200;text="a\\\195\169"',
  ["c1-in-text"] = 'SIP;cause=200;text="\194\133"',
  ["invalid-utf8-text"] = 'SIP;cause=200;text="\255"',
  ["ipv6-short"] = "SIP;x=[1:2]",
  ["ipv6-unclosed"] = "SIP;x=[::1",
  ["ipv6-v4-tail"] = "SIP;x=[1:2:3:4:5:6:1.2.3.4]",
  ["protocol-not-token"] = "S<IP;cause=1",
  ["max-length"] = 'SIP;cause=200;text="' .. string.rep("t", 8192 - 21) .. '"',
  ["over-length"] = 'SIP;cause=200;text="' .. string.rep("t", 8193 - 21) .. '"',
  ["many-values"] = string.rep("SIP;cause=200,", 200) .. "SIP",
}

-- builders: flags byte (1 no text, 2 raw number, 4 text as code), two
-- bytes of number, then the text.
local function b(flags, num, text)
  return string.char(flags, math.floor(num / 256) % 256, num % 256) .. text
end

local BUILDERS = {
  ["plain"] = b(0, 386, "Busy Here"),
  ["crlf-injection"] = b(0, 100, "OK\r\nVia: SIP/2.0/UDP evil.example.com"),
  ["lf-only"] = b(0, 100, "a\nb"),
  ["quotes-backslashes"] = b(0, 386, 'say "hi" \\ bye'),
  ["nul"] = b(0, 100, "a\0b"),
  ["c0-del"] = b(0, 100, "\1\2\t\27\127"),
  ["c1-nel"] = b(0, 100, "x\194\133y"),
  ["invalid-utf8"] = b(0, 100, "\255\254\192\175\237\160\128\226\130"),
  ["utf8"] = b(0, 503, CYRILLIC .. " \240\159\153\133"),
  ["percent"] = b(0, 304, "%41%zz%4%%"),
  ["all-marks"] = b(0, 400, ";/?:@&=+$,-_.!~*'()<>[]{}|^`#"),
  ["empty"] = b(0, 80, ""),
  ["text-1024"] = b(0, 386, string.rep("x", 1024)),
  ["text-1025"] = b(0, 386, string.rep("x", 1025)),
  ["no-text-registered"] = b(1, 386, ""),
  ["no-text-unregistered"] = b(1, 331, ""),
  ["raw-code-0"] = b(2, 0, "x"),
  ["raw-code-99"] = b(2, 99, "x"),
  ["raw-code-700"] = b(2, 700, "x"),
  ["raw-code-999"] = b(3, 999, ""),
  ["text-as-code-486"] = b(4, 386, "486"),
  ["text-as-code-name"] = b(4, 16, "user_busy"),
  ["text-as-code-digits"] = b(4, 16, "17"),
  ["text-as-code-junk"] = b(4, 16, "4\r\n6"),
  ["text-as-code-nul"] = b(5, 16, "486\0"),
}

local function write(target, seeds)
  local dir = "fuzz/corpus/" .. target
  assert(os.execute("mkdir -p " .. dir))
  local n = 0
  for name, data in pairs(seeds) do
    local f = assert(io.open(dir .. "/" .. name, "wb"))
    f:write(data)
    f:close()
    n = n + 1
  end
  print(target .. ": " .. n .. " seeds")
end

write("parse_status_line", STATUS_LINE)
write("parse_reason", REASON)
write("builders", BUILDERS)
