#!/usr/bin/env bash
# Bulk loads side by side with their anchors, on a release build: `plantrack load-data` of the
# `full` workload's 265,932 observations into a fresh database, against `sqlite3 .import` of the
# same CSV into a keyed table and, given a PostgreSQL URL whose user may create databases,
# `psql \copy` of it. Three runs each, alternating; prints each time and the ratio of the medians.
# Usage: Benchmarks/bulk-load.sh PLANTRACK_BINARY [POSTGRES_URL]
set -euo pipefail
bin=$(realpath "${1:?the plantrack binary}")
postgres=${2:-}
work=$(mktemp -d /tmp/plantrack-bulk.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$bin" bench-data --scale full --seed 7 --out "$work/full" >/dev/null
csv="$work/full/observations.csv"
tail -n +2 "$csv" >"$work/rows.csv"
now() { date +%s.%N; }
median() { sort -n | sed -n 2p; }
ours=() anchor=()
for run in 1 2 3; do
  rm -rf "$work/db-$run" && mkdir -p "$work/db-$run"
  # The server's database exists before the load (as in use): migrated and seeded with the plan.
  echo "bulk-admin-password" | PLANTRACK_BCRYPT_COST=4 "$bin" user add admin --role admin --password-stdin --data-dir "$work/db-$run" >/dev/null 2>&1
  start=$(now); "$bin" load-data --observations "$csv" --data-dir "$work/db-$run" >/dev/null 2>&1; ours+=("$(echo "$(now) - $start" | bc)")
  rm -f "$work/anchor-$run.sqlite"
  sqlite3 "$work/anchor-$run.sqlite" "CREATE TABLE observations (indicator_key TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, PRIMARY KEY (indicator_key, region_code, period));"
  start=$(now); sqlite3 "$work/anchor-$run.sqlite" ".mode csv" ".import $work/rows.csv observations"; anchor+=("$(echo "$(now) - $start" | bc)")
  echo "run $run: load-data ${ours[-1]} s, sqlite3 .import ${anchor[-1]} s"
done
a=$(printf '%s\n' "${ours[@]}" | median); b=$(printf '%s\n' "${anchor[@]}" | median)
echo "SQLite: load-data median $a s, sqlite3 .import median $b s, ratio $(echo "scale=2; $a / $b" | bc)"
if [ -n "$postgres" ]; then
  ours=() anchor=()
  for run in 1 2 3; do
    db="plantrack_bulk_${run}_$$"; anchordb="plantrack_copy_${run}_$$"
    psql "$postgres" -q -c "CREATE DATABASE $db" -c "CREATE DATABASE $anchordb" >/dev/null
    url="${postgres%/*}/$db"; anchorurl="${postgres%/*}/$anchordb"
    echo "bulk-admin-password" | PLANTRACK_BCRYPT_COST=4 "$bin" user add admin --role admin --password-stdin --database "$url" >/dev/null 2>&1
    start=$(now); "$bin" load-data --observations "$csv" --database "$url" >/dev/null 2>&1; ours+=("$(echo "$(now) - $start" | bc)")
    psql "$anchorurl" -q -c "CREATE TABLE observations (indicator_key TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, PRIMARY KEY (indicator_key, region_code, period))"
    start=$(now); psql "$anchorurl" -q -c "\\copy observations FROM '$work/rows.csv' WITH (FORMAT csv)"; anchor+=("$(echo "$(now) - $start" | bc)")
    echo "run $run: load-data ${ours[-1]} s, psql \\copy ${anchor[-1]} s"
  done
  a=$(printf '%s\n' "${ours[@]}" | median); b=$(printf '%s\n' "${anchor[@]}" | median)
  echo "PostgreSQL: load-data median $a s, psql \\copy median $b s, ratio $(echo "scale=2; $a / $b" | bc)"
fi
