//! Dates as `YYYY-MM-DD` (the calendar data and API, birth dates, dates from the server), read
//! and written with integer arithmetic: `time`'s format-description parser and formatter are
//! general machinery the wasm app would otherwise carry to every phone for this one shape.
//!
//! Also a serde `with` module: `#[serde(with = "crate::iso_date")]`.

use serde::{de, Deserialize, Deserializer, Serializer};
use time::{Date, Month};

/// The date `text` spells as `YYYY-MM-DD` (four, two and two ASCII digits), if it is one.
pub fn parse(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?;
    let day = u8::try_from(number(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// `date` as `YYYY-MM-DD`.
pub fn format(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(*date))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| de::Error::custom("expected a date as YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reads_and_writes_the_one_shape() {
        assert_eq!(parse("1979-10-28"), Some(date!(1979 - 10 - 28)));
        assert_eq!(parse("2028-02-29"), Some(date!(2028 - 02 - 29)));
        assert_eq!(format(date!(2026 - 01 - 07)), "2026-01-07");
        assert_eq!(format(date!(0979 - 10 - 28)), "0979-10-28");
        for bad in [
            "",
            "1979-1-28",
            "1979-10-28 ",
            "79-10-28",
            "1979/10/28",
            "1979-13-01",
            "2027-02-29",
            "1979-10-00",
            "+979-10-28",
            "١٩٧٩-10-28",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        let json = serde_json::to_string(&Wrapped(date!(2026 - 03 - 08))).unwrap();
        assert_eq!(json, r#""2026-03-08""#);
        let back: Wrapped = serde_json::from_str(&json).unwrap();
        assert_eq!(back.0, date!(2026 - 03 - 08));
        assert!(serde_json::from_str::<Wrapped>(r#""8 March""#).is_err());
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Wrapped(#[serde(with = "super")] Date);
}
