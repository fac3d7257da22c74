//! Contract: the provider's workflow endpoints and the demo simulation.

mod support;

use egov_contract::fixtures::{issue, referral_document, refusal, to, STEPS_TO_SIGNED};
use egov_domain::api::{problem_code, ApplicationRecord, ResultDocument, TransitionRequest};
use egov_domain::ApplicationStatus::{self, *};
use reqwest::StatusCode;
use support::{assert_schema, ok, problem, start_operator, start_with, TestServer};

const TOKEN: &str = "operator-secret";

async fn operator() -> TestServer {
    start_operator(TOKEN).await
}

fn document() -> ResultDocument {
    ResultDocument {
        result: Some("youth_practice_referral".into()),
        ..referral_document()
    }
}

/// The operator's transition of `reference` to `body`, accepted.
async fn accepted(t: &TestServer, reference: &str, body: &TransitionRequest) -> ApplicationRecord {
    ok(
        t.transition(reference, body, Some(TOKEN)).await,
        StatusCode::OK,
    )
    .await
}

/// The operator's transition of `reference` to `body`, refused with `status` and `code`.
async fn refused(
    t: &TestServer,
    reference: &str,
    body: &TransitionRequest,
    status: StatusCode,
    code: &str,
) {
    problem(
        t.transition(reference, body, Some(TOKEN)).await,
        status,
        code,
    )
    .await;
}

#[tokio::test]
async fn an_application_walks_the_regulation_to_its_result() {
    let t = operator().await;
    let reference = t.submit_referral().await;
    for status in STEPS_TO_SIGNED {
        let mut body = to(status);
        if status == Registered {
            body.actor = Some("office:Kyzylorda-3".into());
        }
        let record: ApplicationRecord = accepted(&t, &reference, &body).await;
        assert_eq!(record.status, status);
    }
    refused(
        &t,
        &reference,
        &to(ResultIssued),
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::RESULT_REQUIRED,
    )
    .await;
    let issue = issue(document());
    let record: serde_json::Value = ok(
        t.transition(&reference, &issue, Some(TOKEN)).await,
        StatusCode::OK,
    )
    .await;
    assert_schema(&record, "ApplicationRecord");
    let record: ApplicationRecord = serde_json::from_value(record).unwrap();
    assert_eq!(record.result, issue.result);
    let steps: Vec<(ApplicationStatus, &str)> = record
        .history
        .iter()
        .map(|e| (e.status, e.actor.as_str()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (Submitted, "applicant"),
            (Registered, "office:Kyzylorda-3"),
            (ExecutorAssigned, "provider_head"),
            (Checked, "provider_executor"),
            (Signed, "provider_head"),
            (ResultIssued, "provider_executor"),
        ]
    );
    assert!(record.history.windows(2).all(|w| w[0].at <= w[1].at));
    // The citizen sees the same through the public read.
    let public: ApplicationRecord = ok(
        t.get(&format!("/applications/{reference}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(public, record);
    refused(
        &t,
        &reference,
        &to(Refused),
        StatusCode::CONFLICT,
        problem_code::TRANSITION_FROM_FINAL,
    )
    .await;
}

#[tokio::test]
async fn refusal_needs_grounds_and_steps_cannot_be_skipped() {
    let t = operator().await;
    let reference = t.submit_referral().await;
    refused(
        &t,
        &reference,
        &to(Checked),
        StatusCode::CONFLICT,
        problem_code::TRANSITION_NOT_ALLOWED,
    )
    .await;
    let mut refuse = refusal("  ");
    refused(
        &t,
        &reference,
        &refuse,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::REFUSAL_GROUNDS_REQUIRED,
    )
    .await;
    refuse.refusal_grounds = Some("Не зарегистрирован как безработный".into());
    let record = accepted(&t, &reference, &refuse).await;
    assert_eq!(record.status, Refused);
    assert_eq!(record.refusal_grounds, refuse.refusal_grounds);
}

#[tokio::test]
async fn operator_endpoints_need_the_token_and_a_configured_server() {
    let t = operator().await;
    let reference = t.submit_referral().await;
    let closed = start_with(|_| {}).await;
    let closed_reference = closed.submit_referral().await;
    for (server, reference, token, status, code) in [
        (
            &t,
            reference.as_str(),
            None,
            StatusCode::UNAUTHORIZED,
            problem_code::UNAUTHORIZED,
        ),
        (
            &t,
            &reference,
            Some("guess"),
            StatusCode::UNAUTHORIZED,
            problem_code::UNAUTHORIZED,
        ),
        (
            &t,
            "NOPE-NOPE-NOPE",
            Some(TOKEN),
            StatusCode::NOT_FOUND,
            problem_code::NOT_FOUND,
        ),
        // A server without an operator token has the endpoints off.
        (
            &closed,
            &closed_reference,
            Some(TOKEN),
            StatusCode::NOT_FOUND,
            problem_code::OPERATOR_DISABLED,
        ),
    ] {
        problem(
            server.transition(reference, &to(Registered), token).await,
            status,
            code,
        )
        .await;
    }
}

#[tokio::test]
async fn simulation_advances_applications_to_their_result() {
    let t = start_with(|c| c.simulate_step_seconds = Some(1)).await;
    let reference = t.submit_referral().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let record = loop {
        let record: ApplicationRecord = ok(
            t.get(&format!("/applications/{reference}")).await,
            StatusCode::OK,
        )
        .await;
        if record.status.is_final() || std::time::Instant::now() > deadline {
            break record;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(record.status, ResultIssued);
    assert_eq!(record.history.len(), 6);
    assert!(record.history[1..].iter().all(|e| e.actor == "simulation"));
    assert!(record.result.is_some());
}
