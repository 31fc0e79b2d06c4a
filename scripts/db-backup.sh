#!/usr/bin/env bash
# Backup: scripts/db-backup.sh <postgres-url> <file.dump>
# A consistent snapshot in pg_dump's custom format (compressed; pg_restore can pick tables). Run it as the
# postgres superuser or a role with BYPASSRLS: forced row-level security makes pg_dump refuse for anyone else.
# PG_BIN selects the client binaries (they must be at least the server's major version).
set -euo pipefail
url=${1:?usage: db-backup.sh <postgres-url> <file.dump>}
file=${2:?usage: db-backup.sh <postgres-url> <file.dump>}
"${PG_BIN:+$PG_BIN/}pg_dump" --format=custom --compress=6 --file="$file" --dbname="$url"
echo "backup written: $file ($(du -h "$file" | cut -f1))"
