#!/usr/bin/env bash
# Two `plantrack serve` processes on one PostgreSQL database behind nginx, configured from
# docs/deploy/nginx.conf (only the ports changed): the browser checks run through nginx, one
# process is killed with SIGKILL halfway, and the rest of the checks run on through the other.
#   .ci/e2e_scaleout.sh BIN DATABASE_URL WORK_DIR ADMIN_PASSWORD ARTIFACTS
set -euo pipefail
bin=$1 db=$2 work=$3 admin_pw=$4 shots=$5
root=$(cd "$(dirname "$0")/.." && pwd)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port_a=$(free_port) port_b=$(free_port) port_nginx=$(free_port)
mkdir -p "$work/nginx" "$shots"
pids=()
cleanup() { for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

start() {  # name port: a server process on the shared database, in the background
  PLANTRACK_TRUSTED_PROXY=1 PLANTRACK_DELIVERY_SECONDS=0 PLANTRACK_PUBLIC_URL="http://127.0.0.1:$port_nginx" \
    "$bin" serve --port "$2" --database "$db" >"$work/serve-$1.log" 2>&1 &
  pids+=($!)
}
ready() {  # name port: waits until the process answers /readyz
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$2/readyz" >/dev/null && return 0; sleep 0.5; done
  cat "$work/serve-$1.log"
  return 1
}
# Both start at once on the empty database, with the command that adds the administrator: one of
# the three migrates and seeds, the others wait for the setup lock and find it done.
start a "$port_a"
pid_a=$!
start b "$port_b"
echo "$admin_pw" | "$bin" user add admin --role admin --password-stdin --database "$db"
ready a "$port_a"
ready b "$port_b"

sed -e "s/127.0.0.1:8081/127.0.0.1:$port_a/; s/127.0.0.1:8082/127.0.0.1:$port_b/; s/listen 80;/listen 127.0.0.1:$port_nginx;/" \
  -e "/listen \[::\]:80;/d" "$root/docs/deploy/nginx.conf" >"$work/nginx/plantrack.conf"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
daemon off;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  include $work/nginx/plantrack.conf;
}
CONF
nginx -t -c "$work/nginx/nginx.conf"
nginx -c "$work/nginx/nginx.conf" &
pids+=($!)
base="http://127.0.0.1:$port_nginx"
for _ in $(seq 1 40); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.25; done

echo "== through nginx, both processes"
python3 "$root/.ci/e2e.py" "$base" "$shots"
python3 "$root/.ci/e2e_reporting.py" "$base" "$shots" "$admin_pw"
# Both processes answered writes (nginx alternates): the previews, sessions and CSRF tokens of
# one were honoured by the other.
for name in a b; do
  writes=$(grep -c '"message":"request".*"method":"POST"' "$work/serve-$name.log" || true)
  echo "process $name answered $writes POST requests"
  [ "$writes" -gt 0 ] || { echo "process $name answered no writes" >&2; exit 1; }
done

echo "== process a killed (SIGKILL)"
kill -9 "$pid_a"
python3 "$root/.ci/e2e_projects.py" "$base" "$shots" "$admin_pw"
curl -sf "$base/readyz" >/dev/null
grep -c "" "$work/nginx/access.log" | sed 's/^/nginx access lines: /'
echo "== scale-out checks passed"
