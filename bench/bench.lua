-- bench/bench.lua: the table of one Lua version, sipcodes against the raw
-- Lua-table limit and against the pure-Lua peer (bench/peer.lua).
-- Run from the repo root, one process per version (bench/bench.mk):
--   lua5.4 bench/bench.lua TAG DRIVER OUT
-- TAG is 5.1 ... 5.4 or jit, DRIVER the require driver built from
-- bench/require_bench.c for that Lua, OUT the file bench/summary.lua reads.
-- To measure a proposed change (bench/variants/): BENCH_VARIANT=DIR puts
-- DIR/sipcodes.lua in front of lua/, BENCH_CORE=DIR loads the core from
-- DIR/sipcodes/core.so instead of build/TAG; "{v}" in either stands for TAG.

local tag, driver, outfile = arg[1], arg[2], arg[3]
assert(tag and driver and outfile, "usage: bench.lua TAG DRIVER OUT")

local function setting(name)
  local v = os.getenv(name)
  if v == nil or v == "" then return nil end
  return (v:gsub("{v}", tag))
end
local variant, core_dir = setting("BENCH_VARIANT"), setting("BENCH_CORE")

local LPATH = (variant and variant .. "/?.lua;" or "") .. "lua/?.lua"
local CPATH = (core_dir or "build/" .. tag) .. "/?.so"
package.path = LPATH .. ";bench/?.lua"
package.cpath = CPATH

local sipcodes = require("sipcodes")
local peer = require("peer")
local jit = rawget(_G, "jit")

local clock, getenv = os.clock, os.getenv
local concat, format, match, rep = table.concat, string.format,
  string.match, string.rep
local floor, huge, max = math.floor, math.huge, math.max
local assert, collectgarbage, io, ipairs, pairs, tonumber, tostring =
  assert, collectgarbage, io, ipairs, pairs, tonumber, tostring
local loadstring = loadstring or load  -- luacheck: compat

-- Timing: runs of a row last at least RUN_S seconds of CPU (os.clock), and
-- the best of RUNS is kept.  The require driver: fresh states per round,
-- rounds, and states under callgrind.
local RUN_S = tonumber(getenv("BENCH_RUN_S")) or 0.01
local RUNS = tonumber(getenv("BENCH_RUNS")) or 21
local REQ_N, REQ_ROUNDS, CG_N = 100, 30, 10
local ALLOC_OPS = 1000000

-- The parsers came later than the table: a build without them gets its
-- rows skipped, with a note.
local parse_status_line = sipcodes.parse_status_line
local parse_reason = sipcodes.parse_reason

---------------------------------------------------------------------------
-- The data.  The same values on every Lua: a Park-Miller generator, whose
-- products stay below 2^53, gives the same sequence with floats (5.1,
-- LuaJIT) and with integers (5.3, 5.4).

local seed = 20240601
local function random(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

-- A table with the given keys (ascending), made by one table constructor
-- the way a module file's literal is, then given its values: the size and
-- node layout of the peer's table, not whatever growth by assignment
-- leaves, which moves a hash lookup by several ns either way.
local function literal(keys, value_of)
  local src = { "return {" }
  for i, k in ipairs(keys) do src[i + 1] = format("[%d] = 0,", k) end
  src[#src + 1] = "}"
  local t = assert(loadstring(concat(src, "\n")))()
  for _, k in ipairs(keys) do t[k] = value_of(k) end
  return t
end

-- Registered codes, and the plain tables the baselines index: T holds an
-- entry table per code like the peer's, R the phrases, F whether each
-- code 100..699 is final.
local registered, is_registered = {}, {}
for code in sipcodes.each() do
  registered[#registered + 1] = code
  is_registered[code] = true
end
local T = literal(registered, function(code)
  local e = sipcodes.lookup(code)
  return {
    code = e.code, reason = e.reason, class = e.class, final = e.final,
    name = e.name, rfc = e.rfc, status = e.status,
    description = e.description,
  }
end)
local R = literal(registered, function(code) return T[code].reason end)
local all = {}
for code = 100, 699 do all[#all + 1] = code end
local F = literal(all, function(code) return code >= 200 end)

-- The peer must carry the same data, or the comparison means nothing.
do
  local n = 0
  for code, p in pairs(peer) do
    n = n + 1
    for k, v in pairs(T[code] or {}) do
      assert(p[k] == v, "bench/peer.lua is stale (" .. tostring(code) .. "."
        .. k .. "): make -f bench/bench.mk bench/peer.lua")
    end
  end
  assert(n == #registered, "bench/peer.lua is stale: not the same codes")
end

-- Values a platform's script meets: mostly registered codes, some valid
-- but unregistered codes (private extensions, new RFCs), and a few values
-- that are no status code at all.
-- BENCH_MIX="R,U" sets the percentages of registered and unregistered
-- codes (the rest invalid), to see what each kind of value costs.
local INVALID = { 0, 99, 700, 1000, -1, 486.5, 1000000 }
local MIX_N = 1000
local P_REG, P_UNREG = match(getenv("BENCH_MIX") or "90,9", "^(%d+),(%d+)$")
P_REG, P_UNREG = assert(tonumber(P_REG), "BENCH_MIX: R,U"), tonumber(P_UNREG)
local mix = {}
local n_reg, n_unreg, n_bad = 0, 0, 0
for i = 1, MIX_N do
  local r = random(100)
  local v
  if r <= P_REG then
    v = registered[random(#registered)]
    n_reg = n_reg + 1
  elseif r <= P_REG + P_UNREG then
    repeat v = 99 + random(600) until not is_registered[v]
    n_unreg = n_unreg + 1
  else
    v = INVALID[random(#INVALID)]
    n_bad = n_bad + 1
  end
  mix[i] = v
end

-- Registered codes only, for the field rows and the allocation check; the
-- entries read by the field rows, plain and sipcodes'.
local warm, plain, entries = {}, {}, {}
for i = 1, MIX_N do
  warm[i] = registered[random(#registered)]
  plain[i] = T[warm[i]]
  entries[i] = sipcodes.lookup(warm[i])
end

-- Status lines and Reason header values for the parse rows, from the mix.
local lines, reason_values = {}, {}
for i, v in ipairs(mix) do
  if is_registered[v] then
    lines[i] = "SIP/2.0 " .. v .. " " .. R[v]
    reason_values[i] = format('SIP ;cause=%d ;text="%s"', v, R[v])
  elseif F[v] ~= nil then
    lines[i] = "SIP/2.0 " .. v .. " Private Extension"
    reason_values[i] = format('SIP;cause=%d', v)
  else
    lines[i] = "SIP/2.0 " .. tostring(v) .. " Bad"
    reason_values[i] = 'Q.850;cause=16;text="Normal call clearing"'
  end
end

-- The parse of parse_status_line written with string.match: RFC 3261's
-- Status-Line, SIP-Version SP Status-Code SP Reason-Phrase [CRLF], "SIP"
-- in any case, the code 100..699, the phrase made of the characters §25
-- allows (reserved, unreserved, escaped, SP, HTAB, bytes of UTF-8: the
-- well-formedness of UTF-8, which the C parser checks too, is left out);
-- returns code, phrase, version.  With `unchecked`, the phrase is taken as
-- it is: a lower bound that does less than the C parser, shown beside.
local find, gsub = string.find, string.gsub
local PHRASE_BAD = "[^%w;/%?:@&=%+%$,%-_%.!~%*'%(%) \t%%\128-\255]"
local function match_status_line(line, unchecked)
  local version, code, phrase =
    match(line, "^([Ss][Ii][Pp]/%d+%.%d+) ([1-6]%d%d) ([^\r\n]*)\r?\n?$")
  if version == nil then return nil, "not a SIP Status-Line" end
  if unchecked then return tonumber(code), phrase, version end
  if find(phrase, PHRASE_BAD)
      or (find(phrase, "%", 1, true) and find(gsub(phrase, "%%%x%x", ""), "%", 1, true)) then
    return nil, "not a Reason-Phrase"
  end
  return tonumber(code), phrase, version
end

---------------------------------------------------------------------------
-- The rows.  Each is compiled from this template into its own function,
-- so that the operation sits inline in its loop (no call through a row
-- closure on PUC Lua) and LuaJIT records a separate trace for each.  The
-- sink keeps LuaJIT from dropping the operation as dead code.

local NAMES = {
  "T", "P", "S", "R", "F", "f", "g", "h", "lookup", "reason", "is_final",
  "match_status_line", "parse_status_line", "parse_reason",
}
local U = {
  T = T, P = peer, S = sipcodes, R = R, F = F,
  f = function(c) return T[c] end,
  g = function(c) return R[c] end,
  h = function(c) return F[c] end,
  lookup = sipcodes.lookup, reason = sipcodes.reason,
  is_final = sipcodes.is_final,
  match_status_line = match_status_line,
  parse_status_line = parse_status_line, parse_reason = parse_reason,
}
local LOCALS = {}
for i, name in ipairs(NAMES) do LOCALS[i] = "U." .. name end

local TEMPLATE = [[
local data, n, U = ...
local %s = %s
return function(reps)
  local sink = 0
  for _ = 1, reps do
    for i = 1, n do
      local x = data[i]
      %s
      local v = %s
      if v then sink = sink + 1 end
    end
  end
  return sink
end
]]

local function compile(id, data, expr, pre)
  local src = format(TEMPLATE, concat(NAMES, ", "), concat(LOCALS, ", "),
    pre or "", expr)
  local chunk = assert(loadstring(src, "=" .. id))
  return chunk(data, #data, U)
end

---------------------------------------------------------------------------
-- What is measured, in the order of the table.  A row's base is the row
-- its ratio is taken against; target.ratio bounds that ratio, target.value
-- the value itself.

local results, by_id, notes = {}, {}, {}

local function add(r)
  results[#results + 1] = r
  by_id[r.id] = r
  return r
end

local function op(id, label, data, expr, base, target, pre)
  add({ id = id, label = label, unit = "ns/op", base = base,
        target = target, fn = compile(id, data, expr, pre), n = #data })
end

op("loop", "the loop alone (x = data[i])", mix, "x")

op("T", "T[c]: plain table (limit)", mix, "T[x]")
op("peer", "peer[c]: pure-Lua module", mix, "P[x]", "T")
op("index", "sipcodes[c]", mix, "S[x]", "T", { ratio = 1.2 })

op("f", "f(c) return T[c] end", mix, "f(x)")
op("lookup", "sipcodes.lookup(c)", mix, "lookup(x)", "f", { ratio = 1.15 })

op("Treason", "T[c].reason (limit)", mix, "e and e.reason", nil, nil,
  "local e = T[x]")
op("Preason", "peer[c].reason", mix, "e and e.reason", "Treason", nil,
  "local e = P[x]")
op("g", "g(c) return R[c] end", mix, "g(x)")
op("reason", "sipcodes.reason(c)", mix, "reason(x)", "g", { ratio = 1.15 })

op("h", "h(c) return F[c] end", mix, "h(x)")
op("final", "sipcodes.is_final(c)", mix, "is_final(x)", "h")

op("pr", "e.reason, plain table", plain, "x.reason")
op("er", "e.reason, sipcodes entry", entries, "x.reason", "pr",
  { ratio = 1.8 })
op("pf", "e.final, plain table", plain, "x.final")
op("ef", "e.final, sipcodes entry", entries, "x.final", "pf",
  { ratio = 1.8 })

if parse_status_line then
  op("match0", "status line by string.match, bare", lines,
    "match_status_line(x, true)")
  op("match", "the same, phrase checked as in C", lines,
    "match_status_line(x)")
  -- A target of speed, not of time: the row's ratio must stay below it.
  op("psl", "sipcodes.parse_status_line(l)", lines, "parse_status_line(x)",
    "match", { ratio = jit and 1 / 3 or 1 / 5 })
else
  notes[#notes + 1] = "sipcodes.parse_status_line absent: rows skipped"
end
if parse_reason then
  op("prs", "sipcodes.parse_reason(v)", reason_values, "parse_reason(x)")
else
  notes[#notes + 1] = "sipcodes.parse_reason absent: row skipped"
end

-- Timing.  The machine's speed drifts by up to half over tenths of a
-- second (a shared VM), so every row runs in short runs of about RUN_S
-- taken in turn, round after round: all rows meet the same fast and slow
-- spells, and the best run of each is its least disturbed one.
do
  local timed = {}
  for _, r in ipairs(results) do
    r.fn(3)  -- fills the caches; LuaJIT compiles the loop and side traces
    local reps = 1
    while true do
      local t0 = clock()
      r.fn(reps)
      if clock() - t0 >= RUN_S then break end
      reps = reps * 2
    end
    r.reps, r.best = reps, huge
    timed[#timed + 1] = r
  end
  for _ = 1, RUNS do
    for _, r in ipairs(timed) do
      local t0 = clock()
      r.fn(r.reps)
      local dt = clock() - t0
      if dt < r.best then r.best = dt end
    end
    collectgarbage("collect")
  end
  for _, r in ipairs(timed) do r.value = r.best / (r.reps * r.n) * 1e9 end
end

-- Allocation: a lookup of a warmed code must leave no garbage.  The
-- collector is stopped so that nothing allocated is freed unseen; one
-- pass after the full collection first, because a collection frees the
-- spare call frames of a thread (5.2) that the first call then remakes.
for _, a in ipairs({
  { "alloc_lookup", "lookup(x)" }, { "alloc_reason", "reason(x)" },
  { "alloc_final", "is_final(x)" }, { "alloc_index", "S[x]" },
}) do
  local fn = compile(a[1], warm, a[2])
  local reps = max(1, floor(ALLOC_OPS / #warm))
  fn(reps)  -- warm: a LuaJIT trace is itself an object on the Lua heap
  collectgarbage("collect")
  collectgarbage("stop")
  fn(1)
  local before = collectgarbage("count")
  fn(reps)
  local after = collectgarbage("count")
  collectgarbage("restart")
  add({ id = a[1], label = "heap growth, 1e6 " .. a[2]:gsub("x", "c") .. " KB",
        value = after - before, unit = "KB", target = { value = 0 } })
end

---------------------------------------------------------------------------
-- require in fresh states, through the C driver.

-- Runs a shell command and returns what it printed.
local function run(cmd)
  local p = assert(io.popen(cmd))
  local s = p:read("*a")
  p:close()
  return s
end

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function read_file(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return s
end

local MODULES = {
  { id = "peer", module = "peer", path = "bench/?.lua", cpath = "" },
  { id = "sip", module = "sipcodes", path = LPATH, cpath = CPATH },
  -- require, then sipcodes[c] for 8 unregistered codes: what a script
  -- that meets a few such codes pays on top of the require.
  { id = "sip8", module = "sipcodes+8", path = LPATH, cpath = CPATH },
}
local function driver_cmd(mode, ...)
  local args = { quote(driver), mode, ... }
  for _, m in ipairs(MODULES) do
    args[#args + 1] = concat({ m.module, quote(m.path), quote(m.cpath) }, " ")
  end
  return concat(args, " ")
end

local out = run(driver_cmd("time", REQ_N, REQ_ROUNDS))
local state_ns = tonumber(match(out, "base ns=(%d+)"))
assert(state_ns, "require driver failed: " .. out)
add({ id = "state", label = "fresh state: new+openlibs+close ns",
      value = state_ns, unit = "ns" })
for _, m in ipairs(MODULES) do
  local ns = tonumber(match(out, "\n" .. m.module:gsub("%p", "%%%0") .. " ns=(%d+)"))
  add({ id = "req_" .. m.id, label = format('require("%s") ns', m.module),
        value = ns - state_ns, unit = "ns" })
end
by_id.req_sip.base, by_id.req_sip.target = "req_peer", { ratio = 1 / 3 }
by_id.req_sip8.label = 'require("sipcodes") + 8 unknown sipcodes[c] ns'
by_id.req_sip8.base, by_id.req_sip8.target = "req_sip", { ratio = 1.1 }

if run("command -v valgrind") ~= "" then
  local file = format("%s/callgrind.%s", match(outfile, "^(.*)/") or ".", tag)
  run(format("valgrind -q --tool=callgrind --callgrind-out-file=%s %s 2>&1",
    quote(file), driver_cmd("count", CG_N)))
  local function dump(i)
    local s = read_file(file .. "." .. i)
    os.remove(file .. "." .. i)
    return tonumber(s and match(s, "\nsummary: (%d+)"))
  end
  local base = dump(1)
  assert(base, "callgrind run of the require driver failed")
  for i, m in ipairs(MODULES) do
    add({ id = "ir_" .. m.id,
          label = format('require("%s") callgrind Ir', m.module),
          value = (dump(i + 1) - base) / CG_N, unit = "Ir" })
  end
  os.remove(file)
  by_id.ir_sip.base, by_id.ir_sip.target = "ir_peer", { ratio = 1 / 3 }
else
  notes[#notes + 1] = "valgrind not found: instruction counts skipped"
end

-- The heap row has a cliff: a state's string table doubles (2 KB on 5.1,
-- 5.2: 256 to 512 slots) when the strings alive at once pass its size, and
-- a fresh state is a few dozen strings short of that.  Every name and
-- string constant in lua/sipcodes.lua and every field name the core sets
-- at load counts, while the file's compiled chunk is alive.
out = run(driver_cmd("heap"))
for _, m in ipairs(MODULES) do
  local before, after = match(out, m.module:gsub("%p", "%%%0") .. " before=(%d+) after=(%d+)")
  assert(before, "require driver failed: " .. out)
  add({ id = "heap_" .. m.id,
        label = format('require("%s") Lua heap KB', m.module),
        value = (after - before) / 1024, unit = "KB" })
end
by_id.heap_sip.base, by_id.heap_sip.target = "heap_peer", { value = 10 }

---------------------------------------------------------------------------
-- The table.

local FORMATS = { ["ns/op"] = "%.1f", ns = "%.0f", Ir = "%.0f", KB = "%.2f" }

for _, r in ipairs(results) do
  local b = r.base and by_id[r.base]
  r.ratio = b and r.value / b.value
  local t = r.target
  if t and t.ratio then
    r.target_text = format("<= %.2fx", t.ratio)
    r.result = r.ratio <= t.ratio and "PASS" or "MISS"
  elseif t then
    r.target_text = format("<= %g %s", t.value, r.unit)
    r.result = r.value <= t.value and "PASS" or "MISS"
  end
  r.value_text = format(FORMATS[r.unit], r.value) .. " " .. r.unit
  -- What summary.lua shows: the value without its unit (the label or the
  -- ns/op default says it), the ratio, the result.
  r.cell = format(FORMATS[r.unit], r.value)
    .. (r.ratio and format(" %.2fx", r.ratio) or "")
    .. (r.result and " " .. r.result or "")
end

local ROW = "%-38s %14s  %-36s %6s  %-9s %s"
local text = {
  format("== %s: %s, %s from %s", jit and jit.version or _VERSION,
    sipcodes._VERSION, LPATH, CPATH),
  format("   ns/op: best of %d runs of >= %g s, rows in turn; mix of %d "
    .. "values: %d registered, %d unregistered 100..699, %d invalid", RUNS,
    RUN_S, MIX_N, n_reg, n_unreg, n_bad),
  format("   require: best of %d rounds of %d fresh states, minus the "
    .. "same states without it; callgrind over %d states", REQ_ROUNDS, REQ_N,
    CG_N),
  format(ROW, "row", "value", "baseline", "ratio", "target", "result"),
  rep("-", 116),
}
for _, r in ipairs(results) do
  text[#text + 1] = format(ROW, r.label, r.value_text,
    r.base and by_id[r.base].label or "",
    r.ratio and format("%.2fx", r.ratio) or "", r.target_text or "",
    r.result or "")
end
for _, note in ipairs(notes) do text[#text + 1] = "   note: " .. note end
text = concat(text, "\n") .. "\n\n"
io.write(text)

-- The same table, and one tab-separated line per row for summary.lua.
local f = assert(io.open((outfile:gsub("%.tsv$", "") .. ".txt"), "w"))
f:write(text)
f:close()

f = assert(io.open(outfile, "w"))
for _, r in ipairs(results) do
  f:write(concat({ tag, r.id, r.label, r.cell, r.target_text or "",
    r.result or "" }, "\t"), "\n")
end
f:close()
