#!/usr/bin/env bash
# journal.sh: benchmarks of the journal (M-09) on the demo school with wrk: the grid of a teacher's
# journal with ~30 students, and the lesson save (PUT /lessons/{id}/marks, bench/lesson-save.lua).
# Usage: bench/journal.sh [seconds]   (env: THREADS=4, CONNS=32, PORT=free port)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
THREADS=${THREADS:-4}
CONNS=${CONNS:-32}
PW=bench-Parol-2026
WORK=$(mktemp -d /tmp/zhurnal-jbench.XXXXXX)
SRV=
trap 'if [ -n "$SRV" ]; then kill $SRV 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
./build/zhurnal demo --db "$WORK/z.db" --password "$PW" --seed 1 >/dev/null 2>&1
PORT=${PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
URL=http://127.0.0.1:$PORT
./build/zhurnal serve --db "$WORK/z.db" --listen "127.0.0.1:$PORT" --threads "$THREADS" --quiet 2>"$WORK/server.log" &
SRV=$!
for _ in $(seq 1 50); do curl -fs "$URL/healthz" >/dev/null && break; sleep 0.1; done

# the teacher of the largest class's first subject (~30 students)
TEACHER=$(sqlite3 "$WORK/z.db" "SELECT u.login FROM teacher_load t JOIN users u ON u.person_id = t.teacher_id
  WHERE t.subgroup_id IS NULL ORDER BY (SELECT count(*) FROM class_students cs WHERE cs.class_id = t.class_id) DESC,
  (SELECT count(*) FROM lessons l WHERE l.class_id = t.class_id AND l.subject_id = t.subject_id) DESC, t.id LIMIT 1")
TOKEN=$(curl -fs -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
	-d "{\"login\":\"$TEACHER\",\"password\":\"$PW\"}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
AUTH="Authorization: Bearer $TOKEN"
# the teacher's journal with the most students, from /api/v1/journals
GRID=$(curl -fs -H "$AUTH" "$URL/api/v1/journals" | node -e '
let s="";process.stdin.on("data",d=>s+=d).on("end",async()=>{
  const items=JSON.parse(s).items.filter(x=>x.subgroup_id===null&&x.can_edit);
  let best=null,bn=-1;
  for(const x of items){
    const u=`/api/v1/journal?group=${x.class_id}&subject=${x.subject_id}&period=${x.period_id}`;
    const g=await (await fetch(process.argv[1]+u,{headers:{Authorization:"Bearer "+process.argv[2]}})).json();
    const n=g.students.length*1000+g.lessons.length;
    if(n>bn){bn=n;best=u;}
  }
  console.log(best);
})' "$URL" "$TOKEN")
curl -fs -H "$AUTH" "$URL$GRID" >"$WORK/grid.json"
read -r NST NLS NMK BYTES LESSON STUDENTS < <(node -e '
const g=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));
const l=g.lessons.filter(x=>x.editable&&x.topic&&x.date<=g.today).pop()||g.lessons.find(x=>x.editable&&x.topic);
console.log(g.students.length,g.lessons.length,g.marks.length,require("fs").statSync(process.argv[1]).size,l?l.id:0,g.students.map(s=>s.id).join(","));' "$WORK/grid.json")

report() {
	local name=$1 out=$2
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	p50=$(echo "$out" | awk '$1=="50%" {print $2}')
	p90=$(echo "$out" | awk '$1=="90%" {print $2}')
	p99=$(echo "$out" | awk '$1=="99%" {print $2}')
	errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
	printf '%-12s %10s req/s  p50 %-8s p90 %-8s p99 %-8s %s\n' "$name" "$rps" "$p50" "$p90" "$p99" "$errs"
}
echo "zhurnal journal bench: $(nproc) cores, server threads=$THREADS, wrk -t2 -c$CONNS -d${DUR}s, $(date -u +%Y-%m-%d)"
echo "teacher $TEACHER, grid $GRID: $NST students, $NLS lessons, $NMK marks, $BYTES bytes"
report grid "$(wrk -t2 -c"$CONNS" -d"${DUR}s" --latency -H "$AUTH" "$URL$GRID")"
if [ "$LESSON" != 0 ]; then
	code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "$AUTH" -H 'Content-Type: application/json' \
		-d '{"marks":[]}' "$URL/api/v1/lessons/$LESSON/marks")
	if [ "$code" = 404 ] || [ "$code" = 405 ]; then
		echo "lesson-save  skipped: PUT /api/v1/lessons/{id}/marks is not available ($code)"
	else
		report lesson-save "$(LESSON=$LESSON STUDENTS=$STUDENTS TOKEN=$TOKEN wrk -t2 -c"$CONNS" -d"${DUR}s" --latency -s bench/lesson-save.lua "$URL")"
	fi
else
	echo "lesson-save  skipped: no editable lesson with a topic in the journal"
fi
