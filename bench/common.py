"""Shared helpers for the peer benchmarks (test tooling only, never part of the product)."""
import glob
import os
import re


def natural_key(path):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path)]


def petition_files(folder):
    files = glob.glob(os.path.join(folder, "**", "*.csv"), recursive=True)
    files = [f for f in files if "信访件编号" in open(f, encoding="utf-8-sig").readline()]
    return sorted(files, key=lambda f: natural_key(os.path.relpath(f, folder)))


def region_names(folder):
    """name or alias → district name, from regions.csv."""
    import csv
    mapping = {}
    with open(os.path.join(folder, "regions.csv"), encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if not row["上级代码"]:
                continue
            for name in [row["名称"], row["区划代码"]] + [a for a in row["别名"].split("|") if a]:
                mapping[name] = row["名称"]
    return mapping
