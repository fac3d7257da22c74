//! HTTP to the server under test: one request at a time, paced, waiting out `429` with its
//! `Retry-After` (within bounds), and every answer checked against the OpenAPI document.

use crate::openapi::Contract;
use egov_domain::api::{FieldError, Problem, API_PREFIX};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::{Duration, Instant};

/// How a check went wrong: what was sent, what came back, what the contract says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub sent: String,
    pub got: String,
    pub expected: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sent {}, got {}, contract says {}",
            self.sent, self.got, self.expected
        )
    }
}

/// A request, described for people as well as sent.
pub struct Call {
    method: Method,
    /// Under `/api/v1`, with the query.
    path: String,
    headers: Vec<(HeaderName, String)>,
    body: Option<Vec<u8>>,
    note: String,
    oversize: bool,
}

impl Call {
    pub fn new(method: Method, path: impl Into<String>) -> Call {
        Call {
            method,
            path: path.into(),
            headers: Vec::new(),
            body: None,
            note: String::new(),
            oversize: false,
        }
    }

    pub fn get(path: impl Into<String>) -> Call {
        Call::new(Method::GET, path)
    }

    pub fn post(path: impl Into<String>) -> Call {
        Call::new(Method::POST, path)
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Call {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
        self.headers.push((name, value.into()));
        self
    }

    pub fn bearer(self, token: &str) -> Call {
        self.header("authorization", format!("Bearer {token}"))
    }

    pub fn body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Call {
        self.body = Some(body.into());
        self.header("content-type", content_type)
    }

    pub fn json(self, value: &impl Serialize) -> Call {
        let bytes = serde_json::to_vec(value).expect("wire types serialise");
        self.body("application/json", bytes)
    }

    /// A body the server refuses for its size: it may answer before reading it all and then
    /// close the connection, so the request goes on a connection of its own.
    pub fn oversize(mut self) -> Call {
        self.oversize = true;
        self
    }

    /// What the request is, in words: "an application signed with an expired certificate".
    pub fn note(mut self, note: impl Into<String>) -> Call {
        self.note = note.into();
        self
    }

    fn shown(&self) -> String {
        let mut shown = format!("{} {API_PREFIX}{}", self.method, self.path);
        if !self.note.is_empty() {
            shown = format!("{shown} ({})", self.note);
        }
        shown
    }
}

/// An answer, with where it departs from the OpenAPI document.
pub struct Reply {
    pub sent: String,
    pub status: u16,
    /// The media type without parameters, lower case; empty when absent.
    pub content_type: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub violations: Vec<String>,
}

/// The first characters of a body, on one line.
fn snippet(body: &[u8]) -> String {
    const MAX: usize = 200;
    let text = String::from_utf8_lossy(body);
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

impl Reply {
    pub fn got(&self) -> String {
        let mut got = self.status.to_string();
        if !self.content_type.is_empty() {
            got = format!("{got} {}", self.content_type);
        }
        if self.content_type == "application/pdf" {
            return format!("{got} ({} bytes)", self.body.len());
        }
        if !self.body.is_empty() {
            got = format!("{got} {}", snippet(&self.body));
        }
        got
    }

    pub fn fail(&self, expected: impl Into<String>) -> Failure {
        Failure {
            sent: self.sent.clone(),
            got: self.got(),
            expected: expected.into(),
        }
    }

    /// Fails unless `ok`, naming what the contract says.
    pub fn ensure(&self, ok: bool, expected: impl Into<String>) -> Result<(), Failure> {
        if ok {
            Ok(())
        } else {
            Err(self.fail(expected))
        }
    }

    /// The status is `status` and the answer fits the document.
    pub fn expect_status(&self, status: u16, what: &str) -> Result<(), Failure> {
        let expected = format!("{status} {what}");
        self.ensure(self.status == status, &expected)?;
        if !self.violations.is_empty() {
            return Err(self.fail(format!("{expected}; {}", self.violations.join("; "))));
        }
        Ok(())
    }

    /// A success with a JSON body of type `T`, named `what` for people.
    pub fn expect_json<T: DeserializeOwned>(&self, status: u16, what: &str) -> Result<T, Failure> {
        let expected = format!("{status} application/json with {what}");
        self.expect_status(status, &format!("application/json with {what}"))?;
        self.ensure(self.content_type == "application/json", &expected)?;
        serde_json::from_slice(&self.body).map_err(|e| self.fail(format!("{expected} ({e})")))
    }

    /// An RFC 9457 problem with this status and code.
    pub fn expect_problem(&self, status: u16, code: &str) -> Result<Problem, Failure> {
        let what = format!("application/problem+json with code {code}");
        self.expect_status(status, &what)?;
        let expected = format!("{status} {what}");
        self.ensure(self.content_type == "application/problem+json", &expected)?;
        let problem: Problem = serde_json::from_slice(&self.body)
            .map_err(|e| self.fail(format!("{expected} ({e})")))?;
        self.ensure(problem.code == code, expected)?;
        Ok(problem)
    }

    /// `validation_failed` naming this field and code among its `errors`.
    pub fn expect_field_error(&self, path: &str, code: &str) -> Result<Problem, Failure> {
        let problem = self.expect_problem(422, "validation_failed")?;
        let wanted = FieldError {
            path: path.into(),
            code: code.into(),
        };
        self.ensure(
            problem.errors.contains(&wanted),
            format!(
                "422 validation_failed with errors [{{\"path\": \"{path}\", \"code\": \"{code}\"}}]"
            ),
        )?;
        Ok(problem)
    }
}

/// What the kit did to the server, reported at the end.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Traffic {
    pub requests: u32,
    /// Answers `429` that the kit waited out.
    pub rate_limited: u32,
    pub waited_seconds: u64,
}

pub struct Api {
    http: reqwest::Client,
    /// Without a connection pool, for [`Call::oversize`].
    unpooled: reqwest::Client,
    base: String,
    contract: Contract,
    pace: Duration,
    last_sent: Option<Instant>,
    timeout: Duration,
    pub traffic: Traffic,
}

/// The longest `Retry-After` the kit honours; a longer one fails the check instead of hanging.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(65);
/// How often one request is retried after `429`.
const MAX_RETRIES: u32 = 4;

impl Api {
    pub fn new(base_url: &str, pace: Duration, timeout: Duration) -> Result<Api, String> {
        let base = base_url.trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base).map_err(|e| format!("--base-url {base}: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("--base-url {base}: not http or https"));
        }
        let client = |idle_per_host: usize| {
            reqwest::Client::builder()
                .timeout(timeout)
                .pool_max_idle_per_host(idle_per_host)
                .user_agent(concat!("egov-contract/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| e.to_string())
        };
        Ok(Api {
            http: client(usize::MAX)?,
            unpooled: client(0)?,
            base,
            contract: Contract::load(),
            pace,
            last_sent: None,
            timeout,
            traffic: Traffic::default(),
        })
    }

    async fn paced(&mut self) {
        if let Some(last) = self.last_sent {
            let next = last + self.pace;
            tokio::time::sleep_until(next.into()).await;
        }
        self.last_sent = Some(Instant::now());
    }

    /// One exchange: the status, headers and body, or what went wrong on the way.
    async fn exchange(&self, call: &Call, url: &str) -> Result<(u16, HeaderMap, Vec<u8>), String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| e.to_string())?;
        if call.oversize && parsed.scheme() == "http" {
            let body = call.body.as_deref().unwrap_or_default();
            let answer = crate::expect_continue::send(
                &parsed,
                call.method.as_str(),
                &call.headers,
                body,
                self.timeout,
            )
            .await?;
            return Ok((answer.status, answer.headers, answer.body));
        }
        let client = if call.oversize {
            &self.unpooled
        } else {
            &self.http
        };
        let mut request = client.request(call.method.clone(), url);
        for (name, value) in &call.headers {
            let value = HeaderValue::from_str(value).expect("header values are ASCII");
            request = request.header(name.clone(), value);
        }
        if let Some(body) = &call.body {
            request = request.body(body.clone());
        }
        let response = request
            .send()
            .await
            .map_err(|e| format!("no answer ({})", error_chain(&e)))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("{status} with a broken body ({})", error_chain(&e)))?;
        Ok((status, headers, body.to_vec()))
    }

    /// Sends `call`; a transport error is a failure of the check.
    pub async fn send(&mut self, call: Call) -> Result<Reply, Failure> {
        let sent = call.shown();
        let url = format!("{}{API_PREFIX}{}", self.base, call.path);
        let mut retries = 0;
        loop {
            self.paced().await;
            self.traffic.requests += 1;
            let (status, headers, body) =
                self.exchange(&call, &url).await.map_err(|got| Failure {
                    sent: sent.clone(),
                    got,
                    expected: "an answer".into(),
                })?;
            if status == 429 && retries < MAX_RETRIES {
                if let Some(wait) = retry_after(&headers) {
                    retries += 1;
                    self.traffic.rate_limited += 1;
                    self.traffic.waited_seconds += wait.as_secs();
                    tokio::time::sleep(wait).await;
                    continue;
                }
            }
            let content_type = headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .map(|v| v.trim().to_ascii_lowercase())
                .unwrap_or_default();
            let path = format!("{API_PREFIX}{}", call.path);
            let violations =
                self.contract
                    .violations(call.method.as_str(), &path, status, &content_type, &body);
            return Ok(Reply {
                sent,
                status,
                content_type,
                headers,
                body,
                violations,
            });
        }
    }
}

/// `Retry-After` in seconds, when it is one the kit waits for.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let wait = Duration::from_secs(seconds.max(1));
    (wait <= MAX_RETRY_AFTER).then_some(wait)
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}
