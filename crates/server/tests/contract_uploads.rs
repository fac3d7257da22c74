//! Contract: uploads are typed by content, bounded in size, and can be withdrawn.

mod support;

use egov_domain::api::{problem_code, UploadReceipt, FILE_NAME_HEADER};
use reqwest::StatusCode;
use support::{assert_schema, ok, problem, start, start_with, TestServer};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

async fn upload(
    t: &TestServer,
    name: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    let mut request = t
        .client
        .post(t.url("/uploads"))
        .header("content-type", content_type)
        .body(body);
    if let Some(name) = name {
        request = request.header(FILE_NAME_HEADER, name);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_pdf_is_stored_with_its_decoded_name_then_deleted() {
    let t = start().await;
    let response = upload(
        &t,
        Some("%D0%B4%D0%B8%D0%BF%D0%BB%D0%BE%D0%BC.pdf"),
        "application/pdf",
        PDF.to_vec(),
    )
    .await;
    let receipt: serde_json::Value = ok(response, StatusCode::CREATED).await;
    assert_schema(&receipt, "UploadReceipt");
    let receipt: UploadReceipt = serde_json::from_value(receipt).unwrap();
    assert_eq!(receipt.file_name, "диплом.pdf");
    assert_eq!(receipt.size, PDF.len() as u64);
    assert_eq!(receipt.media_type, "application/pdf");

    assert_eq!(receipt.sha256, sha256_hex(PDF));

    let url = t.url(&format!("/uploads/{}", receipt.id));
    // Only with the receipt's delete token (contract_security.rs tries without).
    let deleted = t
        .client
        .delete(&url)
        .bearer_auth(&receipt.delete_token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    problem(
        t.client
            .delete(&url)
            .bearer_auth(&receipt.delete_token)
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
        problem_code::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn the_content_decides_the_type_not_the_name() {
    let t = start().await;
    // A PNG called .pdf and declared as nothing in particular is a PNG.
    let receipt: UploadReceipt = ok(
        upload(
            &t,
            Some("scan.pdf"),
            "application/octet-stream",
            PNG.to_vec(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(receipt.media_type, "image/png");
    problem(
        upload(
            &t,
            Some("cv.pdf"),
            "application/pdf",
            b"MZ\x90\0 an executable".to_vec(),
        )
        .await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        problem_code::UPLOAD_TYPE_NOT_ALLOWED,
    )
    .await;
    problem(
        upload(&t, Some("scan.png"), "image/png", PDF.to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        problem_code::UPLOAD_TYPE_MISMATCH,
    )
    .await;
}

#[tokio::test]
async fn empty_oversized_and_unnamed_uploads_are_refused() {
    let t = start_with(|c| c.uploads.max_bytes = 64 * 1024).await;
    problem(
        upload(&t, Some("a.pdf"), "application/pdf", Vec::new()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::UPLOAD_EMPTY,
    )
    .await;
    let mut big = PDF.to_vec();
    big.resize(64 * 1024 + 1, b' ');
    problem(
        upload(&t, Some("a.pdf"), "application/pdf", big.clone()).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        problem_code::UPLOAD_TOO_LARGE,
    )
    .await;
    // Streamed without a length: the limit holds while the bytes arrive.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        big.chunks(4096).map(|c| Ok(c.to_vec())).collect();
    let streamed = t
        .client
        .post(t.url("/uploads"))
        .header(FILE_NAME_HEADER, "a.pdf")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await;
    match streamed {
        Ok(response) => {
            problem(
                response,
                StatusCode::PAYLOAD_TOO_LARGE,
                problem_code::UPLOAD_TOO_LARGE,
            )
            .await;
        }
        // The server may answer and close before the client finished sending.
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
    }
    let missing = problem(
        upload(&t, None, "application/pdf", PDF.to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::VALIDATION,
    )
    .await;
    assert_eq!(missing.errors[0].code, problem_code::FILE_NAME_MISSING);
    let invalid = problem(
        upload(&t, Some("%FF%FE.pdf"), "application/pdf", PDF.to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::VALIDATION,
    )
    .await;
    assert_eq!(invalid.errors[0].code, problem_code::FILE_NAME_INVALID);
    // Nothing half-written is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(t.data_dir().join("uploads"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
