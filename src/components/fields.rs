//! Form fields in the GOV.UK pattern: label, hint, inline error, input; every text from locales.

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A text input bound to a value in the draft: what is typed is kept exactly as typed.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label_key: &'static str,
    #[prop(optional)] hint_key: Option<&'static str>,
    #[prop(optional)] optional: bool,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = None, into)] autocomplete: Option<&'static str>,
    #[prop(default = "input")] class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint_key.is_some() {
                ids.push(hint_id.clone());
            }
            if error.read().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.read().is_some()>
            <label class="label" for=id.clone()>
                {move || i18n.t(label_key)}
                {optional.then(|| view! { " " {move || i18n.t("optional-suffix")} })}
            </label>
            {hint_key.map(|key| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(key)}</p> })}
            {move || error.get().map(|message| view! { <p class="error-message" id=error_id.clone()>{message}</p> })}
            <input
                class=class
                class:input--error=move || error.read().is_some()
                id=id.clone()
                name=id
                type=input_type
                inputmode=inputmode
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || error.read().is_some().to_string()
                prop:value=move || value.get()
                on:input:target=move |ev| on_input.run(ev.target().value())
            />
        </div>
    }
}

/// One option of a radio group.
#[derive(Clone)]
pub struct RadioOption {
    pub value: String,
    pub label: Signal<String>,
    pub hint: Option<Signal<String>>,
}

/// A radio group; the first radio carries the group's id so the error summary can link to it.
#[component]
pub fn Radios(
    id: &'static str,
    options: Vec<RadioOption>,
    selected: Signal<Option<String>>,
    on_select: Callback<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let items = options
        .into_iter()
        .enumerate()
        .map(|(index, option)| {
            let input_id = if index == 0 { id.to_owned() } else { format!("{id}-{index}") };
            let hint_id = format!("{input_id}-hint");
            let value = option.value.clone();
            let checked_value = option.value.clone();
            view! {
                <div class="radios__item">
                    <input
                        class="radios__input"
                        type="radio"
                        name=id
                        id=input_id.clone()
                        value=value.clone()
                        aria-describedby=option.hint.is_some().then(|| hint_id.clone())
                        prop:checked=move || selected.read().as_deref() == Some(checked_value.as_str())
                        on:change=move |_| on_select.run(value.clone())
                    />
                    <label class="radios__label" for=input_id.clone()>
                        {move || option.label.get()}
                    </label>
                    {option.hint.map(|hint| view! { <p class="hint radios__hint" id=hint_id.clone()>{move || hint.get()}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        {move || error.get().map(|message| view! { <p class="error-message" id=format!("{id}-error")>{message}</p> })}
        <div class="radios">{items}</div>
    }
}
