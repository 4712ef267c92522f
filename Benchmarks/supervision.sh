#!/usr/bin/env bash
# Supervision at scale, on a release build, SQLite, loopback only: 5,000 tasks (a responsibility
# list imported with `plantrack tasks import`), 24 months of progress (2024-11 to 2026-10; the day is
# fixed at 2026-11-29, so November is open for the writers) for each task's lead unit
# (120,000 reports, loaded with `sqlite3 .import`, the anchor for a bulk load of the same rows),
# 2,000 supervision orders in every state with their history (also loaded with `.import`) and
# the alerts of all 163 reporting units. wrk reads for 10 s each, over one connection (how long a
# page takes to render) and over 16 (how the 2 cores share a crowd):
#   - the office's inbox page (every unit's digest), a city reporter's inbox page, the office's
#     inbox over the API (every alert, about 5 MB of JSON), a task page and the list;
#   - the office's order ledger (open orders, first page of 100), the whole ledger by age, an
#     order's page, and a city's ledger;
#   - the province's stocktake page (every task, order and alert of the province) and a city's;
#   - then the office's inbox page again while 4 writers report progress on tasks continuously
#     (every report changes the alerts' inputs, so alerts are computed again).
# nginx serving the office's inbox bytes is the anchor for the page. Prints throughput, p50/p99
# and memory. Usage: Benchmarks/supervision.sh PLANTRACK_BINARY
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/plantrack-supervision.XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
export PLANTRACK_BCRYPT_COST=4 PLANTRACK_TODAY=2026-11-29
store=(--data-dir "$work/data")
echo "admin-password-123" | "$bin" user add admin --role admin --password-stdin "${store[@]}" >/dev/null 2>&1
echo "city-password-123" | "$bin" user add jn --role reporter --unit 370100 --password-stdin "${store[@]}" >/dev/null 2>&1
python3 - "$work" <<'PY'
import csv, sys, sqlite3
work = sys.argv[1]
units = [r[0] for r in sqlite3.connect(f"{work}/data/plantrack.sqlite").execute("SELECT code FROM units ORDER BY position")]
with open(f"{work}/list.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "对应条款", "阶段节点"])
    for i in range(1, 5001):
        lead, support = units[i % len(units)], units[(i * 7) % len(units)]
        month = 1 + i % 12
        w.writerow([i, f"第{i}项年度工作任务：推进重点领域绿色低碳转型", lead, support if support != lead else "", f"2026年{month}月底", 1 + i % 160,
                    f"2026-{month:02d}-10 完成方案；2026-{month:02d}-20 组织实施"])
with open(f"{work}/progress.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    statuses = ["on_schedule", "on_schedule", "behind", "done", "blocked", "not_started"]
    for i in range(1, 5001):
        lead = units[i % len(units)]
        for k in range(24):
            year, month = 2024 + (10 + k) // 12, 1 + (10 + k) % 12  # 2024-11 … 2026-10
            period = f"{year}-{month:02d}"
            # First submitted between the 1st and the 9th of the next month (due on the 5th).
            nyear, nmonth = (year, month + 1) if month < 12 else (year + 1, 1)
            first = f"{nyear}-{nmonth:02d}-{1 + (i + k) % 9:02d}T02:00:00.000Z"
            w.writerow([f"2026-{i}", lead, period, statuses[(i + k) % 6], ["high", "medium_high", "medium_low", "low"][(i + k) % 4],
                        "按计划推进，本月完成阶段性工作。", "approved" if k < 23 else "submitted", "", "bench", "2026-11-29T00:00:00.000Z", "bench", "bench",
                        first])
statuses = ["issued", "signed", "answered", "returned", "closed", "closed"]
levels = ["general", "general", "key", "listed"]
import datetime
day = lambda d: (datetime.date(2026, 6, 1) + datetime.timedelta(days=d)).isoformat()
with open(f"{work}/orders.csv", "w", newline="", encoding="utf-8") as f, open(f"{work}/events.csv", "w", newline="", encoding="utf-8") as g:
    w, e = csv.writer(f), csv.writer(g)
    for i in range(1, 2001):
        state, issued = statuses[i % 6], i % 150
        w.writerow([f"2026-{i}", 2026, i, units[i % len(units)], "task", f"2026-{i}", f"第{i}号督办事项：重点任务推进滞后", "十日内报送整改措施和时间表",
                    levels[i % 4], day(issued + 10 + i % 170), state, "office", "370000", day(issued), day(issued + 20) if state == "closed" else "",
                    "", "2026-11-29T00:00:00.000Z"])
        e.writerow([f"2026-{i}", 1, "2026-11-29T00:00:00.000Z", "office", "370000", "issue", ""])
        if state != "issued":
            e.writerow([f"2026-{i}", 2, "2026-11-29T00:00:00.000Z", "bench", units[i % len(units)], "answer", "已制定整改方案并推进落实。"])
PY
/usr/bin/time -f "   tasks import (5,000 rows, one transaction): %e s, max RSS %M KB" "$bin" tasks import "$work/list.csv" --year 2026 "${store[@]}" >/dev/null
/usr/bin/time -f "   sqlite3 .import of 120,000 progress reports: %e s" sqlite3 "$work/data/plantrack.sqlite" ".mode csv" ".import $work/progress.csv task_progress"
# The list was issued at the start of the year: its tasks owe a report every month.
sqlite3 "$work/data/plantrack.sqlite" "UPDATE work_tasks SET listed_on = '2026-01-01'"
sqlite3 "$work/data/plantrack.sqlite" ".mode csv" ".import $work/orders.csv supervision_orders" ".import $work/events.csv order_events"
"$bin" serve --port 18390 "${store[@]}" >"$work/serve.log" 2>&1 &
pid=$!
pids+=($pid)
until curl -sf "http://127.0.0.1:18390/readyz" >/dev/null; do sleep 0.05; done
token() { curl -sf -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" http://127.0.0.1:18390/api/v1/session | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
office=$(token admin admin-password-123)
city=$(token jn city-password-123)
start=$(date +%s.%N)
curl -sf -H "Authorization: Bearer $office" http://127.0.0.1:18390/inbox -o "$work/inbox.html"
echo "   first office inbox (alerts computed): $(echo "$(date +%s.%N) - $start" | bc) s, $(wc -c <"$work/inbox.html") bytes, $(grep -c 'class="alert ' "$work/inbox.html") alerts listed"
echo "   alerts in all: $(curl -sf -H "Authorization: Bearer $office" http://127.0.0.1:18390/api/v1/inbox | python3 -c 'import json,sys; print(sum(len(d["alerts"]) for d in json.load(sys.stdin)))')"
run() {  # label token path connections
  echo "-- $1, $4 connection(s), 10 s"
  wrk -t1 -c"$4" -d10s --timeout 10s --latency -H "Authorization: Bearer $2" "http://127.0.0.1:18390$3" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" | sed 's/^/   /'
}
for c in 1 16; do
  run "office inbox page" "$office" /inbox $c
  run "city reporter inbox page" "$city" /inbox $c
  run "task page" "$office" /tasks/2026-100 $c
done
run "office inbox API" "$office" /api/v1/inbox 1
run "the list of 5,000 tasks" "$office" /tasks 1
echo "   open orders: $(curl -sf -H "Authorization: Bearer $office" "http://127.0.0.1:18390/api/v1/orders" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') of 2,000"
for c in 1 16; do
  run "office order ledger (open, first 100)" "$office" /orders $c
done
run "the whole ledger by age (page 7)" "$office" "/orders?show=all&sort=age&page=7" 1
run "an order's page" "$office" /orders/2026-1001 1
run "a city's ledger" "$city" "/orders?show=all" 1
for scope in province 370100; do
  curl -sf -X POST -H "Authorization: Bearer $office" -H 'Content-Type: application/json' -d "{\"date\":\"2026-11-29\",\"scope\":\"$scope\"}" \
    http://127.0.0.1:18390/api/v1/stocktakes >/dev/null
done
run "the province's stocktake page" "$office" /stocktakes/2026-11-29-province 1
run "the province's stocktake page" "$office" /stocktakes/2026-11-29-province 16
run "Jinan's stocktake page" "$office" /stocktakes/2026-11-29-370100 1
mkdir -p "$work/nginx/html" && cp "$work/inbox.html" "$work/nginx/html/index.html"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log; daemon on;
events { worker_connections 1024; }
http { access_log off; default_type text/html; server { listen 127.0.0.1:18490; root $work/nginx/html; } }
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
for c in 1 16; do
  echo "-- nginx, the office inbox's bytes, $c connection(s), 10 s"
  wrk -t1 -c$c -d10s --latency http://127.0.0.1:18490/ | grep -E "Requests/sec|99%" | sed 's/^/   /'
done
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -s stop 2>/dev/null || true
echo "-- office inbox page while 4 writers report progress, 1 connection, 10 s"
python3 - "$office" "$work/data/plantrack.sqlite" <<'PY' &
import json, sqlite3, sys, threading, time, urllib.request
token, stop = sys.argv[1], time.time() + 11
units = [r[0] for r in sqlite3.connect(sys.argv[2]).execute("SELECT code FROM units ORDER BY position")]
done, failed, times = [0], [0], []
def writer(n):
    i = 1 + n
    while time.time() < stop:
        body = json.dumps({"unit": units[i % len(units)], "status": "on_schedule", "confidence": "high", "narrative": f"第{i}次"}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:18390/api/v1/tasks/2026-{i}/progress", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
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
wrk -t1 -c1 -d10s --timeout 10s --latency -H "Authorization: Bearer $office" http://127.0.0.1:18390/inbox | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" | sed 's/^/   /'
wait $writers
echo "   resident memory: $(grep VmRSS /proc/$pid/status | awk '{print $2}') KB (peak $(grep VmHWM /proc/$pid/status | awk '{print $2}') KB)"
