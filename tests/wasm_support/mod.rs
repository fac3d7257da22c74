//! What the in-browser tests (wasm-bindgen-test) share: a container of their own on the page,
//! elements by id, and the apply page mounted at the Karaganda referral's IIN step in Russian.

#![allow(dead_code)]

use egov_domain::Lang;
use egov_wizard::pages::apply::ApplyPage;
use egov_wizard::{provide_app_context, AppConfig};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

/// A container of our own: clearing <body> would delete the test runner's output.
pub fn fresh_container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// The element `id`, if it is on the page.
pub fn find(id: &str) -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(id)
        .map(|element| element.unchecked_into())
}

/// The element `id`, which must be on the page.
pub fn element(id: &str) -> web_sys::HtmlElement {
    find(id).unwrap_or_else(|| panic!("#{id} missing"))
}

fn local_storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// An app mounted in its own container; [`Mounted::unmount`] takes it away again.
pub struct Mounted {
    container: web_sys::HtmlElement,
    handle: Box<dyn std::any::Any>,
}

impl Mounted {
    /// Unmounts the app, removes its container and empties localStorage.
    pub fn unmount(self) {
        drop(self.handle);
        self.container.remove();
        local_storage().clear().unwrap();
    }
}

/// The apply page at `/apply/active_employment_referral/iin`, in Russian, the region Karaganda,
/// with nothing stored. It renders on the next ticks.
pub fn mount_iin_step() -> Mounted {
    let container = fresh_container();
    local_storage().clear().unwrap();
    // The apply page reads the service from the URL and the region from the wizard.
    window()
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some("/apply/active_employment_referral/iin"),
        )
        .unwrap();
    // The app fetches Russian from its build; here there is none to fetch from.
    egov_domain::l10n::install_compiled(Lang::Ru);
    let handle = leptos::mount::mount_to(container.clone(), || {
        provide_app_context(AppConfig {
            lang: Some(Lang::Ru),
            ..AppConfig::default()
        });
        egov_wizard::state::use_wizard().set_region(egov_domain::RegionId::new("karaganda"));
        view! {
            <Router>
                <Routes fallback=|| "no route">
                    <Route path=path!("/apply/:service/:step") view=ApplyPage />
                </Routes>
            </Router>
        }
    });
    Mounted {
        container,
        handle: Box::new(handle),
    }
}

/// Types `value` into the input `id` as a person does (the input event included).
pub fn type_into(id: &str, value: &str) -> web_sys::HtmlInputElement {
    let input: web_sys::HtmlInputElement = element(id).unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    input
}
