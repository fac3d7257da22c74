//! Timings in the browser, printed, never asserted (README, `cargo xtask timings`): an IIN check and a
//! step change. `cargo xtask timings` runs this file with its output shown; in the test command
//! it runs too, so that it keeps working, with its output captured.

#![cfg(target_arch = "wasm32")]

use egov_domain::{Iin, Lang};
use egov_wizard::pages::apply::ApplyPage;
use egov_wizard::{provide_app_context, AppConfig};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    let performance = js_sys::Reflect::get(&window(), &"performance".into()).unwrap();
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &"now".into())
        .unwrap()
        .unchecked_into();
    now.call0(&performance).unwrap().as_f64().unwrap()
}

fn report(what: &str, ms: f64) {
    web_sys::console::log_1(&format!("timing: {what}: {ms:.3} ms").into());
}

#[wasm_bindgen_test]
fn iin_check() {
    const RUNS: u32 = 20_000;
    let inputs = [
        "791028302728",
        "7910 2830-2728",
        "123456789011",
        "99010630059",
    ];
    let started = now_ms();
    let mut valid = 0;
    for i in 0..RUNS {
        valid += u32::from(Iin::parse(inputs[(i % 4) as usize]).is_ok());
    }
    let elapsed = now_ms() - started;
    assert_eq!(valid, RUNS / 2);
    web_sys::console::log_1(
        &format!(
            "timing: IIN check (parse + check digit): {:.3} µs each, {elapsed:.1} ms for {RUNS}",
            elapsed * 1000.0 / f64::from(RUNS)
        )
        .into(),
    );
}

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(id)
        .map(|element| element.unchecked_into())
}

/// Waits (yielding to the browser between looks) until `id` is on the page.
async fn until_present(id: &str) {
    for _ in 0..1000 {
        if element(id).is_some() {
            return;
        }
        leptos::task::tick().await;
    }
    panic!("#{id} never appeared");
}

#[wasm_bindgen_test]
async fn step_change() {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    window().local_storage().unwrap().unwrap().clear().unwrap();
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
    until_present("iin").await;
    let input: web_sys::HtmlInputElement = element("iin").unwrap().unchecked_into();
    input.set_value("791028302728");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let started = now_ms();
    element("continue").unwrap().click();
    until_present("surname").await;
    report(
        "step change (IIN → name: validate, save, route, render)",
        now_ms() - started,
    );

    // And a refused Continue: validation and the error summary.
    let started = now_ms();
    element("continue").unwrap().click();
    until_present("error-summary").await;
    report(
        "refused Continue (validate, error summary)",
        now_ms() - started,
    );

    drop(handle);
    container.remove();
    window().local_storage().unwrap().unwrap().clear().unwrap();
}
