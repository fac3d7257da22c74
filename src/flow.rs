//! The wizard's journey as data: which steps a service has and in which order. Each step's own
//! module (under `pages::steps`) declares what it asks, how its answers are checked, when it is
//! complete and how it shows on the check page; pages never decide where to go next, they ask
//! this table.

use crate::components::error_summary::FieldMessage;
use crate::draft::Draft;
use crate::i18n::I18n;
use crate::pages::{check_answers, steps};
use egov_domain::catalogue::ServiceView;
use egov_domain::profile::{ApplicantCategory, ApplicantProfile};
use leptos::prelude::AnyView;

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

/// What a step declares about itself, once, in its own module.
pub struct StepRules {
    /// The step's URL segment; also names its check-page row (`answer-…`, `check-…`,
    /// `change-…`).
    pub slug: &'static str,
    /// What it asks: the paths in the signed application (after `application.`) of its answers,
    /// so that an error the server finds there sends the person back to this step.
    pub fields: &'static [&'static str],
    /// Whether the step is part of this service's journey for this applicant.
    pub applies: fn(&ServiceView, &Draft) -> bool,
    /// What is wrong with the draft's answers, as messages on the step's fields, by the domain's
    /// validators; none means the step is complete.
    pub problems: fn(&ServiceView, &Draft) -> Vec<FieldMessage>,
    /// Its answers as the check page shows them (reactive through `I18n`); None: no row.
    pub answer: Option<fn(&ServiceView, &Draft, I18n) -> String>,
    pub view: fn(ServiceView) -> AnyView,
}

/// For the steps every applicant of every service answers.
pub fn always(_: &ServiceView, _: &Draft) -> bool {
    true
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

    pub fn rules(self) -> &'static StepRules {
        match self {
            Step::Eligibility => &steps::eligibility::RULES,
            Step::Iin => &steps::iin::RULES,
            Step::Name => &steps::name::RULES,
            Step::BirthDate => &steps::birth_date::RULES,
            Step::Contact => &steps::contact::RULES,
            Step::Address => &steps::address::RULES,
            Step::Category => &steps::category::RULES,
            Step::Result => &steps::result::RULES,
            Step::Documents => &steps::documents::RULES,
            Step::Check => &check_answers::RULES,
        }
    }

    /// The step's URL segment.
    pub fn slug(self) -> &'static str {
        self.rules().slug
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ORDER.into_iter().find(|s| s.slug() == slug)
    }
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
    let answers = |asked: &str| {
        field
            .strip_prefix(asked)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    };
    Step::ORDER
        .into_iter()
        .find(|step| step.rules().fields.iter().any(|asked| answers(asked)))
}

/// Whether the step is part of the journey for this service and applicant.
pub fn applies(step: Step, service: &ServiceView, draft: &Draft) -> bool {
    (step.rules().applies)(service, draft)
}

/// What is wrong with the draft's answers to the step; see [`StepRules::problems`].
pub fn problems(step: Step, service: &ServiceView, draft: &Draft) -> Vec<FieldMessage> {
    (step.rules().problems)(service, draft)
}

/// Whether what the draft holds for the step is complete and valid. The check page asks
/// nothing and is never done: it is where a complete journey ends.
pub fn is_complete(step: Step, service: &ServiceView, draft: &Draft) -> bool {
    step != Step::Check && problems(step, service, draft).is_empty()
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
    use egov_domain::documents::attachments_online;
    use egov_domain::eligibility::choosable_results;
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
        // Kyzylorda refers only registered job seekers and unemployed: its journey opens with
        // that question.
        let asks = referral("kyzylorda");
        assert_eq!(
            first_unfinished(&asks, &Draft::default()),
            Step::Eligibility
        );
        assert!(!may_open(Step::Iin, &asks, &Draft::default()));
        // Karaganda's regulation has no eligibility rule: the journey opens with the IIN.
        let asks_nothing = referral("karaganda");
        assert_eq!(
            first_unfinished(&asks_nothing, &Draft::default()),
            Step::Iin
        );
        assert!(!may_open(Step::Name, &asks_nothing, &Draft::default()));
        assert!(!may_open(Step::Check, &asks_nothing, &Draft::default()));
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
            d.documents = attachments_online(&service, &profile(&d))
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
        // Karaganda-Aktogay gives every referral but employment and career guidance only to the
        // registered unemployed; this applicant did not say they are.
        let service = referral("karaganda_aktogay");
        let draft = complete_applicant();
        let choosing = |wanted: bool| {
            let applicant = profile(&draft);
            let result = choosable_results(&service, &applicant)
                .find(|(_, e)| e.is_allowed() == wanted)
                .map(|(id, _)| id.clone())
                .expect("the region refuses some results to this applicant and allows others");
            Draft {
                result: Some(result),
                ..draft.clone()
            }
        };
        assert!(applies(Step::Result, &service, &draft));
        assert!(is_complete(Step::Result, &service, &choosing(true)));
        let refused = choosing(false);
        assert!(!is_complete(Step::Result, &service, &refused));
        assert_eq!(first_unfinished(&service, &refused), Step::Result);
    }
}
