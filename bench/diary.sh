#!/usr/bin/env bash
# diary.sh: the diary week view on a region-size dataset (issue 6, SPEC §4):
#   (a) max throughput, wrk -t2 -c64;  (b) latency at a fixed rate (RATE, 10 000 req/s);
#   (c) both again while lessons are saved concurrently (SAVE_RATE saves/s by teachers of several
#       schools) — "database busy" answers must be 0.
# The dataset (zhurnal demo --region-size) is generated once per parameters and reused:
#   $REGION_DIR/region-s<STUDENTS>-seed<SEED>-f<ZH_REGION_FORMAT of src/demo/region.h>.db
# Usage: bench/diary.sh [seconds]
# Env: STUDENTS=200000 SEED=1 THREADS=4 CONNS=64 RATE=10000 LOW_RATES="2000" SAVE_RATE=200 USERS=200
#      REGION_DIR=/tmp/zhurnal-region PORT=free port
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
STUDENTS=${STUDENTS:-200000}
SEED=${SEED:-1}
THREADS=${THREADS:-4}
CONNS=${CONNS:-64}
RATE=${RATE:-10000}
LOW_RATES=${LOW_RATES:-"2000"}   # more fixed rates for (b), below the measured maximum
SAVE_RATE=${SAVE_RATE:-200}
USERS=${USERS:-200}
REGION_DIR=${REGION_DIR:-/tmp/zhurnal-region}
PW=demo-Parol-2026
GEN=$(sed -n 's/^#define ZH_REGION_FORMAT \([0-9]*\).*/\1/p' src/demo/region.h)
DB=$REGION_DIR/region-s$STUDENTS-seed$SEED-f$GEN.db
WORK=$(mktemp -d /tmp/zhurnal-dbench.XXXXXX)
SRV=
trap 'if [ -n "$SRV" ]; then kill $SRV 2>/dev/null || true; wait $SRV 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

mkdir -p "$REGION_DIR"
if [ ! -f "$DB" ]; then
	echo "generating $DB"
	rm -f "$DB.part" "$DB.part-wal" "$DB.part-shm"
	/usr/bin/time -f 'generation: %e s, max RSS %M KB' ./build/zhurnal demo --db "$DB.part" --region-size \
		--students "$STUDENTS" --seed "$SEED" --password "$PW" 2>&1 | grep -v 'migration applied'
	mv "$DB.part" "$DB"
fi
echo "dataset $DB: $(du -h "$DB" | cut -f1)"

PORT=${PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
URL=http://127.0.0.1:$PORT
./build/zhurnal serve --db "$DB" --listen "127.0.0.1:$PORT" --threads "$THREADS" --quiet 2>"$WORK/server.log" &
SRV=$!
for _ in $(seq 1 100); do curl -fs "$URL/healthz" >/dev/null && break; sleep 0.1; done

# ~USERS parents and students spread over the region's schools, with the child whose diary they open
N_PAR=$((USERS / 2)); N_STU=$((USERS - N_PAR))
sqlite3 -separator ' ' "$DB" "
  SELECT u.login, pl.child_id FROM parent_links pl JOIN users u ON u.person_id = pl.parent_id
   WHERE pl.rowid % (SELECT max(rowid) / $N_PAR FROM parent_links) = 0 LIMIT $N_PAR;
  SELECT u.login, s.person_id FROM students s JOIN users u ON u.person_id = s.person_id
   WHERE s.status = 'enrolled' AND s.person_id % max(1, (SELECT count(*) FROM students) / $N_STU) = 0 LIMIT $N_STU;" >"$WORK/users.txt"
login() { # login → token
	curl -fs -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
		-d "{\"login\":\"$1\",\"password\":\"$PW\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'
}
export -f login; export URL PW
while read -r l s; do echo "$l $s"; done <"$WORK/users.txt" |
	xargs -P 4 -L 1 bash -c 'echo "$(login "$0") $1"' >"$WORK/tokens.txt"
NSCH=$(cut -d' ' -f1 "$WORK/users.txt" | sed -n 's/.*\.s\([0-9]*\)$/\1/p' | sort -u | wc -l)
echo "sessions: $(wc -l <"$WORK/tokens.txt") parents and students of $((NSCH + 1)) schools"

# the Mondays of the term (first half-year)
read -r TSTART TEND < <(sqlite3 -separator ' ' "$DB" "SELECT min(start_date), (SELECT end_date FROM periods WHERE school_id = 1 AND kind = 'half' AND number = 1) FROM academic_years WHERE school_id = 1")
WEEKS=$(node -e '
let d=new Date(process.argv[1]+"T00:00:00Z"); const e=new Date(process.argv[2]+"T00:00:00Z");
d.setUTCDate(d.getUTCDate()-((d.getUTCDay()+6)%7)); const w=[];
for(;d<=e;d.setUTCDate(d.getUTCDate()+7)) w.push(d.toISOString().slice(0,10)); console.log(w.join(","));' "$TSTART" "$TEND")

# the diary URL: the week when it answers, else the students list, else /me
read -r T1 S1 <"$WORK/tokens.txt"
MODE=week
code=$(curl -s -o "$WORK/week.json" -w '%{http_code}' -H "Authorization: Bearer $T1" "$URL/api/v1/diary?student=$S1&week=${WEEKS%%,*}")
if [ "$code" != 200 ]; then
	MODE=students
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T1" "$URL/api/v1/diary/students")
	[ "$code" = 200 ] || MODE=me
fi
W=$(echo "$WEEKS" | cut -d, -f11)
curl -s -o "$WORK/week.json" -H "Authorization: Bearer $T1" "$URL/api/v1/diary?student=$S1&week=$W"
echo "mode: $MODE (a week of the term: $(stat -c %s "$WORK/week.json") bytes of JSON); weeks $TSTART…$TEND: $(echo "$WEEKS" | tr ',' '\n' | wc -l)"

# lesson saves: teachers of every 7th school, a graded lesson of theirs from the last 6 days (not locked)
sqlite3 -separator ' ' "$DB" "
  SELECT u.login, l.id, (SELECT group_concat(cs.student_id) FROM class_students cs JOIN students st
      ON st.school_id = cs.school_id AND st.person_id = cs.student_id AND st.status = 'enrolled'
      WHERE cs.class_id = l.class_id)
  FROM lessons l JOIN users u ON u.person_id = l.teacher_id JOIN classes c ON c.id = l.class_id
  JOIN subjects sj ON sj.id = l.subject_id
  WHERE l.school_id % 7 = 1 AND l.status = 'planned' AND l.subgroup_id IS NULL AND c.grade >= 2 AND sj.pass_fail = 0
    AND l.date BETWEEN date('now', '+4 hours', '-6 days') AND date('now', '+4 hours', '-1 day')
  GROUP BY l.teacher_id LIMIT 40" >"$WORK/saves-users.txt"
while read -r l id sids; do echo "$(login "$l") $id $sids"; done <"$WORK/saves-users.txt" >"$WORK/saves.txt"
echo "lesson saves: $(wc -l <"$WORK/saves.txt") teachers' lessons"

report() {
	local name=$1 out=$2
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	p50=$(echo "$out" | awk '$1=="50%" {print $2}')
	p90=$(echo "$out" | awk '$1=="90%" {print $2}')
	p99=$(echo "$out" | awk '$1=="99%" {print $2}')
	errs=$(echo "$out" | awk '/Non-2xx|Socket errors|saves:/ {print}' | tr '\n' ' ')
	printf '%-26s %10s req/s  p50 %-8s p90 %-8s p99 %-8s %s\n' "$name" "$rps" "$p50" "$p90" "$p99" "$errs"
}
diary() { # rate
	TOKENS="$WORK/tokens.txt" WEEKS="$WEEKS" MODE=$MODE RATE=$1 WRK_THREADS=2 \
		wrk -t2 -c"$CONNS" -d"${DUR}s" --latency -s bench/diary-week.lua "$URL"
}
saves() {
	SAVES="$WORK/saves.txt" RATE=$SAVE_RATE WRK_THREADS=1 \
		wrk -t1 -c8 -d"$((DUR + 2))s" --latency -s bench/lesson-save-region.lua "$URL" 2>>"$WORK/save-errors.txt"
}
echo "zhurnal diary bench: $(nproc) cores, server threads=$THREADS, wrk -t2 -c$CONNS -d${DUR}s, $(date -u +%Y-%m-%d)"
report "(a) diary max" "$(diary 0)"
for r in $RATE $LOW_RATES; do report "(b) diary at $r/s" "$(diary "$r")"; done
if [ -s "$WORK/saves.txt" ]; then
	for r in 0 $RATE $LOW_RATES; do
		saves >"$WORK/saves.out" &
		SP=$!
		sleep 1
		out=$(diary "$r")
		wait $SP || true
		report "(c) diary $([ "$r" = 0 ] && echo max || echo "at $r/s") + saves" "$out"
		report "    lesson saves $SAVE_RATE/s" "$(cat "$WORK/saves.out")"
	done
	[ -s "$WORK/save-errors.txt" ] && { echo "first save errors:"; head -3 "$WORK/save-errors.txt"; }
else
	echo "(c) skipped: no lesson of the last 6 days found for the saves"
fi
echo "server log: $(grep -ci busy "$WORK/server.log" || true) lines mention busy; $(tail -1 "$WORK/server.log")"
