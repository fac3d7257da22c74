//! One application: its regulation's steps as a timeline with working-day due moments, what
//! happened when, the result document or the refusal, kept up to date without a reload. "Now"
//! is the app's clock ([`crate::clock`]).

use crate::api::{sleep, ApiClient, ApiFailure};
use crate::calendar::use_calendar;
use crate::clock::now;
use crate::components::due::DueText;
use crate::components::page::PageHeading;
use crate::dates::format_moment;
use crate::i18n::use_i18n;
use crate::nav::use_params_map;
use crate::pages::result_document::{RefusalNotice, ResultDocumentView};
use crate::poll::PollSchedule;
use egov_domain::api::ApplicationRecord;
use egov_domain::deadline::DurationUnit;
use egov_domain::schedule::{schedule_of, DueMoment, ScheduledStep, StepState};
use egov_domain::{ApplicationStatus, Catalogue};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use time::OffsetDateTime;

/// Granularity of the polling loop.
const TICK_MS: u32 = 500;

use crate::dates::machine_time;

/// Whether the page is hidden (another tab, minimised): polling pauses then.
fn page_hidden() -> bool {
    document().hidden()
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let api = expect_context::<ApiClient>();
    let events = crate::events::use_host_events();
    let reference = params.read_untracked().get("reference").unwrap_or_default();
    // The last good record: a failed refresh never blanks it.
    let record = RwSignal::new(None::<ApplicationRecord>);
    // The message key of the first load's failure, when there is nothing to show.
    let load_error = RwSignal::new(None::<String>);
    let refresh_failed = RwSignal::new(false);
    let clock = RwSignal::new(now());

    let alive = Arc::new(AtomicBool::new(true));
    let kick = Arc::new(AtomicBool::new(false));
    {
        let kick_focus = kick.clone();
        let focus = window_event_listener_untyped("focus", move |_| {
            kick_focus.store(true, Ordering::Relaxed)
        });
        let kick_visible = kick.clone();
        let visible = window_event_listener_untyped("visibilitychange", move |_| {
            if !page_hidden() {
                kick_visible.store(true, Ordering::Relaxed);
            }
        });
        let alive = alive.clone();
        on_cleanup(move || {
            alive.store(false, Ordering::Relaxed);
            focus.remove();
            visible.remove();
        });
    }
    leptos::task::spawn_local(async move {
        let mut schedule = PollSchedule::default();
        let mut first = true;
        loop {
            if !first {
                sleep(TICK_MS).await;
                if !alive.load(Ordering::Relaxed) {
                    return;
                }
                let moment = now();
                if (moment - clock.get_untracked()).whole_seconds().abs() >= 5 {
                    clock.set(moment);
                }
                if page_hidden() {
                    continue;
                }
                if !schedule.tick(TICK_MS, || kick.swap(false, Ordering::Relaxed)) {
                    continue;
                }
                let finished =
                    record.with_untracked(|r| r.as_ref().is_some_and(|r| r.status.is_final()));
                if finished {
                    continue;
                }
            }
            first = false;
            match api.application(&reference).await {
                Ok(fresh) => {
                    refresh_failed.set(false);
                    load_error.set(None);
                    if record.with_untracked(|r| r.as_ref() != Some(&fresh)) {
                        let previous = record.with_untracked(|r| r.as_ref().map(|r| r.status));
                        if previous.is_some_and(|previous| previous != fresh.status) {
                            events.emit(
                                crate::events::STATUS_CHANGED,
                                serde_json::json!({
                                    "reference": fresh.reference,
                                    "status": fresh.status,
                                    "previous": previous,
                                }),
                            );
                        }
                        record.set(Some(fresh));
                        schedule.changed();
                    } else {
                        schedule.unchanged();
                    }
                }
                Err(ApiFailure::Problem(p, _)) if p.status == 404 => {
                    load_error.set(Some("status-not-found".into()));
                    return;
                }
                Err(e) => {
                    if record.with_untracked(Option::is_none) {
                        load_error.set(Some(e.message_key()));
                    }
                    refresh_failed.set(true);
                    schedule.failed(e.retry_after_ms());
                }
            }
        }
    });

    view! {
        <div class="status-page">
            <div class="status-page__screen">
                <PageHeading key="status-heading" />
            </div>
            // A region that stays in place while the details below are re-rendered, so screen
            // readers announce each new status.
            <p class="visually-hidden" aria-live="polite" id="status-announce">
                {move || {
                    record
                        .with(|r| r.as_ref().map(|r| format!("status-{}", r.status.code())))
                        .map(|key| i18n.t(&key))
                }}
            </p>
            {move || {
                if let Some(record) = record.get() {
                    view! { <StatusDetails record clock refresh_failed /> }.into_any()
                } else if let Some(key) = load_error.get() {
                    view! { <p class="body" id="status-error">{move || i18n.t(&key)}</p> }.into_any()
                } else {
                    view! { <p class="body">{move || i18n.t("loading")}</p> }.into_any()
                }
            }}
        </div>
    }
}

#[component]
fn StatusDetails(
    record: ApplicationRecord,
    clock: RwSignal<OffsetDateTime>,
    refresh_failed: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let service = Catalogue::shared()
        .service_in_region(&record.application.service, &record.application.region);
    let service_name = service.as_ref().map(|s| s.name.clone());
    let provider = service.as_ref().map(|s| s.provider.name.clone());
    let status_key = format!("status-{}", record.status.code());
    let calendar = use_calendar();
    calendar.follow(record.submitted_at);
    let schedule = {
        let record = record.clone();
        Memo::new(move |_| calendar.with(|c| schedule_of(Catalogue::shared(), c, &record)))
    };
    let history = record
        .history
        .iter()
        .map(|event| {
            let key = format!("status-{}", event.status.code());
            let at = event.at;
            view! {
                <li class="timeline__item" data-status=event.status.code()>
                    <span class="timeline__status">{move || i18n.t(&key)}</span>
                    " "
                    <time class="timeline__time" datetime=machine_time(at)>
                        {move || format_moment(i18n.lang.get(), at)}
                    </time>
                </li>
            }
        })
        .collect_view();
    let service_due =
        move || schedule.with(|s| s.as_ref().map_or(DueMoment::NotSet, |s| s.service));
    let service_overdue = move || {
        let now = clock.get();
        schedule.with(|s| s.as_ref().is_some_and(|s| s.overdue(now)))
    };
    let steps_view = move || {
        schedule.get().map(|t| {
            let channel = t.channel_name.clone();
            let steps = t
                .steps
                .into_iter()
                .enumerate()
                .map(|(i, step)| view! { <StepItem i step clock /> })
                .collect_view();
            view! {
                <h2 class="heading-m" id="timeline-heading">{move || i18n.t("status-timeline-heading")}</h2>
                <p class="body" id="timeline-channel">
                    {move || i18n.t("status-timeline-channel")}
                    " "
                    {move || channel.get(i18n.lang.get()).to_owned()}
                </p>
                <ol class="status-timeline" id="status-timeline" aria-labelledby="timeline-heading">
                    {steps}
                </ol>
            }
        })
    };
    let outcome = match (&record.result, &record.refusal_grounds, record.status) {
        (Some(document), _, ApplicationStatus::ResultIssued) => {
            let document = document.clone();
            let service_id = record.application.service.clone();
            let region = record.application.region.clone();
            let applicant = record.application.applicant.clone();
            let reference = record.reference.clone();
            Some(
                view! { <ResultDocumentView document service_id region applicant reference /> }
                    .into_any(),
            )
        }
        (_, grounds, ApplicationStatus::Refused) => {
            let grounds = grounds.clone().unwrap_or_default();
            Some(view! { <RefusalNotice grounds provider /> }.into_any())
        }
        _ => None,
    };
    view! {
        <div class="status-page__screen">
            <p class="status-refresh-failed" id="refresh-failed" role="status" hidden=move || !refresh_failed.get()>
                {move || i18n.t("status-refresh-failed")}
            </p>
            <div aria-live="polite" id="status-live">
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
                        <dd class="summary-list__value">
                            <time datetime=machine_time(record.submitted_at)>
                                {move || format_moment(i18n.lang.get(), record.submitted_at)}
                            </time>
                        </dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{move || i18n.t("status-service-due")}</dt>
                        <dd class="summary-list__value">
                            {move || view! { <DueText due=service_due() id="service-due" not_set_key="status-due-unknown" /> }}
                            " "
                            {move || service_overdue().then(|| view! {
                                <strong class="overdue" id="service-overdue">{i18n.t("status-service-overdue")}</strong>
                            })}
                        </dd>
                    </div>
                </dl>
            </div>
            {steps_view}
            <h2 class="heading-m">{move || i18n.t("status-history")}</h2>
            <ol class="timeline" id="status-history">{history}</ol>
        </div>
        {outcome}
        <p class="body status-page__screen">
            <a href="/applications">{move || i18n.t("status-my-applications-link")}</a>
        </p>
    }
}

#[component]
fn StepItem(i: usize, step: ScheduledStep, clock: RwSignal<OffsetDateTime>) -> impl IntoView {
    let i18n = use_i18n();
    let state = step.state;
    let overdue_step = step.clone();
    let overdue = Memo::new(move |_| overdue_step.overdue(clock.get()));
    let max = step.max.map(|max| {
        let key = match max.unit {
            DurationUnit::Minutes => "status-max-minutes",
            DurationUnit::Hours => "status-max-hours",
            DurationUnit::WorkingDays => "status-max-working-days",
            DurationUnit::CalendarDays => "status-max-calendar-days",
        };
        move || i18n.t_with(key, &[("count", max.value.into())])
    });
    let state_key = format!("status-step-{}", state.code());
    let actor = step.actor.clone();
    let action = step.action.clone();
    view! {
        <li
            class="status-step"
            class:status-step--current=state == StepState::Current
            class:status-step--done=state == StepState::Done
            id=format!("step-{i}")
            data-state=state.code()
            data-overdue=move || overdue.get().to_string()
            aria-current=(state == StepState::Current).then_some("step")
        >
            <span class="status-step__state">{move || i18n.t(&state_key)}</span>
            <h3 class="status-step__action">{move || action.get(i18n.lang.get()).to_owned()}</h3>
            <p class="status-step__actor">
                {move || i18n.t("status-step-actor")} " " {move || actor.get(i18n.lang.get()).to_owned()}
            </p>
            <p class="status-step__max">
                {match max {
                    Some(text) => text.into_any(),
                    None => (move || i18n.t("status-max-none")).into_any(),
                }}
            </p>
            {match step.due {
                DueMoment::At(_) => Some(view! {
                    <p class="status-step__due">
                        {move || i18n.t("status-step-due")} " "
                        <DueText due=step.due id=format!("step-{i}-due") />
                    </p>
                }.into_any()),
                DueMoment::Unknown(_) => Some(view! {
                    <p class="status-step__due">
                        <DueText due=step.due id=format!("step-{i}-due") />
                    </p>
                }.into_any()),
                DueMoment::NotSet => None,
            }}
            {step.done_at.map(|at| view! {
                <p class="status-step__done">
                    {move || i18n.t("status-step-done-at")} " "
                    <time id=format!("step-{i}-done") datetime=machine_time(at)>
                        {move || format_moment(i18n.lang.get(), at)}
                    </time>
                </p>
            })}
            {move || overdue.get().then(|| view! {
                <strong class="overdue status-step__overdue">{i18n.t("status-step-overdue")}</strong>
            })}
        </li>
    }
}
