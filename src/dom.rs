//! Small browser effects the pages share: titles and focus, in the page's document or inside
//! an embedded widget's shadow root.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// An app embedded in a host page: the `<egov-wizard>` element (events go to it) and the
/// element inside its shadow root that the app is mounted in.
#[derive(Clone)]
pub struct Embedded {
    pub host: web_sys::HtmlElement,
    pub root: web_sys::HtmlElement,
}

pub fn embedded() -> Option<Embedded> {
    use_context::<StoredValue<Embedded, LocalStorage>>().and_then(|e| e.try_get_value())
}

/// Sets the document title; GOV.UK prefixes it with "Error:" when the page shows errors. An
/// embedded app leaves its host's title alone.
pub fn set_title(title: &str) {
    if embedded().is_none() {
        document().set_title(title);
    }
}

/// Where the app's elements are found: the document, or an embedded app's root (ids inside a
/// shadow root are invisible to `document.getElementById`). Take it in a component's body:
/// event handlers and timers run without the component's context.
#[derive(Debug, Clone, Copy)]
pub struct DomRoot(StoredValue<Option<web_sys::HtmlElement>, LocalStorage>);

pub fn use_dom_root() -> DomRoot {
    DomRoot(StoredValue::new_local(
        embedded().map(|embedded| embedded.root),
    ))
}

impl DomRoot {
    pub fn element_by_id(&self, id: &str) -> Option<web_sys::Element> {
        match self.0.try_get_value().flatten() {
            None => document().get_element_by_id(id),
            Some(root) => root.query_selector(&format!("[id='{id}']")).ok().flatten(),
        }
    }

    /// Moves focus to the element with `id`, after the DOM has been updated.
    pub fn focus_later(&self, id: impl Into<String>) {
        let (root, id) = (*self, id.into());
        request_animation_frame(move || {
            root.focus(&id);
        });
    }

    pub fn focus(&self, id: &str) -> bool {
        self.element_by_id(id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|el| el.focus().is_ok())
    }
}

/// [`DomRoot::focus_later`] from a component's body.
pub fn focus_later(id: impl Into<String>) {
    use_dom_root().focus_later(id);
}
