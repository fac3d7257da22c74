//! Contract: sign-in by signing a challenge, and the signed-in citizen's applications.

mod support;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use egov_contract::fixtures::{challenge_bytes, session_request, test_ca_session_request};
use egov_domain::api::{
    problem_code, ApplicationSummary, Session, SessionChallenge, SessionRequest,
};
use egov_domain::signature::test_ca::TestCertificate;
use reqwest::StatusCode;
use support::{assert_schema, invalid, ok, problem, signed, start, unprocessable, TestServer, IIN};

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
    assert_eq!(challenge_bytes(challenge).len(), 32);
    test_ca_session_request(challenge, kind, iin)
}

async fn sign_in(t: &TestServer, body: &SessionRequest) -> reqwest::Response {
    t.client
        .post(t.url("/session"))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A sign-in request refused with 422 and `code`.
async fn refused(t: &TestServer, body: &SessionRequest, code: &str) {
    unprocessable(sign_in(t, body).await, code).await;
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

    let list: serde_json::Value = ok(t.mine(Some(&session.token)).await, StatusCode::OK).await;
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
        session_request(c, IIN, |bytes| pki.envelope(kind, IIN, bytes))
    };
    for kind in [TestLeaf::Valid, TestLeaf::Rsa] {
        let c = challenge(&t).await;
        let session: Session = ok(
            sign_in(&t, &cms_request(&c, kind)).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(session.iin, IIN);
        ok::<Vec<ApplicationSummary>>(t.mine(Some(&session.token)).await, StatusCode::OK).await;
    }
    for (kind, code) in support::REFUSED_LEAVES {
        let c = challenge(&t).await;
        refused(&t, &cms_request(&c, kind), code).await;
    }
    // A CMS over another challenge than the one presented; one in an algorithm the server does
    // not verify (GOST); and bytes that are no CMS at all.
    type Spoil = fn(&mut SessionRequest, &SessionChallenge);
    let spoiled: [(Spoil, &str); 3] = [
        (
            |r, other| r.challenge = other.challenge.clone(),
            "signature_mismatch",
        ),
        (
            |r, _| r.signature.value = test_pki::as_gost(&r.signature.value),
            "signature_algorithm_unsupported",
        ),
        (
            |r, _| r.signature.value = BASE64.encode(b"not a CMS"),
            "signature_malformed",
        ),
    ];
    for (spoil, code) in spoiled {
        let (c, other) = (challenge(&t).await, challenge(&t).await);
        let mut request = cms_request(&c, TestLeaf::Valid);
        spoil(&mut request, &other);
        refused(&t, &request, code).await;
    }

    // Without CMS trust, the same valid CMS is an unsupported format.
    let plain = start().await;
    let c = challenge(&plain).await;
    refused(
        &plain,
        &cms_request(&c, TestLeaf::Valid),
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
        refused(&t, &request(&c, kind, IIN), code).await;
    }
    // A signature over other bytes than the challenge.
    let c = challenge(&t).await;
    let other = challenge(&t).await;
    let mut wrong = request(&other, TestCertificate::Valid, IIN);
    wrong.challenge = c.challenge.clone();
    refused(&t, &wrong, "signature_mismatch").await;
    // That attempt used the challenge up.
    refused(
        &t,
        &request(&c, TestCertificate::Valid, IIN),
        problem_code::CHALLENGE_UNKNOWN,
    )
    .await;
    let c = challenge(&t).await;
    let bad_iin = request(&c, TestCertificate::Valid, "123456789011");
    let bad_iin = invalid(sign_in(&t, &bad_iin).await).await;
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
    refused(
        &t,
        &request(&stale, TestCertificate::Valid, IIN),
        problem_code::CHALLENGE_EXPIRED,
    )
    .await;
}

#[tokio::test]
async fn applications_need_a_valid_token() {
    let t = start().await;
    for token in [None, Some("made-up")] {
        problem(
            t.mine(token).await,
            StatusCode::UNAUTHORIZED,
            problem_code::UNAUTHORIZED,
        )
        .await;
    }
}
