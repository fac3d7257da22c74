//! No layout shift when errors appear: on every question page of a journey, at a 320 px phone
//! width and at desktop width, pressing Continue with nothing answered adds the error summary
//! and the inline messages, and nothing else moves sideways or changes size: every label, hint,
//! field and button keeps its left edge, width and height. Nothing overflows a 320 px screen
//! sideways either, and no shift happens that the person did not cause (the layout-shift entries
//! without recent input, which make up Cumulative Layout Shift, add up to 0).

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Client;
use serde::Deserialize;
use support::*;

#[derive(Debug, Deserialize, PartialEq)]
struct Box {
    key: String,
    left: f64,
    width: f64,
    height: f64,
}

/// The boxes of what a person reads and operates on the page's form, keyed by id or by kind
/// and position.
async fn boxes(c: &Client) -> Vec<Box> {
    let value = c
        .execute(
            "const selector = '.label, .hint, .fieldset__legend, .input, .radios__input, \
                              .radios__label, .button, .heading';
             const main = document.querySelector('main');
             const seen = {};
             return [...main.querySelectorAll(selector)].map(element => {
               const rect = element.getBoundingClientRect();
               const kind = element.className;
               seen[kind] = (seen[kind] || 0) + 1;
               const key = element.id || (kind + '#' + seen[kind]);
               return { key, left: rect.left, width: rect.width, height: rect.height };
             });",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

/// What sticks out of the viewport sideways, as `tag.class: right edge`; empty when nothing.
async fn horizontal_overflow(c: &Client) -> Vec<String> {
    let value = c
        .execute(
            "const width = document.documentElement.clientWidth;
             if (document.documentElement.scrollWidth <= width) return [];
             return [...document.body.querySelectorAll('*')]
               .filter(e => e.getBoundingClientRect().right > width + 0.5)
               .map(e => e.tagName.toLowerCase() + '.' + e.className + ': '
                         + e.getBoundingClientRect().right);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

/// Starts recording layout shifts for the rest of the page's life (the app is one document).
async fn record_layout_shifts(c: &Client) {
    c.execute(
        "window.__shifts = [];
         new PerformanceObserver(list => {
           for (const entry of list.getEntries()) {
             // Where and what moved, for the failure message: a shift that only a loaded
             // machine shows is hard to find again.
             window.__shifts.push({
               value: entry.value,
               hadRecentInput: entry.hadRecentInput,
               path: location.pathname,
               moved: (entry.sources || []).map(source =>
                 (source.node && source.node.id ? '#' + source.node.id
                   : source.node && source.node.className ? '.' + source.node.className
                   : String(source.node && source.node.nodeName))
                 + ' ' + JSON.stringify(source.previousRect) + ' -> ' + JSON.stringify(source.currentRect)),
             });
           }
         }).observe({ type: 'layout-shift', buffered: true });",
        vec![],
    )
    .await
    .unwrap();
}

/// The shifts recorded, as (the sum of those no input caused, which is Cumulative Layout Shift
/// over the whole visit; how many an input caused; the ones no input caused, with their page and
/// what moved).
async fn layout_shifts(c: &Client) -> (f64, u64, String) {
    // Observer callbacks run after the next frame.
    let value = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => setTimeout(() => done([
               window.__shifts.filter(s => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0),
               window.__shifts.filter(s => s.hadRecentInput).length,
               JSON.stringify(window.__shifts.filter(s => !s.hadRecentInput))
             ]), 100));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

/// Presses Continue with nothing (or something wrong) answered and checks that the errors
/// appear without moving or resizing anything sideways.
async fn errors_appear_in_place(c: &Client, page: &str, width: u32) {
    let before = boxes(c).await;
    click(c, "#continue").await;
    wait_for(c, "#error-summary").await;
    wait_for(c, ".error-message").await;
    let after = boxes(c).await;
    for element in &before {
        let moved = after
            .iter()
            .find(|a| a.key == element.key)
            .unwrap_or_else(|| panic!("{page} at {width}px: {} went away", element.key));
        let same = |a: f64, b: f64| (a - b).abs() < 0.5;
        assert!(
            same(moved.left, element.left)
                && same(moved.width, element.width)
                && same(moved.height, element.height),
            "{page} at {width}px: {} moved or changed size when the errors appeared: \
             {element:?} became {moved:?}",
            element.key
        );
    }
    let overflow = horizontal_overflow(c).await;
    assert!(
        overflow.is_empty(),
        "{page} at {width}px overflows sideways with its errors: {overflow:?}"
    );
}

async fn visit_every_question(width: u32) {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());
    let pdf = sample_pdf(s.data.path());
    c.set_window_size(width, 900).await.unwrap();
    let inner: f64 = c
        .execute("return window.innerWidth;", vec![])
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert_eq!(
        inner,
        f64::from(width),
        "the window could not be made {width}px wide"
    );

    c.goto(&base).await.unwrap();
    record_layout_shifts(c).await;
    wait_until_path(c, "/language").await;
    errors_appear_in_place(c, "language", width).await;
    click(c, "label[for='language-1']").await;
    continue_to(c, "/region").await;
    errors_appear_in_place(c, "region", width).await;
    click(c, "label[for='region-4']").await;
    continue_to(c, "/services").await;
    click(c, "#apply-active_employment_referral").await;

    wait_until_path(c, "/iin").await;
    errors_appear_in_place(c, "iin", width).await;
    type_into(c, "#iin", "791028302728").await;
    continue_to(c, "/name").await;
    errors_appear_in_place(c, "name", width).await;
    type_into(c, "#surname", "Сейткали").await;
    type_into(c, "#given-name", "Айгерім").await;
    continue_to(c, "/birth-date").await;
    errors_appear_in_place(c, "birth-date", width).await;
    type_into(c, "#birth-date-day", "28").await;
    type_into(c, "#birth-date-month", "10").await;
    type_into(c, "#birth-date-year", "1979").await;
    continue_to(c, "/contact").await;
    errors_appear_in_place(c, "contact", width).await;
    type_into(c, "#phone", "8 701 123 45 67").await;
    continue_to(c, "/address").await;
    errors_appear_in_place(c, "address", width).await;
    type_into(c, "#address", "Қарағанды қ., Бұқар жырау даңғ., 1").await;
    continue_to(c, "/category").await;
    errors_appear_in_place(c, "category", width).await;
    click(c, "label[for='category']").await;
    continue_to(c, "/result").await;
    errors_appear_in_place(c, "result", width).await;
    click(c, "label[for='result']").await;
    continue_to(c, "/documents").await;
    errors_appear_in_place(c, "documents", width).await;
    let input = wait_for(c, "#document-0").await;
    input.send_keys(&pdf.display().to_string()).await.unwrap();
    wait_for(c, "#document-0-file").await;
    continue_to(c, "/check").await;
    assert_eq!(
        horizontal_overflow(c).await,
        Vec::<String>::new(),
        "check at {width}px"
    );
    click(c, "#continue").await;
    wait_until_path(c, "/sign").await;
    assert_eq!(
        horizontal_overflow(c).await,
        Vec::<String>::new(),
        "sign at {width}px"
    );

    let (unexpected, caused_by_input, shifts) = layout_shifts(c).await;
    // The error summaries push the page down on Continue: the recorder saw those.
    assert!(caused_by_input > 0, "no layout shift was recorded at all");
    assert_eq!(
        unexpected, 0.0,
        "layout shifted by {unexpected} without input at {width}px: {shifts}"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_appear_without_moving_anything_on_a_320px_phone() {
    visit_every_question(320).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_appear_without_moving_anything_on_a_desktop() {
    visit_every_question(1024).await;
}
