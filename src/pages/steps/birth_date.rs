//! The applicant's date of birth.

use super::{bind, error_of, has_errors};
use crate::components::date_input::DateInput;
use crate::components::error_summary::FieldMessage;
use crate::components::page::PageHeading;
use crate::draft::Draft;
use crate::flow::{always, Step, StepRules};
use crate::pages::apply::StepShell;
use egov_domain::application::validate_birth_date;
use egov_domain::catalogue::ServiceView;
use leptos::prelude::*;

pub const RULES: StepRules = StepRules {
    slug: "birth-date",
    fields: &["applicant.birth_date"],
    applies: always,
    problems,
    answer: Some(|_, draft, i18n| {
        crate::dates::format_date_string(i18n.lang.get(), &draft.birth_date())
    }),
    view: |service| view! { <BirthDateStep service /> }.into_any(),
};

/// The date's message goes on its first box, where the error summary leads.
const FIRST_BOX: &str = "birth-date-day";

fn problems(_: &ServiceView, draft: &Draft) -> Vec<FieldMessage> {
    let boxes = [&draft.birth_day, &draft.birth_month, &draft.birth_year];
    if boxes.iter().all(|b| b.trim().is_empty()) {
        return vec![FieldMessage::new(FIRST_BOX, "birth-date-empty")];
    }
    match validate_birth_date(&draft.birth_date()) {
        Ok(()) => Vec::new(),
        Err(e) => vec![FieldMessage::new(FIRST_BOX, e.code.to_string())],
    }
}

#[component]
pub fn BirthDateStep(service: ServiceView) -> impl IntoView {
    let errors = RwSignal::new(Vec::new());
    let has_errors = has_errors(errors);
    view! {
        <StepShell service step=Step::BirthDate errors>
            <DateInput
                id="birth-date"
                hint_key="birth-date-hint"
                day=bind(|d| &d.birth_day, |d, v| d.birth_day = v)
                month=bind(|d| &d.birth_month, |d, v| d.birth_month = v)
                year=bind(|d| &d.birth_year, |d, v| d.birth_year = v)
                error=error_of(errors, FIRST_BOX)
                birthday=true
            >
                <PageHeading key="birth-date-heading" has_errors />
            </DateInput>
        </StepShell>
    }
}
