//! The kiosk's on-screen keyboard: Kazakh Cyrillic, Russian and Latin layouts for text fields,
//! a numeric keypad for numeric and phone fields.
//!
//! It types into the focused input the way a person would: it changes the value at the caret
//! and dispatches a bubbling `input` event, which the wizard's fields listen to (`on:input`).
//! Keys take no focus (their `mousedown` is cancelled), so the field keeps the caret. Every
//! label, the letters of the layouts included, comes from `locales/*/kiosk.ftl`.

use crate::i18n::use_i18n;
use egov_domain::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Kazakh,
    Russian,
    Latin,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::Kazakh, Layout::Russian, Layout::Latin];

    fn keys_key(self) -> &'static str {
        match self {
            Layout::Kazakh => "kiosk-keys-kk",
            Layout::Russian => "kiosk-keys-ru",
            Layout::Latin => "kiosk-keys-en",
        }
    }

    fn name_key(self) -> &'static str {
        match self {
            Layout::Kazakh => "kiosk-layout-kk",
            Layout::Russian => "kiosk-layout-ru",
            Layout::Latin => "kiosk-layout-en",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Layout::Kazakh => "kiosk-layout-kk",
            Layout::Russian => "kiosk-layout-ru",
            Layout::Latin => "kiosk-layout-en",
        }
    }

    fn for_lang(lang: Lang) -> Layout {
        match lang {
            Lang::Kk => Layout::Kazakh,
            Lang::Ru => Layout::Russian,
            Lang::En => Layout::Latin,
        }
    }
}

/// Which keys a field gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pad {
    Text,
    /// Digits; `plus` for phone numbers.
    Numeric {
        plus: bool,
    },
}

/// The pad for an input, or None when it takes no typing (radio, checkbox, file, button).
pub fn pad_for(input: &HtmlInputElement) -> Option<Pad> {
    let kind = input.type_().to_ascii_lowercase();
    let mode = input
        .get_attribute("inputmode")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if input.read_only() || input.disabled() {
        return None;
    }
    match kind.as_str() {
        "tel" => Some(Pad::Numeric { plus: true }),
        "number" => Some(Pad::Numeric { plus: false }),
        "text" | "search" | "email" | "url" | "" => Some(match mode.as_str() {
            "numeric" | "decimal" => Pad::Numeric { plus: false },
            "tel" => Pad::Numeric { plus: true },
            _ => Pad::Text,
        }),
        _ => None,
    }
}

/// Rows of keys from a locale message: rows separated by `|`, keys by spaces.
pub fn rows(message: &str) -> Vec<Vec<String>> {
    message
        .split('|')
        .map(|row| {
            row.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

/// The caret or selection in UTF-16 units, as the DOM counts; the end of the value when the
/// input type has no selection (email, number).
fn selection(input: &HtmlInputElement, len: u32) -> (usize, usize) {
    let start = input.selection_start().ok().flatten().unwrap_or(len);
    let end = input.selection_end().ok().flatten().unwrap_or(start);
    let (start, end) = (start.min(len) as usize, end.min(len) as usize);
    (start.min(end), start.max(end))
}

/// What a key does to the input.
enum Edit<'a> {
    Insert(&'a str),
    Backspace,
}

fn edit(input: &HtmlInputElement, edit: Edit) {
    let value: Vec<u16> = input.value().encode_utf16().collect();
    let (start, end) = selection(input, value.len() as u32);
    let (from, inserted): (usize, Vec<u16>) = match edit {
        Edit::Insert(text) => (start, text.encode_utf16().collect()),
        Edit::Backspace if start != end => (start, Vec::new()),
        Edit::Backspace if start > 0 => (start - 1, Vec::new()),
        Edit::Backspace => return,
    };
    let mut next = value[..from].to_vec();
    next.extend_from_slice(&inserted);
    next.extend_from_slice(&value[end..]);
    input.set_value(&String::from_utf16_lossy(&next));
    let caret = (from + inserted.len()) as u32;
    let _ = input.set_selection_range(caret, caret);
    if let Ok(event) = document().create_event("Event") {
        event.init_event_with_bubbles("input", true);
        let _ = input.dispatch_event(&event);
    }
}

// Keys must not take the focus from the field.
fn keep_focus(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
}

/// A key that shows a message rather than a character: shift, space, backspace, a layout, hide.
#[component]
fn FunctionKey(
    id: &'static str,
    class: &'static str,
    /// The message the key shows.
    label: &'static str,
    /// Whether a key that toggles (shift, a layout) is on.
    #[prop(optional, into)]
    pressed: Option<Signal<bool>>,
    on_press: impl Fn() + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class=class
            id=id
            aria-pressed=move || pressed.map(|on| on.get().to_string())
            on:mousedown=keep_focus
            on:click=move |_| on_press()
        >
            {move || i18n.t(label)}
        </button>
    }
}

#[component]
pub fn OnScreenKeyboard() -> impl IntoView {
    let i18n = use_i18n();
    let target = StoredValue::new_local(None::<HtmlInputElement>);
    let pad = RwSignal::new(None::<Pad>);
    let layout = RwSignal::new(Layout::for_lang(i18n.lang.get_untracked()));
    let shift = RwSignal::new(false);

    // Follows the focus: a typing field shows its pad.
    let focus = window_event_listener(leptos::ev::focusin, move |ev| {
        let Some(element) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            if let Some(kind) = pad_for(input) {
                target.set_value(Some(input.clone()));
                pad.set(Some(kind));
                return;
            }
        }
        // Tapping a button beside the field (Continue) must not pull the keyboard away under
        // the finger: the page would shrink, scroll, and the tap land elsewhere. The keyboard
        // goes when its field goes (a new step focuses its heading).
        let field_gone = target.get_value().is_none_or(|input| !input.is_connected());
        if field_gone && !matches!(element.closest(".kiosk-keyboard"), Ok(Some(_))) {
            pad.set(None);
        }
    });
    let focus = StoredValue::new_local(Some(focus));
    on_cleanup(move || {
        if let Some(Some(handle)) = focus.try_update_value(Option::take) {
            handle.remove();
        }
    });

    let press = move |edit_with: Edit| {
        let Some(input) = target.get_value() else {
            return;
        };
        if !input.is_connected() {
            pad.set(None);
            return;
        }
        edit(&input, edit_with);
    };
    let type_key = move |key: String| {
        let text = if shift.get_untracked() {
            shift.set(false);
            key.to_uppercase()
        } else {
            key
        };
        press(Edit::Insert(&text));
    };

    let key_button = move |key: String| {
        let label_key = key.clone();
        view! {
            <button
                type="button"
                class="kiosk-key"
                data-key=key.clone()
                on:mousedown=keep_focus
                on:click=move |_| type_key(key.clone())
            >
                {move || if shift.get() { label_key.to_uppercase() } else { label_key.clone() }}
            </button>
        }
    };
    let key_rows = move |message: &'static str| {
        rows(&i18n.t(message))
            .into_iter()
            .map(|row| {
                let keys = row.into_iter().map(key_button).collect_view();
                view! { <div class="kiosk-keyboard__row">{keys}</div> }
            })
            .collect_view()
    };
    let backspace_key = move || {
        view! {
            <FunctionKey
                id="kiosk-key-backspace"
                class="kiosk-key kiosk-key--wide"
                label="kiosk-key-backspace"
                on_press=move || press(Edit::Backspace)
            />
        }
    };
    let text_pad = move || {
        let switch = Layout::ALL
            .into_iter()
            .map(|l| {
                view! {
                    <FunctionKey
                        id=l.id()
                        class="kiosk-key kiosk-key--wide"
                        label=l.name_key()
                        pressed=Signal::derive(move || layout.get() == l)
                        on_press=move || layout.set(l)
                    />
                }
            })
            .collect_view();
        view! {
            {move || key_rows(layout.get().keys_key())}
            {move || key_rows("kiosk-keys-common")}
            <div class="kiosk-keyboard__row">
                <FunctionKey
                    id="kiosk-key-shift"
                    class="kiosk-key kiosk-key--wide"
                    label="kiosk-key-shift"
                    pressed=shift
                    on_press=move || shift.update(|s| *s = !*s)
                />
                <FunctionKey
                    id="kiosk-key-space"
                    class="kiosk-key kiosk-key--space"
                    label="kiosk-key-space"
                    on_press=move || press(Edit::Insert(" "))
                />
                {backspace_key()}
            </div>
            <div class="kiosk-keyboard__row" role="group" aria-label=move || i18n.t("kiosk-layout-label")>
                {switch}
            </div>
        }
    };
    let numeric_pad = move |plus: bool| {
        view! {
            {move || key_rows("kiosk-keys-numeric")}
            <div class="kiosk-keyboard__row">
                {plus.then(|| key_button(i18n.t("kiosk-key-plus")))}
                {backspace_key()}
            </div>
        }
    };
    // Moving between two text fields must not rebuild the keys.
    let shown = Memo::new(move |_| pad.get());
    view! {
        {move || {
            shown
                .get()
                .map(|kind| {
                    let numeric = matches!(kind, Pad::Numeric { .. });
                    view! {
                        <div
                            class="kiosk-keyboard"
                            class:kiosk-keyboard--numeric=numeric
                            id="kiosk-keyboard"
                            role="group"
                            aria-label=move || i18n.t("kiosk-keyboard-label")
                        >
                            {match kind {
                                Pad::Text => text_pad().into_any(),
                                Pad::Numeric { plus } => numeric_pad(plus).into_any(),
                            }}
                            <div class="kiosk-keyboard__row">
                                <FunctionKey
                                    id="kiosk-key-hide"
                                    class="kiosk-key kiosk-key--wide"
                                    label="kiosk-key-hide"
                                    on_press=move || pad.set(None)
                                />
                            </div>
                        </div>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn rows_split_on_bars_and_spaces() {
        assert_eq!(rows("ә і | ң  ғ |"), vec![vec!["ә", "і"], vec!["ң", "ғ"]]);
    }
}
