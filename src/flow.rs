//! The wizard's journey as data: which steps a service has, in which order, when each applies
//! and what makes it complete. Pages never decide where to go next; they ask this table.

use crate::draft::Draft;
use egov_domain::application::{
    check_address, is_valid_email, normalise_phone, validate_birth_date, validate_name,
};
use egov_domain::catalogue::ServiceView;
use egov_domain::documents::attachments_online;
use egov_domain::eligibility::{check_result, choosable_results, EligibilityRule};
use egov_domain::profile::{ApplicantCategory, ApplicantFact, ApplicantProfile};
use egov_domain::Iin;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Eligibility,
    Iin,
    Name,
    BirthDate,
    Contact,
    Address,
    Category,
    Result,
    Documents,
    Check,
}

impl Step {
    pub const ORDER: [Step; 10] = [
        Step::Eligibility,
        Step::Iin,
        Step::Name,
        Step::BirthDate,
        Step::Contact,
        Step::Address,
        Step::Category,
        Step::Result,
        Step::Documents,
        Step::Check,
    ];

    /// The step's URL segment.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Eligibility => "eligibility",
            Step::Iin => "iin",
            Step::Name => "name",
            Step::BirthDate => "birth-date",
            Step::Contact => "contact",
            Step::Address => "address",
            Step::Category => "category",
            Step::Result => "result",
            Step::Documents => "documents",
            Step::Check => "check",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ORDER.into_iter().find(|s| s.slug() == slug)
    }
}

/// The facts the service's eligibility rules ask about, in the order they first appear.
pub fn eligibility_questions(service: &ServiceView) -> Vec<ApplicantFact> {
    let mut facts = Vec::new();
    for rule in &service.eligibility {
        if let EligibilityRule::RequiresAnyFact { facts: any, .. } = rule {
            for fact in any {
                if !facts.contains(fact) {
                    facts.push(*fact);
                }
            }
        }
    }
    facts
}

/// The applicant as far as the draft knows; before the category step, a citizen.
pub fn profile(draft: &Draft) -> ApplicantProfile {
    ApplicantProfile {
        category: draft.category.unwrap_or(ApplicantCategory::Citizen),
        facts: draft.facts.clone(),
    }
}

/// The step whose answer a server's field error is about, from the error's path in the signed
/// application (`application.applicant.phone` is the contact step).
pub fn step_for_field(path: &str) -> Option<Step> {
    let field = path.strip_prefix("application.")?;
    let mut parts = field.split(['.', '[']);
    let step = match parts.next()? {
        "applicant" => match parts.next()? {
            "iin" => Step::Iin,
            "surname" | "given_name" | "patronymic" => Step::Name,
            "birth_date" => Step::BirthDate,
            "phone" | "email" => Step::Contact,
            "address" => Step::Address,
            "category" => Step::Category,
            "facts" => Step::Eligibility,
            _ => return None,
        },
        "result" => Step::Result,
        "documents" => Step::Documents,
        "facts" => Step::Eligibility,
        _ => return None,
    };
    Some(step)
}

/// Documents this applicant attaches online.
pub fn documents_needed<'a>(
    service: &'a ServiceView,
    draft: &Draft,
) -> Vec<&'a egov_domain::documents::DocumentRequirementView> {
    attachments_online(service, &profile(draft))
}

/// Whether the step is part of this service's journey for this applicant.
pub fn applies(step: Step, service: &ServiceView, draft: &Draft) -> bool {
    match step {
        Step::Eligibility => !eligibility_questions(service).is_empty(),
        Step::Result => choosable_results(service, &profile(draft)).count() > 1,
        Step::Documents => draft.category.is_some() && !documents_needed(service, draft).is_empty(),
        _ => true,
    }
}

/// Whether what the draft holds for the step is complete and valid.
pub fn is_complete(step: Step, service: &ServiceView, draft: &Draft) -> bool {
    match step {
        Step::Eligibility => draft.eligibility_answered,
        Step::Iin => Iin::parse(&draft.iin).is_ok(),
        Step::Name => {
            validate_name(&draft.surname).is_ok()
                && validate_name(&draft.given_name).is_ok()
                && (draft.patronymic.trim().is_empty() || validate_name(&draft.patronymic).is_ok())
        }
        Step::BirthDate => validate_birth_date(&draft.birth_date()).is_ok(),
        Step::Contact => {
            normalise_phone(&draft.phone).is_some()
                && (draft.email.trim().is_empty() || is_valid_email(draft.email.trim()))
        }
        Step::Address => check_address(&draft.address).is_ok(),
        Step::Category => draft.category.is_some(),
        Step::Result => draft
            .result
            .as_ref()
            .is_some_and(|r| check_result(service, r, &profile(draft)).is_allowed()),
        Step::Documents => documents_needed(service, draft).iter().all(|needed| {
            draft
                .documents
                .iter()
                .any(|attached| attached.document == needed.requirement.document)
        }),
        Step::Check => false,
    }
}

fn position(step: Step) -> usize {
    Step::ORDER
        .iter()
        .position(|s| *s == step)
        .expect("every step is in ORDER")
}

pub fn next(step: Step, service: &ServiceView, draft: &Draft) -> Option<Step> {
    Step::ORDER[position(step) + 1..]
        .iter()
        .copied()
        .find(|s| applies(*s, service, draft))
}

pub fn previous(step: Step, service: &ServiceView, draft: &Draft) -> Option<Step> {
    Step::ORDER[..position(step)]
        .iter()
        .rev()
        .copied()
        .find(|s| applies(*s, service, draft))
}

/// The first applicable step that is not complete; the check page once all are.
pub fn first_unfinished(service: &ServiceView, draft: &Draft) -> Step {
    Step::ORDER
        .into_iter()
        .find(|s| applies(*s, service, draft) && !is_complete(*s, service, draft))
        .unwrap_or(Step::Check)
}

/// Whether a person may open `step` now: every applicable step before it is complete.
pub fn may_open(step: Step, service: &ServiceView, draft: &Draft) -> bool {
    position(first_unfinished(service, draft)) >= position(step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egov_domain::catalogue::ResultId;
    use egov_domain::{Catalogue, RegionId, ServiceId};

    fn referral(region: &str) -> ServiceView {
        Catalogue::shared()
            .service_in_region(
                &ServiceId::new("active_employment_referral"),
                &RegionId::new(region),
            )
            .unwrap()
    }

    fn complete_applicant() -> Draft {
        Draft {
            eligibility_answered: true,
            iin: "7910 2830 2728".into(),
            surname: "Сейткали".into(),
            given_name: "Айгерім".into(),
            birth_day: "28".into(),
            birth_month: "10".into(),
            birth_year: "1979".into(),
            phone: "8 701 123 45 67".into(),
            address: "Қарағанды".into(),
            category: Some(ApplicantCategory::Citizen),
            ..Draft::default()
        }
    }

    #[test]
    fn server_field_errors_point_at_their_steps() {
        assert_eq!(step_for_field("application.applicant.iin"), Some(Step::Iin));
        assert_eq!(
            step_for_field("application.applicant.given_name"),
            Some(Step::Name)
        );
        assert_eq!(
            step_for_field("application.applicant.email"),
            Some(Step::Contact)
        );
        assert_eq!(step_for_field("application.result"), Some(Step::Result));
        assert_eq!(
            step_for_field("application.documents[0].upload_id"),
            Some(Step::Documents)
        );
        assert_eq!(
            step_for_field("application.documents.standard_para9_package"),
            Some(Step::Documents)
        );
        assert_eq!(step_for_field("application.service"), None);
        assert_eq!(step_for_field("signature"), None);
    }

    #[test]
    fn slugs_round_trip() {
        for step in Step::ORDER {
            assert_eq!(Step::from_slug(step.slug()), Some(step));
        }
    }

    #[test]
    fn an_empty_draft_starts_at_the_first_applicable_step() {
        let service = referral("karaganda");
        let first = first_unfinished(&service, &Draft::default());
        assert_eq!(
            first,
            Step::ORDER
                .into_iter()
                .find(|s| applies(*s, &service, &Draft::default()))
                .unwrap()
        );
        assert!(!may_open(Step::Check, &service, &Draft::default()));
    }

    #[test]
    fn next_and_back_skip_steps_that_do_not_apply() {
        let service = referral("karaganda");
        let draft = complete_applicant();
        assert_eq!(next(Step::Iin, &service, &draft), Some(Step::Name));
        assert_eq!(previous(Step::Name, &service, &draft), Some(Step::Iin));
        assert_eq!(next(Step::Check, &service, &draft), None);
    }

    #[test]
    fn a_complete_draft_goes_to_check_and_an_invalid_field_reopens_its_step() {
        let service = referral("karaganda");
        let mut draft = complete_applicant();
        draft.result = choosable_results(&service, &profile(&draft))
            .find(|(_, e)| e.is_allowed())
            .map(|(id, _)| id.clone());
        for step in Step::ORDER {
            if applies(step, &service, &draft) && !matches!(step, Step::Check | Step::Documents) {
                assert!(is_complete(step, &service, &draft), "{step:?}");
            }
        }
        // Karaganda asks for the documents package; nothing is attached yet.
        assert!(applies(Step::Documents, &service, &draft));
        assert_eq!(first_unfinished(&service, &draft), Step::Documents);
        let with_documents_attached = {
            let mut d = draft.clone();
            d.documents = documents_needed(&service, &d)
                .iter()
                .map(|n| egov_domain::AttachedDocument {
                    document: n.requirement.document.clone(),
                    upload_id: "u".into(),
                    file_name: "f.pdf".into(),
                    size: 1,
                    media_type: "application/pdf".into(),
                    sha256: "0".repeat(64),
                })
                .collect();
            d
        };
        assert_eq!(
            first_unfinished(&service, &with_documents_attached),
            Step::Check
        );
        let mut broken = with_documents_attached;
        broken.phone = "123".into();
        assert_eq!(first_unfinished(&service, &broken), Step::Contact);
        assert!(!may_open(Step::Check, &service, &broken));
        assert!(may_open(Step::Contact, &service, &broken));
    }

    #[test]
    fn a_result_refused_by_eligibility_is_not_complete() {
        let service = referral("akmola_kokshetau_stepnogorsk");
        let mut draft = complete_applicant();
        let refused: Option<ResultId> = choosable_results(&service, &profile(&draft))
            .find(|(_, e)| !e.is_allowed())
            .map(|(id, _)| id.clone());
        if let Some(refused) = refused {
            draft.result = Some(refused);
            assert!(!is_complete(Step::Result, &service, &draft));
        }
    }
}
