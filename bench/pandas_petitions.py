"""pandas peer: load every petition CSV, de-duplicate by 信访件编号 (the later file wins) and
compute by-district month and ytd counts, persons, group visits and satisfaction rate."""
import sys
import time

import pandas as pd

from peer_common import petition_files

folder, year, month = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
frames = []
for order, path in enumerate(petition_files(folder)):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["_file"] = order
    frame["_row"] = range(len(frame))
    frames.append(frame)
data = pd.concat(frames, ignore_index=True)
data = data.sort_values(["_file", "_row"]).drop_duplicates("信访件编号", keep="last")
received = pd.to_datetime(data["登记日期"], format="%Y-%m-%d")
data["persons"] = pd.to_numeric(data["人数"].replace("", "1")).astype(int)
data["y"] = received.dt.year
data["m"] = received.dt.month
ytd = data[(data.y == year) & (data.m <= month)]
cur = ytd[ytd.m == month]
sat = ytd["满意度"]


def summary(frame):
    rated = frame["满意度"].isin(["满意", "基本满意", "不满意"])
    good = frame["满意度"].isin(["满意", "基本满意"])
    return pd.DataFrame(
        {
            "items": frame.groupby("所属区县").size(),
            "persons": frame.groupby("所属区县")["persons"].sum(),
            "group_visits": frame[(frame["信访形式"] == "来访") & (frame.persons >= 5)].groupby("所属区县").size(),
            "satisfaction": good.groupby(frame["所属区县"]).sum() / rated.groupby(frame["所属区县"]).sum(),
        }
    ).fillna(0)


result = summary(cur).add_suffix("_month").join(summary(ytd).add_suffix("_ytd"))
elapsed = time.perf_counter() - start
print(result.to_string())
print(f"pandas load+aggregate: {elapsed:.3f} s ({len(data)} distinct items)")
