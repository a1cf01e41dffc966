-- The main job of `make run`: the module answering real questions.
local sipcodes = require("sipcodes")

print(sipcodes._VERSION)
print()

-- A lookup: everything about one code.
local e = sipcodes.lookup(486)
print(("lookup(486): %d %s  class %d (%s), final %s, %s, RFC %d, %s")
  :format(e.code, e.reason, e.class, sipcodes.class_name(e.code), tostring(e.final),
    e.name, e.rfc, e.status))
print("  " .. e.description)
print()

-- Platform variables arrive as strings; unknown codes resolve per RFC 3261 §8.1.3.2.
for _, code in ipairs({ "180", 431, 199, 606, 700 }) do
  local r, why = sipcodes.reason(code)
  print(("reason(%q) -> %s   resolve -> %s   is_final -> %s")
    :format(tostring(code), r or ("nil (" .. why .. ")"),
      tostring(sipcodes.resolve(code)), tostring(sipcodes.is_final(code))))
end
print()

-- A class query and a pattern query.
print("class 6 (Global Failure):")
for _, g in ipairs(sipcodes.select({ class = 6 })) do print("  " .. tostring(g)) end
print('match("48x"):')
for _, m in ipairs(sipcodes.match("48x")) do print("  " .. tostring(m)) end
print('find("identity"):')
for _, f in ipairs(sipcodes.find("identity")) do print(("  %s (RFC %d)"):format(tostring(f), f.rfc)) end
print()
print("reverse: code('busy here') = " .. sipcodes.code("busy here")
  .. ", sipcodes.BUSY_EVERYWHERE = " .. sipcodes.BUSY_EVERYWHERE)
