//! `GET /api/v1/applications/{reference}/result.pdf`: the result document an application was
//! issued, as one A4 page laid out like the printed one — the provider at the top, the title,
//! numbered fields and the head's signature block.
//!
//! Written with krilla (the typst authors' PDF writer): it subsets and embeds DejaVu Sans, which
//! covers Kazakh and Russian Cyrillic (ә ғ қ ң ө ұ ү һ і), with ToUnicode maps, so the text of the
//! PDF can be searched and copied. Every label comes from `locales/` (the app's own messages,
//! through `egov_domain::l10n`), and dates are formatted by the same code as on screen.

use crate::problem::ApiError;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use egov_domain::api::{
    problem_code, ApplicationRecord, Problem, ResultDocument, ResultDocumentKind,
};
use egov_domain::catalogue::ResultId;
use egov_domain::l10n::{format_date_string, format_moment, translate};
use egov_domain::{Catalogue, Lang};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use serde::Deserialize;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub(crate) static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Deserialize)]
pub struct PdfQuery {
    /// `kk`, `ru` or `en`; the application's language when absent.
    #[serde(default)]
    lang: Option<Lang>,
}

/// The application's result document as a PDF, to keep.
#[utoipa::path(get, path = egov_domain::api::paths::RESULT_PDF, context_path = egov_domain::api::API_PREFIX, tag = "applications",
    params(
        ("reference" = String, Path, description = "The reference number, e.g. `7K3M-Q9XA-2B4C`"),
        ("lang" = Option<String>, Query, description = "`kk`, `ru` or `en`: the language of the labels; the application's language when absent"),
    ),
    responses(
        (status = 200, description = "One A4 page, sent as an attachment named after the document's number", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`result_not_issued`: the application has no result document (yet, or it was refused)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn result_pdf(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    Query(query): Query<PdfQuery>,
) -> Result<Response, ApiError> {
    let record = crate::applications::stored(&state, &reference).await?;
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
    // Shaping and subsetting the font is CPU work: off the async workers.
    let pdf = tokio::task::spawn_blocking(move || {
        render(&Sheet::of(lang, &record, &document, &catalogue))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            // Personal data: no shared cache keeps it.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        pdf,
    )
        .into_response())
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

// A4 in points, and the page's grid.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
pub(crate) const MARGIN: f32 = 62.0;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const LABEL_WIDTH: f32 = 170.0;
const COLUMN_GAP: f32 = 14.0;
// At most this many lines per block: whatever the input, the document stays on one page.
const MAX_LINES: usize = 5;

pub(crate) fn ink() -> rgb::Color {
    rgb::Color::new(0x0b, 0x0c, 0x0c)
}

pub(crate) fn muted() -> rgb::Color {
    rgb::Color::new(0x50, 0x5a, 0x5f)
}

/// One face: krilla's font to draw with, and its advance widths to measure lines with.
pub(crate) struct Face {
    pub(crate) font: Font,
    metrics: FontRef<'static>,
}

impl Face {
    pub(crate) fn new(data: &'static [u8]) -> Result<Face, String> {
        Ok(Face {
            font: Font::new(data.into(), 0).ok_or("the font does not load")?,
            metrics: FontRef::new(data).map_err(|e| e.to_string())?,
        })
    }

    /// The advance width of `text` at `size` points (no kerning: enough to break lines).
    pub(crate) fn width(&self, size: f32, text: &str) -> f32 {
        let charmap = self.metrics.charmap();
        let metrics = self
            .metrics
            .glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .unwrap_or(0.0)
            })
            .sum()
    }

    /// `text` broken into lines no wider than `width`: at spaces, and inside a word only when
    /// the word alone is wider. More than `max_lines` lines end in "…".
    pub(crate) fn wrap(&self, size: f32, text: &str, width: f32, max_lines: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(size, &candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.width(size, &line) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            let last = lines.last_mut().expect("max_lines > 0");
            while !last.is_empty() && self.width(size, &format!("{last}…")) > width {
                last.pop();
            }
            last.push('…');
        }
        lines
    }
}

pub(crate) fn fill(color: rgb::Color) -> Option<Fill> {
    Some(Fill {
        paint: color.into(),
        ..Fill::default()
    })
}

pub(crate) fn draw(
    surface: &mut Surface,
    face: &Face,
    size: f32,
    x: f32,
    baseline: f32,
    text: &str,
) {
    surface.draw_text(
        Point::from_xy(x, baseline),
        face.font.clone(),
        size,
        text,
        false,
        TextDirection::LeftToRight,
    );
}

pub(crate) fn rule(surface: &mut Surface, y: f32, from: f32, to: f32, width: f32) {
    let mut path = PathBuilder::new();
    path.move_to(from, y);
    path.line_to(to, y);
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: muted().into(),
            width,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
        surface.set_fill(fill(ink()));
    }
}

/// The sheet as a one-page A4 PDF.
pub fn render(sheet: &Sheet) -> Result<Vec<u8>, String> {
    let regular = Face::new(REGULAR)?;
    let bold = Face::new(BOLD)?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} {}", sheet.title, sheet.fields[0].1))
            .language(sheet.lang.tag().to_owned())
            .creator("egov-wizard".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("A4 is a valid size")?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    surface.set_fill(fill(ink()));
    let centred = |face: &Face, size: f32, line: &str| {
        MARGIN + (CONTENT_WIDTH - face.width(size, line)).max(0.0) / 2.0
    };

    // The provider, centred at the top, over a rule.
    let mut y = 56.0;
    for line in bold.wrap(11.0, &sheet.provider, CONTENT_WIDTH, MAX_LINES) {
        y += 15.0;
        draw(
            &mut surface,
            &bold,
            11.0,
            centred(&bold, 11.0, &line),
            y,
            &line,
        );
    }
    y += 12.0;
    rule(&mut surface, y, MARGIN, PAGE_WIDTH - MARGIN, 0.75);

    // The title and, where there is one, the kind of referral.
    y += 48.0;
    for line in bold.wrap(18.0, &sheet.title, CONTENT_WIDTH, 2) {
        draw(
            &mut surface,
            &bold,
            18.0,
            centred(&bold, 18.0, &line),
            y,
            &line,
        );
        y += 22.0;
    }
    if let Some(subtitle) = &sheet.subtitle {
        y += 2.0;
        for line in regular.wrap(12.0, subtitle, CONTENT_WIDTH, 3) {
            draw(
                &mut surface,
                &regular,
                12.0,
                centred(&regular, 12.0, &line),
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
                &mut surface,
                &bold,
                10.5,
                MARGIN,
                top + 15.0 * (i as f32 + 1.0),
                line,
            );
        }
        for (i, line) in value_lines.iter().enumerate() {
            draw(
                &mut surface,
                &regular,
                11.0,
                value_x,
                top + 15.0 * (i as f32 + 1.0),
                line,
            );
        }
        y = top + 15.0 * label_lines.len().max(value_lines.len()) as f32 + 6.0;
        rule(&mut surface, y, MARGIN, PAGE_WIDTH - MARGIN, 0.25);
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
        draw(&mut surface, &bold, 10.0, text_x, y, &line);
    }
    y += 4.0;
    for text in &sheet.signature_lines {
        for line in regular.wrap(10.0, text, block_width, 3) {
            y += 14.0;
            draw(&mut surface, &regular, 10.0, text_x, y, &line);
        }
    }
    y += 6.0;
    let mut bar = PathBuilder::new();
    bar.move_to(block_x, top);
    bar.line_to(block_x, y);
    if let Some(bar) = bar.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: ink().into(),
            width: 2.0,
            ..Stroke::default()
        }));
        surface.draw_path(&bar);
        surface.set_stroke(None);
    }

    // The reference, small at the foot.
    surface.set_fill(fill(muted()));
    let footer = regular.wrap(8.5, &sheet.footer, CONTENT_WIDTH, 1);
    for line in footer {
        draw(
            &mut surface,
            &regular,
            8.5,
            MARGIN,
            PAGE_HEIGHT - 40.0,
            &line,
        );
    }

    surface.finish();
    page.finish();
    document.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face() -> Face {
        Face::new(REGULAR).unwrap()
    }

    #[test]
    fn long_text_wraps_within_the_width_and_stops_at_the_line_limit() {
        let face = face();
        let text = "Коммунальное государственное учреждение «Центр занятости населения» \
                    акимата города Караганды, Қарағанды облысы, Бұқар жырау даңғылы 47";
        let lines = face.wrap(11.0, text, 200.0, 10);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(
            lines.iter().all(|l| face.width(11.0, l) <= 200.0),
            "{lines:?}"
        );
        assert_eq!(
            lines.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );

        let limited = face.wrap(11.0, text, 200.0, 2);
        assert_eq!(limited.len(), 2);
        assert!(limited[1].ends_with('…'));
        assert!(face.width(11.0, &limited[1]) <= 200.0);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken() {
        let face = face();
        let word = "Ә".repeat(60);
        let lines = face.wrap(11.0, &word, 100.0, 20);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| face.width(11.0, l) <= 100.0));
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn kazakh_letters_have_glyphs() {
        let face = face();
        let charmap = face.metrics.charmap();
        for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ".chars() {
            assert!(charmap.map(c).is_some(), "{c}");
        }
    }

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
