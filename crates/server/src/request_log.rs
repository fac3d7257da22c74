//! The request log: one structured line per request (method, route, status, duration, request
//! id) through tower-http's trace layer, at `info` under the target `egov_server::request`.
//!
//! Nothing personal is logged: the route is the matched pattern (`/api/v1/applications/{reference}`),
//! never the path, so no reference, IIN or file name reaches the log; no query, header or body
//! is logged. Files of the app are logged as `(app files)`. `RUST_LOG` chooses what is written
//! (e.g. `RUST_LOG=warn` keeps only the security events of `egov_server::security`).

use axum::extract::MatchedPath;
use axum::http::{HeaderName, HeaderValue, Request, Response};
use axum::Router;
use rand::Rng;
use std::time::Duration;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;
use tracing::Span;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A random id per request, sent back in `X-Request-Id`: a person reporting a problem can quote
/// it, and the operator finds the one line. A client's own id is not taken: it would let anyone
/// write into the log.
#[derive(Clone, Copy, Default)]
struct RandomId;

impl MakeRequestId for RandomId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let bytes: [u8; 8] = rand::rng().random();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        HeaderValue::from_str(&hex).ok().map(RequestId::new)
    }
}

fn span<B>(request: &Request<B>) -> Span {
    let route = match request.extensions().get::<MatchedPath>() {
        Some(matched) => matched.as_str(),
        None if request
            .uri()
            .path()
            .starts_with(egov_domain::api::API_PREFIX) =>
        {
            "(no route)"
        }
        None => "(app files)",
    };
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", method = %request.method(), route, id)
}

fn on_response<B>(response: &Response<B>, latency: Duration, _span: &Span) {
    tracing::info!(
        target: "egov_server::request",
        status = response.status().as_u16(),
        duration_ms = latency.as_secs_f64() * 1000.0,
        "request"
    );
}

async fn drop_client_id(mut request: axum::extract::Request) -> axum::extract::Request {
    request.headers_mut().remove(REQUEST_ID);
    request
}

/// `app` with request ids and the request log.
pub fn layer(app: Router) -> Router {
    app.layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(span as fn(&Request<_>) -> Span)
                .on_request(())
                .on_response(on_response)
                .on_failure(()),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, RandomId))
        .layer(axum::middleware::map_request(drop_client_id))
}
