//! The steps of the journey, one module each. A step's module declares its `RULES` (what it
//! asks, how its answers are checked, when it is complete, its row on the check page) and the
//! view that renders them; `flow`'s journey table lists the steps.

pub mod address;
pub mod birth_date;
pub mod category;
pub mod contact;
pub mod documents;
pub mod eligibility;
pub mod iin;
pub mod name;
pub mod result;

use crate::components::error_summary::{message_for, FieldMessage};
use crate::draft::Draft;
use crate::state::use_wizard;
use leptos::prelude::*;

/// The snake_case code of a serde enum value, as used in locale keys.
pub fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A signal and a setter over one text field of the draft.
fn bind(
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft, String),
) -> (Signal<String>, Callback<String>) {
    let wizard = use_wizard();
    (
        Signal::derive(move || wizard.draft.with(|d| get(d).clone())),
        Callback::new(move |value: String| wizard.draft.update(|d| set(d, value))),
    )
}

/// The inline message of one field among the page's errors.
fn error_of(errors: RwSignal<Vec<FieldMessage>>, id: &'static str) -> Signal<Option<String>> {
    message_for(errors.into(), id)
}

/// Whether the page shows errors (its heading says so to screen readers).
fn has_errors(errors: RwSignal<Vec<FieldMessage>>) -> Signal<bool> {
    Signal::derive(move || !errors.read().is_empty())
}
