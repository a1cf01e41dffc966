-- Protocol semantics: best, the builders, Q.850 causes, header rules.
local sipcodes = require("sipcodes")

describe("sipcodes.best (RFC 3261 §16.7 step 6)", function()
  it("picks 407 from the RFC's own example", function()
    assert.equal(407, sipcodes.best({ 503, 407, 501, 404 }))
  end)

  it("gives the 2xx when there is one: the proxy forwarded it at once (step 5)", function()
    assert.equal(200, sipcodes.best({ 603, 200 }))
    assert.equal(200, sipcodes.best({ 486, 600, 202, 200 }))
  end)

  it("otherwise lets any 6xx win over every other class", function()
    assert.equal(603, sipcodes.best({ 302, 401, 500, 603 }))
    assert.equal(600, sipcodes.best({ 604, 600, 603 }))
  end)

  it("otherwise picks from the lowest class", function()
    assert.equal(302, sipcodes.best({ 486, 302, 500 }))
    assert.equal(486, sipcodes.best({ 500, 486 }))
    assert.equal(200, sipcodes.best({ 486, 200 }))
  end)

  it("prefers 401, 407, 415, 420 and 484 within 4xx, in that order", function()
    assert.equal(484, sipcodes.best({ 404, 486, 484 }))
    assert.equal(420, sipcodes.best({ 484, 420, 404 }))
    assert.equal(415, sipcodes.best({ 420, 415 }))
    assert.equal(407, sipcodes.best({ 415, 407 }))
    assert.equal(401, sipcodes.best({ 407, 401, 400 }))
  end)

  it("then picks the lowest code", function()
    assert.equal(404, sipcodes.best({ 486, 480, 404 }))
    assert.equal(501, sipcodes.best({ 502, 501 }))
  end)

  it("refuses an option it does not know, and a pass_503 that is not a boolean", function()
    local v, err = sipcodes.best({ 486, 503 }, { rankng = "opensips" })
    assert.is_nil(v)
    assert.equal("sipcodes.best: unknown option 'rankng' (known: method, pass_503, ranking)", err)
    v, err = sipcodes.best({ 503 }, { pass_503 = "no" })
    assert.is_nil(v)
    assert.equal("sipcodes.best: option 'pass_503' must be a boolean, got string", err)
    -- Checked before the codes are: also when no response is final.
    v, err = sipcodes.best({}, { pass_503 = "yes" })
    assert.is_nil(v)
    assert.equal("sipcodes.best: option 'pass_503' must be a boolean, got string", err)
    v, err = sipcodes.best({ 180 }, { pass_503 = 1 })
    assert.is_nil(v)
    assert.equal("sipcodes.best: option 'pass_503' must be a boolean, got number", err)
    v, err = sipcodes.best({ 503 }, { [1] = true })
    assert.is_nil(v)
    assert.matches("^sipcodes%.best: unknown option 1 ", err)
    -- The three it knows, together.
    assert.equal(503, sipcodes.best({ 503 }, { ranking = "kamailio", method = "INVITE", pass_503 = true }))
  end)

  it("sends a chosen 503 as 500 unless pass_503 is set", function()
    assert.equal(500, sipcodes.best({ 503 }))
    assert.equal(500, sipcodes.best({ 504, 503 }))
    assert.equal(503, sipcodes.best({ 503 }, { pass_503 = true }))
  end)

  it("gives 408 for INVITE and nothing for other methods when no final response came", function()
    assert.equal(408, sipcodes.best({}))
    assert.equal(408, sipcodes.best({}, { method = "INVITE" }))
    assert.equal(408, sipcodes.best({ 180, 183 }, { method = "INVITE" }))
    local r, msg = sipcodes.best({}, { method = "BYE" })
    assert.is_nil(r)
    assert.equal("sipcodes.best: no final response, and no 408 for a non-INVITE request "
      .. "(RFC 4320 §4.2)", msg)
    assert.is_nil((sipcodes.best({ 100 }, { method = "OPTIONS" })))
    -- Method names are case-sensitive (RFC 3261 §7.1): "invite" is another.
    assert.is_nil((sipcodes.best({}, { method = "invite" })))
  end)

  it("ranks unknown codes by their class, and takes strings", function()
    assert.equal(431, sipcodes.best({ 431, 480 }))
    assert.equal(699, sipcodes.best({ "699", 300 }))
    assert.equal(486, sipcodes.best({ "486", 599 }))
  end)

  it("returns nil and a message for bad input", function()
    local r, msg = sipcodes.best({ 486, 700 })
    assert.is_nil(r)
    assert.matches("^sipcodes%.best: item 2: expected a SIP status code %(100%.%.699%), got 700$", msg)
    r, msg = sipcodes.best("486")
    assert.is_nil(r)
    assert.matches("expected a list of codes, got string", msg)
    r, msg = sipcodes.best({}, 5)
    assert.is_nil(r)
    assert.matches("expected a table of options, got number", msg)
    r, msg = sipcodes.best({}, { ranking = "asterisk" })
    assert.is_nil(r)
    assert.matches("unknown ranking 'asterisk'", msg)
    -- Named as every message of the module names a value.
    r, msg = sipcodes.best({}, { ranking = ("r"):rep(1000) .. "\r\n" })
    assert.is_nil(r)
    assert.equal("sipcodes.best: unknown ranking '" .. ("r"):rep(24) .. "'... (1002 bytes)"
      .. " (known: rfc3261, kamailio, opensips)", msg)
    r, msg = sipcodes.best({ 0 / 0 })
    assert.is_nil(r)
    assert.matches("got [-]?nan", msg)
  end)
end)

describe("sipcodes.status_line", function()
  it("builds the line with the registered phrase", function()
    assert.equal("SIP/2.0 486 Busy Here", sipcodes.status_line(486))
    assert.equal("SIP/2.0 200 OK", sipcodes.status_line("200"))
  end)

  it("takes a phrase of the caller's", function()
    assert.equal("SIP/2.0 431 Custom Thing", sipcodes.status_line(431, "Custom Thing"))
    assert.equal("SIP/2.0 200 ", sipcodes.status_line(200, ""))
    assert.equal("SIP/2.0 480 Pas l\195\160", sipcodes.status_line(480, "Pas l\195\160"))
  end)

  it("escapes what the Reason-Phrase grammar does not allow, CR and LF above all", function()
    assert.equal("SIP/2.0 200 OK%0D%0AX-Evil: 1", sipcodes.status_line(200, "OK\r\nX-Evil: 1"))
    assert.equal("SIP/2.0 200 %22%3C%3E%25zz%41", sipcodes.status_line(200, "\"<>%zz%41"))
    assert.equal("SIP/2.0 200 %FF%00", sipcodes.status_line(200, "\255\0"))
  end)

  it("returns nil and a message for an unregistered code without phrase, or bad input", function()
    local l, msg = sipcodes.status_line(431)
    assert.is_nil(l)
    assert.matches("431 is not a registered SIP response code: give a reason phrase", msg)
    l, msg = sipcodes.status_line(700, "x")
    assert.is_nil(l)
    assert.matches("^sipcodes%.status_line: expected a SIP status code", msg)
    l, msg = sipcodes.status_line(200, {})
    assert.is_nil(l)
    assert.matches("bad argument #2: string expected, got table", msg)
    l, msg = sipcodes.status_line(200, string.rep("a", 1025))
    assert.is_nil(l)
    assert.matches("longer than 1024 bytes", msg)
  end)
end)

describe("sipcodes.reason_header (RFC 3326)", function()
  it("builds a SIP Reason value with the registered phrase", function()
    assert.equal('SIP;cause=486;text="Busy Here"', sipcodes.reason_header(486))
    assert.equal('SIP;cause=200;text="Call completed elsewhere"',
      sipcodes.reason_header(200, "Call completed elsewhere"))
  end)

  it("leaves text out for an unregistered code without text", function()
    assert.equal("SIP;cause=431", sipcodes.reason_header(431))
  end)

  it("escapes quotes and backslashes and never emits CR or LF", function()
    assert.equal([[SIP;cause=486;text="a \"b\" \\ c  d"]], sipcodes.reason_header(486, 'a "b" \\ c\r\nd'))
    assert.equal('SIP;cause=486;text="? x"', sipcodes.reason_header(486, "\255\0x"))
  end)

  it("builds a Q.850 Reason value with Q.850's wording", function()
    assert.equal('Q.850;cause=16;text="Normal call clearing"', sipcodes.q850.reason_header(16))
    assert.equal('Q.850;cause=17;text="User busy"', sipcodes.q850.reason_header("USER_BUSY"))
    assert.equal('Q.850;cause=21;text="x"', sipcodes.q850.reason_header("21", "x"))
  end)

  it("returns nil and a message for bad input", function()
    local v, msg = sipcodes.reason_header(99)
    assert.is_nil(v)
    assert.matches("^sipcodes%.reason_header: expected a SIP status code", msg)
    v, msg = sipcodes.q850.reason_header(128)
    assert.is_nil(v)
    assert.matches("^sipcodes%.q850%.reason_header: expected a Q%.850 cause", msg)
    v, msg = sipcodes.q850.reason_header(16, 16)
    assert.is_nil(v)
    assert.matches("string expected, got number", msg)
  end)
end)

-- RFC 3398 §7.2.4.1, cause -> response.
local RFC3398_TO_SIP = {
  [1] = 404, [2] = 404, [3] = 404, [17] = 486, [18] = 408, [19] = 480, [20] = 480,
  [21] = 403, [22] = 410, [23] = 410, [26] = 404, [27] = 502, [28] = 484, [29] = 501,
  [31] = 480, [34] = 503, [38] = 503, [41] = 503, [42] = 503, [47] = 503, [55] = 403,
  [57] = 403, [58] = 503, [65] = 488, [70] = 488, [79] = 501, [87] = 403, [88] = 503,
  [102] = 504, [111] = 500, [127] = 500,
}

-- RFC 3398 §8.2.6.1, response -> cause (488 and 606: by Warning, 31 by default).
local RFC3398_FROM_SIP = {
  [400] = 41, [401] = 21, [402] = 21, [403] = 21, [404] = 1, [405] = 63, [406] = 79,
  [407] = 21, [408] = 102, [410] = 22, [413] = 127, [414] = 127, [415] = 79, [416] = 127,
  [420] = 127, [421] = 127, [423] = 127, [480] = 18, [481] = 41, [482] = 25, [483] = 25,
  [484] = 28, [485] = 1, [486] = 17, [488] = 31, [500] = 41, [501] = 79, [502] = 38,
  [503] = 41, [504] = 102, [505] = 127, [513] = 127, [600] = 17, [603] = 21, [604] = 1,
  [606] = 31,
}

-- mod_sofia hangup_cause_to_sip(), by hangup-cause name (default 480).
local FS_TO_SIP = {
  UNALLOCATED_NUMBER = 404, NO_ROUTE_TRANSIT_NET = 404, NO_ROUTE_DESTINATION = 404,
  USER_BUSY = 486, NO_USER_RESPONSE = 408, NO_ANSWER = 480, SUBSCRIBER_ABSENT = 480,
  CALL_REJECTED = 603, NUMBER_CHANGED = 410, REDIRECTION_TO_NEW_DESTINATION = 410,
  DESTINATION_OUT_OF_ORDER = 502, INVALID_PROFILE = 502, INVALID_NUMBER_FORMAT = 484,
  INVALID_URL = 484, INVALID_GATEWAY = 484, FACILITY_REJECTED = 501, NORMAL_UNSPECIFIED = 480,
  REQUESTED_CHAN_UNAVAIL = 503, NORMAL_CIRCUIT_CONGESTION = 503, NETWORK_OUT_OF_ORDER = 503,
  NORMAL_TEMPORARY_FAILURE = 503, SWITCH_CONGESTION = 503, GATEWAY_DOWN = 503,
  OUTGOING_CALL_BARRED = 403, INCOMING_CALL_BARRED = 403, BEARERCAPABILITY_NOTAUTH = 403,
  BEARERCAPABILITY_NOTAVAIL = 503, BEARERCAPABILITY_NOTIMPL = 488, INCOMPATIBLE_DESTINATION = 488,
  FACILITY_NOT_IMPLEMENTED = 501, SERVICE_NOT_IMPLEMENTED = 501, RECOVERY_ON_TIMER_EXPIRE = 504,
  ORIGINATOR_CANCEL = 487, EXCHANGE_ROUTING_ERROR = 483, BUSY_EVERYWHERE = 600, DECLINE = 603,
  REJECT_ALL = 603, DOES_NOT_EXIST_ANYWHERE = 604, NOT_ACCEPTABLE = 606, UNWANTED = 607,
  NO_IDENTITY = 428, BAD_IDENTITY_INFO = 429, UNSUPPORTED_CERTIFICATE = 437,
  INVALID_IDENTITY = 438, STALE_DATE = 403,
}

-- sofia_glue_sip_cause_to_freeswitch(), response -> name (default NORMAL_UNSPECIFIED).
local FS_FROM_SIP = {
  [200] = "NORMAL_CLEARING", [401] = "CALL_REJECTED", [402] = "CALL_REJECTED",
  [403] = "CALL_REJECTED", [407] = "CALL_REJECTED", [603] = "CALL_REJECTED",
  [608] = "CALL_REJECTED", [607] = "UNWANTED", [404] = "UNALLOCATED_NUMBER",
  [485] = "NO_ROUTE_DESTINATION", [604] = "NO_ROUTE_DESTINATION",
  [408] = "RECOVERY_ON_TIMER_EXPIRE", [504] = "RECOVERY_ON_TIMER_EXPIRE",
  [410] = "NUMBER_CHANGED", [413] = "INTERWORKING", [414] = "INTERWORKING",
  [416] = "INTERWORKING", [420] = "INTERWORKING", [421] = "INTERWORKING",
  [423] = "INTERWORKING", [505] = "INTERWORKING", [513] = "INTERWORKING",
  [480] = "NO_USER_RESPONSE", [400] = "NORMAL_TEMPORARY_FAILURE",
  [481] = "NORMAL_TEMPORARY_FAILURE", [500] = "NORMAL_TEMPORARY_FAILURE",
  [503] = "NORMAL_TEMPORARY_FAILURE", [486] = "USER_BUSY", [600] = "USER_BUSY",
  [484] = "INVALID_NUMBER_FORMAT", [488] = "INCOMPATIBLE_DESTINATION",
  [606] = "INCOMPATIBLE_DESTINATION", [502] = "NETWORK_OUT_OF_ORDER",
  [405] = "SERVICE_UNAVAILABLE", [406] = "SERVICE_NOT_IMPLEMENTED",
  [415] = "SERVICE_NOT_IMPLEMENTED", [501] = "SERVICE_NOT_IMPLEMENTED",
  [482] = "EXCHANGE_ROUTING_ERROR", [483] = "EXCHANGE_ROUTING_ERROR",
  [487] = "ORIGINATOR_CANCEL", [428] = "NO_IDENTITY", [429] = "BAD_IDENTITY_INFO",
  [437] = "UNSUPPORTED_CERTIFICATE", [438] = "INVALID_IDENTITY",
}

-- FreeSWITCH's names of Q.850 causes (switch_types.h).
local NAMES = {
  [1] = "UNALLOCATED_NUMBER", [2] = "NO_ROUTE_TRANSIT_NET", [3] = "NO_ROUTE_DESTINATION",
  [6] = "CHANNEL_UNACCEPTABLE", [7] = "CALL_AWARDED_DELIVERED", [16] = "NORMAL_CLEARING",
  [17] = "USER_BUSY", [18] = "NO_USER_RESPONSE", [19] = "NO_ANSWER", [20] = "SUBSCRIBER_ABSENT",
  [21] = "CALL_REJECTED", [22] = "NUMBER_CHANGED", [23] = "REDIRECTION_TO_NEW_DESTINATION",
  [25] = "EXCHANGE_ROUTING_ERROR", [27] = "DESTINATION_OUT_OF_ORDER",
  [28] = "INVALID_NUMBER_FORMAT", [29] = "FACILITY_REJECTED", [30] = "RESPONSE_TO_STATUS_ENQUIRY",
  [31] = "NORMAL_UNSPECIFIED", [34] = "NORMAL_CIRCUIT_CONGESTION", [38] = "NETWORK_OUT_OF_ORDER",
  [41] = "NORMAL_TEMPORARY_FAILURE", [42] = "SWITCH_CONGESTION", [43] = "ACCESS_INFO_DISCARDED",
  [44] = "REQUESTED_CHAN_UNAVAIL", [45] = "PRE_EMPTED", [50] = "FACILITY_NOT_SUBSCRIBED",
  [52] = "OUTGOING_CALL_BARRED", [54] = "INCOMING_CALL_BARRED", [57] = "BEARERCAPABILITY_NOTAUTH",
  [58] = "BEARERCAPABILITY_NOTAVAIL", [63] = "SERVICE_UNAVAILABLE", [65] = "BEARERCAPABILITY_NOTIMPL",
  [66] = "CHAN_NOT_IMPLEMENTED", [69] = "FACILITY_NOT_IMPLEMENTED", [79] = "SERVICE_NOT_IMPLEMENTED",
  [81] = "INVALID_CALL_REFERENCE", [88] = "INCOMPATIBLE_DESTINATION", [95] = "INVALID_MSG_UNSPECIFIED",
  [96] = "MANDATORY_IE_MISSING", [97] = "MESSAGE_TYPE_NONEXIST", [98] = "WRONG_MESSAGE",
  [99] = "IE_NONEXIST", [100] = "INVALID_IE_CONTENTS", [101] = "WRONG_CALL_STATE",
  [102] = "RECOVERY_ON_TIMER_EXPIRE", [103] = "MANDATORY_IE_LENGTH_ERROR", [111] = "PROTOCOL_ERROR",
  [127] = "INTERWORKING",
}

describe("sipcodes.q850", function()
  local q850 = sipcodes.q850

  it("maps every cause of RFC 3398 §7.2.4.1 to its response, and every other but 16 to 500", function()
    for cause = 1, 127 do
      local code, extra = q850.to_sip(cause)
      if RFC3398_TO_SIP[cause] then
        assert.equal(RFC3398_TO_SIP[cause], code, "cause " .. cause)
        assert.is_nil(extra, "cause " .. cause)
        assert.equal(code, q850.to_sip(tostring(cause), "rfc3398"))
      elseif cause ~= 16 then
        -- "the default response '500 Server internal error' SHOULD be used"
        assert.same({ 500, "default" }, { q850.to_sip(cause) }, "cause " .. cause)
      end
    end
    local code, msg = q850.to_sip(16)
    assert.is_nil(code)
    assert.matches("^sipcodes%.q850%.to_sip: RFC 3398 §7%.2%.4%.1 maps no response to cause 16 "
      .. '%(Normal call clearing%): it "will usually result in a BYE or CANCEL"$', msg)
    assert.equal(486, q850.to_sip(17))
  end)

  it("maps every response of RFC 3398 §8.2.6.1 to its cause, and the rest to 31 by default", function()
    assert.equal(1, q850.from_sip(404))
    for code = 300, 699 do
      local cause, name, extra = q850.from_sip(code)
      if code == 487 then
        assert.is_nil(cause)
        assert.equal("sipcodes.q850.from_sip: RFC 3398 §8.2.6.1 gives 487 no cause", name)
      else
        local want = RFC3398_FROM_SIP[code] or 31
        assert.equal(want, cause, "code " .. code)
        assert.equal(NAMES[want], name, "code " .. code)
        assert.equal(not RFC3398_FROM_SIP[code] and "default" or nil, extra, "code " .. code)
      end
    end
    assert.same({ 31, "NORMAL_UNSPECIFIED", "default" }, { q850.from_sip(412) })
    local cause, msg = q850.from_sip(200)
    assert.is_nil(cause)
    assert.matches("failure responses", msg)
  end)

  it("maps every hangup cause as FreeSWITCH's mod_sofia does", function()
    for name, code in pairs(FS_TO_SIP) do
      assert.equal(code, q850.to_sip(name, "freeswitch"), name)
      assert.equal(code, q850.to_sip(name:lower(), "freeswitch"), name)
    end
    for cause, name in pairs(NAMES) do
      assert.equal(FS_TO_SIP[name] or 480, q850.to_sip(cause, "freeswitch"), name)
    end
    assert.equal(480, q850.to_sip(47, "freeswitch"))
    -- FreeSWITCH's own causes mod_sofia has no row for take its default.
    for _, name in ipairs({ "USER_NOT_REGISTERED", "MEDIA_TIMEOUT", "NO_PICKUP", "LOSE_RACE",
      "PROGRESS_TIMEOUT", "ALLOTTED_TIMEOUT", "MANAGER_REQUEST", "SUCCESS" }) do
      assert.same({ 480, "default" }, { q850.to_sip(name, "freeswitch") }, name)
      assert.is_nil((q850.to_sip(name)), name)
    end
    assert.same({ 480, "default" }, { q850.to_sip("NORMAL_CLEARING", "freeswitch") })
    assert.same({ 480 }, { q850.to_sip("NORMAL_UNSPECIFIED", "freeswitch") })
  end)

  it("maps every response as FreeSWITCH's mod_sofia does", function()
    for code = 100, 699 do
      local cause, name, extra = q850.from_sip(code, "freeswitch")
      local want = FS_FROM_SIP[code] or "NORMAL_UNSPECIFIED"
      assert.equal(want, name, "code " .. code)
      assert.equal(not FS_FROM_SIP[code] and "default" or nil, extra, "code " .. code)
      local q = q850.cause(want)
      assert.equal(q or 16, cause, "code " .. code)
    end
    assert.same({ 16, "ORIGINATOR_CANCEL" }, { q850.from_sip(487, "freeswitch") })
    assert.same({ 17, "USER_BUSY" }, { q850.from_sip("486", "freeswitch") })
  end)

  it("names causes both ways", function()
    for cause = 1, 127 do
      local name = q850.name(cause)
      assert.equal(NAMES[cause], name, "cause " .. cause)
      if name then
        assert.equal(cause, q850.cause(name))
        assert.equal(cause, q850.cause(name:lower()))
      end
    end
    assert.equal("USER_BUSY", q850.name(17))
    assert.equal(19, q850.cause("NO_ANSWER"))
  end)

  it("gives Q.850's wording of each cause", function()
    assert.equal("Normal call clearing", q850.text(16))
    assert.equal("User busy", q850.text("17"))
    assert.equal("Interworking, unspecified", q850.text(127))
    local t, msg = q850.text(10)
    assert.is_nil(t)
    assert.matches("cause 10 is not assigned", msg)
  end)

  it("returns nil and a message for what is not a cause or a profile", function()
    for _, bad in ipairs({ 0, 128, 16.5, 0 / 0, "", "1000", "NO_SUCH", {}, true }) do
      local v, msg = q850.to_sip(bad)
      assert.is_nil(v)
      assert.matches("^sipcodes%.q850%.to_sip: expected a Q%.850 cause", msg)
      v, msg = q850.name(bad)
      assert.is_nil(v)
      assert.matches("^sipcodes%.q850%.name: expected a Q%.850 cause", msg)
    end
    local v, msg = q850.to_sip(17, "asterisk")
    assert.is_nil(v)
    assert.matches('expected a profile "rfc3398" or "freeswitch", got \'asterisk\'', msg)
    v, msg = q850.from_sip(700)
    assert.is_nil(v)
    assert.matches("^sipcodes%.q850%.from_sip: expected a SIP status code", msg)
    v, msg = q850.cause("GATEWAY_DOWN")
    assert.is_nil(v)
    assert.matches("'GATEWAY_DOWN' is a FreeSWITCH cause with no Q%.850 value", msg)
    v, msg = q850.cause(17)
    assert.is_nil(v)
    assert.matches("expected a hangup%-cause name %(string%), got 17", msg)
    assert.is_nil((q850.to_sip("GATEWAY_DOWN")))
  end)
end)

describe("sipcodes.headers", function()
  it("lists the header fields a response must carry", function()
    assert.same({ "Allow" }, sipcodes.headers(405))
    assert.same({ "WWW-Authenticate" }, sipcodes.headers(401))
    assert.same({ "Proxy-Authenticate" }, sipcodes.headers(407))
    assert.same({ "Unsupported" }, sipcodes.headers(420))
    assert.same({ "Require" }, sipcodes.headers(421))
    assert.same({ "Min-SE" }, sipcodes.headers(422))
    assert.same({ "Min-Expires" }, sipcodes.headers("423"))
    assert.same({ "Recv-Info" }, sipcodes.headers(469))
    assert.same({ "Security-Server" }, sipcodes.headers(494))
    assert.same({ "Accept", "Accept-Encoding", "Accept-Language" }, sipcodes.headers(415))
    assert.same({ "Reason" }, sipcodes.headers(199))
    assert.same({ "Geolocation-Error" }, sipcodes.headers(424))
    assert.same({ "AlertMsg-Error" }, sipcodes.headers(425))
    assert.same({ "Call-Info" }, sipcodes.headers(608))
  end)

  it("gives an empty list where nothing more is required, and a new list each time", function()
    assert.same({}, sipcodes.headers(486))
    assert.same({}, sipcodes.headers(431))
    local a = sipcodes.headers(405)
    a[1] = "changed"
    assert.same({ "Allow" }, sipcodes.headers(405))
  end)

  it("returns nil and a message for a value that is not a code", function()
    local v, msg = sipcodes.headers("abc")
    assert.is_nil(v)
    assert.matches("^sipcodes%.headers: expected a SIP status code %(100%.%.699%), got 'abc'$", msg)
  end)
end)

describe("sipcodes.retry_after (RFC 3261 §20.33)", function()
  it("is true exactly for 404, 413, 480, 486, 500, 503, 600 and 603", function()
    local want = { [404] = true, [413] = true, [480] = true, [486] = true, [500] = true,
      [503] = true, [600] = true, [603] = true }
    for code = 100, 699 do
      assert.equal(want[code] == true, sipcodes.retry_after(code), "code " .. code)
    end
    assert.is_true(sipcodes.retry_after("503"))
  end)

  it("returns nil and a message for a value that is not a code", function()
    local v, msg = sipcodes.retry_after(7000)
    assert.is_nil(v)
    assert.matches("^sipcodes%.retry_after: expected a SIP status code", msg)
  end)
end)

describe("sipcodes.best with a proxy's ranking", function()
  it("ranks as Kamailio's tm, which is the RFC reading", function()
    assert.equal(200, sipcodes.best({ 603, 200 }, { ranking = "kamailio" }))
    assert.equal(407, sipcodes.best({ 503, 407, 501, 404 }, { ranking = "kamailio" }))
    assert.equal(600, sipcodes.best({ 486, 600, 603 }, { ranking = "kamailio" }))
    assert.equal(302, sipcodes.best({ 486, 302 }, { ranking = "kamailio" }))
    assert.equal(500, sipcodes.best({ 503 }, { ranking = "kamailio" }))
    assert.equal(408, sipcodes.best({ 408, 500 }, { ranking = "kamailio" }))
  end)

  it("ranks as OpenSIPS's tm: 408 and 503 after every other failure, 503 passed on", function()
    assert.equal(500, sipcodes.best({ 408, 500 }, { ranking = "opensips" }))
    assert.equal(599, sipcodes.best({ 503, 599 }, { ranking = "opensips" }))
    assert.equal(408, sipcodes.best({ 503, 408 }, { ranking = "opensips" }))
    assert.equal(503, sipcodes.best({ 503 }, { ranking = "opensips" }))
    assert.equal(500, sipcodes.best({ 503 }, { ranking = "opensips", pass_503 = false }))
    assert.equal(484, sipcodes.best({ 404, 484, 500 }, { ranking = "opensips" }))
    assert.equal(401, sipcodes.best({ 484, 420, 415, 407, 401 }, { ranking = "opensips" }))
    assert.equal(301, sipcodes.best({ 486, 301 }, { ranking = "opensips" }))
    assert.equal(604, sipcodes.best({ 301, 604 }, { ranking = "opensips" }))
    assert.equal(407, sipcodes.best({ 503, 407, 501, 404 }, { ranking = "opensips" }))
    assert.equal(200, sipcodes.best({ 603, 200 }, { ranking = "opensips" }))
  end)

  it("keeps the empty-list rule under every ranking", function()
    for _, r in ipairs({ "rfc3261", "kamailio", "opensips" }) do
      assert.equal(408, sipcodes.best({}, { ranking = r }))
      assert.is_nil((sipcodes.best({}, { ranking = r, method = "MESSAGE" })))
    end
  end)
end)
