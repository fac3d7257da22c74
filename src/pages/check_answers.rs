//! Step 3: check your answers, each with a Change link.

use crate::components::page::PageHeading;
use crate::i18n::use_i18n;
use crate::pages::paths;
use crate::pages::service_choice::service_from_param;
use crate::state::use_wizard;
use egov_domain::Catalogue;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CheckAnswersPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let params = use_params_map();
    let Some(service) = service_from_param(params.read_untracked().get("service")) else {
        return view! { <Redirect path="/" /> }.into_any();
    };
    // A deep link past an unfinished step goes back to that step.
    if wizard.draft.get_untracked().iin.is_empty() {
        return view! { <Redirect path=paths::iin(service.as_str()) /> }.into_any();
    }
    let name = Catalogue::embedded()
        .service(&service)
        .map(|s| s.name.clone())
        .expect("service_from_param only returns catalogue services");
    let iin = move || wizard.draft.get().iin;
    view! {
        <a class="back-link" href=paths::iin(service.as_str())>
            {move || i18n.t("back")}
        </a>
        <PageHeading key="check-heading" />
        <dl class="summary-list" id="answers">
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t("check-service")}</dt>
                <dd class="summary-list__value" id="answer-service">
                    {move || name.get(i18n.lang.get()).to_owned()}
                </dd>
                <dd class="summary-list__actions">
                    <a href="/" id="change-service">
                        {move || i18n.t("check-change")}
                        <span class="visually-hidden">" " {move || i18n.t("check-service")}</span>
                    </a>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t("check-iin")}</dt>
                <dd class="summary-list__value" id="answer-iin">{iin}</dd>
                <dd class="summary-list__actions">
                    <a href=paths::iin(service.as_str()) id="change-iin">
                        {move || i18n.t("check-change")}
                        <span class="visually-hidden">" " {move || i18n.t("check-iin")}</span>
                    </a>
                </dd>
            </div>
        </dl>
        <a class="button" href=paths::sign(service.as_str()) id="continue" role="button">
            {move || i18n.t("check-confirm")}
        </a>
    }
    .into_any()
}
