//! The applicant's IIN.

use super::{bind, error_of, has_errors};
use crate::components::error_summary::FieldMessage;
use crate::components::fields::TextField;
use crate::components::page::PageHeading;
use crate::draft::Draft;
use crate::flow::{always, Step, StepRules};
use crate::pages::apply::StepShell;
use egov_domain::catalogue::ServiceView;
use egov_domain::{Iin, IinError, Lang};
use leptos::prelude::*;

pub const RULES: StepRules = StepRules {
    slug: "iin",
    fields: &["applicant.iin"],
    applies: always,
    problems,
    // As it will be signed: normalised once it is a valid IIN.
    answer: Some(|_, draft, _| {
        draft
            .application(Lang::Kk)
            .map(|a| a.applicant.iin)
            .unwrap_or_default()
    }),
    view: |service| view! { <IinStep service /> }.into_any(),
};

fn problems(_: &ServiceView, draft: &Draft) -> Vec<FieldMessage> {
    match Iin::parse(&draft.iin) {
        Ok(_) => Vec::new(),
        Err(e @ IinError::WrongLength { actual }) => {
            vec![FieldMessage::new("iin", e.code()).with_arg("actual", actual as i64)]
        }
        Err(e) => vec![FieldMessage::new("iin", e.code())],
    }
}

#[component]
pub fn IinStep(service: ServiceView) -> impl IntoView {
    let errors = RwSignal::new(Vec::new());
    let (value, on_input) = bind(|d| &d.iin, |d, v| d.iin = v);
    view! {
        <StepShell service step=Step::Iin errors>
            <PageHeading key="iin-heading" has_errors=has_errors(errors) />
            <TextField
                id="iin"
                label_key="iin-label"
                hint_key="iin-hint"
                value
                on_input
                error=error_of(errors, "iin")
                inputmode="numeric"
                autocomplete="off"
                class="input input--width-12"
            />
        </StepShell>
    }
}
