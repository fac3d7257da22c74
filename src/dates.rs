//! Dates and times in each locale's own format: "28 қазан 1979 ж.", "28 октября 1979 г.",
//! "28 October 1979". Month names come from the locale files (genitive forms in Russian).

use crate::i18n::translate;
use egov_domain::calendar::ALMATY;
use egov_domain::Lang;
use time::{Date, OffsetDateTime};

pub fn format_date(lang: Lang, date: Date) -> String {
    let month = translate(lang, &format!("month-{}", u8::from(date.month())), None);
    match lang {
        Lang::Kk => format!("{} {} {} ж.", date.day(), month, date.year()),
        Lang::Ru => format!("{} {} {} г.", date.day(), month, date.year()),
        Lang::En => format!("{} {} {}", date.day(), month, date.year()),
    }
}

/// A moment in Almaty time with its date in words, e.g. "28 October 1979, 14:05".
pub fn format_moment(lang: Lang, moment: OffsetDateTime) -> String {
    let local = moment.to_offset(ALMATY);
    format!(
        "{}, {:02}:{:02}",
        format_date(lang, local.date()),
        local.hour(),
        local.minute()
    )
}

/// A `YYYY-MM-DD` string formatted, or as given when it is not a valid date.
pub fn format_date_string(lang: Lang, iso: &str) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(iso, &format)
        .map(|d| format_date(lang, d))
        .unwrap_or_else(|_| iso.to_owned())
}
