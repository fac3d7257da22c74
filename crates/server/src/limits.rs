//! Per-IP rate limit on the endpoints that cost the most or invite guessing: sign-in, submit and
//! uploads (and failed operator calls, `operator.rs`).
//!
//! A token bucket per client address, in memory. A crate such as tower_governor would do the
//! same with more machinery (and its own plain-text 429s); here the limit is ~60 lines, answers
//! with a problem+json and `Retry-After`, and needs no key-extraction configuration. Behind a
//! reverse proxy every client shares the proxy's address: terminate the limit there instead.

use crate::problem::ApiError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use egov_domain::api::problem_code;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Addresses kept before idle (full) buckets are dropped, so a scan of many addresses cannot
/// grow memory without bound.
const MAX_TRACKED: usize = 100_000;

#[derive(Clone)]
pub struct RateLimiter {
    per_minute: u32,
    buckets: Arc<Mutex<HashMap<IpAddr, Bucket>>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            buckets: Arc::default(),
        }
    }

    /// How long until `ip` has a token again, if it has none now; takes nothing.
    pub fn exhausted(&self, ip: IpAddr, now: Instant) -> Option<Duration> {
        if self.per_minute == 0 {
            return None;
        }
        let per_second = f64::from(self.per_minute) / 60.0;
        let buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets.get(&ip)?;
        let tokens = bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * per_second;
        (tokens < 1.0).then(|| Duration::from_secs_f64((1.0 - tokens) / per_second))
    }

    /// Takes one token for `ip`, or says how long until one is available.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_TRACKED {
            buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.updated).as_secs_f64() * per_second < capacity
            });
        }
        let bucket = buckets.entry(ip).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

/// Middleware for the limited routes; reads (GET) pass freely.
pub async fn limit(State(limiter): State<RateLimiter>, request: Request, next: Next) -> Response {
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if limiter.per_minute == 0 || request.method() == Method::GET {
        return next.run(request).await;
    }
    let Some(ip) = ip else {
        return next.run(request).await;
    };
    match limiter.check(ip, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let seconds = wait.as_secs() + 1;
            tracing::warn!(target: "egov_server::security", event = "rate_limited", retry_after = seconds, "request refused: rate limit");
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                problem_code::RATE_LIMITED,
                "Too many requests; try again later",
            )
            .with_detail(format!("Retry in {seconds} s"))
            .into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_empties_then_refills_per_address() {
        let limiter = RateLimiter::new(3);
        let t0 = Instant::now();
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        for _ in 0..3 {
            assert!(limiter.check(a, t0).is_ok());
        }
        let wait = limiter.check(a, t0).unwrap_err();
        assert!(
            wait > Duration::from_secs(19) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert!(
            limiter.check(b, t0).is_ok(),
            "another address has its own bucket"
        );
        assert!(limiter.check(a, t0 + Duration::from_secs(20)).is_ok());
        assert!(limiter.check(a, t0 + Duration::from_secs(20)).is_err());
    }
}
