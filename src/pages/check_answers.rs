//! Check your answers: every answer with a Change link that returns here after the change. The
//! rows are the steps' own: each applicable step of the journey that declares an answer.

use crate::components::page::PageHeading;
use crate::flow::{self, Step, StepRules};
use crate::i18n::use_i18n;
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::catalogue::ServiceView;
use leptos::prelude::*;

pub const RULES: StepRules = StepRules {
    slug: "check",
    fields: &[],
    applies: flow::always,
    problems: |_, _| Vec::new(),
    answer: None,
    view: |service| view! { <CheckAnswersPage service /> }.into_any(),
};

#[component]
pub fn CheckAnswersPage(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let id = service.id.as_str().to_owned();
    let lang = move || i18n.lang.get();
    let draft = wizard.draft.get_untracked();
    let rows_view = Step::ORDER
        .into_iter()
        .filter(|step| flow::applies(*step, &service, &draft))
        .filter_map(|step| step.rules().answer.map(|answer| (step, answer)))
        .map(|(step, answer)| {
            let href = paths::change(&id, step);
            let slug = step.slug();
            let label_key = format!("check-{slug}");
            let label = move || i18n.t(&label_key);
            let service = service.clone();
            let value = move || wizard.draft.with(|d| answer(&service, d, i18n));
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{label.clone()}</dt>
                    <dd class="summary-list__value" id=format!("answer-{slug}")>{value}</dd>
                    <dd class="summary-list__actions">
                        <a href=href id=format!("change-{slug}")>
                            {move || i18n.t("check-change")}
                            <span class="visually-hidden">" " {label}</span>
                        </a>
                    </dd>
                </div>
            }
        })
        .collect_view();
    let name = service.name.clone();
    let back = flow::previous(Step::Check, &service, &draft)
        .map(|s| paths::step(&id, s))
        .unwrap_or_else(|| paths::SERVICES.to_owned());
    view! {
        <a class="back-link" href=back id="back">{move || i18n.t("back")}</a>
        <PageHeading key="check-heading" />
        <dl class="summary-list" id="answers">
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t("check-service")}</dt>
                <dd class="summary-list__value" id="answer-service">{move || name.get(lang()).to_owned()}</dd>
                <dd class="summary-list__actions">
                    <a href=paths::SERVICES id="change-service">
                        {move || i18n.t("check-change")}
                        <span class="visually-hidden">" " {move || i18n.t("check-service")}</span>
                    </a>
                </dd>
            </div>
            {rows_view}
        </dl>
        <a class="button" href=paths::sign(&id) id="continue">
            {move || i18n.t("check-confirm")}
        </a>
    }
}
