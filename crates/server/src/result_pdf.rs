//! `GET /api/v1/applications/{reference}/result.pdf`: the result document an application was
//! issued, as one A4 page laid out like the printed one — the provider at the top, the title,
//! numbered fields and the head's signature block.
//!
//! Drawn with `crate::pdf` (krilla, DejaVu Sans, searchable Kazakh and Russian text). Every label comes from `locales/` (the app's own messages,
//! through `egov_domain::l10n`), and dates are formatted by the same code as on screen.

use crate::applications::{ApplicationReference, StoredApplication};
use crate::pdf::{
    self, draw, fill, ink, muted, rule, stroke, Face, Faces, CONTENT_WIDTH, MARGIN, PAGE_HEIGHT,
    PAGE_WIDTH,
};
use crate::problem::{ApiError, NotFound};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use egov_domain::api::{problem_code, ApplicationRecord, ResultDocument, ResultDocumentKind};
use egov_domain::catalogue::ResultId;
use egov_domain::l10n::{format_date_string, format_moment, translate};
use egov_domain::{Catalogue, Lang};
use krilla::geom::PathBuilder;
use krilla::surface::Surface;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct PdfQuery {
    /// `kk`, `ru` or `en`; the application's language when absent.
    #[serde(default)]
    lang: Option<Lang>,
}

/// The application's result document as a PDF, to keep.
#[utoipa::path(get, path = egov_domain::api::paths::RESULT_PDF, context_path = egov_domain::api::API_PREFIX, tag = "applications",
    params(
        ApplicationReference,
        ("lang" = Option<String>, Query, description = "`kk`, `ru` or `en`: the language of the labels; the application's language when absent"),
    ),
    responses(
        (status = 200, description = "One A4 page, sent as an attachment named after the document's number", content_type = "application/pdf", body = Vec<u8>),
        NotFound,
        (status = 409, description = "`result_not_issued`: the application has no result document (yet, or it was refused)"),
    ))]
pub async fn result_pdf(
    State(state): State<AppState>,
    StoredApplication(record): StoredApplication,
    Query(query): Query<PdfQuery>,
) -> Result<Response, ApiError> {
    let Some(document) = record.result.clone() else {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            problem_code::RESULT_NOT_ISSUED,
            "The application has no result document",
        ));
    };
    let lang = query.lang.unwrap_or(record.application.lang);
    let disposition = HeaderValue::from_str(&content_disposition(&document.number))
        .map_err(ApiError::internal)?;
    let catalogue = state.catalogue.clone();
    pdf::attachment(disposition, move || {
        render(&Sheet::of(lang, &record, &document, &catalogue))
    })
    .await
}

/// `attachment` named `<number>.pdf`: the number as is in `filename*` (RFC 6266/8187, UTF-8),
/// and with anything but ASCII letters, digits, `-`, `_` and `.` as `_` in `filename`, for
/// clients that read only that.
pub fn content_disposition(number: &str) -> String {
    let ascii: String = number
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '_',
        })
        .collect();
    // RFC 8187's attr-char: letters, digits and `!#$&+-.^_`|~` stay as they are.
    const ATTR_CHAR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'!')
        .remove(b'#')
        .remove(b'$')
        .remove(b'&')
        .remove(b'+')
        .remove(b'-')
        .remove(b'.')
        .remove(b'^')
        .remove(b'_')
        .remove(b'`')
        .remove(b'|')
        .remove(b'~');
    let encoded = percent_encoding::utf8_percent_encode(number, ATTR_CHAR);
    format!("attachment; filename=\"{ascii}.pdf\"; filename*=UTF-8''{encoded}.pdf")
}

/// What the page says, in one language: every text already localised.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub lang: Lang,
    pub provider: String,
    pub title: String,
    /// The kind of referral, where the catalogue names the result.
    pub subtitle: Option<String>,
    /// (label, value), numbered in this order.
    pub fields: Vec<(String, String)>,
    pub signature_title: String,
    pub signature_lines: Vec<String>,
    /// "Reference number 7K3M-…", small at the foot of the page.
    pub footer: String,
}

impl Sheet {
    pub fn of(
        lang: Lang,
        record: &ApplicationRecord,
        document: &ResultDocument,
        catalogue: &Catalogue,
    ) -> Sheet {
        let t = |key: &str| translate(lang, key, None);
        let application = &record.application;
        let service = catalogue.service_in_region(&application.service, &application.region);
        let subtitle = service.as_ref().and_then(|s| {
            let id = document.result.as_deref()?;
            s.result(&ResultId::new(id))
                .map(|r| r.name.get(lang).to_owned())
        });
        let mut fields = vec![
            (t("resultdoc-number"), document.number.clone()),
            (
                t("resultdoc-date"),
                format_date_string(lang, &document.date),
            ),
        ];
        if let Some(s) = &service {
            fields.push((t("status-service"), s.name.get(lang).to_owned()));
        }
        fields.push((
            t("resultdoc-applicant"),
            format!(
                "{}, {} {}",
                application.applicant.full_name(),
                t("resultdoc-iin"),
                application.applicant.iin
            ),
        ));
        let signature = &document.head_signature;
        Sheet {
            lang,
            provider: document.provider.clone(),
            title: t(match document.kind {
                ResultDocumentKind::Referral => "resultdoc-kind-referral",
                ResultDocumentKind::Notice => "resultdoc-kind-notice",
            }),
            subtitle,
            fields,
            signature_title: t("resultdoc-signature"),
            signature_lines: vec![
                signature.signer_name.clone(),
                format!(
                    "{} {}",
                    t("resultdoc-certificate-serial"),
                    signature.certificate_serial
                ),
                format!(
                    "{} {}",
                    t("resultdoc-signed-at"),
                    format_moment(lang, signature.signed_at)
                ),
            ],
            footer: format!("{} {}", t("status-reference"), record.reference),
        }
    }
}

const LABEL_WIDTH: f32 = 170.0;
const COLUMN_GAP: f32 = 14.0;
// At most this many lines per block: whatever the input, the document stays on one page.
const MAX_LINES: usize = 5;

/// The sheet as a one-page A4 PDF.
pub fn render(sheet: &Sheet) -> Result<Vec<u8>, String> {
    let title = format!("{} {}", sheet.title, sheet.fields[0].1);
    pdf::one_a4_page(title, sheet.lang, |surface, faces| {
        lay_out(sheet, surface, faces)
    })
}

fn lay_out(sheet: &Sheet, surface: &mut Surface, Faces { regular, bold }: &Faces) {
    let centred = |face: &Face, size: f32, line: &str| {
        MARGIN + (CONTENT_WIDTH - face.width(size, line)).max(0.0) / 2.0
    };

    // The provider, centred at the top, over a rule.
    let mut y = 56.0;
    for line in bold.wrap(11.0, &sheet.provider, CONTENT_WIDTH, MAX_LINES) {
        y += 15.0;
        draw(surface, bold, 11.0, centred(bold, 11.0, &line), y, &line);
    }
    y += 12.0;
    rule(surface, y, 0.75);

    // The title and, where there is one, the kind of referral.
    y += 48.0;
    for line in bold.wrap(18.0, &sheet.title, CONTENT_WIDTH, 2) {
        draw(surface, bold, 18.0, centred(bold, 18.0, &line), y, &line);
        y += 22.0;
    }
    if let Some(subtitle) = &sheet.subtitle {
        y += 2.0;
        for line in regular.wrap(12.0, subtitle, CONTENT_WIDTH, 3) {
            draw(
                surface,
                regular,
                12.0,
                centred(regular, 12.0, &line),
                y,
                &line,
            );
            y += 16.0;
        }
    }

    // Numbered fields: the label on the left, the value beside it.
    y += 22.0;
    let value_x = MARGIN + LABEL_WIDTH + COLUMN_GAP;
    let value_width = CONTENT_WIDTH - LABEL_WIDTH - COLUMN_GAP;
    for (n, (label, value)) in sheet.fields.iter().enumerate() {
        let label_lines = bold.wrap(10.5, &format!("{}. {label}", n + 1), LABEL_WIDTH, 3);
        let value_lines = regular.wrap(11.0, value, value_width, MAX_LINES);
        let top = y;
        for (i, line) in label_lines.iter().enumerate() {
            draw(
                surface,
                bold,
                10.5,
                MARGIN,
                top + 15.0 * (i as f32 + 1.0),
                line,
            );
        }
        for (i, line) in value_lines.iter().enumerate() {
            draw(
                surface,
                regular,
                11.0,
                value_x,
                top + 15.0 * (i as f32 + 1.0),
                line,
            );
        }
        y = top + 15.0 * label_lines.len().max(value_lines.len()) as f32 + 6.0;
        rule(surface, y, 0.25);
        y += 4.0;
    }

    // The head's signature: a block on the right half, ruled on its left like a stamp's field.
    y += 40.0;
    let block_x = MARGIN + CONTENT_WIDTH * 0.45;
    let text_x = block_x + 12.0;
    let block_width = PAGE_WIDTH - MARGIN - text_x;
    let top = y;
    for line in bold.wrap(10.0, &sheet.signature_title, block_width, 3) {
        y += 14.0;
        draw(surface, bold, 10.0, text_x, y, &line);
    }
    y += 4.0;
    for text in &sheet.signature_lines {
        for line in regular.wrap(10.0, text, block_width, 3) {
            y += 14.0;
            draw(surface, regular, 10.0, text_x, y, &line);
        }
    }
    y += 6.0;
    let mut bar = PathBuilder::new();
    bar.move_to(block_x, top);
    bar.line_to(block_x, y);
    stroke(surface, bar, ink(), 2.0);

    // The reference, small at the foot.
    surface.set_fill(fill(muted()));
    let footer = regular.wrap(8.5, &sheet.footer, CONTENT_WIDTH, 1);
    for line in footer {
        draw(surface, regular, 8.5, MARGIN, PAGE_HEIGHT - 40.0, &line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_keeps_the_number() {
        assert_eq!(
            content_disposition("NP-2026-17"),
            "attachment; filename=\"NP-2026-17.pdf\"; filename*=UTF-8''NP-2026-17.pdf"
        );
        assert_eq!(
            content_disposition("ЖН-1"),
            "attachment; filename=\"__-1.pdf\"; filename*=UTF-8''%D0%96%D0%9D-1.pdf"
        );
    }
}
