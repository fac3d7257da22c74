//! My applications: sign in with the signer (challenge → signature → bearer token), then the
//! citizen's applications, newest first, and a lookup by reference number.
//!
//! The token lives in memory and, with `StorageMode::Local`, in `sessionStorage` (it survives a
//! reload of the tab and ends with it; the server's session lasts 30 minutes anyway). In
//! `StorageMode::Memory` (kiosk) it is kept in memory only and never written anywhere.

use crate::api::{ApiClient, ApiFailure};
use crate::components::due::DueText;
use crate::components::error_summary::ErrorSummary;
use crate::components::page::{PageHeading, HEADING_ID};
use crate::dates::format_moment;
use crate::dom::focus_later;
use crate::i18n::use_i18n;
use crate::nav::use_navigate;
use crate::pages::paths;
use crate::pages::sign::SignerHandle;
use crate::signer::{SignRequest, SignerError};
use crate::state::{use_wizard, StorageMode};
use egov_domain::api::{ApplicationSummary, Session, SessionRequest};
use egov_domain::{Catalogue, Iin};
use gloo_storage::{SessionStorage, Storage};
use leptos::prelude::*;
use std::cell::RefCell;

const SESSION_KEY: &str = "session";
const SIGN_IN_ERROR_ID: &str = "sign-in-error";

thread_local! {
    /// Per storage scope, so that embedded widgets keep their sign-ins apart.
    static SESSION: RefCell<Vec<(StorageMode, Session)>> = const { RefCell::new(Vec::new()) };
}

fn stored_session(storage: StorageMode) -> Option<Session> {
    let in_memory = SESSION.with(|s| {
        s.borrow()
            .iter()
            .find(|(mode, _)| *mode == storage)
            .map(|(_, session)| session.clone())
    });
    let session = in_memory.or_else(|| match storage {
        StorageMode::Local(scope) => SessionStorage::get::<Session>(scope.key(SESSION_KEY)).ok(),
        StorageMode::Memory => None,
    })?;
    if session.expires_at <= crate::clock::now() {
        forget_session(storage);
        return None;
    }
    Some(session)
}

fn keep_session(storage: StorageMode, session: &Session) {
    SESSION.with(|s| {
        let mut sessions = s.borrow_mut();
        sessions.retain(|(mode, _)| *mode != storage);
        sessions.push((storage, session.clone()));
    });
    if let StorageMode::Local(scope) = storage {
        let _ = SessionStorage::set(scope.key(SESSION_KEY), session);
    }
}

fn forget_session(storage: StorageMode) {
    SESSION.with(|s| s.borrow_mut().retain(|(mode, _)| *mode != storage));
    if let StorageMode::Local(scope) = storage {
        SessionStorage::delete(scope.key(SESSION_KEY));
    }
}

/// The challenge's bytes: base64 (standard alphabet), decoded by the browser.
fn challenge_bytes(challenge: &str) -> Option<Vec<u8>> {
    let binary = window().atob(challenge).ok()?;
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let storage = wizard.storage;
    let session = RwSignal::new(stored_session(storage));
    view! {
        <PageHeading key="my-applications-heading" />
        {move || match session.get() {
            None => view! { <SignIn session storage /> }.into_any(),
            Some(current) => view! {
                <p class="body" id="signed-in-as">
                    {move || i18n.t("my-applications-signed-in")} " " {current.iin.clone()}
                    " "
                    <button type="button" class="button button--link" id="sign-out" on:click=move |_| {
                        forget_session(storage);
                        session.set(None);
                        focus_later(HEADING_ID);
                    }>{move || i18n.t("my-applications-sign-out")}</button>
                </p>
                <ApplicationList token=current.token.clone() session storage />
                <Lookup />
            }.into_any(),
        }}
    }
}

#[component]
fn SignIn(session: RwSignal<Option<Session>>, storage: StorageMode) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let signer = expect_context::<SignerHandle>();
    let iin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let entered: String = iin
            .get_untracked()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if Iin::parse(&entered).is_err() {
            error.set(Some("my-applications-iin-invalid".into()));
            return;
        }
        error.set(None);
        pending.set(true);
        let api = api.clone();
        let signer = signer.get_value();
        let lang = i18n.lang.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome: Result<Session, String> = async {
                let challenge = api.session_challenge().await.map_err(|e| e.message_key())?;
                let bytes = challenge_bytes(&challenge.challenge)
                    .ok_or_else(|| "error-unexpected".to_owned())?;
                let signed = signer
                    .sign(SignRequest {
                        bytes,
                        iin: entered.clone(),
                        lang,
                    })
                    .await
                    .map_err(|e: SignerError| e.message_key().to_owned())?;
                api.sign_in(&SessionRequest {
                    challenge: challenge.challenge,
                    iin: entered,
                    signature: signed.envelope,
                })
                .await
                .map_err(|e| e.message_key())
            }
            .await;
            pending.set(false);
            match outcome {
                Ok(new) => {
                    keep_session(storage, &new);
                    session.set(Some(new));
                    // The form has gone: the page's heading takes the focus.
                    focus_later(HEADING_ID);
                }
                Err(key) => error.set(Some(key)),
            }
        });
    };
    view! {
        <p class="body">{move || i18n.t("my-applications-sign-in-intro")}</p>
        {move || error.get().map(|key| view! {
            <ErrorSummary id=SIGN_IN_ERROR_ID titled=false>
                <p class="body">{i18n.t(&key)}</p>
            </ErrorSummary>
        })}
        <form id="sign-in-form" on:submit=submit novalidate>
            <div class="form-group">
                <label class="label" for="sign-in-iin">{move || i18n.t("my-applications-iin")}</label>
                <input class="input input--width-20" id="sign-in-iin" name="iin" type="text"
                    inputmode="numeric" autocomplete="off"
                    prop:value=move || iin.get()
                    on:input=move |ev| iin.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="button" id="sign-in" disabled=move || pending.get()>
                {move || i18n.t("my-applications-sign-in")}
            </button>
        </form>
    }
}

#[component]
fn ApplicationList(
    token: String,
    session: RwSignal<Option<Session>>,
    storage: StorageMode,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let list = LocalResource::new(move || {
        let api = api.clone();
        let token = token.clone();
        async move { api.my_applications(&token).await }
    });
    view! {
        <h2 class="heading-m" id="my-applications-list-heading">{move || i18n.t("my-applications-list-heading")}</h2>
        <Suspense fallback=move || view! { <p class="body">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! {
                        <p class="body" id="my-applications-empty">{move || i18n.t("my-applications-empty")}</p>
                    }.into_any(),
                    Ok(items) => {
                        let rows = items.into_iter().map(|item| view! { <SummaryItem item /> }).collect_view();
                        view! {
                            <ul class="application-list" id="my-applications" aria-labelledby="my-applications-list-heading">
                                {rows}
                            </ul>
                        }.into_any()
                    }
                    Err(ApiFailure::Problem(p, _)) if p.status == 401 => {
                        // The session ended on the server: sign in again.
                        forget_session(storage);
                        session.set(None);
                        ().into_any()
                    }
                    Err(e) => {
                        let key = e.message_key();
                        view! {
                            <p class="body" id="my-applications-error">{move || i18n.t(&key)}</p>
                            <button type="button" class="button button--secondary" id="my-applications-retry" on:click=move |_| list.refetch()>
                                {move || i18n.t("try-again")}
                            </button>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn SummaryItem(item: ApplicationSummary) -> impl IntoView {
    let i18n = use_i18n();
    let service = Catalogue::shared()
        .service(&item.service)
        .map(|s| s.name.clone());
    let status_key = format!("status-{}", item.status.code());
    let submitted = item.submitted_at;
    let due = item.due();
    let due_id = format!("due-{}", item.reference);
    let href = paths::status(&item.reference);
    view! {
        <li class="application-list__item" data-reference=item.reference.clone()>
            <h3 class="heading-s">
                <a href=href>
                    {move || service.as_ref().map(|s| s.get(i18n.lang.get()).to_owned()).unwrap_or_default()}
                </a>
            </h3>
            <dl class="summary-list summary-list--compact">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || i18n.t("status-reference")}</dt>
                    <dd class="summary-list__value application-list__reference">{item.reference.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || i18n.t("status-submitted-at")}</dt>
                    <dd class="summary-list__value">{move || format_moment(i18n.lang.get(), submitted)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || i18n.t("status-current")}</dt>
                    <dd class="summary-list__value">
                        <strong class="tag application-list__status" data-status=item.status.code()>{move || i18n.t(&status_key)}</strong>
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || i18n.t("status-service-due")}</dt>
                    <dd class="summary-list__value application-list__due">
                        <DueText due id=due_id not_set_key="status-due-unknown" />
                    </dd>
                </div>
            </dl>
        </li>
    }
}

/// Opens an application by its reference number (from the confirmation, another device).
#[component]
fn Lookup() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let reference = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cleaned: String = reference
            .get_untracked()
            .trim()
            .to_ascii_uppercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if cleaned.len() < 4 {
            error.set(true);
            return;
        }
        error.set(false);
        navigate.go(&paths::status(&cleaned));
    };
    view! {
        <h2 class="heading-m" id="lookup-heading">{move || i18n.t("lookup-heading")}</h2>
        <form id="lookup-form" on:submit=submit novalidate aria-labelledby="lookup-heading">
            <div class="form-group" class:form-group--error=move || error.get()>
                <label class="label" for="lookup-reference">{move || i18n.t("lookup-reference")}</label>
                <p class="hint" id="lookup-reference-hint">{move || i18n.t("lookup-reference-hint")}</p>
                {move || error.get().then(|| view! {
                    <p class="error-message" id="lookup-error">{i18n.t("lookup-reference-invalid")}</p>
                })}
                <input class="input input--width-20" id="lookup-reference" type="text" autocomplete="off"
                    aria-describedby="lookup-reference-hint lookup-error"
                    prop:value=move || reference.get()
                    on:input=move |ev| reference.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="button" id="lookup">{move || i18n.t("lookup-open")}</button>
        </form>
    }
}
