#!/usr/bin/env bash
# Reads while units publish, on SQLite with the `full` workload, for each release binary given:
# 16 units save, submit, are approved and reopened in a loop for 20 s (Benchmarks/mixed_load.py)
# while wrk reads the overview, a target page and the evaluations API over 64 connections.
# Prints read p50/p99, errors and timeouts, write p50/p99/max and failures, and resident memory
# before and after. Loopback only. With --postgres URL (a server whose user may create databases),
# each binary runs on a fresh PostgreSQL database there instead of SQLite.
# Usage: Benchmarks/mixed.sh [--postgres URL] PLANTRACK_BINARY [MORE_BINARIES…]
set -euo pipefail
postgres=""
if [ "${1:-}" = "--postgres" ]; then postgres=$2; shift 2; fi
bins=()
for b in "$@"; do bins+=("$(realpath "$b")"); done
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/plantrack-mixed.XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
"${bins[0]}" bench-data --scale full --seed 7 --out "$work/full" >/dev/null
cat >"$work/paths.lua" <<'LUA'
local paths = {"/", "/targets/C02-2", "/api/v1/evaluations?per_page=20", "/targets/A003-1", "/plan"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
export PLANTRACK_BCRYPT_COST=4
port=18290
for bin in "${bins[@]}"; do
  store=(--data-dir "$work/data-$port")
  if [ -n "$postgres" ]; then
    db="plantrack_mixed_${port}_$$"
    psql "$postgres" -q -c "CREATE DATABASE $db" >/dev/null
    store=(--database "${postgres%/*}/$db")
  fi
  "$bin" load-data --observations "$work/full/observations.csv" "${store[@]}" >/dev/null 2>&1
  echo "mixed-admin-password" | "$bin" user add admin --role admin --password-stdin "${store[@]}" >/dev/null 2>&1
  "$bin" serve --port $port "${store[@]}" >"$work/serve-$port.log" 2>&1 &
  pid=$!
  pids+=($pid)
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.05; done
  curl -sf "http://127.0.0.1:$port/" >/dev/null
  if [ -n "$postgres" ]; then echo "== $bin on PostgreSQL"; else echo "== $bin on SQLite"; fi
  echo "   resident memory before: $(grep VmRSS /proc/$pid/status | awk '{print $2}') KB"
  wrk -t2 -c64 -d22s --timeout 5s --latency -s "$work/paths.lua" "http://127.0.0.1:$port" >"$work/wrk-$port.txt" &
  wrkpid=$!
  python3 Benchmarks/mixed_load.py "http://127.0.0.1:$port" mixed-admin-password 20 16
  wait $wrkpid
  grep -E "Requests/sec|50%|99%|Socket errors|Non-2xx" "$work/wrk-$port.txt" | sed 's/^/   reads: /'
  echo "   resident memory after: $(grep VmRSS /proc/$pid/status | awk '{print $2}') KB (peak $(grep VmHWM /proc/$pid/status | awk '{print $2}') KB)"
  kill -INT $pid; wait $pid 2>/dev/null || true
  pids=()
  port=$((port + 1))
done
