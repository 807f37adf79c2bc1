#!/bin/sh
# One logical backup of Aralin's PostgreSQL: pg_dump (custom format, compressed, a consistent snapshot that
# blocks no writer) into BACKUP_DIR, checked readable by pg_restore before it counts, then dumps older than
# BACKUP_KEEP_DAYS removed. Run by the Compose "backup" service, the Ansible systemd timer and, with the
# same steps, the Kubernetes CronJob.
#   DATABASE_URL=postgres://... BACKUP_DIR=/backups [BACKUP_KEEP_DAYS=14] pg-backup.sh
set -eu

: "${DATABASE_URL:?set DATABASE_URL}"
: "${BACKUP_DIR:?set BACKUP_DIR}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
case "$keep_days" in '' | *[!0-9]*) echo "backup: BACKUP_KEEP_DAYS must be a number of days" >&2; exit 2 ;; esac

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
partial="$BACKUP_DIR/.aralin-$stamp.dump.partial"
dump="$BACKUP_DIR/aralin-$stamp.dump"
trap 'rm -f "$partial"' EXIT

pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$partial"
# A dump that pg_restore cannot list is no backup: fail now, not on the day of the restore.
pg_restore --list "$partial" >/dev/null
mv "$partial" "$dump"
echo "backup: wrote $dump ($(wc -c <"$dump") bytes)"

# Retention: only finished dumps count, and never the one just written.
find "$BACKUP_DIR" -maxdepth 1 -type f -name 'aralin-*.dump' -mtime +"$keep_days" ! -name "${dump##*/}" \
  -print -delete | sed 's/^/backup: removed /'
