//! Timings in the browser, printed, never asserted (README, `cargo xtask timings`): an IIN check and a
//! step change. `cargo xtask timings` runs this file with its output shown; in the test command
//! it runs too, so that it keeps working, with its output captured.

#![cfg(target_arch = "wasm32")]

mod wasm_support;

use egov_domain::Iin;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wasm_support::{element, find, mount_iin_step, type_into};

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

/// Waits (yielding to the browser between looks) until `id` is on the page.
async fn until_present(id: &str) {
    for _ in 0..1000 {
        if find(id).is_some() {
            return;
        }
        leptos::task::tick().await;
    }
    panic!("#{id} never appeared");
}

#[wasm_bindgen_test]
async fn step_change() {
    let mounted = mount_iin_step();
    until_present("iin").await;
    type_into("iin", "791028302728");
    let started = now_ms();
    element("continue").click();
    until_present("surname").await;
    report(
        "step change (IIN → name: validate, save, route, render)",
        now_ms() - started,
    );

    // And a refused Continue: validation and the error summary.
    let started = now_ms();
    element("continue").click();
    until_present("error-summary").await;
    report(
        "refused Continue (validate, error summary)",
        now_ms() - started,
    );

    mounted.unmount();
}
