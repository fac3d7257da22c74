//! The service catalogue of the chosen region: grouped, searchable, each service with what you
//! get, who can apply, documents, deadline and channels; and a page per service for those that
//! only take applications at an office.

use crate::components::page::PageHeading;
use crate::components::regulation::{CatalogueText, Checklist};
use crate::i18n::{use_i18n, I18n};
use crate::nav::Redirect;
use crate::pages::paths;
use crate::state::use_wizard;
use egov_domain::catalogue::{ResultKind, ServiceDomain, ServiceView};
use egov_domain::documents::{card_channel, checklist};
use egov_domain::eligibility::EligibilityRule;
use egov_domain::Catalogue;
use leptos::prelude::*;

const DOMAINS: [(ServiceDomain, &str); 3] = [
    (ServiceDomain::Employment, "domain-employment"),
    (ServiceDomain::SocialAssistance, "domain-social_assistance"),
    (
        ServiceDomain::SpecialSocialServices,
        "domain-special_social_services",
    ),
];

/// Case-insensitive match of every word of the query in the service's name in any language.
fn matches(service: &ServiceView, query: &str) -> bool {
    let haystack = format!(
        "{} {} {}",
        service.name.kk, service.name.ru, service.name.en
    )
    .to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// The service's total duration in words (`egov_domain::l10n::duration_text`, which the
/// server's visit sheet uses too), in the current language.
pub fn deadline_text(i18n: I18n, service: &ServiceView) -> Option<String> {
    egov_domain::l10n::duration_text(i18n.lang.get(), service)
}

#[component]
fn ServiceCard(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let id = service.id.as_str().to_owned();
    let heading_id = format!("service-{id}");
    let lang = move || i18n.lang.get();
    let name = service.name.clone();
    let results: Vec<_> = service
        .results
        .iter()
        .filter(|r| r.kind != ResultKind::Refusal)
        .map(|r| r.name.clone())
        .collect();
    let who: Vec<String> = service
        .eligibility
        .iter()
        .filter_map(|rule| match rule {
            EligibilityRule::RequiresAnyFact { reason, .. } => Some(format!(
                "reason-{}",
                serde_json::to_value(reason).ok()?.as_str()?
            )),
            _ => None,
        })
        .collect();
    // The same list the documents step and the service page show (before anyone is asked, every
    // document with its condition).
    let documents: Vec<_> = card_channel(&service)
        .map(|channel| {
            checklist(&service, channel, None)
                .into_iter()
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let page_href = paths::service_info(&id);
    let channels: Vec<_> = service
        .channels
        .iter()
        .map(|c| (c.name.clone(), c.accepts_online_application))
        .collect();
    let deadline_service = service.clone();
    let online = service.online;
    let apply_href = if online {
        paths::start(&id)
    } else {
        paths::service_info(&id)
    };
    view! {
        <section class="service-card" aria-labelledby=heading_id.clone() id=format!("card-{id}")>
            <h3 class="service-card__title" id=heading_id.clone()><CatalogueText text=name.clone() /></h3>
            <details class="details">
                <summary class="details__summary">{move || i18n.t("service-details")}</summary>
                <div class="details__text">
                    <h4>{move || i18n.t("service-results")}</h4>
                    <ul>{results.into_iter().map(|r| view! { <li>{move || r.get(lang()).to_owned()}</li> }).collect_view()}</ul>
                    <h4>{move || i18n.t("service-who")}</h4>
                    <ul>
                        {if who.is_empty() {
                            view! { <li>{move || i18n.t("service-who-anyone")}</li> }.into_any()
                        } else {
                            who.into_iter().map(|key| view! { <li>{move || i18n.t(&key)}</li> }).collect_view().into_any()
                        }}
                    </ul>
                    <h4>{move || i18n.t("service-documents")}</h4>
                    <Checklist items=documents id=format!("card-documents-{id}") />
                    <h4>{move || i18n.t("service-deadline")}</h4>
                    <p>{move || deadline_text(i18n, &deadline_service).unwrap_or_else(|| i18n.t("deadline-not-given"))}</p>
                    <h4>{move || i18n.t("service-channels")}</h4>
                    <ul>
                        {channels.into_iter().map(|(name, online)| view! {
                            <li>
                                {move || name.get(lang()).to_owned()}
                                {online.then(|| view! { " — " {move || i18n.t("channel-online")} })}
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="body"><a href=page_href id=format!("page-{id}")>{move || i18n.t("service-page-link")}</a></p>
                </div>
            </details>
            <a class=if online { "button button--secondary" } else { "link" } href=apply_href id=format!("apply-{id}")>
                {move || if online { i18n.t("service-apply") } else { i18n.t("service-office-only") }}
            </a>
        </section>
    }
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let Some(region) = wizard.region.get_untracked() else {
        return view! { <Redirect path=paths::REGION /> }.into_any();
    };
    let services: Vec<ServiceView> = Catalogue::shared().for_region(&region).collect();
    let region_name = Catalogue::shared().region(&region).map(|r| r.name.clone());
    let query = RwSignal::new(String::new());
    let groups = DOMAINS
        .into_iter()
        .map(|(domain, key)| {
            let in_group: Vec<ServiceView> = services
                .iter()
                .filter(|s| s.domain == Some(domain))
                .cloned()
                .collect();
            let visible = in_group.clone();
            view! {
                <Show when=move || visible.iter().any(|s| matches(s, &query.read()))>
                    <h2 class="heading-m">{move || i18n.t(key)}</h2>
                    {in_group
                        .iter()
                        .cloned()
                        .map(|service| {
                            let shown = service.clone();
                            view! {
                                <Show when=move || matches(&shown, &query.read())>
                                    <ServiceCard service=service.clone() />
                                </Show>
                            }
                        })
                        .collect_view()}
                </Show>
            }
        })
        .collect_view();
    view! {
        <PageHeading key="catalogue-heading" />
        <p class="body">
            {move || i18n.t("catalogue-region")} " "
            <strong>{move || region_name.as_ref().map(|n| n.get(i18n.lang.get()).to_owned())}</strong> " "
            <a href=paths::REGION id="change-region">{move || i18n.t("catalogue-change-region")}</a>
        </p>
        <div class="form-group">
            <label class="label" for="search">{move || i18n.t("catalogue-search")}</label>
            <input
                class="input"
                id="search"
                type="search"
                autocomplete="off"
                prop:value=move || query.get()
                on:input:target=move |ev| query.set(ev.target().value())
            />
        </div>
        {groups}
        <Show when=move || !services_any(&region, &query.read())>
            <p class="body" id="no-results">{move || i18n.t("catalogue-no-results")}</p>
        </Show>
    }
    .into_any()
}

fn services_any(region: &egov_domain::RegionId, query: &str) -> bool {
    Catalogue::shared()
        .for_region(region)
        .any(|s| matches(&s, query))
}
