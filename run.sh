#!/usr/bin/env bash
# Sets up what is missing and runs DiaBan on the embedded default: a private PostGIS under .diaban/, seeded with demo data.
# Open http://127.0.0.1:5080 (DIABAN_URLS overrides). With DIABAN_DB or ConnectionStrings:DiaBan it uses that server instead.
# Runs the Production environment (no exception detail in answers); DIABAN_ENV=Development asks for the developer pages.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prereqs.sh
need_dotnet
need_postgis
need_apt chromium fonts-noto-core   # prints the report PDFs (/reports, /api/reports/{period}.pdf)
need_web_packages
echo "==> building" >&2
dotnet build src/Web/DiaBan.Web.csproj -c Release -v q -nologo -clp:ErrorsOnly
export DIABAN_URLS="${DIABAN_URLS:-http://127.0.0.1:5080}"
echo "==> DiaBan at $DIABAN_URLS (Ctrl+C to stop)" >&2
# --no-launch-profile: launchSettings.json would switch to Development
export ASPNETCORE_ENVIRONMENT="${DIABAN_ENV:-Production}"
echo "==> environment $ASPNETCORE_ENVIRONMENT" >&2
exec dotnet run --project src/Web/DiaBan.Web.csproj -c Release --no-build --no-launch-profile
