#!/usr/bin/env bash
# Benchmarks DiaBan's spatial statistics against R spdep on the 11,163 pre-2025 communes and prints a markdown table.
# Usage (from anywhere): bench/Stats/run.sh [folder with communes_pre2025_national.geojson]   (default: ../shared/data/vn
# beside the repository). Env: BENCH_OUT (results folder, default a temp dir), ARTIFACTS (build output folder).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
vn="${1:-$root/../shared/data/vn}"
out="${BENCH_OUT:-$(mktemp -d -t diaban-stats-bench.XXXXXX)}"
artifacts="${ARTIFACTS:-/tmp/art-bench-stats}"
bench="$artifacts/bin/DiaBan.Bench.Stats/release/DiaBan.Bench.Stats.dll"

dotnet build "$root/bench/Stats" -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
echo "spdep ..." >&2
Rscript "$root/bench/Stats/spdep_bench.R" "$vn/communes_pre2025_national.geojson" "$out" >&2
echo "DiaBan, all cores ..." >&2
dotnet "$bench" run "$vn" --out "$out" --tag all-cores >&2
if command -v taskset >/dev/null; then
  echo "DiaBan, pinned to one core ..." >&2
  taskset -c 0 dotnet "$bench" run "$vn" --out "$out" --tag 1-core >&2
fi
dotnet "$bench" report --out "$out"
echo "(results in $out)" >&2
