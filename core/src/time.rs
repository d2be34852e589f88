//! Dates and times as inputs: `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM`, China Standard Time (UTC+8).
//! The core never reads a clock; the caller passes `now`.

use core::fmt;
use core::str::FromStr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codec::CodedStr;
use crate::error::Code;
use crate::text;

/// A calendar date (proleptic Gregorian), years 1900–2199.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Checked constructor.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1900..=2199).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// A date known to be valid, for data built into the crate (the embedded book, P-2): no check, no text.
    pub(crate) const fn from_valid_ymd(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// The following day, or `None` past 2199-12-31: a deadline outside the range is refused, never
    /// written into a state every later command would reject.
    pub fn checked_next_day(self) -> Option<Date> {
        let d = self.next_day();
        (d.year <= 2199).then_some(d)
    }

    /// `days` days later, or `None` past 2199-12-31.
    pub fn checked_add_days(self, days: u32) -> Option<Date> {
        let n = self.day_number().checked_add(days)?;
        Date::from_day_number(n)
    }

    /// Days since 1900-01-01 (day 0).
    pub fn day_number(self) -> u32 {
        let y = u32::from(self.year) - 1900;
        // Leap days in 1900..year: every 4th year from 1904, less 1900-like centuries, plus 2000.
        let before = |y: u32| y.div_ceil(4) - y.div_ceil(100) + (y + 299) / 400;
        let mut n = y * 365 + before(y);
        for m in 1..self.month {
            n += u32::from(days_in_month(self.year, m));
        }
        n + u32::from(self.day) - 1
    }

    /// The date of a day number (see [`Date::day_number`]), within 1900–2199.
    pub fn from_day_number(n: u32) -> Option<Date> {
        let mut year = 1900u16;
        let mut left = n;
        loop {
            let len = if days_in_month(year, 2) == 29 {
                366
            } else {
                365
            };
            if left < len {
                break;
            }
            left -= len;
            year += 1;
            if year > 2199 {
                return None;
            }
        }
        let mut month = 1u8;
        while left >= u32::from(days_in_month(year, month)) {
            left -= u32::from(days_in_month(year, month));
            month += 1;
        }
        Date::new(year, month, u8::try_from(left + 1).ok()?)
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The following day (may leave the 1900–2199 range: use [`Date::checked_next_day`] for a deadline).
    pub fn next_day(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Date {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Date {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    /// Midnight-plus-`minutes` on this date.
    pub fn at(self, minutes: u16) -> DateTime {
        DateTime {
            date: self,
            minute: minutes.min(24 * 60 - 1),
        }
    }
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn digits<const N: usize>(s: &str) -> Option<u16> {
    if s.len() != N || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl FromStr for Date {
    type Err = Code;
    fn from_str(s: &str) -> Result<Date, Code> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        if parts.next().is_some() {
            return Err(Code::DateInvalid);
        }
        let y = y.and_then(digits::<4>).ok_or(Code::DateInvalid)?;
        let m = m.and_then(digits::<2>).ok_or(Code::DateInvalid)?;
        let d = d.and_then(digits::<2>).ok_or(Code::DateInvalid)?;
        Date::new(y, m as u8, d as u8).ok_or(Code::DateInvalid)
    }
}

impl text::Arg for Date {}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`, two digits at a time (`write!`'s padding only for a value no date holds).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = (self.year, self.month, self.day);
        if y > 9999 || m > 99 || d > 99 {
            return write!(f, "{y:04}-{m:02}-{d:02}");
        }
        let y = u64::from(y);
        f.write_str(text::pair(y / 100))?;
        f.write_str(text::pair(y))?;
        f.write_str("-")?;
        f.write_str(text::pair(m.into()))?;
        f.write_str("-")?;
        f.write_str(text::pair(d.into()))
    }
}

/// `HH:MM` of `minutes` past midnight, two digits at a time (`write!`'s padding past 99 hours).
fn write_hh_mm(minutes: u16, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let (h, m) = (minutes / 60, minutes % 60);
    if h > 99 {
        return write!(f, "{h:02}:{m:02}");
    }
    f.write_str(text::pair(h.into()))?;
    f.write_str(":")?;
    f.write_str(text::pair(m.into()))
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A minute in China Standard Time (UTC+8).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    date: Date,
    /// Minutes since midnight, 0..1440.
    minute: u16,
}

impl DateTime {
    pub fn date(self) -> Date {
        self.date
    }

    /// Minutes since midnight.
    pub fn minute_of_day(self) -> u16 {
        self.minute
    }
}

impl FromStr for DateTime {
    type Err = Code;
    fn from_str(s: &str) -> Result<DateTime, Code> {
        let (d, t) = s.split_once('T').ok_or(Code::TimeInvalid)?;
        let date = Date::from_str(d).map_err(|_| Code::TimeInvalid)?;
        Ok(date.at(parse_hhmm(t).ok_or(Code::TimeInvalid)?))
    }
}

/// `HH:MM` → minutes since midnight (00:00–23:59).
pub fn parse_hhmm(t: &str) -> Option<u16> {
    let (h, m) = t.split_once(':')?;
    let (h, m) = (digits::<2>(h)?, digits::<2>(m)?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

impl text::Arg for DateTime {}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.date, f)?;
        f.write_str("T")?;
        write_hh_mm(self.minute, f)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A time of day `HH:MM`, used by policy parameters (Q-5 quiet hours).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// `minutes` past midnight (below 1440), for data built into the crate (the embedded book, P-2).
    pub(crate) const fn from_valid_minutes(minutes: u16) -> TimeOfDay {
        TimeOfDay(minutes)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl FromStr for TimeOfDay {
    type Err = Code;
    fn from_str(s: &str) -> Result<Self, Code> {
        parse_hhmm(s).map(TimeOfDay).ok_or(Code::TimeInvalid)
    }
}

impl text::Arg for TimeOfDay {}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hh_mm(self.0, f)
    }
}

impl fmt::Debug for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

macro_rules! string_serde {
    ($t:ty, $expecting:expr) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(CodedStr::<$t>::new($expecting))
            }
        }
    };
}

string_serde!(Date, text::EXPECT_DATE);
string_serde!(DateTime, text::EXPECT_DATE_TIME);
string_serde!(TimeOfDay, text::EXPECT_TIME_OF_DAY);

#[cfg(test)]
mod tests {
    use super::*;

    /// the texts written two digits at a time are `write!`'s, padding included.
    #[test]
    fn q5_texts_are_the_padded_ones() {
        for (y, m, d) in [
            (1900, 1, 1),
            (2025, 7, 2),
            (2199, 12, 31),
            (999, 9, 9),
            (5, 1, 10),
        ] {
            let date = Date::from_valid_ymd(y, m, d);
            assert_eq!(date.to_string(), format!("{y:04}-{m:02}-{d:02}"));
            for minutes in [0, 5, 59, 60, 605, 1439] {
                let (h, mm) = (minutes / 60, minutes % 60);
                assert_eq!(
                    date.at(minutes).to_string(),
                    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mm:02}")
                );
                let t = TimeOfDay::from_valid_minutes(minutes);
                assert_eq!(t.to_string(), format!("{h:02}:{mm:02}"));
            }
        }
        assert_eq!(
            Date::from_valid_ymd(12_345, 1, 2).to_string(),
            "12345-01-02"
        );
        assert_eq!(TimeOfDay::from_valid_minutes(6_000).to_string(), "100:00");
    }

    #[test]
    fn dates_are_validated() {
        assert!("2025-02-30".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2025-02-29".parse::<Date>().is_err());
        assert!("2025-1-01".parse::<Date>().is_err());
        assert_eq!(
            "2025-12-31".parse::<Date>().unwrap().next_day().to_string(),
            "2026-01-01"
        );
    }

    #[test]
    fn q9_day_numbers_and_checked_deadlines() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("1900-01-01").day_number(), 0);
        assert_eq!(d("1900-03-01").day_number(), 59); // 1900 is no leap year: 31 + 28
        assert_eq!(
            d("2000-03-01").day_number() - d("2000-02-28").day_number(),
            2
        ); // 2000 is
        assert_eq!(
            d("2025-01-01").day_number() - d("2024-01-01").day_number(),
            366
        );
        let mut x = d("1900-01-01");
        for n in 0..(300 * 366) {
            if x.year() > 2199 {
                break;
            }
            assert_eq!(x.day_number(), n);
            assert_eq!(Date::from_day_number(n), Some(x));
            x = x.next_day();
        }
        assert_eq!(d("2025-06-01").checked_add_days(365), Some(d("2026-06-01")));
        assert_eq!(d("2199-12-31").checked_next_day(), None);
        assert_eq!(d("2199-12-30").checked_next_day(), Some(d("2199-12-31")));
        assert_eq!(d("2199-01-01").checked_add_days(365), None);
        assert_eq!(d("2199-01-01").checked_add_days(364), Some(d("2199-12-31")));
    }

    #[test]
    fn q5_times_are_minutes_in_utc8() {
        assert_eq!(
            "2025-06-01T22:00"
                .parse::<DateTime>()
                .unwrap()
                .minute_of_day(),
            22 * 60
        );
        assert!("2025-06-01T24:00".parse::<DateTime>().is_err());
        assert!("2025-06-01T12:60".parse::<DateTime>().is_err());
        assert!("2025-06-01 12:00".parse::<DateTime>().is_err());
        assert!("2025-06-01T12:00:00".parse::<DateTime>().is_err());
    }
}
