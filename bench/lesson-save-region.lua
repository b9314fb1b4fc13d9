-- lesson-save-region.lua: wrk script for concurrent lesson saves on the region dataset
-- (bench/diary.sh): PUT /api/v1/lessons/{id}/marks with a mark for every student of the lesson,
-- rotating over many teachers' lessons of several schools; values alternate 4/5 so every save
-- changes data. Paced like diary-week.lua (RATE saves/s in all, WRK_THREADS threads).
-- Env: SAVES file of lines "token lesson_id student_id,student_id,…"; RATE; WRK_THREADS.
-- Prints at the end: saves by status class and those answered "busy" (must be 0).
local rate = tonumber(os.getenv("RATE") or "0") or 0
local nthreads = tonumber(os.getenv("WRK_THREADS") or "1") or 1
local items = {}
local f = assert(io.open(os.getenv("SAVES") or "saves.txt", "r"))
for line in f:lines() do
	local t, l, s = string.match(line, "^(%S+)%s+(%d+)%s+([%d,]+)")
	if t then
		local ids = {}
		for id in string.gmatch(s, "%d+") do ids[#ids + 1] = id end
		items[#items + 1] = { token = t, lesson = l, students = ids }
	end
end
f:close()

local threads = {}
function setup(thread)
	threads[#threads + 1] = thread
	thread:set("tid", #threads)
end

local n, ok, c4, c5, busy, other = 0, 0, 0, 0, 0, 0
function init(args)
	n = (tonumber(wrk.thread:get("tid")) or 1) * 1000
end

request = function()
	n = n + 1
	local it = items[n % #items + 1]
	local parts = {}
	for i, id in ipairs(it.students) do
		parts[#parts + 1] = string.format('{"student_id":%s,"value":%d}', id, 4 + ((n + i) % 2))
	end
	return wrk.format("PUT", "/api/v1/lessons/" .. it.lesson .. "/marks",
		{ ["Authorization"] = "Bearer " .. it.token, ["Content-Type"] = "application/json" },
		'{"marks":[' .. table.concat(parts, ",") .. ']}')
end

response = function(status, headers, body)
	if status >= 200 and status < 300 then ok = ok + 1
	elseif status >= 500 then c5 = c5 + 1
	elseif status >= 400 then c4 = c4 + 1
	else other = other + 1 end
	if status == 503 or (status >= 400 and body and string.find(body, '"busy"', 1, true)) then busy = busy + 1 end
	if status >= 400 and c4 + c5 <= 3 then io.stderr:write("save " .. status .. ": " .. (body or "") .. "\n") end
	wrk.thread:set("ok", ok); wrk.thread:set("c4", c4); wrk.thread:set("c5", c5); wrk.thread:set("busy", busy)
end

function done(summary, latency, requests)
	local t = { ok = 0, c4 = 0, c5 = 0, busy = 0 }
	for _, th in ipairs(threads) do
		for k, _ in pairs(t) do t[k] = t[k] + (tonumber(th:get(k)) or 0) end
	end
	io.write(string.format("saves: 2xx %d, 4xx %d, 5xx %d, busy %d\n", t.ok, t.c4, t.c5, t.busy))
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
