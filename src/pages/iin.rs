//! Step 2: the applicant's IIN.

use crate::components::error_summary::{ErrorSummary, FieldMessage, ERROR_SUMMARY_ID};
use crate::components::page::PageHeading;
use crate::dom::focus_later;
use crate::i18n::use_i18n;
use crate::pages::paths;
use crate::pages::service_choice::service_from_param;
use crate::state::use_wizard;
use egov_domain::{Iin, IinError};
use fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

pub const IIN_INPUT_ID: &str = "iin";

#[component]
pub fn IinPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let params = use_params_map();
    let service = service_from_param(params.read_untracked().get("service"));
    let Some(service) = service else {
        navigate("/", Default::default());
        return ().into_any();
    };
    wizard.draft.update(|d| d.service = Some(service.clone()));

    // What the person typed stays exactly as typed, even when it is wrong.
    let typed = RwSignal::new(wizard.draft.get_untracked().iin);
    let error = RwSignal::new(None::<IinError>);
    let has_errors = Signal::derive(move || error.read().is_some());
    let message = move || {
        error.get().map(|e| match e {
            IinError::WrongLength { actual } => {
                i18n.t_with(e.code(), &[("actual", FluentValue::from(actual))])
            }
            other => i18n.t(other.code()),
        })
    };
    let summary = Signal::derive(move || {
        message()
            .map(|message| {
                vec![FieldMessage {
                    field_id: IIN_INPUT_ID,
                    message,
                }]
            })
            .unwrap_or_default()
    });

    let service_for_submit = service.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Iin::parse(&typed.get_untracked()) {
            Ok(iin) => {
                error.set(None);
                wizard.draft.update(|d| d.iin = iin.as_str().to_owned());
                navigate(
                    &paths::check(service_for_submit.as_str()),
                    Default::default(),
                );
            }
            Err(e) => {
                error.set(Some(e));
                focus_later(ERROR_SUMMARY_ID);
            }
        }
    };

    view! {
        <a class="back-link" href="/">
            {move || i18n.t("back")}
        </a>
        <ErrorSummary errors=summary />
        <form novalidate on:submit=on_submit>
            <div class="form-group" class:form-group--error=has_errors>
                <PageHeading key="iin-heading" has_errors=has_errors label_for=IIN_INPUT_ID />
                <p class="hint" id="iin-hint">
                    {move || i18n.t("iin-hint")}
                </p>
                <Show when=move || has_errors.get()>
                    <p class="error-message" id="iin-error">
                        {message}
                    </p>
                </Show>
                <input
                    class="input input--width-12"
                    class:input--error=has_errors
                    id=IIN_INPUT_ID
                    name="iin"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=move || {
                        if has_errors.get() { "iin-hint iin-error" } else { "iin-hint" }
                    }
                    aria-invalid=move || has_errors.get().to_string()
                    prop:value=move || typed.get()
                    on:input:target=move |ev| typed.set(ev.target().value())
                />
            </div>
            <button type="submit" class="button" id="continue">
                {move || i18n.t("continue")}
            </button>
        </form>
    }
    .into_any()
}
