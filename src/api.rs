//! Typed client of the `/api/v1` contract. It assumes nothing about the server beyond the
//! contract, so any backend that implements it can serve the wizard.

use egov_domain::api::{
    ApplicationRecord, ApplicationSummary, Problem, Session, SessionChallenge, SessionRequest,
    SignedApplication, API_PREFIX, IDEMPOTENCY_KEY_HEADER,
};
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;

/// Why a call failed, in terms a page can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with problem details.
    Problem(Box<Problem>),
    /// No answer: offline, DNS, connection refused, CORS.
    Network,
    /// An answer outside the contract (a proxy's HTML error page, malformed JSON).
    Unexpected(u16),
}

impl ApiFailure {
    /// The locale key of the message a person sees for this failure.
    pub fn message_key(&self) -> String {
        match self {
            ApiFailure::Problem(p) if p.status >= 500 => "error-server".into(),
            ApiFailure::Problem(p) if crate::i18n::has_key(&p.code) => p.code.clone(),
            ApiFailure::Problem(_) => "error-unexpected".into(),
            ApiFailure::Network => "error-network".into(),
            ApiFailure::Unexpected(status) if *status >= 500 => "error-server".into(),
            ApiFailure::Unexpected(_) => "error-unexpected".into(),
        }
    }
}

impl ApiFailure {
    /// The machine-readable code an embedding page receives in `egov-wizard:error`.
    pub fn code(&self) -> &str {
        match self {
            ApiFailure::Problem(p) => &p.code,
            ApiFailure::Network => "network",
            ApiFailure::Unexpected(_) => "unexpected",
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiFailure::Problem(p) => Some(p.status),
            ApiFailure::Network => None,
            ApiFailure::Unexpected(status) => Some(*status),
        }
    }
}

/// Where the API lives: same origin by default; an embedding page may point elsewhere. Each
/// failure is also reported to the embedding page, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    pub base: String,
    pub events: crate::events::HostEvents,
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let status = response.status();
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| ApiFailure::Unexpected(status));
    }
    let is_problem = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("application/problem+json"));
    if is_problem {
        if let Ok(problem) = response.json::<Problem>().await {
            return Err(ApiFailure::Problem(Box::new(problem)));
        }
    }
    Err(ApiFailure::Unexpected(status))
}

impl ApiClient {
    fn reported<T>(&self, result: Result<T, ApiFailure>) -> Result<T, ApiFailure> {
        if let Err(failure) = &result {
            self.events.error(failure.code(), failure.status());
        }
        result
    }

    fn url(&self, path: &str) -> String {
        format!("{}{API_PREFIX}{path}", self.base.trim_end_matches('/'))
    }

    /// Submits a signed application. Retrying with the same `idempotency_key` never creates a
    /// second application.
    pub async fn submit(
        &self,
        signed: &SignedApplication,
        idempotency_key: &str,
    ) -> Result<ApplicationRecord, ApiFailure> {
        let result = async {
            let request = Request::post(&self.url("/applications"))
                .header(IDEMPOTENCY_KEY_HEADER, idempotency_key)
                .json(signed)
                .map_err(|_| ApiFailure::Unexpected(0))?;
            let response = request.send().await.map_err(|_| ApiFailure::Network)?;
            decode(response).await
        }
        .await;
        self.reported(result)
    }

    pub async fn application(&self, reference: &str) -> Result<ApplicationRecord, ApiFailure> {
        let result = async {
            let path = format!("/applications/{}", js_sys::encode_uri_component(reference));
            let response = Request::get(&self.url(&path))
                .send()
                .await
                .map_err(|_| ApiFailure::Network)?;
            decode(response).await
        }
        .await;
        self.reported(result)
    }

    /// Asks for a sign-in challenge to sign with the citizen's key.
    pub async fn session_challenge(&self) -> Result<SessionChallenge, ApiFailure> {
        let result = async {
            let response = Request::post(&self.url("/session/challenge"))
                .send()
                .await
                .map_err(|_| ApiFailure::Network)?;
            decode(response).await
        }
        .await;
        self.reported(result)
    }

    /// Signs in with the signed challenge; the session's token opens the citizen's own data.
    pub async fn sign_in(&self, request: &SessionRequest) -> Result<Session, ApiFailure> {
        let result = async {
            let response = Request::post(&self.url("/session"))
                .json(request)
                .map_err(|_| ApiFailure::Unexpected(0))?
                .send()
                .await
                .map_err(|_| ApiFailure::Network)?;
            decode(response).await
        }
        .await;
        self.reported(result)
    }

    /// The signed-in citizen's applications, newest first.
    pub async fn my_applications(
        &self,
        token: &str,
    ) -> Result<Vec<ApplicationSummary>, ApiFailure> {
        let result = async {
            let response = Request::get(&self.url("/applications"))
                .header("Authorization", &format!("Bearer {token}"))
                .send()
                .await
                .map_err(|_| ApiFailure::Network)?;
            decode(response).await
        }
        .await;
        self.reported(result)
    }
}
