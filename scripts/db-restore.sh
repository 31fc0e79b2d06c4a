#!/usr/bin/env bash
# Restore: scripts/db-restore.sh <file.dump> <postgres-url of an empty database>
# Into an empty database owned by the owner role, as the superuser, all or nothing (one transaction). The roles
# (owner, app, norvalt_system) must exist on the target server (README, "External Postgres"). Then run the
# migrate step of the version you deploy, and point DATABASE_URL at it.
set -euo pipefail
file=${1:?usage: db-restore.sh <file.dump> <postgres-url>}
url=${2:?usage: db-restore.sh <file.dump> <postgres-url>}
"${PG_BIN:+$PG_BIN/}pg_restore" --exit-on-error --single-transaction --dbname="$url" "$file"
echo "restored $file"
