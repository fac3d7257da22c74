//! Contract: sign-in by signing a challenge, and the signed-in citizen's applications.

mod support;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use egov_domain::api::{
    problem_code, ApplicationSummary, Session, SessionChallenge, SessionRequest,
};
use egov_domain::signature::test_ca::{self, TestCertificate};
use reqwest::StatusCode;
use support::{assert_schema, ok, problem, signed, start, TestServer, IIN};

async fn challenge(t: &TestServer) -> SessionChallenge {
    let response = t
        .client
        .post(t.url("/session/challenge"))
        .send()
        .await
        .unwrap();
    let value: serde_json::Value = ok(response, StatusCode::CREATED).await;
    assert_schema(&value, "SessionChallenge");
    serde_json::from_value(value).unwrap()
}

fn request(challenge: &SessionChallenge, kind: TestCertificate, iin: &str) -> SessionRequest {
    let bytes = BASE64.decode(&challenge.challenge).unwrap();
    assert_eq!(bytes.len(), 32);
    SessionRequest {
        challenge: challenge.challenge.clone(),
        iin: iin.into(),
        signature: test_ca::sign(kind, iin, &bytes, time::OffsetDateTime::now_utc()),
    }
}

async fn sign_in(t: &TestServer, body: &SessionRequest) -> reqwest::Response {
    t.client
        .post(t.url("/session"))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn mine(t: &TestServer, token: Option<&str>) -> reqwest::Response {
    let mut r = t.client.get(t.url("/applications"));
    if let Some(token) = token {
        r = r.bearer_auth(token);
    }
    r.send().await.unwrap()
}

#[tokio::test]
async fn signed_in_citizen_sees_own_applications_newest_first() {
    let t = start().await;
    let mut references = Vec::new();
    for service in ["active_employment_referral", "job_seeker_registration"] {
        let record: egov_domain::api::ApplicationRecord = ok(
            t.submit(&signed(t.application(service, IIN).await), None)
                .await,
            StatusCode::CREATED,
        )
        .await;
        references.push(record.reference);
    }
    // Someone else's application must not show.
    ok::<serde_json::Value>(
        t.submit(
            &signed(
                t.application("active_employment_referral", "990106300596")
                    .await,
            ),
            None,
        )
        .await,
        StatusCode::CREATED,
    )
    .await;

    let c = challenge(&t).await;
    let session: serde_json::Value = ok(
        sign_in(&t, &request(&c, TestCertificate::Valid, IIN)).await,
        StatusCode::CREATED,
    )
    .await;
    assert_schema(&session, "Session");
    let session: Session = serde_json::from_value(session).unwrap();
    assert_eq!(session.iin, IIN);
    assert!(session.expires_at > time::OffsetDateTime::now_utc());

    let list: serde_json::Value = ok(mine(&t, Some(&session.token)).await, StatusCode::OK).await;
    for row in list.as_array().unwrap() {
        assert_schema(row, "ApplicationSummary");
    }
    let list: Vec<ApplicationSummary> = serde_json::from_value(list).unwrap();
    let got: Vec<&str> = list.iter().map(|s| s.reference.as_str()).collect();
    assert_eq!(got, vec![references[1].as_str(), references[0].as_str()]);
    for row in &list {
        let due = row.due_at.expect("online services have a deadline");
        assert!(due > row.submitted_at);
        // The same moment as the one computation gives for the stored record, in its region.
        let record: egov_domain::api::ApplicationRecord = ok(
            t.get(&format!("/applications/{}", row.reference)).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(row.region, record.application.region);
        let schedule = egov_domain::schedule::schedule_of(
            egov_domain::Catalogue::shared(),
            egov_domain::calendar::Calendar::embedded(),
            &record,
        )
        .unwrap();
        assert_eq!(row.due(), schedule.service);
    }
}

#[tokio::test]
async fn sign_in_with_a_cms_signature() {
    use egov_server::cms_verify::test_pki::{self, TestLeaf};
    let pki = support::test_pki();
    let t = support::start_with_cms(pki).await;
    let cms_request = |c: &SessionChallenge, kind: TestLeaf| {
        let bytes = BASE64.decode(&c.challenge).unwrap();
        SessionRequest {
            challenge: c.challenge.clone(),
            iin: IIN.into(),
            signature: pki.envelope(kind, IIN, &bytes),
        }
    };
    for kind in [TestLeaf::Valid, TestLeaf::Rsa] {
        let c = challenge(&t).await;
        let session: Session = ok(
            sign_in(&t, &cms_request(&c, kind)).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(session.iin, IIN);
        ok::<Vec<ApplicationSummary>>(mine(&t, Some(&session.token)).await, StatusCode::OK).await;
    }
    for (kind, code) in [
        (TestLeaf::Expired, "certificate_expired"),
        (TestLeaf::NotYetValid, "certificate_not_yet_valid"),
        (TestLeaf::Revoked, "certificate_revoked"),
        (TestLeaf::OtherIin, "certificate_iin_mismatch"),
        (TestLeaf::Untrusted, "certificate_untrusted"),
    ] {
        let c = challenge(&t).await;
        problem(
            sign_in(&t, &cms_request(&c, kind)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            code,
        )
        .await;
    }
    // A CMS over another challenge than the one presented.
    let c = challenge(&t).await;
    let other = challenge(&t).await;
    let mut wrong = cms_request(&other, TestLeaf::Valid);
    wrong.challenge = c.challenge.clone();
    problem(
        sign_in(&t, &wrong).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_mismatch",
    )
    .await;
    let c = challenge(&t).await;
    let mut gost = cms_request(&c, TestLeaf::Valid);
    gost.signature.value = test_pki::as_gost(&gost.signature.value);
    problem(
        sign_in(&t, &gost).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_algorithm_unsupported",
    )
    .await;
    let c = challenge(&t).await;
    let mut garbage = cms_request(&c, TestLeaf::Valid);
    garbage.signature.value = BASE64.encode(b"not a CMS");
    problem(
        sign_in(&t, &garbage).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_malformed",
    )
    .await;

    // Without CMS trust, the same valid CMS is an unsupported format.
    let plain = start().await;
    let c = challenge(&plain).await;
    let bytes = BASE64.decode(&c.challenge).unwrap();
    let request = SessionRequest {
        challenge: c.challenge.clone(),
        iin: IIN.into(),
        signature: pki.envelope(TestLeaf::Valid, IIN, &bytes),
    };
    problem(
        sign_in(&plain, &request).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_format_unsupported",
    )
    .await;
}

#[tokio::test]
async fn sign_in_failures_have_their_codes() {
    let t = start().await;
    for (kind, code) in [
        (TestCertificate::Expired, "certificate_expired"),
        (TestCertificate::Revoked, "certificate_revoked"),
        (TestCertificate::OtherIin, "certificate_iin_mismatch"),
    ] {
        let c = challenge(&t).await;
        problem(
            sign_in(&t, &request(&c, kind, IIN)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            code,
        )
        .await;
    }
    // A signature over other bytes than the challenge.
    let c = challenge(&t).await;
    let other = challenge(&t).await;
    let mut wrong = request(&other, TestCertificate::Valid, IIN);
    wrong.challenge = c.challenge.clone();
    problem(
        sign_in(&t, &wrong).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_mismatch",
    )
    .await;
    // That attempt used the challenge up.
    problem(
        sign_in(&t, &request(&c, TestCertificate::Valid, IIN)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::CHALLENGE_UNKNOWN,
    )
    .await;
    let c = challenge(&t).await;
    let bad_iin = problem(
        sign_in(&t, &request(&c, TestCertificate::Valid, "123456789011")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::VALIDATION,
    )
    .await;
    assert_eq!(bad_iin.errors[0].path, "iin");
}

#[tokio::test]
async fn an_expired_challenge_is_refused() {
    let data = tempfile::tempdir().unwrap();
    // Plant an already expired challenge through the server's own database.
    let db = egov_server::db::Db::open(&data.path().join(egov_server::DATABASE_FILE)).unwrap();
    let stale = SessionChallenge {
        challenge: BASE64.encode([7u8; 32]),
        expires_at: time::OffsetDateTime::now_utc() - time::Duration::minutes(1),
    };
    db.insert_challenge_for_test(stale.clone()).await.unwrap();
    drop(db);
    let mut config = support::test_config(data.path());
    config.addr = "127.0.0.1:0".parse().unwrap();
    let server = egov_server::start(config).await.unwrap();
    let t = TestServer::wrap(server, data);
    problem(
        sign_in(&t, &request(&stale, TestCertificate::Valid, IIN)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::CHALLENGE_EXPIRED,
    )
    .await;
}

#[tokio::test]
async fn applications_need_a_valid_token() {
    let t = start().await;
    let missing = mine(&t, None).await;
    problem(
        missing,
        StatusCode::UNAUTHORIZED,
        problem_code::UNAUTHORIZED,
    )
    .await;
    problem(
        mine(&t, Some("made-up")).await,
        StatusCode::UNAUTHORIZED,
        problem_code::UNAUTHORIZED,
    )
    .await;
}
