#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server on 127.0.0.1 (docs/stack.md), installing the Debian
# package where it is missing and we can; stops the server afterwards, also on failure.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing PostgreSQL (Debian package postgresql)…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  else
    echo "PostgreSQL is missing: install the Debian package 'postgresql' (apt-get install postgresql) and run again." >&2
    exit 1
  fi
fi
D=$(mktemp -d); PORT=${VETTED_TEST_PG_PORT:-54329}
chown postgres:postgres "$D"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$PGBIN/initdb" -D "$D" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$D" -l "$D/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT -k $D -c fsync=off" start >/dev/null
trap 'as_pg "$PGBIN/pg_ctl" -D "$D" -m fast stop >/dev/null 2>&1 || true; rm -rf "$D"' EXIT
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
"$@"
