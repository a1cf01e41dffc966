-- sipcodes.q850 against tables typed here from the primary texts, not from
-- the module: every cause 0..127 and every response 100..699, in both
-- profiles and both directions, with the "default" marks.
--
-- Sources: ITU-T Q.850 Table 1 (with Addendum 1's cause 14); RFC 3398
-- §7.2.4.1 and §8.2.6.1; FreeSWITCH's switch_types.h (switch_call_cause_t),
-- switch_channel.c (CAUSE_CHART), mod_sofia.c (hangup_cause_to_sip) and
-- sofia_glue.c (sofia_glue_sip_cause_to_freeswitch).

local sipcodes = require("sipcodes")
local q850 = sipcodes.q850

-- Q.850 Table 1: every assigned cause and its wording.
local Q850 = {
  [1] = "Unallocated (unassigned) number",
  [2] = "No route to specified transit network",
  [3] = "No route to destination",
  [4] = "Send special information tone",
  [5] = "Misdialled trunk prefix",
  [6] = "Channel unacceptable",
  [7] = "Call awarded and being delivered in an established channel",
  [8] = "Preemption",
  [9] = "Preemption - circuit reserved for reuse",
  [14] = "QoR: ported number",
  [16] = "Normal call clearing",
  [17] = "User busy",
  [18] = "No user responding",
  [19] = "No answer from user (user alerted)",
  [20] = "Subscriber absent",
  [21] = "Call rejected",
  [22] = "Number changed",
  [23] = "Redirection to new destination",
  [24] = "Call rejected due to feature at the destination",
  [25] = "Exchange routing error",
  [26] = "Non-selected user clearing",
  [27] = "Destination out of order",
  [28] = "Invalid number format (address incomplete)",
  [29] = "Facility rejected",
  [30] = "Response to STATUS ENQUIRY",
  [31] = "Normal, unspecified",
  [34] = "No circuit/channel available",
  [38] = "Network out of order",
  [39] = "Permanent frame mode connection out of service",
  [40] = "Permanent frame mode connection operational",
  [41] = "Temporary failure",
  [42] = "Switching equipment congestion",
  [43] = "Access information discarded",
  [44] = "Requested circuit/channel not available",
  [46] = "Precedence call blocked",
  [47] = "Resource unavailable, unspecified",
  [49] = "Quality of service not available",
  [50] = "Requested facility not subscribed",
  [53] = "Outgoing calls barred within CUG",
  [55] = "Incoming calls barred within CUG",
  [57] = "Bearer capability not authorized",
  [58] = "Bearer capability not presently available",
  [62] = "Inconsistency in designated outgoing access information and subscriber class",
  [63] = "Service or option not available, unspecified",
  [65] = "Bearer capability not implemented",
  [66] = "Channel type not implemented",
  [69] = "Requested facility not implemented",
  [70] = "Only restricted digital information bearer capability is available",
  [79] = "Service or option not implemented, unspecified",
  [81] = "Invalid call reference value",
  [82] = "Identified channel does not exist",
  [83] = "A suspended call exists, but this call identity does not",
  [84] = "Call identity in use",
  [85] = "No call suspended",
  [86] = "Call having the requested call identity has been cleared",
  [87] = "User not member of CUG",
  [88] = "Incompatible destination",
  [90] = "Non-existent CUG",
  [91] = "Invalid transit network selection",
  [95] = "Invalid message, unspecified",
  [96] = "Mandatory information element is missing",
  [97] = "Message type non-existent or not implemented",
  [98] = "Message not compatible with call state or message type non-existent or not implemented",
  [99] = "Information element/parameter non-existent or not implemented",
  [100] = "Invalid information element contents",
  [101] = "Message not compatible with call state",
  [102] = "Recovery on timer expiry",
  [103] = "Parameter non-existent or not implemented, passed on",
  [110] = "Message with unrecognized parameter, discarded",
  [111] = "Protocol error, unspecified",
  [127] = "Interworking, unspecified",
}

-- Values FreeSWITCH names that Q.850 no longer assigns (Q.931/ANSI): the
-- module keeps a text for them.
local NOT_Q850_NAMED = { [45] = "Pre-empted", [52] = "Outgoing calls barred", [54] = "Incoming calls barred" }

-- switch_types.h: switch_call_cause_t values 0..127 and their names.
local FS_NAMES = {
  [0] = "NONE", [1] = "UNALLOCATED_NUMBER", [2] = "NO_ROUTE_TRANSIT_NET", [3] = "NO_ROUTE_DESTINATION",
  [6] = "CHANNEL_UNACCEPTABLE", [7] = "CALL_AWARDED_DELIVERED", [16] = "NORMAL_CLEARING",
  [17] = "USER_BUSY", [18] = "NO_USER_RESPONSE", [19] = "NO_ANSWER", [20] = "SUBSCRIBER_ABSENT",
  [21] = "CALL_REJECTED", [22] = "NUMBER_CHANGED", [23] = "REDIRECTION_TO_NEW_DESTINATION",
  [25] = "EXCHANGE_ROUTING_ERROR", [27] = "DESTINATION_OUT_OF_ORDER", [28] = "INVALID_NUMBER_FORMAT",
  [29] = "FACILITY_REJECTED", [30] = "RESPONSE_TO_STATUS_ENQUIRY", [31] = "NORMAL_UNSPECIFIED",
  [34] = "NORMAL_CIRCUIT_CONGESTION", [38] = "NETWORK_OUT_OF_ORDER", [41] = "NORMAL_TEMPORARY_FAILURE",
  [42] = "SWITCH_CONGESTION", [43] = "ACCESS_INFO_DISCARDED", [44] = "REQUESTED_CHAN_UNAVAIL",
  [45] = "PRE_EMPTED", [50] = "FACILITY_NOT_SUBSCRIBED", [52] = "OUTGOING_CALL_BARRED",
  [54] = "INCOMING_CALL_BARRED", [57] = "BEARERCAPABILITY_NOTAUTH", [58] = "BEARERCAPABILITY_NOTAVAIL",
  [63] = "SERVICE_UNAVAILABLE", [65] = "BEARERCAPABILITY_NOTIMPL", [66] = "CHAN_NOT_IMPLEMENTED",
  [69] = "FACILITY_NOT_IMPLEMENTED", [79] = "SERVICE_NOT_IMPLEMENTED", [81] = "INVALID_CALL_REFERENCE",
  [88] = "INCOMPATIBLE_DESTINATION", [95] = "INVALID_MSG_UNSPECIFIED", [96] = "MANDATORY_IE_MISSING",
  [97] = "MESSAGE_TYPE_NONEXIST", [98] = "WRONG_MESSAGE", [99] = "IE_NONEXIST",
  [100] = "INVALID_IE_CONTENTS", [101] = "WRONG_CALL_STATE", [102] = "RECOVERY_ON_TIMER_EXPIRE",
  [103] = "MANDATORY_IE_LENGTH_ERROR", [111] = "PROTOCOL_ERROR", [127] = "INTERWORKING",
}

-- switch_types.h: FreeSWITCH's own causes, above 127 (numbers of 1.10.8 on).
local FS_OWN = {
  SUCCESS = 142, ORIGINATOR_CANCEL = 487, CRASH = 700, SYSTEM_SHUTDOWN = 701, LOSE_RACE = 702,
  MANAGER_REQUEST = 703, BLIND_TRANSFER = 800, ATTENDED_TRANSFER = 801, ALLOTTED_TIMEOUT = 802,
  USER_CHALLENGE = 803, MEDIA_TIMEOUT = 804, PICKED_OFF = 805, USER_NOT_REGISTERED = 806,
  PROGRESS_TIMEOUT = 807, INVALID_GATEWAY = 808, GATEWAY_DOWN = 809, INVALID_URL = 810,
  INVALID_PROFILE = 811, NO_PICKUP = 812, SRTP_READ_ERROR = 813, BOWOUT = 814, BUSY_EVERYWHERE = 815,
  DECLINE = 816, DOES_NOT_EXIST_ANYWHERE = 817, NOT_ACCEPTABLE = 818, UNWANTED = 819,
  NO_IDENTITY = 820, BAD_IDENTITY_INFO = 821, UNSUPPORTED_CERTIFICATE = 822, INVALID_IDENTITY = 823,
  STALE_DATE = 824, REJECT_ALL = 825,
}

-- RFC 3398 §7.2.4.1: cause -> response; 16 gives none; any other: 500.
local RFC3398_TO = {
  [1] = 404, [2] = 404, [3] = 404, [17] = 486, [18] = 408, [19] = 480, [20] = 480, [21] = 403,
  [22] = 410, [23] = 410, [26] = 404, [27] = 502, [28] = 484, [29] = 501, [31] = 480, [34] = 503,
  [38] = 503, [41] = 503, [42] = 503, [47] = 503, [55] = 403, [57] = 403, [58] = 503, [65] = 488,
  [70] = 488, [79] = 501, [87] = 403, [88] = 503, [102] = 504, [111] = 500, [127] = 500,
}

-- RFC 3398 §8.2.6.1: response -> cause; 487 none; 488 and 606 by Warning
-- header (31 without one); any other 3xx..6xx: 31.
local RFC3398_FROM = {
  [400] = 41, [401] = 21, [402] = 21, [403] = 21, [404] = 1, [405] = 63, [406] = 79, [407] = 21,
  [408] = 102, [410] = 22, [413] = 127, [414] = 127, [415] = 79, [416] = 127, [420] = 127,
  [421] = 127, [423] = 127, [480] = 18, [481] = 41, [482] = 25, [483] = 25, [484] = 28, [485] = 1,
  [486] = 17, [488] = 31, [500] = 41, [501] = 79, [502] = 38, [503] = 41, [504] = 102, [505] = 127,
  [513] = 127, [600] = 17, [603] = 21, [604] = 1, [606] = 31,
}

-- mod_sofia.c hangup_cause_to_sip(), by case label; "default: return 480".
local FS_TO = {
  UNALLOCATED_NUMBER = 404, NO_ROUTE_TRANSIT_NET = 404, NO_ROUTE_DESTINATION = 404, USER_BUSY = 486,
  NO_USER_RESPONSE = 408, NO_ANSWER = 480, SUBSCRIBER_ABSENT = 480, CALL_REJECTED = 603,
  NUMBER_CHANGED = 410, REDIRECTION_TO_NEW_DESTINATION = 410, DESTINATION_OUT_OF_ORDER = 502,
  INVALID_PROFILE = 502, INVALID_NUMBER_FORMAT = 484, INVALID_URL = 484, INVALID_GATEWAY = 484,
  FACILITY_REJECTED = 501, NORMAL_UNSPECIFIED = 480, REQUESTED_CHAN_UNAVAIL = 503,
  NORMAL_CIRCUIT_CONGESTION = 503, NETWORK_OUT_OF_ORDER = 503, NORMAL_TEMPORARY_FAILURE = 503,
  SWITCH_CONGESTION = 503, GATEWAY_DOWN = 503, OUTGOING_CALL_BARRED = 403, INCOMING_CALL_BARRED = 403,
  BEARERCAPABILITY_NOTAUTH = 403, BEARERCAPABILITY_NOTAVAIL = 503, BEARERCAPABILITY_NOTIMPL = 488,
  INCOMPATIBLE_DESTINATION = 488, FACILITY_NOT_IMPLEMENTED = 501, SERVICE_NOT_IMPLEMENTED = 501,
  RECOVERY_ON_TIMER_EXPIRE = 504, ORIGINATOR_CANCEL = 487, EXCHANGE_ROUTING_ERROR = 483,
  BUSY_EVERYWHERE = 600, DECLINE = 603, REJECT_ALL = 603, DOES_NOT_EXIST_ANYWHERE = 604,
  NOT_ACCEPTABLE = 606, UNWANTED = 607, NO_IDENTITY = 428, BAD_IDENTITY_INFO = 429,
  UNSUPPORTED_CERTIFICATE = 437, INVALID_IDENTITY = 438, STALE_DATE = 403,
}

-- sofia_glue.c sofia_glue_sip_cause_to_freeswitch(); "default:
-- return SWITCH_CAUSE_NORMAL_UNSPECIFIED".
local FS_FROM = {
  [200] = "NORMAL_CLEARING", [401] = "CALL_REJECTED", [402] = "CALL_REJECTED", [403] = "CALL_REJECTED",
  [407] = "CALL_REJECTED", [603] = "CALL_REJECTED", [608] = "CALL_REJECTED", [607] = "UNWANTED",
  [404] = "UNALLOCATED_NUMBER", [485] = "NO_ROUTE_DESTINATION", [604] = "NO_ROUTE_DESTINATION",
  [408] = "RECOVERY_ON_TIMER_EXPIRE", [504] = "RECOVERY_ON_TIMER_EXPIRE", [410] = "NUMBER_CHANGED",
  [413] = "INTERWORKING", [414] = "INTERWORKING", [416] = "INTERWORKING", [420] = "INTERWORKING",
  [421] = "INTERWORKING", [423] = "INTERWORKING", [505] = "INTERWORKING", [513] = "INTERWORKING",
  [480] = "NO_USER_RESPONSE", [400] = "NORMAL_TEMPORARY_FAILURE", [481] = "NORMAL_TEMPORARY_FAILURE",
  [500] = "NORMAL_TEMPORARY_FAILURE", [503] = "NORMAL_TEMPORARY_FAILURE", [486] = "USER_BUSY",
  [600] = "USER_BUSY", [484] = "INVALID_NUMBER_FORMAT", [488] = "INCOMPATIBLE_DESTINATION",
  [606] = "INCOMPATIBLE_DESTINATION", [502] = "NETWORK_OUT_OF_ORDER", [405] = "SERVICE_UNAVAILABLE",
  [406] = "SERVICE_NOT_IMPLEMENTED", [415] = "SERVICE_NOT_IMPLEMENTED", [501] = "SERVICE_NOT_IMPLEMENTED",
  [482] = "EXCHANGE_ROUTING_ERROR", [483] = "EXCHANGE_ROUTING_ERROR", [487] = "ORIGINATOR_CANCEL",
  [428] = "NO_IDENTITY", [429] = "BAD_IDENTITY_INFO", [437] = "UNSUPPORTED_CERTIFICATE",
  [438] = "INVALID_IDENTITY",
}

local FS_NUMBER = {}
for n, name in pairs(FS_NAMES) do FS_NUMBER[name] = n end

local function pack(...) return { n = select("#", ...), ... } end

-- The exact answer list expected of to_sip: { code } for a row,
-- { code, "default" } for the default.
local function rfc3398_to(cause)
  if RFC3398_TO[cause] then return { n = 1, RFC3398_TO[cause] } end
  return { n = 2, 500, "default" }
end

local function fs_to_by_name(name)
  if FS_TO[name] then return { n = 1, FS_TO[name] } end
  return { n = 2, 480, "default" }
end

local function fs_to(cause)
  local name = FS_NAMES[cause]
  if name then return fs_to_by_name(name) end
  return { n = 2, 480, "default" }
end

describe("sipcodes.q850.to_sip, profile rfc3398 (RFC 3398 §7.2.4.1)", function()
  it("answers every cause 1..127 as the table, 500 'default' for the others, nothing for 16", function()
    local rows, defaults = 0, 0
    for cause = 1, 127 do
      if cause ~= 16 then
        local want = rfc3398_to(cause)
        assert.same(want, pack(q850.to_sip(cause)), "cause " .. cause)
        assert.same(want, pack(q850.to_sip(tostring(cause))), "cause '" .. cause .. "'")
        assert.same(want, pack(q850.to_sip(cause, "rfc3398")), "cause " .. cause)
        if want.n == 1 then rows = rows + 1 else defaults = defaults + 1 end
      end
    end
    assert.equal(31, rows)
    assert.equal(95, defaults)
  end)

  it("answers the causes FreeSWITCH names by name too, in any case", function()
    for cause, name in pairs(FS_NAMES) do
      if cause >= 1 and cause ~= 16 then
        assert.same(rfc3398_to(cause), pack(q850.to_sip(name)), name)
        assert.same(rfc3398_to(cause), pack(q850.to_sip(name:lower())), name)
      end
    end
  end)

  it("gives cause 16 no response, with nil and RFC 3398's note", function()
    for _, v in ipairs({ 16, "16", "NORMAL_CLEARING", "normal_clearing" }) do
      local r = pack(q850.to_sip(v))
      assert.equal(2, r.n)
      assert.is_nil(r[1])
      assert.equal("sipcodes.q850.to_sip: RFC 3398 §7.2.4.1 maps no response to cause 16 "
        .. '(Normal call clearing): it "will usually result in a BYE or CANCEL"', r[2])
    end
  end)

  it("refuses 0, numbers above 127 and FreeSWITCH's own causes", function()
    for _, v in ipairs({ 0, "0", 128, "128", 819, "819", -1, 17.5 }) do
      local code, msg = q850.to_sip(v)
      assert.is_nil(code)
      assert.matches("^sipcodes%.q850%.to_sip: expected a Q%.850 cause %(1%.%.127%) "
        .. "or a hangup%-cause name, got ",
        msg)
    end
    for name in pairs(FS_OWN) do
      local code, msg = q850.to_sip(name)
      assert.is_nil(code)
      assert.equal("sipcodes.q850.to_sip: '" .. name .. "' is a FreeSWITCH cause with no Q.850 value "
        .. '(the "freeswitch" profile takes it)', msg)
    end
    assert.matches("'NONE' is a FreeSWITCH cause", select(2, q850.to_sip("NONE")))
  end)
end)

describe("sipcodes.q850.to_sip, profile freeswitch (mod_sofia hangup_cause_to_sip)", function()
  it("answers every number 0..127 as FreeSWITCH does, 480 'default' where it has no case", function()
    local rows = 0
    for cause = 0, 127 do
      local want = fs_to(cause)
      assert.same(want, pack(q850.to_sip(cause, "freeswitch")), "cause " .. cause)
      assert.same(want, pack(q850.to_sip(tostring(cause), "freeswitch")), "cause '" .. cause .. "'")
      if want.n == 1 then rows = rows + 1 end
    end
    assert.equal(29, rows)
  end)

  it("answers every name of CAUSE_CHART, NONE included, in any case", function()
    local names = 0
    for name in pairs(FS_NUMBER) do
      assert.same(fs_to_by_name(name), pack(q850.to_sip(name, "freeswitch")), name)
      assert.same(fs_to_by_name(name), pack(q850.to_sip(name:lower(), "freeswitch")), name)
      names = names + 1
    end
    for name in pairs(FS_OWN) do
      assert.same(fs_to_by_name(name), pack(q850.to_sip(name, "freeswitch")), name)
      names = names + 1
    end
    assert.equal(50 + 32, names)
    assert.same({ n = 2, 480, "default" }, pack(q850.to_sip("NONE", "freeswitch")))
    assert.same({ n = 1, 487 }, pack(q850.to_sip("ORIGINATOR_CANCEL", "freeswitch")))
    assert.same({ n = 1, 480 }, pack(q850.to_sip("NORMAL_UNSPECIFIED", "freeswitch")))
    assert.same({ n = 2, 480, "default" }, pack(q850.to_sip("NORMAL_CLEARING", "freeswitch")))
  end)

  it("refuses numbers above 127 and asks for the name: FreeSWITCH renumbered its own causes", function()
    for _, v in ipairs({ 128, "128", 619, 819, "819", 142, 2 ^ 31 - 1 }) do
      local code, msg = q850.to_sip(v, "freeswitch")
      assert.is_nil(code)
      assert.matches("^sipcodes%.q850%.to_sip: FreeSWITCH's own cause numbers changed between releases "
        .. "%(UNWANTED was 619 before 1%.10%.8, 819 since%): pass the cause's name, got ", msg)
    end
  end)

  it("refuses what is no cause at all", function()
    for _, v in ipairs({ -1, 17.5, 0 / 0, "", "1000", "0017", "NO_SUCH", {}, true }) do
      local code, msg = q850.to_sip(v, "freeswitch")
      assert.is_nil(code)
      assert.matches("^sipcodes%.q850%.to_sip: expected a cause %(0%.%.127%) or a FreeSWITCH "
        .. "hangup%-cause name, got ", msg)
    end
  end)
end)

describe("sipcodes.q850.from_sip", function()
  it("rfc3398: answers every 3xx..6xx as §8.2.6.1, 31 'default' for the others, nothing for 487", function()
    local rows, defaults = 0, 0
    for code = 300, 699 do
      local r = pack(q850.from_sip(code))
      if code == 487 then
        assert.same({ n = 2, nil, "sipcodes.q850.from_sip: RFC 3398 §8.2.6.1 gives 487 no cause" }, r)
      elseif RFC3398_FROM[code] then
        local cause = RFC3398_FROM[code]
        assert.same({ n = 2, cause, FS_NAMES[cause] }, r, "code " .. code)
        rows = rows + 1
      else
        assert.same({ n = 3, 31, "NORMAL_UNSPECIFIED", "default" }, r, "code " .. code)
        defaults = defaults + 1
      end
    end
    assert.equal(36, rows)
    assert.equal(400 - 36 - 1, defaults)
    assert.same({ n = 3, 31, "NORMAL_UNSPECIFIED", "default" }, pack(q850.from_sip(412)))
    assert.same({ n = 3, 31, "NORMAL_UNSPECIFIED", "default" }, pack(q850.from_sip("412", "rfc3398")))
  end)

  it("rfc3398: refuses 1xx and 2xx, which §8.2.6.1 does not map", function()
    for code = 100, 299 do
      local cause, msg = q850.from_sip(code)
      assert.is_nil(cause)
      assert.equal("sipcodes.q850.from_sip: RFC 3398 §8.2.6.1 maps failure responses (3xx..6xx) "
        .. "to causes, got "
        .. code, msg)
    end
  end)

  it("freeswitch: answers every code 100..699 as sofia_glue does, NORMAL_UNSPECIFIED 'default' else",
    function()
      local rows = 0
      for code = 100, 699 do
        local r = pack(q850.from_sip(code, "freeswitch"))
        local name = FS_FROM[code]
        if name then
          -- FreeSWITCH's own causes come back as 16 (switch_channel_cause_q850).
          assert.same({ n = 2, FS_NUMBER[name] or 16, name }, r, "code " .. code)
          rows = rows + 1
        else
          assert.same({ n = 3, 31, "NORMAL_UNSPECIFIED", "default" }, r, "code " .. code)
        end
      end
      assert.equal(44, rows)
      assert.same({ n = 2, 16, "ORIGINATOR_CANCEL" }, pack(q850.from_sip(487, "freeswitch")))
      assert.same({ n = 2, 16, "UNWANTED" }, pack(q850.from_sip("607", "freeswitch")))
    end)

  it("refuses a value that is not a code, and a profile that is not one", function()
    for _, p in ipairs({ "rfc3398", "freeswitch" }) do
      local cause, msg = q850.from_sip(700, p)
      assert.is_nil(cause)
      assert.equal("sipcodes.q850.from_sip: expected a SIP status code (100..699), got 700", msg)
    end
    local cause, msg = q850.from_sip(486, "FreeSWITCH")
    assert.is_nil(cause)
    assert.equal("sipcodes.q850.from_sip: expected a profile \"rfc3398\" or \"freeswitch\", "
      .. "got 'FreeSWITCH'", msg)
  end)
end)

describe("sipcodes.q850.text, name and cause", function()
  it("knows the wording of every cause Q.850 assigns, 14 included", function()
    for cause, text in pairs(Q850) do
      assert.equal(text, q850.text(cause), "cause " .. cause)
    end
    assert.equal("QoR: ported number", q850.text(14))
    assert.equal("QoR: ported number", q850.text("14"))
  end)

  it("says an unassigned cause is unassigned, not out of range", function()
    local unassigned = 0
    for cause = 1, 127 do
      if not Q850[cause] and not NOT_Q850_NAMED[cause] then
        local t, msg = q850.text(cause)
        assert.is_nil(t)
        assert.equal("sipcodes.q850.text: cause " .. cause .. " is not assigned", msg)
        local n, nmsg = q850.name(cause)
        assert.is_nil(n)
        assert.equal("sipcodes.q850.name: cause " .. cause
          .. " is not assigned in Q.850, and has no hangup-cause name",
          nmsg)
        unassigned = unassigned + 1
      end
    end
    assert.equal(127 - 71 - 3, unassigned)
    for cause, text in pairs(NOT_Q850_NAMED) do assert.equal(text, q850.text(cause)) end
  end)

  it("names every cause FreeSWITCH names, both ways", function()
    for cause = 1, 127 do
      local name = FS_NAMES[cause]
      if name then
        assert.equal(name, q850.name(cause))
        assert.equal(cause, q850.cause(name))
        assert.equal(cause, q850.cause(name:lower()))
      else
        assert.is_nil((q850.name(cause)))
      end
    end
  end)

  it("tells FreeSWITCH's causes without a Q.850 value, NONE included, from unknown names", function()
    for _, name in ipairs({ "NONE", "ORIGINATOR_CANCEL", "UNWANTED", "REJECT_ALL" }) do
      local c, msg = q850.cause(name)
      assert.is_nil(c)
      assert.equal("sipcodes.q850.cause: '" .. name .. "' is a FreeSWITCH cause with no Q.850 value", msg)
    end
    local c, msg = q850.cause("NOPE")
    assert.is_nil(c)
    assert.equal("sipcodes.q850.cause: no hangup cause is named 'NOPE'", msg)
  end)

  it("builds a Reason header with the wording of cause 14", function()
    assert.equal('Q.850;cause=14;text="QoR: ported number"', q850.reason_header(14))
  end)
end)
