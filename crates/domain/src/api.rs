//! The JSON API contract, version 1 (`/api/v1`): the one definition of the wire types, shared by
//! the app and the reference server. Any backend that speaks these types can serve the wizard.

use crate::application::Application;
use crate::catalogue::ServiceId;
use crate::signature::{CertificateInfo, SignatureEnvelope};
use crate::status::ApplicationStatus;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub const API_PREFIX: &str = "/api/v1";

/// Header carrying the client's key for a submission; a retry with the same key returns the
/// application created by the first attempt.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// `GET /api/v1/health`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// `POST /api/v1/applications` body: the application and its signature over
/// [`Application::canonical_bytes`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedApplication {
    pub application: Application,
    pub signature: SignatureEnvelope,
}

/// One step of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    pub status: ApplicationStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who made the transition, e.g. `applicant`, `provider_office`.
    pub actor: String,
}

/// `POST /api/v1/applications` (201, or 200 for an idempotent retry) and
/// `GET /api/v1/applications/{reference}` (200).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A field that failed validation: its path in the request body and a machine-readable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub path: String,
    pub code: String,
}

/// RFC 9457 problem details (`application/problem+json`), with a machine-readable `code` and,
/// for validation errors, the fields at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}
