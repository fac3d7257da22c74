//! Typed client of the `/api/v1` contract. It assumes nothing about the server beyond the
//! contract, so any backend that implements it can serve the wizard.
//!
//! Every call has a time limit ([`timeout_ms`]): a server or network that never answers ends as
//! [`ApiFailure::Timeout`] instead of a page that waits for ever. The request is not aborted
//! (fetch needs an `AbortController` for that); its late answer is ignored. Retrying is safe:
//! a submission carries its idempotency key.

use egov_domain::api::{
    paths, problem_code, ApplicationRecord, ApplicationSummary, CalendarYear, Problem, Session,
    SessionChallenge, SessionRequest, SignedApplication, API_PREFIX, IDEMPOTENCY_KEY_HEADER,
};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;

/// Why a call failed, in terms a page can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with problem details, and with `Retry-After` (seconds) when it said
    /// when to come back.
    Problem(Box<Problem>, Option<u32>),
    /// No answer: offline, DNS, connection refused or dropped, CORS.
    Network,
    /// No answer within [`timeout_ms`].
    Timeout,
    /// An answer outside the contract (a proxy's HTML error page, malformed JSON).
    Unexpected(u16),
}

impl ApiFailure {
    /// The locale key of the message a person sees for this failure.
    pub fn message_key(&self) -> String {
        match self {
            // The one 5xx the person can act on: wait, the server's storage is full (507).
            ApiFailure::Problem(p, _) if p.code == problem_code::STORAGE_FULL => {
                "storage_full".into()
            }
            ApiFailure::Problem(p, _) if p.status >= 500 => "error-server".into(),
            // The server's own limit, which the app checks before sending too.
            ApiFailure::Problem(p, _) if p.code == problem_code::UPLOAD_TOO_LARGE => {
                "upload-too-large".into()
            }
            ApiFailure::Problem(p, _) if crate::i18n::has_key(&p.code) => p.code.clone(),
            ApiFailure::Problem(..) => "error-unexpected".into(),
            ApiFailure::Network => "error-network".into(),
            ApiFailure::Timeout => "error-timeout".into(),
            ApiFailure::Unexpected(status) if *status >= 500 => "error-server".into(),
            ApiFailure::Unexpected(_) => "error-unexpected".into(),
        }
    }

    /// The machine-readable code an embedding page receives in `egov-wizard:error`.
    pub fn code(&self) -> &str {
        match self {
            ApiFailure::Problem(p, _) => &p.code,
            ApiFailure::Network => "network",
            ApiFailure::Timeout => "timeout",
            ApiFailure::Unexpected(_) => "unexpected",
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiFailure::Problem(p, _) => Some(p.status),
            ApiFailure::Network | ApiFailure::Timeout => None,
            ApiFailure::Unexpected(status) => Some(*status),
        }
    }

    /// How long the server asked to wait before trying again (`Retry-After`), in milliseconds.
    pub fn retry_after_ms(&self) -> Option<u32> {
        match self {
            ApiFailure::Problem(_, Some(seconds)) => Some(seconds.saturating_mul(1000)),
            _ => None,
        }
    }
}

/// How long a call may take before the person is told, in milliseconds.
pub const TIMEOUT_MS: u32 = 30_000;

thread_local! {
    static TIMEOUT: u32 = configured_timeout();
}

fn configured_timeout() -> u32 {
    // Development and test builds only: `?api-timeout-ms=` on the first page the app opens.
    #[cfg(feature = "stub-signer")]
    if let Some(ms) = crate::settings::dev_query("api-timeout-ms").and_then(|v| v.parse().ok()) {
        return ms;
    }
    TIMEOUT_MS
}

/// The time limit of a call ([`TIMEOUT_MS`]; tests may shorten it, see `configured_timeout`).
pub fn timeout_ms() -> u32 {
    TIMEOUT.with(|t| *t)
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window().set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            i32::try_from(ms).unwrap_or(i32::MAX),
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `call`'s result, or [`ApiFailure::Timeout`] when it takes longer than [`timeout_ms`].
async fn within<T>(call: impl Future<Output = Result<T, ApiFailure>>) -> Result<T, ApiFailure> {
    let mut call = pin!(call);
    let mut timer = pin!(sleep(timeout_ms()));
    poll_fn(|cx| match call.as_mut().poll(cx) {
        Poll::Ready(result) => Poll::Ready(result),
        Poll::Pending => timer.as_mut().poll(cx).map(|()| Err(ApiFailure::Timeout)),
    })
    .await
}

/// Where the API lives: same origin by default; an embedding page may point elsewhere. Each
/// failure is also reported to the embedding page, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    pub base: String,
    pub events: crate::events::HostEvents,
}

/// The failure an answer that is not a success stands for: problem details when the body is
/// one, with the `Retry-After` delay-seconds if given; anything else is outside the contract.
pub fn failure_of(status: u16, body: &str, retry_after: Option<String>) -> ApiFailure {
    match serde_json::from_str::<Problem>(body) {
        Ok(problem) => ApiFailure::Problem(
            Box::new(problem),
            retry_after.and_then(|v| v.trim().parse().ok()),
        ),
        Err(_) => ApiFailure::Unexpected(status),
    }
}

impl ApiClient {
    fn reported<T>(&self, result: Result<T, ApiFailure>) -> Result<T, ApiFailure> {
        if let Err(failure) = &result {
            self.events.error(failure.code(), failure.status());
        }
        result
    }

    /// Sends `request` and reads the whole answer within the time limit: the status and body of
    /// a success. One copy for every call; only the decoding in [`ApiClient::call`] is generic.
    async fn send(
        &self,
        request: Result<Request, gloo_net::Error>,
    ) -> Result<(u16, String), ApiFailure> {
        let result = within(async {
            let request = request.map_err(|_| ApiFailure::Unexpected(0))?;
            let response = request.send().await.map_err(|_| ApiFailure::Network)?;
            let status = response.status();
            let body = response.text().await.map_err(|_| ApiFailure::Network)?;
            if response.ok() {
                Ok((status, body))
            } else {
                Err(failure_of(
                    status,
                    &body,
                    response.headers().get("retry-after"),
                ))
            }
        })
        .await;
        self.reported(result)
    }

    /// Sends `request` and decodes its answer; a failure is reported to the embedding page.
    async fn call<T: DeserializeOwned>(
        &self,
        request: Result<Request, gloo_net::Error>,
    ) -> Result<T, ApiFailure> {
        let (status, body) = self.send(request).await?;
        self.reported(serde_json::from_str(&body).map_err(|_| ApiFailure::Unexpected(status)))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{API_PREFIX}{path}", self.base.trim_end_matches('/'))
    }

    /// The messages of `lang` as the build serves them (`locales/<tag>.ftl`, written by
    /// `cargo xtask post-build`), from the same origin as the API.
    pub async fn locale(&self, lang: egov_domain::Lang) -> Result<String, ApiFailure> {
        let url = format!(
            "{}/locales/{}.ftl",
            self.base.trim_end_matches('/'),
            lang.tag()
        );
        let (_, body) = self.send(Request::get(&url).build()).await?;
        Ok(body)
    }

    /// The PDF of an application's result document, in `lang`: a link target (the browser
    /// downloads it), not a call.
    pub fn result_pdf_url(&self, reference: &str, lang: egov_domain::Lang) -> String {
        let reference: String = js_sys::encode_uri_component(reference).into();
        let path = paths::fill(paths::RESULT_PDF, &[&reference]);
        format!("{}?lang={}", self.url(&path), lang.tag())
    }

    /// Submits a signed application. Retrying with the same `idempotency_key` never creates a
    /// second application.
    pub async fn submit(
        &self,
        signed: &SignedApplication,
        idempotency_key: &str,
    ) -> Result<ApplicationRecord, ApiFailure> {
        self.call(
            Request::post(&self.url(paths::APPLICATIONS))
                .header(IDEMPOTENCY_KEY_HEADER, idempotency_key)
                .json(signed),
        )
        .await
    }

    pub async fn application(&self, reference: &str) -> Result<ApplicationRecord, ApiFailure> {
        let reference: String = js_sys::encode_uri_component(reference).into();
        let path = paths::fill(paths::APPLICATION, &[&reference]);
        self.call(Request::get(&self.url(&path)).build()).await
    }

    /// Asks for a sign-in challenge to sign with the citizen's key.
    pub async fn session_challenge(&self) -> Result<SessionChallenge, ApiFailure> {
        self.call(Request::post(&self.url(paths::SESSION_CHALLENGE)).build())
            .await
    }

    /// Signs in with the signed challenge; the session's token opens the citizen's own data.
    pub async fn sign_in(&self, request: &SessionRequest) -> Result<Session, ApiFailure> {
        self.call(Request::post(&self.url(paths::SESSION)).json(request))
            .await
    }

    /// The signed-in citizen's applications, newest first.
    pub async fn my_applications(
        &self,
        token: &str,
    ) -> Result<Vec<ApplicationSummary>, ApiFailure> {
        self.call(
            Request::get(&self.url(paths::APPLICATIONS))
                .header("Authorization", &format!("Bearer {token}"))
                .build(),
        )
        .await
    }

    /// One year of the backend's working-day calendar. Quiet: the app has its own calendar, so
    /// a backend without the endpoint, a year it does not have or a failed call is no error for
    /// the person nor for the embedding page.
    pub async fn calendar_year(&self, year: i32) -> Option<CalendarYear> {
        let request =
            Request::get(&self.url(&paths::fill(paths::CALENDAR_YEAR, &[&year.to_string()])))
                .build()
                .ok()?;
        within(async {
            let response = request.send().await.map_err(|_| ApiFailure::Network)?;
            if !response.ok() {
                return Err(ApiFailure::Unexpected(response.status()));
            }
            let body = response.text().await.map_err(|_| ApiFailure::Network)?;
            serde_json::from_str(&body).map_err(|_| ApiFailure::Unexpected(200))
        })
        .await
        .ok()
    }
}
