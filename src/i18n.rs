//! Localisation with Fluent: every text the person sees comes from `locales/*.ftl`.
//!
//! Fluent (fluent-bundle) rather than leptos_i18n: translators get plain `.ftl` files with
//! plurals and variables in the translation, not in code, and the bundle is a small runtime
//! library instead of generated code per key.
//!
//! Only Kazakh, the default, is compiled into the app; Russian and English are fetched from the
//! build's `locales/<tag>.ftl` when the person chooses them (or starts in them), so the first
//! load carries one language. Until a language has arrived the page stays in the current one;
//! if it cannot be fetched, a notice says so in the current language and choosing it again
//! retries.

use egov_domain::Lang;
use fluent_bundle::{FluentArgs, FluentValue};
use leptos::prelude::*;

// The messages themselves live in the domain crate, which the server's PDF of a result
// document reads too: one set of locale files, one lookup.
pub use egov_domain::l10n::{has_key, is_available, sources, translate, EN, KK, RU};

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
    /// A language chosen whose messages could not be fetched: the header's notice asks to
    /// choose it again.
    pub failed: RwSignal<Option<Lang>>,
    /// The language asked for last, so that of two fetches in flight the later choice wins.
    wanted: RwSignal<Lang>,
}

impl I18n {
    /// Starts in `lang` when its messages are at hand, otherwise in Kazakh (the caller then
    /// [`I18n::choose`]s it, or has fetched it before mounting).
    pub fn new(lang: Lang) -> I18n {
        let start = if is_available(lang) { lang } else { Lang::Kk };
        I18n {
            lang: RwSignal::new(start),
            failed: RwSignal::new(None),
            wanted: RwSignal::new(start),
        }
    }

    /// Reactive: re-runs when the language changes.
    pub fn t(&self, key: &str) -> String {
        translate(self.lang.get(), key, None)
    }

    pub fn t_with(&self, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        translate(self.lang.get(), key, Some(&fluent_args))
    }

    /// Switches to `lang`: at once when its messages are at hand, otherwise after fetching them
    /// from `api`'s origin. Nothing else changes: every typed value stays.
    pub fn choose(&self, lang: Lang, api: &crate::api::ApiClient) {
        let this = *self;
        this.wanted.set(lang);
        if is_available(lang) {
            this.failed.set(None);
            this.lang.set(lang);
            return;
        }
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let loaded = fetch_locale(&api, lang).await;
            // A later choice (or a remount) decides instead.
            if this.wanted.try_get_untracked() != Some(lang) {
                return;
            }
            if loaded {
                this.failed.set(None);
                this.lang.set(lang);
            } else {
                this.failed.set(Some(lang));
            }
        });
    }
}

/// Fetches and installs the messages of `lang`; false when they could not be had (no answer,
/// an error, or a file that is not the locale's messages).
pub async fn fetch_locale(api: &crate::api::ApiClient, lang: Lang) -> bool {
    match api.locale(lang).await {
        Ok(source) => egov_domain::l10n::install(lang, &source).is_ok(),
        Err(_) => false,
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
