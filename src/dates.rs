//! Dates and times in each locale's own format: "28 қазан 1979 ж.", "28 октября 1979 г.",
//! "28 October 1979". One implementation, in the domain crate, which the server's PDF of a
//! result document uses too.

pub use egov_domain::l10n::{format_date, format_date_string, format_moment};

use time::OffsetDateTime;

/// A moment for a `<time datetime>` attribute: RFC 3339 in the moment's own offset, to the
/// second ("2025-10-28T09:17:00+05:00"; "Z" at UTC). Written with integer arithmetic, so the
/// wasm carries no general date formatter for it.
pub fn machine_time(moment: OffsetDateTime) -> String {
    let offset = moment.offset();
    let zone = if offset.is_utc() {
        "Z".to_owned()
    } else {
        let (hours, minutes, _) = offset.as_hms();
        let sign = if offset.is_negative() { '-' } else { '+' };
        format!(
            "{sign}{:02}:{:02}",
            hours.unsigned_abs(),
            minutes.unsigned_abs()
        )
    };
    format!(
        "{}T{:02}:{:02}:{:02}{zone}",
        egov_domain::iso_date::format(moment.date()),
        moment.hour(),
        moment.minute(),
        moment.second()
    )
}

#[cfg(test)]
mod tests {
    use super::machine_time;
    use time::macros::datetime;

    #[test]
    fn machine_time_is_rfc_3339_to_the_second() {
        assert_eq!(
            machine_time(datetime!(2025-10-28 09:17 +5)),
            "2025-10-28T09:17:00+05:00"
        );
        assert_eq!(
            machine_time(datetime!(2025-10-28 04:17:09.5 UTC)),
            "2025-10-28T04:17:09Z"
        );
        assert_eq!(
            machine_time(datetime!(2025-10-28 04:17 -3:30)),
            "2025-10-28T04:17:00-03:30"
        );
    }
}
