//! The application's status, read back from the server.

use crate::api::{ApiClient, ApiFailure};
use crate::components::page::PageHeading;
use crate::i18n::use_i18n;
use egov_domain::api::ApplicationRecord;
use egov_domain::Catalogue;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let api = expect_context::<ApiClient>();
    let record = LocalResource::new(move || {
        let reference = params.read().get("reference").unwrap_or_default();
        let api = api.clone();
        async move { api.application(&reference).await }
    });
    view! {
        <PageHeading key="status-heading" />
        <Suspense fallback=move || view! { <p class="body">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(record) => view! { <StatusDetails record /> }.into_any(),
                    Err(ApiFailure::Problem(p)) if p.status == 404 => view! {
                        <p class="body" id="status-error">{move || i18n.t("status-not-found")}</p>
                    }
                    .into_any(),
                    Err(e) => {
                        let key = e.message_key();
                        view! { <p class="body" id="status-error">{move || i18n.t(&key)}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatusDetails(record: ApplicationRecord) -> impl IntoView {
    let i18n = use_i18n();
    let service_name = Catalogue::shared()
        .service(&record.service)
        .map(|s| s.name.clone());
    let status_key = format!("status-{}", record.status.code());
    let history = record
        .history
        .iter()
        .map(|event| {
            let key = format!("status-{}", event.status.code());
            let at = event.at;
            let machine = at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
            view! {
                <li class="timeline__item">
                    <span class="timeline__status">{move || i18n.t(&key)}</span>
                    " "
                    <time class="timeline__time" datetime=machine>{move || crate::dates::format_moment(i18n.lang.get(), at)}</time>
                </li>
            }
        })
        .collect_view();
    view! {
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t("status-reference")}</dt>
                <dd class="summary-list__value" id="status-reference">{record.reference.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t("status-service")}</dt>
                <dd class="summary-list__value">
                    {move || service_name.as_ref().map(|n| n.get(i18n.lang.get()).to_owned())}
                </dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t("status-current")}</dt>
                <dd class="summary-list__value">
                    <strong class="tag" id="status-current" data-status=record.status.code()>
                        {move || i18n.t(&status_key)}
                    </strong>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t("status-submitted-at")}</dt>
                <dd class="summary-list__value">{move || crate::dates::format_moment(i18n.lang.get(), record.submitted_at)}</dd>
            </div>
        </dl>
        <h2 class="heading-m">{move || i18n.t("status-history")}</h2>
        <ol class="timeline" id="status-history">{history}</ol>
    }
}
