//! An answer that rules the person out: say why and what to do, not a validation error.

use crate::components::page::PageHeading;
use crate::flow::{self, Step};
use crate::i18n::use_i18n;
use crate::pages::paths;
use crate::pages::steps::code;
use crate::state::use_wizard;
use egov_domain::catalogue::ServiceView;
use egov_domain::eligibility::{check_service, Eligibility};
use leptos::prelude::*;

#[component]
pub fn IneligiblePage(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let reasons = match check_service(&service, &flow::profile(&wizard.draft.get_untracked())) {
        Eligibility::Refused { reasons } => reasons,
        Eligibility::Allowed => Vec::new(),
    };
    let mut keys: Vec<String> = reasons
        .iter()
        .map(|r| format!("reason-{}", code(r)))
        .collect();
    keys.dedup();
    let id = service.id.as_str().to_owned();
    view! {
        <a class="back-link" href=paths::step(&id, Step::Eligibility)>{move || i18n.t("back")}</a>
        <PageHeading key="ineligible-heading" />
        <ul class="list" id="ineligible-reasons">
            {keys.into_iter().map(|key| view! { <li>{move || i18n.t(&key)}</li> }).collect_view()}
        </ul>
        <h2 class="heading-m">{move || i18n.t("ineligible-what-next")}</h2>
        <p class="body">{move || i18n.t("ineligible-register")}</p>
        <p class="body">
            <a href=paths::change(&id, Step::Eligibility) id="change-answers">{move || i18n.t("ineligible-change-answers")}</a>
        </p>
        <p class="body">
            <a href=paths::SERVICES>{move || i18n.t("ineligible-other-services")}</a>
        </p>
    }
}
