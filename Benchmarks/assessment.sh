#!/usr/bin/env bash
# An assessment round on the synthetic full workload, on a release build, SQLite: every catalog
# target for each of the 153 regions and 265,932 observations 2018–2024 (`plantrack bench-data
# --scale full --seed 7`, loaded with `plantrack load-data`), the example scheme saved as a
# version (without the veto), a round for 2024 opened, then timed:
#   - freezing it (copying the approved observations up to 2024 into its snapshot), against the
#     anchor of `sqlite3` copying the same rows with the same INSERT … SELECT into a table of the
#     same shape;
#   - the first reading of its results (loading the snapshot, evaluating the 14 scored targets for
#     the 16 cities, scoring them and 1,000 ranking draws), and the first score sheet;
#   - an appeal filed and accepted, and the results read again with the correction laid over the
#     snapshot;
#   - a funds pool: its allocation computed from the results, and its confirmation once published.
# Prints seconds and peak memory. Usage: Benchmarks/assessment.sh PLANTRACK_BINARY
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/plantrack-assessment.XXXXXX)
trap 'rm -rf "$work"' EXIT
export PLANTRACK_TODAY=2026-11-29 PLANTRACK_BCRYPT_COST=4
store=(--data-dir "$work/data")
"$bin" bench-data --scale full --seed 7 --out "$work/full" >/dev/null
/usr/bin/time -f "   load-data of the full workload: %e s" "$bin" load-data --observations "$work/full/observations.csv" "${store[@]}" >/dev/null 2>"$work/load.log" || { cat "$work/load.log"; exit 1; }
grep "load-data" "$work/load.log" || true
# The example scheme without the veto: on the synthetic series every city misses a binding target,
# and a vetoed city earns no incentive.
sed 's/^veto: true/veto: false/' examples/assessment-scheme.yaml >"$work/scheme.yaml"
"$bin" schemes save "$work/scheme.yaml" --id bench "${store[@]}" 2>/dev/null
"$bin" rounds open --year 2024 --scheme bench --cutoff 2025-03-31 "${store[@]}" 2>/dev/null
db="$work/data/plantrack.sqlite"
echo "   observations in the store: $(sqlite3 "$db" 'SELECT COUNT(*) FROM observations')"
/usr/bin/time -f "   plantrack rounds freeze (the whole command): %e s, max RSS %M KB" "$bin" rounds freeze 2024-1 "${store[@]}" 2>&1 | grep -v " info "
echo "   rows frozen: $(sqlite3 "$db" 'SELECT observations FROM round_snapshots')"
sqlite3 "$db" "CREATE TABLE anchor AS SELECT * FROM round_observations WHERE 0"
/usr/bin/time -f "   anchor, sqlite3 INSERT … SELECT of the same rows: %e s" sqlite3 "$db" \
  "INSERT INTO anchor SELECT '2024-1', 9, indicator_key, region_code, period, value, source, link, quote, qualifier, revision FROM observations WHERE period < '2025'"
/usr/bin/time -f "   plantrack rounds results (first reading, the whole command): %e s, max RSS %M KB" "$bin" rounds results 2024-1 --format csv "${store[@]}" 2>&1 >"$work/results.csv" | grep -v " info "
echo "   cities scored: $(($(wc -l <"$work/results.csv") - 1)); best: $(sed -n 2p "$work/results.csv")"
/usr/bin/time -f "   plantrack rounds results --unit 370100 (a score sheet): %e s" "$bin" rounds results 2024-1 --unit 370100 --format csv "${store[@]}" 2>&1 >/dev/null | grep -v " info "
/usr/bin/time -f "   plantrack rounds list (start-up and a query, for scale): %e s" "$bin" rounds list "${store[@]}" 2>&1 >/dev/null | grep -v " info "
echo "pw-bench-2026" | "$bin" user add jn.rep --role reporter --unit 370100 --password-stdin "${store[@]}" >/dev/null 2>&1
/usr/bin/time -f "   plantrack appeals file (the whole command, scores the round to check the line): %e s" "$bin" appeals file 2024-1 --unit 370100 --target C02-2 --reason bench --as jn.rep "${store[@]}" 2>&1 | grep -v " info "
/usr/bin/time -f "   plantrack appeals accept: %e s" "$bin" appeals accept 2024-1 1 --value 3 --reason bench "${store[@]}" 2>&1 | grep -v " info "
/usr/bin/time -f "   plantrack rounds results with the accepted appeal (the whole command): %e s, max RSS %M KB" "$bin" rounds results 2024-1 --format csv "${store[@]}" 2>&1 >/dev/null | grep -v " info "
"$bin" pools save 2024-1 --id funds --name bench --amount 10000 --mark 0 --floor 100 --cap 2000 "${store[@]}" >/dev/null 2>&1
/usr/bin/time -f "   plantrack pools show (a draft allocation from the results, the whole command): %e s" "$bin" pools show 2024-1 funds --format csv "${store[@]}" 2>&1 >/dev/null | grep -v " info "
"$bin" rounds publish 2024-1 "${store[@]}" >/dev/null 2>&1
/usr/bin/time -f "   plantrack pools confirm (the whole command): %e s" "$bin" pools confirm 2024-1 funds "${store[@]}" 2>&1 | grep -v " info "
echo "   allocated: $(sqlite3 "$db" "SELECT COUNT(*) || ' lines, sum ' || SUM(amount) FROM incentive_allocations")"
