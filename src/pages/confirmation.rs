//! The application is in: its reference number, what happens next and by when, the status page,
//! and a record to print.

use crate::api::ApiClient;
use crate::calendar::use_calendar;
use crate::components::due::DueText;
use crate::components::page::PageHeading;
use crate::dates::format_moment;
use crate::i18n::use_i18n;
use crate::nav::use_params_map;
use crate::pages::paths;
use egov_domain::schedule::schedule_of;
use egov_domain::Catalogue;
use leptos::prelude::*;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let api = expect_context::<ApiClient>();
    let reference = move || params.read().get("reference").unwrap_or_default();
    let record = LocalResource::new(move || {
        let api = api.clone();
        let reference = reference();
        async move { api.application(&reference).await.ok() }
    });
    let calendar = use_calendar();
    let due = move || {
        let record = record.get().flatten()?;
        calendar.follow(record.submitted_at);
        let service = Catalogue::shared()
            .service_in_region(&record.application.service, &record.application.region)?;
        let schedule = calendar.with(|c| schedule_of(Catalogue::shared(), c, &record))?;
        let name = service.name.get(i18n.lang.get()).to_owned();
        Some((
            name,
            schedule.service,
            format_moment(i18n.lang.get(), record.submitted_at),
        ))
    };
    view! {
        <div class="panel panel--confirmation">
            <PageHeading key="confirmation-heading" />
            <div class="panel__body">
                {move || i18n.t("confirmation-reference")}
                <br />
                <strong id="reference">{reference}</strong>
            </div>
        </div>
        {move || due().map(|(service, due, submitted)| view! {
            <dl class="summary-list" id="confirmation-record">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{i18n.t("status-service")}</dt>
                    <dd class="summary-list__value">{service}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{i18n.t("status-submitted-at")}</dt>
                    <dd class="summary-list__value">{submitted}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{i18n.t("confirmation-due")}</dt>
                    <dd class="summary-list__value">
                        <DueText due id="due" not_set_key="status-due-unknown" />
                    </dd>
                </div>
            </dl>
        })}
        <h2 class="heading-m">{move || i18n.t("confirmation-next-heading")}</h2>
        <p class="body">{move || i18n.t("confirmation-next")}</p>
        <p class="body">
            <a id="status-link" href=move || paths::status(&reference())>
                {move || i18n.t("confirmation-status-link")}
            </a>
        </p>
        <p class="body">
            <a href=paths::MY_APPLICATIONS>
                {move || i18n.t("confirmation-my-applications-link")}
            </a>
        </p>
        <button type="button" class="button button--secondary" id="print" on:click=move |_| { let _ = window().print(); }>
            {move || i18n.t("print")}
        </button>
        <p class="body">
            <a href=paths::SERVICES>{move || i18n.t("new-application")}</a>
        </p>
    }
}
