#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and prints the URL to use as POSTGRES_URL.
#   .ci/postgres.sh start DIR PORT   → initdb (as the postgres user), start on 127.0.0.1:PORT
#   .ci/postgres.sh stop DIR
# initdb and pg_ctl refuse to run as root, so both run as the `postgres` user on a folder it owns.
set -euo pipefail
action=${1:?start|stop}
dir=${2:?data folder}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=off" start >/dev/null
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres plantrack_test
    echo "postgres://postgres@127.0.0.1:$port/plantrack_test"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
    ;;
esac
