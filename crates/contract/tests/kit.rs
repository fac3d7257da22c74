//! The kit against the reference server (a free port, a fresh database), and against two fake
//! backends it must fail: one that answers `200 {}` to everything, and the reference server
//! behind a proxy that swaps problem codes.

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use egov_contract::{Options, Outcome, Report};
use egov_server::{Config, RunningServer};

const OPERATOR_TOKEN: &str = "contract-operator-token";

async fn reference_server(
    data: &tempfile::TempDir,
    adjust: impl FnOnce(&mut Config),
) -> RunningServer {
    let mut config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data_dir: data.path().to_owned(),
        trust_test_ca: true,
        // The default rate limit (30 a minute) stays on: the kit must wait it out.
        ..Config::default()
    };
    adjust(&mut config);
    egov_server::start(config).await.expect("the server starts")
}

/// Serves `app` on a free loopback port.
async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

fn failure<'a>(report: &'a Report, id: &str) -> &'a egov_contract::client::Failure {
    match report.outcome(id) {
        Some(Outcome::Fail(failure)) => failure,
        other => panic!("{id}: {other:?}\n{}", report.text()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_server_passes_every_check() {
    let data = tempfile::tempdir().unwrap();
    let server = reference_server(&data, |c| c.operator_token = Some(OPERATOR_TOKEN.into())).await;
    let mut options = Options::new(server.url());
    options.operator_token = Some(OPERATOR_TOKEN.into());
    let report = egov_contract::run(&options).await.unwrap();
    println!("{}", report.text());
    assert!(report.success(), "{}", report.text());
    assert!(
        report.declared,
        "the reference server declares its capabilities"
    );
    assert!(report.passed >= 40, "{}", report.text());
    // Only what this configuration cannot show: CMS on, operator off.
    let skipped: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Skip { .. }))
        .map(|c| c.id)
        .collect();
    assert_eq!(skipped, ["submit.cms_malformed", "operator.disabled"]);
    // Bounded, as the README says: three applications, each with its own upload (one upload per
    // application); every upload no application holds is withdrawn with its delete_token.
    assert_eq!(report.created.applications.len(), 3, "{:?}", report.created);
    assert!(report.created.uploads <= 40, "{:?}", report.created);
    let kept = report.created.uploads - report.created.uploads_withdrawn;
    assert!(kept <= 3, "{:?}", report.created);
    server.stop().await.unwrap();
}

#[tokio::test]
async fn operator_checks_follow_the_declared_capability() {
    let data = tempfile::tempdir().unwrap();
    let server = reference_server(&data, |_| {}).await;
    let mut options = Options::new(server.url());
    // A token the server does not have: the server's declaration decides.
    options.operator_token = Some("unused".into());
    options.only = vec!["health.".into(), "operator.".into()];
    let report = egov_contract::run(&options).await.unwrap();
    assert!(report.success(), "{}", report.text());
    assert_eq!(report.outcome("operator.disabled"), Some(&Outcome::Pass));
    match report.outcome("operator.walk_to_result") {
        Some(Outcome::Skip { reason }) => assert!(reason.contains("operator off"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_backend_answering_200_empty_object_fails_with_readable_lines() {
    let app = axum::Router::new().fallback(|| async { axum::Json(serde_json::json!({})) });
    let url = serve(app).await;
    let binary = env!("CARGO_BIN_EXE_egov-contract");
    let output = tokio::process::Command::new(binary)
        .args(["--base-url", &url, "--pace-ms", "0"])
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(!output.status.success(), "exit code 0:\n{stdout}");
    let health = stdout
        .lines()
        .find(|l| l.starts_with("FAIL health.ok: "))
        .expect("health.ok fails");
    assert!(
        health.contains("sent GET /api/v1/health, got 200 application/json {}, contract says 200 application/json with a Health"),
        "{health}"
    );
    let malformed = stdout
        .lines()
        .find(|l| l.starts_with("FAIL submit.malformed_json: "))
        .expect("submit.malformed_json fails");
    assert!(
        malformed.contains("contract says 400 application/problem+json with code malformed_body"),
        "{malformed}"
    );
    // A check whose preparation fails says which request it was.
    let expired = stdout
        .lines()
        .find(|l| l.starts_with("FAIL submit.certificate_expired: "))
        .expect("submit.certificate_expired fails");
    assert!(expired.contains("sent POST /api/v1/uploads"), "{expired}");
    // The oversize upload may break off unanswered; the next request still gets its answer.
    let after_oversize = stdout
        .lines()
        .find(|l| l.starts_with("FAIL uploads.file_name_missing: "))
        .expect("uploads.file_name_missing fails");
    assert!(
        after_oversize.contains("got 200 application/json {}"),
        "{after_oversize}"
    );
    assert!(!stdout.lines().any(|l| l.starts_with("PASS ")), "{stdout}");
    let closing = stdout.lines().last().unwrap();
    assert!(
        closing.starts_with("0 passed, ") && closing.ends_with(" skipped"),
        "{closing}"
    );
}

/// Forwards to the reference server and swaps problem codes: `certificate_expired` for another
/// documented code, `unknown_region` for an undocumented one.
async fn swap_codes(State(upstream): State<String>, request: Request) -> Response {
    let client = reqwest::Client::new();
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let mut forwarded = client.request(
        parts.method.clone(),
        format!("{upstream}{}", parts.uri.path_and_query().unwrap()),
    );
    for name in [
        "content-type",
        "x-file-name",
        "idempotency-key",
        "authorization",
    ] {
        if let Some(value) = parts.headers.get(name) {
            forwarded = forwarded.header(name, value.as_bytes());
        }
    }
    let answer = forwarded.body(body).send().await.unwrap();
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap();
    let mut headers = HeaderMap::new();
    for name in [
        "content-type",
        "retry-after",
        "allow",
        "content-disposition",
    ] {
        if let Some(value) = answer.headers().get(name) {
            headers.insert(name, value.as_bytes().try_into().unwrap());
        }
    }
    let text = String::from_utf8_lossy(&answer.bytes().await.unwrap()).into_owned();
    let text = text
        .replace("\"certificate_expired\"", "\"certificate_revoked\"")
        .replace("\"unknown_region\"", "\"region_unknown\"");
    (status, headers, Bytes::from(text)).into_response()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backend_with_a_wrong_problem_code_fails() {
    let data = tempfile::tempdir().unwrap();
    let server = reference_server(&data, |c| c.rate_limit_per_minute = 0).await;
    let app = axum::Router::new()
        .fallback(swap_codes)
        .with_state(server.url());
    let mut options = Options::new(serve(app).await);
    options.only = [
        "health.",
        "catalogue.unknown_region",
        "submit.valid",
        "submit.certificate_",
    ]
    .map(String::from)
    .to_vec();
    let report = egov_contract::run(&options).await.unwrap();
    println!("{}", report.text());
    assert!(!report.success());
    let expired = failure(&report, "submit.certificate_expired");
    assert!(
        expired.got.starts_with("422 application/problem+json"),
        "{expired}"
    );
    assert!(expired.got.contains("certificate_revoked"), "{expired}");
    assert_eq!(
        expired.expected,
        "422 application/problem+json with code certificate_expired"
    );
    let region = failure(&report, "catalogue.unknown_region");
    assert!(
        region
            .expected
            .contains("code \"region_unknown\" is not documented for 404 of GET /api/v1/services"),
        "{region}"
    );
    // Everything else is the reference server's answer, and passes.
    assert_eq!(report.failed, 2, "{}", report.text());
    assert_eq!(report.outcome("submit.valid"), Some(&Outcome::Pass));
    assert_eq!(
        report.outcome("submit.certificate_revoked"),
        Some(&Outcome::Pass)
    );
}
