//! The eligibility questions: the facts the service's rules ask about, each answered yes or no.

use super::{code, has_errors};
use crate::components::error_summary::{message_for, FieldMessage};
use crate::components::fields::{RadioOption, Radios};
use crate::components::page::PageHeading;
use crate::draft::Draft;
use crate::flow::{self, Step, StepRules};
use crate::i18n::use_i18n;
use crate::pages::apply::StepShell;
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::catalogue::ServiceView;
use egov_domain::eligibility::{check_service, EligibilityRule};
use egov_domain::profile::ApplicantFact;
use leptos::prelude::*;
use std::collections::BTreeMap;

pub const RULES: StepRules = StepRules {
    slug: "eligibility",
    fields: &["applicant.facts", "facts"],
    applies: |service, _| !questions(service).is_empty(),
    problems: |service, draft| unanswered(&questions(service), |fact| answer(draft, fact)),
    answer: Some(|service, draft, i18n| {
        questions(service)
            .iter()
            .map(|fact| {
                let yes_or_no = if draft.facts.contains(fact) {
                    "answer-yes"
                } else {
                    "answer-no"
                };
                format!(
                    "{}: {}",
                    i18n.t(&format!("fact-{}-short", code(fact))),
                    i18n.t(yes_or_no)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }),
    view: |service| view! { <EligibilityStep service /> }.into_any(),
};

/// The facts the service's eligibility rules ask about, in the order they first appear.
pub fn questions(service: &ServiceView) -> Vec<ApplicantFact> {
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

/// The draft's answer to a question: none until the questions were answered, then "yes" for
/// the facts it holds.
fn answer(draft: &Draft, fact: &ApplicantFact) -> Option<bool> {
    draft
        .eligibility_answered
        .then(|| draft.facts.contains(fact))
}

const FACT_FIELD_IDS: [&str; 7] = [
    "fact-0", "fact-1", "fact-2", "fact-3", "fact-4", "fact-5", "fact-6",
];

/// A message on each question without an answer: "no" is an answer, not a default.
fn unanswered(
    questions: &[ApplicantFact],
    answer: impl Fn(&ApplicantFact) -> Option<bool>,
) -> Vec<FieldMessage> {
    questions
        .iter()
        .enumerate()
        .filter(|(_, fact)| answer(fact).is_none())
        .map(|(i, fact)| {
            FieldMessage::new(FACT_FIELD_IDS[i], format!("fact-{}-required", code(fact)))
        })
        .collect()
}

fn yes_no() -> Vec<RadioOption> {
    let i18n = use_i18n();
    ["yes", "no"]
        .into_iter()
        .map(|value| RadioOption {
            value: value.into(),
            label: Signal::derive(move || i18n.t(&format!("answer-{value}"))),
            hint: None,
        })
        .collect()
}

#[component]
pub fn EligibilityStep(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let questions = questions(&service);
    // Kept on the page until Continue: the draft's facts change only once all are answered.
    let draft = wizard.draft.get_untracked();
    let answers = RwSignal::new(
        questions
            .iter()
            .map(|fact| (*fact, answer(&draft, fact)))
            .collect::<BTreeMap<ApplicantFact, Option<bool>>>(),
    );
    let validate = {
        let questions = questions.clone();
        Callback::new(move |_| {
            let current = answers.get_untracked();
            unanswered(&questions, |fact| current.get(fact).copied().flatten())
        })
    };
    let divert_service = service.clone();
    let divert = Callback::new(move |_| {
        let current = answers.get_untracked();
        wizard.draft.update(|d| {
            for (fact, answer) in &current {
                if *answer == Some(true) {
                    d.facts.insert(*fact);
                } else {
                    d.facts.remove(fact);
                }
            }
            d.eligibility_answered = true;
        });
        let profile = flow::profile(&wizard.draft.get_untracked());
        (!check_service(&divert_service, &profile).is_allowed())
            .then(|| paths::ineligible(divert_service.id.as_str()))
    });
    let groups = questions
        .into_iter()
        .enumerate()
        .map(|(i, fact)| {
            let id = FACT_FIELD_IDS[i];
            let question = format!("fact-{}-question", code(&fact));
            view! {
                <div class="form-group" class:form-group--error=move || message_for(errors.into(), id).read().is_some()>
                    <fieldset class="fieldset" aria-describedby=format!("{id}-error")>
                        <legend class="fieldset__legend fieldset__legend--m">{move || i18n.t(&question)}</legend>
                        <Radios
                            id
                            options=yes_no()
                            selected=Signal::derive(move || {
                                answers.read().get(&fact).copied().flatten().map(|b| if b { "yes".to_owned() } else { "no".to_owned() })
                            })
                            on_select=Callback::new(move |v: String| answers.update(|a| { a.insert(fact, Some(v == "yes")); }))
                            error=message_for(errors.into(), id)
                        />
                    </fieldset>
                </div>
            }
        })
        .collect_view();
    view! {
        <StepShell service step=Step::Eligibility errors validate divert>
            <PageHeading key="eligibility-heading" has_errors=has_errors(errors) />
            {groups}
        </StepShell>
    }
}
