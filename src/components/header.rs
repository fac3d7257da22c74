//! The top of every page: skip link, service name, language switch.

use crate::i18n::use_i18n;
use egov_domain::Lang;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = crate::state::use_wizard();
    let api = expect_context::<crate::api::ApiClient>();
    let switch = Lang::ALL
        .into_iter()
        .map(|lang| {
            let key = format!("lang-{}", lang.tag());
            let label = i18n.t(&key);
            let api = api.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="language-switch__button"
                        id=format!("lang-{}", lang.tag())
                        lang=lang.tag()
                        aria-pressed=move || (i18n.lang.get() == lang).to_string()
                        on:click=move |_| {
                            i18n.choose(lang, &api);
                            wizard.save_lang(lang);
                        }
                    >
                        {label}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <a class="skip-link" href="#main-content">
            {move || i18n.t("skip-to-content")}
        </a>
        <header class="header">
            <div class="header__inner">
                <a class="header__title" href="/">
                    {move || i18n.t("app-title")}
                </a>
                <a class="header__link" href="/applications" id="my-applications-link">
                    {move || i18n.t("status-my-applications-link")}
                </a>
                <nav class="language-switch" aria-label=move || i18n.t("language-switch-label")>
                    <ul>{switch}</ul>
                </nav>
            </div>
        </header>
        <LanguageLoadFailed />
    }
}

/// Says, in the language still on screen, that the chosen one could not be fetched; choosing it
/// again retries.
#[component]
fn LanguageLoadFailed() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        i18n.failed.get().map(|lang| {
            let language = i18n.t(&format!("lang-{}", lang.tag()));
            view! {
                <div class="width-container">
                    <p class="language-notice" role="alert" id="language-load-failed">
                        {i18n.t_with("language-load-failed", &[("language", language.into())])}
                    </p>
                </div>
            }
        })
    }
}
