//! Localisation with Fluent: every text the person sees comes from `locales/*.ftl`.
//!
//! Fluent (fluent-bundle) rather than leptos_i18n: translators get plain `.ftl` files with
//! plurals and variables in the translation, not in code, and the bundle is a small runtime
//! library instead of generated code per key.

use egov_domain::Lang;
use fluent_bundle::{FluentArgs, FluentValue};
use leptos::prelude::*;

// The messages themselves live in the domain crate, which the server's PDF of a result
// document reads too: one set of locale files, one lookup.
pub use egov_domain::l10n::{has_key, sources, translate, EN, KK, RU};

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
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
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
