//! Sign-in by signing a server challenge with the citizen's key, as the portal signs in with an
//! ЭЦП, and the bearer token that then opens the citizen's own applications.

use crate::problem::{ApiError, ApiJson};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::{STANDARD as BASE64, URL_SAFE_NO_PAD as BASE64URL};
use base64::Engine;
use egov_domain::api::{
    problem_code, ApplicationSummary, FieldError, Session, SessionChallenge, SessionRequest,
};
use egov_domain::schedule::{schedule, DueMoment, Progress};
use egov_domain::signature::SigningClaim;
use egov_domain::Iin;
use rand::Rng;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

/// Long enough to open NCALayer, pick a key and type its password.
const CHALLENGE_TTL: Duration = Duration::minutes(5);
/// Short: the token opens personal data.
const SESSION_TTL: Duration = Duration::minutes(30);

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Issues a challenge to sign.
#[utoipa::path(post, path = egov_domain::api::paths::SESSION_CHALLENGE, context_path = egov_domain::api::API_PREFIX, tag = "session",
    responses(
        (status = 201, body = SessionChallenge, description = "A new challenge, valid until `expires_at`"),
        (status = 429, description = "`rate_limited`, with `Retry-After`"),
    ))]
pub async fn challenge(State(state): State<AppState>) -> Result<Response, ApiError> {
    let bytes: [u8; 32] = rand::rng().random();
    let issued = SessionChallenge {
        challenge: BASE64.encode(bytes),
        expires_at: OffsetDateTime::now_utc() + CHALLENGE_TTL,
    };
    state.db.insert_challenge(issued.clone()).await?;
    Ok((StatusCode::CREATED, Json(issued)).into_response())
}

/// Signs in: the signature over the challenge proves the IIN.
#[utoipa::path(post, path = egov_domain::api::paths::SESSION, context_path = egov_domain::api::API_PREFIX, tag = "session",
    request_body = SessionRequest,
    responses(
        (status = 201, body = Session, description = "Signed in"),
        (status = 422, description = "`validation_failed` (`iin`), `challenge_unknown`, `challenge_expired`, and the signature codes as for a submission: `signature_malformed`, `signature_format_unsupported`, `signature_algorithm_unsupported`, `certificate_untrusted`, `signature_mismatch`, `certificate_not_yet_valid`, `certificate_expired`, `certificate_revoked`, `certificate_iin_mismatch`"),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SessionRequest>,
) -> Result<Response, ApiError> {
    if let Err(e) = Iin::parse(&request.iin) {
        return Err(ApiError::validation(vec![FieldError {
            path: "iin".into(),
            code: e.code().into(),
        }]));
    }
    let now = OffsetDateTime::now_utc();
    let unprocessable =
        |code: &str, title: &str| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, title);
    // Taken (deleted) before verifying, so a challenge cannot be tried twice.
    let expires_at = state
        .db
        .take_challenge(request.challenge.clone())
        .await?
        .ok_or_else(|| {
            unprocessable(
                problem_code::CHALLENGE_UNKNOWN,
                "This sign-in challenge is unknown or already used",
            )
        })?;
    if now > expires_at {
        return Err(unprocessable(
            problem_code::CHALLENGE_EXPIRED,
            "The sign-in challenge expired; ask for a new one",
        ));
    }
    let challenge_bytes = BASE64
        .decode(&request.challenge)
        .map_err(ApiError::internal)?;
    state
        .verifiers
        .verify(
            &request.signature,
            SigningClaim {
                signed_bytes: &challenge_bytes,
                applicant_iin: &request.iin,
                now,
            },
        )
        .map_err(|e| {
            // The code only: the IIN is personal data.
            tracing::warn!(target: "egov_server::security", event = "sign_in_failed", code = e.code(), "sign-in refused");
            unprocessable(e.code(), &e.to_string())
        })?;

    let token_bytes: [u8; 32] = rand::rng().random();
    let session = Session {
        token: BASE64URL.encode(token_bytes),
        iin: request.iin,
        expires_at: now + SESSION_TTL,
    };
    state
        .db
        .insert_session(
            token_hash(&session.token),
            session.iin.clone(),
            session.expires_at,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(session)).into_response())
}

fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        problem_code::UNAUTHORIZED,
        "Sign in to see your applications",
    )
}

/// The IIN of the bearer's live session.
pub async fn signed_in_iin(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    let token = bearer(headers).ok_or_else(unauthorized)?;
    state
        .db
        .session_iin(token_hash(token), OffsetDateTime::now_utc())
        .await?
        .ok_or_else(unauthorized)
}

pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The signed-in citizen's applications, newest first.
#[utoipa::path(get, path = egov_domain::api::paths::APPLICATIONS, context_path = egov_domain::api::API_PREFIX, tag = "session",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<ApplicationSummary>, description = "The citizen's applications, newest first"),
        (status = 401, description = "`unauthorized`"),
    ))]
pub async fn my_applications(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let iin = signed_in_iin(&state, &headers).await?;
    let mut summaries = state.db.applications_of(iin).await?;
    for summary in &mut summaries {
        summary.set_due(service_due(&state, summary));
    }
    Ok(Json(summaries).into_response())
}

/// The service's due moment by the one computation the app uses too, in the application's own
/// region and on the server's calendar. The summary has no history: the service's due moment
/// does not depend on it.
fn service_due(state: &AppState, summary: &ApplicationSummary) -> DueMoment {
    let Some(service) = state
        .catalogue
        .service_in_region(&summary.service, &summary.region)
    else {
        return DueMoment::NotSet;
    };
    let progress = Progress {
        submitted_at: summary.submitted_at,
        status: summary.status,
        history: &[],
    };
    schedule(&service, &state.calendar, progress).map_or(DueMoment::NotSet, |s| s.service)
}
