#!/usr/bin/env bash
# Runs minsheng's benchmark and the peers (DuckDB, pandas; pandas + XlsxWriter + matplotlib) on
# the same generated data. Usage: bench/run.sh [PETITIONS_PER_YEAR]   (default 100000)
# Needs: python3 -m pip install duckdb pandas xlsxwriter matplotlib  (bench tooling only)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-100000}"
swift build -c release --product minsheng >/dev/null
bin="$(swift build -c release --show-bin-path)/minsheng"
"$bin" bench --petitions "$size" --json "output/bench/minsheng-$size.json"
data="output/bench/petitions-$size-seed-42"
python3 bench/duckdb_petitions.py "$data" 2024-10 | tail -1
python3 bench/pandas_petitions.py "$data" 2024-10 | tail -1
python3 bench/pandas_report.py "$data" 2024-10 "output/bench/peer-$size" | tail -1
