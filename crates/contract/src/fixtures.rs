//! The requests the kit, the reference server's tests and the app's end-to-end tests all build
//! the same way: the operator's transitions and the result document they issue, and a sign-in
//! challenge signed by a test certificate. One place, so that the three test suites speak the
//! contract alike.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use egov_domain::api::{
    HeadSignature, ResultDocument, ResultDocumentKind, SessionChallenge, SessionRequest,
    TransitionRequest,
};
use egov_domain::signature::test_ca::{self, TestCertificate};
use egov_domain::signature::SignatureEnvelope;
use egov_domain::ApplicationStatus;

/// The regulation's steps from a submitted application to one signed by the provider's head:
/// each a transition the operator makes before issuing the result.
pub const STEPS_TO_SIGNED: [ApplicationStatus; 4] = [
    ApplicationStatus::Registered,
    ApplicationStatus::ExecutorAssigned,
    ApplicationStatus::Checked,
    ApplicationStatus::Signed,
];

/// The operator's transitions of `reference`, under the API prefix.
pub fn transitions_path(reference: &str) -> String {
    format!("/operator/applications/{reference}/transitions")
}

/// A transition to `status`, by the regulation's actor, with nothing else.
pub fn to(status: ApplicationStatus) -> TransitionRequest {
    TransitionRequest {
        to: status,
        actor: None,
        refusal_grounds: None,
        result: None,
    }
}

/// A refusal on `grounds`.
pub fn refusal(grounds: &str) -> TransitionRequest {
    TransitionRequest {
        refusal_grounds: Some(grounds.into()),
        ..to(ApplicationStatus::Refused)
    }
}

/// The result issued with `document`.
pub fn issue(document: ResultDocument) -> TransitionRequest {
    TransitionRequest {
        result: Some(document),
        ..to(ApplicationStatus::ResultIssued)
    }
}

/// A Karaganda employment referral as its provider issues it, signed by the head now.
pub fn referral_document() -> ResultDocument {
    ResultDocument {
        kind: ResultDocumentKind::Referral,
        result: Some("employment_referral".into()),
        number: "ЖН-2026-00417".into(),
        date: "2026-11-23".into(),
        provider: "КГУ «Центр занятости населения» г. Караганды".into(),
        head_signature: HeadSignature {
            signer_name: "ЖАКЕНОВА ГУЛЬНАР".into(),
            certificate_serial: "3A1F09C2".into(),
            signed_at: time::OffsetDateTime::now_utc(),
        },
    }
}

/// The sign-in of `iin` with `challenge`, its bytes signed by `sign` (a challenge that is not
/// base64 is signed as no bytes: the server refuses it, as it should).
pub fn session_request(
    challenge: &SessionChallenge,
    iin: &str,
    sign: impl FnOnce(&[u8]) -> SignatureEnvelope,
) -> SessionRequest {
    let bytes = challenge_bytes(challenge);
    SessionRequest {
        challenge: challenge.challenge.clone(),
        iin: iin.into(),
        signature: sign(&bytes),
    }
}

/// [`session_request`] signed now by the test CA's certificate of `kind` for `iin`.
pub fn test_ca_session_request(
    challenge: &SessionChallenge,
    kind: TestCertificate,
    iin: &str,
) -> SessionRequest {
    session_request(challenge, iin, |bytes| {
        test_ca::sign(kind, iin, bytes, time::OffsetDateTime::now_utc())
    })
}

/// The bytes a challenge asks to be signed.
pub fn challenge_bytes(challenge: &SessionChallenge) -> Vec<u8> {
    BASE64.decode(&challenge.challenge).unwrap_or_default()
}

/// Signs in as `iin` over HTTP, as the app does: asks the API at `api` (its base, `…/api/v1`)
/// for a challenge, signs its bytes with `sign`, and returns the server's answer to the sign-in.
/// For tests: it panics where the server does not hand out a challenge.
pub async fn sign_in(
    http: &reqwest::Client,
    api: &str,
    iin: &str,
    sign: impl FnOnce(&[u8]) -> SignatureEnvelope,
) -> reqwest::Response {
    let response = http
        .post(format!("{api}/session/challenge"))
        .send()
        .await
        .expect("the challenge is answered");
    assert_eq!(response.status().as_u16(), 201, "a challenge is created");
    let challenge: SessionChallenge = response.json().await.expect("a SessionChallenge");
    http.post(format!("{api}/session"))
        .json(&session_request(&challenge, iin, sign))
        .send()
        .await
        .expect("the sign-in is answered")
}
