//! GOV.UK error summary: a list of the page's errors, each linking to its field. It takes focus
//! when it appears so screen-reader and keyboard users land on it; a link moves the focus to
//! its field.

use crate::i18n::{use_i18n, I18n};
use fluent_bundle::FluentValue;
use leptos::prelude::*;

/// One error: the id of the field at fault and the locale key (plus arguments) of its message.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldMessage {
    pub field_id: &'static str,
    pub key: String,
    pub args: Vec<(&'static str, i64)>,
}

impl FieldMessage {
    pub fn new(field_id: &'static str, key: impl Into<String>) -> FieldMessage {
        FieldMessage {
            field_id,
            key: key.into(),
            args: Vec::new(),
        }
    }

    pub fn with_arg(mut self, name: &'static str, value: i64) -> FieldMessage {
        self.args.push((name, value));
        self
    }

    /// The message in the current language (reactive).
    pub fn text(&self, i18n: I18n) -> String {
        let args: Vec<(&str, FluentValue<'static>)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, FluentValue::from(*value)))
            .collect();
        i18n.t_with(&self.key, &args)
    }
}

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// The message for `field_id` among `errors`, translated; for the inline message next to a field.
pub fn message_for(
    errors: Signal<Vec<FieldMessage>>,
    field_id: &'static str,
) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        errors
            .read()
            .iter()
            .find(|e| e.field_id == field_id)
            .map(|e| e.text(i18n))
    })
}

#[component]
pub fn ErrorSummary(errors: Signal<Vec<FieldMessage>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || !errors.read().is_empty()>
            <div
                class="error-summary"
                id=ERROR_SUMMARY_ID
                tabindex="-1"
                role="alert"
                aria-labelledby="error-summary-title"
            >
                <h2 class="error-summary__title" id="error-summary-title">
                    {move || i18n.t("error-summary-title")}
                </h2>
                <ul class="error-summary__list">
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|e| {
                                let href = format!("#{}", e.field_id);
                                // `target` keeps the router out: the browser's own fragment
                                // navigation moves the focus to the field, not only the view.
                                view! {
                                    <li>
                                        <a href=href target="_self">{move || e.text(i18n)}</a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
