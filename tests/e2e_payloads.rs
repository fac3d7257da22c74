//! Script-injection payloads stay inert text wherever free text is shown: typed into the
//! address (the check-answers page, the status page), as an uploaded file's name (the documents
//! step, the check page), and from the provider's side as the result document's provider and
//! number (the printed result) and as a refusal's grounds.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_contract::fixtures::{issue, referral_document, refusal, to};
use egov_domain::api::{ResultDocument, TransitionRequest};
use egov_domain::ApplicationStatus;
use fantoccini::{Client, Locator};
use support::*;

const OPERATOR: &str = "operator-token";

async fn nothing_ran(c: &Client) {
    let untouched = c
        .execute("return window.__xss === undefined", vec![])
        .await
        .unwrap();
    assert_eq!(untouched, serde_json::Value::Bool(true), "a payload ran");
}

async fn no_markup_in(c: &Client, css: &str) {
    let found = c
        .find_all(Locator::Css(&format!("{css} img, {css} script")))
        .await
        .unwrap();
    assert!(found.is_empty(), "markup from a payload in {css}");
}

async fn transition(base: &str, reference: &str, request: TransitionRequest) {
    operator_transition(base, OPERATOR, reference, &request).await;
}

const PAYLOAD: &str = r#"<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payloads_in_free_text_are_shown_as_text() {
    let s = Session::setup().operator(OPERATOR).start().await;
    let (c, base) = (&s.c, s.base());

    open_sign_step(c, &base, "", "en", "791028302728").await;
    // Put the payload in the address, the free-text field, as if typed.
    c.goto(&format!("{base}/apply/active_employment_referral/address"))
        .await
        .unwrap();
    let address = wait_for(c, "#address").await;
    address.clear().await.unwrap();
    address.send_keys(PAYLOAD).await.unwrap();
    click(c, "#continue").await;
    c.goto(&format!("{base}/apply/active_employment_referral/check"))
        .await
        .unwrap();
    wait_for_text(c, "#answer-address", |t| t == PAYLOAD).await;
    assert!(c
        .find(Locator::Css("#answer-address img, #answer-address script"))
        .await
        .is_err());

    click(c, "#continue").await;
    wait_for(c, "#sign").await;
    click(c, "#sign").await;
    let reference = text(c, "#reference").await;
    let stored = application_record(&base, &reference).await;
    assert_eq!(stored.application.applicant.address, PAYLOAD);

    c.goto(&format!("{base}/applications/{reference}"))
        .await
        .unwrap();
    wait_for(c, "#status-current").await;
    nothing_ran(c).await;

    // The provider's free text on the printed result: provider and number.
    walk_to_signed(&base, OPERATOR, &reference).await;
    let document = ResultDocument {
        result: None,
        number: PAYLOAD.into(),
        provider: PAYLOAD.into(),
        ..referral_document()
    };
    transition(&base, &reference, issue(document)).await;
    wait_for_text(c, "#result-provider", |t| t == PAYLOAD).await;
    wait_for_text(c, "#result-number", |t| t == PAYLOAD).await;
    // The result document is what prints (the print stylesheet hides the rest of the page).
    no_markup_in(c, "#result-document").await;
    nothing_ran(c).await;

    // A refusal's grounds, from the provider, on a second application.
    let receipt = upload_pdf(&base).await;
    let second = {
        let draft = complete_referral_draft("791028302728", &receipt);
        open_sign_step_of(c, &base, "", "en", &draft).await;
        click(c, "#sign").await;
        let reference = text(c, "#reference").await;
        application_record(&base, &reference).await
    };
    transition(&base, &second.reference, to(ApplicationStatus::Registered)).await;
    transition(&base, &second.reference, refusal(PAYLOAD)).await;
    c.goto(&format!("{base}/applications/{}", second.reference))
        .await
        .unwrap();
    wait_for_text(c, "#refusal-grounds", |t| t.contains(PAYLOAD)).await;
    no_markup_in(c, "#refusal-grounds").await;
    nothing_ran(c).await;

    // An uploaded file's name is free text too.
    let named = sample_pdf_named(s.data.path(), r#"<img src=x onerror="window.__xss=3">.pdf"#);
    let input = open_documents_step(c, &base, "", "en", "791028302728").await;
    input.send_keys(&named.display().to_string()).await.unwrap();
    wait_for_text(c, "#document-0-file", |t| t.contains("onerror")).await;
    no_markup_in(c, "#document-0-file").await;
    click(c, "#continue").await;
    wait_for_text(c, "#answer-documents", |t| t.contains("onerror")).await;
    no_markup_in(c, "#answer-documents").await;
    nothing_ran(c).await;
    s.finish().await;
}
