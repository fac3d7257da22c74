//! Contract: `GET /applications/{reference}/result.pdf`, the issued result document as a PDF.

mod support;

use egov_contract::fixtures::{issue, referral_document, to, STEPS_TO_SIGNED};
use egov_domain::api::{problem_code, ApplicationRecord, HeadSignature, ResultDocument};
use reqwest::StatusCode;
use support::{ok, start_operator, TestServer, IIN};

const TOKEN: &str = "operator-secret";
const NUMBER: &str = "ЖН-2026/00417";
// Long enough to wrap: the page must keep it within its width.
const PROVIDER: &str = "Коммунальное государственное учреждение «Центр занятости населения города \
                        Караганды» управления занятости и социальных программ Карагандинской \
                        области, Қарағанды қ., Бұқар жырау даңғылы, 47";

async fn operator() -> TestServer {
    start_operator(TOKEN).await
}

/// An application walked by the operator to an issued referral.
async fn issued(t: &TestServer) -> String {
    let reference = t.submit_referral().await;
    let document = ResultDocument {
        number: NUMBER.into(),
        provider: PROVIDER.into(),
        head_signature: HeadSignature {
            signer_name: "ЖАКЕНОВА ГҮЛНАР".into(),
            signed_at: time::macros::datetime!(2026-11-23 09:05 UTC),
            ..referral_document().head_signature
        },
        ..referral_document()
    };
    let steps = STEPS_TO_SIGNED.map(to);
    for body in steps.iter().chain([&issue(document)]) {
        let _: ApplicationRecord = ok(
            t.transition(&reference, body, Some(TOKEN)).await,
            StatusCode::OK,
        )
        .await;
    }
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
    let reference = t.submit_referral().await;
    for (path, expected) in [
        (
            "/applications/0000-0000-0000/result.pdf".to_owned(),
            (StatusCode::NOT_FOUND, problem_code::NOT_FOUND),
        ),
        (
            format!("/applications/{reference}/result.pdf"),
            (StatusCode::CONFLICT, problem_code::RESULT_NOT_ISSUED),
        ),
        (
            format!("/applications/{reference}/result.pdf?lang=de"),
            (StatusCode::BAD_REQUEST, problem_code::BAD_REQUEST),
        ),
    ] {
        t.get_problem(&path, expected).await;
    }
}
