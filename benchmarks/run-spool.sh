#!/usr/bin/env bash
# Ingestion into PocketBase through the spool, end to end: starts the PocketBase stand-in (the
# PocketBase-protocol test server) on a fresh file, starts the server with PB_URL pointing at it,
# loads the server over HTTP (reports/s answered 202, i.e. written to the spool), then watches
# /healthz until the forwarder has emptied the spool (the drain rate), stops both and checks that
# every run answered 202 has its record in PocketBase. See benchmarks/README.md.
#
#   benchmarks/run-spool.sh [connections=64] [seconds=30] [more IngestionLoad options]
#
# WARMUP (seconds, default 5) sets the warm-up, PB_BATCH=true turns on the stand-in's batch API
# (off by default, as PocketBase ships), DRAIN_DEADLINE (seconds, default 900) bounds the drain,
# SKIP_BUILD=1 uses the jars already built.
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

work="$(mktemp -d "${TMPDIR:-/tmp}/spool-bench.XXXXXX")"
server_pid=""
standin_pid=""
stop() {
  local pid="$1"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$server_pid"
  stop "$standin_pid"
  rm -rf "$work"
}
trap cleanup EXIT

# Waits until the process $1 wrote "listening on http://127.0.0.1:PORT" into $2; prints PORT.
port_of() {
  local pid="$1" log="$2" port=""
  for _ in $(seq 1 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "a process exited during start-up:" >&2
      cat "$log" >&2
      return 1
    fi
    port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$log" | head -n 1)"
    if [[ -n "$port" ]]; then
      echo "$port"
      return 0
    fi
    sleep 0.1
  done
  echo "no 'listening on' within 60 s:" >&2
  cat "$log" >&2
  return 1
}

# One account for both sides, made up for this run and handed over in the environment only.
export PB_IDENTITY="bench@example.com"
PB_PASSWORD="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export PB_PASSWORD

java -cp benchmarks/target/benchmarks.jar org.helperscripts.telemetry.bench.PocketBaseStandIn \
  "$work/pocketbase.db" "${PB_BATCH:-false}" >"$work/standin.log" 2>&1 &
standin_pid=$!
pb_port="$(port_of "$standin_pid" "$work/standin.log")"

# As run-ingestion.sh: port 0, the per-client limit off because all the load comes from one address.
RATE_LIMIT_RPM="${RATE_LIMIT_RPM:-0}" DATA_DIR="$work/data" LISTEN_ADDR=127.0.0.1:0 \
  PB_URL="http://127.0.0.1:$pb_port" \
  java -jar app-server/target/telemetry-server.jar 2>"$work/server.log" &
server_pid=$!
port="$(port_of "$server_pid" "$work/server.log")"

load_status=0
java -XX:+UseSerialGC -jar benchmarks/target/benchmarks.jar \
  --url "http://127.0.0.1:$port/telemetry" --connections "$connections" --seconds "$seconds" \
  --warmup "$warmup" --accepted-out "$work/accepted.txt" "$@" || load_status=$?

drain_status=0
java -cp benchmarks/target/benchmarks.jar org.helperscripts.telemetry.bench.SpoolDrain \
  "http://127.0.0.1:$port/healthz" "${DRAIN_DEADLINE:-900}" || drain_status=$?

kill -TERM "$server_pid"
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
stop "$standin_pid"
standin_pid=""
echo
echo "server log:"
sed 's/^/  /' "$work/server.log"
if [[ $server_status -ne 0 && $server_status -ne 143 ]]; then
  echo "the server exited with $server_status" >&2
fi

verify_status=0
if [[ -f "$work/accepted.txt" ]]; then
  java -cp benchmarks/target/benchmarks.jar org.helperscripts.telemetry.bench.VerifyStore \
    --db "$work/pocketbase.db" --table telemetry --key-column execution_id \
    --accepted "$work/accepted.txt" || verify_status=$?
else
  echo "no accepted run keys were written: nothing to verify" >&2
  verify_status=1
fi

cpu_model="$(grep -m 1 -E '^(model name|Model|cpu model)' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
echo
echo "machine: $(nproc) cores, ${cpu_model:-unknown CPU}, $(java -version 2>&1 | head -n 1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"

if [[ $load_status -ne 0 || $drain_status -ne 0 || $verify_status -ne 0 \
      || ( $server_status -ne 0 && $server_status -ne 143 ) ]]; then
  exit 1
fi
