//! The first screen before the wasm, and languages on demand, in headless Chromium.
//!
//! - `index.html` carries the app's first screen in Kazakh (header, language question). With
//!   the wasm held back by a slow proxy, the plain page is on screen; when the app takes over,
//!   every text is the same, every element sits where it sat (to the pixel), and the browser
//!   records no layout shift. A language ticked on the plain page is still ticked in the app.
//! - Only Kazakh is compiled in: a Russian that cannot be fetched leaves the page in Kazakh with
//!   a notice in Kazakh, and choosing Russian again loads it.
//!
//! - The production build fetches a page's code when the page is first shown: a piece that
//!   cannot be fetched leaves a notice in the language on screen, and trying again shows the page.
//!
//! Both builds: `EGOV_DIST=dist-production` runs these on the production build.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_domain::Lang;
use fantoccini::Client;
use std::time::Duration;
use support::faulty_proxy::{Endpoint, Fault};
use support::*;

/// How long the proxy holds the wasm: time enough to look at the plain page.
const WASM_HOLD: Duration = Duration::from_secs(3);

/// The build's wasm, as the page requests it.
fn wasm_endpoint() -> Endpoint {
    let name = std::fs::read_dir(dist_dir())
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.ends_with("_bg.wasm"))
        .expect("the build has a wasm");
    Endpoint::exact("GET", Box::leak(format!("/{name}").into_boxed_str()))
}

/// A piece of a split build (a wasm module fetched when first needed) whose name has `part`;
/// None for a build that is not split.
fn piece_endpoint(part: &str) -> Option<Endpoint> {
    let name = std::fs::read_dir(dist_dir())
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.contains(part) && name.ends_with(".wasm"))?;
    Some(Endpoint::exact(
        "GET",
        Box::leak(format!("/{name}").into_boxed_str()),
    ))
}

/// Pairs of (plain page, app) selectors of what the first screen shows.
const COUNTERPARTS: [(&str, &str); 7] = [
    (".prerender .header__title", ".header__title"),
    (".prerender .header__link", "#my-applications-link"),
    (
        ".prerender .language-switch__button",
        "button.language-switch__button",
    ),
    (".prerender h1", "#page-heading"),
    (".prerender .radios__input", "main .radios__input"),
    (".prerender .radios__label", "main .radios__label"),
    (".prerender .button", "#continue"),
];

/// Text and box (x, y, width, height in CSS px) of every element `css` selects.
async fn boxes(c: &Client, css: &str) -> Vec<(String, [f64; 4])> {
    let found = c
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => { \
               const r = e.getBoundingClientRect(); \
               return [e.textContent.trim(), r.x, r.y, r.width, r.height]; })",
            vec![css.into()],
        )
        .await
        .unwrap();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let item = item.as_array().unwrap();
            let number = |i: usize| item[i].as_f64().unwrap();
            (
                item[0].as_str().unwrap().to_owned(),
                [number(1), number(2), number(3), number(4)],
            )
        })
        .collect()
}

async fn is_booting(c: &Client) -> bool {
    c.execute(
        "return document.documentElement.classList.contains('booting') \
           && !!document.querySelector('.prerender')",
        vec![],
    )
    .await
    .unwrap()
    .as_bool()
    .unwrap()
}

/// Waits until the app has taken over the first screen.
async fn wait_for_takeover(c: &Client) {
    let took_over = eventually(WAIT, async || !is_booting(c).await).await;
    assert!(took_over, "the app never took over");
}

/// Opens `path` and waits for the plain first screen, the wasm still held back.
async fn open_plain(c: &Client, url: &str) {
    let started = std::time::Instant::now();
    c.goto(url).await.unwrap();
    wait_for(c, ".prerender h1").await;
    let state = c
        .execute(
            "return [document.documentElement.className, !!document.querySelector('.prerender'), \
               performance.getEntriesByType('resource').map(r => r.name + ' ' + r.responseEnd)]",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        is_booting(c).await,
        "the app took over before the test looked ({:?} after opening: {state})",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_screen_is_there_before_the_wasm_and_the_app_takes_it_over_in_place() {
    let mut s = Session::setup()
        .behind_proxy()
        .without_waiting_for_pages()
        .start()
        .await;
    s.proxy().slow_down(wasm_endpoint(), WASM_HOLD);
    let c = &s.c;

    open_plain(c, &format!("{}/", s.base())).await;
    let mut plain = Vec::new();
    for (prerendered, _) in COUNTERPARTS {
        let found = boxes(c, prerendered).await;
        assert!(!found.is_empty(), "the first screen has no {prerendered}");
        plain.push(found);
    }
    // In Kazakh, from the locale files.
    assert_eq!(plain[3][0].0, message(Lang::Kk, "language-heading"));
    assert_eq!(plain[0][0].0, message(Lang::Kk, "app-title"));

    wait_for_takeover(c).await;
    assert_eq!(current_path(c).await, "/language");
    for ((prerendered, app), before) in COUNTERPARTS.iter().zip(&plain) {
        let after = boxes(c, app).await;
        assert_eq!(after.len(), before.len(), "{app} against {prerendered}");
        for ((text_before, box_before), (text_after, box_after)) in before.iter().zip(&after) {
            assert_eq!(
                text_after, text_before,
                "{app} reads otherwise than {prerendered}"
            );
            for (b, a) in box_before.iter().zip(box_after) {
                assert!(
                    (a - b).abs() < 0.5,
                    "{app} {text_after:?} is at {box_after:?}, the first screen had it at {box_before:?}"
                );
            }
        }
    }
    let shifts = c
        .execute_async(
            "const done = arguments[0]; \
             new PerformanceObserver(list => done(list.getEntries().map(e => e.value))) \
               .observe({ type: 'layout-shift', buffered: true }); \
             setTimeout(() => done([]), 500);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        shifts,
        serde_json::json!([]),
        "layout shifts while taking over"
    );
    assert_eq!(
        c.execute("return document.documentElement.className", vec![])
            .await
            .unwrap(),
        serde_json::json!(""),
        "the first screen's classes are gone"
    );

    // A choice made on the plain page is the app's choice too. A fresh browser: this one has
    // the wasm in its cache.
    s.new_browser().await;
    let c = &s.c;
    open_plain(c, &format!("{}/", s.base())).await;
    click(c, "label[for='prerender-language-ru']").await;
    wait_for_takeover(c).await;
    wait_for_text(c, "#page-heading", |t| {
        t == message(Lang::Ru, "language-heading")
    })
    .await;
    let ticked = prop(c, "#language-1", "checked").await;
    assert_eq!(ticked.as_deref(), Some("true"));

    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_language_that_cannot_be_fetched_leaves_the_page_as_it_was_and_choosing_it_again_works() {
    let s = Session::setup().behind_proxy().start().await;
    let (c, proxy) = (&s.c, s.proxy());
    let russian = Endpoint::exact("GET", "/locales/ru.ftl");
    proxy.inject(russian, Fault::Status500);
    c.goto(&format!("{}/language", proxy.url)).await.unwrap();
    let kazakh_heading = message(Lang::Kk, "language-heading");
    wait_for_text(c, "#page-heading", |t| t == kazakh_heading).await;
    // Ticked on the page, not yet confirmed.
    click(c, "label[for='language-2']").await;
    wait_for_text(c, "#page-heading", |t| {
        t == message(Lang::En, "language-heading")
    })
    .await;

    click(c, "#lang-ru").await;
    let notice = message(Lang::En, "language-load-failed").replace("{ $language }", "Русский");
    wait_for_text(c, "#language-load-failed", |t| t == notice).await;
    assert_eq!(
        text(c, "#page-heading").await,
        message(Lang::En, "language-heading"),
        "the page stays in the language it was in"
    );
    let lang = attr(c, "html", "lang").await;
    assert_eq!(lang.as_deref(), Some("en"));
    let ticked = prop(c, "#language-2", "checked").await;
    assert_eq!(
        ticked.as_deref(),
        Some("true"),
        "the choice on the page is kept"
    );

    // Again: the fault was one answer, so Russian arrives.
    click(c, "#lang-ru").await;
    wait_for_text(c, "#page-heading", |t| {
        t == message(Lang::Ru, "language-heading")
    })
    .await;
    assert!(
        c.find(fantoccini::Locator::Css("#language-load-failed"))
            .await
            .is_err(),
        "the notice is gone"
    );
    assert_eq!(proxy.count(russian), 2);

    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_whose_code_cannot_be_fetched_says_so_and_trying_again_shows_it() {
    let Some(region_piece) = piece_endpoint("split_region_page") else {
        // The development build carries every page in its one module.
        eprintln!(
            "{} is not a split build: no piece to fail",
            dist_dir().display()
        );
        return;
    };
    let s = Session::setup().behind_proxy().start().await;
    let (c, proxy) = (&s.c, s.proxy());
    proxy.inject(region_piece, Fault::Status500);
    c.goto(&format!("{}/language", proxy.url)).await.unwrap();
    click(c, "label[for='language-2']").await;
    wait_for_text(c, "#page-heading", |t| {
        t == message(Lang::En, "language-heading")
    })
    .await;
    continue_to(c, "/region").await;
    wait_for_text(c, "#piece-failed .body", |t| {
        t == message(Lang::En, "piece-failed")
    })
    .await;
    assert_eq!(
        proxy.pending(),
        0,
        "the region page's piece was asked for and failed"
    );
    assert_eq!(
        text(c, "#piece-retry").await,
        message(Lang::En, "piece-retry")
    );

    // The fault was one answer: the page's code arrives.
    click(c, "#piece-retry").await;
    wait_for(c, "label[for='region-1']").await;
    assert!(
        c.find(fantoccini::Locator::Css("#piece-failed"))
            .await
            .is_err(),
        "the notice is gone"
    );

    s.finish().await;
}
