//! Step 5: the application is in; here is its reference number.

use crate::components::page::PageHeading;
use crate::i18n::use_i18n;
use crate::pages::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    view! {
        <div class="panel panel--confirmation">
            <PageHeading key="confirmation-heading" />
            <div class="panel__body">
                {move || i18n.t("confirmation-reference")}
                <br />
                <strong id="reference">{reference}</strong>
            </div>
        </div>
        <p class="body">{move || i18n.t("confirmation-next")}</p>
        <p class="body">
            <a id="status-link" href=move || paths::status(&reference())>
                {move || i18n.t("confirmation-status-link")}
            </a>
        </p>
        <p class="body">
            <a href="/">{move || i18n.t("new-application")}</a>
        </p>
    }
}
