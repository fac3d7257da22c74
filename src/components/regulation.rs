//! The regulation as it is: names with our translations marked, facts with their paragraph, the
//! regulation's source line, where to go and when, and the one documents checklist that the
//! catalogue card, the office page and the visit sheet render.

use crate::i18n::{use_i18n, I18n};
use egov_domain::catalogue::{Ground, GroundKind, SeedRef, ServiceView};
use egov_domain::documents::{DocumentNeed, DocumentRequirementView, StandardReference};
use egov_domain::procedure::{ChannelCondition, ContactFact, OfficeContact, OpeningHours};
use egov_domain::provenance::{LegalStatus, SeedQuote};
use egov_domain::{Catalogue, LocalizedText};
use fluent_bundle::FluentValue;
use leptos::prelude::*;

/// The catalogue's code for a value (`foreigner_with_residence_permit`), as message keys use it.
pub fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A catalogue name in the page's language. Where that wording is ours (a translation, not the
/// regulation's), a visible "(our translation)" follows, which screen readers read too; with
/// `with_original`, the regulation's own wording follows as well, marked with its language.
#[component]
pub fn CatalogueText(text: LocalizedText, #[prop(optional)] with_original: bool) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        let translated = text.is_translation(lang);
        let original = (translated && with_original)
            .then(|| text.original())
            .flatten()
            .filter(|(original_lang, _)| *original_lang != lang)
            .map(|(original_lang, words)| {
                view! {
                    " " <span class="translation-original">
                        {i18n.t("translation-original")} " "
                        <q lang=original_lang.tag()>{words.to_owned()}</q>
                    </span>
                }
            });
        view! {
            {text.get(lang).to_owned()}
            {translated.then(|| view! {
                " " <span class="translation-mark">"(" {i18n.t("translation-mark")} ")"</span>
            })}
            {original}
        }
    }
}

/// The regulation's own words in the regulation's language, marked with `lang`.
#[component]
pub fn Quote(quote: SeedQuote, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! { <q class=class lang=quote.lang.tag()>{quote.text}</q> }
}

/// "(para 8)": the paragraph of the page's regulation that states the fact.
#[component]
pub fn Cite(at: SeedRef) -> impl IntoView {
    let i18n = use_i18n();
    let paragraph = at.paragraph;
    view! {
        <span class="cite">
            "(" {move || i18n.t_with("cite-paragraph", &[("paragraph", FluentValue::from(paragraph.clone()))])} ")"
        </span>
    }
}

/// A date of the catalogue (`YYYY-MM-DD`) as `DD.MM.YYYY`, the way acts are cited.
pub fn act_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [year, month, day] => format!("{day}.{month}.{year}"),
        _ => iso.to_owned(),
    }
}

/// The regulation itself: its act (number and date in the act's words), the region, its legal
/// status as the text states it, and what repealed it.
#[component]
pub fn SourceLine(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let region_name = Catalogue::shared()
        .region(&service.region)
        .map(|r| r.name.clone());
    let regulation = service.regulation.clone();
    let act = regulation.as_ref().and_then(|r| r.act.clone());
    let status = regulation.as_ref().map(|r| r.legal_status);
    let status_wording = regulation
        .as_ref()
        .and_then(|r| r.legal_status_wording.clone());
    let repealed_by = regulation.as_ref().and_then(|r| r.repealed_by.clone());
    let language = regulation.as_ref().map(|r| r.language);
    view! {
        <section class="source-line" aria-labelledby="source-heading" id="source">
            <h2 class="heading-s" id="source-heading">{move || i18n.t("source-heading")}</h2>
            <dl class="source-line__list">
                <dt>{move || i18n.t("source-act")}</dt>
                <dd id="source-act">
                    {match act {
                        Some(act) => view! { <Quote quote=act /> }.into_any(),
                        None => view! { {move || i18n.t("source-act-none")} }.into_any(),
                    }}
                </dd>
                <dt>{move || i18n.t("source-region")}</dt>
                <dd id="source-region">{region_name.map(|name| view! { <CatalogueText text=name /> })}</dd>
                <dt>{move || i18n.t("source-status")}</dt>
                <dd id="source-status">
                    {move || i18n.t(match status {
                        Some(LegalStatus::Repealed) => "source-status-repealed",
                        _ => "source-status-not_stated",
                    })}
                    {status_wording.map(|w| view! { " — " <Quote quote=w /> })}
                </dd>
                {repealed_by.map(|by| view! {
                    <dt>{move || i18n.t("source-repealed-by")}</dt>
                    <dd id="source-repealed-by"><Quote quote=by /></dd>
                })}
                {language.map(|lang| view! {
                    <dt>{move || i18n.t("source-language")}</dt>
                    <dd>{move || i18n.t(&format!("source-language-{}", lang.tag()))}</dd>
                })}
            </dl>
        </section>
    }
}

/// The opening hours in words: "09:00–18:00, break 13:00–14:00, except weekends and holidays".
pub fn hours_text(i18n: I18n, hours: &OpeningHours) -> String {
    let value = |v: &str| FluentValue::from(v.to_owned());
    let times = i18n.t_with(
        "contact-hours-value",
        &[
            ("opens", value(&hours.opens)),
            ("closes", value(&hours.closes)),
            ("breakStarts", value(&hours.break_starts)),
            ("breakEnds", value(&hours.break_ends)),
        ],
    );
    let days = if hours.open_on_days_off {
        i18n.t("contact-hours-every-day")
    } else {
        i18n.t("contact-hours-days")
    };
    format!("{times}, {days}")
}

/// One contact fact as a row of a description list, with its paragraph.
fn contact_row(
    contact: &OfficeContact,
    fact: ContactFact,
    key: &'static str,
    value: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let at = contact.cite(fact).cloned();
    let id = format!("contact-{}", code(&fact));
    view! {
        <dt>{move || i18n.t(key)}</dt>
        <dd id=id>{value} " " {at.map(|at| view! { <Cite at /> })}</dd>
    }
}

/// Every place the regulation names for handing in the application, with what its seed gives
/// about each: address, phone, fax, e-mail, website, hours and the waiting limit, in the
/// regulation's language where it has no other; and where it gives none, the provider named
/// exactly as the regulation names it.
#[component]
pub fn Places(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let provider = service.provider.clone();
    service
        .offline_channels()
        .map(|channel| {
            let kind = code(&channel.kind);
            let condition = channel.availability.map(|c: ChannelCondition| {
                (channel.availability_wording.clone(), code(&c))
            });
            let provider = provider.clone();
            let contact = channel.contact.clone();
            let waiting = channel.waiting_limit.clone();
            let details = match contact {
                Some(contact) => {
                    let address = contact.address.clone();
                    let mut rows = vec![contact_row(
                        &contact,
                        ContactFact::Address,
                        "contact-address",
                        view! { <Quote quote=address /> }.into_any(),
                    )
                    .into_any()];
                    if let Some(phone) = contact.phone.clone() {
                        let href = format!("tel:{}", phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>());
                        rows.push(contact_row(&contact, ContactFact::Phone, "contact-phone", view! { <a href=href>{phone}</a> }.into_any()).into_any());
                    }
                    if let Some(fax) = contact.fax.clone() {
                        rows.push(contact_row(&contact, ContactFact::Fax, "contact-fax", view! { {fax} }.into_any()).into_any());
                    }
                    if let Some(email) = contact.email.clone() {
                        let href = format!("mailto:{email}");
                        rows.push(contact_row(&contact, ContactFact::Email, "contact-email", view! { <a href=href>{email}</a> }.into_any()).into_any());
                    }
                    if let Some(website) = contact.website.clone() {
                        rows.push(contact_row(&contact, ContactFact::Website, "contact-website", { let href = website.clone(); view! { <a href=href>{website}</a> } }.into_any()).into_any());
                    }
                    if let Some(hours) = contact.opening_hours.clone() {
                        rows.push(contact_row(&contact, ContactFact::OpeningHours, "contact-hours", view! { {move || hours_text(i18n, &hours)} }.into_any()).into_any());
                    }
                    if let Some(limit) = waiting {
                        let count = limit.max.value;
                        let at = limit.at.clone();
                        rows.push(view! {
                            <dt>{move || i18n.t("contact-waiting")}</dt>
                            <dd id="contact-waiting">
                                {move || i18n.t_with("contact-waiting-value", &[("count", FluentValue::from(count))])}
                                " " <Cite at />
                            </dd>
                        }.into_any());
                    }
                    view! { <dl class="contact-list">{rows}</dl> }.into_any()
                }
                None => view! { <p class="body no-address">{move || i18n.t("service-no-address")}</p> }.into_any(),
            };
            let provider_cite = service.provider.at.clone();
            view! {
                <section class="place" id=format!("place-{kind}") aria-labelledby=format!("place-{kind}-heading")>
                    <h3 class="heading-s" id=format!("place-{kind}-heading")><CatalogueText text=channel.name.clone() /></h3>
                    {condition.map(|(wording, key)| view! {
                        <p class="body place__condition">
                            {move || i18n.t("channel-condition")} " "
                            {move || i18n.t(&format!("channel-condition-{key}"))}
                            {wording.map(|w| view! { " — " <Quote quote=w.wording /> " " <Cite at=w.at /> })}
                        </p>
                    })}
                    <p class="body place__provider">
                        {move || i18n.t("service-provider")} " "
                        <span class="place__provider-name"><CatalogueText text=provider.name.clone() with_original=true /></span>
                        " " {provider_cite.map(|at| view! { <Cite at /> })}
                    </p>
                    {details}
                </section>
            }
        })
        .collect_view()
}

/// The documents of one list (see `egov_domain::documents::checklist`), each with its condition,
/// the categories it is for, the standard a cross-reference names and its paragraph; with
/// `boxes`, a box to tick, for the visit sheet.
#[component]
pub fn Checklist(
    items: Vec<DocumentRequirementView>,
    #[prop(into)] id: String,
    #[prop(optional)] boxes: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = items
        .into_iter()
        .map(|item| {
            let requirement = item.requirement.clone();
            let condition = match requirement.need {
                DocumentNeed::Conditional { condition } => Some(code(&condition)),
                DocumentNeed::Required => None,
            };
            let categories: Vec<String> = requirement.categories.iter().map(code).collect();
            let cross = requirement.cross_reference.clone();
            let at = requirement.at.clone();
            let document = requirement.document.as_str().to_owned();
            view! {
                <li class="checklist__item" data-document=document>
                    {boxes.then(|| view! { <span class="checklist__box" aria-hidden="true"></span> })}
                    <span class="checklist__name"><CatalogueText text=item.name.clone() /></span>
                    {(!categories.is_empty()).then(|| {
                        let categories = categories.clone();
                        view! {
                            " " <span class="checklist__condition">
                                {move || {
                                    let who = categories.iter().map(|c| i18n.t(&format!("category-{c}"))).collect::<Vec<_>>().join(", ");
                                    i18n.t_with("bring-only-for", &[("who", FluentValue::from(who))])
                                }}
                            </span>
                        }
                    })}
                    {condition.map(|fact| view! {
                        " " <span class="checklist__condition">
                            {move || i18n.t_with("bring-if", &[("condition", FluentValue::from(i18n.t(&format!("fact-{fact}-short"))))])}
                        </span>
                    })}
                    " " {at.map(|at| view! { <Cite at /> })}
                    {cross.map(|standard| view! { <CrossReference standard /> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class=if boxes { "checklist checklist--boxes" } else { "checklist" } id=id>{rows}</ul> }
}

/// A list the regulation only refers to: which paragraph of which standard, approved by which
/// order (number and date), as the seed cites it.
#[component]
pub fn CrossReference(
    standard: StandardReference,
    #[prop(optional)] several_files: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (paragraph, number, date) = (
        standard.paragraph.clone(),
        standard.number.clone(),
        act_date(&standard.date),
    );
    view! {
        <div class="cross-reference">
            <p class="body">
                {move || i18n.t_with("cross-reference", &[
                    ("paragraph", FluentValue::from(paragraph.clone())),
                    ("number", FluentValue::from(number.clone())),
                    ("date", FluentValue::from(date.clone())),
                ])}
            </p>
            <p class="body">{move || i18n.t("cross-reference-standard")} " " <Quote quote=standard.title.clone() /></p>
            <p class="body">{move || i18n.t("cross-reference-approved")} " " <Quote quote=standard.approved_by.clone() /></p>
            {several_files.then(|| view! { <p class="hint">{move || i18n.t("cross-reference-files")}</p> })}
        </div>
    }
}

/// The regulation's grounds for refusal (and its word on suspension), quoted with paragraphs.
#[component]
pub fn Grounds(grounds: Vec<Ground>) -> impl IntoView {
    let i18n = use_i18n();
    (!grounds.is_empty()).then(|| {
        let items = grounds
            .into_iter()
            .map(|ground| {
                let key = format!("ground-{}", code(&ground.kind));
                let class = if ground.kind == GroundKind::Suspension {
                    "ground ground--suspension"
                } else {
                    "ground"
                };
                view! {
                    <li class=class>
                        <strong>{move || i18n.t(&key)} ":"</strong> " "
                        <Quote quote=ground.wording.clone() /> " " <Cite at=ground.at.clone() />
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="grounds-heading" id="grounds">
                <h2 class="heading-m" id="grounds-heading">{move || i18n.t("grounds-heading")}</h2>
                <ul class="list list--bullet">{items}</ul>
            </section>
        }
    })
}
