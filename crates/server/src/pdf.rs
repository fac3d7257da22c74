//! The one-page A4 PDFs the server hands out (the result document, the visit sheet): the page,
//! the fonts, line wrapping, rules, and the attachment they are sent as.
//!
//! Written with krilla (the typst authors' PDF writer): it subsets and embeds DejaVu Sans, which
//! covers Kazakh and Russian Cyrillic (ә ғ қ ң ө ұ ү һ і), with ToUnicode maps, so the text of a
//! PDF can be searched and copied.

use crate::problem::ApiError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use egov_domain::Lang;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

// A4 in points, and the page's grid.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
pub(crate) const MARGIN: f32 = 62.0;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

pub(crate) fn ink() -> rgb::Color {
    rgb::Color::new(0x0b, 0x0c, 0x0c)
}

pub(crate) fn muted() -> rgb::Color {
    rgb::Color::new(0x50, 0x5a, 0x5f)
}

/// One face: krilla's font to draw with, and its advance widths to measure lines with.
pub(crate) struct Face {
    font: Font,
    metrics: FontRef<'static>,
}

impl Face {
    fn new(data: &'static [u8]) -> Result<Face, String> {
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

/// The two faces every page writes with.
pub(crate) struct Faces {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Faces {
    fn load() -> Result<Faces, String> {
        Ok(Faces {
            regular: Face::new(REGULAR)?,
            bold: Face::new(BOLD)?,
        })
    }
}

/// A one-page A4 PDF titled `title` in `lang`, drawn by `draw` on a surface that fills in ink.
pub(crate) fn one_a4_page(
    title: String,
    lang: Lang,
    draw: impl FnOnce(&mut Surface, &Faces),
) -> Result<Vec<u8>, String> {
    let faces = Faces::load()?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title)
            .language(lang.tag().to_owned())
            .creator("egov-wizard".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("A4 is a valid size")?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    surface.set_fill(fill(ink()));
    draw(&mut surface, &faces);
    surface.finish();
    page.finish();
    document.finish().map_err(|e| format!("{e:?}"))
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

/// Strokes `path` in `color`, and leaves the fill in ink for the text that follows.
pub(crate) fn stroke(surface: &mut Surface, path: PathBuilder, color: rgb::Color, width: f32) {
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: color.into(),
            width,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
        surface.set_fill(fill(ink()));
    }
}

/// A horizontal rule across the page's content, at `y`.
pub(crate) fn rule(surface: &mut Surface, y: f32, width: f32) {
    let mut path = PathBuilder::new();
    path.move_to(MARGIN, y);
    path.line_to(PAGE_WIDTH - MARGIN, y);
    stroke(surface, path, muted(), width);
}

/// Renders off the async workers (shaping and subsetting fonts is CPU work) and answers with
/// the PDF as an attachment.
pub(crate) async fn attachment(
    disposition: HeaderValue,
    render: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
) -> Result<Response, ApiError> {
    let pdf = tokio::task::spawn_blocking(render)
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
            // Personal data (a result, or the name and IIN typed for a visit): no cache keeps it.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        pdf,
    )
        .into_response())
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
}
