//! A fault-injecting proxy between the browser and the real server. Each endpoint (a method and
//! a path, exact or a prefix) has a queue of faults; a request that matches takes the first
//! fault of the first matching queue, and every other request passes through untouched.
//!
//! | Fault | Reaches the server | The browser gets |
//! |---|---|---|
//! | `Status500` | yes: the work is done, the acknowledgement is lost | 500 problem+json `internal_error` |
//! | `Status503` | no | 503 problem+json `internal_error`, `Retry-After: 1` |
//! | `Status413` | no | 413 problem+json, the server's own code: `upload_too_large` for uploads, `body_too_large` elsewhere |
//! | `Timeout` | yes | nothing for [`TIMEOUT_HOLD`] (longer than the client's time limit in these tests), then a 504 |
//! | `MalformedJson` | yes | 200 `application/json` with the body `{"oops` |
//! | `NoNetwork` | no | the connection closes without an answer; so does every request to the endpoint for [`OUTAGE`] |
//!
//! A browser silently resends a request whose connection closed without an answer when it
//! took the connection from its pool (Chromium also counts a preconnected socket as reused), so
//! a single dropped connection would go unnoticed: `NoNetwork` is an outage of the endpoint
//! for [`OUTAGE`], and the test waits for [`FaultyProxy::network_back`] before trying again.
//! The proxy also speaks HTTP/1.1 without keep-alive, which makes such resends rarer.

use axum::body::{to_bytes, Body};
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long `Fault::Timeout` holds a request: longer than the 3 s the e2e tests give the app
/// (`?api-timeout-ms=3000`).
pub const TIMEOUT_HOLD: Duration = Duration::from_secs(6);

/// How long `Fault::NoNetwork` keeps an endpoint without answers.
pub const OUTAGE: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Status500,
    Status503,
    Status413,
    /// 429 `rate_limited` with `Retry-After: 1`, as the server's per-address limit answers.
    RateLimited,
    Timeout,
    MalformedJson,
    NoNetwork,
}

impl Fault {
    pub const ALL: [Fault; 7] = [
        Fault::Status500,
        Fault::Status503,
        Fault::Status413,
        Fault::RateLimited,
        Fault::Timeout,
        Fault::MalformedJson,
        Fault::NoNetwork,
    ];

    /// Whether the request is forwarded to the server before the answer is broken.
    fn reaches_server(self) -> bool {
        matches!(
            self,
            Fault::Status500 | Fault::Timeout | Fault::MalformedJson
        )
    }
}

/// Requests of one endpoint: a method and a path, exact or a prefix (the query is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub method: &'static str,
    pub path: &'static str,
    pub prefix: bool,
}

impl Endpoint {
    pub const fn exact(method: &'static str, path: &'static str) -> Endpoint {
        Endpoint {
            method,
            path,
            prefix: false,
        }
    }

    pub const fn prefix(method: &'static str, path: &'static str) -> Endpoint {
        Endpoint {
            method,
            path,
            prefix: true,
        }
    }

    pub fn matches(&self, method: &str, path: &str) -> bool {
        method == self.method
            && if self.prefix {
                path.starts_with(self.path)
            } else {
                path == self.path
            }
    }
}

pub const UPLOAD: Endpoint = Endpoint::prefix("POST", "/api/v1/uploads");
/// Both calls of signing in: the challenge, then the session.
pub const SIGN_IN: Endpoint = Endpoint::prefix("POST", "/api/v1/session");
pub const SESSION_CHALLENGE: Endpoint = Endpoint::exact("POST", "/api/v1/session/challenge");
pub const SESSION: Endpoint = Endpoint::exact("POST", "/api/v1/session");
pub const SUBMIT: Endpoint = Endpoint::exact("POST", "/api/v1/applications");
/// One application's status (`GET /api/v1/applications/{reference}`).
pub const STATUS: Endpoint = Endpoint::prefix("GET", "/api/v1/applications/");
pub const MY_APPLICATIONS: Endpoint = Endpoint::exact("GET", "/api/v1/applications");

/// A request the proxy saw, with the fault it got, if any.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub at: Instant,
    pub fault: Option<Fault>,
}

#[derive(Default)]
struct State {
    queues: Vec<(Endpoint, VecDeque<Fault>)>,
    /// Endpoints in an outage (`Fault::NoNetwork`), until when.
    outages: Vec<(Endpoint, Instant)>,
    seen: Vec<Seen>,
    /// Endpoints whose requests pass through, but only after a hold ([`FaultyProxy::slow_down`]).
    holds: Vec<(Endpoint, Duration)>,
}

#[derive(Clone)]
struct Shared {
    upstream: String,
    client: reqwest::Client,
    state: Arc<Mutex<State>>,
}

pub struct FaultyProxy {
    pub url: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl FaultyProxy {
    /// The next request to `endpoint` gets `fault` (after the faults queued before it).
    pub fn inject(&self, endpoint: Endpoint, fault: Fault) {
        let mut state = self.state.lock().unwrap();
        match state.queues.iter_mut().find(|(e, _)| *e == endpoint) {
            Some((_, queue)) => queue.push_back(fault),
            None => state.queues.push((endpoint, VecDeque::from([fault]))),
        }
    }

    /// Every request to `endpoint` reaches the server and gets its answer, `hold` late: a slow
    /// network for one file (the first screen's tests hold the wasm).
    pub fn slow_down(&self, endpoint: Endpoint, hold: Duration) {
        self.state.lock().unwrap().holds.push((endpoint, hold));
    }

    /// Faults injected and not yet used, on every endpoint.
    pub fn pending(&self) -> usize {
        let state = self.state.lock().unwrap();
        state.queues.iter().map(|(_, q)| q.len()).sum()
    }

    /// The requests to `endpoint` so far, oldest first.
    pub fn seen(&self, endpoint: Endpoint) -> Vec<Seen> {
        let state = self.state.lock().unwrap();
        state
            .seen
            .iter()
            .filter(|s| endpoint.matches(&s.method, &s.path))
            .cloned()
            .collect()
    }

    /// Every request to `/api/` so far.
    pub fn api_requests(&self) -> Vec<Seen> {
        let state = self.state.lock().unwrap();
        state
            .seen
            .iter()
            .filter(|s| s.path.starts_with("/api/"))
            .cloned()
            .collect()
    }

    pub fn count(&self, endpoint: Endpoint) -> usize {
        self.seen(endpoint).len()
    }

    /// Waits until no endpoint is in an outage (`Fault::NoNetwork`).
    pub async fn network_back(&self) {
        let until = self
            .state
            .lock()
            .unwrap()
            .outages
            .iter()
            .map(|(_, until)| *until)
            .max();
        if let Some(until) = until {
            tokio::time::sleep_until(until.into()).await;
        }
    }

    /// The next `n` submissions reach the server but their answers are replaced by a 500.
    pub fn fail_next_submits(&self, n: u32) {
        for _ in 0..n {
            self.inject(SUBMIT, Fault::Status500);
        }
    }

    /// How many submissions went through the proxy.
    pub fn submits(&self) -> u32 {
        self.count(SUBMIT) as u32
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

fn problem(status: StatusCode, code: &str) -> Response<Body> {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": "Injected failure",
        "status": status.as_u16(),
        "code": code,
    });
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// The request reaches the server; its answer is returned as is.
async fn pass(
    shared: &Shared,
    method: Method,
    path: &str,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response<Body> {
    let upstream = shared
        .client
        .request(method, format!("{}{path}", shared.upstream))
        .headers(headers)
        .body(body)
        .send()
        .await
        .expect("the real server answers");
    let status = upstream.status();
    let mut response_headers = HeaderMap::new();
    copy_headers(upstream.headers(), &mut response_headers);
    let bytes = upstream.bytes().await.unwrap();
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    *response.headers_mut() = response_headers;
    response
}

async fn handle(
    shared: Shared,
    request: Request<hyper::body::Incoming>,
) -> Result<Response<Body>, std::io::Error> {
    let method = request.method().clone();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let path = request.uri().path().to_owned();
    let mut headers = HeaderMap::new();
    copy_headers(request.headers(), &mut headers);
    // The whole body is read first, even when the answer is a dropped connection: the browser
    // has sent it, as over a network that fails on the way back.
    let body = to_bytes(Body::new(request.into_body()), 64 * 1024 * 1024)
        .await
        .unwrap();
    let fault = {
        let mut state = shared.state.lock().unwrap();
        let now = Instant::now();
        let in_outage = state
            .outages
            .iter()
            .any(|(e, until)| now < *until && e.matches(method.as_str(), &path));
        let fault = if in_outage {
            Some(Fault::NoNetwork)
        } else {
            state
                .queues
                .iter_mut()
                .find(|(e, q)| !q.is_empty() && e.matches(method.as_str(), &path))
                .and_then(|(e, q)| Some((*e, q.pop_front()?)))
                .map(|(endpoint, fault)| {
                    if fault == Fault::NoNetwork {
                        state.outages.push((endpoint, now + OUTAGE));
                    }
                    fault
                })
        };
        if path.starts_with("/api/") || path.starts_with("/locales/") {
            state.seen.push(Seen {
                method: method.to_string(),
                path: path.clone(),
                at: now,
                fault,
            });
        }
        fault
    };
    let hold = {
        let state = shared.state.lock().unwrap();
        state
            .holds
            .iter()
            .find(|(e, _)| e.matches(method.as_str(), &path))
            .map(|(_, hold)| *hold)
    };
    if let Some(hold) = hold {
        tokio::time::sleep(hold).await;
    }
    let Some(fault) = fault else {
        return Ok(pass(&shared, method, &path_and_query, headers, body).await);
    };
    let upload = UPLOAD.matches(method.as_str(), &path);
    if fault.reaches_server() {
        pass(&shared, method, &path_and_query, headers, body).await;
    }
    Ok(match fault {
        Fault::Status500 => problem(StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
        Fault::Status503 => {
            let mut response = problem(StatusCode::SERVICE_UNAVAILABLE, "internal_error");
            response
                .headers_mut()
                .insert("retry-after", HeaderValue::from_static("1"));
            response
        }
        Fault::RateLimited => {
            let mut response = problem(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
            response
                .headers_mut()
                .insert("retry-after", HeaderValue::from_static("1"));
            response
        }
        Fault::Status413 if upload => problem(StatusCode::PAYLOAD_TOO_LARGE, "upload_too_large"),
        Fault::Status413 => problem(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"),
        Fault::Timeout => {
            tokio::time::sleep(TIMEOUT_HOLD).await;
            problem(StatusCode::GATEWAY_TIMEOUT, "internal_error")
        }
        Fault::MalformedJson => {
            let mut response = Response::new(Body::from(r#"{"oops"#));
            response
                .headers_mut()
                .insert("content-type", HeaderValue::from_static("application/json"));
            response
        }
        Fault::NoNetwork => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "injected: no network",
            ))
        }
    })
}

pub async fn start(upstream: &str) -> FaultyProxy {
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Shared {
        upstream: upstream.to_owned(),
        client: reqwest::Client::new(),
        state: state.clone(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let shared = shared.clone();
            tokio::spawn(async move {
                let service =
                    hyper::service::service_fn(move |request| handle(shared.clone(), request));
                // An injected `NoNetwork` ends the connection with an error: nothing to report.
                let _ = hyper::server::conn::http1::Builder::new()
                    .keep_alive(false)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    FaultyProxy { url, state, task }
}
