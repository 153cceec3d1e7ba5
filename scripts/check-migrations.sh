#!/usr/bin/env bash
# Fails when the model has changes that no migration captures, for either provider.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/SatuAtap.Migrations.$provider
  echo "Checking $provider migrations against the model…"
  dotnet ef migrations has-pending-model-changes --project "$project" --startup-project "$project" --no-build
done
