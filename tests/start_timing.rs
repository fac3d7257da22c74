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
    let mut s = Session::start().await;
    let mut paint = Vec::new();
    let mut interactive = Vec::new();
    for load in 0..LOADS {
        // A fresh browser each time: nothing cached.
        if load > 0 {
            s.new_browser().await;
        }
        let c = &s.c;
        c.goto(&format!("{}/", s.base())).await.unwrap();
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
    s.finish().await;
}
