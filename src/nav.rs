//! Navigation for both ways the app runs. As a page it is leptos_router on the address bar
//! (Back works, every step has its URL). Embedded in a host page it keeps its location in
//! memory: a widget must never rewrite its host's address, take over the host's own links, or
//! follow another widget on the same page.

use crate::routes::{page_at, Page, Pattern};
use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_router::any_nested_route::IntoAnyNestedRoute;
use leptos_router::components::{RouteChildren, Routes, RoutesProps};
use leptos_router::params::ParamsMap;
use leptos_router::NestedRoute;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

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

/// The page at the current location, from the route table ([`crate::routes`]): through
/// leptos_router on the address bar, or from the in-memory location of an embedded app. A page
/// is rendered again only when the page changes: a new step of the same service keeps its page
/// and updates its params.
#[component]
pub fn PageRoutes(view: fn(Page) -> AnyView, not_found: fn() -> AnyView) -> impl IntoView {
    match use_context::<MemoryLocation>() {
        Some(location) => memory_routes(location, view, not_found),
        None => {
            let routes: Vec<_> = Page::ALL
                .into_iter()
                .map(|page| {
                    NestedRoute::new(Pattern(page.pattern()), move || view(page))
                        .into_any_nested_route()
                })
                .collect();
            Routes(
                RoutesProps::builder()
                    .fallback(not_found)
                    .children(RouteChildren::to_children(move || StaticVec::from(routes)))
                    .build(),
            )
            .into_any()
        }
    }
}

fn memory_routes(
    location: MemoryLocation,
    view: fn(Page) -> AnyView,
    not_found: fn() -> AnyView,
) -> AnyView {
    let matched = Memo::new(move |_| location.url.with(|url| page_at(url)));
    let page = Memo::new(move |_| matched.with(|matched| matched.as_ref().map(|(page, _)| *page)));
    provide_context(MemoryParams(Memo::new(move |_| {
        let mut map = ParamsMap::new();
        matched.with(|matched| {
            for (name, value) in matched.iter().flat_map(|(_, params)| params) {
                map.insert(name.to_string(), value.clone());
            }
        });
        map
    })));
    (move || page.get().map_or_else(not_found, view)).into_any()
}

/// Replaces the address in the browser's bar and history entry, keeping the entry's state.
pub fn replace_address(url: &str) {
    let Ok(history) = js_sys::Reflect::get(&window(), &"history".into()) else {
        return;
    };
    let state = js_sys::Reflect::get(&history, &"state".into()).unwrap_or(JsValue::NULL);
    if let Ok(replace) = js_sys::Reflect::get(&history, &"replaceState".into()) {
        if let Ok(replace) = replace.dyn_into::<js_sys::Function>() {
            let _ = replace.call3(
                &history,
                &state,
                &JsValue::from_str(""),
                &JsValue::from_str(url),
            );
        }
    }
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
