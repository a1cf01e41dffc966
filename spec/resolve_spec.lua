-- sipcodes.resolve and the codes only RFC 2543 defined: RFC 3261 §8.1.3.2
-- makes a UA treat a final response it does not recognise as the x00 of
-- its class.  409 (Conflict) and 411 (Length Required) are RFC 2543 codes
-- that RFC 3261 dropped, so an RFC 3261 UA does not know them.

local sipcodes = require("sipcodes")

-- RFC 2543 §7.4 codes that RFC 3261 §21 no longer lists.
local HISTORIC = { [409] = "Conflict", [411] = "Length Required" }

describe("sipcodes.resolve for historic codes", function()
  it("gives 409 and 411 the 400 entry", function()
    assert.equal(sipcodes.lookup(400), sipcodes.resolve(409))
    assert.equal(sipcodes.lookup(400), sipcodes.resolve(411))
    assert.equal(400, sipcodes.resolve("409").code)
    assert.equal(400, sipcodes.resolve(411.0).code)
  end)

  it("leaves lookup to give their own, historic entries", function()
    for code, reason in pairs(HISTORIC) do
      local e = sipcodes.lookup(code)
      assert.equal(code, e.code)
      assert.equal(reason, e.reason)
      assert.equal("historic", e.status)
      assert.equal(2543, e.rfc)
    end
  end)

  it("resolves every registered code to itself unless it is historic, which resolves as unknown", function()
    local historic = {}
    for code, e in sipcodes.each() do
      local r = sipcodes.resolve(code)
      if e.status == "historic" then
        historic[code] = e.reason
        assert.equal(sipcodes.lookup(code < 200 and 183 or code - code % 100), r, "code " .. code)
      else
        assert.equal(e, r, "code " .. code)
      end
    end
    assert.same(HISTORIC, historic)
  end)

  it("keeps the deprecated 202 as itself: RFC 6665 deprecates it, RFC 3261 UAs may still know it", function()
    assert.equal("deprecated", sipcodes.lookup(202).status)
    assert.equal(sipcodes.lookup(202), sipcodes.resolve(202))
  end)
end)
