#!/usr/bin/env bash
# Sets up what is missing and runs every test: unit, PostGIS integration, CLI, API and headless-Chromium browser tests.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prereqs.sh
need_dotnet
need_postgis
need_apt chromium fonts-noto-core docker-compose proj-bin r-cran-spdep r-cran-sf poppler-utils
need_web_packages

echo "==> docker-compose.yml" >&2
DIABAN_DB_PASSWORD=check DIABAN_DB_OWNER_PASSWORD=check docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml is valid" >&2

# One private PostGIS cluster for the whole run (each test class makes its own database in it); stopped on exit.
export DIABAN_HOME="$PWD/.diaban/test"
stop_cluster() { dotnet "$cli" db stop >/dev/null 2>&1 || true; }
trap stop_cluster EXIT

echo "==> building" >&2
dotnet build DiaBan.sln -c Release -v q -nologo -clp:ErrorsOnly
cli="$PWD/src/Cli/bin/Release/net10.0/diaban.dll"

log=$(mktemp)
set +e
dotnet test DiaBan.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test assemblies, in the plain form CI reads.
awk '/(Passed|Failed)! +- +Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
