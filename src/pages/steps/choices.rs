//! Questions answered by choosing: eligibility facts, applicant category, kind of result.

use crate::components::error_summary::{message_for, FieldMessage};
use crate::components::fields::{RadioOption, Radios};
use crate::components::page::PageHeading;
use crate::flow::{self, Step};
use crate::i18n::use_i18n;
use crate::pages::apply::StepShell;
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::catalogue::{ResultId, ServiceView};
use egov_domain::eligibility::{check_service, choosable_results};
use egov_domain::profile::{ApplicantCategory, ApplicantFact};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The snake_case code of a serde enum value, as used in locale keys.
pub fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn yes_no(fact: ApplicantFact) -> Vec<RadioOption> {
    let i18n = use_i18n();
    let _ = fact;
    vec![
        RadioOption {
            value: "yes".into(),
            label: Signal::derive(move || i18n.t("answer-yes")),
            hint: None,
        },
        RadioOption {
            value: "no".into(),
            label: Signal::derive(move || i18n.t("answer-no")),
            hint: None,
        },
    ]
}

const FACT_FIELD_IDS: [&str; 7] = [
    "fact-0", "fact-1", "fact-2", "fact-3", "fact-4", "fact-5", "fact-6",
];

#[component]
pub fn EligibilityStep(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let questions = flow::eligibility_questions(&service);
    // Unanswered until answered: "no" is an answer, not a default.
    let draft = wizard.draft.get_untracked();
    let answers = RwSignal::new(
        questions
            .iter()
            .map(|f| {
                (
                    *f,
                    draft.eligibility_answered.then(|| draft.facts.contains(f)),
                )
            })
            .collect::<BTreeMap<ApplicantFact, Option<bool>>>(),
    );
    let validate = {
        let questions = questions.clone();
        Callback::new(move |_| {
            let current = answers.get_untracked();
            questions
                .iter()
                .enumerate()
                .filter(|(_, f)| current.get(f).copied().flatten().is_none())
                .map(|(i, f)| {
                    FieldMessage::new(FACT_FIELD_IDS[i], format!("fact-{}-required", code(f)))
                })
                .collect()
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
    let has_errors = Signal::derive(move || !errors.read().is_empty());
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
                            options=yes_no(fact)
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
            <PageHeading key="eligibility-heading" has_errors />
            {groups}
        </StepShell>
    }
}

#[component]
pub fn CategoryStep(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let options = ApplicantCategory::ALL
        .into_iter()
        .map(|category| {
            let key = format!("category-{}", code(&category));
            RadioOption {
                value: code(&category),
                label: Signal::derive(move || i18n.t(&key)),
                hint: None,
            }
        })
        .collect();
    let validate = Callback::new(move |_| {
        if wizard.draft.get_untracked().category.is_some() {
            Vec::new()
        } else {
            vec![FieldMessage::new("category", "category-required")]
        }
    });
    let divert_service = service.clone();
    let divert = Callback::new(move |_| {
        let profile = flow::profile(&wizard.draft.get_untracked());
        (!check_service(&divert_service, &profile).is_allowed())
            .then(|| paths::ineligible(divert_service.id.as_str()))
    });
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    view! {
        <StepShell service step=Step::Category errors validate divert>
            <fieldset class="fieldset" aria-describedby="category-error">
                <legend class="fieldset__legend"><PageHeading key="category-heading" has_errors /></legend>
                <Radios
                    id="category"
                    options
                    selected=Signal::derive(move || wizard.draft.with(|d| d.category.map(|c| code(&c))))
                    on_select=Callback::new(move |v: String| {
                        let category = ApplicantCategory::ALL.into_iter().find(|c| code(c) == v);
                        wizard.draft.update(|d| d.category = category);
                    })
                    error=message_for(errors.into(), "category")
                />
            </fieldset>
        </StepShell>
    }
}

#[component]
pub fn ResultStep(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let profile = flow::profile(&wizard.draft.get_untracked());
    // Only the kinds this region offers and this applicant may receive.
    let options: Vec<RadioOption> = choosable_results(&service, &profile)
        .filter(|(_, eligibility)| eligibility.is_allowed())
        .filter_map(|(id, _)| service.result(id))
        .map(|result| {
            let name = result.name.clone();
            RadioOption {
                value: result.id.as_str().to_owned(),
                label: Signal::derive(move || name.get(i18n.lang.get()).to_owned()),
                hint: None,
            }
        })
        .collect();
    let validate = Callback::new(move |_| {
        if wizard.draft.get_untracked().result.is_some() {
            Vec::new()
        } else {
            vec![FieldMessage::new("result", "result-required")]
        }
    });
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    view! {
        <StepShell service step=Step::Result errors validate>
            <fieldset class="fieldset" aria-describedby="result-error">
                <legend class="fieldset__legend"><PageHeading key="result-heading" has_errors /></legend>
                <Radios
                    id="result"
                    options
                    selected=Signal::derive(move || wizard.draft.with(|d| d.result.as_ref().map(|r| r.as_str().to_owned())))
                    on_select=Callback::new(move |v: String| wizard.draft.update(|d| d.result = Some(ResultId::new(v))))
                    error=message_for(errors.into(), "result")
                />
            </fieldset>
        </StepShell>
    }
}
