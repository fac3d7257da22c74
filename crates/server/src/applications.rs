//! Submitting an application and reading it back.

use crate::problem::{ApiError, ApiJson, NotFound};
use crate::AppState;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use egov_domain::api::{
    problem_code, ApplicationRecord, FieldError, SignedApplication, IDEMPOTENCY_KEY_HEADER,
};
use egov_domain::signature::SigningClaim;
use rand::Rng;
use time::OffsetDateTime;

/// Crockford's base32 without I, L, O, U: references are read aloud and typed by people.
const REFERENCE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn new_reference() -> String {
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..12)
        .map(|_| char::from(REFERENCE_ALPHABET[rng.random_range(0..REFERENCE_ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The `Idempotency-Key` header is optional; if sent, it must be the key the citizen signed.
fn check_key_header(headers: &HeaderMap, signed_key: &str) -> Result<(), ApiError> {
    match headers.get(IDEMPOTENCY_KEY_HEADER) {
        Some(value) if value.as_bytes() != signed_key.as_bytes() => {
            Err(ApiError::validation(vec![FieldError {
                path: format!("header:{IDEMPOTENCY_KEY_HEADER}"),
                code: problem_code::IDEMPOTENCY_KEY_MISMATCH.into(),
            }]))
        }
        _ => Ok(()),
    }
}

/// How old a signature may be, and how far ahead of the server's clock (`Config`).
#[derive(Debug, Clone, Copy)]
pub struct SignatureFreshness {
    /// A signed application older than this is refused with `signing_time_too_old`.
    pub max_age: std::time::Duration,
    /// How far ahead of the server's clock a signing moment may be (clients' clocks differ).
    pub clock_skew: std::time::Duration,
}

/// A body signed long ago (a copy found later) or ahead of our clock is refused: the person signs
/// again, which makes a new signing moment.
fn check_fresh(
    freshness: SignatureFreshness,
    signed_at: &str,
    now: OffsetDateTime,
) -> Result<(), ApiError> {
    let signed_at = egov_domain::application::parse_signed_at(signed_at).map_err(|_| {
        ApiError::validation(vec![FieldError {
            path: "application.signed_at".into(),
            code: "signed_at_invalid".into(),
        }])
    })?;
    if signed_at > now + freshness.clock_skew {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_code::SIGNING_TIME_IN_FUTURE,
            "The application is signed at a moment ahead of the server's clock; sign again",
        ));
    }
    if signed_at + freshness.max_age < now {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_code::SIGNING_TIME_TOO_OLD,
            "The application was signed too long ago; sign again",
        )
        .with_detail(format!(
            "Signatures are accepted for {} s",
            freshness.max_age.as_secs()
        )));
    }
    Ok(())
}

fn key_conflict() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::IDEMPOTENCY_CONFLICT,
        "This Idempotency-Key was used for a different application",
    )
}

/// Submits a signed application. The signed body carries its idempotency key: sending it again
/// (or signing the same application again under the same key) returns the application the first
/// attempt created (200) instead of creating another.
#[utoipa::path(post, path = egov_domain::api::paths::APPLICATIONS, context_path = egov_domain::api::API_PREFIX, tag = "applications",
    request_body = SignedApplication,
    params(("Idempotency-Key" = Option<String>, Header, description = "Optional; if sent, the `idempotency_key` the application carries")),
    responses(
        (status = 201, body = ApplicationRecord, description = "Created"),
        (status = 200, body = ApplicationRecord, description = "A replay or idempotent retry: the earlier application"),
        (status = 415, description = "`unsupported_media_type`"),
        (status = 400, description = "`malformed_body`"),
        (status = 422, description = "`validation_failed` (field codes include `idempotency_key_invalid`, `signed_at_invalid`, `file_name_invalid`, `sha256_invalid`, `result_required`, `document_missing`, `upload_unknown`, `document_not_requested`, `upload_mismatch` (at the attachment's `sha256`, `size`, `file_name` or `media_type`), `upload_already_attached`, `idempotency_key_mismatch` (at `header:Idempotency-Key`) and the eligibility reasons such as `requires_unemployed_registration` at `application.result`), `unknown_service`, `service_not_online`, `service_not_in_region`, `idempotency_key_reused`, `signing_time_too_old`, `signing_time_in_future`, and the signature codes: `signature_malformed`, `signature_format_unsupported` (`cms` without configured trust roots), `signature_algorithm_unsupported` (a CMS in GOST or another algorithm the server cannot verify), `certificate_untrusted`, `signature_mismatch`, `certificate_not_yet_valid`, `certificate_expired`, `certificate_revoked`, `certificate_iin_mismatch`"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(signed): ApiJson<SignedApplication>,
) -> Result<Response, ApiError> {
    signed.application.check().map_err(|errors| {
        ApiError::validation(
            errors
                .into_iter()
                .map(|e| FieldError {
                    path: format!("application.{}", e.path),
                    code: e.code,
                })
                .collect(),
        )
    })?;
    check_key_header(&headers, &signed.application.idempotency_key)?;
    let service = crate::catalogue::online_service(
        &state.catalogue,
        &signed.application.service,
        &signed.application.region,
    )?;
    let now = OffsetDateTime::now_utc();
    // Canonicalising is a good part of a submission's cost: once, for the signature, the replay
    // check and the stored row.
    let canonical =
        String::from_utf8(signed.application.canonical_bytes()).expect("canonical JSON is UTF-8");
    let signer = state
        .verifiers
        .verify(
            &signed.signature,
            SigningClaim {
                signed_bytes: canonical.as_bytes(),
                applicant_iin: &signed.application.applicant.iin,
                now,
            },
        )
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.code(), &e.to_string()))?;
    // A retry after a lost answer, or a replay of a body already stored, returns what it created,
    // however long ago it was signed: it creates nothing. A fresh body's replay is found by the
    // insert, in its transaction; only a stale one needs a trip of its own.
    if let Err(stale) = check_fresh(state.freshness, &signed.application.signed_at, now) {
        let applicant = crate::db::ApplicantKey {
            iin: signed.application.applicant.iin.as_str().to_owned(),
            idempotency_key: signed.application.idempotency_key.clone(),
        };
        return match state.db.replay(applicant, canonical).await? {
            Some(Ok(record)) => Ok(Json(record).into_response()),
            Some(Err(())) => Err(key_conflict()),
            None => Err(stale),
        };
    }
    // The rules run after the signature (a tampered request is reported as tampered, not as
    // ineligible) and after the replay check, in the insert's transaction.
    let rules = move |application: &_, uploads: &[_]| {
        crate::rules::refusals(&service, application, uploads)
    };
    match state
        .db
        .insert_application(new_reference(), signed, canonical, signer, now, rules)
        .await?
    {
        crate::db::Stored::Created(record) => {
            Ok((StatusCode::CREATED, Json(record)).into_response())
        }
        crate::db::Stored::Replayed(record) => Ok((StatusCode::OK, Json(record)).into_response()),
        crate::db::Stored::KeyConflict => Err(key_conflict()),
        // Another application attaches it.
        crate::db::Stored::AlreadyAttached(index) => Err(ApiError::validation(vec![FieldError {
            path: format!("application.documents[{index}].upload_id"),
            code: problem_code::UPLOAD_ALREADY_ATTACHED.into(),
        }])),
        crate::db::Stored::Refused(errors) => Err(ApiError::validation(errors)),
    }
}

/// One application with its status history.
#[utoipa::path(get, path = egov_domain::api::paths::APPLICATION, context_path = egov_domain::api::API_PREFIX, tag = "applications",
    params(ApplicationReference),
    responses(
        (status = 200, body = ApplicationRecord, description = "The application, its status and history"),
        NotFound,
    ))]
pub async fn read(StoredApplication(record): StoredApplication) -> Json<ApplicationRecord> {
    Json(record)
}

/// The path of an endpoint about one application.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ApplicationReference {
    /// The reference number, e.g. `7K3M-Q9XA-2B4C`
    reference: String,
}

/// The application the path's reference names, or [`NotFound`]. References are read aloud and
/// typed, so case does not matter.
pub struct StoredApplication(pub ApplicationRecord);

impl FromRequestParts<AppState> for StoredApplication {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Path(ApplicationReference { reference }) = Path::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match state.db.application(reference.to_ascii_uppercase()).await {
            Ok(Some(record)) => Ok(StoredApplication(record)),
            Ok(None) => Err(ApiError::not_found().into_response()),
            Err(error) => Err(ApiError::from(error).into_response()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_grouped_and_unambiguous() {
        let r = new_reference();
        assert_eq!(r.len(), 14);
        assert_eq!(r.matches('-').count(), 2);
        assert!(r
            .bytes()
            .filter(|b| *b != b'-')
            .all(|b| REFERENCE_ALPHABET.contains(&b)));
    }
}
