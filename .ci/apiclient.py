"""The JSON API calls the end-to-end scripts share: `call(base, method, path, body, token)` returns
(status, parsed JSON or None) — or the raw bytes with raw=True — whatever the status."""
import json, urllib.error, urllib.request


def call(base, method, path, body=None, token=None, raw=False):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, data = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, data = error.code, error.read()
    if raw:
        return status, data
    try:
        return status, json.loads(data) if data else None
    except ValueError:
        return status, None
