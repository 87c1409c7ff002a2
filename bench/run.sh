#!/usr/bin/env bash
# Runs minsheng's bench and the Python peers on the same generated data and prints the ratios.
# Usage: bench/run.sh [petitions-per-year] [seed]   (run from the repository root)
set -euo pipefail
size=${1:-100000}
seed=${2:-42}
work=${WORK:-bench-work}
bin=.build/release/minsheng
[ -x "$bin" ] || swift build -c release
json=$(mktemp)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" bench --petitions "$size" --seed "$seed" --work "$work" --json "$json"
data=$(realpath "$work/petitions-$size-seed-$seed")
# The sample's report period is its export month (2024-10 by default).
year=2024 month=10
py() { (cd bench && python3 "$@"); }
duck=$(py duckdb_petitions.py "$data" $year $month | tail -1 | sed -E 's/.*: ([0-9.]+) s.*/\1/')
pand=$(py pandas_petitions.py "$data" $year $month | tail -1 | sed -E 's/.*: ([0-9.]+) s.*/\1/')
out=$(mktemp -d)
e2e=$(py pandas_report.py "$data" $year $month "$out" | tail -1 | sed -E 's/.*: ([0-9.]+) s.*/\1/')
rm -rf "$out"
python3 - "$json" "$duck" "$pand" "$e2e" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))[0]
duck, pand, e2e = map(float, sys.argv[2:5])
phase = {p["name"]: p["seconds"] for p in result["phases"]}
load = phase["read+validate"] + phase.get("indicators", 0)
print(f"minsheng load+aggregate (read+validate+indicators): {load:.3f} s")
print(f"DuckDB load+aggregate: {duck:.3f} s   ratio minsheng/DuckDB = {load / duck:.2f}")
print(f"pandas load+aggregate: {pand:.3f} s   ratio minsheng/pandas = {load / pand:.2f}")
print(f"minsheng end-to-end: {phase['total']:.3f} s; pandas+XlsxWriter+matplotlib: {e2e:.3f} s"
      f"   ratio = {phase['total'] / e2e:.2f}")
PY
rm -f "$json"
