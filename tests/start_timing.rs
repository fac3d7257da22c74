//! Navigation to interactive, printed, never asserted (README, `cargo xtask timings`): a fresh
//! browser opens `/` of the build in `EGOV_DIST` (`cargo xtask timings` builds and points it at
//! the production build) from the reference server, several times, and reads the page's own
//! performance timeline: the first paint (the plain first screen of index.html), and the app's
//! `egov-wizard:interactive` mark (its first page took over and is ready for input). No network
//! or CPU throttling: the figures are this machine's, on loopback.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;
use support::*;

const LOADS: usize = 5;

#[tokio::test(flavor = "multi_thread")]
async fn navigation_to_interactive() {
    let data = tempfile::tempdir().unwrap();
    let server = start_server(data.path()).await;
    let driver = start_driver().await;
    let mut paint = Vec::new();
    let mut interactive = Vec::new();
    for _ in 0..LOADS {
        let c = browser(&driver).await;
        c.goto(&format!("{}/", server.url())).await.unwrap();
        let mut figures = serde_json::Value::Null;
        for _ in 0..400 {
            figures = c
                .execute(
                    "const mark = performance.getEntriesByName('egov-wizard:interactive')[0]; \
                     const paint = performance.getEntriesByName('first-contentful-paint')[0]; \
                     return mark ? [paint ? paint.startTime : null, mark.startTime] : null;",
                    vec![],
                )
                .await
                .unwrap();
            if !figures.is_null() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let figures = figures
            .as_array()
            .expect("the app marked itself interactive");
        if let Some(ms) = figures[0].as_f64() {
            paint.push(ms);
        }
        interactive.push(figures[1].as_f64().unwrap());
        c.close().await.unwrap();
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
    };
    println!(
        "timing: navigation → first contentful paint (index.html's first screen): {:.0} ms (median of {LOADS}: {paint:.0?})",
        median(&mut paint)
    );
    println!(
        "timing: navigation → interactive (the app took over its first page): {:.0} ms (median of {LOADS}: {interactive:.0?})",
        median(&mut interactive)
    );
    server.stop().await.unwrap();
}
