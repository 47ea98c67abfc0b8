#!/usr/bin/env bash
# Sustained ingestion benchmark, end to end: builds the server and the benchmarks, starts the
# server on a fresh store, loads it over HTTP, stops it with SIGTERM, then checks that every
# report answered 202 is in the SQLite file. See benchmarks/README.md.
#
#   benchmarks/run-ingestion.sh [connections] [seconds] [more IngestionLoad options]
#   e.g. benchmarks/run-ingestion.sh 64 30 --new-connection-per-request
#
# The server runs with no special JVM options, as the README starts it. The load generator runs
# with -XX:+UseSerialGC: it allocates next to nothing, and one GC thread leaves the cores to the
# server. WARMUP (seconds, default 5) sets the warm-up; SKIP_BUILD=1 uses the jars already built.
set -euo pipefail

connections="${1:-64}"
seconds="${2:-30}"
shift $(( $# < 2 ? $# : 2 ))
warmup="${WARMUP:-5}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "building the server and the benchmarks ..."
  ./mvnw -q -Pbench -DskipTests package
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ingestion-bench.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0: the kernel picks a free port, and the start-up line names it; no race with another process.
# All the load comes from one address: the per-client limit is off, as for a server whose
# clients are many (RATE_LIMIT_RPM in the environment overrides it).
RATE_LIMIT_RPM="${RATE_LIMIT_RPM:-0}" DATA_DIR="$work/data" LISTEN_ADDR=127.0.0.1:0 \
  java -jar app-server/target/telemetry-server.jar 2>"$work/server.log" &
server_pid=$!

port=""
for _ in $(seq 1 600); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server exited during start-up:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$work/server.log" | head -n 1)"
  [[ -n "$port" ]] && break
  sleep 0.1
done
if [[ -z "$port" ]]; then
  echo "the server did not log 'listening on' within 60 s:" >&2
  cat "$work/server.log" >&2
  exit 1
fi

load_status=0
java -XX:+UseSerialGC -jar benchmarks/target/benchmarks.jar \
  --url "http://127.0.0.1:$port/telemetry" --connections "$connections" --seconds "$seconds" \
  --warmup "$warmup" --accepted-out "$work/accepted.txt" "$@" || load_status=$?

# On SIGTERM the server answers the requests in flight and commits every accepted report, then
# exits; the JVM reports that as 143 (128 + SIGTERM).
kill -TERM "$server_pid"
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
echo
echo "server log:"
sed 's/^/  /' "$work/server.log"
if [[ $server_status -ne 0 && $server_status -ne 143 ]]; then
  echo "the server exited with $server_status" >&2
fi

verify_status=0
if [[ -f "$work/accepted.txt" ]]; then
  java -cp benchmarks/target/benchmarks.jar org.helperscripts.telemetry.bench.VerifyStore \
    --db "$work/data/telemetry.db" --accepted "$work/accepted.txt" || verify_status=$?
else
  echo "no accepted run keys were written: nothing to verify" >&2
  verify_status=1
fi

cpu_model="$(grep -m 1 -E '^(model name|Model|cpu model)' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
echo
echo "machine: $(nproc) cores, ${cpu_model:-unknown CPU}, $(java -version 2>&1 | head -n 1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"

if [[ $load_status -ne 0 || $verify_status -ne 0 || ( $server_status -ne 0 && $server_status -ne 143 ) ]]; then
  exit 1
fi
