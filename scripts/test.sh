#!/usr/bin/env bash
# test.sh: builds zhurnal twice (gcc; clang with ASan+UBSan) and runs every test:
# unit (cmocka), fuzz-corpus replays, API (node, against the real server), browser (Chromium).
# Ends with one line "N passed, N failed" counting all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LOG=$ROOT/build-logs
mkdir -p "$LOG"
PASS=0
FAIL=0
DEMO_PASSWORD=demo-Parol-2026

note() { printf '\n=== %s\n' "$*"; }

# counts TAP lines "ok"/"not ok" (any indentation for cmocka/replay; top level for node summaries)
count_tap() { # file
	local p f
	p=$(grep -cE '^ok ' "$1" || true)
	f=$(grep -cE '^not ok ' "$1" || true)
	echo "$p $f"
}

record() { # passed failed what
	PASS=$((PASS + $1))
	FAIL=$((FAIL + $2))
	printf '%-60s %4d passed, %d failed\n' "$3" "$1" "$2"
}

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

build() { # dir, meson args...
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >"$LOG/setup-$(basename "$dir").log" 2>&1 || { cat "$LOG/setup-$(basename "$dir").log"; return 1; }
	fi
	ninja -C "$dir" >"$LOG/ninja-$(basename "$dir").log" 2>&1 || { tail -50 "$LOG/ninja-$(basename "$dir").log"; return 1; }
}

note "build (gcc)"
if build build; then record 1 0 "build gcc"; else record 0 1 "build gcc"; echo "$PASS passed, $FAIL failed"; exit 1; fi
note "build (clang, ASan+UBSan)"
if CC=clang build build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dfuzz=true \
	-Dc_args=-fno-sanitize-recover=all -Dc_link_args=-fno-sanitize-recover=all; then
	record 1 0 "build clang asan+ubsan"
else
	record 0 1 "build clang asan+ubsan"
	echo "$PASS passed, $FAIL failed"
	exit 1
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
export ZHURNAL_HASH_CONCURRENCY=2

unit_tests() { # builddir
	local dir=$1 t out p f
	for t in $(find "$dir/tests" -type f -name 'test_*' -perm -u+x | sort); do
		out="$LOG/$(basename "$dir")-$(basename "$t").tap"
		( cd "$ROOT" && CMOCKA_MESSAGE_OUTPUT=TAP "$t" ) >"$out" 2>&1
		local rc=$?
		read -r p f < <(count_tap "$out")
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # crashed before reporting
		if [ "$f" -ne 0 ]; then grep -E '^not ok|ERROR|runtime error|Sanitizer' "$out" | head -20; fi
		record "$p" "$f" "unit $(basename "$dir")/$(basename "$t")"
	done
}

fuzz_replays() { # builddir
	local dir=$1 t name out rc
	for t in $(find "$dir/tests" -type f -name 'fuzz_*' -perm -u+x | sort); do
		name=$(basename "$t")
		name=${name#fuzz_}
		out="$LOG/$(basename "$dir")-fuzz_$name.log"
		if [ ! -d "tests/fuzz/corpus/$name" ]; then continue; fi
		if [ "$dir" = build-asan ]; then
			# libFuzzer: run every corpus file once
			"$t" -runs=0 "tests/fuzz/corpus/$name" >"$out" 2>&1
			rc=$?
			if [ "$rc" -eq 0 ]; then record 1 0 "fuzz corpus $name (libFuzzer, asan)"; else tail -30 "$out"; record 0 1 "fuzz corpus $name (libFuzzer, asan)"; fi
		else
			"$t" "tests/fuzz/corpus/$name" >"$out" 2>&1
			rc=$?
			read -r p f < <(count_tap "$out")
			if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
			record "$p" "$f" "fuzz corpus $name (replay)"
		fi
	done
}

SERVER_PID=""
start_server() { # builddir tag
	local dir=$1 tag=$2
	WORK=$(mktemp -d /tmp/zhurnal-test.XXXXXX)
	export ZH_DB=$WORK/zhurnal.db
	"$ROOT/$dir/zhurnal" demo --db "$ZH_DB" --password "$DEMO_PASSWORD" --seed 1 >"$LOG/demo-$tag.log" 2>&1 || { cat "$LOG/demo-$tag.log"; return 1; }
	PORT=$(free_port)
	export ZH_BASE_URL=http://127.0.0.1:$PORT ZH_DEMO_PASSWORD=$DEMO_PASSWORD ZH_BIN=$ROOT/$dir/zhurnal
	# the daily alert run stays off: tests start it themselves (POST /api/v1/alerts/run) so that
	# no test sees a whole school's alerts appear depending on the hour the suite runs at
	ZHURNAL_ALERTS=off "$ROOT/$dir/zhurnal" serve --db "$ZH_DB" --listen "127.0.0.1:$PORT" --web "$ROOT/web" --quiet >"$LOG/server-$tag.log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 100); do
		if curl -fsS "$ZH_BASE_URL/healthz" >/dev/null 2>&1; then return 0; fi
		sleep 0.1
	done
	cat "$LOG/server-$tag.log"
	return 1
}

stop_server() { # tag: SIGTERM must end the server cleanly (exit 0, no sanitizer report)
	local tag=$1 rc
	kill -TERM "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID"
	rc=$?
	SERVER_PID=""
	if [ "$rc" -eq 0 ] && ! grep -qE 'runtime error|Sanitizer' "$LOG/server-$tag.log"; then
		record 1 0 "server $tag: clean shutdown on SIGTERM, no sanitizer report"
	else
		grep -E -A20 'runtime error|Sanitizer' "$LOG/server-$tag.log" | head -40
		record 0 1 "server $tag: clean shutdown on SIGTERM (exit $rc)"
	fi
	rm -rf "$WORK"
}
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null' EXIT

node_suite() { # what dir
	local what=$1 dir=$2 out p f
	out="$LOG/$what.tap"
	node --test --test-reporter=tap --test-concurrency=1 "$dir"/*.test.mjs >"$out" 2>&1
	local rc=$?
	p=$(grep -E '^# pass ' "$out" | awk '{s+=$3} END {print s+0}')
	f=$(grep -E '^# fail ' "$out" | awk '{s+=$3} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -ne 0 ]; then grep -E -B2 -A25 '^not ok|^    not ok' "$out" | head -120; fi
	record "$p" "$f" "$what"
}

for dir in build build-asan; do
	tag=${dir#build}
	tag=${tag#-}
	tag=${tag:-normal}
	note "unit tests ($tag)"
	unit_tests "$dir"
	note "fuzz corpora ($tag)"
	fuzz_replays "$dir"
	note "API tests ($tag)"
	if start_server "$dir" "$tag"; then
		record 1 0 "server $tag: demo created and started"
		if [ -d tests/api ] && ls tests/api/*.test.mjs >/dev/null 2>&1; then
			node_suite "api-$tag" tests/api
		fi
		stop_server "$tag"
	else
		record 0 1 "server $tag: demo created and started"
	fi
	# the browser tests get a demo school of their own, untouched by the API tests
	if [ "$dir" = build ] && ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
		note "browser tests"
		if start_server "$dir" browser; then
			export ZH_TEACHER_LOGIN
			ZH_TEACHER_LOGIN=$("$ROOT/$dir/zhurnal" user list --db "$ZH_DB" --role teacher --format tsv | head -1 | cut -f1)
			node_suite "browser" tests/e2e
			stop_server browser
		else
			record 0 1 "server browser: demo created and started"
		fi
	fi
done

note "summary"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
