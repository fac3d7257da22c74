//! Prints one signed application (test CA) as JSON: the request body of the load benchmark.
//! `signed_application UPLOAD_ID` attaches that upload (a PDF the benchmark uploaded first) as
//! every document the online channel asks of the applicant.

fn main() {
    use egov_domain::signature::test_ca::{self, TestCertificate};
    let mut application = egov_domain::application::example_application("791028302728");
    application.lang = egov_domain::Lang::Ru;
    if let Some(upload_id) = std::env::args().nth(1) {
        let catalogue = egov_domain::catalogue::Catalogue::embedded();
        let service = catalogue
            .service_in_region(&application.service, &application.region)
            .expect("the example's service is in its region");
        let profile = application.applicant.profile();
        for needed in egov_domain::documents::attachments_online(&service, &profile) {
            application
                .documents
                .push(egov_domain::application::AttachedDocument {
                    document: needed.requirement.document.clone(),
                    upload_id: upload_id.clone(),
                    file_name: "document.pdf".into(),
                    size: 35,
                });
        }
    }
    let signature = test_ca::sign(
        TestCertificate::Valid,
        &application.applicant.iin,
        &application.canonical_bytes(),
        time::OffsetDateTime::now_utc(),
    );
    let body = egov_domain::api::SignedApplication {
        application,
        signature,
    };
    println!("{}", serde_json::to_string(&body).unwrap());
}
