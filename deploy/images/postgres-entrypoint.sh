#!/bin/sh
# First start: initialise $PGDATA with POSTGRES_USER (password from POSTGRES_PASSWORD_FILE) and
# POSTGRES_DB, password logins from the network.  Every start: postgres in the foreground.
set -eu
user=${POSTGRES_USER:-postgres}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  initdb -D "$PGDATA" -U "$user" -E UTF8 --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="${POSTGRES_PASSWORD_FILE:?POSTGRES_PASSWORD_FILE names the password file}" \
    >/dev/null
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "${POSTGRES_DB:-$user}" != postgres ]; then
    echo "CREATE DATABASE \"${POSTGRES_DB:-$user}\" OWNER \"$user\";" |
      postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "postgres-entrypoint: initialised $PGDATA"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
