//! Contract: the provider's workflow endpoints and the demo simulation.

mod support;

use egov_domain::api::{
    problem_code, ApplicationRecord, HeadSignature, ResultDocument, ResultDocumentKind,
    TransitionRequest,
};
use egov_domain::ApplicationStatus::{self, *};
use reqwest::StatusCode;
use support::{assert_schema, ok, problem, signed, start_with, TestServer, IIN};

const TOKEN: &str = "operator-secret";

async fn operator() -> TestServer {
    start_with(|c| c.operator_token = Some(TOKEN.into())).await
}

async fn submit(t: &TestServer) -> String {
    let record: ApplicationRecord = ok(
        t.submit(
            &signed(t.application("active_employment_referral", IIN).await),
            None,
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    record.reference
}

fn to(status: ApplicationStatus) -> TransitionRequest {
    TransitionRequest {
        to: status,
        actor: None,
        refusal_grounds: None,
        result: None,
    }
}

fn document() -> ResultDocument {
    ResultDocument {
        kind: ResultDocumentKind::Referral,
        result: Some("youth_practice_referral".into()),
        number: "ЖП-2026/0042".into(),
        date: "2026-11-24".into(),
        provider: "Отдел занятости и социальных программ".into(),
        head_signature: HeadSignature {
            signer_name: "БАСШЫ Б.".into(),
            certificate_serial: "HEAD-0001".into(),
            signed_at: time::OffsetDateTime::now_utc(),
        },
    }
}

async fn post(
    t: &TestServer,
    reference: &str,
    body: &TransitionRequest,
    token: Option<&str>,
) -> reqwest::Response {
    let mut request = t
        .client
        .post(t.url(&format!("/operator/applications/{reference}/transitions")))
        .json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn an_application_walks_the_regulation_to_its_result() {
    let t = operator().await;
    let reference = submit(&t).await;
    for status in [Registered, ExecutorAssigned, Checked, Signed] {
        let mut body = to(status);
        if status == Registered {
            body.actor = Some("office:Kyzylorda-3".into());
        }
        let record: ApplicationRecord = ok(
            post(&t, &reference, &body, Some(TOKEN)).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(record.status, status);
    }
    problem(
        post(&t, &reference, &to(ResultIssued), Some(TOKEN)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::RESULT_REQUIRED,
    )
    .await;
    let mut issue = to(ResultIssued);
    issue.result = Some(document());
    let record: serde_json::Value = ok(
        post(&t, &reference, &issue, Some(TOKEN)).await,
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
    problem(
        post(&t, &reference, &to(Refused), Some(TOKEN)).await,
        StatusCode::CONFLICT,
        problem_code::TRANSITION_FROM_FINAL,
    )
    .await;
}

#[tokio::test]
async fn refusal_needs_grounds_and_steps_cannot_be_skipped() {
    let t = operator().await;
    let reference = submit(&t).await;
    problem(
        post(&t, &reference, &to(Checked), Some(TOKEN)).await,
        StatusCode::CONFLICT,
        problem_code::TRANSITION_NOT_ALLOWED,
    )
    .await;
    let mut refuse = to(Refused);
    refuse.refusal_grounds = Some("  ".into());
    problem(
        post(&t, &reference, &refuse, Some(TOKEN)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::REFUSAL_GROUNDS_REQUIRED,
    )
    .await;
    refuse.refusal_grounds = Some("Не зарегистрирован как безработный".into());
    let record: ApplicationRecord = ok(
        post(&t, &reference, &refuse, Some(TOKEN)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(record.status, Refused);
    assert_eq!(record.refusal_grounds, refuse.refusal_grounds);
}

#[tokio::test]
async fn operator_endpoints_need_the_token_and_a_configured_server() {
    let t = operator().await;
    let reference = submit(&t).await;
    problem(
        post(&t, &reference, &to(Registered), None).await,
        StatusCode::UNAUTHORIZED,
        problem_code::UNAUTHORIZED,
    )
    .await;
    problem(
        post(&t, &reference, &to(Registered), Some("guess")).await,
        StatusCode::UNAUTHORIZED,
        problem_code::UNAUTHORIZED,
    )
    .await;
    problem(
        post(&t, "NOPE-NOPE-NOPE", &to(Registered), Some(TOKEN)).await,
        StatusCode::NOT_FOUND,
        problem_code::NOT_FOUND,
    )
    .await;
    let closed = start_with(|_| {}).await;
    let reference = submit(&closed).await;
    problem(
        post(&closed, &reference, &to(Registered), Some(TOKEN)).await,
        StatusCode::NOT_FOUND,
        problem_code::OPERATOR_DISABLED,
    )
    .await;
}

#[tokio::test]
async fn simulation_advances_applications_to_their_result() {
    let t = start_with(|c| c.simulate_step_seconds = Some(1)).await;
    let reference = submit(&t).await;
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
