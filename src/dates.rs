//! Dates and times in each locale's own format: "28 қазан 1979 ж.", "28 октября 1979 г.",
//! "28 October 1979". One implementation, in the domain crate, which the server's PDF of a
//! result document uses too.

pub use egov_domain::l10n::{format_date, format_date_string, format_moment};
