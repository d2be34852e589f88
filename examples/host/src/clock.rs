//! The host's clock. The core reads none: the host passes `now` (UTC+8, to the minute) to every command,
//! and checks token expiry against the same clock. Tests inject a [`ManualClock`] to drive time.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use gongji_core::{Date, DateTime};

/// Seconds since the Unix epoch, as the host sees them.
pub trait Clock: Send + Sync {
    fn unix(&self) -> i64;

    /// The core's `now`: China time (UTC+8), to the minute.
    fn now(&self) -> DateTime {
        china_time(self.unix())
    }
}

/// The machine's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn unix(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// A clock the tests set and advance.
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(unix: i64) -> ManualClock {
        ManualClock(AtomicI64::new(unix))
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn unix(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Unix seconds → China time (UTC+8) as the core's `DateTime`.
pub fn china_time(unix: i64) -> DateTime {
    let local = unix + 8 * 3600;
    let days = local.div_euclid(86_400);
    let minute = (local.rem_euclid(86_400) / 60) as u16;
    let (y, m, d) = civil_from_days(days);
    let date = Date::new(y as u16, m as u8, d as u8)
        .or_else(|| Date::new(1970, 1, 1))
        .expect("1970-01-01 is a date");
    date.at(minute)
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn china_time_is_utc_plus_eight() {
        // 2025-07-01T00:00Z is 08:00 in Beijing.
        assert_eq!(china_time(1_751_328_000).to_string(), "2025-07-01T08:00");
        // 2024-12-31T16:30Z is already the new year in Beijing.
        assert_eq!(china_time(1_735_662_600).to_string(), "2025-01-01T00:30");
    }
}
