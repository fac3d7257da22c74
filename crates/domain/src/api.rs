//! The JSON API contract, version 1 (`/api/v1`): the one definition of the wire types, shared by
//! the app and the reference server. Any backend that speaks these types can serve the wizard.

use crate::application::Application;
pub use crate::calendar::{CalendarStatus, CalendarYear};
use crate::catalogue::ServiceId;
use crate::region::RegionId;
use crate::schedule::{DueMoment, DueUnknown};
use crate::signature::{CertificateInfo, SignatureEnvelope};
use crate::status::ApplicationStatus;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub const API_PREFIX: &str = "/api/v1";

/// The endpoints of `/api/v1`, relative to [`API_PREFIX`]: the server's router, its OpenAPI
/// document and the app's client are all built from these. `{name}` is a path parameter.
pub mod paths {
    pub const HEALTH: &str = "/health";
    pub const OPENAPI: &str = "/openapi.json";
    pub const REGIONS: &str = "/regions";
    pub const SERVICES: &str = "/services";
    pub const SERVICE: &str = "/services/{id}";
    pub const VISIT_SHEET: &str = "/services/{id}/visit-sheet.pdf";
    pub const CALENDAR_YEAR: &str = "/calendar/{year}";
    pub const UPLOADS: &str = "/uploads";
    pub const UPLOAD: &str = "/uploads/{id}";
    pub const SESSION_CHALLENGE: &str = "/session/challenge";
    pub const SESSION: &str = "/session";
    pub const APPLICATIONS: &str = "/applications";
    pub const APPLICATION: &str = "/applications/{reference}";
    pub const RESULT_PDF: &str = "/applications/{reference}/result.pdf";
    pub const OPERATOR_TRANSITIONS: &str = "/operator/applications/{reference}/transitions";

    /// `path` with its parameters replaced by `values`, in order. The values go in as they are:
    /// the caller encodes them for a URL.
    pub fn fill(path: &str, values: &[&str]) -> String {
        let mut filled = String::with_capacity(path.len());
        let mut values = values.iter();
        let mut rest = path;
        while let Some(start) = rest.find('{') {
            let end = rest[start..]
                .find('}')
                .map_or(rest.len(), |e| start + e + 1);
            filled.push_str(&rest[..start]);
            filled.push_str(values.next().copied().unwrap_or_default());
            rest = &rest[end..];
        }
        filled.push_str(rest);
        filled
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn parameters_are_filled_in_order() {
            assert_eq!(
                super::fill(super::RESULT_PDF, &["7K3M"]),
                "/applications/7K3M/result.pdf"
            );
            assert_eq!(super::fill(super::SESSION, &[]), "/session");
        }
    }
}

/// Header that may repeat the submission's key; the key that counts is the one inside the
/// signed application (`Application::idempotency_key`), and a header that differs is refused.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// `GET /api/v1/health`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
    pub capabilities: Capabilities,
}

/// The optional parts of the contract a deployment has turned on. A client (and the conformance
/// kit, `crates/contract`) reads them instead of guessing from refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Capabilities {
    /// Signatures by the published test certificate authority (`stub-ed25519`) are accepted: a
    /// development or test deployment, never production.
    pub test_ca: bool,
    /// `cms` signatures (NCALayer) are verified against configured trust roots; without them a
    /// `cms` signature is refused with `signature_format_unsupported`.
    pub cms: bool,
    /// The operator endpoints are on (an operator token is configured); without it they answer
    /// `operator_disabled`.
    pub operator: bool,
}

/// `POST /api/v1/applications` body: the application and its signature over
/// [`Application::canonical_bytes`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedApplication {
    pub application: Application,
    pub signature: SignatureEnvelope,
}

/// One step of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusEvent {
    pub status: ApplicationStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who made the transition, e.g. `applicant`, `provider_office`.
    pub actor: String,
}

/// `POST /api/v1/applications` (201, or 200 for an idempotent retry) and
/// `GET /api/v1/applications/{reference}` (200).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationRecord {
    /// The reference number the server assigned.
    pub reference: String,
    pub service: ServiceId,
    pub status: ApplicationStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    pub application: Application,
    pub signer: CertificateInfo,
    pub history: Vec<StatusEvent>,
    /// The document issued with `result_issued`.
    pub result: Option<ResultDocument>,
    /// The grounds of a motivated refusal (`refused`).
    pub refusal_grounds: Option<String>,
}

/// What the provider issues: a referral (to an employment measure) or a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResultDocumentKind {
    Referral,
    Notice,
}

/// The head's signature on a result document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeadSignature {
    pub signer_name: String,
    pub certificate_serial: String,
    #[serde(with = "time::serde::rfc3339")]
    pub signed_at: OffsetDateTime,
}

/// The result document issued to the citizen's personal cabinet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultDocument {
    pub kind: ResultDocumentKind,
    /// The catalogue's result id, e.g. `youth_practice_referral`, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    pub number: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub provider: String,
    pub head_signature: HeadSignature,
}

/// `POST /api/v1/operator/applications/{reference}/transitions` body.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionRequest {
    pub to: ApplicationStatus,
    /// Who acts, e.g. `provider_office`; defaults to the regulation's actor of the step.
    pub actor: Option<String>,
    /// Required for `refused`.
    pub refusal_grounds: Option<String>,
    /// Required for `result_issued`.
    pub result: Option<ResultDocument>,
}

/// Header of `POST /api/v1/uploads`: the file's name, percent-encoded UTF-8.
pub const FILE_NAME_HEADER: &str = "X-File-Name";

/// `POST /api/v1/uploads` (201): the stored file, to be named in an application's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadReceipt {
    pub id: String,
    pub file_name: String,
    pub size: u64,
    /// The type the server found in the content (not the declared one): `application/pdf`,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// SHA-256 of the content, lowercase hex: the application names it, so the signature covers
    /// the file.
    pub sha256: String,
    /// The secret that lets its holder withdraw the upload (`DELETE /api/v1/uploads/{id}` with
    /// `Authorization: Bearer <delete_token>`) until an application attaches it. Only this answer
    /// carries it; the server keeps its SHA-256.
    pub delete_token: String,
}

/// `POST /api/v1/session/challenge` (201): bytes to sign with the citizen's key to sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionChallenge {
    /// 32 random bytes, base64 (standard alphabet). The signature is over the decoded bytes.
    pub challenge: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// `POST /api/v1/session` body: the challenge signed by the citizen, as with an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionRequest {
    pub challenge: String,
    pub iin: String,
    pub signature: SignatureEnvelope,
}

/// `POST /api/v1/session` (201): a short-lived bearer token for the citizen's own data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// Sent back as `Authorization: Bearer <token>`.
    pub token: String,
    pub iin: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// One row of `GET /api/v1/applications`: the signed-in citizen's applications, newest first.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    pub reference: String,
    pub service: ServiceId,
    /// The region whose regulation the application follows.
    pub region: RegionId,
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    pub status: ApplicationStatus,
    /// When the service is due by its regulation, counted in working days and office hours on
    /// the server's calendar (`egov_domain::schedule`); absent where the regulation sets no
    /// total or the moment cannot be computed (then `due_unknown` says why).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub due_at: Option<OffsetDateTime>,
    /// With `due_at`: whether it rests on an official or a provisional calendar.
    pub due_calendar: Option<CalendarStatus>,
    /// Why the regulation's deadline could not be computed, e.g. a year without a calendar.
    pub due_unknown: Option<DueUnknown>,
}

impl ApplicationSummary {
    /// Fills the three due fields from a computed service due moment.
    pub fn set_due(&mut self, due: DueMoment) {
        (self.due_at, self.due_calendar, self.due_unknown) = match due {
            DueMoment::At(due) => (Some(due.at), Some(due.calendar), None),
            DueMoment::NotSet => (None, None, None),
            DueMoment::Unknown(reason) => (None, None, Some(reason)),
        };
    }

    /// The due moment as the three fields carry it.
    pub fn due(&self) -> DueMoment {
        match (self.due_at, self.due_unknown) {
            (Some(at), _) => DueMoment::At(crate::working_time::Due {
                at,
                calendar: self.due_calendar.unwrap_or(CalendarStatus::Provisional),
            }),
            (None, Some(reason)) => DueMoment::Unknown(reason),
            (None, None) => DueMoment::NotSet,
        }
    }
}

/// A field that failed validation: its path in the request body and a machine-readable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub path: String,
    pub code: String,
}

/// RFC 9457 problem details (`application/problem+json`), with a machine-readable `code` and,
/// for validation errors, the fields at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    pub fn new(status: u16, code: &str, title: &str) -> Problem {
        Problem {
            kind: format!("urn:egov-wizard:problem:{code}"),
            title: title.to_owned(),
            status,
            code: code.to_owned(),
            detail: None,
            errors: Vec::new(),
        }
    }
}

/// The machine-readable codes of [`Problem`]; the app maps each to a localised message.
pub mod problem_code {
    pub const VALIDATION: &str = "validation_failed";
    pub const MALFORMED_BODY: &str = "malformed_body";
    pub const UNKNOWN_SERVICE: &str = "unknown_service";
    pub const UNKNOWN_REGION: &str = "unknown_region";
    /// The service exists, but the chosen region's regulations do not describe it.
    pub const SERVICE_NOT_IN_REGION: &str = "service_not_in_region";
    /// A field code (in [`super::FieldError`]): the service exists in several regions.
    pub const REGION_REQUIRED: &str = "region_required";
    pub const SERVICE_NOT_ONLINE: &str = "service_not_online";
    pub const NOT_FOUND: &str = "not_found";
    pub const IDEMPOTENCY_CONFLICT: &str = "idempotency_key_reused";
    pub const INTERNAL: &str = "internal_error";
    /// The request line or a path or query parameter is not understood.
    pub const BAD_REQUEST: &str = "bad_request";
    /// The body's `Content-Type` is not one the endpoint accepts.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    pub const BODY_TOO_LARGE: &str = "body_too_large";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub const UPLOAD_TOO_LARGE: &str = "upload_too_large";
    /// The content is not a PDF, JPEG or PNG, whatever its name or declared type.
    pub const UPLOAD_TYPE_NOT_ALLOWED: &str = "upload_type_not_allowed";
    /// The declared `Content-Type` names another allowed type than the content has.
    pub const UPLOAD_TYPE_MISMATCH: &str = "upload_type_mismatch";
    pub const UPLOAD_EMPTY: &str = "upload_empty";
    /// Field codes (in [`super::FieldError`], path `header:X-File-Name`).
    pub const FILE_NAME_MISSING: &str = "file_name_missing";
    pub const FILE_NAME_INVALID: &str = "file_name_invalid";
    /// The sign-in challenge was never issued, or was already used.
    pub const CHALLENGE_UNKNOWN: &str = "challenge_unknown";
    pub const CHALLENGE_EXPIRED: &str = "challenge_expired";
    /// No valid bearer token: sign in first (or again).
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// The operator endpoints are disabled: the server has no operator token configured.
    pub const OPERATOR_DISABLED: &str = "operator_disabled";
    /// The workflow codes, see `crate::workflow::TransitionError::code`.
    pub const TRANSITION_FROM_FINAL: &str = "transition_from_final";
    pub const TRANSITION_NOT_ALLOWED: &str = "transition_not_allowed";
    pub const REFUSAL_GROUNDS_REQUIRED: &str = "refusal_grounds_required";
    pub const RESULT_REQUIRED: &str = "result_required";
    /// Too many requests from one address; `Retry-After` says when to try again.
    pub const RATE_LIMITED: &str = "rate_limited";
    /// Field codes of a submission: a document the applicant must attach is missing, or an
    /// attachment names an upload the server does not hold. Eligibility refusals use the
    /// catalogue's reason codes (e.g. `requires_unemployed_registration`) at `application.result`.
    pub const DOCUMENT_MISSING: &str = "document_missing";
    pub const UPLOAD_UNKNOWN: &str = "upload_unknown";
    /// The application has no result document (not issued yet, or refused): there is nothing
    /// to render as a PDF.
    pub const RESULT_NOT_ISSUED: &str = "result_not_issued";
    /// `GET /calendar/{year}`: the server has no working-day calendar for that year.
    pub const CALENDAR_YEAR_NOT_COVERED: &str = "calendar_year_not_covered";
    /// `DELETE /uploads/{id}` without the upload's `delete_token`.
    pub const UPLOAD_FORBIDDEN: &str = "upload_forbidden";
    /// `DELETE /uploads/{id}` of an upload a submitted application attaches: it is kept.
    pub const UPLOAD_ATTACHED: &str = "upload_attached";
    /// This client holds as many unattached upload bytes as the server allows (429,
    /// `Retry-After`): attach or withdraw them, or wait for unattached ones to be swept.
    pub const UPLOAD_QUOTA_EXCEEDED: &str = "upload_quota_exceeded";
    /// The server's storage for uploads is full (507).
    pub const STORAGE_FULL: &str = "storage_full";
    /// The application was signed longer ago than the server accepts: sign again.
    pub const SIGNING_TIME_TOO_OLD: &str = "signing_time_too_old";
    /// The application's signing moment is ahead of the server's clock: check the device's
    /// clock and sign again.
    pub const SIGNING_TIME_IN_FUTURE: &str = "signing_time_in_future";
    /// Field codes of a submission's attachments: a field (`sha256`, `size`, `file_name`,
    /// `media_type`) differs from the upload's receipt; the document is not one the service's
    /// regulation asks of this applicant; the upload is attached by another application (or
    /// twice in this one).
    pub const UPLOAD_MISMATCH: &str = "upload_mismatch";
    pub const DOCUMENT_NOT_REQUESTED: &str = "document_not_requested";
    pub const UPLOAD_ALREADY_ATTACHED: &str = "upload_already_attached";
    /// Field code at `header:Idempotency-Key`: the header differs from the signed key.
    pub const IDEMPOTENCY_KEY_MISMATCH: &str = "idempotency_key_mismatch";

    /// Every code above: documentation and tests check each is described and reachable.
    pub const ALL: &[&str] = &[
        VALIDATION,
        MALFORMED_BODY,
        UNKNOWN_SERVICE,
        UNKNOWN_REGION,
        SERVICE_NOT_IN_REGION,
        REGION_REQUIRED,
        SERVICE_NOT_ONLINE,
        NOT_FOUND,
        IDEMPOTENCY_CONFLICT,
        INTERNAL,
        BAD_REQUEST,
        UNSUPPORTED_MEDIA_TYPE,
        BODY_TOO_LARGE,
        METHOD_NOT_ALLOWED,
        UPLOAD_TOO_LARGE,
        UPLOAD_TYPE_NOT_ALLOWED,
        UPLOAD_TYPE_MISMATCH,
        UPLOAD_EMPTY,
        FILE_NAME_MISSING,
        FILE_NAME_INVALID,
        CHALLENGE_UNKNOWN,
        CHALLENGE_EXPIRED,
        UNAUTHORIZED,
        OPERATOR_DISABLED,
        TRANSITION_FROM_FINAL,
        TRANSITION_NOT_ALLOWED,
        REFUSAL_GROUNDS_REQUIRED,
        RESULT_REQUIRED,
        RATE_LIMITED,
        DOCUMENT_MISSING,
        UPLOAD_UNKNOWN,
        RESULT_NOT_ISSUED,
        CALENDAR_YEAR_NOT_COVERED,
        UPLOAD_FORBIDDEN,
        UPLOAD_ATTACHED,
        UPLOAD_QUOTA_EXCEEDED,
        STORAGE_FULL,
        SIGNING_TIME_TOO_OLD,
        SIGNING_TIME_IN_FUTURE,
        UPLOAD_MISMATCH,
        DOCUMENT_NOT_REQUESTED,
        UPLOAD_ALREADY_ATTACHED,
        IDEMPOTENCY_KEY_MISMATCH,
    ];
}
