#!/usr/bin/env bash
# Load figures of the reference server: throughput, p50/p99 latency and server CPU per request of
# submit and of status reads, against the `server` profile build on loopback, with wrk (Debian:
# apt-get install wrk).
# The server runs with its default request log (RUST_LOG unset: one line per request).
# Usage: crates/server/bench/load.sh [duration, default 10s] [connections, default 16]
set -euo pipefail
DURATION="${1:-10s}"
CONNECTIONS="${2:-16}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

cd "$ROOT"
cargo build -q -p egov-server --profile server --bin egov-server --example signed_application
BIN="$ROOT/target/server/egov-server"
# Under target/, not /tmp: /tmp may be a tmpfs, where fsync (synchronous=FULL) costs nothing.
WORK="$(mktemp -d -p "$ROOT/target" load.XXXXXX)"
PORT="${PORT:-18480}"
"$BIN" --port "$PORT" --data-dir "$WORK/data" --trust-test-ca --rate-limit-per-minute 0 \
  --upload-rate-per-minute 0 > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 50); do curl -sf "$URL/api/v1/health" >/dev/null && break; sleep 0.1; done
# Every body creates an application: each has its own idempotency key and its own uploaded
# documents (an upload is attached once). BODIES must exceed the submits of the run, or the
# extra ones are replays (200, nothing stored), which the summary reports.
BODIES="${BODIES:-8000}"
"$ROOT/target/server/examples/signed_application" "$URL" "$BODIES" > "$WORK/bodies.jsonl"
head -n 1 "$WORK/bodies.jsonl" > "$WORK/body.json"

# The server's CPU time (user + system, in clock ticks): per request, a figure that holds when
# other work shares the machine, unlike throughput.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

summary() { # name, wrk output file, server CPU ticks during the run
  local rps p50 p99 total non2xx cpu
  rps=$(awk '/^Requests\/sec/ {print $2}' "$2")
  p50=$(awk '$1=="50%" {print $2}' "$2")
  p99=$(awk '$1=="99%" {print $2}' "$2")
  total=$(awk '/requests in/ {print $1}' "$2")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$2")
  cpu=$(($3 * TICK_US / total))
  printf '%-12s %9s req/s  p50 %8s  p99 %8s  requests %7s  non-2xx %s  server CPU %5s µs/request\n' \
    "$1" "$rps" "$p50" "$p99" "$total" "${non2xx:-0}" "$cpu"
}

echo "egov-server (profile server), wrk -t2 -c$CONNECTIONS -d$DURATION, $(nproc) CPUs, loopback"
BEFORE=$(cpu_ticks)
BODY_FILE="$WORK/bodies.jsonl" THREADS=2 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s "$HERE/submit.lua" "$URL/api/v1/applications" > "$WORK/submit.txt"
SUBMIT_CPU=$(($(cpu_ticks) - BEFORE))
SUBMITS=$(awk '/requests in/ {print $1}' "$WORK/submit.txt")
if [ "$SUBMITS" -gt "$BODIES" ]; then
  echo "warning: $SUBMITS submits for $BODIES bodies: $((SUBMITS - BODIES)) were replays; raise BODIES" >&2
fi
REFERENCE=$(curl -sf -H 'Content-Type: application/json' --data-binary @"$WORK/body.json" \
  "$URL/api/v1/applications" | sed -E 's/.*"reference":"([^"]+)".*/\1/')
BEFORE=$(cpu_ticks)
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
  "$URL/api/v1/applications/$REFERENCE" > "$WORK/read.txt"
READ_CPU=$(($(cpu_ticks) - BEFORE))
summary "submit" "$WORK/submit.txt" "$SUBMIT_CPU"
summary "status read" "$WORK/read.txt" "$READ_CPU"
echo "database after the run: $(du -h "$WORK/data/egov-wizard.sqlite3" | cut -f1)"
