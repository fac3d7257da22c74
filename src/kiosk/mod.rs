//! Kiosk mode: the wizard on a touch terminal shared by strangers in a public-service hall.
//!
//! - Enabled by configuration ([`KioskSettings::from_settings`]): `mode=kiosk` in the page's
//!   query or in `<meta name="egov-wizard-mode" content="mode=kiosk; kiosk-timeout-s=120">`.
//! - Forgets the person: drafts and the language live in memory only (`StorageMode::Memory`);
//!   after inactivity a dialog asks whether the person is still there, and without an answer
//!   (or on "Finish") [`wipe`] aborts uploads, closes the signer's socket, clears our
//!   storage keys and remounts the app on the language choice.
//! - Touch first: a `kiosk` class on `<html>` (large targets and type in `style/main.css`) and an
//!   on-screen keyboard ([`keyboard`]).

pub mod keyboard;

use crate::i18n::use_i18n;
use crate::mount::MountSlot;
use crate::routes::paths;
use crate::signer::ncalayer::NcaLayerSigner;
use crate::state::STORAGE_PREFIX;
use fluent_bundle::FluentValue;
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// Inactivity before the "Are you still there?" dialog, when the configuration does not say.
pub const DEFAULT_TIMEOUT_S: u32 = 120;
/// The dialog's countdown: WCAG 2.2.1 asks for at least 20 seconds to answer.
pub const MIN_COUNTDOWN_S: u32 = 20;
const MAX_SECONDS: u32 = 24 * 60 * 60;

/// How a kiosk behaves; `None` in [`crate::AppConfig::kiosk`] is the ordinary web mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KioskSettings {
    /// Seconds without pointer, key or touch input before the dialog.
    pub timeout_s: u32,
    /// Seconds the dialog waits for an answer before wiping; never below [`MIN_COUNTDOWN_S`].
    pub countdown_s: u32,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            timeout_s: DEFAULT_TIMEOUT_S,
            countdown_s: MIN_COUNTDOWN_S,
        }
    }
}

impl KioskSettings {
    /// Reads `mode` (`kiosk` or `web`), `kiosk-timeout-s` and `kiosk-countdown-s`; later pairs
    /// win, so pass the meta tag's pairs first and the query's after them. Values out of range
    /// are clamped (timeout 1 s – 24 h, countdown 20 s – 24 h); unreadable ones are ignored.
    pub fn from_settings<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<Self> {
        let mut kiosk = false;
        let mut settings = KioskSettings::default();
        let seconds = |value: &str| value.trim().parse::<u32>().ok();
        for (name, value) in pairs {
            match name.trim() {
                "mode" => kiosk = value.trim() == "kiosk",
                "kiosk-timeout-s" => {
                    if let Some(s) = seconds(value) {
                        settings.timeout_s = s.clamp(1, MAX_SECONDS);
                    }
                }
                "kiosk-countdown-s" => {
                    if let Some(s) = seconds(value) {
                        settings.countdown_s = s.clamp(MIN_COUNTDOWN_S, MAX_SECONDS);
                    }
                }
                _ => {}
            }
        }
        kiosk.then_some(settings)
    }
}

/// Removes our keys (those starting with [`STORAGE_PREFIX`]) from localStorage and
/// sessionStorage. Kiosk mode writes none; this is the belt to those braces.
pub fn clear_our_storage() {
    let window = window();
    for storage in [window.local_storage(), window.session_storage()]
        .into_iter()
        .filter_map(|s| s.ok().flatten())
    {
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(STORAGE_PREFIX))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }
}

fn call_method(target: &JsValue, name: &str, args: &[JsValue]) {
    if let Ok(method) = js_sys::Reflect::get(target, &name.into()) {
        if let Ok(method) = method.dyn_into::<js_sys::Function>() {
            let args: js_sys::Array = args.iter().collect();
            let _ = method.apply(target, &args);
        }
    }
}

/// Forgets the person: aborts uploads in flight, closes the signer's socket, clears our storage
/// keys, and remounts the app on the language choice (embedded: on the start its host
/// configured).
pub fn wipe(ncalayer: Option<Rc<NcaLayerSigner>>, slot: Option<MountSlot>, embedded: bool) {
    crate::upload::abort_all();
    if let Some(signer) = ncalayer {
        signer.close();
    }
    clear_our_storage();
    // The router reads the address when it is mounted: make it the language choice, with the
    // kiosk's configuration so that a reload stays a kiosk. An embedded app keeps its location
    // in memory and never touches its host's address.
    if !embedded {
        crate::nav::replace_address(&crate::settings::with_configuration(paths::LANGUAGE));
    }
    // Not from inside the app's own event handler or timer: after it has returned.
    if let Some(slot) = slot {
        set_timeout(move || slot.remount(), Duration::ZERO);
    }
}

/// The `kiosk` class: on `<html>` for the page, on its root for an embedded app.
fn set_kiosk_class(root: Option<web_sys::HtmlElement>, on: bool) {
    let root: Option<web_sys::Element> = match root {
        Some(root) => Some(root.into()),
        None => document().document_element(),
    };
    if let Some(root) = root {
        call_method(
            &js_sys::Reflect::get(&root, &"classList".into()).unwrap_or(JsValue::NULL),
            if on { "add" } else { "remove" },
            &[JsValue::from_str("kiosk")],
        );
    }
}

/// Whether a click on `target` would leave the app: a link to another origin, a new window,
/// a download, or another scheme (mailto:, tel:).
fn leaves_the_app(target: &web_sys::Element) -> bool {
    let Ok(Some(link)) = target.closest("a[href]") else {
        return false;
    };
    let origin = window().location().origin().unwrap_or_default();
    let link_origin = js_sys::Reflect::get(&link, &"origin".into())
        .ok()
        .and_then(|o| o.as_string())
        .unwrap_or_default();
    link_origin != origin
        || link.has_attribute("download")
        || link
            .get_attribute("target")
            .is_some_and(|t| !t.is_empty() && t != "_self")
}

/// Everything kiosk mode adds to the page: the inactivity watch and its dialog, the guard
/// against links that leave the app, and the on-screen keyboard. Rendered by `App` when the
/// configuration asks for a kiosk.
#[component]
pub fn KioskLayer(settings: KioskSettings) -> impl IntoView {
    let i18n = use_i18n();
    let ncalayer = use_context::<StoredValue<Rc<NcaLayerSigner>, LocalStorage>>();
    let close_signer = move || ncalayer.map(|s| s.get_value());
    let slot = StoredValue::new_local(crate::mount::use_mount_slot());
    let embedded_root = crate::dom::embedded().map(|embedded| embedded.root);
    let is_embedded = embedded_root.is_some();
    set_kiosk_class(embedded_root.clone(), true);
    if !is_embedded {
        crate::settings::keep_configuration_in_address();
    }

    let last_active = StoredValue::new(js_sys::Date::now());
    // When the dialog is open: the time at which the screen is wiped.
    let deadline = RwSignal::new(None::<f64>);
    let now = RwSignal::new(js_sys::Date::now());
    let wiping = StoredValue::new(false);
    let dialog = NodeRef::<leptos::html::Dialog>::new();

    let finish = move || {
        if !wiping.get_value() {
            wiping.set_value(true);
            wipe(close_signer(), slot.get_value(), is_embedded);
        }
    };
    let still_here = move || {
        last_active.set_value(js_sys::Date::now());
        deadline.set(None);
    };

    // Input resets the clock, but not while the dialog is open: there only an answer counts.
    let active = move || {
        if deadline.get_untracked().is_none() {
            last_active.set_value(js_sys::Date::now());
        }
    };
    let mut listeners = vec![
        window_event_listener(leptos::ev::pointerdown, move |_| active()),
        window_event_listener(leptos::ev::pointermove, move |_| active()),
        window_event_listener(leptos::ev::keydown, move |_| active()),
        window_event_listener(leptos::ev::touchstart, move |_| active()),
        window_event_listener(leptos::ev::wheel, move |_| active()),
        window_event_listener(leptos::ev::input, move |_| active()),
    ];
    listeners.push(window_event_listener(leptos::ev::click, move |ev| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target.is_some_and(|t| leaves_the_app(&t)) {
            ev.prevent_default();
        }
    }));

    let timeout_ms = f64::from(settings.timeout_s) * 1000.0;
    let countdown_ms = f64::from(settings.countdown_s) * 1000.0;
    let tick = move || {
        let t = js_sys::Date::now();
        now.set(t);
        match deadline.get_untracked() {
            None if t - last_active.get_value() >= timeout_ms => {
                deadline.set(Some(t + countdown_ms));
            }
            Some(end) if t >= end => finish(),
            _ => {}
        }
    };
    let interval = set_interval_with_handle(tick, Duration::from_millis(250)).ok();
    let listeners = StoredValue::new_local(listeners);
    on_cleanup(move || {
        if let Some(interval) = interval {
            interval.clear();
        }
        if let Some(listeners) = listeners.try_update_value(std::mem::take) {
            for listener in listeners {
                listener.remove();
            }
        }
        set_kiosk_class(embedded_root.clone(), false);
    });

    // A modal <dialog>: the browser moves focus into it and keeps it there (the rest of the
    // page is inert) until it closes.
    Effect::new(move |_| {
        let open = deadline.get().is_some();
        if let Some(el) = dialog.get() {
            let is_open = el.has_attribute("open");
            if open && !is_open {
                call_method(&el, "showModal", &[]);
            } else if !open && is_open {
                call_method(&el, "close", &[]);
            }
        }
    });

    let seconds_left = move || {
        deadline
            .get()
            .map(|end| ((end - now.get()) / 1000.0).ceil().max(0.0) as u32)
            .unwrap_or(settings.countdown_s)
    };
    view! {
        <dialog
            class="kiosk-dialog"
            id="kiosk-idle"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="kiosk-idle-title"
            aria-describedby="kiosk-idle-body"
            node_ref=dialog
            on:keydown=move |ev| {
                // Escape would close the dialog without an answer: take it as "Continue".
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    still_here();
                }
            }
        >
            <h2 class="heading-m kiosk-dialog__title" id="kiosk-idle-title">
                {move || i18n.t("kiosk-idle-title")}
            </h2>
            <p class="body" id="kiosk-idle-body">
                {move || {
                    i18n.t_with("kiosk-idle-body", &[("seconds", FluentValue::from(seconds_left()))])
                }}
            </p>
            <p class="kiosk-dialog__countdown" aria-hidden="true">
                <span id="kiosk-countdown">{seconds_left}</span>
            </p>
            <div class="kiosk-dialog__actions">
                <button
                    type="button"
                    class="button kiosk-dialog__continue"
                    id="kiosk-continue"
                    autofocus
                    on:click=move |_| still_here()
                >
                    {move || i18n.t("kiosk-idle-continue")}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    id="kiosk-finish"
                    on:click=move |_| finish()
                >
                    {move || i18n.t("kiosk-idle-finish")}
                </button>
            </div>
        </dialog>
        <keyboard::OnScreenKeyboard />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_only_when_asked() {
        assert_eq!(KioskSettings::from_settings([]), None);
        assert_eq!(KioskSettings::from_settings([("mode", "web")]), None);
        assert_eq!(
            KioskSettings::from_settings([("mode", "kiosk")]),
            Some(KioskSettings::default())
        );
        // The query comes after the meta tag and wins.
        assert_eq!(
            KioskSettings::from_settings([("mode", "kiosk"), ("mode", "web")]),
            None
        );
    }

    #[test]
    fn timeouts_are_read_and_clamped() {
        let s = KioskSettings::from_settings([
            ("mode", "kiosk"),
            ("kiosk-timeout-s", "3"),
            ("kiosk-countdown-s", "2"),
        ])
        .unwrap();
        assert_eq!(s.timeout_s, 3);
        assert_eq!(s.countdown_s, MIN_COUNTDOWN_S);
        let s = KioskSettings::from_settings([
            (" mode", " kiosk"),
            ("kiosk-timeout-s", "0"),
            ("kiosk-countdown-s", "45"),
        ])
        .unwrap();
        assert_eq!((s.timeout_s, s.countdown_s), (1, 45));
        let s =
            KioskSettings::from_settings([("mode", "kiosk"), ("kiosk-timeout-s", "soon")]).unwrap();
        assert_eq!(s.timeout_s, DEFAULT_TIMEOUT_S);
    }
}
