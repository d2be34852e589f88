"""Per-region totals of settlements, in exact decimals, shared by the Spark job and the CLI checker.

A total holds the bill count, the refused count by error code and the sum of every money field of the
settlement (S-8's national fields, the own account and each quota part of S-4/S-5). Sums are
``decimal.Decimal`` over the documents' decimal strings: never a float.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

#: Every money field at the top of a settlement document (gongji-settlement/1), in document order.
MONEY_FIELDS: tuple[str, ...] = (
    "medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt",
    "act_pay_dedc", "hifp_pay", "cvlserv_pay", "hifes_pay", "hifmi_pay", "hifob_pay", "maf_pay",
    "oth_pay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "self_acct_pay", "acct_mulaid_pay",
    "psn_cash_pay", "hosp_part_amt", "balc",
)
#: The quota parts of ``mulaid_by_sharer`` (S-5), summed by the fund's mode.
QUOTA_FIELDS: tuple[str, ...] = ("quota_wallet", "quota_in_province")
ALL_FIELDS: tuple[str, ...] = MONEY_FIELDS + QUOTA_FIELDS

Total = dict[str, Any]


def empty() -> Total:
    """A region's total before any bill."""
    return {"bills": 0, "refused": {}, "sums": {f: Decimal("0.00") for f in ALL_FIELDS}}


def amounts(settlement: dict[str, Any]) -> dict[str, Decimal]:
    """The money of one settlement: its top-level fields and its quota parts by mode."""
    row = {f: Decimal(settlement[f]) for f in MONEY_FIELDS}
    for f in QUOTA_FIELDS:
        row[f] = Decimal("0.00")
    for part in settlement["mulaid_by_sharer"]:
        row["quota_" + part["mode"]] += Decimal(part["amount"])
    return row


def add_settlement(total: Total, settlement: dict[str, Any]) -> None:
    """Counts a settled bill and adds its money."""
    total["bills"] += 1
    sums = total["sums"]
    for field, value in amounts(settlement).items():
        sums[field] += value


def add_refusal(total: Total, code: str) -> None:
    """Counts a refused bill under its error code."""
    total["bills"] += 1
    total["refused"][code] = total["refused"].get(code, 0) + 1


def merge(into: Total, other: Total) -> None:
    """Adds ``other`` to ``into``."""
    into["bills"] += other["bills"]
    for code, n in other["refused"].items():
        into["refused"][code] = into["refused"].get(code, 0) + n
    for field, value in other["sums"].items():
        into["sums"][field] += value


def overall(by_region: dict[str, Total]) -> Total:
    """The sum of every region's total."""
    result = empty()
    for total in by_region.values():
        merge(result, total)
    return result


def to_json(by_region: dict[str, Total]) -> str:
    """The totals as a JSON document, money as decimal strings, regions and codes sorted."""
    doc = {
        region: {
            "bills": t["bills"],
            "refused": dict(sorted(t["refused"].items())),
            "sums": {f: str(t["sums"][f]) for f in ALL_FIELDS},
        }
        for region, t in sorted(by_region.items())
    }
    return json.dumps(doc, indent=1, ensure_ascii=False)


def from_json(text: str) -> dict[str, Total]:
    """Reads back what ``to_json`` wrote."""
    doc = json.loads(text)
    return {
        region: {"bills": t["bills"], "refused": t["refused"],
                 "sums": {f: Decimal(v) for f, v in t["sums"].items()}}
        for region, t in doc.items()
    }


def differences(left: dict[str, Total], right: dict[str, Total], names: tuple[str, str]) -> list[str]:
    """Every difference between two sets of totals, per region and overall; empty when they are equal."""
    found: list[str] = []
    regions = sorted(set(left) | set(right))
    pairs = [(r, left.get(r, empty()), right.get(r, empty())) for r in regions]
    pairs.append(("overall", overall(left), overall(right)))
    for region, a, b in pairs:
        if a["bills"] != b["bills"]:
            found.append(f"{region} bills: {names[0]} {a['bills']}, {names[1]} {b['bills']}")
        if a["refused"] != b["refused"]:
            found.append(f"{region} refused: {names[0]} {a['refused']}, {names[1]} {b['refused']}")
        for field in ALL_FIELDS:
            x, y = a["sums"].get(field), b["sums"].get(field)
            if x != y:
                found.append(f"{region} {field}: {names[0]} {x}, {names[1]} {y}")
    return found
