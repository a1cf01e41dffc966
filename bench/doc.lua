-- bench/doc.lua: writes doc/performance.md from the tables of one
-- `make bench` run (bench/out/), so that the figures there are always
-- those of a run of the target, never copied by hand:
--   lua5.4 bench/doc.lua OUTDIR TAG... > doc/performance.md

local outdir = arg[1]
assert(outdir and arg[2], "usage: doc.lua OUTDIR TAG...")

local concat = table.concat

local function read(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("*a")
  f:close()
  return s
end

local function run(cmd)
  local p = io.popen(cmd)
  local s = p and p:read("*a") or ""
  if p then p:close() end
  return (s:gsub("%s+$", ""))
end

local commit = run("git rev-parse --short HEAD 2>/dev/null")
if commit ~= "" and run("git status --porcelain -- src lua bench 2>/dev/null") ~= "" then
  commit = commit .. " with uncommitted changes to src/, lua/ or bench/"
end

local out = {
  "# Performance",
  "",
  "Written by `make bench` (bench/bench.mk, bench/doc.lua) from the run it has just",
  "made; do not edit by hand: run `make bench` again. What each row measures and",
  "why is in bench/bench.lua. Timings come from a shared machine: rows move by a few",
  "per cent from one run to the next.",
  "",
  "- run: " .. os.date("!%Y-%m-%d %H:%M UTC") .. (commit ~= "" and ", commit " .. commit or ""),
  "- host: " .. run("uname -srm") .. ", " .. run("nproc") .. " CPUs",
  "",
  "## All versions",
  "",
  "```",
  (read(outdir .. "/summary.txt"):gsub("%s+$", "")),
  "```",
}
for i = 2, #arg do
  out[#out + 1] = ""
  out[#out + 1] = "## " .. arg[i]
  out[#out + 1] = ""
  out[#out + 1] = "```"
  out[#out + 1] = (read(outdir .. "/" .. arg[i] .. ".txt"):gsub("%s+$", ""))
  out[#out + 1] = "```"
end
io.write(concat(out, "\n"), "\n")
