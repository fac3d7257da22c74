//! Contract: the service's rules are the server's final word, whatever the client checked.

mod support;

use egov_domain::api::{problem_code, FieldError, Problem};
use egov_domain::catalogue::ResultId;
use egov_domain::{Application, AttachedDocument, RegionId};
use reqwest::StatusCode;
use support::{application, attach_documents, invalid, signed, start, TestServer, IIN};

/// `app`, signed, refused as invalid.
async fn refused(t: &TestServer, app: Application) -> Problem {
    invalid(t.submit(&signed(app), None).await).await
}

#[tokio::test]
async fn a_result_the_applicant_is_not_eligible_for_is_refused_with_the_reason() {
    let t = start().await;
    // The national standard (seed 000) requires registration as unemployed for referrals.
    let mut app = application("active_employment_referral", IIN);
    app.region = RegionId::new("national_standard");
    app.result = Some(ResultId::new("youth_practice_referral"));
    attach_documents(&t.client, &t.url(""), &mut app).await;
    let refused = refused(&t, app.clone()).await;
    assert_eq!(
        refused.errors,
        vec![FieldError {
            path: "application.result".into(),
            code: "requires_unemployed_registration".into(),
        }]
    );
    // Registered as unemployed, the same application is accepted.
    app.applicant
        .facts
        .insert(egov_domain::profile::ApplicantFact::RegisteredAsUnemployed);
    assert_eq!(
        t.submit(&signed(app), None).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_result_is_required_where_the_service_offers_a_choice() {
    let t = start().await;
    let mut app = t.application("active_employment_referral", IIN).await;
    app.result = None;
    let refused = refused(&t, app).await;
    assert_eq!(refused.errors[0].code, problem_code::RESULT_REQUIRED);
}

#[tokio::test]
async fn an_attachment_must_be_an_upload_the_server_holds() {
    let t = start().await;
    let mut app = t.application("active_employment_referral", IIN).await;
    let unknown = app.documents.len();
    app.documents.push(AttachedDocument {
        document: egov_domain::documents::DocumentId::new("standard_para9_package"),
        upload_id: "no-such-upload".into(),
        file_name: "x.pdf".into(),
        size: 1,
        media_type: "application/pdf".into(),
        sha256: "0".repeat(64),
    });
    let refused = refused(&t, app).await;
    assert_eq!(
        refused.errors,
        vec![FieldError {
            path: format!("application.documents[{unknown}].upload_id"),
            code: problem_code::UPLOAD_UNKNOWN.into(),
        }]
    );
}

#[tokio::test]
async fn every_document_the_applicant_must_attach_is_attached() {
    let t = start().await;
    let mut app = t.application("active_employment_referral", IIN).await;
    let dropped = app.documents.pop().expect("a referral asks for documents");
    let refused = refused(&t, app).await;
    assert_eq!(refused.errors.len(), 1, "{:?}", refused.errors);
    assert_eq!(refused.errors[0].code, problem_code::DOCUMENT_MISSING);
    assert_eq!(
        refused.errors[0].path,
        format!("application.documents.{}", dropped.document)
    );
}
