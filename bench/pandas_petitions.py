"""pandas peer: by-district month and ytd counts, persons, group visits and satisfaction rate.

Usage: python3 bench/pandas_petitions.py DATA_DIR 2024-10
"""
import sys
import time

import pandas as pd

from common import petition_files, region_names

start = time.perf_counter()
folder, period = sys.argv[1], sys.argv[2]
year, month = int(period[:4]), int(period[5:7])
frames = [pd.read_csv(f, encoding="utf-8-sig", dtype=str, keep_default_na=False) for f in petition_files(folder)]
items = pd.concat(frames, ignore_index=True).drop_duplicates("信访件编号", keep="last")
items["区县"] = items["所属区县"].map(region_names(folder))
received = pd.to_datetime(items["登记日期"].str.slice(0, 10))
items["persons"] = pd.to_numeric(items["人数"].replace("", "1"))
ytd = items[(received.dt.year == year) & (received.dt.month <= month)]
this_month = ytd[pd.to_datetime(ytd["登记日期"].str.slice(0, 10)).dt.month == month]
group = (ytd["信访形式"] == "来访") & (ytd["persons"] >= 5)
rated = ytd["满意度"].isin(["满意", "基本满意", "不满意"])
good = ytd["满意度"].isin(["满意", "基本满意"])
result = pd.DataFrame({
    "month": this_month.groupby("区县").size(),
    "ytd": ytd.groupby("区县").size(),
    "persons": ytd.groupby("区县")["persons"].sum(),
    "group_visits": group.groupby(ytd["区县"]).sum(),
    "satisfaction_rate": good.groupby(ytd["区县"]).sum() / rated.groupby(ytd["区县"]).sum() * 100,
})
elapsed = time.perf_counter() - start
print(result.to_string())
print(f"pandas load+aggregate: {elapsed:.3f} s")
