//! The request log: one structured line per request (method, route, status, duration, request
//! id), at `info` under the target `egov_server::request`, inside a `request` span that the
//! security events of the handlers (`egov_server::security`) inherit, so they carry the same id.
//!
//! Nothing personal is logged: the route is the matched pattern (`/api/v1/applications/{reference}`),
//! never the path, so no reference, IIN or file name reaches the log; no query, header or body
//! is logged. Files of the app are logged as `(app files)`. `RUST_LOG` chooses what is written
//! (e.g. `RUST_LOG=warn` keeps only the security events of `egov_server::security`).
//!
//! One middleware rather than tower-http's request-id and trace layers: every layer on an axum
//! router is one more boxed service per request (crates/server/bench/load.sh measures the cost).

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use rand::Rng;
use std::time::Instant;
use tracing::Instrument;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A random id per request, sent back in `X-Request-Id`: a person reporting a problem can quote
/// it, and the operator finds the one line. A client's own id is not taken: it would let anyone
/// write into the log.
fn new_request_id() -> HeaderValue {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes: [u8; 8] = rand::rng().random();
    let mut hex = [0u8; 16];
    for (i, byte) in bytes.iter().enumerate() {
        hex[2 * i] = HEX[usize::from(byte >> 4)];
        hex[2 * i + 1] = HEX[usize::from(byte & 0xf)];
    }
    HeaderValue::from_bytes(&hex).expect("hex digits are a valid header value")
}

fn route(request: &Request) -> String {
    match request.extensions().get::<MatchedPath>() {
        Some(matched) => matched.as_str().to_owned(),
        None if request
            .uri()
            .path()
            .starts_with(egov_domain::api::API_PREFIX) =>
        {
            "(no route)".to_owned()
        }
        None => "(app files)".to_owned(),
    }
}

/// Gives the request its id, runs it inside its span and logs its answer.
pub async fn log(mut request: Request, next: Next) -> Response {
    request.headers_mut().remove(REQUEST_ID);
    let id = new_request_id();
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        route = route(&request),
        id = id.to_str().unwrap_or("-"),
    );
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    span.in_scope(|| {
        tracing::info!(
            target: "egov_server::request",
            status = response.status().as_u16(),
            duration_ms = started.elapsed().as_secs_f64() * 1000.0,
            "request"
        );
    });
    response.headers_mut().insert(REQUEST_ID, id);
    response
}
