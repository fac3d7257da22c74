//! Prints one signed application (test CA) as JSON: the request body of the load benchmark.

fn main() {
    use egov_domain::signature::test_ca::{self, TestCertificate};
    let mut application = egov_domain::application::example_application("791028302728");
    application.lang = egov_domain::Lang::Ru;
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
