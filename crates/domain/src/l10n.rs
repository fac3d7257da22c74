//! The messages of `locales/` (Fluent) and dates in words, for every place that shows text: the
//! wasm app's pages and the server's PDF of a result document read the same files, so a label
//! is translated once.
//!
//! Behind the `l10n` feature: only crates that show text pay for Fluent.

use crate::working_time::ALMATY;
use crate::Lang;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use std::cell::RefCell;
use std::rc::Rc;
use time::{Date, OffsetDateTime};

/// Declares the locale files: one folder per language, one file per concern, the same file
/// names in every folder.
macro_rules! locale_files {
    ($($file:literal),+ $(,)?) => {
        pub const KK: &[(&str, &str)] = &[$(($file, include_str!(concat!("../../../locales/kk/", $file)))),+];
        pub const RU: &[(&str, &str)] = &[$(($file, include_str!(concat!("../../../locales/ru/", $file)))),+];
        pub const EN: &[(&str, &str)] = &[$(($file, include_str!(concat!("../../../locales/en/", $file)))),+];
    };
}

locale_files!(
    "wizard.ftl",
    "steps.ftl",
    "signer.ftl",
    "status.ftl",
    "kiosk.ftl",
    "service.ftl"
);

/// The locale files of `lang`, as (file name, contents).
pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Kk => KK,
        Lang::Ru => RU,
        Lang::En => EN,
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The locale files a bundle is built from on first use: Kazakh, the default, everywhere; Russian
/// and English natively (the server, native tests). The wasm app fetches those two when the
/// person chooses them and [`install`]s them, so its first load carries one language. (A target
/// check, not a feature: Trunk builds the app with the workspace's features unified, the
/// server's among them.)
fn compiled_in(lang: Lang) -> Option<&'static [(&'static str, &'static str)]> {
    match lang {
        Lang::Kk => Some(KK),
        #[cfg(not(target_arch = "wasm32"))]
        Lang::Ru | Lang::En => Some(sources(lang)),
        #[cfg(target_arch = "wasm32")]
        Lang::Ru | Lang::En => None,
    }
}

/// Installs the messages of `lang` from the locale files compiled into this crate: for tests in
/// the browser, which have no build to fetch them from.
pub fn install_compiled(lang: Lang) {
    let joined: String = sources(lang)
        .iter()
        .map(|(_, source)| format!("{source}\n"))
        .collect();
    install(lang, &joined).expect("the compiled-in locales are checked by tests");
}

/// Why messages fetched at run time were not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocaleError {
    /// Not Fluent (an error page, a truncated download) or not this project's messages.
    #[error("the locale file does not parse as this project's messages")]
    Malformed,
}

/// A key every locale has, to tell a locale file from any other text that parses.
const PROBE_KEY: &str = "app-title";

fn build_bundle<'a>(
    lang: Lang,
    sources: impl Iterator<Item = &'a str>,
) -> Result<Bundle, LocaleError> {
    let langid = lang.tag().parse().expect("language tags are valid");
    let mut bundle = FluentBundle::new(vec![langid]);
    // Isolation marks would end up inside input values and test assertions; our texts are LTR.
    bundle.set_use_isolating(false);
    for source in sources {
        let resource =
            FluentResource::try_new(source.to_owned()).map_err(|_| LocaleError::Malformed)?;
        bundle
            .add_resource(resource)
            .map_err(|_| LocaleError::Malformed)?;
    }
    if bundle.has_message(PROBE_KEY) {
        Ok(bundle)
    } else {
        Err(LocaleError::Malformed)
    }
}

thread_local! {
    // Per thread: a bundle's formatter caches are not `Sync`. The app has one thread; a server
    // builds one set per worker thread, once. Built on first use; None until then, and for a
    // language neither compiled in nor installed yet.
    static BUNDLES: RefCell<[Option<Rc<Bundle>>; 3]> = const { RefCell::new([None, None, None]) };
}

fn index(lang: Lang) -> usize {
    match lang {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    }
}

fn bundle(lang: Lang) -> Option<Rc<Bundle>> {
    BUNDLES.with(|bundles| {
        let mut bundles = bundles.borrow_mut();
        let slot = &mut bundles[index(lang)];
        if slot.is_none() {
            let files = compiled_in(lang)?;
            let built = build_bundle(lang, files.iter().map(|(_, source)| *source))
                .expect("the compiled-in locales are checked by tests");
            *slot = Some(Rc::new(built));
        }
        slot.clone()
    })
}

/// Whether the messages of `lang` are at hand: compiled in, or installed.
pub fn is_available(lang: Lang) -> bool {
    bundle(lang).is_some()
}

/// Takes the messages of `lang` fetched at run time: the locale's files joined into one Fluent
/// source (`locales/<tag>.ftl` of a build). Refused, leaving what was there, when it does not
/// parse cleanly or is not this project's messages.
pub fn install(lang: Lang, source: &str) -> Result<(), LocaleError> {
    let built = build_bundle(lang, std::iter::once(source))?;
    BUNDLES.with(|bundles| bundles.borrow_mut()[index(lang)] = Some(Rc::new(built)));
    Ok(())
}

/// Formats message `key` in `lang`. A missing key yields the key itself, so a gap is visible
/// (and the locale parity test fails) instead of an empty label. A language not available yet
/// reads in Kazakh.
pub fn translate(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let Some(bundle) = bundle(lang).or_else(|| bundle(Lang::Kk)) else {
        return key.to_owned();
    };
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// Whether `key` exists (in the default locale; parity makes that all of them).
pub fn has_key(key: &str) -> bool {
    bundle(Lang::Kk).is_some_and(|bundle| bundle.has_message(key))
}

/// A date in the locale's own format: "28 қазан 1979 ж.", "28 октября 1979 г.",
/// "28 October 1979". Month names come from the locale files (genitive forms in Russian).
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
    crate::iso_date::parse(iso)
        .map(|d| format_date(lang, d))
        .unwrap_or_else(|| iso.to_owned())
}

/// A service's total duration in words, from the one schedule computation: the stated total,
/// or the sum of the steps of the procedure an application follows, each labelled as such.
pub fn duration_text(lang: Lang, service: &crate::catalogue::ServiceView) -> Option<String> {
    use crate::deadline::DurationUnit;
    use crate::schedule::{service_duration, ServiceDuration};
    let count = |key: &str, value: u32| {
        let mut args = FluentArgs::new();
        args.set("count", value);
        translate(lang, key, Some(&args))
    };
    match service_duration(service) {
        ServiceDuration::Stated(max) => {
            let key = match max.unit {
                DurationUnit::Minutes => "status-max-minutes",
                DurationUnit::Hours => "status-max-hours",
                DurationUnit::WorkingDays => "status-max-working-days",
                DurationUnit::CalendarDays => "status-max-calendar-days",
            };
            Some(format!(
                "{} ({})",
                count(key, max.value),
                translate(lang, "deadline-stated", None)
            ))
        }
        ServiceDuration::Summed(sum) => {
            let mut parts = Vec::new();
            if sum.working_days > 0 {
                parts.push(count("duration-working-days", sum.working_days));
            }
            if sum.minutes > 0 {
                parts.push(count("duration-minutes", sum.minutes));
            }
            (!parts.is_empty()).then(|| {
                format!(
                    "{} ({})",
                    parts.join(" + "),
                    translate(lang, "deadline-summed", None)
                )
            })
        }
        ServiceDuration::NotSet => None,
    }
}

/// [`translate`] with string arguments, for callers without Fluent of their own (the server).
pub fn translate_with(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.clone());
    }
    translate(lang, key, Some(&fluent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates_in_words_per_locale() {
        let d = date!(1979 - 10 - 28);
        assert_eq!(format_date(Lang::Ru, d), "28 октября 1979 г.");
        assert_eq!(format_date(Lang::En, d), "28 October 1979");
        assert!(format_date(Lang::Kk, d).ends_with("1979 ж."));
        assert_eq!(format_date_string(Lang::En, "not a date"), "not a date");
        // 09:05 UTC is 14:05 in Almaty.
        assert_eq!(
            format_moment(Lang::En, datetime!(1979-10-28 09:05 UTC)),
            "28 October 1979, 14:05"
        );
    }

    #[test]
    fn messages_come_from_the_locale_files() {
        assert_eq!(
            translate(Lang::Ru, "resultdoc-kind-referral", None),
            "Направление"
        );
        assert_eq!(translate(Lang::Kk, "no-such-key", None), "no-such-key");
        assert!(has_key("resultdoc-number"));
    }

    #[test]
    fn a_fetched_locale_is_installed_only_when_it_is_one() {
        // What a build serves as locales/ru.ftl: the locale's files joined.
        let joined: String = RU.iter().map(|(_, source)| format!("{source}\n")).collect();
        assert_eq!(install(Lang::Ru, &joined), Ok(()));
        assert_eq!(
            translate(Lang::Ru, "resultdoc-kind-referral", None),
            "Направление"
        );
        // The SPA fallback's index.html, a cut-off download, another Fluent file.
        let html = "<!DOCTYPE html><html lang=\"kk\"><body></body></html>";
        assert_eq!(install(Lang::En, html), Err(LocaleError::Malformed));
        let cut = &joined[..joined.len() / 2];
        let cut = &cut[..cut.rfind('=').unwrap_or(0)];
        assert_eq!(install(Lang::En, cut), Err(LocaleError::Malformed));
        assert_eq!(
            install(Lang::En, "hello = Hello\n"),
            Err(LocaleError::Malformed)
        );
    }
}
