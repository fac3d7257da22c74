//! Contract: submitting applications, idempotent retries, every rejection with its code.

mod support;

use egov_domain::api::{problem_code, ApplicationRecord, SignedApplication};
use egov_domain::profile::ApplicantFact;
use egov_domain::signature::test_ca::{self, TestCertificate};
use egov_domain::signature::SignatureFormat;
use egov_domain::ApplicationStatus;
use egov_server::cms_verify::test_pki::{self, TestLeaf};
use reqwest::StatusCode;
use support::{
    assert_schema, cms_signed, invalid, ok, problem, schema_errors, signed, signed_with, start,
    unprocessable, TestServer, IIN,
};

const REFERRAL: &str = "active_employment_referral";

/// `body` submitted and refused with 422 and `code`.
async fn rejected(t: &TestServer, body: SignedApplication, code: &'static str) {
    unprocessable(t.submit(&body, None).await, code).await;
}

#[tokio::test]
async fn submit_then_read_back() {
    let t = start().await;
    let body = signed(t.application(REFERRAL, IIN).await);
    let created: serde_json::Value = ok(t.submit(&body, None).await, StatusCode::CREATED).await;
    assert_schema(&created, "ApplicationRecord");
    let created: ApplicationRecord = serde_json::from_value(created).unwrap();
    assert_eq!(created.status, ApplicationStatus::Submitted);
    // The public view: what was signed, without the server's upload ids.
    assert_eq!(created.application, body.application.public_view());
    assert!(created
        .application
        .documents
        .iter()
        .all(|d| d.upload_id.is_empty() && d.sha256.len() == 64));
    assert_eq!(created.signer.subject_iin, IIN);

    let read: ApplicationRecord = ok(
        t.get(&format!("/applications/{}", created.reference)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read, created);
    // References are read aloud and typed: case does not matter.
    let lower: ApplicationRecord = ok(
        t.get(&format!(
            "/applications/{}",
            created.reference.to_lowercase()
        ))
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(lower.reference, created.reference);
}

/// The signed body and the record it yields match their schemas with every optional field of the
/// application filled in and documents attached, and an unknown field in any of their nested
/// objects fails the check.
#[tokio::test]
async fn a_signed_application_and_its_record_match_the_openapi_schemas() {
    let t = start().await;
    let mut application = support::application(REFERRAL, IIN);
    application.applicant.patronymic = Some("Қайратқызы".into());
    application.applicant.email = Some("aigerim@example.kz".into());
    application
        .applicant
        .facts
        .insert(ApplicantFact::RegisteredAsUnemployed);
    support::attach_documents(&t.client, &t.url(""), &mut application).await;
    assert!(!application.documents.is_empty() && application.result.is_some());
    let body = signed(application);
    assert!(body.signature.certificate.is_some());
    let body = serde_json::to_value(&body).unwrap();
    assert_schema(&body, "SignedApplication");

    let response = t
        .client
        .post(t.url("/applications"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let created: serde_json::Value = ok(response, StatusCode::CREATED).await;
    assert_schema(&created, "ApplicationRecord");
    let mut public = body["application"].clone();
    for document in public["documents"].as_array_mut().unwrap() {
        document.as_object_mut().unwrap().remove("upload_id");
    }
    assert_eq!(created["application"], public);
    let reference = created["reference"].as_str().unwrap();
    let read: serde_json::Value = ok(
        t.get(&format!("/applications/{reference}")).await,
        StatusCode::OK,
    )
    .await;
    assert_schema(&read, "ApplicationRecord");

    let rejects = |value: &serde_json::Value, name: &str, pointers: &[&str]| {
        for pointer in pointers {
            let mut changed = value.clone();
            changed.pointer_mut(pointer).unwrap()["surprise"] = true.into();
            assert!(
                !schema_errors(&changed, name).is_empty(),
                "{name}: an unknown field at {pointer} passes"
            );
        }
    };
    rejects(
        &body,
        "SignedApplication",
        &[
            "",
            "/application",
            "/application/applicant",
            "/application/documents/0",
            "/signature",
            "/signature/certificate",
            "/signature/certificate/info",
        ],
    );
    rejects(
        &created,
        "ApplicationRecord",
        &["", "/application/applicant", "/signer", "/history/0"],
    );
}

#[tokio::test]
async fn idempotent_retry_returns_the_first_application() {
    let t = start().await;
    let application = t.application(REFERRAL, IIN).await;
    let key = application.idempotency_key.clone();
    let body = signed(application.clone());
    let first: ApplicationRecord = ok(t.submit(&body, None).await, StatusCode::CREATED).await;
    // The same body again, with or without the header: the key is in the signed bytes.
    let replay: ApplicationRecord = ok(t.submit(&body, None).await, StatusCode::OK).await;
    assert_eq!(replay.reference, first.reference);
    let with_header: ApplicationRecord =
        ok(t.submit(&body, Some(&key)).await, StatusCode::OK).await;
    assert_eq!(with_header.reference, first.reference);
    // A retry after a lost response may carry a fresh signature, made at a later moment, over
    // the same application.
    let mut resigned = application.clone();
    resigned.signed_at = support::signed_at(time::Duration::seconds(5));
    let second: ApplicationRecord =
        ok(t.submit(&signed(resigned), None).await, StatusCode::OK).await;
    assert_eq!(first.reference, second.reference);

    let mut other = t.application("job_seeker_registration", IIN).await;
    other.idempotency_key = key.clone();
    problem(
        t.submit(&signed(other), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::IDEMPOTENCY_CONFLICT,
    )
    .await;
    // A header that is not the signed key is refused.
    let mismatch = invalid(t.submit(&body, Some("another-key-0000000001")).await).await;
    assert_eq!(mismatch.errors[0].path, "header:Idempotency-Key");
    assert_eq!(
        mismatch.errors[0].code,
        problem_code::IDEMPOTENCY_KEY_MISMATCH
    );
}

#[tokio::test]
async fn each_bad_signature_fails_with_its_own_code() {
    let t = start().await;
    let reject = |body, code| rejected(&t, body, code);
    let base = t.application(REFERRAL, IIN).await;
    let app = || base.clone();
    reject(
        signed_with(TestCertificate::Expired, app()),
        "certificate_expired",
    )
    .await;
    reject(
        signed_with(TestCertificate::Revoked, app()),
        "certificate_revoked",
    )
    .await;
    reject(
        signed_with(TestCertificate::OtherIin, app()),
        "certificate_iin_mismatch",
    )
    .await;

    let mut tampered = signed(app());
    tampered.application.service = egov_domain::ServiceId::new("job_seeker_registration");
    reject(tampered, "signature_mismatch").await;

    let mut forged = signed(app());
    forged
        .signature
        .certificate
        .as_mut()
        .unwrap()
        .info
        .subject_name = "Someone Else".into();
    reject(forged, "certificate_untrusted").await;

    let mut garbage = signed(app());
    garbage.signature.value = "not base64!".into();
    reject(garbage, "signature_malformed").await;

    // Without configured CMS trust roots, a CMS is refused as such, even a valid one.
    let mut cms = signed(app());
    cms.signature.format = SignatureFormat::Cms;
    reject(cms, "signature_format_unsupported").await;
    reject(
        support::cms_signed(TestLeaf::Valid, app()),
        "signature_format_unsupported",
    )
    .await;

    let future = app();
    let not_yet = egov_domain::api::SignedApplication {
        signature: test_ca::sign(
            TestCertificate::Valid,
            IIN,
            &future.canonical_bytes(),
            time::OffsetDateTime::now_utc() + time::Duration::days(60),
        ),
        application: future,
    };
    reject(not_yet, "certificate_not_yet_valid").await;
}

#[tokio::test]
async fn a_cms_signature_is_verified_with_the_same_checks_and_codes() {
    let pki = support::test_pki();
    let t = support::start_with_cms(pki).await;
    let base = t.application(REFERRAL, IIN).await;
    let app = || base.clone();

    // Accepted, and the stored application records the certificate's holder.
    for kind in [TestLeaf::Valid, TestLeaf::Rsa] {
        let body = cms_signed(kind, t.application(REFERRAL, IIN).await);
        let created: serde_json::Value = ok(t.submit(&body, None).await, StatusCode::CREATED).await;
        assert_schema(&created, "ApplicationRecord");
        let created: ApplicationRecord = serde_json::from_value(created).unwrap();
        assert_eq!(created.signer.subject_iin, IIN);
        assert_eq!(
            created.signer.subject_name,
            format!("{} {}", test_pki::COMMON_NAME, test_pki::PATRONYMIC)
        );
        let leaf = pki.leaf(kind, IIN);
        assert_eq!(
            created.signer.not_after.unix_timestamp(),
            leaf.tbs_certificate
                .validity
                .not_after
                .to_unix_duration()
                .as_secs() as i64
        );
        let read: ApplicationRecord = ok(
            t.get(&format!("/applications/{}", created.reference)).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(read.signer, created.signer);
    }
    // The stub format still works beside CMS.
    ok::<ApplicationRecord>(
        t.submit(&signed(t.application(REFERRAL, IIN).await), None)
            .await,
        StatusCode::CREATED,
    )
    .await;

    let reject = |body, code| rejected(&t, body, code);
    // Signed, then a field changed: the application is not what was signed.
    let mut tampered = cms_signed(TestLeaf::Valid, app());
    tampered.application.service = egov_domain::ServiceId::new("job_seeker_registration");
    reject(tampered, "signature_mismatch").await;
    let mut tampered = cms_signed(TestLeaf::Rsa, app());
    tampered.application.applicant.phone = "+77001112233".into();
    reject(tampered, "signature_mismatch").await;

    for (kind, code) in support::REFUSED_LEAVES {
        reject(cms_signed(kind, app()), code).await;
    }

    let mut garbage = cms_signed(TestLeaf::Valid, app());
    garbage.signature.value = "not base64!".into();
    reject(garbage, "signature_malformed").await;
    let mut stub_value = signed(app());
    stub_value.signature.format = SignatureFormat::Cms;
    stub_value.signature.certificate = None;
    reject(stub_value, "signature_malformed").await;

    let mut gost = cms_signed(TestLeaf::Valid, app());
    gost.signature.value = test_pki::as_gost(&gost.signature.value);
    reject(gost, "signature_algorithm_unsupported").await;
}

#[tokio::test]
async fn application_rules_are_checked_server_side() {
    let t = start().await;
    let wrong_iin = signed(t.application(REFERRAL, "123456789011").await);
    let invalid_iin = invalid(t.submit(&wrong_iin, None).await).await;
    assert_eq!(invalid_iin.errors[0].path, "application.applicant.iin");
    assert_eq!(invalid_iin.errors[0].code, "iin_check_digit");

    for (service, code) in [
        ("teleportation", problem_code::UNKNOWN_SERVICE),
        ("unemployed_registration", problem_code::SERVICE_NOT_ONLINE),
    ] {
        rejected(&t, signed(t.application(service, IIN).await), code).await;
    }
    let body = signed(t.application(REFERRAL, IIN).await);
    let key = invalid(t.submit(&body, Some("")).await).await;
    assert_eq!(key.errors[0].path, "header:Idempotency-Key");
}

#[tokio::test]
async fn transport_errors_are_problems_too() {
    let t = start().await;
    let url = t.url("/applications");
    for (content_type, body, status, code) in [
        (
            "application/json",
            b"{not json".to_vec(),
            StatusCode::BAD_REQUEST,
            problem_code::MALFORMED_BODY,
        ),
        (
            "text/plain",
            b"{}".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            problem_code::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "application/json",
            vec![b' '; 3 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
            problem_code::BODY_TOO_LARGE,
        ),
    ] {
        let response = t
            .client
            .post(&url)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        problem(response, status, code).await;
    }
    let not_allowed = t.client.delete(&url).send().await.unwrap();
    assert!(not_allowed.headers().contains_key("allow"));
    problem(
        not_allowed,
        StatusCode::METHOD_NOT_ALLOWED,
        problem_code::METHOD_NOT_ALLOWED,
    )
    .await;
    for (path, status, code) in [
        (
            "/services?region=a&region=b",
            StatusCode::BAD_REQUEST,
            problem_code::BAD_REQUEST,
        ),
        (
            "/applications/NOPE-NOPE-NOPE",
            StatusCode::NOT_FOUND,
            problem_code::NOT_FOUND,
        ),
        (
            "/no-such-endpoint",
            StatusCode::NOT_FOUND,
            problem_code::NOT_FOUND,
        ),
    ] {
        problem(t.get(path).await, status, code).await;
    }
}
