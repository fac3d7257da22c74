//! The applicant's category (citizen, kandas, foreigner…), which decides documents and results.

use super::{code, has_errors};
use crate::components::error_summary::{message_for, FieldMessage};
use crate::components::fields::{RadioOption, Radios};
use crate::components::page::PageHeading;
use crate::flow::{self, always, Step, StepRules};
use crate::i18n::use_i18n;
use crate::pages::apply::StepShell;
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::catalogue::ServiceView;
use egov_domain::eligibility::check_service;
use egov_domain::profile::ApplicantCategory;
use leptos::prelude::*;

pub const RULES: StepRules = StepRules {
    slug: "category",
    fields: &["applicant.category"],
    applies: always,
    problems: |_, draft| match draft.category {
        Some(_) => Vec::new(),
        None => vec![FieldMessage::new("category", "category-required")],
    },
    answer: Some(|_, draft, i18n| {
        draft
            .category
            .map(|c| i18n.t(&format!("category-{}", code(&c))))
            .unwrap_or_default()
    }),
    view: |service| view! { <CategoryStep service /> }.into_any(),
};

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
    let divert_service = service.clone();
    let divert = Callback::new(move |_| {
        let profile = flow::profile(&wizard.draft.get_untracked());
        (!check_service(&divert_service, &profile).is_allowed())
            .then(|| paths::ineligible(divert_service.id.as_str()))
    });
    view! {
        <StepShell service step=Step::Category errors divert>
            <fieldset class="fieldset" aria-describedby="category-error">
                <legend class="fieldset__legend"><PageHeading key="category-heading" has_errors=has_errors(errors) /></legend>
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
