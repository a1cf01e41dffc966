-- bench/summary.lua: the rows of every Lua side by side, from the files
-- bench/bench.lua wrote (one per version, in the order given):
--   lua5.4 bench/summary.lua bench/out/5.1.tsv ... bench/out/jit.tsv
-- Each cell is the row's value (in ns/op unless its label names a unit),
-- its ratio to its baseline, and its result where it has a target.

local concat, format, rep = table.concat, string.format, string.rep
local gmatch = string.gmatch
local assert, io, ipairs = assert, io, ipairs

local tags, order, label, cells = {}, {}, {}, {}
local missed = {}
for i, path in ipairs(arg) do
  local f = assert(io.open(path, "r"))
  for line in f:lines() do
    local fields = {}
    for field in gmatch(line .. "\t", "([^\t]*)\t") do
      fields[#fields + 1] = field
    end
    local tag, id, text, cell, target, result = fields[1], fields[2],
      fields[3], fields[4], fields[5], fields[6]
    tags[i] = tag
    if not label[id] then
      order[#order + 1] = id
      label[id] = text
      cells[id] = {}
    end
    if result == "MISS" then
      missed[#missed + 1] = format("%s %s: %s (target %s)", tag, text,
        cell, target)
    end
    cells[id][i] = cell
  end
  f:close()
end

local width = 19
local head = { format("%-38s", "== all versions (ns/op, ratio)") }
for i, tag in ipairs(tags) do head[i + 1] = format("%" .. width .. "s", tag) end
local out = { concat(head), rep("-", 38 + width * #tags) }
for _, id in ipairs(order) do
  local row = { format("%-38s", label[id]) }
  for i = 1, #tags do
    row[i + 1] = format("%" .. width .. "s", cells[id][i] or "-")
  end
  out[#out + 1] = concat(row)
end
out[#out + 1] = ""
out[#out + 1] = #missed == 0 and "every target met"
  or format("%d targets missed:", #missed)
for _, m in ipairs(missed) do out[#out + 1] = "  " .. m end
io.write(concat(out, "\n"), "\n")
