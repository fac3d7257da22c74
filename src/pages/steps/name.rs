//! The applicant's surname, given name and (optional) patronymic.

use super::{bind, error_of, has_errors};
use crate::components::error_summary::FieldMessage;
use crate::components::fields::TextField;
use crate::components::page::PageHeading;
use crate::draft::Draft;
use crate::flow::{always, Step, StepRules};
use crate::pages::apply::StepShell;
use egov_domain::application::validate_name;
use egov_domain::catalogue::ServiceView;
use leptos::prelude::*;

pub const RULES: StepRules = StepRules {
    slug: "name",
    fields: &[
        "applicant.surname",
        "applicant.given_name",
        "applicant.patronymic",
    ],
    applies: always,
    problems,
    answer: Some(|_, draft, _| {
        [
            draft.surname.trim(),
            draft.given_name.trim(),
            draft.patronymic.trim(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }),
    view: |service| view! { <NameStep service /> }.into_any(),
};

fn name_problem(id: &'static str, value: &str, optional: bool) -> Option<FieldMessage> {
    if optional && value.trim().is_empty() {
        return None;
    }
    validate_name(value)
        .err()
        .map(|e| FieldMessage::new(id, format!("{}-{}", id, e.code)))
}

fn problems(_: &ServiceView, draft: &Draft) -> Vec<FieldMessage> {
    [
        name_problem("surname", &draft.surname, false),
        name_problem("given-name", &draft.given_name, false),
        name_problem("patronymic", &draft.patronymic, true),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[component]
pub fn NameStep(service: ServiceView) -> impl IntoView {
    let errors = RwSignal::new(Vec::new());
    let (surname, set_surname) = bind(|d| &d.surname, |d, v| d.surname = v);
    let (given, set_given) = bind(|d| &d.given_name, |d, v| d.given_name = v);
    let (patronymic, set_patronymic) = bind(|d| &d.patronymic, |d, v| d.patronymic = v);
    view! {
        <StepShell service step=Step::Name errors>
            <fieldset class="fieldset">
                <legend class="fieldset__legend"><PageHeading key="name-heading" has_errors=has_errors(errors) /></legend>
                <TextField id="surname" label_key="surname-label" value=surname on_input=set_surname error=error_of(errors, "surname") autocomplete="family-name" />
                <TextField id="given-name" label_key="given-name-label" value=given on_input=set_given error=error_of(errors, "given-name") autocomplete="given-name" />
                <TextField id="patronymic" label_key="patronymic-label" optional=true value=patronymic on_input=set_patronymic error=error_of(errors, "patronymic") autocomplete="additional-name" />
            </fieldset>
        </StepShell>
    }
}
