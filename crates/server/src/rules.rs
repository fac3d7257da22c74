//! The service's own rules, checked on every submission whatever the client checked: the result
//! asked for is offered in the region and open to this applicant, every document the online
//! channel asks of this applicant is attached, and every attachment is an upload this server
//! holds.

use crate::problem::ApiError;
use crate::AppState;
use egov_domain::api::{problem_code, FieldError};
use egov_domain::documents::attachments_online;
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
    for (index, attached) in application.documents.iter().enumerate() {
        if !state.db.upload_exists(attached.upload_id.clone()).await? {
            errors.push(FieldError {
                path: format!("application.documents[{index}].upload_id"),
                code: problem_code::UPLOAD_UNKNOWN.into(),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}
