#!/usr/bin/env bash
# Migration benchmark: builds the launcher and the benchmarks, generates a legacy JSON export of
# COUNT records (default 2,000,000), and moves it with a 256 MB heap cap into a fresh embedded
# store and into an SQL file, then once more into the same store (every run skipped). Prints the
# launcher's summary and the peak resident memory of each run. See docs/PERFORMANCE.md.
#
#   benchmarks/run-migration.sh [count] [more launcher options]
#
# SKIP_BUILD=1 uses the jars already built.
set -euo pipefail

count="${1:-2000000}"
shift $(( $# < 1 ? $# : 1 ))

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "building the launcher and the benchmarks ..."
  ./mvnw -q -Pbench -DskipTests package
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/migration-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "generating $count records ..."
java -cp benchmarks/target/benchmarks.jar org.helperscripts.telemetry.bench.LegacyExportFile \
  "$work/export.json" "$count"
ls -l "$work/export.json"

run() {
  local label="$1"
  shift
  echo "== $label"
  /usr/bin/time -f "peak RSS %M KiB, %e s wall, %P CPU" \
    java -Xmx256m -Dorg.sqlite.tmpdir="$work" -jar app-migrate/target/telemetry-migrate.jar \
    --from "json:$work/export.json" --rejects "$work/rejects.jsonl" "$@" < /dev/null
}

run "into a fresh embedded store" --to "embedded:$work/data" "$@"
run "into an SQL file" --to "sql:$work/runs.sql" "$@"
ls -l "$work/runs.sql"
run "the same again into the embedded store (all skipped)" --to "embedded:$work/data" "$@"
