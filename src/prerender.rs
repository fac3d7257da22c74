//! The first screen of `index.html` (the header and the language question, in Kazakh, as plain
//! HTML), which a person sees and can use while the wasm loads. The app renders its own first
//! screen beside it, hidden by the `booting` class on `<html>`; as soon as the app's page heading
//! is in the DOM, the plain screen and the class go, before the next paint, so it shows the app
//! where the plain page was: no flash, no layout shift. A choice made on the plain page (a
//! language ticked, the focus) is carried over: each of its controls names the app's control
//! that replaces it in `data-app`.

use crate::components::page::HEADING_ID;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// How many frames to wait for the app's page heading before taking over regardless (a page
/// that shows no heading while it loads).
const MAX_FRAMES: u32 = 90;

/// Longest wait for the first paint before mounting anyway: a tab in the background paints
/// nothing, and its timers still run (slowly).
const FIRST_PAINT_WAIT_MS: i32 = 250;

/// Resolves once the browser has painted the page, so that the plain first screen is what the
/// person sees first (and what the browser records as the largest contentful paint) even when
/// the wasm is ready before the first frame; without a plain first screen, or painted already,
/// at once. At most one frame late otherwise.
pub async fn painted() {
    let has_plain_screen = document()
        .query_selector(".prerender")
        .ok()
        .flatten()
        .is_some();
    if !has_plain_screen || has_painted() {
        return;
    }
    let after_paint = js_sys::Promise::new(&mut |resolve, _| {
        let after = resolve.clone();
        // A frame callback runs just before its paint; a task it queues runs after that paint.
        let queue = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = window().set_timeout_with_callback(after.unchecked_ref());
        });
        let _ = window().request_animation_frame(queue.unchecked_ref());
        let _ = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, FIRST_PAINT_WAIT_MS);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(after_paint).await;
}

/// Whether the browser has painted content (Paint Timing's `first-contentful-paint`).
fn has_painted() -> bool {
    let performance = js_sys::Reflect::get(&window(), &"performance".into()).unwrap_or_default();
    let Ok(entries) = js_sys::Reflect::get(&performance, &"getEntriesByName".into()) else {
        return false;
    };
    let Some(entries) = entries.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    entries
        .call1(&performance, &"first-contentful-paint".into())
        .ok()
        .and_then(|list| list.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|list| list.length() > 0)
}

/// Takes over the first screen of `index.html`, if the page has one. Call after mounting.
pub fn take_over() {
    match document().query_selector(".prerender").ok().flatten() {
        Some(prerender) => {
            observe_app(prerender.clone());
            wait_for_app(prerender, 0);
        }
        None => stop_booting(),
    }
}

/// Hands over as soon as the app's page heading is in the DOM: a mutation observer's callback
/// runs in the same turn as the change, so nothing else (a paint, a click, a test's WebDriver
/// command) can see the app's elements while they are still hidden.
fn observe_app(prerender: web_sys::Element) {
    use wasm_bindgen::closure::Closure;
    let observer = std::rc::Rc::new(std::cell::RefCell::new(None::<JsValue>));
    let for_callback = observer.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        if document().get_element_by_id(HEADING_ID).is_some() {
            if let Some(observer) = for_callback.borrow_mut().take() {
                call(&observer, "disconnect", &[]);
            }
            hand_over(prerender.clone());
        }
    });
    let Ok(constructor) = js_sys::Reflect::get(&window(), &"MutationObserver".into()) else {
        return;
    };
    let Ok(created) = js_sys::Reflect::construct(
        constructor.unchecked_ref::<js_sys::Function>(),
        &js_sys::Array::of1(callback.as_ref()),
    ) else {
        return;
    };
    // Lives as long as the page: the observer holds it until it disconnects.
    callback.forget();
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"childList".into(), &true.into());
    let _ = js_sys::Reflect::set(&options, &"subtree".into(), &true.into());
    if let Some(body) = document().body() {
        call(&created, "observe", &[body.into(), options.into()]);
    }
    *observer.borrow_mut() = Some(created);
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) {
    if let Ok(function) = js_sys::Reflect::get(target, &method.into()) {
        if let Some(function) = function.dyn_ref::<js_sys::Function>() {
            let _ = function.apply(target, &args.iter().collect());
        }
    }
}

/// The fallback: a page that shows no heading while it loads is taken over after a while.
fn wait_for_app(prerender: web_sys::Element, frames: u32) {
    request_animation_frame(move || {
        if !prerender.is_connected() {
            return;
        }
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
    if !prerender.is_connected() {
        return;
    }
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
