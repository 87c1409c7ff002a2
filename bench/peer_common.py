"""Shared helpers of the peer benchmarks: the petition files in natural path order and the
report period (the latest month in the employment/insurance data, as minsheng infers it)."""
import glob
import os
import re


def natural_key(path):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)]


def petition_files(folder):
    files = glob.glob(os.path.join(folder, "信访", "**", "*.csv"), recursive=True)
    return sorted(files, key=lambda f: natural_key(os.path.relpath(f, folder)))


def report_period(year, month):
    return year, month
