-- The README's example runs as written and prints what its comments say,
-- so that the first code a reader copies cannot rot.  Each `print(...)`
-- line of the example ends in `--> v1  v2 ...`: the values it prints, two
-- or more spaces apart (print itself separates them with a tab).

local README = "README.md"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

local function lines_of(text)
  local lines = {}
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
  return lines
end

-- The first ```lua block: its code and the line it starts on.
local function first_lua_block(lines)
  local start, code = nil, {}
  for i, line in ipairs(lines) do
    if not start then
      if line == "```lua" then start = i end
    elseif line == "```" then
      return table.concat(code, "\n") .. "\n", start
    else
      code[#code + 1] = line
    end
  end
  return nil, start
end

-- The values each print line promises, in order.
local function expectations(code)
  local list = {}
  for line in code:gmatch("[^\n]+") do
    if line:find("^%s*print%(") then
      local want = line:match("%-%->%s(.*)$")
      local values = {}
      if want then
        for v in (want:gsub("%s+$", "") .. "  "):gmatch("(.-)%s%s+") do
          values[#values + 1] = v
        end
      end
      list[#list + 1] = { line = line, values = want and values }
    end
  end
  return list
end

-- Runs code with a print that records what it is given; returns the list
-- of calls, each a list of tostring()'d values.
local function run(code)
  local printed = {}
  local env = setmetatable({
    print = function(...)
      local call = {}
      for i = 1, select("#", ...) do call[i] = tostring((select(i, ...))) end
      printed[#printed + 1] = call
    end,
  }, { __index = _G })
  local chunk, err
  local setfenv = rawget(_G, "setfenv")
  if setfenv then
    chunk, err = loadstring(code, "=README example")
    if chunk then setfenv(chunk, env) end
  else
    chunk, err = load(code, "=README example", "t", env)
  end
  assert(chunk, err)
  chunk()
  return printed
end

describe("README.md", function()
  local text = read(README)
  local lines = lines_of(text)
  local code, start = first_lua_block(lines)

  it("opens with a Lua example within its first 30 lines", function()
    assert.is_string(code)
    assert.is_true(start <= 30, "the example starts on line " .. tostring(start))
  end)

  it("promises a value on every print line of the example", function()
    local list = expectations(code)
    assert.is_true(#list >= 5, "only " .. #list .. " print lines")
    for _, e in ipairs(list) do
      assert.is_table(e.values, "no '--> ...' on: " .. e.line)
      assert.is_true(#e.values > 0, "nothing after '-->' on: " .. e.line)
    end
  end)

  it("runs its example and prints what the comments say", function()
    local list = expectations(code)
    local printed = run(code)
    assert.are.equal(#list, #printed)
    for i, e in ipairs(list) do
      assert.are.same(e.values, printed[i], "line: " .. e.line)
    end
  end)

  it("stays short and names the two commands", function()
    assert.is_true(#lines <= 150, "README.md has " .. #lines .. " lines")
    assert.is_truthy(text:find("make run", 1, true))
    assert.is_truthy(text:find("make test", 1, true))
  end)

  it("links the manual, the changelog and the license, which exist", function()
    for _, path in ipairs({ "doc/manual.md", "CHANGELOG.md", "LICENSE" }) do
      assert.is_truthy(text:find("(" .. path .. ")", 1, true), "no link to " .. path)
      local f = io.open(path, "rb")
      assert.is_truthy(f, path .. " is missing")
      if f then f:close() end
    end
  end)
end)

describe("the README example's checker", function()
  it("catches a wrong promise", function()
    local code = 'print(1 + 1, "x")  --> 3  x\n'
    local list = expectations(code)
    local printed = run(code)
    assert.are.same({ "3", "x" }, list[1].values)
    assert.are.same({ "2", "x" }, printed[1])
    assert.are_not.same(list[1].values, printed[1])
  end)

  it("reads nil, booleans and values with single spaces", function()
    local list = expectations('print(nil, true, "a b")  --> nil  true  a b\n')
    assert.are.same({ "nil", "true", "a b" }, list[1].values)
  end)

  it("finds no block in a text without one", function()
    local code, start = first_lua_block({ "# title", "```sh", "make", "```" })
    assert.is_nil(code)
    assert.is_nil(start)
  end)
end)
