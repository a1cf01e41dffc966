-- The hostile values of the specs: every value no function of sipcodes
-- takes, each with the pattern of how a message names it (hostile_spec
-- checks the messages, reachable_spec calls every C function with each).
-- Loaded with dofile("spec/hostile_values.lua"); a list, with BIG (1 MB of
-- text) as a field.
local MB = 1024 * 1024
local BIG = string.rep("x", MB)            -- 1 MB of text
local BIG_DIGITS = string.rep("9", MB)     -- 1 MB that starts like a code
local HAS_INTEGERS = math.type ~= nil      -- 5.3 and 5.4

-- A value no function takes, and the pattern of how messages name it.
local function value(v, got) return { v = v, got = got } end

local BAD_VALUES = {
  value(nil, "nil"),
  value(true, "boolean"),
  value(false, "boolean"),
  value({}, "table"),
  value(setmetatable({}, { __tostring = function() return "486" end }), "table"),
  value(print, "function"),
  value(coroutine.create(function() end), "thread"),
  value(io.stdout, "userdata"),
  value(0 / 0, "%-?nan"),
  value(math.huge, "inf"),
  value(-math.huge, "%-inf"),
  value(-0.0, "%-?0"),
  value(2 ^ 53, "9007199254740992"),
  value(2 ^ 63, "9%.2233720368547758e%+18"),
  value(1e300, "1%.0000000000000001e%+300"),
  value(486.5, "486%.5"),
  value(486 + 2 ^ -40, "486%.00000000000091"),
  value(0.1, "0%.10000000000000001"),
  value(-486, "%-486"),
  value("", "''"),
  value("486\0", "'486%?'"),
  value("\0" .. "486", "'%?486'"),
  value("4\r\n6", "'4%?%?6'"),
  value("\255\254\192\175", "'%?%?%?%?'"),
  value("48\226\130\172", "'48%?%?%?'"),
  value(BIG, "'" .. string.rep("x", 24) .. "'%.%.%. %(1048576 bytes%)"),
  value(BIG_DIGITS, "'" .. string.rep("9", 24) .. "'%.%.%. %(1048576 bytes%)"),
}
if HAS_INTEGERS then
  BAD_VALUES[#BAD_VALUES + 1] = value(math.maxinteger, "9223372036854775807")
  BAD_VALUES[#BAD_VALUES + 1] = value(math.mininteger, "%-9223372036854775808")
  BAD_VALUES[#BAD_VALUES + 1] = value(math.tointeger(2 ^ 53), "9007199254740992")
end

BAD_VALUES.BIG = BIG
return BAD_VALUES
