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
/// the segments (only when `segments`: the trace shows them), and the ratio reported: that of the last
/// segment spent, or the one in force at `past` when nothing is spent.
pub(crate) fn banded(
    base: Ratio,
    bands: &[Band],
    past: Money,
    eligible: Money,
    segments: bool,
) -> Result<Share, Error> {
    let start = past.as_decimal();
    let end = start + eligible.as_decimal();
    let mut exact = Decimal::ZERO;
    let mut parts = Vec::new();
    let mut reported = base;
    // Tier k runs from the threshold of band k − 1 (0 for the first) to that of band k (open for the
    // last), at the base ratio, then at each band's.
    let (mut lo, mut r) = (Decimal::ZERO, base);
    for k in 0..=bands.len() {
        let hi = bands.get(k).map(|b| b.above.as_decimal());
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
            if segments {
                parts.push((m, r));
            }
            reported = r;
        }
        if let (Some(h), Some(b)) = (hi, bands.get(k)) {
            (lo, r) = (h, b.ratio);
        }
    }
    Ok(Share {
        exact,
        parts,
        ratio: reported,
    })
}
