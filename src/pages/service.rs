//! `/services/{id}?region=…`: one service as its region's regulation describes it — where to go
//! and when, what to bring for who you are, the regulation as it is (act, status, grounds), and
//! a visit sheet to print or to download as a PDF. A link to it works from a fresh profile: the
//! region comes from the query (or is asked, and the person comes back here).

use crate::api::ApiClient;
use crate::components::regulation::{code, CatalogueText, Checklist, Grounds, Places, SourceLine};
use crate::i18n::use_i18n;
use crate::nav::{use_params_map, use_query_map, Redirect};
use crate::pages::catalogue::deadline_text;
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::catalogue::ServiceView;
use egov_domain::documents::{checklist, DocumentNeed};
use egov_domain::eligibility::EligibilityRule;
use egov_domain::profile::{ApplicantCategory, ApplicantFact};
use egov_domain::{ApplicantProfile, Catalogue, RegionId, ServiceId};
use fluent_bundle::FluentValue;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Where a deep link stands with its region.
pub enum LinkRegion {
    Known(RegionId),
    /// No region in the link and none chosen before: ask, then come back.
    Ask,
    Unknown(String),
}

/// The region of a deep link: `?region=` when it names one (and it becomes the person's
/// choice), otherwise the one chosen before.
pub fn link_region(query: Option<String>) -> LinkRegion {
    let wizard = use_wizard();
    match query.filter(|r| !r.is_empty()) {
        Some(asked) => {
            let id = RegionId::new(asked.clone());
            if Catalogue::shared().region(&id).is_none() {
                return LinkRegion::Unknown(asked);
            }
            if wizard.region.get_untracked().as_ref() != Some(&id) {
                wizard.set_region(id.clone());
            }
            LinkRegion::Known(id)
        }
        None => match wizard.region.get_untracked() {
            Some(region) => LinkRegion::Known(region),
            None => LinkRegion::Ask,
        },
    }
}

/// Why a deep link cannot be shown, in a page of its own with the way on.
#[component]
pub fn LinkProblem(
    heading: &'static str,
    body: &'static str,
    arg: (&'static str, String),
    #[prop(optional)] choose_region: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        crate::dom::set_title(&format!("{} – {}", i18n.t(heading), i18n.t("app-title")))
    });
    crate::dom::focus_later(crate::components::page::HEADING_ID);
    let (name, value) = arg;
    view! {
        <h1 class="heading" id="page-heading" tabindex="-1">{move || i18n.t(heading)}</h1>
        <p class="body" id="link-problem">{move || i18n.t_with(body, &[(name, FluentValue::from(value.clone()))])}</p>
        <p class="body">
            {choose_region.then(|| view! {
                <a href=paths::REGION id="link-choose-region">{move || i18n.t("deeplink-choose-region")}</a> " · "
            })}
            <a href=paths::SERVICES id="link-catalogue">{move || i18n.t("deeplink-catalogue")}</a>
        </p>
    }
}

/// The service in the region, or the page that says why not.
pub fn resolve_link(
    service_id: &str,
    region: LinkRegion,
    here: &str,
) -> Result<ServiceView, AnyView> {
    let region = match region {
        LinkRegion::Known(region) => region,
        LinkRegion::Ask => {
            return Err(view! { <Redirect path=paths::region_then(here) /> }.into_any());
        }
        LinkRegion::Unknown(region) => {
            return Err(view! {
                <LinkProblem heading="deeplink-unknown-region" body="deeplink-unknown-region-body" arg=("region", region) choose_region=true />
            }
            .into_any());
        }
    };
    let catalogue = Catalogue::shared();
    let id = ServiceId::new(service_id.to_owned());
    if catalogue.service(&id).is_none() {
        return Err(view! {
            <LinkProblem heading="deeplink-unknown-service" body="deeplink-unknown-service-body" arg=("service", service_id.to_owned()) />
        }
        .into_any());
    }
    catalogue.service_in_region(&id, &region).ok_or_else(|| {
        let i18n = use_i18n();
        let name = catalogue
            .region(&region)
            .map(|r| r.name.get(i18n.lang.get_untracked()).to_owned())
            .unwrap_or_default();
        view! {
            <LinkProblem heading="deeplink-not-in-region" body="deeplink-not-in-region-body" arg=("region", name) choose_region=true />
        }
        .into_any()
    })
}

/// The categories the regulation serves (all of them where it names none).
fn categories(service: &ServiceView) -> Vec<ApplicantCategory> {
    service
        .eligibility
        .iter()
        .find_map(|rule| match rule {
            EligibilityRule::ServedCategories { categories, .. } => Some(categories.clone()),
            _ => None,
        })
        .unwrap_or_else(|| ApplicantCategory::ALL.to_vec())
}

/// The facts a document of the service depends on, in the regulation's order.
fn document_facts(service: &ServiceView) -> Vec<ApplicantFact> {
    let mut facts = Vec::new();
    for document in &service.documents {
        if let DocumentNeed::Conditional { condition } = document.requirement.need {
            if !facts.contains(&condition) {
                facts.push(condition);
            }
        }
    }
    facts
}

/// Whether who applies changes what to bring: a document for some categories only, or one
/// with a condition.
fn asks_who(service: &ServiceView) -> bool {
    service
        .documents
        .iter()
        .any(|d| !d.requirement.categories.is_empty())
        || !document_facts(service).is_empty()
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let id = params.read().get("service").unwrap_or_default();
        let region = link_region(query.read().get("region"));
        let here = paths::service_info(&id);
        match resolve_link(&id, region, &here) {
            Ok(service) => view! { <ServiceDetails service /> }.into_any(),
            Err(problem) => problem,
        }
    }
}

#[component]
fn ServiceDetails(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let lang = move || i18n.lang.get();
    let name = service.name.clone();
    let title = name.clone();
    Effect::new(move |_| {
        crate::dom::set_title(&format!("{} – {}", title.get(lang()), i18n.t("app-title")))
    });
    crate::dom::focus_later(crate::components::page::HEADING_ID);

    // Who applies: the answers stay on this page (nothing is stored).
    let category = RwSignal::new(ApplicantCategory::Citizen);
    let facts = RwSignal::new(BTreeSet::<ApplicantFact>::new());
    let profile = Memo::new(move |_| ApplicantProfile {
        category: category.get(),
        facts: facts.get(),
    });
    let who = asks_who(&service).then(|| {
        let category_options = categories(&service)
            .into_iter()
            .map(|c| {
                let value = code(&c);
                let input_id = format!("who-category-{value}");
                let label_key = format!("category-{value}");
                view! {
                    <div class="radios__item">
                        <input class="radios__input" type="radio" name="who-category" id=input_id.clone() value=value.clone()
                            prop:checked=move || category.get() == c
                            on:change=move |_| category.set(c) />
                        <label class="radios__label" for=input_id>{move || i18n.t(&label_key)}</label>
                    </div>
                }
            })
            .collect_view();
        let fact_options = document_facts(&service)
            .into_iter()
            .map(|fact| {
                let value = code(&fact);
                let input_id = format!("who-fact-{value}");
                let label_key = format!("fact-{value}-question");
                view! {
                    <div class="checkboxes__item">
                        <input class="checkboxes__input" type="checkbox" id=input_id.clone() value=value
                            prop:checked=move || facts.read().contains(&fact)
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                facts.update(|f| { if on { f.insert(fact); } else { f.remove(&fact); } });
                            } />
                        <label class="checkboxes__label" for=input_id>{move || i18n.t(&label_key)}</label>
                    </div>
                }
            })
            .collect_view();
        let has_facts = !document_facts(&service).is_empty();
        view! {
            <section class="print-hide who" aria-labelledby="who-heading" id="who">
                <h2 class="heading-m" id="who-heading">{move || i18n.t("who-heading")}</h2>
                <p class="hint">{move || i18n.t("who-hint")}</p>
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">{move || i18n.t("who-category")}</legend>
                    <div class="radios">{category_options}</div>
                </fieldset>
                {has_facts.then(|| view! {
                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">{move || i18n.t("who-facts")}</legend>
                        <div class="checkboxes">{fact_options}</div>
                    </fieldset>
                })}
            </section>
        }
    });

    // What to bring, per place; one list where every place asks the same.
    let bring = {
        let service = service.clone();
        move || {
            let profile = profile.get();
            let lists: Vec<_> = service
                .offline_channels()
                .map(|channel| {
                    let items: Vec<_> = checklist(&service, channel.kind, Some(&profile))
                        .into_iter()
                        .cloned()
                        .collect();
                    (channel.name.clone(), code(&channel.kind), items)
                })
                .collect();
            let all_same = lists.windows(2).all(|w| w[0].2 == w[1].2);
            if all_same {
                lists
                    .into_iter()
                    .next()
                    .map(|(_, _, items)| {
                        view! { <Checklist items id="bring-list" boxes=true /> }.into_any()
                    })
                    .unwrap_or_else(|| ().into_any())
            } else {
                lists
                    .into_iter()
                    .map(|(name, kind, items)| {
                        view! {
                            <h3 class="heading-s"><CatalogueText text=name /></h3>
                            <Checklist items id=format!("bring-list-{kind}") boxes=true />
                        }
                    })
                    .collect_view()
                    .into_any()
            }
        }
    };

    let online = service.online;
    let id = service.id.as_str().to_owned();
    let deadline_service = service.clone();
    let name_typed = RwSignal::new(String::new());
    let iin_typed = RwSignal::new(String::new());
    let pdf_action = format!(
        "{}/api/v1/services/{}/visit-sheet.pdf",
        api.base,
        service.id.as_str()
    );
    let region = service.region.as_str().to_owned();
    let facts_value = move || facts.read().iter().map(code).collect::<Vec<_>>().join(",");
    view! {
        <div class="service-page">
            <a class="back-link print-hide" href=paths::SERVICES>{move || i18n.t("back")}</a>
            <h1 class="heading" id="page-heading" tabindex="-1"><CatalogueText text=name.clone() with_original=true /></h1>
            {if online {
                view! {
                    <div class="inset print-hide" id="online-too">
                        <p class="body">{move || i18n.t("service-page-online")}</p>
                        <a class="button" href=paths::start(&id) id="apply-online">{move || i18n.t("service-page-apply-online")}</a>
                    </div>
                }.into_any()
            } else {
                view! { <div class="inset print-hide" id="office-only">{move || i18n.t("office-only-intro")}</div> }.into_any()
            }}
            <p class="visit-sheet__applicant" id="visit-applicant" hidden=move || name_typed.read().trim().is_empty() && iin_typed.read().trim().is_empty()>
                {move || i18n.t("visit-applicant")} ": " {move || name_typed.get()}
                {move || (!iin_typed.read().trim().is_empty()).then(|| format!(", {} {}", i18n.t("visit-iin-label"), iin_typed.get()))}
            </p>
            {who}
            <section aria-labelledby="where-heading" id="where">
                <h2 class="heading-m" id="where-heading">{move || i18n.t("service-where-heading")}</h2>
                <Places service=service.clone() />
            </section>
            <section aria-labelledby="bring-heading" id="bring">
                <h2 class="heading-m" id="bring-heading">{move || i18n.t("bring-heading")}</h2>
                {bring}
            </section>
            <section aria-labelledby="deadline-heading" id="deadline">
                <h2 class="heading-m" id="deadline-heading">{move || i18n.t("visit-deadline")}</h2>
                <p class="body" id="deadline-text">{move || deadline_text(i18n, &deadline_service).unwrap_or_else(|| i18n.t("deadline-not-given"))}</p>
            </section>
            <div class="print-hide"><Grounds grounds=service.grounds.clone() /></div>
            <SourceLine service=service.clone() />
            <section class="print-hide visit-form" aria-labelledby="visit-heading" id="visit">
                <h2 class="heading-m" id="visit-heading">{move || i18n.t("visit-heading")}</h2>
                <p class="hint" id="visit-hint">{move || i18n.t("visit-hint")}</p>
                // A plain form: the browser downloads the PDF the server draws; nothing is kept.
                <form method="post" action=pdf_action id="visit-pdf-form" autocomplete="off">
                    <input type="hidden" name="region" value=region />
                    <input type="hidden" name="lang" value=move || i18n.lang.get().tag() />
                    <input type="hidden" name="category" value=move || code(&category.get()) />
                    <input type="hidden" name="facts" value=facts_value />
                    <div class="form-group">
                        <label class="label" for="visit-name">{move || i18n.t("visit-name")}</label>
                        <input class="input input--width-20" id="visit-name" name="name" type="text" autocomplete="off" aria-describedby="visit-hint"
                            prop:value=move || name_typed.get() on:input:target=move |ev| name_typed.set(ev.target().value()) />
                    </div>
                    <div class="form-group">
                        <label class="label" for="visit-iin">{move || i18n.t("visit-iin")}</label>
                        <input class="input input--width-20" id="visit-iin" name="iin" type="text" inputmode="numeric" autocomplete="off" maxlength="12" aria-describedby="visit-hint"
                            prop:value=move || iin_typed.get() on:input:target=move |ev| iin_typed.set(ev.target().value()) />
                    </div>
                    <button type="button" class="button" id="visit-print" on:click=move |_| { let _ = window().print(); }>{move || i18n.t("visit-print")}</button>
                    " "
                    <button type="submit" class="button button--secondary" id="visit-pdf">{move || i18n.t("visit-pdf")}</button>
                </form>
            </section>
        </div>
    }
}
