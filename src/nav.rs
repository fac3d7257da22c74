//! Navigation for both ways the app runs. As a page it is leptos_router on the address bar
//! (Back works, every step has its URL). Embedded in a host page it keeps its location in
//! memory: a widget must never rewrite its host's address, take over the host's own links, or
//! follow another widget on the same page.

use crate::pages::{
    apply::ApplyPage, catalogue::CataloguePage, confirmation::ConfirmationPage,
    language::LanguagePage, my_applications::MyApplicationsPage, not_found::NotFoundPage,
    region::RegionPage, service::ServicePage, status::StatusPage,
};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The in-memory location of an embedded app: a path with its query, e.g. `/apply/x/personal`.
#[derive(Clone, Copy)]
pub struct MemoryLocation {
    pub url: RwSignal<String>,
}

impl MemoryLocation {
    pub fn new(start: &str) -> MemoryLocation {
        MemoryLocation {
            url: RwSignal::new(start.to_owned()),
        }
    }
}

/// Goes to a path of the app, wherever the app keeps its location.
#[derive(Clone)]
pub enum Navigate {
    Router(Rc<dyn Fn(&str)>),
    Memory(MemoryLocation),
}

impl Navigate {
    pub fn go(&self, to: &str) {
        match self {
            Navigate::Router(navigate) => navigate(to),
            Navigate::Memory(location) => location.url.set(to.to_owned()),
        }
    }
}

pub fn use_navigate() -> Navigate {
    match use_context::<MemoryLocation>() {
        Some(location) => Navigate::Memory(location),
        None => {
            let navigate = leptos_router::hooks::use_navigate();
            Navigate::Router(Rc::new(move |to| navigate(to, Default::default())))
        }
    }
}

/// The current route's parameters (`:service`, `:step`, `:reference`).
pub fn use_params_map() -> Memo<ParamsMap> {
    match use_context::<MemoryParams>() {
        Some(MemoryParams(params)) => params,
        None => leptos_router::hooks::use_params_map(),
    }
}

/// The current query (`?return=check`).
pub fn use_query_map() -> Memo<ParamsMap> {
    match use_context::<MemoryLocation>() {
        Some(location) => Memo::new(move |_| location.url.with(|url| query_of(url))),
        None => leptos_router::hooks::use_query_map(),
    }
}

/// Replaces the current location with `path` (a guard sending the person elsewhere).
#[component]
pub fn Redirect(#[prop(into)] path: String) -> impl IntoView {
    match use_context::<MemoryLocation>() {
        // Not while the routes are being rendered: after this render has finished.
        Some(location) => request_animation_frame(move || location.url.set(path)),
        None => return view! { <leptos_router::components::Redirect path /> }.into_any(),
    }
    ().into_any()
}

#[derive(Clone, Copy)]
struct MemoryParams(Memo<ParamsMap>);

/// The app's pages: each route's pattern and page. `App` gives the same table to leptos_router.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Home,
    Language,
    Region,
    Services,
    ServiceInfo,
    Apply,
    Confirmation,
    Applications,
    Status,
    NotFound,
}

const ROUTES: &[(&str, Page)] = &[
    ("/", Page::Home),
    ("/language", Page::Language),
    ("/region", Page::Region),
    ("/services", Page::Services),
    ("/services/:service", Page::ServiceInfo),
    ("/apply/:service/:step", Page::Apply),
    ("/confirmation/:reference", Page::Confirmation),
    ("/applications", Page::Applications),
    ("/applications/:reference", Page::Status),
];

fn query_of(url: &str) -> ParamsMap {
    let mut params = ParamsMap::new();
    if let Some((_, query)) = url.split_once('?') {
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = js_sys::decode_uri_component(value)
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| value.to_owned());
            params.insert(name.to_owned(), value);
        }
    }
    params
}

/// The page at `url` and its parameters (`:service` → value).
fn match_route(url: &str) -> (Page, Vec<(&'static str, String)>) {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (pattern, page) in ROUTES {
        let parts: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
        if parts.len() != segments.len() {
            continue;
        }
        let mut params = Vec::new();
        let matches =
            parts
                .iter()
                .zip(&segments)
                .all(|(part, segment)| match part.strip_prefix(':') {
                    Some(name) => {
                        params.push((name, (*segment).to_owned()));
                        true
                    }
                    None => part == segment,
                });
        if matches {
            return (*page, params);
        }
    }
    (Page::NotFound, Vec::new())
}

fn page_view(page: Page, home: impl Fn() -> AnyView) -> AnyView {
    match page {
        Page::Home => home(),
        Page::Language => view! { <LanguagePage /> }.into_any(),
        Page::Region => view! { <RegionPage /> }.into_any(),
        Page::Services => view! { <CataloguePage /> }.into_any(),
        Page::ServiceInfo => view! { <ServicePage /> }.into_any(),
        Page::Apply => view! { <ApplyPage /> }.into_any(),
        Page::Confirmation => view! { <ConfirmationPage /> }.into_any(),
        Page::Applications => view! { <MyApplicationsPage /> }.into_any(),
        Page::Status => view! { <StatusPage /> }.into_any(),
        Page::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The routes of an embedded app. A page is rendered again only when the route changes, as
/// with leptos_router: a new step of the same service keeps its page and updates its params.
#[component]
pub fn MemoryRoutes(home: fn() -> AnyView) -> impl IntoView {
    let location = expect_context::<MemoryLocation>();
    let matched = Memo::new(move |_| location.url.with(|url| match_route(url)));
    let page = Memo::new(move |_| matched.with(|(page, _)| *page));
    provide_context(MemoryParams(Memo::new(move |_| {
        matched.with(|(_, params)| {
            let mut map = ParamsMap::new();
            for (name, value) in params {
                map.insert(*name, value.clone());
            }
            map
        })
    })));
    move || page_view(page.get(), home)
}

/// Follows a click on one of the app's own links inside an embedded app, instead of letting
/// the browser load that path of the host's site; a link to a field (`#iin`, from the error
/// summary) focuses the field, as the host's address must not change either.
pub fn follow_app_link(
    event: &web_sys::MouseEvent,
    location: MemoryLocation,
    root: &crate::dom::DomRoot,
) {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return;
    }
    let link = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|target| target.closest("a[href]").ok().flatten());
    let Some(link) = link else { return };
    let href = link.get_attribute("href").unwrap_or_default();
    if let Some(id) = href.strip_prefix('#') {
        event.prevent_default();
        root.focus(id);
        return;
    }
    let own_path = href.starts_with('/') && !href.starts_with("//");
    if own_path && !link.has_attribute("download") && link.get_attribute("target").is_none() {
        event.prevent_default();
        location.url.set(href);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_with_their_params() {
        let (page, params) = match_route("/apply/unemployed-referral/personal?return=check");
        assert_eq!(page, Page::Apply);
        assert_eq!(
            params,
            vec![
                ("service", "unemployed-referral".to_owned()),
                ("step", "personal".to_owned())
            ]
        );
        assert_eq!(match_route("/").0, Page::Home);
        assert_eq!(match_route("/services/x/y").0, Page::NotFound);
    }
}
