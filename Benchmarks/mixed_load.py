#!/usr/bin/env python3
"""Publications under read load: units save, submit and are approved (then reopened) in a loop for
SECONDS while the caller runs wrk against the pages and the API. Prints write p50/p99/max and
failures. Loopback only, bounded in time.
Usage: mixed_load.py BASE_URL ADMIN_PASSWORD SECONDS [UNITS]"""
import sys, threading, time
from concurrent.futures import ThreadPoolExecutor
from benchhttp import Client

base, admin_pw, seconds = sys.argv[1].rstrip("/"), sys.argv[2], float(sys.argv[3])
unit_count = int(sys.argv[4]) if len(sys.argv) > 4 else 16

client = Client(base, timeout=30)
call, login = client.call, client.login

admin = login("admin", admin_pw)
_, units = call("GET", "/api/v1/units")
regions = [u["code"] for u in units if u["kind"] == "region" and u["code"].endswith("00")][:unit_count]
def make(region):
    call("POST", "/api/v1/users", admin, {"username": f"mix-{region}", "unit_code": region, "role": "reporter", "password": f"mix-password-{region}"})
    return region, login(f"mix-{region}", f"mix-password-{region}")
with ThreadPoolExecutor(16) as pool:
    tokens = dict(pool.map(make, regions))
due = {}
for region in regions:
    _, periods = call("GET", f"/api/v1/units/{region}/calendar", tokens[region])
    due[region] = [p["indicators"] for p in periods if p["period"] == "2025"][0]

latencies, failures, cycles = [], [], [0]
lock = threading.Lock()
deadline = time.perf_counter() + seconds

def timed(method, path, token, body=None):
    start = time.perf_counter()
    status, answer = call(method, path, token, body)
    elapsed = time.perf_counter() - start
    with lock:
        latencies.append(elapsed)
        if status not in (200, 201):
            failures.append((path, status, str(answer)[:200]))
    return status

def loop(region):
    token, n = tokens[region], 0
    while time.perf_counter() < deadline:
        n += 1
        values = [{"indicator_key": k, "value": 10 + i + n % 7, "explanation": "负载测试"} for i, k in enumerate(due[region])]
        body = {"values": values, "reason": "负载测试第 %d 轮" % n}
        timed("POST", f"/api/v1/units/{region}/periods/2025/observations", token, body)
        timed("POST", f"/api/v1/units/{region}/periods/2025/submit", token)
        timed("POST", f"/api/v1/units/{region}/periods/2025/approve", admin)
        timed("POST", f"/api/v1/units/{region}/periods/2025/reopen", admin, {"reason": "负载测试"})
        with lock:
            cycles[0] += 1

threads = [threading.Thread(target=loop, args=(r,)) for r in regions]
for t in threads: t.start()
for t in threads: t.join()
latencies.sort()
def pct(p): return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
print(f"writes: {len(latencies)} in {seconds:.0f} s by {len(regions)} units ({cycles[0]} save-submit-approve-reopen cycles, {cycles[0]} publications); "
      f"p50 {pct(0.5):.0f} ms, p99 {pct(0.99):.0f} ms, max {latencies[-1] * 1000 if latencies else 0:.0f} ms; failures {len(failures)}")
for failure in failures[:5]:
    print("   failed:", failure)
