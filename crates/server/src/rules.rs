//! The service's own rules, checked on every submission whatever the client checked: the result
//! asked for is offered in the region and open to this applicant, every document the online
//! channel asks of this applicant is attached, and every attachment is one of the documents the
//! regulation asks of this applicant's category and is exactly an upload this server holds (hash,
//! size, name, type) that no other application attaches.

use crate::problem::ApiError;
use crate::AppState;
use egov_domain::api::{problem_code, FieldError};
use egov_domain::documents::{attachments_online, documents_for_category};
use egov_domain::eligibility::{check_result, check_service, choosable_results, Eligibility};
use egov_domain::Application;

fn reason_errors(eligibility: Eligibility, path: &str) -> Vec<FieldError> {
    match eligibility {
        Eligibility::Allowed => Vec::new(),
        Eligibility::Refused { reasons } => reasons
            .iter()
            .map(|reason| FieldError {
                path: path.to_owned(),
                code: serde_json::to_value(reason)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

pub async fn check(state: &AppState, application: &Application) -> Result<(), ApiError> {
    // `check_online` ran first, so the service exists in the region.
    let Some(service) = state
        .catalogue
        .service_in_region(&application.service, &application.region)
    else {
        return Ok(());
    };
    let applicant = application.applicant.profile();
    let mut errors = Vec::new();
    match &application.result {
        Some(result) => errors.extend(reason_errors(
            check_result(&service, result, &applicant),
            "application.result",
        )),
        None if choosable_results(&service, &applicant).count() > 1 => errors.push(FieldError {
            path: "application.result".into(),
            code: problem_code::RESULT_REQUIRED.into(),
        }),
        None => errors.extend(reason_errors(
            check_service(&service, &applicant),
            "application.service",
        )),
    }
    for needed in attachments_online(&service, &applicant) {
        let id = &needed.requirement.document;
        if !application.documents.iter().any(|d| &d.document == id) {
            errors.push(FieldError {
                path: format!("application.documents.{id}"),
                code: problem_code::DOCUMENT_MISSING.into(),
            });
        }
    }
    let requested: Vec<_> = documents_for_category(&service, applicant.category)
        .map(|d| &d.requirement.document)
        .collect();
    for (index, attached) in application.documents.iter().enumerate() {
        let at = |field: &str, code: &str| FieldError {
            path: format!("application.documents[{index}].{field}"),
            code: code.into(),
        };
        if !requested.contains(&&attached.document) {
            errors.push(at("document", problem_code::DOCUMENT_NOT_REQUESTED));
        }
        let twice = application.documents[..index]
            .iter()
            .any(|earlier| earlier.upload_id == attached.upload_id);
        let Some(upload) = state.db.upload(attached.upload_id.clone()).await? else {
            errors.push(at("upload_id", problem_code::UPLOAD_UNKNOWN));
            continue;
        };
        // An upload another application attaches is refused by the insert, in the transaction
        // that also finds a replay of this very body (two copies sent at once are one
        // application, not a conflict).
        if twice {
            errors.push(at("upload_id", problem_code::UPLOAD_ALREADY_ATTACHED));
        }
        // What was signed must be what the server holds: the content (by its hash) and what
        // the person saw of it.
        let differs = [
            ("sha256", upload.sha256 != attached.sha256),
            ("size", upload.size != attached.size),
            ("file_name", upload.file_name != attached.file_name),
            ("media_type", upload.media_type != attached.media_type),
        ];
        for (field, _) in differs.iter().filter(|(_, differs)| *differs) {
            errors.push(at(field, problem_code::UPLOAD_MISMATCH));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}
