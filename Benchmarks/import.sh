#!/usr/bin/env bash
# Data collection under load, on a release build, on loopback: a 20,608-row import (dry run, new,
# unchanged) and 153 regions saving, submitting and being approved at once (Benchmarks/import_load.py),
# on SQLite and, given a URL to an empty database, on PostgreSQL. Usage: Benchmarks/import.sh [POSTGRES_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product plantrack >/dev/null
bin=$(swift build -c release --show-bin-path)/plantrack
work=$(mktemp -d /tmp/plantrack-import.XXXXXX)
export PLANTRACK_BCRYPT_COST=${PLANTRACK_BCRYPT_COST:-11}
pids=()
trap 'for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
measure() {  # name port [database-url]
  local name=$1 port=$2 db=${3:-}
  local args=(--data-dir "$work/data-$name")
  [ -n "$db" ] && args+=(--database "$db")
  echo "bench-admin-password" | "$bin" user add admin --role admin --password-stdin "${args[@]}" >/dev/null
  "$bin" serve --port "$port" "${args[@]}" >"$work/serve-$name.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.1; done
  echo "== $name"
  python3 Benchmarks/import_load.py "http://127.0.0.1:$port" bench-admin-password
  echo "   resident memory: $(grep VmRSS /proc/$pid/status | awk '{print $2}') KB (peak $(grep VmHWM /proc/$pid/status | awk '{print $2}') KB)"
  kill -INT $pid; wait $pid 2>/dev/null || true
}
measure sqlite 18092
if [ -n "${1:-}" ]; then measure postgresql 18093 "$1"; fi
