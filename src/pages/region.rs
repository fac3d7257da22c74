//! Which region: regions' regulations differ, so services, results and deadlines depend on it.

use crate::components::error_summary::{message_for, ErrorSummary, FieldMessage, ERROR_SUMMARY_ID};
use crate::components::fields::{RadioOption, Radios};
use crate::components::page::PageHeading;
use crate::i18n::use_i18n;
use crate::nav::{use_navigate, use_query_map};
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::{Catalogue, RegionId};
use leptos::prelude::*;

#[component]
pub fn RegionPage() -> impl IntoView {
    let dom_root = crate::dom::use_dom_root();
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let next = paths::safe_next(use_query_map().read_untracked().get("next"));
    let back = match &next {
        Some(next) => paths::language_then(next),
        None => paths::LANGUAGE.to_owned(),
    };
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let chosen = RwSignal::new(wizard.region.get_untracked().map(|r| r.as_str().to_owned()));
    let options = Catalogue::shared()
        .regions
        .iter()
        .map(|region| {
            let name = region.name.clone();
            RadioOption {
                value: region.id.as_str().to_owned(),
                label: Signal::derive(move || name.get(i18n.lang.get()).to_owned()),
                hint: None,
            }
        })
        .collect();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked() {
            Some(region) => {
                wizard.set_region(RegionId::new(region));
                navigate.go(next.as_deref().unwrap_or(paths::SERVICES));
            }
            None => {
                errors.set(vec![FieldMessage::new("region", "region-required")]);
                dom_root.focus_later(ERROR_SUMMARY_ID);
            }
        }
    };
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    view! {
        <a class="back-link" href=back>{move || i18n.t("back")}</a>
        <ErrorSummary errors=errors.into() />
        <form novalidate on:submit=on_submit>
            <fieldset class="fieldset" aria-describedby="region-hint region-error">
                <legend class="fieldset__legend">
                    <PageHeading key="region-heading" has_errors />
                </legend>
                <p class="hint" id="region-hint">{move || i18n.t("region-hint")}</p>
                <Radios
                    id="region"
                    options
                    selected=chosen.into()
                    on_select=Callback::new(move |v: String| chosen.set(Some(v)))
                    error=message_for(errors.into(), "region")
                />
            </fieldset>
            <button type="submit" class="button" id="continue">{move || i18n.t("continue")}</button>
        </form>
    }
}
