//! Provider-side endpoints: the office moves applications through their regulation's steps.
//! They exist only when an operator token is configured.

use crate::problem::{ApiError, ApiJson};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use egov_domain::api::{problem_code, ApplicationRecord, Problem, TransitionRequest};
use sha2::{Digest, Sha256};

/// Compares digests, not the tokens, so the time taken says nothing about the token's prefix.
fn same_token(given: &str, expected: &str) -> bool {
    Sha256::digest(given.as_bytes()) == Sha256::digest(expected.as_bytes())
}

fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.operator_token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            problem_code::OPERATOR_DISABLED,
            "Operator endpoints are disabled on this server",
        ));
    };
    match crate::session::bearer(headers) {
        Some(given) if same_token(given, expected) => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            problem_code::UNAUTHORIZED,
            "A valid operator token is required",
        )),
    }
}

/// Moves an application to its next status (or refuses it), recording time and actor.
#[utoipa::path(post, path = "/api/v1/operator/applications/{reference}/transitions", tag = "operator",
    security(("operator" = [])),
    params(("reference" = String, Path, description = "The application's reference")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = ApplicationRecord, description = "The application after the transition"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`, `operator_disabled`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`transition_from_final`, `transition_not_allowed`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`refusal_grounds_required`, `result_required`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn transition(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    ApiJson(request): ApiJson<TransitionRequest>,
) -> Result<Json<ApplicationRecord>, ApiError> {
    authorise(&state, &headers)?;
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
