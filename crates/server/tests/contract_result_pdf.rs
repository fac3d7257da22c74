//! Contract: `GET /applications/{reference}/result.pdf`, the issued result document as a PDF.

mod support;

use egov_domain::api::{
    problem_code, ApplicationRecord, HeadSignature, ResultDocument, ResultDocumentKind,
    TransitionRequest,
};
use egov_domain::ApplicationStatus::{self, *};
use reqwest::StatusCode;
use support::{ok, problem, signed, start_with, TestServer, IIN};

const TOKEN: &str = "operator-secret";
const NUMBER: &str = "ЖН-2026/00417";
// Long enough to wrap: the page must keep it within its width.
const PROVIDER: &str = "Коммунальное государственное учреждение «Центр занятости населения города \
                        Караганды» управления занятости и социальных программ Карагандинской \
                        области, Қарағанды қ., Бұқар жырау даңғылы, 47";

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

async fn transition(t: &TestServer, reference: &str, body: &TransitionRequest) {
    let _: ApplicationRecord = ok(
        t.client
            .post(t.url(&format!("/operator/applications/{reference}/transitions")))
            .bearer_auth(TOKEN)
            .json(body)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
}

fn to(status: ApplicationStatus) -> TransitionRequest {
    TransitionRequest {
        to: status,
        actor: None,
        refusal_grounds: None,
        result: None,
    }
}

/// An application walked by the operator to an issued referral.
async fn issued(t: &TestServer) -> String {
    let reference = submit(t).await;
    for status in [Registered, ExecutorAssigned, Checked, Signed] {
        transition(t, &reference, &to(status)).await;
    }
    let mut issue = to(ResultIssued);
    issue.result = Some(ResultDocument {
        kind: ResultDocumentKind::Referral,
        result: Some("employment_referral".into()),
        number: NUMBER.into(),
        date: "2026-11-23".into(),
        provider: PROVIDER.into(),
        head_signature: HeadSignature {
            signer_name: "ЖАКЕНОВА ГҮЛНАР".into(),
            certificate_serial: "3A1F09C2".into(),
            signed_at: time::macros::datetime!(2026-11-23 09:05 UTC),
        },
    });
    transition(t, &reference, &issue).await;
    reference
}

struct Pdf {
    bytes: Vec<u8>,
    disposition: String,
    pages: Vec<String>,
}

async fn fetch_pdf(t: &TestServer, path: &str) -> Pdf {
    let response = t.get(path).await;
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(header("content-type"), "application/pdf");
    let disposition = header("content-disposition");
    let bytes = response.bytes().await.unwrap().to_vec();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("the PDF reads back");
    Pdf {
        bytes,
        disposition,
        pages,
    }
}

/// Text with whitespace collapsed: extraction may break lines where the page wraps them.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn an_issued_referral_is_a_one_page_pdf_in_the_asked_language() {
    let t = operator().await;
    let reference = issued(&t).await;

    // Kazakh.
    let pdf = fetch_pdf(&t, &format!("/applications/{reference}/result.pdf?lang=kk")).await;
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert_eq!(pdf.pages.len(), 1, "one A4 page");
    let text = words(&pdf.pages[0]);
    for expected in [
        NUMBER,
        IIN,
        "Жолдама",
        "Нөмірі",
        "23 қараша 2026 ж.",
        "3A1F09C2",
    ] {
        assert!(text.contains(expected), "no {expected:?} in {text}");
    }
    assert!(text.contains("Сейткали Айгерім"), "{text}");
    assert!(
        pdf.disposition.starts_with("attachment;")
            && pdf
                .disposition
                .contains("filename*=UTF-8''%D0%96%D0%9D-2026%2F00417.pdf"),
        "{}",
        pdf.disposition
    );
    // The provider's long name wraps instead of running off the page: every word is there.
    for word in PROVIDER.split_whitespace() {
        assert!(text.contains(word), "no {word:?} in {text}");
    }
    // Signed at 09:05 UTC is 14:05 in Almaty.
    assert!(text.contains("14:05"), "{text}");

    // Russian.
    let pdf = fetch_pdf(&t, &format!("/applications/{reference}/result.pdf?lang=ru")).await;
    assert_eq!(pdf.pages.len(), 1);
    let text = words(&pdf.pages[0]);
    for expected in [NUMBER, IIN, "Направление", "ИИН", "23 ноября 2026 г."] {
        assert!(text.contains(expected), "no {expected:?} in {text}");
    }
    assert!(!text.contains("Жолдама"), "{text}");

    // Without `lang`: the application's language (Russian in these tests). The reference is
    // read in any case, as everywhere in the API.
    let pdf = fetch_pdf(
        &t,
        &format!("/applications/{}/result.pdf", reference.to_lowercase()),
    )
    .await;
    assert!(words(&pdf.pages[0]).contains("Направление"));
}

#[tokio::test]
async fn no_pdf_without_a_result_document() {
    let t = operator().await;
    problem(
        t.get("/applications/0000-0000-0000/result.pdf").await,
        StatusCode::NOT_FOUND,
        problem_code::NOT_FOUND,
    )
    .await;
    let reference = submit(&t).await;
    problem(
        t.get(&format!("/applications/{reference}/result.pdf"))
            .await,
        StatusCode::CONFLICT,
        problem_code::RESULT_NOT_ISSUED,
    )
    .await;
    problem(
        t.get(&format!("/applications/{reference}/result.pdf?lang=de"))
            .await,
        StatusCode::BAD_REQUEST,
        problem_code::BAD_REQUEST,
    )
    .await;
}
