#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 (127.0.0.1:5432) and creates the test role and database, idempotently.
# Run as root. Prints the settings the PostgreSQL tests read, ready to eval:
#   eval "$(.ci/postgres.sh)"
# which exports SHAPE_TEST_POSTGRES_URL, SHAPE_TEST_POSTGRES_USER and SHAPE_TEST_POSTGRES_PASSWORD.
set -euo pipefail

VERSION=15
CLUSTER=main
ROLE=${SHAPE_TEST_POSTGRES_USER:-shape}
PASSWORD=${SHAPE_TEST_POSTGRES_PASSWORD:-shape}
DATABASE=shape_test
PORT=5432

if ! command -v pg_ctlcluster >/dev/null; then
  echo "pg_ctlcluster not found: install Debian's postgresql-$VERSION" >&2
  exit 1
fi

# Status 0 = running, 3 = down; anything else is a broken cluster we should not paper over.
if ! pg_ctlcluster "$VERSION" "$CLUSTER" status >/dev/null 2>&1; then
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

# Wait until it accepts connections (a fresh start takes a moment).
for _ in $(seq 1 50); do
  if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.2
done
runuser -u postgres -- pg_isready -h 127.0.0.1 -p "$PORT" >&2

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt -p "$PORT" "$@"; }

if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$ROLE'")" != "1" ]; then
  psql_admin -c "create role \"$ROLE\" login password '$PASSWORD'" >&2
else
  psql_admin -c "alter role \"$ROLE\" login password '$PASSWORD'" >&2
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DATABASE'")" != "1" ]; then
  psql_admin -c "create database \"$DATABASE\" owner \"$ROLE\"" >&2
fi

echo "export SHAPE_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$PORT/$DATABASE"
echo "export SHAPE_TEST_POSTGRES_USER=$ROLE"
echo "export SHAPE_TEST_POSTGRES_PASSWORD=$PASSWORD"
