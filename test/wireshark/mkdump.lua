-- mkdump.lua: turns a file of SIP messages into the hex dump text2pcap reads.
--
--   lua mkdump.lua MESSAGES.txt > DUMP.txt
--
-- MESSAGES.txt holds messages separated by lines "====".  Lines starting
-- with "#" before the first separator are comments, as is a line
-- "@text2pcap ..." (run.sh reads the options from it).  Each message's
-- lines are sent with CRLF; blank lines at its end are dropped and the
-- header section ends with an empty line (a message with an empty line of
-- its own has a body, sent as it is).  "\xHH" writes the byte HH (for
-- control characters, invalid UTF-8 and trailing whitespace).  Packets are
-- one second apart from 2026-01-01 00:00:00, so that the capture is the
-- same on every run.

local path = assert(arg[1], "usage: lua mkdump.lua MESSAGES.txt")
local f = assert(io.open(path, "rb"))
local src = f:read("*a")
f:close()

local messages, current = {}, nil
for line in (src:gsub("\r", "") .. "\n"):gmatch("([^\n]*)\n") do
  if line == "====" then
    current = {}
    messages[#messages + 1] = current
  elseif current then
    current[#current + 1] = line
  end
end

local function unescape(s)
  return (s:gsub("\\x(%x%x)", function(hex) return string.char(tonumber(hex, 16)) end))
end

local out = {}
for i, lines in ipairs(messages) do
  while #lines > 0 and lines[#lines] == "" do lines[#lines] = nil end
  if #lines == 0 then error(path .. ": message " .. i .. " is empty") end
  local has_body = false
  for _, l in ipairs(lines) do if l == "" then has_body = true end end
  local bytes = unescape(table.concat(lines, "\r\n")) .. (has_body and "" or "\r\n\r\n")
  out[#out + 1] = string.format("2026-01-01 00:%02d:%02d.000000",
    math.floor((i - 1) / 60) % 60, (i - 1) % 60)
  for off = 1, #bytes, 16 do
    local chunk = bytes:sub(off, off + 15)
    out[#out + 1] = string.format("%06x  %s", off - 1,
      (chunk:gsub(".", function(c) return string.format("%02x ", c:byte()) end)))
  end
  out[#out + 1] = ""
end
io.write(table.concat(out, "\n"))
