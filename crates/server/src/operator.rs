//! Provider-side endpoints: the office moves applications through their regulation's steps.
//! They exist only when an operator token is configured.
//!
//! The token is checked by [`authorise`], a middleware, before anything reads the body: an
//! unauthenticated caller learns nothing of the request format. Failed attempts are limited per
//! client address, so the token cannot be guessed at speed.

use crate::limits::RateLimiter;
use crate::problem::{ApiError, ApiJson};
use crate::AppState;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use egov_domain::api::{problem_code, ApplicationRecord, TransitionRequest};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::time::Instant;
use subtle::ConstantTimeEq;

/// Constant-time comparison (`subtle`) of fixed-length digests: neither the token's prefix nor
/// its length shows in the time taken.
fn same_token(given: &str, expected: &str) -> bool {
    Sha256::digest(given.as_bytes())
        .ct_eq(&Sha256::digest(expected.as_bytes()))
        .into()
}

/// State of the operator guard: the server's token and the limiter of failed attempts.
#[derive(Clone)]
pub struct Guard {
    pub token: Option<std::sync::Arc<str>>,
    pub failures: RateLimiter,
}

fn too_many(wait: std::time::Duration) -> Response {
    let seconds = wait.as_secs() + 1;
    let mut response = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        problem_code::RATE_LIMITED,
        "Too many failed operator attempts; try again later",
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// Authorises an operator request before its body is read.
pub async fn authorise(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let Some(expected) = guard.token.as_deref() else {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            problem_code::OPERATOR_DISABLED,
            "Operator endpoints are disabled on this server",
        )
        .into_response();
    };
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let now = Instant::now();
    if let Some(wait) = ip.and_then(|ip| guard.failures.exhausted(ip, now)) {
        tracing::warn!(target: "egov_server::security", event = "operator_locked_out", "operator call refused: too many failures");
        return too_many(wait);
    }
    match crate::session::bearer(request.headers()) {
        Some(given) if same_token(given, expected) => next.run(request).await,
        _ => {
            tracing::warn!(target: "egov_server::security", event = "operator_unauthorized", "operator call without a valid token");
            if let Some(Err(wait)) = ip.map(|ip| guard.failures.check(ip, now)) {
                return too_many(wait);
            }
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                problem_code::UNAUTHORIZED,
                "A valid operator token is required",
            )
            .into_response()
        }
    }
}

/// Moves an application to its next status (or refuses it), recording time and actor.
#[utoipa::path(post, path = egov_domain::api::paths::OPERATOR_TRANSITIONS, context_path = egov_domain::api::API_PREFIX, tag = "operator",
    security(("operator" = [])),
    params(("reference" = String, Path, description = "The application's reference")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = ApplicationRecord, description = "The application after the transition"),
        (status = 401, description = "`unauthorized` (checked before the body is read)"),
        (status = 404, description = "`not_found`, `operator_disabled`"),
        (status = 409, description = "`transition_from_final`, `transition_not_allowed`"),
        (status = 422, description = "`refusal_grounds_required`, `result_required`"),
        (status = 429, description = "`rate_limited`: too many failed attempts from this address (`Retry-After`)"),
    ))]
pub async fn transition(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    ApiJson(request): ApiJson<TransitionRequest>,
) -> Result<Json<ApplicationRecord>, ApiError> {
    let outcome = state
        .db
        .transition(
            reference.to_ascii_uppercase(),
            request,
            time::OffsetDateTime::now_utc(),
        )
        .await?
        .ok_or_else(ApiError::not_found)?;
    outcome.map(Json).map_err(|e| {
        use egov_domain::workflow::TransitionError::*;
        let status = match e {
            AlreadyFinal | NotAllowed => StatusCode::CONFLICT,
            GroundsRequired | ResultRequired => StatusCode::UNPROCESSABLE_ENTITY,
        };
        ApiError::new(status, e.code(), &e.to_string())
    })
}
