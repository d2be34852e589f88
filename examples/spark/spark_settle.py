"""Settles a partitioned dataset of bills with the gongji wheel inside PySpark (local mode) and totals
them per region: bill count, refused count by error code, the sum of every money field.

Each line is passed verbatim to ``gongji.settle_json`` (the JSON-document entry: the very text the CLI's
``gongji settle FILE --lines`` gets), inside ``mapPartitions`` so that the library is imported once per
partition. Money goes from the settlement's decimal strings to Spark's ``DecimalType(38, 2)`` and is
summed by Spark: no float anywhere.

    python spark_settle.py DATASET --out totals.json

Prints one JSON line of timings: ``session_s`` (starting the JVM and the session) and ``job_s`` (reading,
settling and aggregating, with the session up).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from pyspark.sql import DataFrame, Row, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import DecimalType, LongType, StringType, StructField, StructType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import totals  # noqa: E402  (beside this file; shipped to the workers with addPyFile)

SCHEMA = StructType(
    [StructField("region", StringType(), False), StructField("code", StringType(), True),
     StructField("bills", LongType(), False)]
    + [StructField(f, DecimalType(38, 2), False) for f in totals.ALL_FIELDS]
)


def session() -> SparkSession:
    """A local session on every core, offline: no UI, no packages, the partition column kept a string."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[*]")
        .appName("gongji-batch-settle")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.sql.files.maxPartitionBytes", str(4 * 1024 * 1024))
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    spark.sparkContext.addPyFile(str(HERE / "totals.py"))
    return spark


def settle_partition(rows: Iterable[Row]) -> Iterator[tuple[Any, ...]]:
    """Settles each bill of a partition and yields one partial total per region and outcome: the
    outcome is ``None`` for settled bills (with their money summed) or the error code of refused ones.

    Summing inside the partition (a combiner, in exact ``Decimal``) sends a handful of rows to the JVM
    instead of one per bill; Spark adds the partial totals up in ``DecimalType(38, 2)``.
    """
    import gongji  # once per partition, in the worker

    partial: dict[tuple[str, str | None], totals.Total] = {}
    for row in rows:
        if not row.value.strip():
            continue  # the CLI skips blank lines too
        try:
            settlement = json.loads(gongji.settle_json(row.value))
        except gongji.GongjiError.Rejected as error:
            partial.setdefault((row.region, error.code.name), totals.empty())["bills"] += 1
            continue
        totals.add_settlement(partial.setdefault((row.region, None), totals.empty()), settlement)
    for (region, code), total in partial.items():
        yield (region, code, total["bills"]) + tuple(total["sums"][f] for f in totals.ALL_FIELDS)


def aggregate(spark: SparkSession, dataset: Path) -> DataFrame:
    """Per region and error code (null for settled bills): the count and the sum of every money field."""
    bills = spark.read.text(str(dataset))  # columns: value (the line), region (from region=… folders)
    partials = spark.createDataFrame(bills.rdd.mapPartitions(settle_partition), SCHEMA)
    sums = [F.sum(f).alias(f) for f in totals.ALL_FIELDS]
    return partials.groupBy("region", "code").agg(F.sum("bills").alias("bills"), *sums)


def collect(frame: DataFrame) -> dict[str, totals.Total]:
    """Folds the aggregated rows into the totals document's shape."""
    by_region: dict[str, totals.Total] = {}
    for row in frame.collect():
        total = by_region.setdefault(row["region"], totals.empty())
        total["bills"] += row["bills"]
        if row["code"] is not None:
            total["refused"][row["code"]] = row["bills"]
            continue
        for f in totals.ALL_FIELDS:
            total["sums"][f] += row[f]
    return by_region


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="where to write the totals (JSON)")
    args = parser.parse_args()
    started = time.perf_counter()
    spark = session()
    ready = time.perf_counter()
    by_region = collect(aggregate(spark, args.dataset.resolve()))
    done = time.perf_counter()
    spark.stop()
    args.out.write_text(totals.to_json(by_region), encoding="utf-8")
    bills = sum(t["bills"] for t in by_region.values())
    print(json.dumps({"bills": bills, "session_s": round(ready - started, 3), "job_s": round(done - ready, 3)}))


if __name__ == "__main__":
    main()
