//! The conformance kit: runs the wizard's API contract over HTTP against any backend and says,
//! check by check, where the backend departs from it.
//!
//! Every request is built from the domain crate's wire types and signed with its published test
//! certificate authority, exactly as the app builds and signs them; every answer is checked
//! against the OpenAPI document (`openapi.rs`) as well as by the check itself. The checks live
//! in `checks/`, one module per API area, listed in [`checks::ALL`].

pub mod checks;
pub mod client;
mod expect_continue;
pub mod fixtures;
pub mod openapi;
pub mod report;

use client::Api;
use egov_domain::api::Capabilities;
pub use report::{Outcome, Report};
use std::time::Duration;

/// What the command line gives.
#[derive(Debug, Clone)]
pub struct Options {
    /// The server's origin, e.g. `http://127.0.0.1:8080`; the API is under `/api/v1`.
    pub base_url: String,
    /// The operator token, for the provider workflow checks.
    pub operator_token: Option<String>,
    /// The least time between two requests.
    pub pace: Duration,
    /// The longest wait for one answer.
    pub timeout: Duration,
    /// Run only the checks whose id starts with one of these (all when empty).
    pub only: Vec<String>,
}

impl Options {
    pub fn new(base_url: impl Into<String>) -> Options {
        Options {
            base_url: base_url.into(),
            operator_token: None,
            pace: Duration::from_millis(50),
            timeout: Duration::from_secs(30),
            only: Vec::new(),
        }
    }
}

/// Runs every check in order, then withdraws the uploads no application holds.
pub async fn run(options: &Options) -> Result<Report, String> {
    let api = Api::new(&options.base_url, options.pace, options.timeout)?;
    let mut ctx = checks::Ctx::new(api, options.operator_token.clone());
    let mut report = Report::new(&options.base_url);
    let selected = checks::ALL.iter().filter(|check| {
        options.only.is_empty()
            || options
                .only
                .iter()
                .any(|p| check.id.starts_with(p.as_str()))
    });
    for check in selected {
        let outcome = match check.unmet_need(&ctx) {
            Some(reason) => Outcome::Skip { reason },
            None => match (check.run)(&mut ctx).await {
                Ok(()) => Outcome::Pass,
                Err(checks::Verdict::Fail(failure)) => Outcome::Fail(failure),
                Err(checks::Verdict::Skip(reason)) => Outcome::Skip { reason },
            },
        };
        report.push(check.id, outcome);
    }
    checks::cleanup(&mut ctx).await;
    report.capabilities = ctx.capabilities;
    report.declared = ctx.declared;
    report.created = ctx.created.clone();
    report.traffic = ctx.api.traffic.clone();
    Ok(report)
}

/// What the kit assumes when the server does not declare its capabilities: a test deployment
/// that trusts the test CA (the kit's precondition), no CMS, operator only with a token.
pub fn assumed_capabilities(operator_token: bool) -> Capabilities {
    Capabilities {
        test_ca: true,
        cms: false,
        operator: operator_token,
    }
}

#[cfg(test)]
mod tests {
    /// The README gives backend teams the test CA's public key: it must be the one that signs.
    #[test]
    fn the_readme_publishes_the_test_ca_key() {
        use base64::Engine;
        let key = egov_domain::signature::test_ca::trust_anchor().ca_public_key;
        let encoded = base64::engine::general_purpose::STANDARD.encode(key.to_bytes());
        let readme = include_str!("../../../README.md");
        assert!(readme.contains(&format!("`{encoded}`")), "{encoded}");
    }
}
