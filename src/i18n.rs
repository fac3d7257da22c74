//! Localisation with Fluent: every text the person sees comes from `locales/*.ftl`.
//!
//! Fluent (fluent-bundle) rather than leptos_i18n: translators get plain `.ftl` files with
//! plurals and variables in the translation, not in code, and the bundle is a small runtime
//! library instead of generated code per key.

use egov_domain::Lang;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use leptos::prelude::*;

/// Declares the locale files: one folder per language, one file per concern, the same file
/// names in every folder.
macro_rules! locale_files {
    ($($file:literal),+ $(,)?) => {
        pub const KK: &[(&str, &str)] = &[$(($file, include_str!(concat!("../locales/kk/", $file)))),+];
        pub const RU: &[(&str, &str)] = &[$(($file, include_str!(concat!("../locales/ru/", $file)))),+];
        pub const EN: &[(&str, &str)] = &[$(($file, include_str!(concat!("../locales/en/", $file)))),+];
    };
}

locale_files!(
    "wizard.ftl",
    "steps.ftl",
    "signer.ftl",
    "status.ftl",
    "kiosk.ftl"
);

/// The locale files of `lang`, as (file name, contents).
pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Kk => KK,
        Lang::Ru => RU,
        Lang::En => EN,
    }
}

fn build_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let langid = lang.tag().parse().expect("language tags are valid");
    let mut bundle = FluentBundle::new(vec![langid]);
    // Isolation marks would end up inside input values and test assertions; our texts are LTR.
    bundle.set_use_isolating(false);
    for (_, source) in sources(lang) {
        let resource = FluentResource::try_new((*source).to_owned())
            .unwrap_or_else(|(resource, _errors)| resource);
        bundle
            .add_resource(resource)
            .expect("message ids are unique per locale");
    }
    bundle
}

thread_local! {
    static BUNDLES: [FluentBundle<FluentResource>; 3] =
        [build_bundle(Lang::Kk), build_bundle(Lang::Ru), build_bundle(Lang::En)];
}

fn index(lang: Lang) -> usize {
    match lang {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    }
}

/// Formats message `key` in `lang`. A missing key yields the key itself, so a gap is visible
/// (and the locale parity test fails) instead of an empty label.
pub fn translate(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    BUNDLES.with(|bundles| {
        let bundle = &bundles[index(lang)];
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    })
}

/// Whether `key` exists (in the default locale; parity makes that all of them).
pub fn has_key(key: &str) -> bool {
    BUNDLES.with(|bundles| bundles[0].has_message(key))
}

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
