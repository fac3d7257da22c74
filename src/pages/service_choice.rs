//! Step 1: which service.

use crate::components::error_summary::{ErrorSummary, FieldMessage, ERROR_SUMMARY_ID};
use crate::components::page::PageHeading;
use crate::dom::focus_later;
use crate::i18n::use_i18n;
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::{Catalogue, ServiceId};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

const FIRST_OPTION_ID: &str = "service-0";

#[component]
pub fn ServiceChoicePage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let catalogue = Catalogue::embedded();
    let services: Vec<_> = catalogue.online_services().cloned().collect();
    let selected = RwSignal::new(wizard.draft.get_untracked().service);
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let has_errors = Signal::derive(move || !errors.read().is_empty());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match selected.get_untracked() {
            Some(service) => {
                wizard.draft.update(|d| d.service = Some(service.clone()));
                navigate(&paths::iin(service.as_str()), Default::default());
            }
            None => {
                errors.set(vec![FieldMessage {
                    field_id: FIRST_OPTION_ID,
                    message: "service-choice-required".into(),
                }]);
                focus_later(ERROR_SUMMARY_ID);
            }
        }
    };
    let localized_errors = Signal::derive(move || {
        errors
            .get()
            .into_iter()
            .map(|e| FieldMessage {
                message: i18n.t(&e.message),
                ..e
            })
            .collect()
    });

    let options = services
        .into_iter()
        .enumerate()
        .map(|(index, service)| {
            let id = format!("service-{index}");
            let value = service.id.clone();
            let checked_value = value.clone();
            let name = service.name.clone();
            view! {
                <div class="radios__item">
                    <input
                        class="radios__input"
                        type="radio"
                        name="service"
                        id=id.clone()
                        value=value.as_str().to_owned()
                        prop:checked=move || selected.get().as_ref() == Some(&checked_value)
                        on:change=move |_| selected.set(Some(value.clone()))
                    />
                    <label class="radios__label" for=id>
                        {move || name.get(i18n.lang.get()).to_owned()}
                    </label>
                </div>
            }
        })
        .collect_view();

    view! {
        <ErrorSummary errors=localized_errors />
        <form novalidate on:submit=on_submit>
            <div class="form-group" class:form-group--error=has_errors>
                <fieldset class="fieldset" aria-describedby="service-hint">
                    <legend class="fieldset__legend">
                        <PageHeading key="service-choice-heading" has_errors=has_errors />
                    </legend>
                    <p class="hint" id="service-hint">
                        {move || i18n.t("service-choice-hint")}
                    </p>
                    <Show when=move || has_errors.get()>
                        <p class="error-message" id="service-error">
                            {move || i18n.t("service-choice-required")}
                        </p>
                    </Show>
                    <div class="radios">{options}</div>
                </fieldset>
            </div>
            <button type="submit" class="button" id="continue">
                {move || i18n.t("continue")}
            </button>
        </form>
    }
}

/// The service named in the URL, if the catalogue has it online.
pub fn service_from_param(id: Option<String>) -> Option<ServiceId> {
    let id = ServiceId::new(id?);
    Catalogue::embedded()
        .service(&id)
        .filter(|s| s.online)
        .map(|s| s.id.clone())
}
