//! Contract: rate limits, CORS, security headers and the app's Content-Security-Policy.

mod support;

use egov_domain::api::problem_code;
use reqwest::StatusCode;
use support::{problem, start_with};

#[tokio::test]
async fn sign_in_is_rate_limited_per_address_with_retry_after() {
    let t = start_with(|c| c.rate_limit_per_minute = 2).await;
    let url = t.url("/session/challenge");
    for _ in 0..2 {
        let r = t.client.post(&url).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let limited = t.client.post(&url).send().await.unwrap();
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=31).contains(&retry_after), "{retry_after}");
    problem(
        limited,
        StatusCode::TOO_MANY_REQUESTS,
        problem_code::RATE_LIMITED,
    )
    .await;
    // Reads are not limited.
    assert_eq!(t.get("/health").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn cors_answers_configured_origins_only() {
    let t =
        start_with(|c| c.browsers.cors_origins = vec!["https://portal.example.kz".into()]).await;
    let preflight = |origin: &'static str| {
        t.client
            .request(reqwest::Method::OPTIONS, t.url("/applications"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key",
            )
            .send()
    };
    let allowed = preflight("https://portal.example.kz").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://portal.example.kz"
    );
    let denied = preflight("https://evil.example").await.unwrap();
    assert!(!denied.headers().contains_key("access-control-allow-origin"));

    let closed = start_with(|_| {}).await;
    let r = closed
        .client
        .get(closed.url("/health"))
        .header("origin", "https://portal.example.kz")
        .send()
        .await
        .unwrap();
    assert!(!r.headers().contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn the_app_gets_a_strict_csp_that_admits_its_loader_by_hash() {
    let dist = tempfile::tempdir().unwrap();
    let loader = "\nimport init from '/app.js';\nawait init();\n";
    std::fs::write(
        dist.path().join("index.html"),
        format!("<html><head><script type=\"module\">{loader}</script></head></html>"),
    )
    .unwrap();
    let dir = dist.path().to_owned();
    let t = start_with(move |c| {
        c.static_dir = Some(dir);
        c.browsers.frame_ancestors = vec!["https://portal.example.kz".into()];
    })
    .await;
    let page = t
        .client
        .get(format!("{}/some/wizard/step", t.server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        StatusCode::OK,
        "SPA fallback serves index.html"
    );
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(
        csp.contains("connect-src 'self' wss://127.0.0.1:13579"),
        "{csp}"
    );
    assert!(
        csp.contains("frame-ancestors https://portal.example.kz"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(!page.headers().contains_key("x-frame-options"));

    let api = t.get("/health").await;
    assert_eq!(api.headers()["x-content-type-options"], "nosniff");
    assert_eq!(api.headers()["referrer-policy"], "no-referrer");
}
