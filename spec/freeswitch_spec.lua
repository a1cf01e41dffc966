-- examples/freeswitch: the mod_lua example, run against stand-ins for
-- FreeSWITCH's `session` object and freeswitch.consoleLog.
local sipcodes = require("sipcodes")

local ROOT = debug.getinfo(1, "S").source:match("^@(.-)spec/freeswitch_spec%.lua$") or ""
local DIR = ROOT .. "examples/freeswitch/"
package.path = DIR .. "?.lua;" .. package.path

local hangup = require("sipcodes_hangup")

-- A channel as mod_lua shows it: variables are strings or nil, hangup()
-- ends it, ready() is false afterwards.
local function new_session(vars, ready)
  local s = { vars = vars or {}, live = ready ~= false, hangups = {} }
  function s:getVariable(name) return self.vars[name] end
  function s:setVariable(name, value) self.vars[name] = value end
  function s:ready() return self.live end
  function s:hangup(cause)
    self.hangups[#self.hangups + 1] = cause or "NORMAL_CLEARING"
    self.live = false
  end
  return s
end

local function new_freeswitch()
  local fs = { logs = {} }
  function fs.consoleLog(level, msg) fs.logs[#fs.logs + 1] = { level = level, msg = msg } end
  return fs
end

-- Runs the mapping for a B-leg that left these variables on the A-leg.
local function after_bridge(vars, ready)
  local session, fs = new_session(vars, ready), new_freeswitch()
  local name, code = hangup.hangup_after_bridge_failure(session, fs)
  return session, fs, name, code
end

describe("examples/freeswitch: the B-leg's SIP code to the A-leg's hangup cause", function()
  local CASES = {
    { "486", "USER_BUSY" },
    { "404", "UNALLOCATED_NUMBER" },
    { "487", "ORIGINATOR_CANCEL" },
    { "603", "CALL_REJECTED" },
    { "480", "NO_USER_RESPONSE" },
    { "408", "RECOVERY_ON_TIMER_EXPIRE" },
    { "503", "NORMAL_TEMPORARY_FAILURE" },
    { "488", "INCOMPATIBLE_DESTINATION" },
    { "499", "NORMAL_UNSPECIFIED" },
  }
  for _, case in ipairs(CASES) do
    local status, cause = case[1], case[2]
    it("hangs up the A-leg with " .. cause .. " for " .. status, function()
      for _, vars in ipairs({
        { sip_term_status = status },
        { last_bridge_proto_specific_hangup_cause = "sip:" .. status },
      }) do
        local session, _, name, code = after_bridge(vars)
        assert.same({ cause }, session.hangups)
        assert.equal(cause, name)
        assert.equal(tonumber(status), code)
      end
    end)
  end

  it("prefers last_bridge_proto_specific_hangup_cause to sip_term_status", function()
    local session = after_bridge({
      last_bridge_proto_specific_hangup_cause = "sip:404", sip_term_status = "486",
    })
    assert.same({ "UNALLOCATED_NUMBER" }, session.hangups)
  end)

  it("skips a variable that holds junk for one that holds a code", function()
    local session = after_bridge({
      last_bridge_proto_specific_hangup_cause = "sip:abc", sip_term_status = "486",
    })
    assert.same({ "USER_BUSY" }, session.hangups)
  end)

  describe("without a usable SIP code (documented fallback)", function()
    local JUNK = {
      {},
      { sip_term_status = "garbage" },
      { sip_term_status = "" },
      { sip_term_status = "999" },
      { sip_term_status = "48" },
      { sip_term_status = " 486" },
      { last_bridge_proto_specific_hangup_cause = "sip:700" },
      { last_bridge_proto_specific_hangup_cause = "q850:17" },
    }

    it("keeps FreeSWITCH's own B-leg cause when it is one FreeSWITCH knows", function()
      for _, vars in ipairs(JUNK) do
        vars.last_bridge_hangup_cause = "NO_ANSWER"
        local session, _, name, code = after_bridge(vars)
        assert.same({ "NO_ANSWER" }, session.hangups)
        assert.equal("NO_ANSWER", name)
        assert.is_nil(code)
      end
      assert.same({ "ORIGINATOR_CANCEL" },
        after_bridge({ last_bridge_hangup_cause = "ORIGINATOR_CANCEL" }).hangups)
    end)

    it("hangs up with NORMAL_UNSPECIFIED otherwise", function()
      assert.equal("NORMAL_UNSPECIFIED", hangup.FALLBACK_CAUSE)
      for _, vars in ipairs(JUNK) do
        for _, b in ipairs({ false, "garbage", "user_busy", "NOT_A_CAUSE", "" }) do
          vars.last_bridge_hangup_cause = b or nil
          local session, fs, name = after_bridge(vars)
          assert.same({ "NORMAL_UNSPECIFIED" }, session.hangups)
          assert.equal("NORMAL_UNSPECIFIED", name)
          assert.matches("no SIP code nor hangup cause from the B%-leg", fs.logs[1].msg)
        end
      end
    end)
  end)

  it("logs the code, the variable and the cause with freeswitch.consoleLog", function()
    local _, fs = after_bridge({ sip_term_status = "486" })
    assert.equal(1, #fs.logs)
    assert.equal("info", fs.logs[1].level)
    assert.equal("sipcodes: B-leg answered 486 (sip_term_status): USER_BUSY (Q.850 17), "
      .. "hanging up the A-leg with it\n", fs.logs[1].msg)
  end)

  it("leaves an A-leg that is already gone alone, and says so", function()
    local session, fs, name = after_bridge({ sip_term_status = "486" }, false)
    assert.same({}, session.hangups)
    assert.equal("USER_BUSY", name)
    assert.equal("notice", fs.logs[1].level)
    assert.matches("already gone\n$", fs.logs[1].msg)
  end)

  it("gives every registered code a cause FreeSWITCH can hang up with", function()
    for code in sipcodes.each() do
      local session, _, name = after_bridge({ sip_term_status = tostring(code) })
      assert.same({ name }, session.hangups)
      assert.matches("^%u[%u_]*$", name)
      assert.is_number(sipcodes.q850.to_sip(name, "freeswitch"))
    end
  end)
end)

describe("examples/freeswitch: the hangup cause to a SIP code (the reverse)", function()
  local function reverse(vars)
    local session, fs = new_session(vars, false), new_freeswitch()
    local code, msg = hangup.sip_for_hangup(session, fs)
    return code, session, fs, msg
  end

  it("maps hangup_cause with FreeSWITCH's table and stores the code for CDRs", function()
    for name, want in pairs({
      USER_BUSY = 486, UNALLOCATED_NUMBER = 404, ORIGINATOR_CANCEL = 487, CALL_REJECTED = 603,
      NO_ANSWER = 480, NORMAL_TEMPORARY_FAILURE = 503, NORMAL_CLEARING = 480,
    }) do
      local code, session = reverse({ hangup_cause = name, hangup_cause_q850 = "16" })
      assert.equal(want, code)
      assert.equal(tostring(want), session.vars[hangup.SIP_CODE_VARIABLE])
    end
  end)

  it("reads hangup_cause_q850 when hangup_cause is absent or unknown", function()
    assert.equal(486, (reverse({ hangup_cause_q850 = "17" })))
    assert.equal(404, (reverse({ hangup_cause = "NONE", hangup_cause_q850 = "1" })))
  end)

  it("logs the mapping", function()
    local _, _, fs = reverse({ hangup_cause = "USER_BUSY" })
    assert.same({ { level = "info", msg = "sipcodes: hangup_cause USER_BUSY is SIP 486 Busy Here\n" } },
      fs.logs)
    _, _, fs = reverse({ hangup_cause_q850 = "17" })
    assert.equal("sipcodes: hangup_cause_q850 17 is SIP 486 Busy Here\n", fs.logs[1].msg)
  end)

  it("returns nil and warns when the channel holds no cause", function()
    local NONE = { {}, { hangup_cause = "NONE", hangup_cause_q850 = "0" }, { hangup_cause = "junk" } }
    for _, vars in ipairs(NONE) do
      local code, session, fs, msg = reverse(vars)
      assert.is_nil(code)
      assert.matches("^no hangup cause to map", msg)
      assert.is_nil(session.vars[hangup.SIP_CODE_VARIABLE])
      assert.equal("warning", fs.logs[1].level)
    end
  end)
end)

describe("examples/freeswitch/hangup_cause.lua, run as mod_lua runs it", function()
  -- mod_lua gives the script the globals session, freeswitch and argv.
  local function run(session, argv)
    local fs = new_freeswitch()
    rawset(_G, "session", session)
    rawset(_G, "freeswitch", fs)
    rawset(_G, "argv", argv or { [0] = "hangup_cause.lua" })
    local ok, err = pcall(dofile, DIR .. "hangup_cause.lua")
    rawset(_G, "session", nil)
    rawset(_G, "freeswitch", nil)
    rawset(_G, "argv", nil)
    assert(ok, err)
    return fs
  end

  it("hangs up the A-leg after a failed bridge by default", function()
    local session = new_session({ last_bridge_proto_specific_hangup_cause = "sip:486" })
    run(session)
    assert.same({ "USER_BUSY" }, session.hangups)
  end)

  it("maps the hangup cause with the argument reverse", function()
    local session = new_session({ hangup_cause = "CALL_REJECTED" }, false)
    run(session, { [0] = "hangup_cause.lua", "reverse" })
    assert.equal("603", session.vars.sipcodes_sip_code)
    assert.same({}, session.hangups)
  end)

  it("logs an error for an unknown mode or without a session", function()
    local session = new_session({ sip_term_status = "486" })
    local fs = run(session, { [0] = "hangup_cause.lua", "sideways" })
    assert.same({}, session.hangups)
    assert.equal("err", fs.logs[1].level)
    assert.matches("unknown mode 'sideways'", fs.logs[1].msg)
    fs = run(nil)
    assert.matches("no session", fs.logs[1].msg)
  end)
end)
