"""pandas + XlsxWriter + matplotlib peer for the end-to-end comparison: the figures of
pandas_petitions.py written as a one-sheet workbook of by-district figures and one bar chart."""
import os
import subprocess
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

folder, year, month, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
start = time.perf_counter()
here = os.path.dirname(os.path.abspath(__file__))
# Reuse the aggregation by running it in-process.
sys.argv = [sys.argv[0], folder, str(year), str(month)]
namespace = {}
with open(os.path.join(here, "pandas_petitions.py"), encoding="utf-8") as source:
    code = compile(source.read(), "pandas_petitions.py", "exec")
sys.path.insert(0, here)
import contextlib, io  # noqa: E401,E402

with contextlib.redirect_stdout(io.StringIO()):
    exec(code, namespace)
result = namespace["result"]
os.makedirs(out, exist_ok=True)
with pd.ExcelWriter(os.path.join(out, "petitions.xlsx"), engine="xlsxwriter") as writer:
    result.to_excel(writer, sheet_name="信访分区县")
    writer.sheets["信访分区县"].set_column(0, len(result.columns), 14)
plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "DejaVu Sans"]
figure, axis = plt.subplots(figsize=(8, 4.5), dpi=150)
result["items_ytd"].plot.bar(ax=axis)
axis.set_title(f"{year}年1-{month}月 信访件数（分区县）")
figure.tight_layout()
figure.savefig(os.path.join(out, "petitions_by_district.png"))
elapsed = time.perf_counter() - start
print(f"pandas+xlsxwriter+matplotlib end-to-end: {elapsed:.3f} s")
