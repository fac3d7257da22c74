#!/usr/bin/env bash
# Load figures of the reference server: throughput and p50/p99 latency of submit and of status
# reads, against the `server` profile build on loopback, with wrk (Debian: apt-get install wrk).
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
  > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 50); do curl -sf "$URL/api/v1/health" >/dev/null && break; sleep 0.1; done
# The server refuses an application without its documents: upload one PDF and attach it.
printf '%%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%%%EOF\n' > "$WORK/document.pdf"
UPLOAD_ID=$(curl -sf -H 'Content-Type: application/pdf' -H 'X-File-Name: document.pdf' \
  --data-binary @"$WORK/document.pdf" "$URL/api/v1/uploads" | sed -E 's/.*"id":"([^"]+)".*/\1/')
"$ROOT/target/server/examples/signed_application" "$UPLOAD_ID" > "$WORK/body.json"

summary() { # name, wrk output file
  local rps p50 p99 total non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$2")
  p50=$(awk '$1=="50%" {print $2}' "$2")
  p99=$(awk '$1=="99%" {print $2}' "$2")
  total=$(awk '/requests in/ {print $1}' "$2")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$2")
  printf '%-12s %9s req/s  p50 %8s  p99 %8s  requests %7s  non-2xx %s\n' \
    "$1" "$rps" "$p50" "$p99" "$total" "${non2xx:-0}"
}

echo "egov-server (profile server), wrk -t2 -c$CONNECTIONS -d$DURATION, $(nproc) CPUs, loopback"
BODY_FILE="$WORK/body.json" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s "$HERE/submit.lua" "$URL/api/v1/applications" > "$WORK/submit.txt"
REFERENCE=$(curl -sf -H 'Content-Type: application/json' --data-binary @"$WORK/body.json" \
  "$URL/api/v1/applications" | sed -E 's/.*"reference":"([^"]+)".*/\1/')
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
  "$URL/api/v1/applications/$REFERENCE" > "$WORK/read.txt"
summary "submit" "$WORK/submit.txt"
summary "status read" "$WORK/read.txt"
echo "database after the run: $(du -h "$WORK/data/egov-wizard.sqlite3" | cut -f1)"
