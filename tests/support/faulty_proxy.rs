//! A proxy between the browser and the real server that can break chosen answers: it forwards
//! the request (so the server acts on it) and then replies with a failure instead, the worst
//! case for a client: the work is done but the acknowledgement is lost.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

#[derive(Clone)]
struct Shared {
    upstream: String,
    client: reqwest::Client,
    failing_submits: Arc<AtomicU32>,
    submits: Arc<AtomicU32>,
}

pub struct FaultyProxy {
    pub url: String,
    failing_submits: Arc<AtomicU32>,
    submits: Arc<AtomicU32>,
    task: tokio::task::JoinHandle<()>,
}

impl FaultyProxy {
    /// The next `n` submissions reach the server but their answers are replaced by a 500.
    pub fn fail_next_submits(&self, n: u32) {
        self.failing_submits.store(n, Ordering::SeqCst);
    }

    /// How many submissions went through the proxy.
    pub fn submits(&self) -> u32 {
        self.submits.load(Ordering::SeqCst)
    }
}

impl Drop for FaultyProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

const HOP_BY_HOP: [&str; 4] = ["connection", "transfer-encoding", "keep-alive", "host"];

fn copy_headers(from: &HeaderMap, to: &mut HeaderMap) {
    for (name, value) in from {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            to.append(name.clone(), value.clone());
        }
    }
}

async fn forward(State(shared): State<Shared>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let mut headers = HeaderMap::new();
    copy_headers(request.headers(), &mut headers);
    let body = to_bytes(request.into_body(), 64 * 1024 * 1024)
        .await
        .unwrap();
    let is_submit = method == axum::http::Method::POST && path == "/api/v1/applications";
    let upstream = shared
        .client
        .request(method, format!("{}{path}", shared.upstream))
        .headers(headers)
        .body(body)
        .send()
        .await
        .expect("the real server answers");
    if is_submit {
        shared.submits.fetch_add(1, Ordering::SeqCst);
        let fail = shared
            .failing_submits
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if fail {
            let problem = r#"{"type":"about:blank","title":"Injected failure","status":500,"code":"internal_error"}"#;
            let mut response = (StatusCode::INTERNAL_SERVER_ERROR, problem).into_response();
            response.headers_mut().insert(
                "content-type",
                HeaderValue::from_static("application/problem+json"),
            );
            return response;
        }
    }
    let status = upstream.status();
    let mut response_headers = HeaderMap::new();
    copy_headers(upstream.headers(), &mut response_headers);
    let bytes = upstream.bytes().await.unwrap();
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    *response.headers_mut() = response_headers;
    response
}

pub async fn start(upstream: &str) -> FaultyProxy {
    let failing_submits = Arc::new(AtomicU32::new(0));
    let submits = Arc::new(AtomicU32::new(0));
    let shared = Shared {
        upstream: upstream.to_owned(),
        client: reqwest::Client::new(),
        failing_submits: failing_submits.clone(),
        submits: submits.clone(),
    };
    let app = axum::Router::new().fallback(forward).with_state(shared);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    FaultyProxy {
        url,
        failing_submits,
        submits,
        task,
    }
}
