-- dh-lua's test (LUA_TEST): the module loads and answers.
local sipcodes = require("sipcodes")
assert(sipcodes.reason(486) == "Busy Here")
assert(sipcodes.lookup(486).final == true)
assert(#sipcodes.match("6xx") == 6)
assert(sipcodes.q850.to_sip(17) == 486)
print(sipcodes._VERSION .. ": ok")
