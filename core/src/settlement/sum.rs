//! Money arithmetic of a settlement, with the field to blame when it fails.

use crate::error::{Code, Error};
use crate::money::Money;
use crate::text;

/// Sum, or `AMOUNT_TOO_LARGE` at `field`.
#[inline]
pub(crate) fn add(a: Money, b: Money, field: &str) -> Result<Money, Error> {
    a.checked_add(b)
        .ok_or_else(|| Error::new(Code::AmountTooLarge, field))
}

/// Difference, or `SETTLEMENT_INVALID` at `field` when it would be negative (never, by construction).
#[inline]
pub(crate) fn sub(a: Money, b: Money, field: &str) -> Result<Money, Error> {
    a.checked_sub(b)
        .ok_or_else(|| Error::new(Code::SettlementInvalid, field).text(text::negative(&a, &b)))
}
