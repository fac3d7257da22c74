//! Submitting an application and reading it back.

use crate::problem::{ApiError, ApiJson};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use egov_domain::api::{
    problem_code, ApplicationRecord, FieldError, Problem, SignedApplication, IDEMPOTENCY_KEY_HEADER,
};
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

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY_HEADER) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .filter(|k| !k.is_empty() && k.len() <= 128)
        .ok_or_else(|| {
            ApiError::validation(vec![FieldError {
                path: format!("header:{IDEMPOTENCY_KEY_HEADER}"),
                code: "idempotency_key_invalid".into(),
            }])
        })?;
    Ok(Some(key.to_owned()))
}

/// Submits a signed application. A retry with the same `Idempotency-Key` returns the
/// application the first attempt created (200) instead of creating another.
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications",
    request_body = SignedApplication,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key, up to 128 characters")),
    responses(
        (status = 201, body = ApplicationRecord, description = "Created"),
        (status = 200, body = ApplicationRecord, description = "An idempotent retry: the earlier application"),
        (status = 415, description = "`unsupported_media_type`", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "`malformed_body`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed` (field codes include `result_required`, `document_missing`, `upload_unknown` and the eligibility reasons such as `requires_unemployed_registration` at `application.result`), `unknown_service`, `service_not_online`, `service_not_in_region`, `idempotency_key_reused`, and the signature codes: `signature_malformed`, `signature_format_unsupported` (`cms` without configured trust roots), `signature_algorithm_unsupported` (a CMS in GOST or another algorithm the server cannot verify), `certificate_untrusted`, `signature_mismatch`, `certificate_not_yet_valid`, `certificate_expired`, `certificate_revoked`, `certificate_iin_mismatch`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(signed): ApiJson<SignedApplication>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
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
    crate::catalogue::check_online(
        &state.catalogue,
        &signed.application.service,
        application_region(&signed.application),
    )?;
    let now = OffsetDateTime::now_utc();
    let signer = state
        .verifiers
        .verify(
            &signed.signature,
            &signed.application.canonical_bytes(),
            &signed.application.applicant.iin,
            now,
        )
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.code(), &e.to_string()))?;
    // After the signature: a tampered request is reported as tampered, not as ineligible.
    crate::rules::check(&state, &signed.application).await?;

    match state
        .db
        .insert_application(new_reference(), key, signed, signer, now)
        .await?
    {
        crate::db::Stored::Created(record) => {
            Ok((StatusCode::CREATED, Json(record)).into_response())
        }
        crate::db::Stored::Replayed(record) => Ok((StatusCode::OK, Json(record)).into_response()),
        crate::db::Stored::KeyConflict => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_code::IDEMPOTENCY_CONFLICT,
            "This Idempotency-Key was used for a different application",
        )),
    }
}

/// The region the citizen applies in, which decides whether the service is online there.
fn application_region(application: &egov_domain::Application) -> Option<&egov_domain::RegionId> {
    Some(&application.region)
}

/// One application with its status history.
#[utoipa::path(get, path = "/api/v1/applications/{reference}", tag = "applications",
    params(("reference" = String, Path, description = "The reference number, e.g. `7K3M-Q9XA-2B4C`")),
    responses(
        (status = 200, body = ApplicationRecord, description = "The application, its status and history"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn read(
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    Ok(Json(stored(&state, &reference).await?).into_response())
}

/// The application a reference names; references are read aloud and typed, so case does not
/// matter.
pub(crate) async fn stored(
    state: &AppState,
    reference: &str,
) -> Result<ApplicationRecord, ApiError> {
    state
        .db
        .application(reference.to_ascii_uppercase())
        .await?
        .ok_or_else(ApiError::not_found)
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
