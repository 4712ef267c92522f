#!/usr/bin/env bash
# Schemathesis against the server's own OpenAPI document, as an administrator (so the write
# operations are reached): every generated request, valid or not, must get an answer that is
# not a server error (5xx).
#   .ci/schemathesis.sh BIN WORK_DIR [DATABASE_URL]
set -euo pipefail
bin=$1 work=$2 db=${3:-}
mkdir -p "$work"
store=(--data-dir "$work/data")
[ -n "$db" ] && store=(--database "$db")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password="schemathesis-Passw0rd"
echo "$password" | "$bin" user add admin --role admin --password-stdin "${store[@]}" >/dev/null
PLANTRACK_DELIVERY_SECONDS=0 "$bin" serve --port "$port" "${store[@]}" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.5; done
session=$(curl -sf -X POST -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/session" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
# An API token: unlike the session, it survives the DELETE /api/v1/session that the run sends.
token=$(curl -sf -X POST -H "Authorization: Bearer $session" -H 'Content-Type: application/json' -d '{"label":"schemathesis"}' \
  "$base/api/v1/tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
st run "$base/api/v1/openapi.json" -H "Authorization: Bearer $token" --checks not_a_server_error \
  --phases examples,coverage,fuzzing -n 15 --seed 20261205 --request-timeout 30 -w 2 --report junit --report-dir "$work/report"
grep -q '"status":"5' "$work/serve.log" && { grep '"status":"5' "$work/serve.log" | head -5; exit 1; }
echo "schemathesis: no server errors"
