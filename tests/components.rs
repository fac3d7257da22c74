//! Components rendered in headless Chromium (wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]

mod wasm_support;

use egov_wizard::components::error_summary::{ErrorSummary, FieldMessage};
use egov_wizard::{provide_app_context, AppConfig};
use leptos::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::{element, fresh_container, mount_iin_step, type_into};

wasm_bindgen_test_configure!(run_in_browser);

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
    let mounted = mount_iin_step();
    leptos::task::tick().await;
    let input = type_into("iin", "123456789011");
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
    mounted.unmount();
}
