//! Step 4: sign with the ЭЦП and submit.

use crate::api::{ApiClient, ApiFailure};
use crate::components::error_summary::{ErrorSummary, Problem};
use crate::components::page::PageHeading;
use crate::flow::Step;
use crate::i18n::use_i18n;
use crate::nav::Redirect;
use crate::nav::{use_navigate, use_params_map};
use crate::pages::paths;
use crate::signer::{SignRequest, Signer, SignerError};
use crate::state::use_wizard;
use egov_domain::api::SignedApplication;
use egov_domain::ServiceId;
use leptos::prelude::*;
use std::rc::Rc;

/// The signer the app was configured with.
pub type SignerHandle = StoredValue<Rc<dyn Signer>, LocalStorage>;

/// What went wrong, as a locale key. Cancelling is told apart: it is the person's choice.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Cancelled,
    Failed(String),
    /// The server refused some answers: each with the step to change it on and its code.
    Invalid(Vec<(Option<Step>, String)>),
}

fn outcome_of(failure: ApiFailure) -> Outcome {
    match failure {
        ApiFailure::Problem(problem, _) if !problem.errors.is_empty() => Outcome::Invalid(
            problem
                .errors
                .iter()
                .map(|e| (crate::flow::step_for_field(&e.path), e.code.clone()))
                .collect(),
        ),
        other => Outcome::Failed(other.message_key()),
    }
}

/// The answers the server refused, each linking to the step that changes it.
fn refused_answers(fields: &[(Option<Step>, String)], service: &ServiceId) -> Vec<Problem> {
    let i18n = use_i18n();
    fields
        .iter()
        .map(|(step, code)| {
            let (step, code) = (*step, code.clone());
            // Derived so that a change of language rewrites every message.
            let text = Signal::derive(move || {
                let message = if crate::i18n::has_key(&code) {
                    i18n.t(&code)
                } else {
                    i18n.t("server-field-error")
                };
                match step {
                    Some(step) => {
                        format!("{}: {message}", i18n.t(&format!("check-{}", step.slug())))
                    }
                    None => message,
                }
            });
            Problem {
                text,
                href: step.map(|step| paths::change(service.as_str(), step)),
            }
        })
        .collect()
}

/// Why signing or sending failed; with the server's refused answers.
#[component]
fn SignErrorSummary(
    key: String,
    fields: Vec<(Option<Step>, String)>,
    service: ServiceId,
) -> impl IntoView {
    let i18n = use_i18n();
    let text_key = key.clone();
    view! {
        <ErrorSummary id="sign-outcome" problems=refused_answers(&fields, &service) list_id="sign-field-errors">
            <p class="error-summary__body" id="sign-error" data-code=key>
                {move || i18n.t(&text_key)}
            </p>
        </ErrorSummary>
    }
}

#[component]
pub fn SignPage() -> impl IntoView {
    let dom_root = crate::dom::use_dom_root();
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let params = use_params_map();
    // The apply page has checked the service and that every step is complete.
    let Some(service) = params.read_untracked().get("service").map(ServiceId::new) else {
        return view! { <Redirect path="/" /> }.into_any();
    };
    let signer = expect_context::<SignerHandle>();
    let api = expect_context::<ApiClient>();
    let events = crate::events::use_host_events();
    let pending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);

    let sign_and_submit = move |_| {
        if pending.get_untracked() {
            return;
        }
        let Some(mut application) = wizard
            .draft
            .get_untracked()
            .application(i18n.lang.get_untracked())
        else {
            return;
        };
        pending.set(true);
        outcome.set(None);
        let signer = signer.get_value();
        let api = api.clone();
        let navigate = navigate.clone();
        let key = wizard.idempotency_key();
        // Both go into the signed bytes: the server creates one application per signed key, and
        // refuses a body signed too long ago.
        application.idempotency_key = key.clone();
        application.signed_at = String::from(js_sys::Date::new_0().to_iso_string());
        leptos::task::spawn_local(async move {
            let request = SignRequest {
                bytes: application.canonical_bytes(),
                iin: application.applicant.iin.clone(),
                lang: application.lang,
            };
            let result = match signer.sign(request).await {
                Err(SignerError::Cancelled) => Err(Outcome::Cancelled),
                Err(e) => {
                    events.error(e.message_key(), None);
                    Err(Outcome::Failed(e.message_key().into()))
                }
                Ok(signed) => {
                    let signed = SignedApplication {
                        application,
                        signature: signed.envelope,
                    };
                    api.submit(&signed, &key).await.map_err(outcome_of)
                }
            };
            pending.set(false);
            match result {
                Ok(record) => {
                    events.emit(
                        crate::events::SUBMITTED,
                        serde_json::json!({
                            "reference": record.reference,
                            "service": record.service,
                            "status": record.status,
                        }),
                    );
                    wizard.finish();
                    navigate.go(&paths::confirmation(&record.reference));
                }
                Err(o) => {
                    // A summary of what failed takes the focus itself; a cancellation is news
                    // to announce in the same place.
                    if o == Outcome::Cancelled {
                        dom_root.focus_later("sign-outcome");
                    }
                    outcome.set(Some(o));
                }
            }
        });
    };

    view! {
        <a class="back-link" href=paths::check(service.as_str())>
            {move || i18n.t("back")}
        </a>
        <PageHeading
            key="sign-heading"
            has_errors=Signal::derive(move || {
                matches!(outcome.get(), Some(Outcome::Failed(_) | Outcome::Invalid(_)))
            })
        />
        {move || {
            outcome
                .get()
                .map(|o| match o {
                    Outcome::Cancelled => {
                        view! {
                            <div class="inset" id="sign-outcome" tabindex="-1" role="status">
                                {i18n.t(SignerError::Cancelled.message_key())}
                            </div>
                        }
                            .into_any()
                    }
                    Outcome::Failed(key) => {
                        view! { <SignErrorSummary key fields=Vec::new() service=service.clone() /> }
                            .into_any()
                    }
                    Outcome::Invalid(fields) => {
                        let key = "validation_failed".to_owned();
                        view! { <SignErrorSummary key fields service=service.clone() /> }
                            .into_any()
                    }
                })
        }}
        <p class="body">{move || i18n.t("sign-intro")}</p>
        <StubCertificatePicker />
        <button
            type="button"
            class="button"
            id="sign"
            disabled=move || pending.get()
            aria-busy=move || pending.get().to_string()
            on:click=sign_and_submit
        >
            {move || if pending.get() { i18n.t("sign-pending") } else { i18n.t("sign-button") }}
        </button>
    }
    .into_any()
}

/// In development builds the person (or a test) picks which test certificate signs.
#[cfg(feature = "stub-signer")]
#[component]
fn StubCertificatePicker() -> impl IntoView {
    use crate::signer::stub::{StubBehaviour, StubSigner};
    let i18n = use_i18n();
    let Some(stub) = use_context::<StoredValue<Rc<StubSigner>, LocalStorage>>() else {
        return ().into_any();
    };
    let current = RwSignal::new(stub.with_value(|s| s.behaviour.get()));
    let options = StubBehaviour::ALL
        .into_iter()
        .map(|behaviour| {
            let id = format!("stub-{}", behaviour.code());
            let key = id.clone();
            view! {
                <div class="radios__item">
                    <input
                        class="radios__input"
                        type="radio"
                        name="stub-certificate"
                        id=id.clone()
                        value=behaviour.code()
                        prop:checked=move || current.get() == behaviour
                        on:change=move |_| {
                            current.set(behaviour);
                            stub.with_value(|s| s.behaviour.set(behaviour));
                        }
                    />
                    <label class="radios__label" for=id.clone()>
                        {move || i18n.t(&key)}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="fieldset fieldset--dev">
            <legend class="fieldset__legend">{move || i18n.t("sign-test-certificate")}</legend>
            <div class="radios radios--small">{options}</div>
        </fieldset>
    }
    .into_any()
}

#[cfg(not(feature = "stub-signer"))]
#[component]
fn StubCertificatePicker() -> impl IntoView {}
