-- Run by `luarocks test` (the rockspec's test section, type "command"), under
-- the Lua the rock is built for: the busted specs, with the busted the
-- system has (Debian's lua-busted, or a busted rock), so that no busted rock
-- has to be fetched.  The specs use the installed sipcodes when there is no
-- build/ (see .busted): run `luarocks make` first, and for a --tree that
-- Lua does not search, `eval "$(luarocks --tree TREE path)"`.
-- Arguments are passed to busted (luarocks test -- ARGS).

local lua = arg and arg[-1] or "lua"

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

--- True when a command exits 0 (os.execute differs between 5.1 and 5.2+).
local function succeeds(cmd)
  local a, _, c = os.execute(cmd)
  if type(a) == "number" then return a == 0 end
  return a == true and (c == nil or c == 0)
end

-- Both checks run in a child, so that nothing is loaded into the state the
-- specs run in.
if not succeeds(quote(lua) .. " -e 'require(\"busted.runner\")' 2>/dev/null") then
  io.stderr:write("luarocks test: busted is not installed for ", lua,
    " (Debian: apt-get install lua-busted; or luarocks install busted)\n")
  os.exit(1)
end
if not succeeds(quote(lua) .. " -e 'require(\"sipcodes\")' 2>/dev/null") then
  io.stderr:write("luarocks test: ", lua, " does not find an installed sipcodes: run `luarocks make`",
    " first; for a --tree, eval \"$(luarocks --tree TREE path)\"\n")
  os.exit(1)
end

require("busted.runner")({ standalone = false })
