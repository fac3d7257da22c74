//! `POST /api/v1/services/{id}/visit-sheet.pdf`: the visit sheet of a service, one A4 page to
//! take to the office — the service, where and when to go, the documents for this applicant with
//! boxes to tick, the regulation's deadline and, if the person typed them, their name and IIN.
//!
//! Drawn with the result document's PDF code (`crate::pdf`: krilla, DejaVu Sans, the same
//! line wrapping), its texts from `locales/` and its documents from
//! `egov_domain::documents::checklist`, the list the app shows. The name and IIN come in the
//! request body (a plain form post from the app) and go only into the PDF: nothing is stored
//! or logged.

use crate::pdf::{
    self, draw, fill, ink, muted, rule, stroke, Faces, CONTENT_WIDTH, MARGIN, PAGE_HEIGHT,
};
use crate::problem::ApiError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;
use egov_domain::api::problem_code;
use egov_domain::catalogue::{SeedRef, ServiceView};
use egov_domain::documents::{checklist, DocumentNeed};
use egov_domain::l10n::{duration_text, translate, translate_with};
use egov_domain::procedure::{ContactFact, OfficeContact};
use egov_domain::profile::{ApplicantCategory, ApplicantFact};
use egov_domain::{ApplicantProfile, Catalogue, Lang, LocalizedText, RegionId, ServiceId};
use krilla::geom::PathBuilder;
use krilla::surface::Surface;
use serde::Deserialize;

/// The form the service page posts: who applies (as on the page), and the name and IIN the
/// person may have typed.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct VisitSheetRequest {
    /// A region id from `GET /api/v1/regions`.
    pub region: String,
    /// `kk`, `ru` or `en`; Kazakh when absent.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// `citizen` (default), `foreigner_with_residence_permit`, `stateless_person`, `kandas`.
    #[serde(default)]
    pub category: Option<String>,
    /// Facts about the applicant that documents depend on, comma-separated (e.g.
    /// `has_qualification,first_job_seeker_without_profession`).
    #[serde(default)]
    pub facts: Option<String>,
    /// Printed on the sheet only; never stored.
    #[serde(default)]
    pub name: Option<String>,
    /// Printed on the sheet only; never stored.
    #[serde(default)]
    pub iin: Option<String>,
}

/// The service's visit sheet for this applicant as a one-page A4 PDF.
#[utoipa::path(post, path = egov_domain::api::paths::VISIT_SHEET, context_path = egov_domain::api::API_PREFIX, tag = "catalogue",
    params(("id" = String, Path, description = "Service id")),
    request_body(content = VisitSheetRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "One A4 page, sent as an attachment; not stored", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, description = "`unknown_service`, `unknown_region`, `service_not_in_region`"),
        (status = 422, description = "`malformed_body`: the form is not understood, or `category` or `facts` names no category or fact of the catalogue"),
    ))]
pub async fn visit_sheet_pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(request): Form<VisitSheetRequest>,
) -> Result<Response, ApiError> {
    let catalogue = state.catalogue.clone();
    let service = resolve(&catalogue, &id, &request.region)?;
    let profile = profile(&request)?;
    let lang = request.lang.unwrap_or_default();
    let applicant = applicant_line(lang, request.name.as_deref(), request.iin.as_deref());
    let file_name = format!("attachment; filename=\"{}.pdf\"", service.id.as_str());
    let disposition = HeaderValue::from_str(&file_name).map_err(ApiError::internal)?;
    pdf::attachment(disposition, move || {
        render(&VisitSheet::of(lang, &service, &profile, applicant))
    })
    .await
}

fn resolve(catalogue: &Catalogue, id: &str, region: &str) -> Result<ServiceView, ApiError> {
    let not_found = |code: &str, title: &str| ApiError::new(StatusCode::NOT_FOUND, code, title);
    let id = ServiceId::new(id);
    if catalogue.service(&id).is_none() {
        return Err(not_found(problem_code::UNKNOWN_SERVICE, "No such service"));
    }
    let region = RegionId::new(region);
    if catalogue.region(&region).is_none() {
        return Err(not_found(problem_code::UNKNOWN_REGION, "No such region"));
    }
    catalogue.service_in_region(&id, &region).ok_or_else(|| {
        not_found(
            problem_code::SERVICE_NOT_IN_REGION,
            "This region's regulations do not describe this service",
        )
    })
}

fn profile(request: &VisitSheetRequest) -> Result<ApplicantProfile, ApiError> {
    let invalid = |field: &str| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_code::MALFORMED_BODY,
            &format!("`{field}` is not a category or fact of the catalogue"),
        )
    };
    let category: ApplicantCategory = match request.category.as_deref() {
        None | Some("") => ApplicantCategory::Citizen,
        Some(code) => parse(code).ok_or_else(|| invalid("category"))?,
    };
    let mut profile = ApplicantProfile::new(category);
    for code in request
        .facts
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let fact: ApplicantFact = parse(code).ok_or_else(|| invalid("facts"))?;
        profile = profile.with(fact);
    }
    Ok(profile)
}

/// A catalogue code (`kandas`, `has_qualification`) as its enum.
fn parse<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

fn applicant_line(lang: Lang, name: Option<&str>, iin: Option<&str>) -> Option<String> {
    // At most what fits a line: this is a label for a sheet, not a record.
    let clean = |s: Option<&str>| {
        s.map(|s| s.trim().chars().take(120).collect::<String>())
            .filter(|s| !s.is_empty())
    };
    let (name, iin) = (clean(name), clean(iin));
    if name.is_none() && iin.is_none() {
        return None;
    }
    let t = |key: &str| translate(lang, key, None);
    let mut line = format!("{}: {}", t("visit-applicant"), name.unwrap_or_default());
    if let Some(iin) = iin {
        line.push_str(&format!(", {} {iin}", t("visit-iin-label")));
    }
    Some(line)
}

/// One block of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(String),
    Subheading(String),
    Text(String),
    /// A document, with a box to tick.
    Item(String),
    /// Small print under an item (the standard a cross-reference names).
    Note(String),
}

/// What the sheet says, in one language: every text already localised.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitSheet {
    pub lang: Lang,
    pub title: String,
    pub service: String,
    pub applicant: Option<String>,
    pub blocks: Vec<Block>,
    /// The regulation (act and legal status), small at the foot.
    pub footer: String,
}

fn with_args(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    translate_with(lang, key, args)
}

/// The name in `lang`, followed by "(our translation)" where the wording is ours.
fn name_in(lang: Lang, text: &LocalizedText) -> String {
    if text.is_translation(lang) {
        format!(
            "{} ({})",
            text.get(lang),
            translate(lang, "translation-mark", None)
        )
    } else {
        text.get(lang).to_owned()
    }
}

fn cite(lang: Lang, at: Option<&SeedRef>) -> String {
    at.map(|at| {
        format!(
            " ({})",
            with_args(
                lang,
                "cite-paragraph",
                &[("paragraph", at.paragraph.clone())]
            )
        )
    })
    .unwrap_or_default()
}

fn act_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [year, month, day] => format!("{day}.{month}.{year}"),
        _ => iso.to_owned(),
    }
}

fn contact_blocks(lang: Lang, contact: &OfficeContact, blocks: &mut Vec<Block>) {
    let t = |key: &str| translate(lang, key, None);
    let row = |key: &str, value: &str, fact: ContactFact| {
        Block::Text(format!(
            "{}: {value}{}",
            t(key),
            cite(lang, contact.cite(fact))
        ))
    };
    blocks.push(row(
        "contact-address",
        &contact.address.text,
        ContactFact::Address,
    ));
    if let Some(phone) = &contact.phone {
        blocks.push(row("contact-phone", phone, ContactFact::Phone));
    }
    if let Some(fax) = &contact.fax {
        blocks.push(row("contact-fax", fax, ContactFact::Fax));
    }
    if let Some(email) = &contact.email {
        blocks.push(row("contact-email", email, ContactFact::Email));
    }
    if let Some(website) = &contact.website {
        blocks.push(row("contact-website", website, ContactFact::Website));
    }
    if let Some(hours) = &contact.opening_hours {
        let times = with_args(
            lang,
            "contact-hours-value",
            &[
                ("opens", hours.opens.clone()),
                ("closes", hours.closes.clone()),
                ("breakStarts", hours.break_starts.clone()),
                ("breakEnds", hours.break_ends.clone()),
            ],
        );
        let days = t(if hours.open_on_days_off {
            "contact-hours-every-day"
        } else {
            "contact-hours-days"
        });
        blocks.push(row(
            "contact-hours",
            &format!("{times}, {days}"),
            ContactFact::OpeningHours,
        ));
    }
}

impl VisitSheet {
    pub fn of(
        lang: Lang,
        service: &ServiceView,
        profile: &ApplicantProfile,
        applicant: Option<String>,
    ) -> VisitSheet {
        let t = |key: &str| translate(lang, key, None);
        let mut blocks = vec![Block::Heading(t("service-where-heading"))];
        for channel in service.offline_channels() {
            blocks.push(Block::Subheading(name_in(lang, &channel.name)));
            if let Some(condition) = channel.availability {
                blocks.push(Block::Text(format!(
                    "{} {}",
                    t("channel-condition"),
                    t(&format!("channel-condition-{}", code(&condition)))
                )));
            }
            blocks.push(Block::Text(format!(
                "{} {}{}",
                t("service-provider"),
                name_in(lang, &service.provider.name),
                cite(lang, service.provider.at.as_ref())
            )));
            match &channel.contact {
                Some(contact) => contact_blocks(lang, contact, &mut blocks),
                None => blocks.push(Block::Text(t("service-no-address"))),
            }
            if let Some(limit) = &channel.waiting_limit {
                blocks.push(Block::Text(format!(
                    "{}: {}{}",
                    t("contact-waiting"),
                    with_args(
                        lang,
                        "contact-waiting-value",
                        &[("count", limit.max.value.to_string())]
                    ),
                    cite(lang, Some(&limit.at))
                )));
            }
        }
        blocks.push(Block::Heading(t("bring-heading")));
        // Where every place asks the same, one list; otherwise one per place.
        let lists: Vec<_> = service
            .offline_channels()
            .map(|c| (c, checklist(service, c.kind, Some(profile))))
            .collect();
        let all_same = lists.windows(2).all(|w| w[0].1 == w[1].1);
        for (channel, items) in lists.iter().take(if all_same { 1 } else { usize::MAX }) {
            if !all_same {
                blocks.push(Block::Subheading(name_in(lang, &channel.name)));
            }
            for item in items {
                let requirement = &item.requirement;
                let mut text = name_in(lang, &item.name);
                if let DocumentNeed::Conditional { condition } = requirement.need {
                    let short = t(&format!("fact-{}-short", code(&condition)));
                    text.push_str(&format!(
                        " — {}",
                        with_args(lang, "bring-if", &[("condition", short)])
                    ));
                }
                if !requirement.categories.is_empty() {
                    let who = requirement
                        .categories
                        .iter()
                        .map(|c| t(&format!("category-{}", code(c))))
                        .collect::<Vec<_>>()
                        .join(", ");
                    text.push_str(&format!(
                        " — {}",
                        with_args(lang, "bring-only-for", &[("who", who)])
                    ));
                }
                text.push_str(&cite(lang, requirement.at.as_ref()));
                blocks.push(Block::Item(text));
                if let Some(standard) = &requirement.cross_reference {
                    blocks.push(Block::Note(with_args(
                        lang,
                        "cross-reference",
                        &[
                            ("paragraph", standard.paragraph.clone()),
                            ("number", standard.number.clone()),
                            ("date", act_date(&standard.date)),
                        ],
                    )));
                    blocks.push(Block::Note(format!(
                        "{} «{}», {} {}",
                        t("cross-reference-standard"),
                        standard.title.text,
                        t("cross-reference-approved"),
                        standard.approved_by.text
                    )));
                }
            }
        }
        blocks.push(Block::Heading(t("visit-deadline")));
        blocks.push(Block::Text(
            duration_text(lang, service).unwrap_or_else(|| t("deadline-not-given")),
        ));
        let regulation = service.regulation.as_ref();
        let act = regulation
            .and_then(|r| r.act.as_ref())
            .map(|a| a.text.clone())
            .unwrap_or_else(|| t("source-act-none"));
        let status = t(match regulation.map(|r| r.legal_status) {
            Some(egov_domain::provenance::LegalStatus::Repealed) => "source-status-repealed",
            _ => "source-status-not_stated",
        });
        VisitSheet {
            lang,
            title: t("visit-heading"),
            service: name_in(lang, &service.name),
            applicant,
            blocks,
            footer: format!("{} {act}. {} {status}", t("source-act"), t("source-status")),
        }
    }
}

/// A catalogue enum as its wire code (`foreigner_with_residence_permit`), for message keys.
fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

// The lowest a line may sit: below it the footer.
const BOTTOM: f32 = PAGE_HEIGHT - 64.0;

/// The sheet as a one-page A4 PDF. Whatever the input, it stays on one page: a block that
/// would run past the foot ends the list with "…".
pub fn render(sheet: &VisitSheet) -> Result<Vec<u8>, String> {
    let title = format!("{} — {}", sheet.title, sheet.service);
    pdf::one_a4_page(title, sheet.lang, |surface, faces| {
        lay_out(sheet, surface, faces)
    })
}

fn lay_out(sheet: &VisitSheet, surface: &mut Surface, Faces { regular, bold }: &Faces) {
    let mut y = 40.0;
    for line in bold.wrap(16.0, &sheet.title, CONTENT_WIDTH, 1) {
        y += 18.0;
        draw(surface, bold, 16.0, MARGIN, y, &line);
    }
    for line in bold.wrap(12.0, &sheet.service, CONTENT_WIDTH, 3) {
        y += 16.0;
        draw(surface, bold, 12.0, MARGIN, y, &line);
    }
    if let Some(applicant) = &sheet.applicant {
        for line in regular.wrap(10.5, applicant, CONTENT_WIDTH, 2) {
            y += 15.0;
            draw(surface, regular, 10.5, MARGIN, y, &line);
        }
    }
    y += 8.0;
    rule(surface, y, 0.75);

    let box_size = 8.0;
    let item_x = MARGIN + box_size + 8.0;
    'blocks: for block in &sheet.blocks {
        let (face, size, x, width, gap, max_lines, leading) = match block {
            Block::Heading(_) => (bold, 11.5, MARGIN, CONTENT_WIDTH, 12.0, 2, 14.0),
            Block::Subheading(_) => (bold, 10.0, MARGIN, CONTENT_WIDTH, 5.0, 2, 12.5),
            Block::Text(_) => (regular, 9.5, MARGIN, CONTENT_WIDTH, 1.0, 4, 12.0),
            Block::Item(_) => (
                regular,
                9.5,
                item_x,
                CONTENT_WIDTH - (item_x - MARGIN),
                4.0,
                4,
                12.0,
            ),
            Block::Note(_) => (
                regular,
                8.0,
                item_x,
                CONTENT_WIDTH - (item_x - MARGIN),
                1.0,
                4,
                10.0,
            ),
        };
        let text = match block {
            Block::Heading(t)
            | Block::Subheading(t)
            | Block::Text(t)
            | Block::Item(t)
            | Block::Note(t) => t,
        };
        let lines = face.wrap(size, text, width, max_lines);
        if y + gap + leading * lines.len() as f32 > BOTTOM {
            y += leading;
            draw(surface, regular, 9.5, MARGIN, y.min(BOTTOM), "…");
            break 'blocks;
        }
        y += gap;
        if matches!(block, Block::Note(_)) {
            surface.set_fill(fill(muted()));
        }
        for (i, line) in lines.iter().enumerate() {
            y += leading;
            if i == 0 && matches!(block, Block::Item(_)) {
                checkbox(surface, MARGIN, y - box_size, box_size);
            }
            draw(surface, face, size, x, y, line);
        }
        surface.set_fill(fill(ink()));
    }

    surface.set_fill(fill(muted()));
    let mut footer_y = PAGE_HEIGHT - 50.0;
    for line in regular.wrap(7.5, &sheet.footer, CONTENT_WIDTH, 3) {
        draw(surface, regular, 7.5, MARGIN, footer_y, &line);
        footer_y += 9.5;
    }
}

/// An empty square to tick by hand.
fn checkbox(surface: &mut Surface, x: f32, top: f32, size: f32) {
    let mut path = PathBuilder::new();
    path.move_to(x, top);
    path.line_to(x + size, top);
    path.line_to(x + size, top + size);
    path.line_to(x, top + size);
    path.close();
    stroke(surface, path, ink(), 0.9);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aktogay() -> ServiceView {
        Catalogue::shared()
            .service_in_region(
                &ServiceId::new("active_employment_referral"),
                &RegionId::new("karaganda_aktogay"),
            )
            .unwrap()
    }

    #[test]
    fn a_foreigner_s_sheet_lists_the_residence_permit() {
        let profile = ApplicantProfile::new(ApplicantCategory::ForeignerWithResidencePermit);
        let sheet = VisitSheet::of(Lang::Ru, &aktogay(), &profile, None);
        let items: Vec<_> = sheet
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            items.iter().any(|i| i.contains("вид на жительство")),
            "{items:?}"
        );
        let citizen = VisitSheet::of(
            Lang::Ru,
            &aktogay(),
            &ApplicantProfile::new(ApplicantCategory::Citizen),
            None,
        );
        assert!(!format!("{:?}", citizen.blocks).contains("вид на жительство"));
    }

    #[test]
    fn the_applicant_line_only_when_typed() {
        assert_eq!(applicant_line(Lang::Ru, Some("  "), None), None);
        assert_eq!(
            applicant_line(Lang::Ru, Some("Иванов Иван"), Some("900101300123")).unwrap(),
            "Заявитель: Иванов Иван, ИИН 900101300123"
        );
    }
}
