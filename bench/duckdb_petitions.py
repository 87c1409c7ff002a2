"""DuckDB peer: the same figures as pandas_petitions.py, in SQL.

Usage: python3 bench/duckdb_petitions.py DATA_DIR 2024-10
"""
import sys
import time

import duckdb

from common import petition_files, region_names

start = time.perf_counter()
folder, period = sys.argv[1], sys.argv[2]
year, month = int(period[:4]), int(period[5:7])
con = duckdb.connect()
con.execute("CREATE TABLE names(name VARCHAR, district VARCHAR)")
con.executemany("INSERT INTO names VALUES (?, ?)", list(region_names(folder).items()))
files = petition_files(folder)
parts = " UNION ALL ".join(
    f"SELECT *, {i} AS file_order FROM read_csv('{f}', all_varchar=true, header=true)" for i, f in enumerate(files))
result = con.execute(f"""
  WITH raw AS ({parts}),
  items AS (
    SELECT * EXCLUDE (rn) FROM (
      SELECT *, row_number() OVER (PARTITION BY "信访件编号" ORDER BY file_order DESC) AS rn FROM raw) WHERE rn = 1),
  ytd AS (
    SELECT n.district, CAST(substr("登记日期", 1, 10) AS DATE) AS received,
           COALESCE(NULLIF("人数", ''), '1')::INT AS persons, "信访形式" AS channel, "满意度" AS rating
    FROM items JOIN names n ON n.name = items."所属区县"
    WHERE year(CAST(substr("登记日期", 1, 10) AS DATE)) = {year}
      AND month(CAST(substr("登记日期", 1, 10) AS DATE)) <= {month})
  SELECT district,
         count(*) FILTER (WHERE month(received) = {month}) AS month,
         count(*) AS ytd, sum(persons) AS persons,
         count(*) FILTER (WHERE channel = '来访' AND persons >= 5) AS group_visits,
         100.0 * count(*) FILTER (WHERE rating IN ('满意', '基本满意'))
           / nullif(count(*) FILTER (WHERE rating IN ('满意', '基本满意', '不满意')), 0) AS satisfaction_rate
  FROM ytd GROUP BY district ORDER BY district""").fetchall()
elapsed = time.perf_counter() - start
for row in result:
    print(row)
print(f"duckdb load+aggregate: {elapsed:.3f} s")
