//! Money and ratios (S-10): yuan as decimal strings with at most two places, never floats.

use alloc::string::String;
use core::fmt;
use core::str::FromStr;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

use crate::codec::CodedStr;
use crate::error::Code;
use crate::text;

/// Largest amount any document may carry: 999 999 999.99 元. Anything larger is an input error.
pub const MONEY_MAX: Decimal = Decimal::from_parts(1_215_752_191, 23, 0, false, 2);

/// A non-negative amount of yuan with exactly two decimal places (S-10), held in whole fen: sums,
/// differences, comparisons and text are integer work; rounding and ratios go through the decimal.
#[derive(Clone, Copy)]
pub struct Money(Held);

#[derive(Clone, Copy)]
enum Held {
    /// Whole fen, 0 ..= [`MAX_FEN`]: every amount the core reads or makes.
    Fen(i64),
    /// Any other decimal, as the FFI lift holds it unchecked (see [`Money::unchecked`]).
    #[cfg(feature = "uniffi")]
    Raw(Decimal),
}

/// [`MONEY_MAX`] in fen.
const MAX_FEN: i64 = text::MAX_HUNDREDTHS as i64;

impl Money {
    /// The amount in fen (always, but for an unchecked FFI value).
    #[inline]
    fn fen(self) -> Option<i64> {
        match self.0 {
            Held::Fen(f) => Some(f),
            #[cfg(feature = "uniffi")]
            Held::Raw(_) => None,
        }
    }

    /// The amount in whole fen, widened so that any sum of amounts fits (`None`: an unchecked FFI value).
    #[inline]
    pub(crate) fn wide_fen(self) -> Option<i128> {
        self.fen().map(i128::from)
    }

    /// The amount of `fen` fen, when within 0 ..= [`MAX_FEN`].
    #[inline]
    fn of_fen(fen: i64) -> Option<Money> {
        (0..=MAX_FEN)
            .contains(&fen)
            .then_some(Money(Held::Fen(fen)))
    }

    /// The amount as a decimal with two places (an unchecked value as it was lifted).
    #[inline]
    fn decimal(self) -> Decimal {
        match self.0 {
            Held::Fen(f) => Decimal::new(f, 2),
            #[cfg(feature = "uniffi")]
            Held::Raw(d) => d,
        }
    }
}

impl PartialEq for Money {
    /// Equal values (as the decimals compare: an unchecked `1.0` equals `1.00`).
    fn eq(&self, other: &Money) -> bool {
        self.cmp(other) == core::cmp::Ordering::Equal
    }
}

impl Eq for Money {}

impl core::hash::Hash for Money {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.decimal().hash(state);
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Money) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Money {
    /// Compares fen directly when both hold two places (the decimal comparison gives the same order).
    #[inline]
    fn cmp(&self, other: &Money) -> core::cmp::Ordering {
        match (self.fen(), other.fen()) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => decimal_cmp(self.decimal(), other.decimal()),
        }
    }
}

#[cold]
#[inline(never)]
fn decimal_cmp(a: Decimal, b: Decimal) -> core::cmp::Ordering {
    a.cmp(&b)
}

impl Default for Money {
    /// `0.00`, with its two places.
    fn default() -> Money {
        Money::ZERO
    }
}

/// S-10: round half-up (away from zero) to the fen. The only rounding the crate uses.
pub fn round_fen(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

impl Money {
    pub const ZERO: Money = Money(Held::Fen(0));

    /// Builds an amount from a decimal, rounding half-up to the fen. `None` if negative or over [`MONEY_MAX`].
    pub fn from_decimal(d: Decimal) -> Option<Money> {
        let r = round_fen(d);
        if r.is_sign_negative() && !r.is_zero() || r > MONEY_MAX {
            return None;
        }
        // Two places, at most MONEY_MAX: the mantissa is the fen (a negative zero is 0).
        i64::try_from(r.mantissa()).ok().and_then(Money::of_fen)
    }

    /// Amount from whole fen (cents). Used by tests and generators.
    pub fn from_fen(fen: u64) -> Option<Money> {
        i64::try_from(fen).ok().and_then(Money::of_fen)
    }

    pub fn as_decimal(self) -> Decimal {
        self.decimal()
    }

    /// An amount of whole fen for data built into the crate (the embedded book, P-2), without reading
    /// text; saturates at [`MONEY_MAX`].
    pub(crate) const fn from_valid_fen(fen: u64) -> Money {
        if fen > MAX_FEN as u64 {
            Money(Held::Fen(MAX_FEN))
        } else {
            Money(Held::Fen(fen as i64))
        }
    }

    pub fn is_zero(self) -> bool {
        match self.fen() {
            Some(f) => f == 0,
            None => self.decimal().is_zero(),
        }
    }

    /// Sum; `None` past [`MONEY_MAX`].
    #[inline]
    pub fn checked_add(self, other: Money) -> Option<Money> {
        match (self.fen(), other.fen()) {
            // Integer fen: the same value `from_decimal` gives, without decimal rounding.
            (Some(a), Some(b)) => Money::of_fen(a + b),
            _ => self.decimal_add(other),
        }
    }

    #[cold]
    #[inline(never)]
    fn decimal_add(self, other: Money) -> Option<Money> {
        Money::from_decimal(self.decimal() + other.decimal())
    }

    /// Difference; `None` when it would be negative.
    #[inline]
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        match (self.fen(), other.fen()) {
            (Some(a), Some(b)) => Money::of_fen(a - b),
            _ => self.decimal_sub(other),
        }
    }

    #[cold]
    #[inline(never)]
    fn decimal_sub(self, other: Money) -> Option<Money> {
        if other.decimal() > self.decimal() {
            return None;
        }
        Money::from_decimal(self.decimal() - other.decimal())
    }

    /// Difference floored at zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        self.checked_sub(other).unwrap_or(Money::ZERO)
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    /// Holds any decimal as it is, unchecked (scale, sign, size): the FFI lift, whose value only ever
    /// reaches the rules through its text and [`Money::parse`] (see `ffi.rs`).
    #[cfg(feature = "uniffi")]
    pub(crate) fn unchecked(d: Decimal) -> Money {
        let fen = (d.scale() == 2)
            .then(|| i64::try_from(d.mantissa()).ok())
            .flatten()
            .and_then(Money::of_fen);
        fen.unwrap_or(Money(Held::Raw(d)))
    }

    /// Parses a decimal string, naming the failure with a stable [`Code`].
    pub fn parse(s: &str) -> Result<Money, Code> {
        match Money::parse_plain(s.as_bytes()) {
            Some(m) => Ok(m),
            None => Money::parse_checked(s),
        }
    }

    /// The common form in one pass: digits (at most 9 after leading zeros), then optionally a point and
    /// one or two digits. `None` for anything else, which [`Money::parse_checked`] reads and names.
    #[inline]
    fn parse_plain(s: &[u8]) -> Option<Money> {
        let mut bytes = s.iter().copied();
        let (mut fen, mut int, mut significant) = (0u64, 0usize, 0usize);
        let mut next = bytes.next();
        while let Some(d @ b'0'..=b'9') = next {
            significant += usize::from(fen != 0 || d != b'0');
            if significant > 9 {
                return None;
            }
            fen = fen * 10 + u64::from(d - b'0');
            int += 1;
            next = bytes.next();
        }
        let mut places = 0u32;
        if next == Some(b'.') {
            for d in bytes.by_ref() {
                if !d.is_ascii_digit() || places == 2 {
                    return None;
                }
                fen = fen * 10 + u64::from(d - b'0');
                places += 1;
            }
            next = None;
            if places == 0 {
                return None;
            }
        }
        if int == 0 || next.is_some() {
            return None;
        }
        i64::try_from(fen * 10u64.pow(2 - places))
            .ok()
            .and_then(Money::of_fen)
    }

    /// [`Money::parse`] of any text, each failure named.
    #[cold]
    fn parse_checked(s: &str) -> Result<Money, Code> {
        let body = s.strip_prefix('-');
        let negative = body.is_some();
        let body = body.unwrap_or(s);
        // The point by its byte (a `char` pattern searches more slowly).
        let (int, frac) = match body.bytes().position(|b| b == b'.') {
            Some(p) => (body.get(..p).unwrap_or(""), body.get(p + 1..)),
            None => (body, None),
        };
        let digits_ok = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
        if !digits_ok {
            return Err(Code::AmountInvalid);
        }
        if frac.is_some_and(|f| f.len() > 2) {
            return Err(Code::AmountPrecision);
        }
        if negative {
            let zero =
                int.bytes().all(|b| b == b'0') && frac.is_none_or(|f| f.bytes().all(|b| b == b'0'));
            return if zero {
                Ok(Money::ZERO)
            } else {
                Err(Code::AmountNegative)
            };
        }
        let int = int.trim_start_matches('0');
        if int.len() > 9 {
            return Err(Code::AmountTooLarge);
        }
        // At most 9 + 2 digits, all checked above: the fen fit an i64 and MONEY_MAX.
        let digits = |d: &str| d.bytes().fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        let frac = frac.unwrap_or("");
        let fen = digits(int) * 100 + digits(frac) * if frac.len() == 1 { 10 } else { 1 };
        Money::of_fen(fen).ok_or(Code::AmountTooLarge)
    }
}

impl fmt::Display for Money {
    /// `1234.56`: yuan, a point, two fen digits (the decimal's own text, written from the fen when no
    /// width or precision is asked for: the decimal's general formatter is slow).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 16];
        match self.text(&mut buf) {
            Some(text) if f.width().is_none() && f.precision().is_none() => f.write_str(text),
            _ => fmt::Display::fmt(&self.decimal(), f),
        }
    }
}

impl Money {
    /// The amount's text written into `buf` from the fen: two fen digits, the point, then the yuan (at
    /// least one digit), from the right. `None` if not held with two places or over [`MONEY_MAX`] (never,
    /// by construction).
    #[inline]
    fn text(self, buf: &mut [u8; 16]) -> Option<&str> {
        let fen = u64::try_from(self.fen()?)
            .ok()
            .filter(|f| *f <= MAX_FEN as u64)?;
        let (mut yuan, cents) = (fen / 100, fen % 100);
        buf[15] = b'0' + (cents % 10) as u8;
        buf[14] = b'0' + (cents / 10) as u8;
        buf[13] = b'.';
        // At most 9 yuan digits (MONEY_MAX): they fit in buf[4..13].
        let mut start: usize = 13;
        while let Some(slot) = start.checked_sub(1).and_then(|n| buf.get_mut(n)) {
            *slot = b'0' + (yuan % 10) as u8;
            start -= 1;
            yuan /= 10;
            if yuan == 0 {
                break;
            }
        }
        core::str::from_utf8(buf.get(start..)?).ok()
    }
}

impl text::Arg for Money {
    /// The text of [`Money::text`] (`0.00`, the most frequent, as a constant); through `Display`
    /// otherwise.
    fn put(&self, out: &mut String) {
        if self.fen() == Some(0) {
            out.push_str("0.00");
            return;
        }
        match self.fen().and_then(|f| u64::try_from(f).ok()) {
            Some(fen) if fen <= MAX_FEN as u64 => text::put_hundredths(fen, out),
            _ => {
                let _ = fmt::Write::write_fmt(out, format_args!("{self}"));
            }
        }
    }
    fn size(&self) -> usize {
        12
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "¥{}", self.decimal())
    }
}

impl FromStr for Money {
    type Err = Code;
    fn from_str(s: &str) -> Result<Self, Code> {
        Money::parse(s)
    }
}

impl Serialize for Money {
    /// The text of `Money::text` (S-10). To a human-readable serializer (JSON's), as the newtype
    /// struct `text::HUNDREDTHS` around `Hundredths`: transparent for serde_json and
    /// serde-wasm-bindgen, which see the same string, while the output writer takes the fen and writes
    /// the digits itself.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.fen() {
            Some(_) if s.is_human_readable() => {
                s.serialize_newtype_struct(text::HUNDREDTHS, &Hundredths(*self))
            }
            _ => self.serialize_text(s),
        }
    }
}

impl Money {
    /// The amount as a string, as [`fmt::Display`] writes it.
    fn serialize_text<S: Serializer>(self, s: S) -> Result<S::Ok, S::Error> {
        if self.fen() == Some(0) {
            // The most frequent amount of a document, without writing it out.
            return s.serialize_str("0.00");
        }
        let mut buf = [0u8; 16];
        match self.text(&mut buf) {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(&self.decimal()),
        }
    }
}

/// An amount inside the newtype struct [`text::HUNDREDTHS`]: its text to a human-readable serializer,
/// its fen (a `u64`, at most [`text::MAX_HUNDREDTHS`]) to one that is not, which is how the output
/// writer asks for it (S-10).
struct Hundredths(Money);

impl Serialize for Hundredths {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.fen().and_then(|f| u64::try_from(f).ok()) {
            Some(fen) if !s.is_human_readable() => s.serialize_u64(fen),
            _ => self.0.serialize_text(s),
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CodedStr::<Money>::new(text::EXPECT_MONEY))
    }
}

/// A ratio between 0 and 1 inclusive, at most four decimal places, as a string (`"0.65"`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Ratio(Decimal);

impl Ratio {
    pub const ZERO: Ratio = Ratio(Decimal::ZERO);
    pub const ONE: Ratio = Ratio(Decimal::ONE);

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// `units` × 10^−`scale`, for data built into the crate (the embedded book, P-2), without reading
    /// text. The book's ratios are at most 1 with at most four places, as [`Ratio::parse`] leaves them.
    pub(crate) const fn from_valid_units(units: u32, scale: u32) -> Ratio {
        Ratio(Decimal::from_parts(units, 0, 0, false, scale))
    }

    /// Holds any decimal as it is, unchecked, like [`Money::unchecked`].
    #[cfg(feature = "uniffi")]
    pub(crate) fn unchecked(d: Decimal) -> Ratio {
        Ratio(d)
    }

    pub fn parse(s: &str) -> Result<Ratio, Code> {
        match Ratio::parse_plain(s.as_bytes()) {
            Some(d) if d <= Decimal::ONE => Ok(Ratio(d.normalize())),
            _ => Ratio::parse_checked(s),
        }
    }

    /// The common form in one pass: at most 18 digits, optionally a point and one to four of them;
    /// `None` for anything else, which [`Ratio::parse_checked`] reads and names.
    #[inline]
    fn parse_plain(s: &[u8]) -> Option<Decimal> {
        let (mut mantissa, mut digits, mut places) = (0i64, 0u32, None::<u32>);
        for b in s.iter().copied() {
            match (b, places) {
                // An 18-digit mantissa times ten still fits an i64; a 19th digit is refused first.
                (b'0'..=b'9', _) if digits < 18 => {
                    mantissa = mantissa * 10 + i64::from(b - b'0');
                    digits += 1;
                    places = places.map(|p| p + 1);
                }
                (b'.', None) if digits > 0 => places = Some(0),
                _ => return None,
            }
            if places.is_some_and(|p| p > 4) {
                return None;
            }
        }
        match places {
            Some(0) => None,
            _ if digits == 0 => None,
            p => Some(Decimal::new(mantissa, p.unwrap_or(0))),
        }
    }

    /// [`Ratio::parse`] of any text, each failure named.
    #[cold]
    fn parse_checked(s: &str) -> Result<Ratio, Code> {
        let ok = !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            && !s.starts_with('.')
            && !s.ends_with('.');
        if !ok {
            return Err(Code::RatioInvalid);
        }
        let d = Decimal::from_str(s).map_err(|_| Code::RatioInvalid)?;
        if d.is_sign_negative() && !d.is_zero() || d > Decimal::ONE {
            return Err(Code::RatioOutOfRange);
        }
        if d.scale() > 4 {
            return Err(Code::RatioInvalid);
        }
        Ok(Ratio(d.normalize()))
    }

    /// `self − other`, floored at zero (S-12: a ratio lowered by points).
    pub fn less(self, other: Ratio) -> Ratio {
        Ratio((self.0 - other.0).max(Decimal::ZERO).normalize())
    }

    /// `amount × ratio`, rounded half-up to the fen (S-10): in integers for a ratio of at most four
    /// places (every parsed one), else through the decimal.
    pub fn of(self, m: Money) -> Money {
        let (r, scale) = (self.0.mantissa(), self.0.scale());
        if let (Some(fen), Ok(r), true) = (m.fen(), i64::try_from(r), scale <= 4) {
            if (0..=10_000).contains(&r) {
                // fen ≤ 10^11, r ≤ 10^4: 2·fen·r fits an i64. Half-up for a non-negative product:
                // ⌊(2p + unit) / (2·unit)⌋.
                let unit = 10i64.pow(scale);
                if let Some(m) = Money::of_fen((2 * fen * r + unit) / (2 * unit)) {
                    return m;
                }
            }
        }
        Money::from_decimal(m.as_decimal() * self.0).unwrap_or(m)
    }
}

impl fmt::Display for Ratio {
    /// At least two places: "0.65", "1.00", "0.00"; written from the mantissa when no width or
    /// precision is asked for (see `Ratio::write_short`), by the decimal otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_none() && f.precision().is_none() {
            if let Some(done) = self.write_short(f) {
                return done;
            }
        }
        let mut d = self.0;
        if d.scale() < 2 {
            d.rescale(2);
        }
        fmt::Display::fmt(&d, f)
    }
}

impl Ratio {
    /// The decimal's text with at least two places, written from the mantissa for a ratio between 0 and
    /// 1 of at most four places (every parsed one): the integer digit, the point, two to four places.
    /// `None`, with nothing written, for any other value.
    fn write_short<W: fmt::Write>(self, w: &mut W) -> Option<fmt::Result> {
        let (m, scale) = (self.0.mantissa(), self.0.scale());
        // In ten-thousandths: at most 10 000.
        let v = u64::try_from(m)
            .ok()
            .filter(|_| scale <= 4 && !self.0.is_sign_negative())
            .and_then(|m| m.checked_mul(10u64.pow(4 - scale)))
            .filter(|v| *v <= 10_000)?;
        let digit = |n: u64| char::from(b'0' + (n % 10) as u8);
        let mut write = || {
            w.write_char(digit(v / 10_000))?;
            w.write_char('.')?;
            w.write_str(text::pair(v / 100))?;
            match scale {
                3 => w.write_char(digit(v / 10)),
                4 => w.write_str(text::pair(v)),
                _ => Ok(()),
            }
        };
        Some(write())
    }
}

/// An exact product (S-2's share before rounding), through `Display`.
impl text::Arg for Decimal {}

impl text::Arg for Ratio {
    /// The text of [`Ratio::write_short`]; through `Display` for any other value.
    fn put(&self, out: &mut String) {
        if self.write_short(out).is_none() {
            let _ = fmt::Write::write_fmt(out, format_args!("{self}"));
        }
    }
    fn size(&self) -> usize {
        6
    }
}

impl fmt::Debug for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Ratio {
    type Err = Code;
    fn from_str(s: &str) -> Result<Self, Code> {
        Ratio::parse(s)
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CodedStr::<Ratio>::new(text::EXPECT_RATIO))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s10_parses_two_places_and_rejects_three() {
        assert_eq!(Money::parse("1234.56").unwrap().to_string(), "1234.56");
        assert_eq!(Money::parse("12").unwrap().to_string(), "12.00");
        assert_eq!(Money::parse("0.5").unwrap().to_string(), "0.50");
        assert_eq!(Money::default().to_string(), "0.00");
        assert_eq!(Money::parse("12.345"), Err(Code::AmountPrecision));
        assert_eq!(Money::parse("-1.00"), Err(Code::AmountNegative));
        assert_eq!(Money::parse("1e3"), Err(Code::AmountInvalid));
        assert_eq!(Money::parse(""), Err(Code::AmountInvalid));
        assert_eq!(Money::parse(" 1"), Err(Code::AmountInvalid));
        assert_eq!(
            Money::parse("100000000000000000000"),
            Err(Code::AmountTooLarge)
        );
        assert_eq!(
            Money::parse("999999999.99").unwrap().to_string(),
            "999999999.99"
        );
        assert_eq!(Money::parse("1000000000.00"), Err(Code::AmountTooLarge));
    }

    #[test]
    fn s10_fen_fast_paths_agree_with_the_decimal() {
        let fens = [
            0u64,
            1,
            9,
            10,
            99,
            100,
            101,
            12_345,
            1_000_000,
            99_999_999_999,
        ];
        for a in fens {
            let ma = Money::from_fen(a).unwrap();
            // Text, comparison, sum and difference as the decimal gives them.
            assert_eq!(ma.to_string(), ma.as_decimal().to_string());
            for b in fens {
                let mb = Money::from_fen(b).unwrap();
                assert_eq!(ma.cmp(&mb), ma.as_decimal().cmp(&mb.as_decimal()));
                assert_eq!(
                    ma.checked_add(mb),
                    Money::from_decimal(ma.as_decimal() + mb.as_decimal())
                );
                let diff = (a >= b)
                    .then(|| Money::from_decimal(ma.as_decimal() - mb.as_decimal()).unwrap());
                assert_eq!(ma.checked_sub(mb), diff);
            }
        }
        assert_eq!(format!("{:>8}", Money::parse("1.5").unwrap()), "    1.50");
    }

    #[test]
    fn s10_parse_from_digits_agrees_with_the_decimal() {
        // The parser builds the fen from the digits; the decimal's own parser must give the same value.
        for text in [
            "0",
            "0.0",
            "00.00",
            "7",
            "7.5",
            "7.05",
            "0.01",
            "000012.30",
            "100",
            "123456789.01",
            "999999999.99",
            "000000000999999999.99",
            "-0",
            "-0.00",
        ] {
            let m = Money::parse(text).unwrap();
            let d = Decimal::from_str(text.trim_start_matches('-')).unwrap();
            assert_eq!(m.as_decimal(), d, "{text}");
            assert_eq!(m.as_decimal().scale(), 2, "{text}");
            assert_eq!(m.to_string(), round_fen(d).to_string(), "{text}");
        }
    }

    /// Every text of at most `len` bytes over `alphabet`, the empty one included.
    fn every_text(alphabet: &[u8], len: usize) -> Vec<Vec<u8>> {
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last: Vec<Vec<u8>> = texts.clone();
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|t| {
                    alphabet.iter().map(move |c| {
                        let mut t = t.clone();
                        t.push(*c);
                        t
                    })
                })
                .collect();
            texts.extend(last.iter().cloned());
        }
        texts
    }

    /// S-10: the one-pass reading of the common form agrees with the checked reading, value and code,
    /// on every short text over digits, `.`, `-` and one other byte.
    #[test]
    fn s10_plain_parse_agrees_with_the_checked_one() {
        let mut texts = every_text(b"019.-x", 5);
        for extra in [
            "999999999.99",
            "1000000000",
            "0000000000999999999.9",
            "123456789",
            "1234567890.1",
        ] {
            texts.push(extra.as_bytes().to_vec());
        }
        for t in &texts {
            let s = core::str::from_utf8(t).unwrap();
            assert_eq!(Money::parse(s), Money::parse_checked(s), "{s:?}");
        }
    }

    /// A ratio of more digits than an i64 holds goes to the checked reading, not past the i64 (a
    /// fuzzer's book had a 119-digit ratio).
    #[test]
    fn s10_long_ratio_is_refused_not_overflowed() {
        let long = "9".repeat(119) + ".60";
        assert_eq!(Ratio::parse(&long), Ratio::parse_checked(&long));
        assert!(Ratio::parse(&long).is_err());
        let nineteen = "9".repeat(19);
        assert_eq!(Ratio::parse(&nineteen), Ratio::parse_checked(&nineteen));
    }

    /// The one-pass reading of a ratio agrees with the checked one, value, scale and code.
    #[test]
    fn s10_plain_ratio_parse_agrees_with_the_checked_one() {
        let mut texts = every_text(b"015.-", 6);
        for extra in [
            "0.12345",
            "1.0000",
            "1.0001",
            "0000000000000000000.1",
            "999999999999999999",
        ] {
            texts.push(extra.as_bytes().to_vec());
        }
        for t in &texts {
            let s = core::str::from_utf8(t).unwrap();
            let (fast, checked) = (Ratio::parse(s), Ratio::parse_checked(s));
            assert_eq!(fast, checked, "{s:?}");
            if let (Ok(a), Ok(b)) = (fast, checked) {
                assert_eq!(a.as_decimal().scale(), b.as_decimal().scale(), "{s:?}");
                assert_eq!(a.to_string(), b.to_string(), "{s:?}");
            }
        }
    }

    /// S-10: the integer `Ratio::of` gives what the decimal product rounded half-up gives.
    #[test]
    fn s10_ratio_of_agrees_with_the_decimal() {
        let ratios = [
            "0", "1", "0.5", "0.05", "0.1", "0.15", "0.333", "0.6667", "0.0001", "0.9999",
        ];
        let fens = [
            0u64,
            1,
            2,
            5,
            9,
            10,
            15,
            99,
            101,
            333,
            12_345,
            99_999,
            70_116,
            99_999_999_999,
        ];
        for r in ratios {
            let r = Ratio::parse(r).unwrap();
            for f in fens {
                let m = Money::from_fen(f).unwrap();
                let want = Money::from_decimal(m.as_decimal() * r.as_decimal()).unwrap_or(m);
                assert_eq!(r.of(m), want, "{m} × {r}");
                assert_eq!(r.of(m).to_string(), want.to_string());
            }
        }
    }

    /// S-10: a ratio's text from its mantissa is the decimal's own (at least two places), for every
    /// value of at most four places between 0 and 1, and the decimal's for any other.
    #[test]
    fn s10_ratio_text_agrees_with_the_decimal() {
        let decimal_text = |r: Ratio| {
            let mut d = r.as_decimal();
            if d.scale() < 2 {
                d.rescale(2);
            }
            d.to_string()
        };
        for scale in 0..=5u32 {
            for m in 0..=10i64.pow(scale) + 1 {
                let r = Ratio(Decimal::new(m, scale));
                let mut put = String::new();
                text::Arg::put(&r, &mut put);
                assert_eq!(r.to_string(), decimal_text(r), "{m}e-{scale}");
                assert_eq!(put, decimal_text(r), "{m}e-{scale}");
            }
        }
        for d in [
            Decimal::new(10_000, 0),
            Decimal::new(-5, 1),
            Decimal::new(123, 1),
        ] {
            assert_eq!(Ratio(d).to_string(), decimal_text(Ratio(d)), "{d}");
        }
        assert_eq!(format!("{:>6}", Ratio::parse("0.5").unwrap()), "  0.50");
    }

    #[test]
    fn s10_rounds_half_up_not_half_even() {
        // 0.125 → 0.13 half-up (banker's rounding would give 0.12); 0.135 → 0.14 either way.
        assert_eq!(round_fen(Decimal::new(125, 3)).to_string(), "0.13");
        assert_eq!(round_fen(Decimal::new(135, 3)).to_string(), "0.14");
        assert_eq!(round_fen(Decimal::new(2, 0)).to_string(), "2.00");
    }

    #[test]
    fn s10_ratio_bounds() {
        assert_eq!(Ratio::parse("0.65").unwrap().to_string(), "0.65");
        assert_eq!(Ratio::parse("1").unwrap().to_string(), "1.00");
        assert_eq!(Ratio::parse("1.5"), Err(Code::RatioOutOfRange));
        assert_eq!(Ratio::parse("-0.1"), Err(Code::RatioOutOfRange));
        assert_eq!(Ratio::parse("0.12345"), Err(Code::RatioInvalid));
        // 333.33 × 0.65 = 216.6645 → 216.66
        assert_eq!(
            Ratio::parse("0.65")
                .unwrap()
                .of(Money::parse("333.33").unwrap())
                .to_string(),
            "216.66"
        );
    }
}
