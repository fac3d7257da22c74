//! Shared page furniture: the heading that sets the title and takes focus on arrival.

use crate::dom::{focus_later, set_title};
use crate::i18n::use_i18n;
use leptos::prelude::*;

pub const HEADING_ID: &str = "page-heading";

/// The page's `<h1>`. It names the page in the document title (prefixed with the localised
/// "Error" when `has_errors`) and receives focus when the page opens, so screen readers
/// announce the new step.
#[component]
pub fn PageHeading(
    #[prop(into)] key: String,
    #[prop(into, optional)] has_errors: Signal<bool>,
    /// For a one-question page: the heading is the question's label (GOV.UK pattern).
    #[prop(optional)]
    label_for: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key_for_title = key.clone();
    Effect::new(move |_| {
        let heading = i18n.t(&key_for_title);
        let app = i18n.t("app-title");
        let title = if has_errors.get() {
            format!("{}: {heading} – {app}", i18n.t("error-title-prefix"))
        } else {
            format!("{heading} – {app}")
        };
        set_title(&title);
    });
    focus_later(HEADING_ID);
    let text = move || i18n.t(&key);
    match label_for {
        Some(field) => view! {
            <h1 class="heading" id=HEADING_ID tabindex="-1">
                <label class="label label--heading" for=field>
                    {text}
                </label>
            </h1>
        }
        .into_any(),
        None => view! {
            <h1 class="heading" id=HEADING_ID tabindex="-1">
                {text}
            </h1>
        }
        .into_any(),
    }
}
