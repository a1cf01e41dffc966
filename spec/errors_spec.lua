-- Every error the module raises points at the script's line: the file and
-- line of the call or assignment that was wrong, on every Lua version.
-- Each raising path is called from a non-tail position (a tail call drops
-- the caller's frame on LuaJIT, and a script seldom raises from one), and
-- the message must start with this file's name and the line of that call.
local sipcodes = require("sipcodes")

local FILE = "errors_spec%.lua"

-- The line n lines below the caller's.
local function below(n) return debug.getinfo(2, "l").currentline + n end

-- Runs f, which must raise with the position FILE:line; returns the
-- message.
local function raises_at(line, f)
  local ok, err = pcall(f)
  assert.is_false(ok)
  assert.is_string(err)
  assert.matches(FILE .. ":" .. line .. ": ", err)
  return err
end

describe("errors raised by the module", function()
  it("an assignment to an entry points at the assignment", function()
    local e = sipcodes.lookup(486)
    local line = below(2)
    local err = raises_at(line, function()
      e.reason = "Mine"
    end)
    assert.matches("sipcodes: entry 486 is read%-only %(cannot set field 'reason'%)$", err)
    -- Through a function of the script, and to a field entries do not have.
    local function set(t, k, v)
      t[k] = v
      return true
    end
    line = debug.getinfo(set, "S").linedefined + 1
    err = raises_at(line, function() local ok = set(sipcodes[404], "note", 1) return ok end)
    assert.matches("entry 404 is read%-only %(cannot set field 'note'%)$", err)
  end)

  it("a default of reason that is not a string points at the call", function()
    -- Unregistered, then through the cache of misses, then invalid.
    for _, code in ipairs({ 431, 431, 700, "x" }) do
      local line = below(2)
      local err = raises_at(line, function()
        local r = sipcodes.reason(code, 42)
        return r
      end)
      assert.matches("sipcodes%.reason: bad argument #2 %(default%): string expected, got number$", err)
    end
    local line = below(2)
    local err = raises_at(line, function()
      local r = sipcodes.reason(432, {})
      return r
    end)
    assert.matches("got table$", err)
  end)

  it("replacing the module table's protected metatable points at the call", function()
    local line = below(2)
    local err = raises_at(line, function()
      local t = setmetatable(sipcodes, {})
      return t
    end)
    assert.matches("protected metatable", err)
  end)
end)
