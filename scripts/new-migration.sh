#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the diff from the existing
# migrations to prisma/schema.prisma. (`prisma migrate dev` fails offline on an empty SQLite file.)
set -euo pipefail
name=${1:?usage: npm run db:migration -- <name>}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DATABASE_URL="file:$tmp/current.db" npx tsx -e 'import("./services/db.ts").then(m => m.migrateSqlite(process.env.DATABASE_URL))'
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
sql=$(DATABASE_URL="file:$tmp/current.db" npx prisma migrate diff --from-schema-datasource prisma/schema.prisma --to-schema-datamodel prisma/schema.prisma --script)
if ! grep -q -E '^(CREATE|ALTER|DROP|INSERT|PRAGMA)' <<<"$sql"; then echo "schema.prisma has no changes"; exit 0; fi
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
echo "wrote $dir/migration.sql"
