//! Documents: each required and conditional document for this service and applicant category,
//! chosen with a button, checked before upload, uploaded with a progress bar, cancellable,
//! retryable, removable with confirmation. Only server ids are kept in the draft.

use crate::api::ApiClient;
use crate::components::error_summary::{message_for, FieldMessage};
use crate::components::page::PageHeading;
use crate::components::regulation::CrossReference;
use crate::draft::Draft;
use crate::flow::{self, Step, StepRules};
use crate::i18n::use_i18n;
use crate::pages::apply::StepShell;
use crate::state::use_wizard;
use crate::upload::{self, Upload};
use egov_domain::catalogue::ServiceView;
use egov_domain::completeness::{gaps, Gap};
use egov_domain::documents::{
    attachments_online, DocumentId, DocumentNeed, DocumentRequirementView, StandardReference,
};
use egov_domain::AttachedDocument;
use fluent_bundle::FluentValue;
use leptos::prelude::*;
use std::rc::Rc;

pub const RULES: StepRules = StepRules {
    slug: "documents",
    fields: &["documents"],
    // Which documents are asked depends on the category: asked once it is known.
    applies: |service, draft| draft.category.is_some() && !needed(service, draft).is_empty(),
    problems,
    answer: Some(|_, draft, _| {
        draft
            .documents
            .iter()
            .map(|a| a.file_name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    }),
    view: |service| view! { <DocumentsStep service /> }.into_any(),
};

/// Documents this applicant attaches online, one row each.
fn needed<'a>(service: &'a ServiceView, draft: &Draft) -> Vec<&'a DocumentRequirementView> {
    attachments_online(service, &flow::profile(draft))
}

fn field_id(row: usize) -> &'static str {
    DOCUMENT_FIELD_IDS[row.min(DOCUMENT_FIELD_IDS.len() - 1)]
}

/// The application's completeness as the server judges it, as far as documents go: a message on
/// the row of each document not attached.
fn problems(service: &ServiceView, draft: &Draft) -> Vec<FieldMessage> {
    let needed = needed(service, draft);
    gaps(
        service,
        &flow::profile(draft),
        draft.result.as_ref(),
        &draft.documents,
    )
    .into_iter()
    .filter_map(|gap| match gap {
        Gap::DocumentMissing(document) => needed
            .iter()
            .position(|n| n.requirement.document == document),
        _ => None,
    })
    .map(|row| FieldMessage::new(field_id(row), "document-required"))
    .collect()
}

/// Field ids of the document rows; the catalogue asks for at most 8 documents per service.
const DOCUMENT_FIELD_IDS: [&str; 12] = [
    "document-0",
    "document-1",
    "document-2",
    "document-3",
    "document-4",
    "document-5",
    "document-6",
    "document-7",
    "document-8",
    "document-9",
    "document-10",
    "document-11",
];

#[derive(Clone, PartialEq)]
enum Transfer {
    Idle,
    Sending,
    Failed {
        key: String,
    },
    /// Asking before removing the upload with this id.
    ConfirmRemove(String),
}

/// Sizes as people read them, in the current language's words for the units.
fn human_size(i18n: crate::i18n::I18n, bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        let mb = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        i18n.t_with("size-mb", &[("size", FluentValue::from(mb))])
    } else {
        let kb = bytes.div_ceil(1024);
        i18n.t_with("size-kb", &[("size", FluentValue::from(kb))])
    }
}

#[component]
fn DocumentUpload(
    index: usize,
    document: DocumentId,
    name: egov_domain::LocalizedText,
    conditional: bool,
    /// Where the regulation only refers to another act's list: that act, named.
    cross_reference: Option<StandardReference>,
    errors: RwSignal<Vec<FieldMessage>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let api = expect_context::<ApiClient>();
    let transfer = RwSignal::new(Transfer::Idle);
    // Apart from `transfer`, so that progress does not rebuild the row (and its Cancel button
    // keeps the focus).
    let progress = RwSignal::new(0.0);
    let in_flight = StoredValue::new_local(None::<Rc<Upload>>);
    let input_id = field_id(index);
    // A cross-reference ("the documents of paragraph 9 of the standard") is several documents:
    // it takes several files; any other document, one.
    let several = cross_reference.is_some();
    let attached = {
        let document = document.clone();
        Memo::new(move |_| {
            wizard.draft.with(|d| {
                d.documents
                    .iter()
                    .filter(|a| a.document == document)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let on_change = {
        let document = document.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            if let Err(key) = upload::precheck(&file) {
                transfer.set(Transfer::Failed { key: key.into() });
                return;
            }
            progress.set(0.0);
            transfer.set(Transfer::Sending);
            let document = document.clone();
            let started = upload::start(
                &api.base,
                &file,
                move |fraction| progress.set(fraction * 100.0),
                move |result| {
                    in_flight.set_value(None);
                    match result {
                        Ok(receipt) => {
                            wizard.draft.update(|d| {
                                if !several {
                                    d.documents.retain(|a| a.document != document);
                                }
                                d.documents.push(AttachedDocument {
                                    document: document.clone(),
                                    upload_id: receipt.id,
                                    file_name: receipt.file_name,
                                    size: receipt.size,
                                    media_type: receipt.media_type,
                                    sha256: receipt.sha256,
                                });
                            });
                            errors.update(|e| e.retain(|m| m.field_id != input_id));
                            transfer.set(Transfer::Idle);
                        }
                        Err(None) => transfer.set(Transfer::Idle),
                        Err(Some(failure)) => transfer.set(Transfer::Failed {
                            key: failure.message_key(),
                        }),
                    }
                },
            );
            match started {
                Ok(upload) => in_flight.set_value(Some(Rc::new(upload))),
                Err(failure) => transfer.set(Transfer::Failed {
                    key: failure.message_key(),
                }),
            }
        }
    };
    let remove = move |upload_id: String| {
        wizard
            .draft
            .update(|d| d.documents.retain(|a| a.upload_id != upload_id));
        transfer.set(Transfer::Idle);
    };
    let error = message_for(errors.into(), input_id);
    // Each change of what the row shows moves the focus to the row's control, so a keyboard
    // user is never left on a button that has gone (not when the page opens: the heading has it).
    Effect::new(move |opened: Option<()>| {
        let control = match (!attached.read().is_empty(), &*transfer.read()) {
            (_, Transfer::ConfirmRemove(_)) => "-remove-yes",
            (_, Transfer::Sending) => "-cancel",
            (true, _) => "-remove",
            _ => "",
        };
        if opened.is_some() {
            crate::dom::focus_later(format!("{input_id}{control}"));
        }
    });
    view! {
        <div class="form-group document" class:form-group--error=move || error.read().is_some() id=format!("{input_id}-group") data-document=document.as_str().to_owned()>
            <h2 class="heading-s" id=format!("{input_id}-name")>
                {move || name.get(i18n.lang.get()).to_owned()}
                {conditional.then(|| view! { " " <span class="tag tag--grey">{move || i18n.t("document-conditional")}</span> })}
            </h2>
            {cross_reference.map(|standard| view! { <CrossReference standard several_files=true /> })}
            {move || error.get().map(|m| view! { <p class="error-message" id=format!("{input_id}-error")>{m}</p> })}
            {move || {
                let files = attached.get();
                let state = transfer.get();
                let listed = files.iter().enumerate().map(|(n, file)| {
                    let suffix = if n == 0 { String::new() } else { format!("-{n}") };
                    let upload_id = file.upload_id.clone();
                    match &state {
                        Transfer::ConfirmRemove(id) if *id == file.upload_id => view! {
                            <div class="inset" role="alertdialog" aria-labelledby=format!("{input_id}-confirm")>
                                <p id=format!("{input_id}-confirm")>{i18n.t_with("document-remove-confirm", &[("name", FluentValue::from(file.file_name.clone()))])}</p>
                                <button type="button" class="button button--warning" id=format!("{input_id}-remove-yes") on:click=move |_| remove(upload_id.clone())>{i18n.t("document-remove-yes")}</button>
                                " "
                                <button type="button" class="button button--secondary" on:click=move |_| transfer.set(Transfer::Idle)>{i18n.t("document-remove-no")}</button>
                            </div>
                        }.into_any(),
                        _ => view! {
                            <p class="document__file" id=format!("{input_id}-file{suffix}")>
                                <span class="document__name">{file.file_name.clone()}</span>
                                ", " {human_size(i18n, file.size)} " "
                                <button type="button" class="link-button" id=format!("{input_id}-remove{suffix}") on:click=move |_| transfer.set(Transfer::ConfirmRemove(upload_id.clone()))>
                                    {i18n.t("document-remove")}
                                </button>
                            </p>
                        }.into_any(),
                    }
                }).collect_view();
                let chooser = match state {
                    Transfer::Sending => Some(view! {
                        <div class="document__progress">
                            <label for=format!("{input_id}-progress")>{i18n.t("document-uploading")}</label>
                            <progress id=format!("{input_id}-progress") max="100" value=move || progress.get().round().to_string()></progress>
                            <button type="button" class="button button--secondary" id=format!("{input_id}-cancel") on:click=move |_| {
                                if let Some(upload) = in_flight.get_value() { upload.abort(); }
                            }>{i18n.t("document-cancel")}</button>
                        </div>
                    }.into_any()),
                    Transfer::ConfirmRemove(_) => None,
                    _ if !files.is_empty() && !several => None,
                    state => Some(view! {
                        {match state {
                            Transfer::Failed { key } => Some(view! { <p class="error-message" id=format!("{input_id}-failed") role="alert">{i18n.t(&key)}</p> }),
                            _ => None,
                        }}
                        <input class="visually-hidden-file" type="file" id=input_id aria-describedby=format!("{input_id}-name {input_id}-error {input_id}-failed") accept=egov_domain::upload_policy::accept_attribute() on:change=on_change.clone() />
                        <label class="button button--secondary file-button" for=input_id>
                            {i18n.t("document-choose")}
                        </label>
                    }.into_any()),
                };
                view! { {listed} {chooser} }
            }}
        </div>
    }
}

#[component]
pub fn DocumentsStep(service: ServiceView) -> impl IntoView {
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let needed: Vec<_> = needed(&service, &wizard.draft.get_untracked())
        .into_iter()
        .cloned()
        .collect();
    let has_errors = super::has_errors(errors);
    let i18n = use_i18n();
    let rows = needed
        .into_iter()
        .enumerate()
        .map(|(index, need)| {
            let conditional = matches!(need.requirement.need, DocumentNeed::Conditional { .. });
            let cross_reference = need.requirement.cross_reference.clone();
            view! { <DocumentUpload index document=need.requirement.document.clone() name=need.name.clone() conditional cross_reference errors /> }
        })
        .collect_view();
    view! {
        <StepShell service step=Step::Documents errors>
            <PageHeading key="documents-heading" has_errors />
            <p class="hint">{move || i18n.t("documents-hint")}</p>
            {rows}
        </StepShell>
    }
}
