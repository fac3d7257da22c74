//! GOV.UK error summary: a list of the page's errors, each linking to its field. It takes focus
//! when it appears so screen-reader and keyboard users land on it.

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// One error: the id of the field at fault and the locale key (plus arguments) of its message.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldMessage {
    pub field_id: &'static str,
    pub message: String,
}

pub const ERROR_SUMMARY_ID: &str = "error-summary";

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
                                view! {
                                    <li>
                                        <a href=href>{e.message}</a>
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
