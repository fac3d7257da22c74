//! Whether an application is complete for its service and applicant: a result the applicant may
//! receive and every document the online channel asks of them. The wizard asks this to decide
//! which steps are done and the server to refuse a submission, so both hold the same rule.

use crate::api::{problem_code, FieldError};
use crate::application::AttachedDocument;
use crate::catalogue::{ResultId, ServiceView};
use crate::documents::{attachments_online, DocumentId};
use crate::eligibility::{check_result, check_service, choosable_results, Eligibility, ReasonCode};
use crate::profile::ApplicantProfile;

/// One thing that keeps an application from being complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// The service offers several results and none is asked for.
    ResultRequired,
    /// The result asked for is not offered in the region or not open to this applicant.
    ResultRefused(ReasonCode),
    /// No result is asked for and no result of the service is open to this applicant.
    ServiceRefused(ReasonCode),
    /// A document the online channel asks of this applicant is not attached.
    DocumentMissing(DocumentId),
}

impl Gap {
    /// The gap as the server answers it: the path in the signed body and the problem code.
    pub fn field_error(&self) -> FieldError {
        let (path, code) = match self {
            Gap::ResultRequired => (
                "application.result".to_owned(),
                problem_code::RESULT_REQUIRED.to_owned(),
            ),
            Gap::ResultRefused(reason) => ("application.result".to_owned(), reason_code(reason)),
            Gap::ServiceRefused(reason) => ("application.service".to_owned(), reason_code(reason)),
            Gap::DocumentMissing(document) => (
                format!("application.documents.{document}"),
                problem_code::DOCUMENT_MISSING.to_owned(),
            ),
        };
        FieldError { path, code }
    }
}

/// The reason's wire code (its snake_case serde name).
fn reason_code(reason: &ReasonCode) -> String {
    serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn refusals(eligibility: Eligibility, gap: fn(ReasonCode) -> Gap) -> Vec<Gap> {
    match eligibility {
        Eligibility::Allowed => Vec::new(),
        Eligibility::Refused { reasons } => reasons.into_iter().map(gap).collect(),
    }
}

/// Everything that keeps an application with this `result` and these `attached` documents from
/// being complete for `service` and `applicant`, result first, then documents in the
/// regulation's order; none means complete.
pub fn gaps(
    service: &ServiceView,
    applicant: &ApplicantProfile,
    result: Option<&ResultId>,
    attached: &[AttachedDocument],
) -> Vec<Gap> {
    let mut gaps = match result {
        Some(result) => refusals(check_result(service, result, applicant), Gap::ResultRefused),
        None if choosable_results(service, applicant).count() > 1 => vec![Gap::ResultRequired],
        None => refusals(check_service(service, applicant), Gap::ServiceRefused),
    };
    gaps.extend(
        attachments_online(service, applicant)
            .into_iter()
            .map(|needed| &needed.requirement.document)
            .filter(|document| !attached.iter().any(|a| &a.document == *document))
            .map(|document| Gap::DocumentMissing(document.clone())),
    );
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::example_application;
    use crate::profile::{ApplicantCategory, ApplicantFact};
    use crate::Catalogue;

    /// The example application's service: the employment referral in Karaganda.
    fn karaganda_referral() -> ServiceView {
        let example = example_application("791028302728");
        let service = Catalogue::shared().service_in_region(&example.service, &example.region);
        service.expect("the example's service is offered in its region")
    }

    fn citizen(facts: &[ApplicantFact]) -> ApplicantProfile {
        ApplicantProfile {
            category: ApplicantCategory::Citizen,
            facts: facts.iter().copied().collect(),
        }
    }

    fn attached(document: &DocumentId) -> AttachedDocument {
        AttachedDocument {
            document: document.clone(),
            upload_id: "u".into(),
            file_name: "f.pdf".into(),
            size: 1,
            media_type: "application/pdf".into(),
            sha256: "0".repeat(64),
        }
    }

    #[test]
    fn a_choice_of_results_needs_one_chosen_and_every_document_attached() {
        let service = karaganda_referral();
        let applicant = citizen(&[]);
        assert!(choosable_results(&service, &applicant).count() > 1);
        let needed: Vec<DocumentId> = attachments_online(&service, &applicant)
            .iter()
            .map(|n| n.requirement.document.clone())
            .collect();
        assert!(!needed.is_empty(), "Karaganda asks for documents online");

        let mut expected = vec![Gap::ResultRequired];
        expected.extend(needed.iter().cloned().map(Gap::DocumentMissing));
        assert_eq!(gaps(&service, &applicant, None, &[]), expected);

        let allowed = choosable_results(&service, &applicant)
            .find(|(_, e)| e.is_allowed())
            .map(|(id, _)| id.clone())
            .unwrap();
        let all: Vec<_> = needed.iter().map(attached).collect();
        assert_eq!(gaps(&service, &applicant, Some(&allowed), &all), []);
        assert_eq!(
            gaps(&service, &applicant, Some(&allowed), &all[1..]),
            [Gap::DocumentMissing(needed[0].clone())]
        );
    }

    #[test]
    fn a_result_the_region_does_not_offer_is_refused_with_its_reason() {
        let service = karaganda_referral();
        let gaps = gaps(
            &service,
            &citizen(&[]),
            Some(&ResultId::new("no_such_result")),
            &[],
        );
        assert_eq!(
            gaps[0],
            Gap::ResultRefused(ReasonCode::ResultNotOfferedInRegion)
        );
        assert_eq!(
            gaps[0].field_error(),
            FieldError {
                path: "application.result".into(),
                code: "result_not_offered_in_region".into()
            }
        );
    }

    #[test]
    fn gaps_answer_as_the_server_does() {
        let document = DocumentId::new("identity_document");
        assert_eq!(
            Gap::DocumentMissing(document).field_error(),
            FieldError {
                path: "application.documents.identity_document".into(),
                code: problem_code::DOCUMENT_MISSING.into()
            }
        );
        assert_eq!(
            Gap::ServiceRefused(ReasonCode::ApplicantCategoryNotServed).field_error(),
            FieldError {
                path: "application.service".into(),
                code: "applicant_category_not_served".into()
            }
        );
        assert_eq!(
            Gap::ResultRequired.field_error().code,
            problem_code::RESULT_REQUIRED
        );
    }
}
