"""pandas + XlsxWriter + matplotlib peer: the by-district figures as a one-sheet workbook and one
chart, the comparable end-to-end job (a small part of what minsheng's report writes).

Usage: python3 bench/pandas_report.py DATA_DIR 2024-10 OUT_DIR
"""
import os
import sys
import time

start = time.perf_counter()
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from common import petition_files, region_names  # noqa: E402

folder, period, out = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
year, month = int(period[:4]), int(period[5:7])
frames = [pd.read_csv(f, encoding="utf-8-sig", dtype=str, keep_default_na=False) for f in petition_files(folder)]
items = pd.concat(frames, ignore_index=True).drop_duplicates("信访件编号", keep="last")
items["区县"] = items["所属区县"].map(region_names(folder))
received = pd.to_datetime(items["登记日期"].str.slice(0, 10))
cur = items[(received.dt.year == year) & (received.dt.month <= month)].groupby("区县").size()
prev = items[(received.dt.year == year - 1) & (received.dt.month <= month)].groupby("区县").size()
table = pd.DataFrame({"累计": cur, "去年同期": prev})
table["同比(%)"] = (table["累计"] - table["去年同期"]) / table["去年同期"] * 100
with pd.ExcelWriter(os.path.join(out, "peer.xlsx"), engine="xlsxwriter") as writer:
    table.to_excel(writer, sheet_name="各区县信访总量")
plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC"]
ax = table["累计"].plot.bar(figsize=(8, 4.5))
ax.set_title("各区县信访总量")
plt.tight_layout()
plt.savefig(os.path.join(out, "peer.png"), dpi=200)
print(f"pandas+xlsxwriter+matplotlib end-to-end: {time.perf_counter() - start:.3f} s")
