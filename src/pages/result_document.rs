//! What the provider issued: the result document, to read, print (one A4 page: see the print
//! section of `style/main.css`) and save; or a refusal with its grounds and what to do next.

use crate::api::ApiClient;
use crate::dates::{format_date_string, format_moment};
use crate::i18n::use_i18n;
use egov_domain::api::{ResultDocument, ResultDocumentKind};
use egov_domain::catalogue::ResultId;
use egov_domain::{Applicant, Catalogue, LocalizedText, RegionId, ServiceId};
use leptos::prelude::*;

fn kind_key(kind: ResultDocumentKind) -> &'static str {
    match kind {
        ResultDocumentKind::Referral => "resultdoc-kind-referral",
        ResultDocumentKind::Notice => "resultdoc-kind-notice",
    }
}

#[component]
pub fn ResultDocumentView(
    document: ResultDocument,
    service_id: ServiceId,
    region: RegionId,
    applicant: Applicant,
    /// The application's reference: the server renders the PDF of its result document.
    reference: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let service = Catalogue::shared().service_in_region(&service_id, &region);
    // The catalogue's name of the result (the kind of referral), where the server names it.
    let result_name: Option<LocalizedText> = service.as_ref().and_then(|s| {
        let id = document.result.as_deref()?;
        s.result(&ResultId::new(id)).map(|r| r.name.clone())
    });
    let service_name = service.as_ref().map(|s| s.name.clone());
    let kind = kind_key(document.kind);
    let name = applicant.full_name();
    let iin = applicant.iin.clone();
    let signature = document.head_signature.clone();
    let signed_at = signature.signed_at;
    let date = document.date.clone();
    // The PDF copy is the server's: one A4 page laid out like the printed one, in the current
    // language. A link, so it also works from an embedded widget on another origin (the
    // server's `Content-Disposition` names the file there, where `download` is ignored).
    let pdf_url = move || api.result_pdf_url(&reference, i18n.lang.get());
    let file_name = format!("{}.pdf", document.number);
    view! {
        <section class="result-section" aria-labelledby="result-heading">
            <h2 class="heading-m status-page__screen" id="result-heading">{move || i18n.t("resultdoc-heading")}</h2>
            <article class="result-document" id="result-document" data-kind=kind>
                <header class="result-document__header">
                    <p class="result-document__provider" id="result-provider">{document.provider.clone()}</p>
                    <h3 class="result-document__title" id="result-kind">{move || i18n.t(kind)}</h3>
                    {result_name.clone().map(|r| view! {
                        <p class="result-document__subtitle" id="result-name">{move || r.get(i18n.lang.get()).to_owned()}</p>
                    })}
                </header>
                <dl class="result-document__fields">
                    <dt>{move || i18n.t("resultdoc-number")}</dt>
                    <dd id="result-number">{document.number.clone()}</dd>
                    <dt>{move || i18n.t("resultdoc-date")}</dt>
                    <dd id="result-date">{move || format_date_string(i18n.lang.get(), &date)}</dd>
                    {service_name.map(|s| view! {
                        <dt>{move || i18n.t("status-service")}</dt>
                        <dd id="result-service">{move || s.get(i18n.lang.get()).to_owned()}</dd>
                    })}
                    <dt>{move || i18n.t("resultdoc-applicant")}</dt>
                    <dd id="result-applicant">{name} ", " {move || i18n.t("resultdoc-iin")} " " {iin}</dd>
                </dl>
                <div class="result-document__signature" id="result-signature">
                    <p class="result-document__signature-title">{move || i18n.t("resultdoc-signature")}</p>
                    <p>{signature.signer_name.clone()}</p>
                    <p>{move || i18n.t("resultdoc-certificate-serial")} " " {signature.certificate_serial.clone()}</p>
                    <p>{move || i18n.t("resultdoc-signed-at")} " " {move || format_moment(i18n.lang.get(), signed_at)}</p>
                </div>
            </article>
            <div class="result-actions status-page__screen">
                <button type="button" class="button" id="print-result" on:click=move |_| { let _ = window().print(); }>
                    {move || i18n.t("resultdoc-print")}
                </button>
                " "
                <a class="button button--secondary" id="save-result" download=file_name href=pdf_url>
                    {move || i18n.t("resultdoc-save")}
                </a>
            </div>
        </section>
    }
}

#[component]
pub fn RefusalNotice(grounds: String, provider: Option<LocalizedText>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="refusal status-page__screen" id="refusal" aria-labelledby="refusal-heading">
            <h2 class="heading-m" id="refusal-heading">{move || i18n.t("refusal-heading")}</h2>
            {provider.map(|p| view! {
                <p class="body">{move || i18n.t("refusal-by")} " " {move || p.get(i18n.lang.get()).to_owned()}</p>
            })}
            <p class="body">{move || i18n.t("refusal-grounds-label")}</p>
            <blockquote class="refusal__grounds" id="refusal-grounds">{grounds}</blockquote>
            <h3 class="heading-s">{move || i18n.t("refusal-next-heading")}</h3>
            <ul class="list list--bullet" id="refusal-next">
                <li>{move || i18n.t("refusal-next-fix")}</li>
            </ul>
            <p class="body">
                <a href=crate::routes::paths::SERVICES>{move || i18n.t("refusal-apply-again")}</a>
            </p>
        </section>
    }
}
