//! The documents step's upload on a slow connection: the progress bar is shown and moves while
//! the file is sent, then the file is listed by name. Chromium's network emulation (the
//! chromedriver `network_conditions` command) slows the upload, as a cheap phone's 3G would.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::network::*;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upload_shows_its_progress_then_the_file() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());
    // A 300 KB PDF: at 40 KB/s it takes about eight seconds to send.
    let pdf = large_pdf(s.data.path(), "дипломы.pdf", 300_000);

    let input = open_documents_step(c, &base, "", "en", "791028302728").await;

    throttle_upload(c, 40_000).await;
    input.send_keys(&pdf.display().to_string()).await.unwrap();

    // The bar appears with its label and moves forward while the file is sent.
    watch_progress(c, 0).await;
    wait_for_text(c, "label[for='document-0-progress']", |t| !t.is_empty()).await;
    wait_for(c, "#document-0-cancel").await;

    unthrottle(c).await;
    wait_for_text(c, "#document-0-file", |t| t.contains("дипломы.pdf")).await;
    assert_eq!(progress_value(c, 0).await, None);

    s.finish().await;
}
