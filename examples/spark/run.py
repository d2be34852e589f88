"""Batch settlement at scale, end to end: writes the bills, settles them with Spark (local mode) and with
the command line's batch mode on every core, requires the same totals to the cent, and reports bills per
second.

    python run.py --cli path/to/gongji [--bills 100000] [--runs 1] [--work DIR] [--jobs N]

Run it with a Python that has ``pyspark`` and the ``gongji`` wheel (``cargo xtask test-spark`` makes one).
Exits non-zero, printing both sides, when any total differs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import bills
import totals

HERE = Path(__file__).resolve().parent


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (Linux), else what the platform says."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def timed_script(args: list[str]) -> tuple[dict[str, Any], float]:
    """Runs one of the scripts beside this file; returns its JSON line of figures and its wall time."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=HERE, check=True, stdout=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


def spark_runs(dataset: Path, out: Path, runs: int) -> list[dict[str, float]]:
    """``runs`` fresh Spark jobs (a new JVM each): the job time and the whole process's wall time."""
    figures = []
    for _ in range(runs):
        line, wall = timed_script(["spark_settle.py", str(dataset), "--out", str(out)])
        figures.append({"job_s": line["job_s"], "session_s": line["session_s"], "process_s": round(wall, 3)})
        print(f"spark: {json.dumps(figures[-1])}", flush=True)
    return figures


def cli_runs(dataset: Path, cli: Path, out: Path, runs: int, jobs: int) -> list[dict[str, float]]:
    """``runs`` batch runs of the CLI over every file, ``jobs`` processes at a time."""
    figures = []
    for _ in range(runs):
        line, _ = timed_script(["cli_settle.py", str(dataset), "--cli", str(cli), "--out", str(out),
                                "--jobs", str(jobs)])
        figures.append({"cli_s": line["cli_s"], "sum_s": line["sum_s"]})
        print(f"cli: {json.dumps(figures[-1])}", flush=True)
    return figures


def rate(n: int, seconds: list[float]) -> dict[str, float]:
    """The median time of the runs and bills per second at that median."""
    median = statistics.median(seconds)
    return {"median_s": round(median, 2), "bills_per_s": round(n / median)}


def compare(spark_out: Path, cli_out: Path) -> dict[str, totals.Total]:
    """Both sides' totals; exits with every difference printed when they are not equal to the cent."""
    spark = totals.from_json(spark_out.read_text(encoding="utf-8"))
    cli = totals.from_json(cli_out.read_text(encoding="utf-8"))
    found = totals.differences(spark, cli, ("spark", "cli"))
    if found:
        print("\n".join(["totals differ:", *found]), file=sys.stderr)
        raise SystemExit(1)
    # The comparison must be able to fail: one cent more in one region's field is a difference.
    region = min(cli)
    cli[region]["sums"]["psn_cash_pay"] += Decimal("0.01")
    if len(totals.differences(spark, cli, ("spark", "cli"))) != 2:  # the region's and the overall line
        raise SystemExit("the totals comparison missed a one-cent difference")
    return spark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", type=Path, required=True, help="the gongji executable (a release build)")
    parser.add_argument("--bills", type=int, default=100_000, help="how many bills (100 000 at least for the report)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each side; the median is reported")
    parser.add_argument("--work", type=Path, default=HERE / "work", help="where the dataset and totals go")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="CLI processes at a time")
    args = parser.parse_args()
    dataset, spark_out, cli_out = args.work / "bills", args.work / "spark-totals.json", args.work / "cli-totals.json"
    bills.write(dataset, args.bills, parts=4)
    spark = spark_runs(dataset, spark_out, args.runs)
    cli = cli_runs(dataset, args.cli.resolve(), cli_out, args.runs, args.jobs)
    by_region = compare(spark_out, cli_out)
    everything = totals.overall(by_region)
    report = {
        "cpu": cpu_model(), "cores": os.cpu_count(), "bills": args.bills, "runs": args.runs,
        "dataset_sha256": bills.digest(dataset),
        "refused": everything["refused"], "regions": len(by_region),
        "cli_all_cores": rate(args.bills, [f["cli_s"] for f in cli]),
        "spark_job_without_jvm_start": rate(args.bills, [f["job_s"] for f in spark]),
        "spark_with_jvm_start": rate(args.bills, [f["process_s"] for f in spark]),
    }
    (args.work / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"totals equal to the cent in {len(by_region)} regions and overall "
          f"({args.bills} bills, {sum(everything['refused'].values())} refused)")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
