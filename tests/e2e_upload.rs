//! The documents step's upload on a slow connection: the progress bar is shown and moves while
//! the file is sent, then the file is listed by name. Chromium's network emulation (the
//! chromedriver `network_conditions` command) slows the upload, as a cheap phone's 3G would.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use axum::http::Method;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use reqwest::Url;
use std::str::FromStr;
use std::time::Duration;
use support::*;

/// chromedriver's `POST /session/{id}/chromium/network_conditions`.
#[derive(Debug)]
struct NetworkConditions {
    upload_bytes_per_second: u64,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base_url: &Url,
        session_id: Option<&str>,
    ) -> Result<Url, <Url as FromStr>::Err> {
        let session = session_id.expect("a session is open");
        base_url.join(&format!("session/{session}/chromium/network_conditions"))
    }

    fn method_and_body(&self, _: &Url) -> (Method, Option<String>) {
        let body = serde_json::json!({
            "network_conditions": {
                "offline": false,
                "latency": 20,
                "download_throughput": 10_000_000,
                "upload_throughput": self.upload_bytes_per_second,
            }
        });
        (Method::POST, Some(body.to_string()))
    }
}

async fn progress_value(c: &Client) -> Option<u32> {
    let value = c
        .execute(
            "const p = document.getElementById('document-0-progress');
             return p && p.checkVisibility() ? p.value : null;",
            vec![],
        )
        .await
        .ok()?;
    value.as_f64().map(|v| v as u32)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upload_shows_its_progress_then_the_file() {
    let data = tempfile::tempdir().unwrap();
    // A 300 KB PDF: at 40 KB/s it takes about eight seconds to send.
    let pdf = data.path().join("дипломы.pdf");
    let mut content = b"%PDF-1.4\n".to_vec();
    content.resize(300_000, b' ');
    content.extend_from_slice(b"\n%%EOF\n");
    std::fs::write(&pdf, &content).unwrap();
    let server = start_server(data.path()).await;
    let base = server.url();
    let driver = start_driver().await;
    let c = browser(&driver).await;

    let input = open_documents_step(&c, &base, "", "en", "791028302728").await;

    c.issue_cmd(NetworkConditions {
        upload_bytes_per_second: 40_000,
    })
    .await
    .unwrap();
    input.send_keys(&pdf.display().to_string()).await.unwrap();

    // The bar appears with its label and moves forward while the file is sent.
    let mut seen = Vec::new();
    for _ in 0..200 {
        if let Some(value) = progress_value(&c).await {
            if seen.last() != Some(&value) {
                seen.push(value);
            }
        }
        if seen.iter().any(|v| (1..100).contains(v)) && seen.len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        seen.len() >= 3 && seen.windows(2).all(|w| w[0] < w[1]),
        "the progress bar should show increasing values below 100: {seen:?}"
    );
    wait_for_text(&c, "label[for='document-0-progress']", |t| !t.is_empty()).await;
    wait_for(&c, "#document-0-cancel").await;

    c.issue_cmd(NetworkConditions {
        upload_bytes_per_second: 10_000_000,
    })
    .await
    .unwrap();
    wait_for_text(&c, "#document-0-file", |t| t.contains("дипломы.pdf")).await;
    assert_eq!(progress_value(&c).await, None);

    c.close().await.unwrap();
}
