//! Browser-facing safety: CORS for configured embedding origins only, security headers on every
//! response, and a Content-Security-Policy for the served app.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// `None` when no origin is configured: then no CORS headers are sent and browsers keep the API
/// same-origin.
pub fn cors(origins: &[String]) -> Option<CorsLayer> {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok())
        .collect();
    if origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST, Method::DELETE])
            .allow_headers([
                header::CONTENT_TYPE,
                header::AUTHORIZATION,
                HeaderName::from_static("idempotency-key"),
                HeaderName::from_static("x-file-name"),
            ])
            .expose_headers([header::RETRY_AFTER, header::LOCATION])
            .max_age(std::time::Duration::from_secs(600)),
    )
}

/// Hashes of the inline `<script>` elements of the app's index.html. Trunk writes its loader
/// inline; a strict `script-src` without 'unsafe-inline' admits it by hash, computed when the
/// server starts so a rebuilt app never needs a config change.
pub fn inline_script_hashes(index_html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = index_html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let tag = &rest[..open_end];
        let body_and_more = &rest[open_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..close]);
            hashes.push(format!("'sha256-{}'", BASE64.encode(digest)));
        }
        rest = &body_and_more[close..];
    }
    hashes
}

/// The CSP of the served app. NCALayer listens on wss://127.0.0.1:13579.
pub fn content_security_policy(
    static_dir: Option<&Path>,
    frame_ancestors: &[String],
    connect_sources: &[String],
) -> String {
    let hashes = static_dir
        .and_then(|dir| std::fs::read_to_string(dir.join("index.html")).ok())
        .map(|html| inline_script_hashes(&html))
        .unwrap_or_default();
    let mut script_src = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    script_src.extend(hashes);
    let ancestors = if frame_ancestors.is_empty() {
        "'none'".to_owned()
    } else {
        frame_ancestors.join(" ")
    };
    let mut connect = vec!["'self'".to_owned(), "wss://127.0.0.1:13579".to_owned()];
    connect.extend(connect_sources.iter().cloned());
    let connect = connect.join(" ");
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; \
         connect-src {connect}; img-src 'self' data: blob:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}",
        script_src.join(" ")
    )
}

/// Headers every response carries, and HSTS when the server is told it is reached over TLS.
pub fn response_headers(hsts: bool) -> Arc<[(HeaderName, HeaderValue)]> {
    let mut headers = vec![
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ),
    ];
    if hsts {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    headers.into()
}

/// Adds `headers` to the response, each unless the route set its own. One middleware for all of
/// them: each layer on a router is one more boxed service per request.
pub async fn add_headers(
    State(headers): State<Arc<[(HeaderName, HeaderValue)]>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    for (name, value) in headers.iter() {
        if !response.headers().contains_key(name) {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<script type="module">alert(1)</script><script src="/a.js"></script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = BASE64.encode(Sha256::digest(b"alert(1)"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
    }

    #[test]
    fn policy_has_no_unsafe_inline_and_names_its_ancestors() {
        let csp = content_security_policy(None, &["https://egov.kz".into()], &[]);
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors https://egov.kz"));
        assert!(content_security_policy(None, &[], &[]).contains("frame-ancestors 'none'"));
    }
}
