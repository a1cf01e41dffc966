-- bin/sipcode, run as a process by the same Lua as busted, with the Lua
-- layer from lua/ and the core built for that Lua (build/<version>/).
local sipcodes = require("sipcodes")

local VERSION = rawget(_G, "jit") and "jit" or _VERSION:match("%d+%.%d+")
local LUA = os.getenv("SIPCODE_LUA") or (VERSION == "jit" and "luajit" or "lua" .. VERSION)

-- The repository's root, from this file's path (busted may run elsewhere).
local ROOT = (debug.getinfo(1, "S").source:match("^@(.-)spec/cli_spec%.lua$") or "")
if ROOT == "" then ROOT = "." end

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function read_all(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

--- Runs bin/sipcode with the arguments; returns stdout, exit status, stderr.
-- The status is echoed by the shell: Lua 5.1's popen:close() does not give it.
local function sipcode(...)
  local args = {}
  for i = 1, select("#", ...) do args[i] = quote((select(i, ...))) end
  local errfile = os.tmpname()
  local cmd = "cd " .. quote(ROOT) .. " && LUA_PATH='lua/?.lua;;' LUA_CPATH='build/" .. VERSION
    .. "/?.so;;' " .. LUA .. " bin/sipcode " .. table.concat(args, " ")
    .. " 2>" .. quote(errfile) .. '; echo "exit:$?"'
  local p = assert(io.popen(cmd, "r"))
  local out = p:read("*a")
  p:close()
  local err = read_all(errfile)
  os.remove(errfile)
  local status = tonumber(out:match("exit:(%d+)\n$"))
  return (out:gsub("exit:%d+\n$", "")), status, err
end

local function lines(s)
  local list = {}
  for line in s:gmatch("([^\n]*)\n") do list[#list + 1] = line end
  return list
end

-- The value of a "label  value" line of a block.
local function field(out, label)
  return out:match("\n" .. label:gsub("%p", "%%%0") .. "  +([^\n]*)")
    or out:match("^" .. label:gsub("%p", "%%%0") .. "  +([^\n]*)")
end

-- The codes at the start of each line of a list.
local function codes_of(out)
  local list = {}
  for _, line in ipairs(lines(out)) do list[#list + 1] = tonumber(line:match("^(%d%d%d)  ")) end
  return list
end

local function codes(entries)
  local list = {}
  for i, e in ipairs(entries) do list[i] = e.code end
  return list
end

-- ---- a small strict JSON reader, to read --json back ---------------------

local NULL = setmetatable({}, { __tostring = function() return "null" end })

local function utf8_char(cp)
  if cp < 0x80 then return string.char(cp) end
  if cp < 0x800 then return string.char(0xC0 + math.floor(cp / 64), 0x80 + cp % 64) end
  return string.char(0xE0 + math.floor(cp / 4096), 0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
end

local json_decode
do
  local SIMPLE = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }
  local value

  local function skip(s, i) return (s:find("[^ \t\r\n]", i)) or #s + 1 end

  local function str(s, i)
    local out = {}
    i = i + 1
    while true do
      local c = s:sub(i, i)
      if c == '"' then return table.concat(out), i + 1 end
      assert(c ~= "" and c:byte() >= 32, "bad character in string at " .. i)
      if c == "\\" then
        local e = s:sub(i + 1, i + 1)
        if e == "u" then
          local hex = assert(s:match("^%x%x%x%x", i + 2), "bad \\u escape at " .. i)
          out[#out + 1] = utf8_char(tonumber(hex, 16))
          i = i + 6
        else
          out[#out + 1] = assert(SIMPLE[e], "bad escape at " .. i)
          i = i + 2
        end
      else
        out[#out + 1] = c
        i = i + 1
      end
    end
  end

  local function list(s, i, close, item)
    local t = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == close then return t, i + 1 end
    while true do
      i = item(t, s, i)
      i = skip(s, i)
      local c = s:sub(i, i)
      if c == close then return t, i + 1 end
      assert(c == ",", "expected , or " .. close .. " at " .. i)
      i = skip(s, i + 1)
    end
  end

  local function member(t, s, i)
    assert(s:sub(i, i) == '"', "expected a key at " .. i)
    local k
    k, i = str(s, i)
    i = skip(s, i)
    assert(s:sub(i, i) == ":", "expected : at " .. i)
    t[k], i = value(s, skip(s, i + 1))
    return i
  end

  local function element(t, s, i)
    t[#t + 1], i = value(s, i)
    return i
  end

  function value(s, i)
    local c = s:sub(i, i)
    if c == "{" then return list(s, i, "}", member) end
    if c == "[" then return list(s, i, "]", element) end
    if c == '"' then return str(s, i) end
    for word, v in pairs({ ["true"] = true, ["false"] = false, null = NULL }) do
      if s:sub(i, i + #word - 1) == word then return v, i + #word end
    end
    local num = assert(s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i), "unexpected " .. c .. " at " .. i)
    return tonumber(num), i + #num
  end

  function json_decode(s)
    local v, i = value(s, skip(s, 1))
    assert(skip(s, i) == #s + 1, "trailing text at " .. i)
    return v
  end
end

-- ---- specs -----------------------------------------------------------------

describe("bin/sipcode (run by " .. LUA .. ")", function()
  it("runs under the same Lua as busted", function()
    local p = assert(io.popen(LUA .. " -e 'io.write(rawget(_G, \"jit\") and \"jit\" or _VERSION)'"))
    local v = p:read("*a")
    p:close()
    assert.equal(VERSION == "jit" and "jit" or _VERSION, v)
  end)

  describe("one code", function()
    it("shows every field of a registered code", function()
      local out, status, err = sipcode("486")
      assert.equal(0, status)
      assert.equal("", err)
      assert.equal("486", field(out, "code"))
      assert.equal("Busy Here", field(out, "reason"))
      assert.equal("4 (Client Error)", field(out, "class"))
      assert.equal("yes", field(out, "final"))
      assert.equal("BUSY_HERE", field(out, "name"))
      assert.equal("RFC 3261", field(out, "rfc"))
      assert.equal("current", field(out, "status"))
      assert.matches("^description  The callee was reached", lines(out)[8])
    end)

    it("aligns the values and wraps the description under itself", function()
      local out = sipcode("486")
      local ls = lines(out)
      assert.is_true(#ls > 8)
      for _, line in ipairs(ls) do
        assert.is_true(#line <= 78)
        assert.matches("^" .. ("."):rep(11) .. "  %S", line)
      end
      local words = {}
      for i = 8, #ls do words[#words + 1] = ls[i]:sub(14) end
      assert.equal(sipcodes.lookup(486).description, table.concat(words, " "))
    end)

    it("says no for final on a provisional code", function()
      local out, status = sipcode("180")
      assert.equal(0, status)
      assert.equal("1 (Provisional)", field(out, "class"))
      assert.equal("no", field(out, "final"))
    end)

    it("shows an unregistered code's class and what RFC 3261 §8.1.3.2 resolves it to", function()
      local out, status, err = sipcode("431")
      assert.equal(0, status)
      assert.equal("", err)
      assert.equal("431", field(out, "code"))
      assert.matches("^no ", field(out, "registered"))
      assert.equal("4 (Client Error)", field(out, "class"))
      assert.equal("yes", field(out, "final"))
      assert.equal("400 Bad Request (RFC 3261 §8.1.3.2)", field(out, "resolves to"))
      out = sipcode("150")
      assert.equal("no", field(out, "final"))
      assert.equal("183 Session Progress (RFC 3261 §8.1.3.2)", field(out, "resolves to"))
    end)

    it("exits 1 for a number that is not a SIP status code", function()
      for _, n in ipairs({ "700", "99", "4861", "0486", "00200" }) do
        local out, status, err = sipcode(n)
        assert.equal(1, status)
        assert.equal("", out)
        assert.equal("sipcode: '" .. n .. "': not a SIP status code (100..699)\n", err)
      end
    end)
  end)

  describe("a code pattern", function()
    it("lists the codes of 4xx, one aligned line each", function()
      local out, status, err = sipcode("4xx")
      assert.equal(0, status)
      assert.equal("", err)
      assert.same(codes(sipcodes.match("4xx")), codes_of(out))
      local column
      for _, line in ipairs(lines(out)) do
        local at = line:find("RFC %d+  ")
        column = column or at
        assert.equal(column, at)
      end
      assert.matches("\n486  Busy Here +RFC 3261  current +BUSY_HERE\n", out)
    end)

    it("lists the codes of 48x and x9x", function()
      assert.same({ 480, 481, 482, 483, 484, 485, 486, 487, 488, 489 }, codes_of((sipcode("48x"))))
      assert.same(codes(sipcodes.match("x9x")), codes_of((sipcode("x9x"))))
    end)

    it("exits 1 when no code matches, or for a pattern outside 1xx..6xx", function()
      local out, status, err = sipcode("29x")
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal("sipcode: '29x': no registered code matches\n", err)
      out, status, err = sipcode("7xx")
      assert.equal(1, status)
      assert.equal("", out)
      assert.matches("^sipcode: '7xx': expected a code pattern .*got '7xx'\n$", err)
    end)
  end)

  describe("a name, a phrase or a phrase pattern", function()
    it("finds the phrases matching a pattern, in any case", function()
      local out, status, err = sipcode("busy")
      assert.equal(0, status)
      assert.equal("", err)
      assert.same({ 486, 600 }, codes_of(out))
      assert.same({ 486, 600 }, codes_of((sipcode("BUSY"))))
      assert.same(codes(sipcodes.find("identity")), codes_of((sipcode("identity"))))
    end)

    it("shows the one code of a constant name or an exact phrase", function()
      local full = sipcode("486")
      assert.equal(full, (sipcode("BUSY_HERE")))
      assert.equal(full, (sipcode("busy_here")))
      assert.equal(full, (sipcode("busy here")))
      assert.equal(full, (sipcode("Busy Here")))
    end)

    it("exits 1 when no phrase matches", function()
      local out, status, err = sipcode("no such phrase")
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal("sipcode: 'no such phrase': no reason phrase matches\n", err)
    end)

    it("exits 2 with one line for a malformed pattern", function()
      for _, bad in ipairs({ "busy[", "%" }) do
        local out, status, err = sipcode(bad)
        assert.equal(2, status)
        assert.equal("", out)
        assert.matches("^sipcode: bad pattern '" .. bad:gsub("%p", "%%%0") .. "': [^\n]+\n$", err)
      end
    end)
  end)

  describe("--q850", function()
    it("shows a cause's name, Q.850 text and SIP code in both profiles", function()
      local out, status, err = sipcode("--q850", "17")
      assert.equal(0, status)
      assert.equal("", err)
      assert.equal("17", field(out, "cause"))
      assert.equal("USER_BUSY", field(out, "name"))
      assert.equal("User busy", field(out, "text"))
      assert.equal("486 Busy Here", field(out, "rfc3398"))
      assert.equal("486 Busy Here", field(out, "freeswitch"))
    end)

    it("takes a hangup-cause name in any case", function()
      local out = sipcode("--q850", "17")
      assert.equal(out, (sipcode("--q850", "USER_BUSY")))
      assert.equal(out, (sipcode("--q850", "user_busy")))
    end)

    it("shows where the profiles differ, and a cause RFC 3398 maps to no response", function()
      local out = sipcode("--q850", "18")
      assert.equal("NO_USER_RESPONSE", field(out, "name"))
      assert.equal("408 Request Timeout", field(out, "rfc3398"))
      assert.equal("408 Request Timeout", field(out, "freeswitch"))
      out = sipcode("--q850", "16")
      assert.equal("NORMAL_CLEARING", field(out, "name"))
      assert.matches("^none: RFC 3398 §7%.2%.4%.1 maps no response to cause 16", field(out, "rfc3398"))
      assert.equal("480 Temporarily Unavailable", field(out, "freeswitch"))
    end)

    it("takes FreeSWITCH's causes that have no Q.850 value", function()
      local out, status = sipcode("--q850", "ORIGINATOR_CANCEL")
      assert.equal(0, status)
      assert.matches("^none", field(out, "cause"))
      assert.equal("ORIGINATOR_CANCEL", field(out, "name"))
      assert.equal("487 Request Terminated", field(out, "freeswitch"))
    end)

    it("answers each argument, and exits 1 when none is a cause", function()
      local out, status, err = sipcode("--q850", "17", "12")
      assert.equal(0, status)
      assert.equal("17", field(out, "cause"))
      assert.equal("sipcode: '12': cause 12 is not assigned\n", err)
      out, status, err = sipcode("--q850", "NOPE", "128")
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal(2, #lines(err))
    end)
  end)

  -- sipcodes.parse_status_line comes from the status-line parser work; until
  -- it is in the build these fail for that reason only ("--parse needs ...").
  describe("--parse (needs sipcodes.parse_status_line)", function()
    it("shows version, code and phrase, and that the phrase is the registered one", function()
      local out, status, err = sipcode("--parse", "SIP/2.0 486 Busy Here")
      assert.equal("", err)
      assert.equal(0, status)
      assert.equal("SIP/2.0", field(out, "version"))
      assert.equal("486", field(out, "code"))
      assert.equal("Busy Here", field(out, "phrase"))
      assert.equal("yes", field(out, "registered phrase"))
    end)

    it("says when the phrase is not the registered one, or the code is not registered", function()
      local out, status, err = sipcode("--parse", "SIP/2.0 486 Not Today", "SIP/2.0 431 Odd")
      assert.equal("", err)
      assert.equal(0, status)
      assert.matches('registered phrase  no: the registered phrase is "Busy Here"\n', out)
      assert.matches("registered phrase  no: 431 is not registered %(resolves to 400 Bad Request%)\n", out)
    end)

    it("exits 1 with the parser's message for a line that is not a Status-Line", function()
      local out, status, err = sipcode("--parse", "HTTP/1.1 200 OK")
      assert.equal("", out)
      assert.equal(1, status)
      assert.matches("^sipcode: 'HTTP/1%.1 200 OK': [^\n]+\n$", err)
    end)
  end)

  describe("--list", function()
    it("lists every registered code once, in order, aligned", function()
      local out, status, err = sipcode("--list")
      assert.equal(0, status)
      assert.equal("", err)
      local all = {}
      for code in sipcodes.each() do all[#all + 1] = code end
      assert.same(all, codes_of(out))
      assert.matches("^100  Trying +RFC 3261  current +TRYING\n", out)
      local column
      for _, line in ipairs(lines(out)) do
        column = column or line:find("RFC %d+  ")
        assert.equal(column, line:find("RFC %d+  "))
      end
    end)
  end)

  describe("several arguments", function()
    it("answers each one, and exits 0 when any matched", function()
      local out, status, err = sipcode("486", "nothing-at-all", "6xx")
      assert.equal(0, status)
      assert.equal("486", field(out, "code"))
      assert.matches("\n603  Decline ", out)
      assert.equal("sipcode: 'nothing-at-all': no reason phrase matches\n", err)
    end)

    it("exits 1 when none matched", function()
      local out, status, err = sipcode("700", "nothing-at-all")
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal(2, #lines(err))
    end)

    it("takes arguments that look like options after --", function()
      local out, status, err = sipcode("--", "-486")
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal("sipcode: '-486': no reason phrase matches\n", err)
    end)
  end)

  describe("--json", function()
    it("writes one array, an object per argument, with every field", function()
      local out, status, err = sipcode("--json", "486", "431", "nothing-at-all")
      assert.equal(0, status)
      assert.equal("", err)
      assert.matches("^%[.*%]\n$", out)
      local doc = json_decode(out)
      assert.equal(3, #doc)
      assert.same({
        query = "486", kind = "code", matched = true, error = NULL,
        results = { {
          code = 486, reason = "Busy Here", class = 4, class_name = "Client Error",
          final = true, name = "BUSY_HERE", rfc = 3261, status = "current",
          description = sipcodes.lookup(486).description, registered = true,
        } },
      }, doc[1])
      local u = doc[2].results[1]
      assert.equal(false, u.registered)
      assert.equal(4, u.class)
      assert.equal(400, u.resolves_to.code)
      assert.same({ query = "nothing-at-all", kind = "find", matched = false, results = {},
        error = "no reason phrase matches" }, doc[3])
    end)

    it("escapes quotes, backslashes, control characters, and replaces bad UTF-8", function()
      local nasty = 'a"b\\c/\n\r\t\1\127 é \255 \237\160\128 z'
      local out, status = sipcode("--json", nasty)
      assert.equal(1, status)
      assert.is_nil(out:sub(1, -2):find("%c"))
      local want = nasty:gsub("\255", "\239\191\189"):gsub("\237\160\128", ("\239\191\189"):rep(3))
      assert.equal(want, json_decode(out)[1].query)
    end)

    it("gives the pattern queries and --list as lists of entries", function()
      local doc = json_decode((sipcode("--json", "48x", "busy")))
      assert.same(codes(sipcodes.match("48x")), codes(doc[1].results))
      assert.equal("match", doc[1].kind)
      assert.same({ 486, 600 }, codes(doc[2].results))
      assert.equal("find", doc[2].kind)
      doc = json_decode((sipcode("--json", "--list")))
      assert.equal(1, #doc)
      assert.equal("list", doc[1].kind)
      assert.equal(NULL, doc[1].query)
      local n = 0
      for _ in sipcodes.each() do n = n + 1 end
      assert.equal(n, #doc[1].results)
    end)

    it("gives causes with null where a profile has no code", function()
      local doc = json_decode((sipcode("--json", "--q850", "17", "16", "ORIGINATOR_CANCEL")))
      assert.same({ cause = 17, name = "USER_BUSY", text = "User busy", rfc3398 = 486, freeswitch = 486 },
        doc[1].results[1])
      assert.equal(NULL, doc[2].results[1].rfc3398)
      assert.equal(480, doc[2].results[1].freeswitch)
      assert.same({ cause = NULL, name = "ORIGINATOR_CANCEL", text = NULL, rfc3398 = NULL, freeswitch = 487 },
        doc[3].results[1])
    end)

    it("gives a parsed status line (needs sipcodes.parse_status_line)", function()
      local out, _, err = sipcode("--json", "--parse", "SIP/2.0 486 busy here")
      assert.equal("", err)
      assert.same({ version = "SIP/2.0", code = 486, reason = "busy here",
        registered_reason = "Busy Here", reason_is_registered = false }, json_decode(out)[1].results[1])
    end)
  end)

  describe("usage", function()
    it("prints the help on --help and -h, and exits 0", function()
      for _, opt in ipairs({ "--help", "-h" }) do
        local out, status, err = sipcode(opt)
        assert.equal(0, status)
        assert.equal("", err)
        assert.matches("^Usage: sipcode ", out)
        assert.matches("%-%-q850", out)
        assert.matches("%-%-parse", out)
        assert.matches("%-%-json", out)
        assert.matches("Exit status", out)
      end
    end)

    local BAD = {
      { {}, "missing argument (try --help)" },
      { { "--bogus" }, "unknown option '--bogus' (try --help)" },
      { { "486", "-x" }, "unknown option '-x' (try --help)" },
      { { "--q850" }, "--q850 needs a cause (17 or USER_BUSY)" },
      { { "--json", "--parse" }, "--parse needs a status line" },
      { { "--list", "486" }, "--list takes no arguments" },
      { { "--q850", "17", "--parse" }, "--q850 and --parse cannot be combined" },
    }
    for _, case in ipairs(BAD) do
      it("exits 2 with one line on stderr for: sipcode " .. table.concat(case[1], " "), function()
        local out, status, err = sipcode((table.unpack or unpack)(case[1]))
        assert.equal(2, status)
        assert.equal("", out)
        assert.equal("sipcode: " .. case[2] .. "\n", err)
      end)
    end
  end)
end)
