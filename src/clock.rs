//! The app's clock: "now" is the browser's clock. Builds with the `stub-signer` feature
//! (development and tests, never production) also read `?now=<RFC 3339>` on the first page the
//! app opens; the clock then runs from that moment, so a test can see a due moment pass.

use time::OffsetDateTime;

thread_local! {
    /// Milliseconds to add to the browser's clock (see the module documentation).
    static CLOCK_OFFSET_MS: f64 = clock_offset_ms();
}

fn clock_offset_ms() -> f64 {
    #[cfg(feature = "stub-signer")]
    {
        let given = crate::settings::dev_query("now").and_then(|v| {
            OffsetDateTime::parse(&v, &time::format_description::well_known::Rfc3339).ok()
        });
        if let Some(given) = given {
            return (given.unix_timestamp_nanos() / 1_000_000) as f64 - js_sys::Date::now();
        }
    }
    0.0
}

/// The current moment (see the module documentation for the test clock).
pub fn now() -> OffsetDateTime {
    let ms = js_sys::Date::now() + CLOCK_OFFSET_MS.with(|o| *o);
    OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
