#!/usr/bin/env bash
# Every benchmark, one after the other, and one results table: builds once, then runs sustained
# ingestion into the embedded store over HTTP, the dashboard statistics, the bulk import into
# PocketBase (batch against single requests), ingestion into PocketBase through the spool, the
# migration rates and the JMH benchmarks. Writes benchmarks/target/results.md (the table, with the
# machine, the load average, the date and the command) and every benchmark's whole output under
# benchmarks/target/results/. See benchmarks/README.md.
#
#   benchmarks/run-all.sh           # modest sizes: about 10 minutes on 2 cores
#   FULL=1 benchmarks/run-all.sh    # the sizes of docs/PERFORMANCE.md: half an hour or more
#
# Exits non-zero when a benchmark failed (its row then says so); the others still run.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -n "${FULL:-}" ]]; then
  sizes="full"
  ingestion_warmup=30; ingestion_seconds=60
  dashboard_records=1000000
  import_records=20000
  # the drain is far slower than the intake: 30 s of load can leave tens of thousands to drain
  spool_warmup=10; spool_seconds=30; drain_deadline=3600
  migration_records=2000000
  target_records=1000000
else
  sizes="modest"
  ingestion_warmup=5; ingestion_seconds=20
  dashboard_records=250000
  import_records=5000
  spool_warmup=5; spool_seconds=15; drain_deadline=900
  migration_records=200000
  target_records=200000
fi
connections=64
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
rows="$(mktemp "${TMPDIR:-/tmp}/bench-rows.XXXXXX")"
trap 'rm -f "$rows"' EXIT
failed=0

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "building the server, the launcher and the benchmarks ..."
if ! ./mvnw -q -Pbench -DskipTests package; then
  echo "the build failed" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"

# thousands 1000000 -> 1,000,000, whatever the locale.
thousands() {
  sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"
}

# row BENCHMARK SIZE FIGURES: one line of the table.
row() {
  printf '| %s | %s | %s |\n' "$1" "$2" "$3" >>"$rows"
}

# bench NAME LOGFILE COMMAND...: runs one benchmark, its output to the screen and to LOGFILE.
bench() {
  local name="$1" log="$out/$2"
  shift 2
  echo
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  local status="${PIPESTATUS[0]}"
  if [[ $status -ne 0 ]]; then
    failed=1
    row "$name" "" "**FAILED** (exit $status), see \`results/$(basename "$log")\`"
  fi
  return "$status"
}

# Sets the 202 rate, the latency and the store check of a run-ingestion.sh / run-spool.sh log.
load_figures() {
  local log="$1"
  accepted="$(awk '$1 == "accepted/s" {print $2}' "$log")"
  latency="$(awk '$1 == "latency" && $2 == "ms" {print $4 " / " $6 " / " $8 " / " $10}' "$log")"
  missing="$(awk '$1 == "missing" {print $2}' "$log")"
  present="$(awk '$1 == "present" {print $4}' "$log")"
}

if bench "ingestion into the embedded store over HTTP" ingestion.log \
    env SKIP_BUILD=1 WARMUP="$ingestion_warmup" benchmarks/run-ingestion.sh "$connections" "$ingestion_seconds"; then
  load_figures "$out/ingestion.log"
  row "ingestion into the embedded store over HTTP" \
    "$connections keep-alive clients, ${ingestion_warmup} s warm-up, ${ingestion_seconds} s" \
    "**$accepted reports/s** answered 202; latency p50/p90/p99/max $latency ms; $present runs answered 202 in the store, $missing missing"
fi

dashboard_dir="$(mktemp -d "${TMPDIR:-/tmp}/dashboard-bench.XXXXXX")"
if bench "dashboard statistics (GET /api/dashboard)" dashboard.log \
    java -cp "$jar" org.helperscripts.telemetry.bench.DashboardStatsBenchmark "$dashboard_dir" "$dashboard_records"; then
  figures="$(awk '($1 == "7" || $1 == "30" || $1 == "all") && NF == 5 {
      printf "%s%s days: median %s ms (first %s)", sep, $1, $4, $3; sep = "; " }' "$out/dashboard.log")"
  row "dashboard statistics, cache off" "$(thousands "$dashboard_records") records over 365 days" "$figures"
fi
rm -rf "$dashboard_dir"

if bench "bulk import into PocketBase" pocketbase-import.log \
    java -cp "$jar" org.helperscripts.telemetry.bench.PocketBaseImportBenchmark "$import_records" 50; then
  figures="$(sed -n 's/^\(batch\|one per request\)  *\([0-9,]*\) records\/s.*/\1: \2 records\/s/p' "$out/pocketbase-import.log" \
      | paste -sd ';' | sed 's/;/; /g')"
  row "bulk import into the PocketBase stand-in (\`importRuns\`)" \
    "$(thousands "$import_records") records, batches of 50 / 8 single requests at once" "$figures"
fi

if bench "ingestion into PocketBase through the spool" spool.log \
    env SKIP_BUILD=1 WARMUP="$spool_warmup" DRAIN_DEADLINE="$drain_deadline" benchmarks/run-spool.sh "$connections" "$spool_seconds"; then
  load_figures "$out/spool.log"
  drain="$(awk '$1 == "drain" && $2 == "rate" {print $3}' "$out/spool.log")"
  waiting="$(sed -n 's/^spool drain: \([0-9,]*\) reports waiting.*/\1/p' "$out/spool.log")"
  row "ingestion into the PocketBase stand-in through the spool" \
    "$connections keep-alive clients, ${spool_warmup} s warm-up, ${spool_seconds} s" \
    "**$accepted reports/s** answered 202 (in the spool); latency p50/p90/p99/max $latency ms; then **$drain reports/s** drained ($waiting waiting when the load stopped); $present runs answered 202 in PocketBase, $missing missing"
fi

if bench "migration of a legacy JSON export (app-migrate, -Xmx256m)" migration.log \
    env SKIP_BUILD=1 benchmarks/run-migration.sh "$migration_records"; then
  figures="$(awk '
      /^== / { label = substr($0, 4) }
      /records\/s\)/ { match($0, /\([0-9,]+ records\/s\)/); rate = substr($0, RSTART + 1, RLENGTH - 2) }
      /^peak RSS/ { printf "%s%s: %s, peak RSS %s MiB", sep, label, rate, int($3 / 1024); sep = "; " }' "$out/migration.log")"
  row "migration, JSON export to target (app-migrate)" "$(thousands "$migration_records") records, batches of 1,000" "$figures"
fi

if bench "migration targets alone" migration-targets.log \
    java -cp "$jar" org.helperscripts.telemetry.bench.MigrationTargetBenchmark "$target_records" 1000; then
  figures="$(sed -n 's/^\(.*[^ ]\)  *\([0-9,]*\) records\/s wall, *\([0-9.]*\) µs CPU per record.*/\1: \2 records\/s, \3 µs CPU/p' \
      "$out/migration-targets.log" | grep -v "^warm-up" | paste -sd ';' | sed 's/;/; /g')"
  row "migration targets alone (\`MigrationTargetBenchmark\`)" "$(thousands "$target_records") records, batches of 1,000" "$figures"
fi

if bench "JMH: report parsing and session merge" jmh.log \
    java -cp "$jar" org.openjdk.jmh.Main -rf csv -rff "$out/jmh.csv" 'org\.helperscripts\.telemetry\.bench\.jmh\.'; then
  # CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
  while IFS=, read -r name _ _ _ score error unit; do
    name="${name//\"/}"
    unit="${unit%$'\r'}" # JMH ends its CSV lines with CR LF
    row "JMH \`${name##*jmh.}\`" "forks 1, 3 × 2 s warm-up, 5 × 2 s measured" \
      "$(thousands "$(printf '%.0f' "$score")") ± $(thousands "$(printf '%.0f' "$error")") ${unit//\"/}"
  done < <(tail -n +2 "$out/jmh.csv")
fi

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_model="$(grep -m 1 -E '^(model name|Model|cpu model)' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
command="benchmarks/run-all.sh"
[[ -n "${FULL:-}" ]] && command="FULL=1 $command"
{
  echo "# Benchmark results"
  echo
  echo "- Machine: $(nproc) cores, ${cpu_model:-unknown CPU}, $(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)"
  echo "- Load average (1/5/15 min): $load_before before the build, $load_after after the last benchmark"
  echo "- Date: $started"
  echo "- Command (from the repository root): \`$command\` ($sizes sizes)"
  echo
  echo "| benchmark | size | result |"
  echo "|---|---|---|"
  cat "$rows"
  echo
  echo "Every benchmark's whole output is in \`benchmarks/target/results/\`."
} >benchmarks/target/results.md

echo
cat benchmarks/target/results.md
exit "$failed"
