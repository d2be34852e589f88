//! Money arithmetic of a settlement, with the field to blame when it fails.

use crate::error::{Code, Error};
use crate::money::Money;
use crate::text;

/// Sum, or `AMOUNT_TOO_LARGE` at `field`.
#[inline]
pub(crate) fn add(a: Money, b: Money, field: &str) -> Result<Money, Error> {
    match a.checked_add(b) {
        Some(m) => Ok(m),
        None => Err(too_large(field)),
    }
}

#[cold]
#[inline(never)]
fn too_large(field: &str) -> Error {
    Error::new(Code::AmountTooLarge, field)
}

/// Difference, or `SETTLEMENT_INVALID` at `field` when it would be negative (never, by construction).
#[inline]
pub(crate) fn sub(a: Money, b: Money, field: &str) -> Result<Money, Error> {
    match a.checked_sub(b) {
        Some(m) => Ok(m),
        None => Err(negative(a, b, field)),
    }
}

/// The error of a negative difference, out of the arithmetic's way.
#[cold]
#[inline(never)]
fn negative(a: Money, b: Money, field: &str) -> Error {
    Error::new(Code::SettlementInvalid, field).text(text::negative(&a, &b))
}
