#!/usr/bin/env bash
# Adds a migration with the same name to both providers (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh AddQueueTickets
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/SatuAtap.Migrations.$provider
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
