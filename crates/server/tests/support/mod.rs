//! A real server on a free loopback port with a fresh data folder, and a few request helpers.

#![allow(dead_code)]

use egov_domain::api::Problem;
use egov_server::{Config, RunningServer};
use reqwest::{Client, Response, StatusCode};
use serde::de::DeserializeOwned;

pub struct TestServer {
    pub server: RunningServer,
    pub client: Client,
    _data: tempfile::TempDir,
}

pub fn test_config(data_dir: &std::path::Path) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data_dir: data_dir.to_owned(),
        static_dir: None,
        trust_test_ca: true,
        // Contract tests fire many requests from one address; the limits have their own tests.
        rate_limit_per_minute: 0,
        uploads: egov_server::UploadPolicy {
            per_minute: 0,
            ..Default::default()
        },
        ..Config::default()
    }
}

pub async fn start() -> TestServer {
    start_with(|_| {}).await
}

/// A server that also verifies CMS signatures of `pki` (its root and intermediate, and its CRL,
/// written to the data folder as an operator would download them).
pub async fn start_with_cms(pki: &egov_server::cms_verify::test_pki::TestPki) -> TestServer {
    start_with(|config| {
        let (trusted, crl) = pki.write_trust_files(&config.data_dir);
        config.cms_trust_roots = vec![trusted];
        config.cms_crls = vec![crl];
    })
    .await
}

/// The test PKI of the CMS tests, made once per test binary (RSA signing is slow in debug).
pub fn test_pki() -> &'static egov_server::cms_verify::test_pki::TestPki {
    static PKI: std::sync::OnceLock<egov_server::cms_verify::test_pki::TestPki> =
        std::sync::OnceLock::new();
    PKI.get_or_init(|| {
        egov_server::cms_verify::test_pki::TestPki::new(time::OffsetDateTime::now_utc())
    })
}

/// The test PKI's certificates a server that trusts the PKI refuses, each with its code.
pub const REFUSED_LEAVES: [(egov_server::cms_verify::test_pki::TestLeaf, &str); 5] = {
    use egov_server::cms_verify::test_pki::TestLeaf;
    [
        (TestLeaf::Expired, "certificate_expired"),
        (TestLeaf::NotYetValid, "certificate_not_yet_valid"),
        (TestLeaf::Revoked, "certificate_revoked"),
        (TestLeaf::OtherIin, "certificate_iin_mismatch"),
        (TestLeaf::Untrusted, "certificate_untrusted"),
    ]
};

/// `application` with a CMS signature of `kind` over its canonical bytes.
pub fn cms_signed(
    kind: egov_server::cms_verify::test_pki::TestLeaf,
    application: egov_domain::Application,
) -> egov_domain::api::SignedApplication {
    let signature = test_pki().envelope(
        kind,
        &application.applicant.iin,
        &application.canonical_bytes(),
    );
    egov_domain::api::SignedApplication {
        application,
        signature,
    }
}

pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
    let data = tempfile::tempdir().unwrap();
    let mut config = test_config(data.path());
    adjust(&mut config);
    let server = egov_server::start(config).await.expect("server starts");
    TestServer {
        server,
        client: Client::new(),
        _data: data,
    }
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.server.url())
    }

    pub fn wrap(server: RunningServer, data: tempfile::TempDir) -> TestServer {
        TestServer {
            server,
            client: Client::new(),
            _data: data,
        }
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self._data.path()
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// `GET path`, answered with the problem `(status, code)`.
    pub async fn get_problem(&self, path: &str, (status, code): (StatusCode, &str)) -> Problem {
        problem(self.get(path).await, status, code).await
    }
}

/// Asserts the status and JSON body type of a success.
pub async fn ok<T: DeserializeOwned>(response: Response, status: StatusCode) -> T {
    let got = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(got, status, "body: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Asserts an RFC 9457 problem with the given status and code, and returns it.
pub async fn problem(response: Response, status: StatusCode, code: &str) -> Problem {
    let got = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.text().await.unwrap();
    assert_eq!(got, status, "body: {body}");
    assert_eq!(
        content_type.as_deref(),
        Some("application/problem+json"),
        "body: {body}"
    );
    let problem: Problem = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(problem.code, code, "body: {body}");
    assert_eq!(problem.status, status.as_u16());
    problem
}

/// Validates `value` against the component schema `name` of the generated OpenAPI document, with
/// unknown properties forbidden: a field the code sends but the contract does not name fails.
pub fn assert_schema(value: &serde_json::Value, name: &str) {
    let errors = schema_errors(value, name);
    assert!(
        errors.is_empty(),
        "{name} does not match its schema: {errors:#?}"
    );
}

/// What [`assert_schema`] would complain about; empty when `value` matches.
pub fn schema_errors(value: &serde_json::Value, name: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(&egov_server::openapi::document()).unwrap();
    let mut components = doc["components"].clone();
    merge_all_of(&mut components, &doc["components"]["schemas"]);
    forbid_unknown_properties(&mut components);
    let root = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": components,
    });
    let validator = jsonschema::validator_for(&root).expect("the OpenAPI schemas compile");
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Replaces each `allOf` of object schemas (what `#[serde(flatten)]` generates, e.g. `StepView`
/// = `Step` + names) by the one object it describes, so that forbidding unknown properties in each
/// part does not forbid the other parts' properties.
fn merge_all_of(schema: &mut serde_json::Value, schemas: &serde_json::Value) {
    use serde_json::Value;
    let Value::Object(map) = schema else {
        if let Value::Array(items) = schema {
            items
                .iter_mut()
                .for_each(|item| merge_all_of(item, schemas));
        }
        return;
    };
    map.values_mut().for_each(|v| merge_all_of(v, schemas));
    let Some(Value::Array(parts)) = map.get("allOf") else {
        return;
    };
    let mut properties = serde_json::Map::new();
    let mut required: Vec<Value> = Vec::new();
    for part in parts {
        let mut part = match part.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("unexpected $ref {reference}"));
                schemas[name].clone()
            }
            None => part.clone(),
        };
        merge_all_of(&mut part, schemas);
        assert!(
            part.get("type") == Some(&Value::from("object")) && part.get("allOf").is_none(),
            "allOf of something else than objects: {part}"
        );
        if let Some(Value::Object(p)) = part.get("properties") {
            properties.extend(p.clone());
        }
        if let Some(Value::Array(r)) = part.get("required") {
            required.extend(r.iter().cloned());
        }
    }
    map.remove("allOf");
    map.insert("type".into(), "object".into());
    map.insert("properties".into(), Value::Object(properties));
    map.insert("required".into(), Value::Array(required));
}

fn forbid_unknown_properties(schema: &mut serde_json::Value) {
    match schema {
        serde_json::Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), false.into());
            }
            map.values_mut().for_each(forbid_unknown_properties);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(forbid_unknown_properties),
        _ => {}
    }
}

pub const IIN: &str = "791028302728";

/// A fresh idempotency key, as the app makes one.
pub fn new_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "test-{nanos:x}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The signing moment `offset` from now, as the app writes it.
pub fn signed_at(offset: time::Duration) -> String {
    (time::OffsetDateTime::now_utc() + offset)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

pub fn application(service: &str, iin: &str) -> egov_domain::Application {
    let mut application = egov_domain::application::example_application(iin);
    application.idempotency_key = new_key();
    application.signed_at = signed_at(time::Duration::ZERO);
    // The example asks for a kind of referral; other services have nothing to choose.
    if service != application.service.as_str() {
        application.result = None;
    }
    application.service = egov_domain::ServiceId::new(service);
    application.lang = egov_domain::Lang::Ru;
    application
}

pub fn signed_with(
    kind: egov_domain::signature::test_ca::TestCertificate,
    application: egov_domain::Application,
) -> egov_domain::api::SignedApplication {
    let signature = egov_domain::signature::test_ca::sign(
        kind,
        &application.applicant.iin,
        &application.canonical_bytes(),
        time::OffsetDateTime::now_utc(),
    );
    egov_domain::api::SignedApplication {
        application,
        signature,
    }
}

pub fn signed(application: egov_domain::Application) -> egov_domain::api::SignedApplication {
    signed_with(
        egov_domain::signature::test_ca::TestCertificate::Valid,
        application,
    )
}

/// Uploads a small PDF for each document the online channel asks of this applicant (as the
/// wizard's documents step does) and attaches them: the server refuses a submission without.
pub async fn attach_documents(
    client: &reqwest::Client,
    api_base: &str,
    application: &mut egov_domain::Application,
) {
    let catalogue = egov_domain::catalogue::Catalogue::embedded();
    let Some(service) = catalogue.service_in_region(&application.service, &application.region)
    else {
        return;
    };
    for needed in
        egov_domain::documents::attachments_online(&service, &application.applicant.profile())
    {
        let receipt = upload_pdf(client, api_base).await;
        application
            .documents
            .push(attachment(needed.requirement.document.clone(), &receipt));
    }
}

/// A small PDF, as a file picker sends it.
pub const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

/// Uploads [`PDF`] as `document.pdf` and returns its receipt.
pub async fn upload_pdf(
    client: &reqwest::Client,
    api_base: &str,
) -> egov_domain::api::UploadReceipt {
    let response = client
        .post(format!("{api_base}/uploads"))
        .header("content-type", "application/pdf")
        .header(egov_domain::api::FILE_NAME_HEADER, "document.pdf")
        .body(PDF)
        .send()
        .await
        .unwrap();
    ok(response, StatusCode::CREATED).await
}

/// The attachment the app makes of a receipt.
pub fn attachment(
    document: egov_domain::documents::DocumentId,
    receipt: &egov_domain::api::UploadReceipt,
) -> egov_domain::application::AttachedDocument {
    egov_domain::application::AttachedDocument {
        document,
        upload_id: receipt.id.clone(),
        file_name: receipt.file_name.clone(),
        size: receipt.size,
        media_type: receipt.media_type.clone(),
        sha256: receipt.sha256.clone(),
    }
}

impl TestServer {
    /// [`application`] with its documents uploaded to this server and attached.
    pub async fn application(&self, service: &str, iin: &str) -> egov_domain::Application {
        let mut application = application(service, iin);
        attach_documents(&self.client, &self.url(""), &mut application).await;
        application
    }

    pub async fn submit(
        &self,
        body: &egov_domain::api::SignedApplication,
        key: Option<&str>,
    ) -> Response {
        let mut request = self.client.post(self.url("/applications")).json(body);
        if let Some(key) = key {
            request = request.header(egov_domain::api::IDEMPOTENCY_KEY_HEADER, key);
        }
        request.send().await.unwrap()
    }
}

/// A server with the operator endpoints on under `token`.
pub async fn start_operator(token: &str) -> TestServer {
    let token = token.to_owned();
    start_with(|c| c.operator_token = Some(token)).await
}

/// Asserts a 422 problem with `code` (a refused signature, application or sign-in).
pub async fn unprocessable(response: Response, code: &str) -> Problem {
    problem(response, StatusCode::UNPROCESSABLE_ENTITY, code).await
}

/// Asserts the 422 `validation_failed` problem of a refused application or request, and returns
/// it for its field errors.
pub async fn invalid(response: Response) -> Problem {
    unprocessable(response, egov_domain::api::problem_code::VALIDATION).await
}

impl TestServer {
    /// A valid referral of [`IIN`], signed and accepted; its reference.
    pub async fn submit_referral(&self) -> String {
        let body = signed(self.application("active_employment_referral", IIN).await);
        let record: egov_domain::api::ApplicationRecord =
            ok(self.submit(&body, None).await, StatusCode::CREATED).await;
        record.reference
    }

    /// The operator's transition of `reference` to `body`, with `token` as the bearer if any.
    pub async fn transition(
        &self,
        reference: &str,
        body: &egov_domain::api::TransitionRequest,
        token: Option<&str>,
    ) -> Response {
        let path = egov_contract::fixtures::transitions_path(reference);
        let mut request = self.client.post(self.url(&path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    /// `GET /applications`, the signed-in citizen's list, with `token` as the bearer if any.
    pub async fn mine(&self, token: Option<&str>) -> Response {
        let mut request = self.client.get(self.url("/applications"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    /// Signs in as `iin` with the test CA's valid certificate; the session's token.
    pub async fn sign_in(&self, iin: &str) -> String {
        let response =
            egov_contract::fixtures::sign_in(&self.client, &self.url(""), iin, |bytes| {
                egov_domain::signature::test_ca::sign(
                    egov_domain::signature::test_ca::TestCertificate::Valid,
                    iin,
                    bytes,
                    time::OffsetDateTime::now_utc(),
                )
            })
            .await;
        let session: egov_domain::api::Session = ok(response, StatusCode::CREATED).await;
        session.token
    }
}

/// The server binary, started on a free port over `data_dir` with `--trust-test-ca` and `args`,
/// logging at `rust_log` to its stdout; its address and the rest of its stdout, line by line.
/// Kill the child at the end.
pub fn spawn_binary(
    data_dir: &std::path::Path,
    args: &[&str],
    rust_log: &str,
) -> (
    std::process::Child,
    String,
    std::io::Lines<std::io::BufReader<std::process::ChildStdout>>,
) {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_egov-server"))
        .args(["--port", "0", "--trust-test-ca"])
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("RUST_LOG", rust_log)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("the server prints its address")
            .unwrap();
        if let Some(url) = line.split("listening on ").nth(1) {
            break url.trim().to_owned();
        }
    };
    (child, url, lines)
}
