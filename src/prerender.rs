//! The first screen of `index.html` (the header and the language question, in Kazakh, as plain
//! HTML), which a person sees and can use while the wasm loads. The app renders its own first
//! screen beside it, hidden by the `booting` class on `<html>`; when the app's page heading is
//! there, one animation frame removes the plain one and the class, so the next paint shows the
//! app where the plain page was: no flash, no layout shift. A choice made on the plain page (a
//! language ticked, the focus) is carried over: each of its controls names the app's control
//! that replaces it in `data-app`.

use crate::components::page::HEADING_ID;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How many frames to wait for the app's page heading before taking over regardless (a page
/// that shows no heading while it loads).
const MAX_FRAMES: u32 = 90;

/// Takes over the first screen of `index.html`, if the page has one. Call after mounting.
pub fn take_over() {
    match document().query_selector(".prerender").ok().flatten() {
        Some(prerender) => wait_for_app(prerender, 0),
        None => stop_booting(),
    }
}

fn wait_for_app(prerender: web_sys::Element, frames: u32) {
    request_animation_frame(move || {
        let ready = document().get_element_by_id(HEADING_ID).is_some();
        if ready || frames >= MAX_FRAMES {
            hand_over(prerender);
        } else {
            wait_for_app(prerender, frames + 1);
        }
    });
}

/// The app's element that stands for `element` of the plain page.
fn counterpart(element: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    let selector = element.get_attribute("data-app")?;
    document()
        .query_selector(&selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// The performance mark `cargo xtask timings` reads: the app's first page ready for input.
pub const INTERACTIVE_MARK: &str = "egov-wizard:interactive";

fn mark_interactive() {
    let performance = js_sys::Reflect::get(&window(), &"performance".into()).unwrap_or_default();
    if let Ok(mark) = js_sys::Reflect::get(&performance, &"mark".into()) {
        if let Some(mark) = mark.dyn_ref::<js_sys::Function>() {
            let _ = mark.call1(&performance, &INTERACTIVE_MARK.into());
        }
    }
}

fn hand_over(prerender: web_sys::Element) {
    let ticked = prerender
        .query_selector("input:checked")
        .ok()
        .flatten()
        .and_then(|radio| counterpart(&radio));
    let focused = document()
        .active_element()
        .filter(|active| prerender.contains(Some(active)))
        .and_then(|active| counterpart(&active));
    prerender.remove();
    stop_booting();
    mark_interactive();
    if let Some(radio) = ticked {
        // As if ticked in the app: it selects the language and switches to it.
        radio.click();
    }
    if let Some(element) = focused {
        // After the page's own focus on its heading, which runs in this frame.
        request_animation_frame(move || {
            let _ = element.focus();
        });
    }
}

fn stop_booting() {
    if let Some(root) = document().document_element() {
        let classes: Vec<String> = root
            .class_name()
            .split_whitespace()
            .filter(|class| !class.starts_with("prerender") && *class != "booting")
            .map(str::to_owned)
            .collect();
        root.set_class_name(&classes.join(" "));
    }
}
