"""A deterministic batch of settle requests, written as a partitioned JSON Lines dataset.

Every field of bill ``i`` is enumerated from ``i`` (no randomness source): the same ``--bills N`` always
writes the same files, byte for byte. The bills take the shapes of the settle vectors
(tests/vectors/settle): six regions, outpatient, special outpatient, inpatient, pharmacy and premium
visits, class A/B/C items with pre-self-pay ratios and price limits, the own account, wallet and
in-province quotas (S-4, S-5, S-7), non-designated institutions (S-6), accumulators carried over (S-3).
Regions whose parameters are the national example are settled with ``"estimate": true`` (P-4). About
one bill in a hundred is deliberately malformed, so that the refused path is counted too.

Layout: ``OUT/region=<code>/part-<k>.jsonl``, one compact JSON document a line.

    python bills.py OUT --bills 100000 [--parts 4]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

REGIONS: tuple[str, ...] = ("110000", "330100", "370100", "420100", "430100", "440300")
#: Beijing has secondary (published) parameters for employees' outpatient and pharmacy bills: no estimate flag.
SECONDARY: tuple[str, ...] = ("110000",)
VISITS: tuple[str, ...] = ("outpatient", "inpatient", "pharmacy", "outpatient", "special_outpatient", "premium")
ITEMS: tuple[tuple[str, str, str], ...] = (
    ("甲类药", "a", "drug"),
    ("乙类药", "b", "drug"),
    ("支架", "b", "consumable"),
    ("丙类药", "c", "drug"),
    ("甲类诊疗", "a", "service"),
)
RATIOS: tuple[str, ...] = ("0.10", "0.15", "0.20")


def money(cents: int) -> str:
    """A money string with two decimal places from a whole number of cents."""
    return f"{cents // 100}.{cents % 100:02d}"


MASK = (1 << 64) - 1


def scramble(i: int, salt: int) -> int:
    """A well-spread, deterministic function of the index and a salt (SplitMix64's finaliser), so that
    choices made from different salts do not follow each other or the region."""
    z = (i * 0x9E3779B97F4A7C15 + salt * 0xD1B54A32D192ED03 + 1) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def pick(i: int, salt: int, n: int) -> int:
    """A choice among ``n`` for bill ``i``."""
    return scramble(i, salt) % n


def item(i: int, k: int) -> dict[str, Any]:
    """The ``k``-th item of bill ``i``: a class, a category and an amount from the index."""
    name, klass, category = ITEMS[pick(i, 10 + k, len(ITEMS))]
    cents = 500 + scramble(i, k) % 800_000
    doc: dict[str, Any] = {"name": name, "amount": money(cents), "class": klass, "category": category}
    if klass == "b":
        doc["preselfpay_ratio"] = RATIOS[pick(i, 20 + k, len(RATIOS))]
        if category == "consumable" and pick(i, 30 + k, 2) == 0:
            doc["price_limit"] = money(cents * 4 // 5)
    return doc


def patient(i: int, region: str) -> dict[str, Any]:
    """An employee (some retired) or a resident of the region."""
    doc: dict[str, Any] = {"id": f"P{i}", "scheme": "employee", "region": region, "enrollment": "active"}
    shape = pick(i, 1, 10)
    if shape < 2:
        doc["scheme"] = "resident"
    elif shape < 4:
        doc["retired"] = True
    return doc


def funds(i: int) -> list[dict[str, Any]]:
    """None, one or two sharers' quotas (S-5): wallet quotas with grant times, or an in-province sharer."""
    shape = pick(i, 2, 4)
    if shape == 0:
        return []
    first = {"sharer": f"S{i}a", "mode": "wallet", "available": money(scramble(i, 7) % 300_000),
             "granted_at": f"2025-0{1 + pick(i, 3, 6)}-01T09:00"}
    if shape == 1:
        return [first]
    if shape == 2:
        return [{"sharer": f"S{i}p", "mode": "in_province", "available": money(scramble(i, 8) % 200_000)}]
    second = {"sharer": f"S{i}b", "mode": "wallet", "available": money(scramble(i, 9) % 150_000),
              "granted_at": "2025-06-15T09:00"}
    return [first, second]


def visit(i: int, kind: str) -> dict[str, Any]:
    """The visit: a level for clinic and hospital visits; every 13th pharmacy is not designated (S-6)."""
    doc: dict[str, Any] = {"type": kind}
    if kind in ("outpatient", "inpatient", "special_outpatient"):
        doc["level"] = 1 + pick(i, 4, 3)
    if kind == "pharmacy" and pick(i, 6, 13) == 0:
        doc["designated"] = False
    return doc


def premium_bill(i: int, base: dict[str, Any]) -> dict[str, Any]:
    """S-7: a resident premium paid from the accounts, whole or not at all."""
    base["items"] = [{"name": "居民医保个人缴费", "amount": money(20_000 + pick(i, 11, 5) * 10_000), "category": "premium"}]
    return base


def bill(i: int) -> dict[str, Any]:
    """Bill number ``i`` (0-based); every ~100th is malformed on purpose (a level 4, an amount of 3 places)."""
    region = REGIONS[i % len(REGIONS)]
    kind = VISITS[(i // len(REGIONS)) % len(VISITS)]
    doc: dict[str, Any] = {"reference": f"SP-{i:07d}", "date": f"2025-{1 + pick(i, 12, 12):02d}-{1 + pick(i, 13, 28):02d}"}
    doc["patient"] = patient(i, region)
    published = region in SECONDARY and kind in ("outpatient", "pharmacy") and doc["patient"]["scheme"] == "employee"
    if not published:
        doc["estimate"] = True
    if pick(i, 14, 3) != 0:
        doc["own_balance"] = money(scramble(i, 5) % 500_000)
    doc["visit"] = visit(i, kind)
    if kind == "premium":
        doc = premium_bill(i, doc)
    else:
        doc["items"] = [item(i, k) for k in range(1 + pick(i, 15, 4))]
        doc["accumulators"] = {"deductible_met": money(pick(i, 16, 9) * 25_000)}
    if quotas := funds(i):
        doc["funds"] = quotas
    return spoil(i, doc)


def spoil(i: int, doc: dict[str, Any]) -> dict[str, Any]:
    """Makes about one bill in a hundred invalid, in one of two ways the core refuses."""
    if pick(i, 17, 101) == 0 and "level" in doc["visit"]:
        doc["visit"]["level"] = 4
    elif pick(i, 18, 211) == 0:
        doc["items"][0]["amount"] = doc["items"][0]["amount"] + "5"
    return doc


def write(out: Path, bills: int, parts: int) -> None:
    """Writes ``bills`` bills to ``out/region=<code>/part-<k>.jsonl`` (``out`` is replaced)."""
    if out.exists():
        shutil.rmtree(out)
    handles = {}
    try:
        for region in REGIONS:
            folder = out / f"region={region}"
            folder.mkdir(parents=True)
            for k in range(parts):
                handles[(region, k)] = (folder / f"part-{k:05d}.jsonl").open("w", encoding="utf-8")
        for i in range(bills):
            doc = bill(i)
            region = doc["patient"]["region"]
            line = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            handles[(region, (i // len(REGIONS)) % parts)].write(line + "\n")
    finally:
        for handle in handles.values():
            handle.close()


def digest(out: Path) -> str:
    """SHA-256 over every file's path (relative to ``out``) and bytes, in sorted order: the same ``--bills``
    and ``--parts`` always give the same digest."""
    sha = hashlib.sha256()
    for path in sorted(out.glob("region=*/*.jsonl")):
        sha.update(path.relative_to(out).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the dataset folder (replaced)")
    parser.add_argument("--bills", type=int, default=100_000)
    parser.add_argument("--parts", type=int, default=4, help="files per region")
    args = parser.parse_args()
    write(args.out, args.bills, args.parts)
    print(f"{args.bills} bills in {len(REGIONS)} regions × {args.parts} files under {args.out}, "
          f"sha256 {digest(args.out)}")


if __name__ == "__main__":
    main()
