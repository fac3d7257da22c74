//! First visit: which language.

use crate::components::error_summary::{ErrorSummary, FieldMessage};
use crate::components::fields::{RadioOption, Radios};
use crate::components::page::PageHeading;
use crate::i18n::use_i18n;
use crate::nav::{use_navigate, use_query_map};
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::Lang;
use leptos::prelude::*;

#[component]
pub fn LanguagePage() -> impl IntoView {
    let dom_root = crate::dom::use_dom_root();
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let next = paths::safe_next(use_query_map().read_untracked().get("next"));
    let api = expect_context::<crate::api::ApiClient>();
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let chosen = RwSignal::new(crate::state::Wizard::saved_lang(wizard.storage));
    let options = Lang::ALL
        .into_iter()
        .map(|lang| RadioOption {
            value: lang.tag().to_owned(),
            label: Signal::derive(move || {
                crate::i18n::translate(lang, &format!("lang-{}", lang.tag()), None)
            }),
            hint: None,
        })
        .collect();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked() {
            Some(lang) => {
                wizard.save_lang(lang);
                // A deep link that brought the person here goes on where it pointed.
                let target = match (&next, wizard.region.get_untracked()) {
                    (Some(next), Some(_)) => next.clone(),
                    (Some(next), None) => paths::region_then(next),
                    (None, Some(_)) => paths::SERVICES.to_owned(),
                    (None, None) => paths::REGION.to_owned(),
                };
                navigate.go(&target);
            }
            None => {
                errors.set(vec![FieldMessage::new("language", "language-required")]);
                dom_root.focus_later(crate::components::error_summary::ERROR_SUMMARY_ID);
            }
        }
    };
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    view! {
        <ErrorSummary errors=errors.into() />
        <form novalidate on:submit=on_submit>
            // The error, when there is one, is read with the question.
            <fieldset class="fieldset" aria-describedby="language-error">
                <legend class="fieldset__legend">
                    <PageHeading key="language-heading" has_errors />
                </legend>
                <Radios
                    id="language"
                    options
                    selected=Signal::derive(move || chosen.get().map(|l| l.tag().to_owned()))
                    on_select=Callback::new(move |tag: String| {
                        if let Some(lang) = Lang::from_tag(&tag) {
                            chosen.set(Some(lang));
                            // Switch at once so the rest of this page reads in the chosen language.
                            i18n.choose(lang, &api);
                        }
                    })
                    error=crate::components::error_summary::message_for(errors.into(), "language")
                />
            </fieldset>
            <button type="submit" class="button" id="continue">{move || i18n.t("continue")}</button>
        </form>
    }
}
