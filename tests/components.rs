//! Components rendered in headless Chromium (wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]

use egov_domain::Lang;
use egov_wizard::components::error_summary::{ErrorSummary, FieldMessage};
use egov_wizard::pages::apply::ApplyPage;
use egov_wizard::{provide_app_context, AppConfig};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A container of our own: clearing <body> would delete the test runner's output.
fn fresh_container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn element(id: &str) -> web_sys::HtmlElement {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("#{id} missing"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn error_summary_links_each_message_to_its_field() {
    let container = fresh_container();
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let handle = leptos::mount::mount_to(container.clone(), move || {
        provide_app_context(AppConfig::default());
        view! { <ErrorSummary errors=errors.into() /> }
    });
    assert!(document().get_element_by_id("error-summary").is_none());

    errors.set(vec![FieldMessage::new("iin", "iin_empty")]);
    leptos::task::tick().await;
    let link = document()
        .query_selector("#error-summary a")
        .unwrap()
        .expect("a link per error");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#iin"));
    assert_eq!(link.text_content().as_deref(), Some("ЖСН-ді енгізіңіз"));
    assert_eq!(
        element("error-summary-title").text_content().as_deref(),
        Some("Мәселе бар")
    );
    drop(handle);
    container.remove();
}

#[wasm_bindgen_test]
async fn iin_step_rejects_a_bad_check_digit_in_the_current_language_and_keeps_the_input() {
    let container = fresh_container();
    window().local_storage().unwrap().unwrap().clear().unwrap();
    // The apply page reads the service from the URL and the region from the wizard.
    window()
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some("/apply/active_employment_referral/iin"),
        )
        .unwrap();
    // The app fetches Russian from its build; here there is none to fetch from.
    egov_domain::l10n::install_compiled(Lang::Ru);
    let handle = leptos::mount::mount_to(container.clone(), || {
        provide_app_context(AppConfig {
            lang: Some(Lang::Ru),
            ..AppConfig::default()
        });
        egov_wizard::state::use_wizard().set_region(egov_domain::RegionId::new("karaganda"));
        view! {
            <Router>
                <Routes fallback=|| "no route">
                    <Route path=path!("/apply/:service/:step") view=ApplyPage />
                </Routes>
            </Router>
        }
    });
    leptos::task::tick().await;
    let input: web_sys::HtmlInputElement = element("iin").unchecked_into();
    input.set_value("123456789011");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    element("continue").click();
    leptos::task::tick().await;

    let message = element("iin-error").text_content().unwrap();
    assert!(message.contains("контрольная цифра"), "{message}");
    assert_eq!(input.value(), "123456789011");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(document().title().starts_with("Ошибка: "));
    // What was typed is already autosaved, wrong as it is.
    let stored = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("egov-wizard.draft.active_employment_referral")
        .unwrap()
        .expect("draft saved");
    assert!(stored.contains("123456789011"), "{stored}");
    drop(handle);
    container.remove();
    window().local_storage().unwrap().unwrap().clear().unwrap();
}
