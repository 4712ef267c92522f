#!/usr/bin/env bash
# Two release builds of plantrack side by side in one run, on SQLite with the `full` workload, so a
# change can be checked for regressions on a noisy machine: load-data, readiness, wrk on the
# overview and a target page (and nginx serving the same overview bytes as the anchor), a 20,608-row
# import and 153 units publishing through each server, and `plantrack evaluate` of the workload. Runs alternate
# between the two builds. Usage: Benchmarks/compare-builds.sh BEFORE_BINARY AFTER_BINARY
set -euo pipefail
before=$(realpath "${1:?the plantrack binary before the change}")
after=$(realpath "${2:?the plantrack binary after it}")
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/plantrack-compare.XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
"$after" bench-data --scale full --seed 7 --out "$work/full" >/dev/null
for name in before after; do
  bin=${!name}
  echo "== $name: load-data of 265,932 observations"
  /usr/bin/time -f "   load-data: %e s, max RSS %M KB" "$bin" load-data --observations "$work/full/observations.csv" --data-dir "$work/data-$name" >/dev/null
done

serve() {  # name port
  local name=$1 port=$2 bin=${!1}
  local start=$(date +%s.%N)
  "$bin" serve --port "$port" --data-dir "$work/data-$name" >"$work/serve-$name.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.02; done
  echo "   $name ready on the existing database in $(echo "$(date +%s.%N) - $start" | bc) s"
}
serve before 18190
serve after 18191
curl -sf http://127.0.0.1:18191/ -o "$work/overview.html"
mkdir -p "$work/nginx/html" && cp "$work/overview.html" "$work/nginx/html/index.html"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log; daemon on;
events { worker_connections 1024; }
http { access_log off; default_type text/html; server { listen 127.0.0.1:18192; root $work/nginx/html; } }
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
for round in 1 2; do
  for path in / /targets/C02-2; do
    for target in before:18190 after:18191; do
      echo "-- round $round ${target%%:*} GET $path, 64 connections, 10 s"
      wrk -t2 -c64 -d10s --latency "http://127.0.0.1:${target##*:}$path" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
    done
  done
  echo "-- round $round nginx, the same overview bytes"
  wrk -t2 -c64 -d10s --latency "http://127.0.0.1:18192/" | grep -E "Requests/sec|99%"
done
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -s stop
for p in "${pids[@]}"; do
  echo "   resident memory of $p: $(grep VmRSS /proc/$p/status | awk '{print $2}') KB"
  kill -INT "$p"; wait "$p" 2>/dev/null || true
done
pids=()

echo "== data collection through each server (Benchmarks/import_load.py, fresh databases)"
port=18193
for name in before after; do
  bin=${!name}
  echo "bench-admin-password" | "$bin" user add admin --role admin --password-stdin --data-dir "$work/dc-$name" >/dev/null
  "$bin" serve --port $port --data-dir "$work/dc-$name" >"$work/dc-$name.log" 2>&1 &
  pid=$!
  pids+=($pid)
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.1; done
  echo "-- $name"
  python3 Benchmarks/import_load.py "http://127.0.0.1:$port" bench-admin-password
  echo "   resident memory: $(grep VmRSS /proc/$pid/status | awk '{print $2}') KB"
  kill -INT $pid; wait $pid 2>/dev/null || true
  pids=()
  port=$((port + 1))
done

echo "== plantrack evaluate of the full workload (hyperfine)"
hyperfine -N -w 1 -r 10 \
  -n before "$before evaluate --targets $work/full/targets.csv --observations $work/full/observations.csv --format csv" \
  -n after "$after evaluate --targets $work/full/targets.csv --observations $work/full/observations.csv --format csv" 2>&1 | grep -Ev "^\s*$"
