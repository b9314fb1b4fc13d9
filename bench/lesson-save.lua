-- lesson-save.lua: wrk script for the teacher's «Сохранить»: PUT /api/v1/lessons/{id}/marks with a
-- mark for every student of the lesson; values alternate 4/5 per request so each save changes data.
-- Env: LESSON (id), STUDENTS (comma-separated ids), TOKEN (Bearer).
local lesson = os.getenv("LESSON")
local token = os.getenv("TOKEN")
local students = {}
for id in string.gmatch(os.getenv("STUDENTS") or "", "%d+") do students[#students + 1] = id end
local n = 0

request = function()
	n = n + 1
	local parts = {}
	for i, id in ipairs(students) do
		local v = 4 + ((n + i) % 2)
		parts[#parts + 1] = string.format('{"student_id":%s,"value":%d}', id, v)
	end
	local body = '{"marks":[' .. table.concat(parts, ",") .. ']}'
	return wrk.format("PUT", "/api/v1/lessons/" .. lesson .. "/marks",
		{ ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
