#!/bin/sh
# Restores one dump of pg-backup.sh into DATABASE_URL, which must be an empty database (create it first:
# `createdb aralin_restore`); it never overwrites data. All or nothing: one transaction, stop at the
# first error. docs/operations.md#back-up-and-restore-postgresql has the runbook.
#   DATABASE_URL=postgres://.../aralin_restore pg-restore.sh /backups/aralin-<stamp>.dump
set -eu

dump="${1:?usage: pg-restore.sh <dump file>}"
: "${DATABASE_URL:?set DATABASE_URL to the empty database to restore into}"
[ -r "$dump" ] || { echo "restore: cannot read $dump" >&2; exit 2; }
pg_restore --list "$dump" >/dev/null || { echo "restore: $dump is not a pg_dump archive" >&2; exit 2; }

tables="$(psql --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" --command \
  "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')")"
if [ "$tables" != 0 ]; then
  echo "restore: the target database already has $tables tables; restore into a new, empty database" >&2
  exit 1
fi

pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$DATABASE_URL" "$dump"
echo "restore: $dump restored"
