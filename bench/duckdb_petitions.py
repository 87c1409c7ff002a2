"""DuckDB peer: the same figures as pandas_petitions.py in SQL over the same CSV files."""
import sys
import time

import duckdb

from peer_common import petition_files

folder, year, month = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
files = petition_files(folder)
con = duckdb.connect()
union = " UNION ALL ".join(
    f"SELECT *, {order} AS _file, row_number() OVER () AS _row FROM read_csv('{path}', all_varchar=true, header=true)"
    for order, path in enumerate(files)
)
query = f"""
WITH raw AS ({union}),
latest AS (
  SELECT * FROM raw QUALIFY row_number() OVER (PARTITION BY 信访件编号 ORDER BY _file DESC, _row DESC) = 1
),
items AS (
  SELECT 所属区县 AS district, CAST(登记日期 AS DATE) AS received, 信访形式 AS channel,
         COALESCE(CAST(NULLIF(人数, '') AS INTEGER), 1) AS persons, 满意度 AS sat
  FROM latest
),
ytd AS (SELECT *, month(received) = {month} AS is_month FROM items
        WHERE year(received) = {year} AND month(received) <= {month})
SELECT district,
  count(*) FILTER (WHERE is_month) AS items_month, count(*) AS items_ytd,
  sum(persons) FILTER (WHERE is_month) AS persons_month, sum(persons) AS persons_ytd,
  count(*) FILTER (WHERE is_month AND channel = '来访' AND persons >= 5) AS group_month,
  count(*) FILTER (WHERE channel = '来访' AND persons >= 5) AS group_ytd,
  count(*) FILTER (WHERE is_month AND sat IN ('满意','基本满意'))::DOUBLE
    / nullif(count(*) FILTER (WHERE is_month AND sat IN ('满意','基本满意','不满意')), 0) AS satisfaction_month,
  count(*) FILTER (WHERE sat IN ('满意','基本满意'))::DOUBLE
    / nullif(count(*) FILTER (WHERE sat IN ('满意','基本满意','不满意')), 0) AS satisfaction_ytd
FROM ytd GROUP BY district ORDER BY district
"""
result = con.execute(query).fetchdf()
elapsed = time.perf_counter() - start
print(result.to_string())
print(f"duckdb load+aggregate: {elapsed:.3f} s")
