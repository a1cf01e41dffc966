-- The descriptions an operator acts on: for each code whose meaning is easy
-- to get wrong, the point its defining RFC makes, checked by a pattern on the
-- description (not the whole sentence, which may be reworded).
local sipcodes = require("sipcodes")

local function description(code)
  local e = assert(sipcodes.lookup(code))
  return e.description
end

-- Each point: code, the RFC text it follows, patterns that must match (in
-- any case) and patterns that must not.
local POINTS = {
  { 100, "RFC 3261 §17.1.1.2, §17.1.2.2: only an INVITE stops being retransmitted",
    must = { "INVITE", "non%-INVITE", "retransmit" },
    must_not = { "^[^;]*sender may stop retransmitting" } },
  { 199, "RFC 6228 §4: the caller might release the early dialog, and sends it no more media",
    must = { "early dialog", "might", "no more media" },
    must_not = { "should release" } },
  { 202, "RFC 6665 §8.3.1, RFC 7647 §5: the same as 200, never to SUBSCRIBE, NOTIFY or REFER",
    must = { "200", "SUBSCRIBE", "NOTIFY", "REFER", "deprecated" },
    must_not = { "not yet complete" } },
  { 408, "RFC 4320 §4.2, RFC 3261 §8.1.3.1: stateful servers never send it to a non-INVITE",
    must = { "may retry", "stateful servers never", "non%-INVITE", "local timeout" } },
  { 417, "RFC 4412 §4.6.2: only with Require: resource-priority and no value understood;"
      .. " Accept-Resource-Priority MAY be included, by local policy",
    must = { "resource%-priority in Require", "none of its Resource%-Priority values", "may",
      "Accept%-Resource%-Priority", "local policy" },
    must_not = { "the response lists", "a namespace or priority" } },
  { 422, "RFC 4028: the sender MAY retry with at least Min-SE",
    must = { "may retry", "Min%-SE" } },
  { 423, "RFC 3261 §10.2.8: the sender MAY retry with at least Min-Expires",
    must = { "may retry", "Min%-Expires" } },
  { 425, "RFC 8876 §5.1: so malformed that no reasonable emergency response can be determined",
    must = { "malformed", "no reasonable emergency response", "AlertMsg%-Error" },
    must_not = { "not acceptable" } },
  { 428, "RFC 8224 §6.2.2: also for an Identity header whose ppt is not supported",
    must = { "Identity", "ppt" } },
  { 430, "RFC 5626 §11.5: for the authoritative proxy; a user agent treats it as 400",
    must = { "edge proxy", "authoritative proxy", "another flow", "400" } },
  { 433, "RFC 5079 §4: no retry without anonymity unless the user confirms",
    must = { "must not retry without anonymity", "user consents" },
    must_not = { "may retry without anonymity" } },
  { 436, "RFC 8224 §6.2.2: the credential could not be obtained (info parameter)",
    must = { "could not obtain", "info" },
    must_not = { "or used" } },
  { 437, "RFC 8224 §6.2.2: the credential was obtained but is not supported",
    must = { "obtained", "not support" } },
  { 440, "RFC 5393 §5.1: too little Max-Breadth for the parallel fork; narrow or refine",
    must = { "Max%-Breadth", "not tried", "narrow", "refine" },
    must_not = { "same value" } },
  { 470, "RFC 5360 §5.9.2: permission list of a URI-list relay, Permission-Missing, consent",
    must = { "relay", "Permission%-Missing", "permission list", "consent" },
    must_not = { "ask for permission and retry" } },
  { 480, "RFC 3261 §21.4.18: also a user with no current forwarding location",
    must = { "not registered", "no current location", "Retry%-After" } },
  { 489, "RFC 6665 §4.2.1.1, §4.4.4: a 489 need not carry Allow-Events; if present, it lists all",
    must = { "Allow%-Events", "if present" } },
}

describe("the descriptions", function()
  for _, p in ipairs(POINTS) do
    it("of " .. p[1] .. " follow " .. p[2], function()
      local d = description(p[1]):lower()
      for _, pat in ipairs(p.must) do
        assert.is_truthy(d:find(pat:lower()), p[1] .. " lacks '" .. pat .. "': " .. d)
      end
      for _, pat in ipairs(p.must_not or {}) do
        assert.is_falsy(d:find(pat:lower()), p[1] .. " still says '" .. pat .. "': " .. d)
      end
    end)
  end

  it("tell 436 (credential not obtained) from 437 (obtained, not supported)", function()
    local d436, d437 = description(436), description(437)
    assert.matches("could not obtain", d436)
    assert.is_nil(d436:find("not support"))
    assert.matches("obtained", d437)
    assert.matches("does not support", d437)
  end)

  it("name 100's INVITE rule before the non-INVITE one", function()
    local d = description(100)
    local invite = d:find("an INVITE is then no longer retransmitted", 1, true)
    local other = d:find("non-INVITE still is", 1, true)
    assert.is_number(invite)
    assert.is_number(other)
    assert.is_true(invite < other)
  end)

  it("keep the changed ones one plain ASCII sentence of at most 200 bytes", function()
    for _, p in ipairs(POINTS) do
      local d = description(p[1])
      assert.is_true(#d >= 30 and #d <= 200, p[1] .. ": length " .. #d)
      assert.matches("^%u", d)
      assert.matches("[^.]%.$", d)
      assert.is_nil(d:find("%.%s"), p[1] .. ": more than one sentence")
      assert.is_nil(d:find("[%c\128-\255]"), p[1] .. ": control or non-ASCII byte")
    end
  end)
end)
