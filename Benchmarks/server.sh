#!/usr/bin/env bash
# Load benchmark of the server with wrk (Debian's wrk), on a release build, on loopback only:
# the overview page and one target page at 64 connections for 10 s, on SQLite and on PostgreSQL,
# with the `full` synthetic workload loaded, and nginx (one worker) serving the very same overview
# bytes in the same run, with PlanTrack's throughput printed as a share of nginx's. Also measures
# readiness time on an existing database and resident memory. Usage: Benchmarks/server.sh [POSTGRES_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product plantrack >/dev/null
bin=$(swift build -c release --show-bin-path)/plantrack
work=$(mktemp -d /tmp/plantrack-bench.XXXXXX)
"$bin" bench-data --scale full --seed 7 --out "$work/full" >/dev/null

measure() {  # name port [database-url]
  local name=$1 port=$2 db=${3:-}
  local args=(--data-dir "$work/data-$name")
  [ -n "$db" ] && args+=(--database "$db")
  echo "== $name: loading the full workload"
  /usr/bin/time -f "   load-data: %e s, max RSS %M KB" "$bin" load-data --observations "$work/full/observations.csv" "${args[@]}"
  local start=$(date +%s.%N)
  "$bin" serve --port "$port" "${args[@]}" >"$work/serve-$name.log" 2>&1 &
  local pid=$!
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.02; done
  echo "   ready on an existing database in $(echo "$(date +%s.%N) - $start" | bc) s"
  curl -sf "http://127.0.0.1:$port/" >/dev/null && curl -sf "http://127.0.0.1:$port/targets/C02-2" >/dev/null
  for path in / /targets/C02-2; do
    echo "-- $name GET $path, 64 connections, 10 s"
    wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$port$path" | tee "$work/wrk-$name$(echo $path | tr / _).txt" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors"
  done
  # The anchor: nginx serving the same overview bytes from a file.
  mkdir -p "$work/nginx-$name/html"
  curl -sf "http://127.0.0.1:$port/" -o "$work/nginx-$name/html/index.html"
  cat >"$work/nginx-$name/nginx.conf" <<CONF
worker_processes 1; pid $work/nginx-$name/nginx.pid; error_log $work/nginx-$name/error.log; daemon on;
events { worker_connections 1024; }
http { access_log off; default_type text/html; server { listen 127.0.0.1:$((port + 100)); root $work/nginx-$name/html; } }
CONF
  nginx -c "$work/nginx-$name/nginx.conf" -p "$work/nginx-$name"
  echo "-- nginx, the same overview bytes, 64 connections, 10 s"
  wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$((port + 100))/" | tee "$work/wrk-nginx-$name.txt" | grep -E "Requests/sec|99%"
  nginx -c "$work/nginx-$name/nginx.conf" -p "$work/nginx-$name" -s stop 2>/dev/null
  ours=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-${name}_.txt")
  theirs=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-nginx-$name.txt")
  echo "   overview at $(echo "scale=1; 100 * $ours / $theirs" | bc) % of nginx's throughput for the same bytes"
  echo "   resident memory after load: $(grep VmRSS /proc/$pid/status | awk '{print $2}') KB (peak $(grep VmHWM /proc/$pid/status | awk '{print $2}') KB)"
  kill -INT $pid; wait $pid 2>/dev/null || true
}

measure sqlite 18090
if [ -n "${1:-}" ]; then measure postgresql 18091 "$1"; fi
rm -rf "$work"
