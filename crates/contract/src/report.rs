//! The outcome of a run: one line per check for people, or one JSON document for CI.

use crate::client::{Failure, Traffic};
use egov_domain::api::Capabilities;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail(Failure),
    Skip { reason: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub id: &'static str,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What the run left on the server.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Created {
    /// References of the applications the server accepted.
    pub applications: Vec<String>,
    pub uploads: u32,
    /// Uploads withdrawn again (`DELETE /uploads/{id}`): every one no application holds.
    pub uploads_withdrawn: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub base_url: String,
    /// As `GET /health` declared them, or as assumed when it did not (`declared` false).
    pub capabilities: Capabilities,
    pub declared: bool,
    pub checks: Vec<CheckResult>,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub created: Created,
    pub traffic: Traffic,
}

impl Report {
    pub fn new(base_url: &str) -> Report {
        Report {
            base_url: base_url.to_owned(),
            capabilities: crate::assumed_capabilities(false),
            declared: false,
            checks: Vec::new(),
            passed: 0,
            failed: 0,
            skipped: 0,
            created: Created::default(),
            traffic: Traffic::default(),
        }
    }

    pub fn push(&mut self, id: &'static str, outcome: Outcome) {
        match outcome {
            Outcome::Pass => self.passed += 1,
            Outcome::Fail(_) => self.failed += 1,
            Outcome::Skip { .. } => self.skipped += 1,
        }
        self.checks.push(CheckResult { id, outcome });
    }

    pub fn success(&self) -> bool {
        self.failed == 0
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.checks.iter().find(|c| c.id == id).map(|c| &c.outcome)
    }

    /// One line per check, what the run left behind, and the closing count.
    pub fn text(&self) -> String {
        let on = |b: bool| if b { "on" } else { "off" };
        let c = &self.capabilities;
        let mut lines = vec![format!(
            "egov-contract: {} (capabilities{}: test_ca {}, cms {}, operator {})",
            self.base_url,
            if self.declared {
                ""
            } else {
                " not declared, assumed"
            },
            on(c.test_ca),
            on(c.cms),
            on(c.operator)
        )];
        for check in &self.checks {
            lines.push(match &check.outcome {
                Outcome::Pass => format!("PASS {}", check.id),
                Outcome::Fail(failure) => format!("FAIL {}: {failure}", check.id),
                Outcome::Skip { reason } => format!("SKIP {}: {reason}", check.id),
            });
        }
        let created = &self.created;
        lines.push(format!(
            "left on the server: {} application(s){}, {} upload(s) of which {} withdrawn; {} request(s), {} answered 429 and waited out ({} s)",
            created.applications.len(),
            if created.applications.is_empty() {
                String::new()
            } else {
                format!(" ({})", created.applications.join(", "))
            },
            created.uploads,
            created.uploads_withdrawn,
            self.traffic.requests,
            self.traffic.rate_limited,
            self.traffic.waited_seconds,
        ));
        lines.push(format!(
            "{} passed, {} failed, {} skipped",
            self.passed, self.failed, self.skipped
        ));
        lines.join("\n")
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_reads_in_text_and_json() {
        let mut report = Report::new("http://127.0.0.1:1");
        report.push("a.pass", Outcome::Pass);
        let failure = Failure {
            sent: "GET /api/v1/health".into(),
            got: "200 application/json {}".into(),
            expected: "200 application/json with a Health".into(),
        };
        report.push("b.fail", Outcome::Fail(failure));
        report.push(
            "c.skip",
            Outcome::Skip {
                reason: "the server declares cms off".into(),
            },
        );
        assert!(!report.success());
        let text = report.text();
        assert!(text.contains("\nFAIL b.fail: sent GET /api/v1/health, got 200 application/json {}, contract says 200 application/json with a Health\n"), "{text}");
        assert!(
            text.contains("\nSKIP c.skip: the server declares cms off\n"),
            "{text}"
        );
        assert!(text.ends_with("\n1 passed, 1 failed, 1 skipped"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&report.json()).unwrap();
        assert_eq!(json["checks"][1]["outcome"], "fail");
        assert_eq!(
            json["checks"][1]["expected"],
            "200 application/json with a Health"
        );
        assert_eq!(json["checks"][2]["reason"], "the server declares cms off");
        assert_eq!(
            (json["passed"].clone(), json["failed"].clone()),
            (1.into(), 1.into())
        );
    }
}
