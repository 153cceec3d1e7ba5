#!/usr/bin/env bash
# Fails when the model has changes that no migration captures, for either provider.
# Reads the build of the given configuration (default Release, as test.sh builds); builds when it is missing.
#   scripts/check-migrations.sh [Debug|Release]
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=${1:-Release}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/SatuAtap.Migrations.$provider
  echo "Checking $provider migrations against the model…"
  build=(--no-build)
  [ -f "$project/bin/$configuration/net10.0/SatuAtap.Migrations.$provider.dll" ] || build=()
  dotnet ef migrations has-pending-model-changes --project "$project" --startup-project "$project" \
    --configuration "$configuration" "${build[@]}"
done
