//! The kind of result asked for, where the region offers this applicant a choice.

use super::has_errors;
use crate::components::error_summary::{message_for, FieldMessage};
use crate::components::fields::{RadioOption, Radios};
use crate::components::page::PageHeading;
use crate::draft::Draft;
use crate::flow::{self, Step, StepRules};
use crate::i18n::use_i18n;
use crate::pages::apply::StepShell;
use crate::state::use_wizard;
use egov_domain::catalogue::{ResultId, ServiceView};
use egov_domain::completeness::{gaps, Gap};
use egov_domain::eligibility::choosable_results;
use leptos::prelude::*;

pub const RULES: StepRules = StepRules {
    slug: "result",
    fields: &["result"],
    applies: |service, draft| choosable_results(service, &flow::profile(draft)).count() > 1,
    problems,
    answer: Some(|service, draft, i18n| {
        draft
            .result
            .as_ref()
            .and_then(|r| service.result(r))
            .map(|r| r.name.get(i18n.lang.get()).to_owned())
            .unwrap_or_default()
    }),
    view: |service| view! { <ResultStep service /> }.into_any(),
};

/// The application's completeness as the server judges it, as far as the result goes: none
/// chosen, or one this applicant may not receive (only allowed ones are offered).
fn problems(service: &ServiceView, draft: &Draft) -> Vec<FieldMessage> {
    let profile = flow::profile(draft);
    let result_gap = gaps(service, &profile, draft.result.as_ref(), &draft.documents)
        .into_iter()
        .any(|gap| matches!(gap, Gap::ResultRequired | Gap::ResultRefused(_)));
    if result_gap {
        vec![FieldMessage::new("result", "result-required")]
    } else {
        Vec::new()
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
    view! {
        <StepShell service step=Step::Result errors>
            <fieldset class="fieldset" aria-describedby="result-error">
                <legend class="fieldset__legend"><PageHeading key="result-heading" has_errors=has_errors(errors) /></legend>
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
