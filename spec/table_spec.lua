-- Walks the whole code table and checks every field of every entry against
-- an independent copy of the IANA registry made from the RFCs' own section
-- headings.  A phrase changed in one place and not the other fails here.
local sipcodes = require("sipcodes")

-- code, phrase, constant name, rfc, status
local REGISTRY = {
  { 100, "Trying", "TRYING", 3261, "current" },
  { 180, "Ringing", "RINGING", 3261, "current" },
  { 181, "Call Is Being Forwarded", "CALL_IS_BEING_FORWARDED", 3261, "current" },
  { 182, "Queued", "QUEUED", 3261, "current" },
  { 183, "Session Progress", "SESSION_PROGRESS", 3261, "current" },
  { 199, "Early Dialog Terminated", "EARLY_DIALOG_TERMINATED", 6228, "current" },
  { 200, "OK", "OK", 3261, "current" },
  { 202, "Accepted", "ACCEPTED", 6665, "deprecated" },
  { 204, "No Notification", "NO_NOTIFICATION", 5839, "current" },
  { 300, "Multiple Choices", "MULTIPLE_CHOICES", 3261, "current" },
  { 301, "Moved Permanently", "MOVED_PERMANENTLY", 3261, "current" },
  { 302, "Moved Temporarily", "MOVED_TEMPORARILY", 3261, "current" },
  { 305, "Use Proxy", "USE_PROXY", 3261, "current" },
  { 380, "Alternative Service", "ALTERNATIVE_SERVICE", 3261, "current" },
  { 400, "Bad Request", "BAD_REQUEST", 3261, "current" },
  { 401, "Unauthorized", "UNAUTHORIZED", 3261, "current" },
  { 402, "Payment Required", "PAYMENT_REQUIRED", 3261, "current" },
  { 403, "Forbidden", "FORBIDDEN", 3261, "current" },
  { 404, "Not Found", "NOT_FOUND", 3261, "current" },
  { 405, "Method Not Allowed", "METHOD_NOT_ALLOWED", 3261, "current" },
  { 406, "Not Acceptable", "NOT_ACCEPTABLE", 3261, "current" },
  { 407, "Proxy Authentication Required", "PROXY_AUTHENTICATION_REQUIRED", 3261, "current" },
  { 408, "Request Timeout", "REQUEST_TIMEOUT", 3261, "current" },
  { 409, "Conflict", "CONFLICT", 2543, "historic" },
  { 410, "Gone", "GONE", 3261, "current" },
  { 411, "Length Required", "LENGTH_REQUIRED", 2543, "historic" },
  { 412, "Conditional Request Failed", "CONDITIONAL_REQUEST_FAILED", 3903, "current" },
  { 413, "Request Entity Too Large", "REQUEST_ENTITY_TOO_LARGE", 3261, "current" },
  { 414, "Request-URI Too Long", "REQUEST_URI_TOO_LONG", 3261, "current" },
  { 415, "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE", 3261, "current" },
  { 416, "Unsupported URI Scheme", "UNSUPPORTED_URI_SCHEME", 3261, "current" },
  { 417, "Unknown Resource-Priority", "UNKNOWN_RESOURCE_PRIORITY", 4412, "current" },
  { 420, "Bad Extension", "BAD_EXTENSION", 3261, "current" },
  { 421, "Extension Required", "EXTENSION_REQUIRED", 3261, "current" },
  { 422, "Session Interval Too Small", "SESSION_INTERVAL_TOO_SMALL", 4028, "current" },
  { 423, "Interval Too Brief", "INTERVAL_TOO_BRIEF", 3261, "current" },
  { 424, "Bad Location Information", "BAD_LOCATION_INFORMATION", 6442, "current" },
  { 425, "Bad Alert Message", "BAD_ALERT_MESSAGE", 8876, "current" },
  { 428, "Use Identity Header", "USE_IDENTITY_HEADER", 8224, "current" },
  { 429, "Provide Referrer Identity", "PROVIDE_REFERRER_IDENTITY", 3892, "current" },
  { 430, "Flow Failed", "FLOW_FAILED", 5626, "current" },
  { 433, "Anonymity Disallowed", "ANONYMITY_DISALLOWED", 5079, "current" },
  { 436, "Bad Identity Info", "BAD_IDENTITY_INFO", 8224, "current" },
  { 437, "Unsupported Credential", "UNSUPPORTED_CREDENTIAL", 8224, "current" },
  { 438, "Invalid Identity Header", "INVALID_IDENTITY_HEADER", 8224, "current" },
  { 439, "First Hop Lacks Outbound Support", "FIRST_HOP_LACKS_OUTBOUND_SUPPORT", 5626,
    "current" },
  { 440, "Max-Breadth Exceeded", "MAX_BREADTH_EXCEEDED", 5393, "current" },
  { 469, "Bad Info Package", "BAD_INFO_PACKAGE", 6086, "current" },
  { 470, "Consent Needed", "CONSENT_NEEDED", 5360, "current" },
  { 480, "Temporarily Unavailable", "TEMPORARILY_UNAVAILABLE", 3261, "current" },
  { 481, "Call/Transaction Does Not Exist", "CALL_TRANSACTION_DOES_NOT_EXIST", 3261, "current" },
  { 482, "Loop Detected", "LOOP_DETECTED", 3261, "current" },
  { 483, "Too Many Hops", "TOO_MANY_HOPS", 3261, "current" },
  { 484, "Address Incomplete", "ADDRESS_INCOMPLETE", 3261, "current" },
  { 485, "Ambiguous", "AMBIGUOUS", 3261, "current" },
  { 486, "Busy Here", "BUSY_HERE", 3261, "current" },
  { 487, "Request Terminated", "REQUEST_TERMINATED", 3261, "current" },
  { 488, "Not Acceptable Here", "NOT_ACCEPTABLE_HERE", 3261, "current" },
  { 489, "Bad Event", "BAD_EVENT", 6665, "current" },
  { 491, "Request Pending", "REQUEST_PENDING", 3261, "current" },
  { 493, "Undecipherable", "UNDECIPHERABLE", 3261, "current" },
  { 494, "Security Agreement Required", "SECURITY_AGREEMENT_REQUIRED", 3329, "current" },
  { 500, "Server Internal Error", "SERVER_INTERNAL_ERROR", 3261, "current" },
  { 501, "Not Implemented", "NOT_IMPLEMENTED", 3261, "current" },
  { 502, "Bad Gateway", "BAD_GATEWAY", 3261, "current" },
  { 503, "Service Unavailable", "SERVICE_UNAVAILABLE", 3261, "current" },
  { 504, "Server Time-out", "SERVER_TIME_OUT", 3261, "current" },
  { 505, "Version Not Supported", "VERSION_NOT_SUPPORTED", 3261, "current" },
  { 513, "Message Too Large", "MESSAGE_TOO_LARGE", 3261, "current" },
  { 555, "Push Notification Service Not Supported", "PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED",
    8599, "current" },
  { 580, "Precondition Failure", "PRECONDITION_FAILURE", 3312, "current" },
  { 600, "Busy Everywhere", "BUSY_EVERYWHERE", 3261, "current" },
  { 603, "Decline", "DECLINE", 3261, "current" },
  { 604, "Does Not Exist Anywhere", "DOES_NOT_EXIST_ANYWHERE", 3261, "current" },
  { 606, "Not Acceptable", "NOT_ACCEPTABLE_ANYWHERE", 3261, "current" },
  { 607, "Unwanted", "UNWANTED", 8197, "current" },
  { 608, "Rejected", "REJECTED", 8688, "current" },
}

local CLASS_NAMES = {
  "Provisional", "Success", "Redirection", "Client Error", "Server Error", "Global Failure",
}

describe("the code table", function()
  it("has exactly the registry's codes, in ascending order through each()", function()
    local seen = {}
    for code in sipcodes.each() do seen[#seen + 1] = code end
    local want = {}
    for i, row in ipairs(REGISTRY) do want[i] = row[1] end
    assert.same(want, seen)
  end)

  for _, row in ipairs(REGISTRY) do
    local code, reason, name, rfc, status = row[1], row[2], row[3], row[4], row[5]
    it("has every field of " .. code .. " " .. reason, function()
      local e = sipcodes.lookup(code)
      assert.is_table(e)
      assert.equal(code, e.code)
      if math.type then assert.equal("integer", math.type(e.code)) end
      assert.equal(reason, e.reason)
      assert.equal(math.floor(code / 100), e.class)
      assert.equal(code >= 200, e.final)
      assert.equal(name, e.name)
      assert.equal(rfc, e.rfc)
      assert.equal(status, e.status)
      assert.equal(reason, sipcodes.reason(code))
      assert.equal(code, sipcodes[name])
      assert.equal(e, sipcodes[code])
      assert.equal(e, sipcodes.lookup(tostring(code)))
      assert.equal(CLASS_NAMES[e.class], sipcodes.class_name(code))
      assert.equal(code .. " " .. reason, tostring(e))
    end)

    it("describes " .. code .. " in one plain sentence", function()
      local d = sipcodes.lookup(code).description
      assert.is_string(d)
      assert.is_true(#d >= 30 and #d <= 200, "length " .. #d)
      assert.matches("^%u", d)
      assert.matches("[^.]%.$", d)
      assert.is_nil(d:find("%.%s"), "more than one sentence")
      assert.is_nil(d:find("[%c\128-\255]"), "control or non-ASCII byte")
    end)
  end

  it("gives every code a unique constant name, made of its phrase", function()
    local names = {}
    for code, e in sipcodes.each() do
      assert.is_nil(names[e.name], e.name .. " twice")
      names[e.name] = code
      assert.matches("^[A-Z][A-Z0-9_]*$", e.name)
    end
  end)

  it("reverse-looks up every phrase and every constant name, in any case", function()
    for _, row in ipairs(REGISTRY) do
      local code, reason, name = row[1], row[2], row[3]
      local want = code == 606 and 406 or code
      assert.equal(want, sipcodes.code(reason))
      assert.equal(want, sipcodes.code(reason:upper()))
      assert.equal(want, sipcodes.code(reason:lower()))
      assert.equal(code, sipcodes.code(name))
      assert.equal(code, sipcodes.code(name:lower()))
    end
  end)

  it("spells the phrases popular reference sheets get wrong as the RFCs do", function()
    assert.equal("Server Time-out", sipcodes.reason(504))
    assert.equal("Request-URI Too Long", sipcodes.reason(414))
    assert.equal("Call/Transaction Does Not Exist", sipcodes.reason(481))
    assert.equal("Bad Identity Info", sipcodes.reason(436))
    assert.equal("Unsupported Credential", sipcodes.reason(437))
    assert.equal("Security Agreement Required", sipcodes.reason(494))
    assert.equal("Conflict", sipcodes.reason(409))
    assert.equal("historic", sipcodes.lookup(409).status)
  end)
end)
