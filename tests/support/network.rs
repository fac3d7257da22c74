//! Chromium's network emulation through chromedriver (`POST /session/{id}/chromium/network_conditions`):
//! a slow upload, as a cheap phone's 3G would give, so a test can watch the progress bar.

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use reqwest::Url;
use std::str::FromStr;

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

    fn method_and_body(&self, _: &Url) -> (axum::http::Method, Option<String>) {
        let body = serde_json::json!({
            "network_conditions": {
                "offline": false,
                "latency": 20,
                "download_throughput": 10_000_000,
                "upload_throughput": self.upload_bytes_per_second,
            }
        });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// Limits what the browser sends to `bytes_per_second`.
pub async fn throttle_upload(client: &Client, bytes_per_second: u64) {
    client
        .issue_cmd(NetworkConditions {
            upload_bytes_per_second: bytes_per_second,
        })
        .await
        .unwrap();
}

/// Lifts [`throttle_upload`].
pub async fn unthrottle(client: &Client) {
    throttle_upload(client, 10_000_000).await;
}

/// A PDF of about `size` bytes (the server checks uploads by content) written to `dir/name`.
pub fn large_pdf(dir: &std::path::Path, name: &str, size: usize) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut content = b"%PDF-1.4\n".to_vec();
    content.resize(size, b' ');
    content.extend_from_slice(b"\n%%EOF\n");
    std::fs::write(&path, &content).unwrap();
    path
}

/// The value of document `index`'s progress bar while it is shown.
pub async fn progress_value(client: &Client, index: usize) -> Option<u32> {
    let value = client
        .execute(
            &format!(
                "const p = document.getElementById('document-{index}-progress');
                 return p && p.checkVisibility() ? p.value : null;"
            ),
            vec![],
        )
        .await
        .ok()?;
    value.as_f64().map(|v| v as u32)
}

/// Watches document `index`'s progress bar until it has shown at least three rising values
/// below 100, and returns what it saw.
pub async fn watch_progress(client: &Client, index: usize) -> Vec<u32> {
    let mut seen = Vec::new();
    for _ in 0..200 {
        if let Some(value) = progress_value(client, index).await {
            if seen.last() != Some(&value) {
                seen.push(value);
            }
        }
        if seen.iter().filter(|v| (1..100).contains(*v)).count() >= 2 && seen.len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        seen.len() >= 3 && seen.windows(2).all(|w| w[0] < w[1]),
        "the progress bar should show increasing values below 100: {seen:?}"
    );
    seen
}
