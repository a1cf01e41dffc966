-- sipcodes.query: the pattern queries of sipcodes (match, find, select).
-- Made by sipcodes on first use of one of its functions: this module
-- returns a function that makes the layer for a core (sipcodes.core).
-- Each function returns a list of entries in ascending order of code,
-- empty when nothing matches, or nil and a message when the query itself
-- is malformed or could take too long.

local concat, find, lower, sub, upper =
  table.concat, string.find, string.lower, string.sub, string.upper
local pairs, pcall, tostring, type = pairs, pcall, tostring, type

return function(core)

local each, describe, fail, tocode = core.each, core.describe, core.fail, core.tocode

local Q = {}

-- Bounds of a Lua pattern given to find and select.  Lua's matcher
-- backtracks: each quantifier after a single-character item can try every
-- length from its position, so k of them cost up to about n^k steps per
-- start on a text of n bytes (string.rep(".-", 6) .. "#" takes seconds on
-- the 77 phrases).  The rule: at most QUANTIFIERS_MAX quantifiers ('*',
-- '+', '-' or '?' right after a single-character item: a character, '.',
-- a %-class or a [set]), counted as Lua's matcher reads the pattern; with
-- phrases and names of at most 39 bytes that bounds a query to some 40^4
-- steps per text, tens of milliseconds where 6 took seconds.  PATTERN_MAX
-- bounds the rest (each byte of a pattern is tried a bounded number of
-- times per start; "%b" scans at most the rest of a text).
local PATTERN_MAX = 1024
local QUANTIFIERS_MAX = 3

-- The end of the single-character item at i: a %-escape, a [set] (its
-- first ']' and '%' escapes taken as Lua takes them) or one byte.
local function item_end(p, i)
  local c = sub(p, i, i)
  if c == "%" then return i + 2 end
  if c ~= "[" then return i + 1 end
  i = i + 1
  if sub(p, i, i) == "^" then i = i + 1 end
  repeat
    if sub(p, i, i) == "%" then i = i + 1 end
    i = i + 1
  until i > #p or sub(p, i, i) == "]"
  return i + 1
end

-- The number of quantifiers in p, as Lua's matcher (lstrlib.c do_match)
-- reads it: "(" and ")", "%b" with its two bytes, "%f" with its set and
-- back-references take none.
local function quantifiers(p)
  local n, i = 0, sub(p, 1, 1) == "^" and 2 or 1
  while i <= #p do
    local c, d = sub(p, i, i), sub(p, i + 1, i + 1)
    if c == "(" or c == ")" then
      i = i + 1
    elseif c == "%" and d == "b" then
      i = i + 4
    elseif c == "%" and d == "f" then
      i = item_end(p, i + 2)
    elseif c == "%" and find(d, "^%d$") then
      i = i + 2
    else
      i = item_end(p, i)
      if find(sub(p, i, i), "^[%*%+%-%?]$") then
        n = n + 1
        i = i + 1
      end
    end
  end
  return n
end

local function is_letter(c)
  return find(c, "^%a$") ~= nil
end

-- Rewrites a Lua pattern so that its letters match either case: "busy"
-- becomes "[bB][uU][sS][yY]".  Escapes (%a, %b()) are kept as they are,
-- and inside a set a letter or a range of letters gains the other case.
local function caseless(p)
  local out, i, n = {}, 1, #p
  local inset = false
  while i <= n do
    local c = sub(p, i, i)
    if c == "%" then
      -- %bxy takes two more bytes, but only outside a set: inside one,
      -- "%b" is the letter b.
      local len = not inset and sub(p, i + 1, i + 1) == "b" and 4 or 2
      out[#out + 1] = sub(p, i, i + len - 1)
      i = i + len
    elseif inset then
      local d = sub(p, i + 2, i + 2)
      if c == "]" then
        inset = false
        out[#out + 1] = c
        i = i + 1
      elseif sub(p, i + 1, i + 1) == "-" and d ~= "]" and d ~= ""
          and is_letter(c) and is_letter(d) then
        out[#out + 1] = lower(c) .. "-" .. lower(d) .. upper(c) .. "-" .. upper(d)
        i = i + 3
      else
        out[#out + 1] = is_letter(c) and lower(c) .. upper(c) or c
        i = i + 1
      end
    elseif c == "[" then
      -- "[", "[^", "[]" and "[^]" open a set; a "]" right after is literal.
      local j = i + 1
      if sub(p, j, j) == "^" then j = j + 1 end
      if sub(p, j, j) == "]" then j = j + 1 end
      out[#out + 1] = sub(p, i, j - 1)
      inset = true
      i = j
    elseif is_letter(c) then
      out[#out + 1] = "[" .. lower(c) .. upper(c) .. "]"
      i = i + 1
    else
      out[#out + 1] = c
      i = i + 1
    end
  end
  return concat(out)
end

-- Compiles a reason pattern into a predicate over phrases, or nil and a
-- message when Lua rejects the pattern.
local function reason_matcher(fname, pattern)
  if type(pattern) ~= "string" then
    return nil, fname .. ": expected a Lua pattern (string), got " .. type(pattern)
  end
  -- Phrases are short; a long pattern only costs time (matching it
  -- against each of them), so it is refused.
  if #pattern > PATTERN_MAX then
    return nil, fname .. ": pattern longer than " .. PATTERN_MAX .. " bytes"
  end
  if quantifiers(pattern) > QUANTIFIERS_MAX then
    return nil, fname .. ": pattern with more than " .. QUANTIFIERS_MAX
      .. " quantifiers (*, +, - or ? after a character, '.', a %-class or a set),"
      .. " whose matching could take too long"
  end
  local p = caseless(pattern)
  -- Lua reports a malformed pattern only when matching reaches the bad
  -- part ("busy[" fails on "Busy Here", not on ""): try it on every phrase
  -- here, so that the query itself can never raise.
  for _, e in each() do
    local ok, err = pcall(find, e.reason, p)
    if not ok then return nil, fname .. ": bad pattern: " .. err end
    ok, err = pcall(find, e.name, p)
    if not ok then return nil, fname .. ": bad pattern: " .. err end
  end
  return function(text) return find(text, p) ~= nil end
end

-- Compiles a code pattern such as "4xx", "48x" or "x8x" into a predicate
-- over codes.
local function code_matcher(fname, pattern)
  if type(pattern) ~= "string" or not find(pattern, "^[1-6xX][0-9xX][0-9xX]$") then
    return fail(fname, "expected a code pattern (three digits or 'x', "
      .. "the first 1..6 or 'x', such as \"4xx\" or \"48x\")", pattern)
  end
  local digits = {}
  for i = 1, 3 do
    local c = sub(pattern, i, i)
    digits[i] = (c ~= "x" and c ~= "X") and c or false
  end
  return function(code)
    local s = tostring(code)
    for i = 1, 3 do
      if digits[i] and sub(s, i, i) ~= digits[i] then return false end
    end
    return true
  end
end

local function collect(keep)
  local list = {}
  for code, e in each() do
    if keep(code, e) then list[#list + 1] = e end
  end
  return list
end

--- Entries whose code matches a pattern of digits and 'x': "4xx", "48x".
function Q.match(pattern)
  local ok, err = code_matcher("sipcodes.match", pattern)
  if not ok then return nil, err end
  return collect(ok)
end

--- Entries whose reason phrase matches a Lua pattern, letters in any case.
function Q.find(pattern)
  local ok, err = reason_matcher("sipcodes.find", pattern)
  if not ok then return nil, err end
  return collect(function(_, e) return ok(e.reason) end)
end

-- The criteria select{} understands: field -> type of its value.
local criteria = {
  class = "number", final = "boolean", status = "string", rfc = "number",
  reason = "string", code = "string", name = "string",
}

--- Entries that meet every criterion of the table `query`:
-- class, final, status, rfc (equality), reason (a Lua pattern, any case),
-- code (a code pattern such as "4xx", or a code), name (a Lua pattern on
-- the constant).
function Q.select(query)
  if type(query) ~= "table" then
    return nil, "sipcodes.select: expected a table of criteria, got " .. type(query)
  end
  local tests = {}
  for field, value in pairs(query) do
    local want = criteria[field]
    if not want then
      return nil, "sipcodes.select: unknown criterion " .. describe(field)
        .. " (known: class, code, final, name, reason, rfc, status)"
    end
    -- A code is a number or a string everywhere else: here too.
    if field == "code" and type(value) == "number" then
      value = tocode(value)
      if not value then return code_matcher("sipcodes.select", query.code) end
      value = tostring(value)
    end
    if type(value) ~= want then
      return nil, "sipcodes.select: criterion '" .. field .. "' must be a "
        .. want .. ", got " .. type(value)
    end
    local test, err
    if field == "reason" then
      test, err = reason_matcher("sipcodes.select", value)
      if test then local m = test; test = function(e) return m(e.reason) end end
    elseif field == "name" then
      test, err = reason_matcher("sipcodes.select", value)
      if test then local m = test; test = function(e) return m(e.name) end end
    elseif field == "code" then
      test, err = code_matcher("sipcodes.select", value)
      if test then local m = test; test = function(e) return m(e.code) end end
    else
      test = function(e) return e[field] == value end
    end
    if not test then return nil, err end
    tests[#tests + 1] = test
  end
  return collect(function(_, e)
    for i = 1, #tests do
      if not tests[i](e) then return false end
    end
    return true
  end)
end

return Q
end
