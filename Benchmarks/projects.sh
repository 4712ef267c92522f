#!/usr/bin/env bash
# The major-project library at scale, on a release build, SQLite or (given a URL to an empty
# database) PostgreSQL, loopback only: 20,000 projects declared for 2023 (`plantrack bench-data
# --projects 20000 --months 36`, declared with `plantrack projects declare`, all admitted and the
# list published) and 36 months of dispatch reports, 2023-11 to 2026-10 (the day is fixed at
# 2026-11-29), each month imported with `plantrack projects report` and approved — 720,000 reports.
# Timed: the declaration of 20,000 rows; the import of the last month's 20,000 reports, against the
# anchor of `sqlite3 .import` (or `psql \copy`) of the same CSV into a table of the same columns;
# its approval. Then wrk reads for 10 s each over one connection and over 16: the list's first
# page, the list filtered by city and sector, red projects page 3, one project's page, the
# roll-ups by city, sector, article and target, the list over the API; then the list and the
# city roll-up again while 4 writers report projects one by one (every report moves the library
# on, so colours are computed again). nginx serving the list's bytes is the anchor for the pages.
# Usage: Benchmarks/projects.sh PLANTRACK_BINARY [POSTGRES_URL]
set -euo pipefail
bin=$(realpath "$1")
url=${2:-}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/plantrack-projects.XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
export PLANTRACK_BCRYPT_COST=4 PLANTRACK_TODAY=2026-11-29
store=(--data-dir "$work/data")
[ -n "$url" ] && store+=(--database "$url")
echo "== $( [ -n "$url" ] && echo PostgreSQL || echo SQLite )"
echo "admin-password-123" | "$bin" user add admin --role admin --password-stdin "${store[@]}" >/dev/null 2>&1
"$bin" bench-data --scale province --out "$work/gen" --projects 20000 --months 36 --through 2026-10 | tail -1 | sed 's/^/   /'
"$bin" projects open-window 2023 --opens 2026-11-01 --closes 2026-12-31 --criteria "基准测试" "${store[@]}" 2>/dev/null | sed 's/^/   /'
/usr/bin/time -f "   projects declare (20,000 rows, one transaction): %e s, max RSS %M KB" \
  "$bin" projects declare "$work/gen/projects.csv" --year 2023 --format csv "${store[@]}" 2>&1 >/dev/null | grep -v " info " | tail -2
"$bin" projects admit --year 2023 --all "${store[@]}" 2>/dev/null | sed 's/^/   /'
"$bin" projects publish 2023 "${store[@]}" 2>/dev/null | sed 's/^/   /'
months=$(ls "$work/gen" | sed -n 's/^reports-\(.*\)\.csv$/\1/p' | sort)
last=$(echo "$months" | tail -1)
start=$(date +%s.%N)
for m in $(echo "$months" | head -n -1); do
  "$bin" projects report "$work/gen/reports-$m.csv" "${store[@]}" >/dev/null 2>&1 || { echo "report $m failed"; "$bin" projects report "$work/gen/reports-$m.csv" "${store[@]}" | tail -3; exit 1; }
  "$bin" projects approve --month "$m" "${store[@]}" >/dev/null 2>&1
done
echo "   35 months imported and approved (700,000 reports): $(echo "$(date +%s.%N) - $start" | bc) s"
/usr/bin/time -f "   projects report, one month (20,000 rows, the whole command): %e s, max RSS %M KB" \
  "$bin" projects report "$work/gen/reports-$last.csv" "${store[@]}" 2>&1 >/dev/null | grep -v " info " | tail -1
if [ -z "$url" ]; then
  db="$work/data/plantrack.sqlite"
  sqlite3 "$db" "CREATE TABLE anchor (code TEXT, month TEXT, investment_month DOUBLE PRECISION, investment_to_date DOUBLE PRECISION, investment_year DOUBLE PRECISION, progress DOUBLE PRECISION, milestones TEXT, PRIMARY KEY (code, month))"
  /usr/bin/time -f "   anchor, sqlite3 .import of the same CSV into a keyed table: %e s" sqlite3 "$db" ".mode csv" ".import --skip 1 $work/gen/reports-$last.csv anchor"
  echo "   reports stored: $(sqlite3 "$db" 'SELECT COUNT(*) FROM project_reports')"
else
  psql -q "$url" -c "CREATE TABLE anchor (code TEXT, month TEXT, investment_month DOUBLE PRECISION, investment_to_date DOUBLE PRECISION, investment_year DOUBLE PRECISION, progress DOUBLE PRECISION, milestones TEXT, PRIMARY KEY (code, month))"
  /usr/bin/time -f "   anchor, psql \\copy of the same CSV into a keyed table: %e s" psql -q "$url" -c "\\copy anchor FROM '$work/gen/reports-$last.csv' CSV HEADER"
  echo "   reports stored: $(psql -tA "$url" -c 'SELECT COUNT(*) FROM project_reports')"
fi
/usr/bin/time -f "   projects approve, that month (20,000 reports, then the fed indicators): %e s" \
  "$bin" projects approve --month "$last" "${store[@]}" 2>&1 >/dev/null | grep -v " info " | tail -1
"$bin" serve --port 18391 "${store[@]}" >"$work/serve.log" 2>&1 &
pid=$!
pids+=($pid)
until curl -sf "http://127.0.0.1:18391/readyz" >/dev/null; do sleep 0.05; done
start=$(date +%s.%N)
curl -sf "http://127.0.0.1:18391/projects" -o "$work/list.html"
echo "   first list (the library read and every colour computed): $(echo "$(date +%s.%N) - $start" | bc) s, $(wc -c <"$work/list.html") bytes"
code=$(grep -o '/projects/2023-[0-9-]*' "$work/list.html" | head -1 | cut -d/ -f3)
token=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"username":"admin","password":"admin-password-123"}' http://127.0.0.1:18391/api/v1/session | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
run() {  # label path connections
  echo "-- $1, $3 connection(s), 10 s"
  wrk -t1 -c"$3" -d10s --timeout 10s --latency "http://127.0.0.1:18391$2" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" | sed 's/^/   /'
}
for c in 1 16; do
  run "the list, first page of 100 of 20,000" /projects $c
  run "the list, a city and a sector" "/projects?city=370100&sector=equipment" $c
  run "red projects, page 3" "/projects?rag=red&page=3" $c
  run "one project's page (36 reports)" "/projects/$code" $c
  run "roll-up by city" "/projects/rollup?by=city" $c
done
for by in sector article target; do run "roll-up by $by" "/projects/rollup?by=$by" 1; done
run "the list over the API (50 per page)" "/api/v1/projects?city=370200" 1
mkdir -p "$work/nginx/html" && cp "$work/list.html" "$work/nginx/html/index.html"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log; daemon on;
events { worker_connections 1024; }
http { access_log off; default_type text/html; server { listen 127.0.0.1:18491; root $work/nginx/html; } }
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
for c in 1 16; do
  echo "-- nginx, the list's bytes, $c connection(s), 10 s"
  wrk -t1 -c$c -d10s --latency http://127.0.0.1:18491/ | grep -E "Requests/sec|50%|99%" | sed 's/^/   /'
done
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -s stop 2>/dev/null || true
for path in /projects "/projects/rollup?by=city"; do
  echo "-- $path while 4 writers report projects one by one, 1 connection, 10 s"
  python3 - "$token" "$work/gen/projects.csv" <<'PY' &
import sys, threading, time, urllib.request
token, stop = sys.argv[1], time.time() + 11
codes = [line.split(",")[0] for line in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]]
done, failed, times = [0], [0], []
def writer(n):
    i = n
    while time.time() < stop:
        body = f"项目代码,月份,本月完成投资（万元）,累计完成投资（万元）,当年累计完成投资（万元）,形象进度（%）\n{codes[i]},2026-11,{i % 50},{1000 + i % 50},{500 + i % 50},{50 + i % 40}\n".encode()
        req = urllib.request.Request("http://127.0.0.1:18391/api/v1/projects/reports", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"})
        t = time.time()
        try:
            urllib.request.urlopen(req, timeout=10).read(); done[0] += 1
        except Exception:
            failed[0] += 1
        times.append(time.time() - t)
        i += 4
threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
times.sort()
print(f"   writes: {done[0]} saved, {failed[0]} refused or failed, p50 {1000 * times[len(times) // 2]:.0f} ms, p99 {1000 * times[int(len(times) * 0.99)]:.0f} ms")
PY
  writers=$!
  wrk -t1 -c1 -d10s --timeout 10s --latency "http://127.0.0.1:18391$path" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" | sed 's/^/   /'
  wait $writers
done
echo "   resident memory: $(grep VmRSS /proc/$pid/status | awk '{print $2}') KB (peak $(grep VmHWM /proc/$pid/status | awk '{print $2}') KB)"
