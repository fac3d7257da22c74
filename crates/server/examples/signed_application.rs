//! Signed applications (test CA) as JSON, one per line: the request bodies of the load
//! benchmark (`bench/load.sh`). `signed_application URL COUNT` uploads a small PDF to the server
//! at URL for every document the online channel asks of the applicant, for each of COUNT
//! applications (an upload is attached by one application only), and gives each its own
//! idempotency key, so that every body creates an application.

use egov_domain::api::{SignedApplication, UploadReceipt, FILE_NAME_HEADER};
use egov_domain::application::AttachedDocument;
use egov_domain::signature::test_ca::{self, TestCertificate};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("usage: signed_application URL COUNT");
    let count: usize = args.next().map_or(1, |n| n.parse().expect("COUNT"));
    let client = reqwest::Client::new();
    let catalogue = egov_domain::catalogue::Catalogue::embedded();
    let now = time::OffsetDateTime::now_utc();
    let signed_at = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    for i in 0..count {
        let mut application = egov_domain::application::example_application("791028302728");
        application.lang = egov_domain::Lang::Ru;
        application.idempotency_key = format!("load-{}-{i:08}", now.unix_timestamp());
        application.signed_at = signed_at.clone();
        let service = catalogue
            .service_in_region(&application.service, &application.region)
            .expect("the example's service is in its region");
        let profile = application.applicant.profile();
        for needed in egov_domain::documents::attachments_online(&service, &profile) {
            let receipt: UploadReceipt = client
                .post(format!("{url}/api/v1/uploads"))
                .header("content-type", "application/pdf")
                .header(FILE_NAME_HEADER, "document.pdf")
                .body(PDF)
                .send()
                .await
                .expect("the server takes uploads")
                .json()
                .await
                .expect("an upload receipt");
            application.documents.push(AttachedDocument {
                document: needed.requirement.document.clone(),
                upload_id: receipt.id,
                file_name: receipt.file_name,
                size: receipt.size,
                media_type: receipt.media_type,
                sha256: receipt.sha256,
            });
        }
        let signature = test_ca::sign(
            TestCertificate::Valid,
            &application.applicant.iin,
            &application.canonical_bytes(),
            now,
        );
        let body = SignedApplication {
            application,
            signature,
        };
        println!("{}", serde_json::to_string(&body).unwrap());
    }
}
