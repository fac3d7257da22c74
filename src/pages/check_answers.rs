//! Check your answers: every answer with a Change link that returns here after the change.

use crate::components::page::PageHeading;
use crate::flow::{self, Step};
use crate::i18n::use_i18n;
use crate::pages::paths;
use crate::pages::steps::code;
use crate::state::use_wizard;
use egov_domain::catalogue::ServiceView;
use leptos::prelude::*;

/// One row: the step it belongs to, its label key and its value as shown.
struct Row {
    step: Step,
    id: &'static str,
    label_key: &'static str,
    value: Signal<String>,
}

#[component]
pub fn CheckAnswersPage(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let id = service.id.as_str().to_owned();
    let draft = move || wizard.draft.get();
    let lang = move || i18n.lang.get();
    let text =
        |f: fn(&crate::draft::Draft) -> String| Signal::derive(move || f(&wizard.draft.get()));
    let service_for_result = service.clone();
    let mut rows = vec![
        Row {
            step: Step::Iin,
            id: "answer-iin",
            label_key: "check-iin",
            value: text(|d| {
                d.application(egov_domain::Lang::Kk)
                    .map(|a| a.applicant.iin)
                    .unwrap_or_default()
            }),
        },
        Row {
            step: Step::Name,
            id: "answer-name",
            label_key: "check-name",
            value: text(|d| {
                [d.surname.trim(), d.given_name.trim(), d.patronymic.trim()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        },
        Row {
            step: Step::BirthDate,
            id: "answer-birth-date",
            label_key: "check-birth-date",
            value: Signal::derive(move || {
                let d = draft();
                crate::dates::format_date_string(i18n.lang.get(), &d.birth_date())
            }),
        },
        Row {
            step: Step::Contact,
            id: "answer-contact",
            label_key: "check-contact",
            value: text(|d| {
                let a = d.application(egov_domain::Lang::Kk);
                let phone = a
                    .as_ref()
                    .map(|a| a.applicant.phone.clone())
                    .unwrap_or_default();
                if d.email.trim().is_empty() {
                    phone
                } else {
                    format!("{phone}, {}", d.email.trim())
                }
            }),
        },
        Row {
            step: Step::Address,
            id: "answer-address",
            label_key: "check-address",
            value: text(|d| d.address.trim().to_owned()),
        },
        Row {
            step: Step::Category,
            id: "answer-category",
            label_key: "check-category",
            value: Signal::derive(move || {
                draft()
                    .category
                    .map(|c| i18n.t(&format!("category-{}", code(&c))))
                    .unwrap_or_default()
            }),
        },
    ];
    if flow::applies(Step::Eligibility, &service, &wizard.draft.get_untracked()) {
        let questions = flow::eligibility_questions(&service);
        rows.insert(
            0,
            Row {
                step: Step::Eligibility,
                id: "answer-eligibility",
                label_key: "check-eligibility",
                value: Signal::derive(move || {
                    let d = draft();
                    questions
                        .iter()
                        .map(|f| {
                            format!(
                                "{}: {}",
                                i18n.t(&format!("fact-{}-short", code(f))),
                                if d.facts.contains(f) {
                                    i18n.t("answer-yes")
                                } else {
                                    i18n.t("answer-no")
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
            },
        );
    }
    if flow::applies(Step::Result, &service, &wizard.draft.get_untracked()) {
        rows.push(Row {
            step: Step::Result,
            id: "answer-result",
            label_key: "check-result",
            value: Signal::derive(move || {
                draft()
                    .result
                    .and_then(|r| {
                        service_for_result
                            .result(&r)
                            .map(|r| r.name.get(lang()).to_owned())
                    })
                    .unwrap_or_default()
            }),
        });
    }
    if flow::applies(Step::Documents, &service, &wizard.draft.get_untracked()) {
        rows.push(Row {
            step: Step::Documents,
            id: "answer-documents",
            label_key: "check-documents",
            value: text(|d| {
                d.documents
                    .iter()
                    .map(|a| a.file_name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        });
    }
    let name = service.name.clone();
    let back = flow::previous(Step::Check, &service, &wizard.draft.get_untracked())
        .map(|s| paths::step(&id, s))
        .unwrap_or_else(|| paths::SERVICES.to_owned());
    let rows_view = rows
        .into_iter()
        .map(|row| {
            let href = paths::change(&id, row.step);
            let label_key = row.label_key;
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || i18n.t(label_key)}</dt>
                    <dd class="summary-list__value" id=row.id>{move || row.value.get()}</dd>
                    <dd class="summary-list__actions">
                        <a href=href id=format!("change-{}", row.step.slug())>
                            {move || i18n.t("check-change")}
                            <span class="visually-hidden">" " {move || i18n.t(label_key)}</span>
                        </a>
                    </dd>
                </div>
            }
        })
        .collect_view();
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
