-- diary-week.lua: wrk script for the diary week view on the region dataset (bench/diary.sh):
-- GET /api/v1/diary?student=ID&week=MONDAY spread over many parents'/students' tokens, their
-- children and the weeks of the term.
-- Env: TOKENS  file of lines "token student_id" (one session per line)
--      WEEKS   comma-separated Mondays (YYYY-MM-DD)
--      MODE    week (default) | students (GET /api/v1/diary/students) | me (GET /api/v1/me)
--      RATE    total requests/s to hold (0 or unset: as fast as possible)
--      WRK_THREADS  the -t given to wrk (to split RATE between threads)
-- Pacing: wrk has no rate limit, so each thread keeps an absolute schedule (one slot every
-- WRK_THREADS/RATE seconds, clock_gettime through LuaJIT's ffi) and wrk's delay() holds each
-- request until its slot (whole milliseconds: requests leave in small bursts at each ms tick).
-- A thread more than 100 ms behind its schedule drops the backlog instead of bursting.
local mode = os.getenv("MODE") or "week"
local rate = tonumber(os.getenv("RATE") or "0") or 0
local nthreads = tonumber(os.getenv("WRK_THREADS") or "2") or 2
local tokens, students, weeks = {}, {}, {}
local counter, tid = 0, 0

local f = assert(io.open(os.getenv("TOKENS") or "tokens.txt", "r"))
for line in f:lines() do
	local t, s = string.match(line, "^(%S+)%s+(%d+)")
	if t then
		tokens[#tokens + 1] = t
		students[#students + 1] = s
	end
end
f:close()
for w in string.gmatch(os.getenv("WEEKS") or "", "[%d-]+") do weeks[#weeks + 1] = w end
if #weeks == 0 then weeks[1] = "2026-11-16" end

local nthread = 0
function setup(thread)
	nthread = nthread + 1
	thread:set("tid", nthread)
end

function init(args)
	tid = tonumber(wrk.thread:get("tid")) or 1
	counter = tid * 7919
end

local headers = {}
request = function()
	counter = counter + 1
	local i = (counter * 104729) % #tokens + 1
	headers["Authorization"] = "Bearer " .. tokens[i]
	local path
	if mode == "week" then
		path = "/api/v1/diary?student=" .. students[i] .. "&week=" .. weeks[(counter * 31) % #weeks + 1]
	elseif mode == "students" then
		path = "/api/v1/diary/students"
	else
		path = "/api/v1/me"
	end
	return wrk.format("GET", path, headers)
end

if rate > 0 then
	local ffi = require("ffi")
	ffi.cdef [[ typedef struct { long tv_sec; long tv_nsec; } zh_timespec; int clock_gettime(int, zh_timespec *); ]]
	local ts = ffi.new("zh_timespec")
	local function now_ms()
		ffi.C.clock_gettime(1, ts)
		return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
	end
	local interval = 1000 * nthreads / rate
	local next_t = nil
	delay = function()
		local now = now_ms()
		if next_t == nil or next_t < now - 100 then next_t = now end
		local slot = next_t
		next_t = next_t + interval
		local d = slot - now
		if d < 1 then return 0 end
		return math.floor(d)
	end
end
