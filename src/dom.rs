//! Small browser effects the pages share: titles and focus.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Sets the document title; GOV.UK prefixes it with "Error:" when the page shows errors.
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Moves focus to the element with `id`, after the DOM has been updated.
pub fn focus_later(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
