//! The service's own rules, checked on every submission whatever the client checked: the
//! application is complete (the domain's `completeness`, the rule the wizard follows too), and
//! every attachment is one of the documents the regulation asks of this applicant's category and
//! is exactly an upload this server holds (hash, size, name, type) that no other application
//! attaches.

use crate::db::StoredUpload;
use egov_domain::api::{problem_code, FieldError};
use egov_domain::catalogue::ServiceView;
use egov_domain::completeness::{gaps, Gap};
use egov_domain::documents::documents_for_category;
use egov_domain::Application;

/// What the rules refuse in `application` for `service`, given the uploads its attachments name
/// (as recorded, in the order of `application.documents`; `None` for an unknown one). Empty if
/// they accept it.
pub fn refusals(
    service: &ServiceView,
    application: &Application,
    uploads: &[Option<StoredUpload>],
) -> Vec<FieldError> {
    let applicant = application.applicant.profile();
    let mut errors: Vec<FieldError> = gaps(
        service,
        &applicant,
        application.result.as_ref(),
        &application.documents,
    )
    .iter()
    .map(Gap::field_error)
    .collect();
    let requested: Vec<_> = documents_for_category(service, applicant.category)
        .map(|d| &d.requirement.document)
        .collect();
    for ((index, attached), upload) in application.documents.iter().enumerate().zip(uploads) {
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
        let Some(upload) = upload else {
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
    errors
}
