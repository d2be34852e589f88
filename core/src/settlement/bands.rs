//! Ratio bands (S-2, S-12): a share of spending that crosses band thresholds, rounded once by the caller.

use alloc::vec::Vec;
use rust_decimal::Decimal;

use crate::error::{Code, Error};
use crate::money::{Money, Ratio};
use crate::policy::Band;

/// The fund's share of one bill: exact amount, the non-empty band segments with their ratios, the ratio reported.
pub(crate) struct Share {
    pub exact: Decimal,
    pub parts: Vec<(Money, Ratio)>,
    pub ratio: Ratio,
}

/// S-2 bands: splits `[past, past + eligible)` at the band thresholds. Returns the exact fund share,
/// the segments, and the ratio reported: that of the last segment spent, or the one
/// in force at `past` when nothing is spent.
pub(crate) fn banded(
    base: Ratio,
    bands: &[Band],
    past: Money,
    eligible: Money,
) -> Result<Share, Error> {
    let start = past.as_decimal();
    let end = start + eligible.as_decimal();
    let mut tiers: Vec<(Decimal, Option<Decimal>, Ratio)> = Vec::with_capacity(bands.len() + 1);
    let mut lower = Decimal::ZERO;
    let mut ratio = base;
    for b in bands {
        tiers.push((lower, Some(b.above.as_decimal()), ratio));
        lower = b.above.as_decimal();
        ratio = b.ratio;
    }
    tiers.push((lower, None, ratio));
    let mut exact = Decimal::ZERO;
    let mut parts = Vec::new();
    let mut reported = base;
    for (lo, hi, r) in tiers {
        if lo <= start && hi.is_none_or(|h| start < h) {
            reported = r;
        }
        let top = hi.map_or(end, |h| h.min(end));
        let seg = top - lo.max(start);
        if seg > Decimal::ZERO {
            let m = Money::from_decimal(seg).ok_or_else(|| {
                Error::new(
                    Code::AmountTooLarge,
                    "accumulators.in_scope_past_deductible",
                )
            })?;
            exact += seg * r.as_decimal();
            parts.push((m, r));
            reported = r;
        }
    }
    Ok(Share {
        exact,
        parts,
        ratio: reported,
    })
}
