-- Helpers for specs that need a module with fresh caches: unload() takes
-- every sipcodes module out of package.loaded and returns them, so that
-- the next require("sipcodes") builds a new module; restore(saved) puts
-- the ones unload() returned back.  Loaded with
-- dofile("spec/fresh_module.lua"), as spec/hostile_values.lua is.

local M = {}

function M.unload()
  local saved = {}
  for name, m in pairs(package.loaded) do
    if name == "sipcodes" or name:find("^sipcodes%.") then saved[name] = m end
  end
  for name in pairs(saved) do package.loaded[name] = nil end
  return saved
end

function M.restore(saved)
  M.unload()
  for name, m in pairs(saved) do package.loaded[name] = m end
end

return M
