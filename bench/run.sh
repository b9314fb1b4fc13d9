#!/usr/bin/env bash
# run.sh: benchmarks of the running server with wrk on the demo school.
# Usage: bench/run.sh [seconds]   (env: THREADS="2 4 8", MODES="pool per-connection", CONNS=64)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
THREADS=${THREADS:-"4"}
MODES=${MODES:-"pool per-connection"}
CONNS=${CONNS:-64}
PW=bench-Parol-2026
WORK=$(mktemp -d /tmp/zhurnal-bench.XXXXXX)
trap 'kill $SRV 2>/dev/null || true; rm -rf "$WORK"' EXIT
SRV=
./build/zhurnal demo --db "$WORK/z.db" --password "$PW" --seed 1 >/dev/null 2>&1
PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
URL=http://127.0.0.1:$PORT

echo "zhurnal bench: $(nproc) cores, wrk -t2 -c$CONNS -d${DUR}s, $(date -u +%Y-%m-%d)"
for mode in $MODES; do
	for th in $THREADS; do
		./build/zhurnal serve --db "$WORK/z.db" --listen "127.0.0.1:$PORT" --threads "$th" --mode "$mode" --quiet 2>"$WORK/server.log" &
		SRV=$!
		for _ in $(seq 1 50); do curl -fs "$URL/healthz" >/dev/null && break; sleep 0.1; done
		TOKEN=$(curl -fs -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
			-d "{\"login\":\"admin\",\"password\":\"$PW\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
		for target in healthz me; do
			if [ "$target" = healthz ]; then
				out=$(wrk -t2 -c"$CONNS" -d"${DUR}s" --latency "$URL/healthz")
			else
				out=$(wrk -t2 -c"$CONNS" -d"${DUR}s" --latency -H "Authorization: Bearer $TOKEN" "$URL/api/v1/me")
			fi
			rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
			p50=$(echo "$out" | awk '$1=="50%" {print $2}')
			p90=$(echo "$out" | awk '$1=="90%" {print $2}')
			p99=$(echo "$out" | awk '$1=="99%" {print $2}')
			errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
			printf '%-16s threads=%-3s %-8s %10s req/s  p50 %-8s p90 %-8s p99 %-8s %s\n' "$mode" "$th" "$target" "$rps" "$p50" "$p90" "$p99" "$errs"
		done
		kill -TERM $SRV
		wait $SRV || true
		SRV=
	done
done
