#!/usr/bin/env python3
"""Times data collection against a running PlanTrack server: a 20,608-row CSV import for the
statistics bureau (64 monthly series since 2000; dry run,
new, unchanged), and all 153 regions saving, submitting and being approved at once.
Usage: import_load.py BASE_URL ADMIN_PASSWORD"""
import sys, time
from concurrent.futures import ThreadPoolExecutor
from benchhttp import Client

base, admin_pw = sys.argv[1].rstrip("/"), sys.argv[2]

client = Client(base)
call, login = client.call, client.login

admin = login("admin", admin_pw)
_, indicators = call("GET", "/api/v1/indicators?per_page=500")
keys = [item["key"] for item in indicators["items"]][:64]
entries = [{"indicator_key": k, "frequency": "monthly", "first_year": 2000, "due_days": 15, "lock_days": 20000} for k in keys]
status, _ = call("PUT", "/api/v1/units/dept-stats/calendar", admin, {"entries": entries})
assert status == 200
lines = ["indicator_key,period,value,comment"]
for i, key in enumerate(keys):
    for year in range(2000, 2027):
        for month in range(1, 13):
            if year == 2026 and month > 10:
                continue
            lines.append(f"{key},{year}-{month:02d},{40 + (i + month) % 9},月报")
csv = ("\n".join(lines) + "\n").encode()
rows = len(lines) - 1

for label, query in [("dry run", "?dry_run=true"), ("new", ""), ("unchanged", "")]:
    start = time.perf_counter()
    status, body = call("POST", "/api/v1/units/dept-stats/imports" + query, admin, csv, "text/csv")
    elapsed = time.perf_counter() - start
    assert status == 200, (status, str(body)[:300])
    print(f"import {rows} rows, {label}: {elapsed:.2f} s (new {body['new']}, changed {body['changed']}, unchanged {body['unchanged']})")

_, units = call("GET", "/api/v1/units")
regions = [u["code"] for u in units if u["kind"] == "region"]
def make(region):
    call("POST", "/api/v1/users", admin, {"username": f"load-{region}", "unit_code": region, "role": "reporter", "password": f"load-password-{region}"})
    return region, login(f"load-{region}", f"load-password-{region}")
with ThreadPoolExecutor(64) as pool:
    tokens = dict(pool.map(make, regions))
def keys_of(region):
    status, periods = call("GET", f"/api/v1/units/{region}/calendar", tokens[region])
    found = [p["indicators"] for p in periods if p["period"] == "2025"] if status == 200 else []
    assert found, (region, status, str(periods)[:300])
    return region, found[0]
with ThreadPoolExecutor(64) as pool:
    due = dict(pool.map(keys_of, regions))
def submit(region):
    values = [{"indicator_key": k, "value": 10 + i, "explanation": "负载测试"} for i, k in enumerate(due[region])]
    s1, b1 = call("POST", f"/api/v1/units/{region}/periods/2025/observations", tokens[region], {"values": values})
    s2, b2 = call("POST", f"/api/v1/units/{region}/periods/2025/submit", tokens[region])
    assert s1 == 200 and s2 == 200, (region, s1, b1, s2, b2)
def approve(region):
    status, body = call("POST", f"/api/v1/units/{region}/periods/2025/approve", admin)
    assert status == 200, (region, status, body)
start = time.perf_counter()
with ThreadPoolExecutor(64) as pool:
    list(pool.map(submit, regions))
submitted = time.perf_counter() - start
with ThreadPoolExecutor(64) as pool:
    list(pool.map(approve, regions))
total = time.perf_counter() - start
values = sum(len(v) for v in due.values())
print(f"153 regions at once over 64 connections: {values} values saved and submitted in {submitted:.2f} s, all approved after {total:.2f} s")
