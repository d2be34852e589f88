"""The checker's side: the command line's batch mode over the same dataset, on every core.

``gongji settle FILE --lines`` runs once per file of the dataset, as many processes at a time as there
are cores; each writes one ``{"line": N, "output"|"error": …}`` a line. The outputs are then summed per
region (the ``region=…`` folder of the file) with the same ``totals`` as the Spark job.

    python cli_settle.py DATASET --cli path/to/gongji --out totals.json [--jobs N]

Prints one JSON line: ``cli_s`` (the wall time of the batch runs, all files, all cores) and ``sum_s``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool
from pathlib import Path

import totals

#: The CLI's exit statuses for a batch: 0 every line settled, 2 at least one line refused (on stdout).
BATCH_DONE = (0, 2)


def parts(dataset: Path) -> list[Path]:
    """The dataset's files, ``region=<code>/part-<k>.jsonl``, sorted."""
    return sorted(dataset.glob("region=*/*.jsonl"))


def settle_file(cli: Path, source: Path, target: Path) -> None:
    """One batch run: ``gongji settle SOURCE --lines > TARGET``."""
    with target.open("wb") as out:
        status = subprocess.run([str(cli), "settle", str(source), "--lines"], stdout=out).returncode
    if status not in BATCH_DONE:
        raise RuntimeError(f"{cli} settle {source} --lines exited with {status}")


def settle_all(cli: Path, files: list[Path], outputs: list[Path], jobs: int) -> float:
    """Runs every file through the CLI, ``jobs`` processes at a time; returns the wall time in seconds."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for done in [pool.submit(settle_file, cli, f, o) for f, o in zip(files, outputs)]:
            done.result()
    return time.perf_counter() - started


def region_of(source: Path) -> str:
    """``…/region=110000/part-00000.jsonl`` → ``110000``."""
    return source.parent.name.split("=", 1)[1]


def sum_output(job: tuple[Path, Path]) -> tuple[str, totals.Total]:
    """The totals of one batch output, tagged with its region."""
    source, output = job
    total = totals.empty()
    with output.open(encoding="utf-8") as lines:
        for line in lines:
            result = json.loads(line)
            if "error" in result:
                totals.add_refusal(total, result["error"]["code"])
            else:
                totals.add_settlement(total, result["output"])
    return region_of(source), total


def sum_all(files: list[Path], outputs: list[Path], jobs: int) -> dict[str, totals.Total]:
    """Sums every output (in ``jobs`` processes) and merges them per region."""
    with Pool(jobs) as pool:
        tagged = pool.map(sum_output, list(zip(files, outputs)))
    by_region: dict[str, totals.Total] = {}
    for region, total in tagged:
        totals.merge(by_region.setdefault(region, totals.empty()), total)
    return by_region


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--cli", type=Path, required=True, help="the gongji executable")
    parser.add_argument("--out", type=Path, required=True, help="where to write the totals (JSON)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes at a time")
    args = parser.parse_args()
    files = parts(args.dataset)
    if not files:
        raise SystemExit(f"{args.dataset}: no region=*/*.jsonl files")
    with tempfile.TemporaryDirectory(prefix="gongji-cli-") as scratch:
        outputs = [Path(scratch) / f"{region_of(f)}-{f.stem}.out" for f in files]
        cli_s = settle_all(args.cli, files, outputs, args.jobs)
        started = time.perf_counter()
        by_region = sum_all(files, outputs, args.jobs)
        sum_s = time.perf_counter() - started
    args.out.write_text(totals.to_json(by_region), encoding="utf-8")
    bills = sum(t["bills"] for t in by_region.values())
    print(json.dumps({"bills": bills, "jobs": args.jobs, "cli_s": round(cli_s, 3), "sum_s": round(sum_s, 3)}))


if __name__ == "__main__":
    main()
