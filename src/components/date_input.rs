//! A date as GOV.UK asks for one: day, month and year boxes in a fieldset, one hint and one
//! message for the whole date (the boxes themselves carry none).

use crate::components::fields::TextField;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// One box's value and its setter.
pub type DatePart = (Signal<String>, Callback<String>);

#[component]
pub fn DateInput(
    /// Prefix of the ids: `{id}-day`, `{id}-month`, `{id}-year`, `{id}-hint`, `{id}-error`.
    id: &'static str,
    hint_key: &'static str,
    day: DatePart,
    month: DatePart,
    year: DatePart,
    /// The message about the date, shown once above the boxes.
    error: Signal<Option<String>>,
    /// The person's own date of birth: the browser may fill it in.
    #[prop(optional)]
    birthday: bool,
    /// The legend: the question (often the page's heading).
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = format!("{hint_id} {error_id}");
    let part = |(value, on_input): DatePart, name: &str, label_key, autocomplete, class| {
        view! {
            <TextField
                id=format!("{id}-{name}")
                label_key
                value
                on_input
                error=Signal::derive(|| None)
                inputmode="numeric"
                autocomplete=birthday.then_some(autocomplete)
                class
            />
        }
    };
    view! {
        <fieldset class="fieldset" aria-describedby=described_by>
            <legend class="fieldset__legend">{children()}</legend>
            <p class="hint" id=hint_id>{move || i18n.t(hint_key)}</p>
            {move || error.get().map(|m| view! { <p class="error-message" id=error_id.clone()>{m}</p> })}
            <div class="date-input">
                {part(day, "day", "date-day", "bday-day", "input input--width-2")}
                {part(month, "month", "date-month", "bday-month", "input input--width-2")}
                {part(year, "year", "date-year", "bday-year", "input input--width-4")}
            </div>
        </fieldset>
    }
}
