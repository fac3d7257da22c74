//! The attacks of issue 16, each tried over HTTP against a real server and refused: uploads have
//! owners, attachments are bound to what was signed, uploads are limited and swept, slow clients
//! are cut off, a signed body creates one application, personal data is not cached, and the
//! operator endpoint reads nothing before it authorises.

mod support;

use egov_domain::api::{problem_code, ApplicationRecord, UploadReceipt};
use egov_domain::signature::test_ca::{self, TestCertificate};
use reqwest::StatusCode;
use std::time::Duration;
use support::{
    attachment, invalid, ok, problem, signed, spawn_binary, start, start_with, upload_pdf,
    TestServer, IIN,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REFERRAL: &str = "active_employment_referral";
/// Another applicant (valid check digit).
const OTHER_IIN: &str = "990106300596";

/// An upload of [`support::PDF`] named `name` (percent-encoded), whatever the answer.
async fn try_upload(t: &TestServer, name: &str) -> reqwest::Response {
    t.client
        .post(t.url("/uploads"))
        .header("content-type", "application/pdf")
        .header("x-file-name", name)
        .body(support::PDF)
        .send()
        .await
        .unwrap()
}

async fn delete(t: &TestServer, id: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = t.client.delete(t.url(&format!("/uploads/{id}")));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// An application of `iin` whose one document is the upload of `receipt`.
async fn application_with(
    t: &TestServer,
    iin: &str,
    receipt: &UploadReceipt,
) -> egov_domain::Application {
    let _ = t;
    let mut application = support::application(REFERRAL, iin);
    let catalogue = egov_domain::catalogue::Catalogue::embedded();
    let service = catalogue
        .service_in_region(&application.service, &application.region)
        .unwrap();
    let needed =
        egov_domain::documents::attachments_online(&service, &application.applicant.profile());
    assert_eq!(needed.len(), 1, "the referral asks for one document");
    application.documents = vec![attachment(needed[0].requirement.document.clone(), receipt)];
    application
}

/// The application of [`IIN`] with the upload of `receipt`, submitted and accepted.
async fn submit_with(t: &TestServer, receipt: &UploadReceipt) -> ApplicationRecord {
    let body = signed(application_with(t, IIN, receipt).await);
    ok(t.submit(&body, None).await, StatusCode::CREATED).await
}

#[tokio::test]
async fn a_stranger_cannot_delete_an_upload_and_nobody_can_once_it_is_submitted() {
    let t = start().await;
    let receipt = upload_pdf(&t.client, &t.url("")).await;
    assert!(
        receipt.delete_token.len() >= 40,
        "a secret, not a guessable id"
    );
    let forbidden = |response| {
        problem(
            response,
            StatusCode::FORBIDDEN,
            problem_code::UPLOAD_FORBIDDEN,
        )
    };
    forbidden(delete(&t, &receipt.id, None).await).await;
    forbidden(delete(&t, &receipt.id, Some("guess")).await).await;
    // Another upload's token is not this one's.
    let other = upload_pdf(&t.client, &t.url("")).await;
    forbidden(delete(&t, &receipt.id, Some(&other.delete_token)).await).await;

    let record = submit_with(&t, &receipt).await;
    // Not even the uploader may take a submitted document away.
    problem(
        delete(&t, &receipt.id, Some(&receipt.delete_token)).await,
        StatusCode::CONFLICT,
        problem_code::UPLOAD_ATTACHED,
    )
    .await;
    let file = t.data_dir().join("uploads").join(&receipt.id);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        support::PDF,
        "the file is kept"
    );

    // The public view names the file, not the server's id of it.
    let response = t.get(&format!("/applications/{}", record.reference)).await;
    let body = response.text().await.unwrap();
    assert!(body.contains("document.pdf"), "{body}");
    assert!(
        !body.contains(&receipt.id),
        "the upload id is public: {body}"
    );
    assert!(!body.contains("upload_id"), "{body}");

    // The owner may withdraw an unattached upload.
    assert_eq!(
        delete(&t, &other.id, Some(&other.delete_token))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn an_upload_is_attached_by_one_application_only() {
    let t = start().await;
    let receipt = upload_pdf(&t.client, &t.url("")).await;
    submit_with(&t, &receipt).await;
    // Someone who learnt the id attaches it to their own application.
    let theirs = signed(application_with(&t, OTHER_IIN, &receipt).await);
    let swap = invalid(t.submit(&theirs, None).await).await;
    assert_eq!(swap.errors[0].path, "application.documents[0].upload_id");
    assert_eq!(swap.errors[0].code, problem_code::UPLOAD_ALREADY_ATTACHED);

    // One upload twice in one application.
    let fresh = upload_pdf(&t.client, &t.url("")).await;
    let mut twice = application_with(&t, IIN, &fresh).await;
    twice.documents.push(twice.documents[0].clone());
    let refused = invalid(t.submit(&signed(twice), None).await).await;
    assert!(refused
        .errors
        .iter()
        .any(|e| e.path == "application.documents[1].upload_id"
            && e.code == problem_code::UPLOAD_ALREADY_ATTACHED));

    // Two applications racing for one upload: one wins.
    let contested = upload_pdf(&t.client, &t.url("")).await;
    let a = signed(application_with(&t, IIN, &contested).await);
    let b = signed(application_with(&t, OTHER_IIN, &contested).await);
    let (a, b) = tokio::join!(t.submit(&a, None), t.submit(&b, None));
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::UNPROCESSABLE_ENTITY]
    );
}

#[tokio::test]
async fn every_attachment_is_checked_against_its_receipt() {
    let t = start().await;
    let receipt = upload_pdf(&t.client, &t.url("")).await;
    let base = application_with(&t, IIN, &receipt).await;
    let tampered = |change: fn(&mut egov_domain::AttachedDocument)| {
        let mut application = base.clone();
        change(&mut application.documents[0]);
        signed(application)
    };
    type Change = fn(&mut egov_domain::AttachedDocument);
    let cases: [(&str, Change); 4] = [
        ("sha256", |d| d.sha256 = "ab".repeat(32)),
        ("size", |d| {
            d.size = egov_domain::application::MAX_EXACT_SIZE
        }),
        ("file_name", |d| d.file_name = "passport.pdf".into()),
        ("media_type", |d| d.media_type = "image/png".into()),
    ];
    for (field, change) in cases {
        let refused = invalid(t.submit(&tampered(change), None).await).await;
        assert_eq!(refused.errors.len(), 1, "{field}: {:?}", refused.errors);
        assert_eq!(
            refused.errors[0].path,
            format!("application.documents[0].{field}")
        );
        assert_eq!(refused.errors[0].code, problem_code::UPLOAD_MISMATCH);
    }
    // A name no receipt could carry: too long, markup, a right-to-left override.
    let long_name =
        tampered(|d| d.file_name = format!("<img src=x>{}\u{202E}fdp.exe", "a".repeat(2000)));
    let refused = invalid(t.submit(&long_name, None).await).await;
    assert_eq!(refused.errors[0].path, "application.documents[0].file_name");
    assert_eq!(refused.errors[0].code, "file_name_invalid");
    // And the upload refuses such a name in the first place.
    invalid(try_upload(&t, "cod%E2%80%AEfdp.exe").await).await;

    // The untampered application is accepted: the refusals above were the changes.
    ok::<ApplicationRecord>(t.submit(&signed(base), None).await, StatusCode::CREATED).await;
}

#[tokio::test]
async fn a_document_the_regulation_does_not_ask_for_is_refused() {
    let t = start().await;
    for id in ["../../x", "diploma_of_another_service"] {
        let receipt = upload_pdf(&t.client, &t.url("")).await;
        let mut application = t.application(REFERRAL, IIN).await;
        application.documents.push(attachment(
            egov_domain::documents::DocumentId::new(id),
            &receipt,
        ));
        let at = application.documents.len() - 1;
        let refused = invalid(t.submit(&signed(application), None).await).await;
        assert_eq!(
            refused.errors,
            vec![egov_domain::api::FieldError {
                path: format!("application.documents[{at}].document"),
                code: problem_code::DOCUMENT_NOT_REQUESTED.into(),
            }]
        );
    }
}

#[tokio::test]
async fn a_flood_of_uploads_is_limited_per_client() {
    let t = start_with(|c| c.uploads.per_minute = 5).await;
    for _ in 0..5 {
        upload_pdf(&t.client, &t.url("")).await;
    }
    let response = try_upload(&t, "document.pdf").await;
    assert!(response.headers().contains_key("retry-after"));
    problem(
        response,
        StatusCode::TOO_MANY_REQUESTS,
        problem_code::RATE_LIMITED,
    )
    .await;
}

#[tokio::test]
async fn uploads_stop_at_the_client_quota_and_at_the_total_quota() {
    let size = support::PDF.len() as u64;
    let t = start_with(|c| c.uploads.quotas.per_client = 2 * size).await;
    let first = upload_pdf(&t.client, &t.url("")).await;
    upload_pdf(&t.client, &t.url("")).await;
    let response = try_upload(&t, "document.pdf").await;
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait > 0);
    problem(
        response,
        StatusCode::TOO_MANY_REQUESTS,
        problem_code::UPLOAD_QUOTA_EXCEEDED,
    )
    .await;
    // Attaching frees the client's quota: what it holds for submitted applications is theirs.
    submit_with(&t, &first).await;
    upload_pdf(&t.client, &t.url("")).await;

    let full = start_with(|c| c.uploads.quotas.total = 2 * size).await;
    upload_pdf(&full.client, &full.url("")).await;
    upload_pdf(&full.client, &full.url("")).await;
    problem(
        try_upload(&full, "document.pdf").await,
        StatusCode::INSUFFICIENT_STORAGE,
        problem_code::STORAGE_FULL,
    )
    .await;
}

#[tokio::test]
async fn unattached_uploads_are_swept_and_attached_ones_kept() {
    let t = start_with(|c| {
        c.uploads.quotas.unattached_max_age = Duration::from_secs(3);
        c.uploads.sweep_interval = Duration::from_millis(200);
    })
    .await;
    let kept = upload_pdf(&t.client, &t.url("")).await;
    submit_with(&t, &kept).await;
    let abandoned = upload_pdf(&t.client, &t.url("")).await;
    let uploads = t.data_dir().join("uploads");
    assert!(uploads.join(&abandoned.id).exists());
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while uploads.join(&abandoned.id).exists() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the unattached upload was never swept"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    problem(
        delete(&t, &abandoned.id, Some(&abandoned.delete_token)).await,
        StatusCode::NOT_FOUND,
        problem_code::NOT_FOUND,
    )
    .await;
    assert!(
        uploads.join(&kept.id).exists(),
        "an attached upload is kept"
    );
}

/// Writes `head` on a fresh connection, then waits for the server to close it; returns what it
/// answered. Fails if the connection is still open after 30 s.
async fn closed_after(t: &TestServer, head: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(t.server.addr).await.unwrap();
    stream.write_all(head).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut answer))
        .await
        .expect("the server closes a stalled connection")
        .ok();
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn slow_headers_and_stalled_bodies_are_closed() {
    let t = start_with(|c| {
        c.timeouts.header = Duration::from_secs(1);
        c.timeouts.body_idle = Duration::from_secs(1);
    })
    .await;
    // Headers that never finish.
    closed_after(&t, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ").await;
    // A body that stops after 5 of 1,000 declared bytes: answered with a problem, then closed.
    let answer = closed_after(
        &t,
        b"POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\n\
          X-File-Name: a.pdf\r\nContent-Length: 1000\r\n\r\n%PDF-",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    let answer = closed_after(
        &t,
        b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 1000\r\n\r\n{\"app",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
    // A prompt client is served as usual.
    assert_eq!(t.get("/health").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_signed_body_sent_again_creates_no_second_application() {
    let t = start().await;
    let body = signed(t.application(REFERRAL, IIN).await);
    let first: ApplicationRecord = ok(t.submit(&body, None).await, StatusCode::CREATED).await;
    let again: ApplicationRecord = ok(t.submit(&body, None).await, StatusCode::OK).await;
    assert_eq!(again.reference, first.reference);
    // In parallel too.
    let parallel = signed(t.application(REFERRAL, IIN).await);
    let answers = futures_join(&t, &parallel, 4).await;
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{answers:?}");
    assert!(
        answers.iter().all(|(_, r)| r == &answers[0].1),
        "{answers:?}"
    );

    let token = t.sign_in(IIN).await;
    let mine: Vec<serde_json::Value> = ok(t.mine(Some(&token)).await, StatusCode::OK).await;
    assert_eq!(mine.len(), 2, "one application per signed body");
}

async fn futures_join(
    t: &TestServer,
    body: &egov_domain::api::SignedApplication,
    n: usize,
) -> Vec<(StatusCode, String)> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (client, url, body) = (t.client.clone(), t.url("/applications"), body.clone());
        tasks.push(tokio::spawn(async move {
            let response = client.post(url).json(&body).send().await.unwrap();
            let status = response.status();
            let record: ApplicationRecord = response.json().await.unwrap();
            (status, record.reference)
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

#[tokio::test]
async fn a_key_someone_else_used_does_not_touch_the_victims_submission() {
    let t = start().await;
    let mut attacker = t.application(REFERRAL, OTHER_IIN).await;
    let mut victim = t.application(REFERRAL, IIN).await;
    attacker.idempotency_key = victim.idempotency_key.clone();
    let theirs: ApplicationRecord =
        ok(t.submit(&signed(attacker), None).await, StatusCode::CREATED).await;
    victim.idempotency_key = theirs.application.idempotency_key.clone();
    let mine: ApplicationRecord =
        ok(t.submit(&signed(victim), None).await, StatusCode::CREATED).await;
    assert_ne!(mine.reference, theirs.reference);
    assert_eq!(mine.application.applicant.iin, IIN);
}

#[tokio::test]
async fn a_body_signed_long_ago_or_in_the_future_is_refused() {
    let t = start().await;
    let mut old = t.application(REFERRAL, IIN).await;
    old.signed_at = support::signed_at(-time::Duration::hours(2));
    let refused = problem(
        t.submit(&signed(old.clone()), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::SIGNING_TIME_TOO_OLD,
    )
    .await;
    assert!(refused.title.contains("sign again"), "{}", refused.title);
    let mut ahead = t.application(REFERRAL, IIN).await;
    ahead.signed_at = support::signed_at(time::Duration::hours(1));
    problem(
        t.submit(&signed(ahead), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::SIGNING_TIME_IN_FUTURE,
    )
    .await;
    // Signed again now, the same application goes through.
    old.signed_at = support::signed_at(time::Duration::ZERO);
    ok::<ApplicationRecord>(t.submit(&signed(old), None).await, StatusCode::CREATED).await;
}

fn assert_no_store(response: &reqwest::Response, what: &str) {
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store"),
        "{what}"
    );
}

#[tokio::test]
async fn answers_with_personal_data_are_not_cached() {
    let t = start().await;
    let upload = try_upload(&t, "document.pdf").await;
    assert_no_store(&upload, "an upload receipt (its delete token)");
    let body = signed(t.application(REFERRAL, IIN).await);
    let submitted = t.submit(&body, None).await;
    assert_no_store(&submitted, "a submission's record");
    let record: ApplicationRecord = submitted.json().await.unwrap();
    let read = t.get(&format!("/applications/{}", record.reference)).await;
    assert_no_store(&read, "GET /applications/{reference}");
    let token = t.sign_in(IIN).await;
    let mine = t.mine(Some(&token)).await;
    assert_eq!(mine.status(), StatusCode::OK);
    assert_no_store(&mine, "GET /applications");
    let session = t
        .client
        .post(t.url("/session/challenge"))
        .send()
        .await
        .unwrap();
    assert_no_store(&session, "a sign-in challenge");
    // No HSTS unless configured (the reference server speaks plain HTTP on loopback) …
    assert!(!read.headers().contains_key("strict-transport-security"));
    // … and with it, on every answer.
    let tls = start_with(|c| c.browsers.hsts = true).await;
    let health = tls.get("/health").await;
    assert!(health.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_and_its_files_are_the_servers_own() {
    use std::os::unix::fs::PermissionsExt;
    let t = start().await;
    upload_pdf(&t.client, &t.url("")).await;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(t.data_dir()), 0o700);
    assert_eq!(mode(&t.data_dir().join("uploads")), 0o700);
    for entry in std::fs::read_dir(t.data_dir().join("uploads")).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
    for entry in std::fs::read_dir(t.data_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
}

#[tokio::test]
async fn the_operator_endpoint_reads_no_body_before_it_authorises() {
    const TOKEN: &str = "operator-secret-token";
    let t = start_with(|c| {
        c.operator_token = Some(TOKEN.into());
        c.operator_failures_per_minute = 3;
    })
    .await;
    let call = |token: Option<&'static str>, body: &'static str| {
        let mut request = t
            .client
            .post(t.url("/operator/applications/AAAA-BBBB-CCCC/transitions"))
            .header("content-type", "application/json")
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let unauthorized = (StatusCode::UNAUTHORIZED, problem_code::UNAUTHORIZED);
    let limited = (StatusCode::TOO_MANY_REQUESTS, problem_code::RATE_LIMITED);
    let cases = [
        // A body that would fail to parse, naming the status enum in the error, is never read.
        (None, r#"{"to":"nonsense"}"#, unauthorized),
        (Some("wrong"), "{not json", unauthorized),
        // With the token the body is read (and here found malformed).
        (
            Some(TOKEN),
            "{not json",
            (StatusCode::BAD_REQUEST, problem_code::MALFORMED_BODY),
        ),
        // Failures are limited: the third failure is the last answered 401 …
        (Some("wrong"), "{}", unauthorized),
        (Some("wrong"), "{}", limited),
        // … and while locked out, even the right token waits: guesses teach nothing.
        (Some(TOKEN), "{}", limited),
    ];
    let mut answers = Vec::new();
    for (token, body, (status, code)) in cases {
        let response = call(token, body).await.unwrap();
        let retry_after = response.headers().contains_key("retry-after");
        answers.push((problem(response, status, code).await, retry_after));
    }
    let (refused, _) = &answers[0];
    assert!(refused.detail.is_none(), "{refused:?}");
    assert!(
        !format!("{refused:?}").contains("registered"),
        "{refused:?}"
    );
    let (_, locked_retry_after) = answers[4];
    assert!(locked_retry_after);
}

/// The server binary's log: one line per request with the route's pattern, the status and the
/// request id the answer carries; security events; and no reference, IIN or query.
#[tokio::test]
async fn the_request_log_names_routes_and_events_never_personal_data() {
    let data = tempfile::tempdir().unwrap();
    let (mut child, url, lines) = spawn_binary(data.path(), &[], "info");
    let collected = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());
    let client = reqwest::Client::new();
    let reference = "ABCD-EFGH-JKMN";
    let missing = client
        .get(format!("{url}/api/v1/applications/{reference}?iin={IIN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let request_id = missing.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    // A sign-in with an expired certificate: a security event.
    let refused =
        egov_contract::fixtures::sign_in(&client, &format!("{url}/api/v1"), IIN, |bytes| {
            test_ca::sign(
                TestCertificate::Expired,
                IIN,
                bytes,
                time::OffsetDateTime::now_utc(),
            )
        })
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // SIGKILL would lose buffered lines; the log is written line by line, so a kill after the
    // answers is enough, and a short wait lets the last line out.
    tokio::time::sleep(Duration::from_millis(300)).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let log = collected.join().unwrap().join("\n");
    let line = log
        .lines()
        .find(|l| l.contains(&request_id))
        .unwrap_or_else(|| panic!("no line names request {request_id}:\n{log}"));
    assert!(
        line.contains(r#"route="/api/v1/applications/{reference}""#),
        "{line}"
    );
    assert!(line.contains("status=404"), "{line}");
    assert!(line.contains("method=GET"), "{line}");
    assert!(
        log.contains("sign_in_failed") && log.contains("certificate_expired"),
        "{log}"
    );
    for secret in [reference, IIN, "iin="] {
        assert!(!log.contains(secret), "{secret} is in the log:\n{log}");
    }
}
