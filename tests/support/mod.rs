//! Harness for end-to-end tests: the real reference server (in-process, on a free port, with a
//! fresh SQLite folder) serving the release build in `dist/`, and headless Chromium driven
//! through chromedriver.

#![allow(dead_code)]

pub mod axe;
pub mod faulty_proxy;
pub mod network;
mod session;

#[allow(unused_imports)]
pub use session::{Session, Setup};

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const WAIT: Duration = Duration::from_secs(20);

/// The built app. `cargo xtask test` builds it first; `EGOV_DIST` can point elsewhere.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("EGOV_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").exists(),
        "{} has no index.html: build the app first (`cargo xtask test` does)",
        dir.display()
    );
    dir
}

/// The reference server's configuration for these tests: a free port, `data_dir`, the build in
/// [`dist_dir`], the test CA trusted, and the tests' fake NCALayer (plain `ws://` on a free port)
/// allowed to connect.
pub fn server_config(data_dir: &std::path::Path) -> egov_server::Config {
    egov_server::Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data_dir: data_dir.to_owned(),
        static_dir: Some(dist_dir()),
        trust_test_ca: true,
        browsers: egov_server::BrowserPolicy {
            connect_sources: vec!["ws://127.0.0.1:*".into()],
            ..Default::default()
        },
        ..egov_server::Config::default()
    }
}

pub async fn start_server(data_dir: &std::path::Path) -> egov_server::RunningServer {
    egov_server::start(server_config(data_dir))
        .await
        .expect("server starts")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A chromedriver process, killed when dropped.
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub async fn start_driver() -> Driver {
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let port = free_port();
    let child = Command::new(&binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary}: {e} (run `cargo xtask setup`)"));
    let driver = Driver { child, port };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return driver;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start listening on {port}");
}

/// A headless Chromium session. Call `close` at the end of the test.
pub async fn browser(driver: &Driver) -> Client {
    browser_with(driver, serde_json::Map::new()).await
}

/// A session whose navigations return at once instead of waiting for the page to load
/// (`pageLoadStrategy: none`), to look at a page while its wasm is still on the way.
pub async fn browser_not_waiting(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("pageLoadStrategy".into(), "none".into());
    browser_with(driver, caps).await
}

async fn browser_with(
    driver: &Driver,
    mut caps: serde_json::Map<String, serde_json::Value>,
) -> Client {
    let mut options = serde_json::json!({
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update",
            "--disable-default-apps", "--disable-extensions", "--disable-sync",
            "--no-first-run", "--metrics-recording-only", "--window-size=1024,900"
        ]
    });
    if let Ok(binary) = std::env::var("CHROME_BINARY") {
        options["binary"] = binary.into();
    }
    caps.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("connect to chromedriver")
}

pub async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

pub async fn text(client: &Client, css: &str) -> String {
    wait_for(client, css).await.text().await.unwrap()
}

/// Waits until the element's text satisfies `check`, since Leptos updates the DOM asynchronously.
pub async fn wait_for_text(client: &Client, css: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                if check(&t) {
                    return t;
                }
                if tokio::time::Instant::now() > deadline {
                    panic!("{css} has text {t:?}, which never matched");
                }
            }
        }
        if tokio::time::Instant::now() > deadline {
            panic!("{css} never appeared");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The attribute `name` of the element `css`, once the element is there.
pub async fn attr(client: &Client, css: &str, name: &str) -> Option<String> {
    wait_for(client, css).await.attr(name).await.unwrap()
}

/// The property `name` of the element `css`, once the element is there.
pub async fn prop(client: &Client, css: &str, name: &str) -> Option<String> {
    wait_for(client, css).await.prop(name).await.unwrap()
}

pub async fn click(client: &Client, css: &str) {
    wait_for(client, css).await.click().await.unwrap();
}

pub async fn value(client: &Client, css: &str) -> String {
    wait_for(client, css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

pub async fn current_path(client: &Client) -> String {
    client.current_url().await.unwrap().path().to_owned()
}

/// Waits until the element's attribute `name` equals `expected`: an attribute that keeps its
/// old value until the next render would otherwise pass or fail by timing.
pub async fn wait_for_attr(client: &Client, css: &str, name: &str, expected: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut last = None;
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            if let Ok(value) = el.attr(name).await {
                if value.as_deref() == Some(expected) {
                    return;
                }
                last = value;
            }
        }
        if tokio::time::Instant::now() > deadline {
            panic!("{css}[{name}] is {last:?}, never {expected:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A complete draft of the Karaganda referral, as the wizard stores it, for tests that start at
/// the sign step.
pub fn complete_referral_draft(iin: &str, receipt: &egov_domain::api::UploadReceipt) -> String {
    serde_json::json!({
        "schema_version": 2,
        "draft": {
            "service": "active_employment_referral",
            "region": "karaganda",
            "eligibility_answered": true,
            "facts": [],
            "iin": iin,
            "surname": "Сейткали",
            "given_name": "Айгерім",
            "patronymic": "",
            "birth_day": "28",
            "birth_month": "10",
            "birth_year": "1979",
            "phone": "+7 701 123 45 67",
            "email": "",
            "address": "Қарағанды қ., Бұқар жырау даңғ., 1",
            "category": "citizen",
            "result": "employment_referral",
            "documents": [{
                "document": "standard_para9_package",
                "upload_id": receipt.id,
                "file_name": receipt.file_name,
                "size": receipt.size,
                "media_type": receipt.media_type,
                "sha256": receipt.sha256
            }],
            "idempotency_key": null
        }
    })
    .to_string()
}

/// The Karaganda referral of `iin` as an application carries it, with `fields` (JSON: `lang`,
/// `idempotency_key`, `signed_at`, `result`, `documents`, …) added to the service, region and
/// applicant.
pub fn karaganda_referral(iin: &str, fields: serde_json::Value) -> egov_domain::Application {
    let mut application = serde_json::json!({
        "service": "active_employment_referral",
        "region": "karaganda",
        "applicant": {
            "iin": iin, "surname": "Сейткали", "given_name": "Айгерім",
            "birth_date": "1979-10-28", "phone": "+77011234567",
            "address": "Қарағанды қ., Бұқар жырау даңғ., 1", "category": "citizen"
        },
    });
    let fields = fields
        .as_object()
        .expect("fields of an application")
        .clone();
    application.as_object_mut().unwrap().extend(fields);
    serde_json::from_value(application).unwrap()
}

/// A one-page PDF's bytes.
pub const SAMPLE_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// The receipt of an upload no server holds, for tests of what happens then.
pub fn unknown_receipt(id: &str) -> egov_domain::api::UploadReceipt {
    egov_domain::api::UploadReceipt {
        id: id.into(),
        file_name: "справка.pdf".into(),
        size: SAMPLE_PDF.len() as u64,
        media_type: "application/pdf".into(),
        sha256: "0".repeat(64),
        delete_token: String::new(),
    }
}

/// Uploads a small PDF through the API, as the documents step does, and returns its receipt.
pub async fn upload_pdf(base: &str) -> egov_domain::api::UploadReceipt {
    let receipt: egov_domain::api::UploadReceipt = reqwest::Client::new()
        .post(format!("{base}/api/v1/uploads"))
        .header("content-type", "application/pdf")
        .header(
            "x-file-name",
            "%D1%81%D0%BF%D1%80%D0%B0%D0%B2%D0%BA%D0%B0.pdf",
        )
        .body(SAMPLE_PDF)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    receipt
}

/// Opens the sign step of a complete referral draft in `lang`, keeping `query` (e.g. the signer
/// configuration) on the URL the app boots from.
pub async fn open_sign_step(client: &Client, base: &str, query: &str, lang: &str, iin: &str) {
    let receipt = upload_pdf(base).await;
    open_sign_step_of(
        client,
        base,
        query,
        lang,
        &complete_referral_draft(iin, &receipt),
    )
    .await;
}

/// Opens the sign step of the referral draft `draft` (JSON, as stored) in `lang`.
pub async fn open_sign_step_of(client: &Client, base: &str, query: &str, lang: &str, draft: &str) {
    seed_referral_draft(client, base, query, lang, draft).await;
    client
        .goto(&format!(
            "{base}/apply/active_employment_referral/sign{query}"
        ))
        .await
        .unwrap();
    wait_for(client, "#sign").await;
}

/// Stores `draft` (JSON, as stored) as the referral draft in Karaganda, in `lang`, as a person
/// who filled it earlier would have it.
pub async fn seed_referral_draft(
    client: &Client,
    base: &str,
    query: &str,
    lang: &str,
    draft: &str,
) {
    seed_draft(client, base, query, lang, "karaganda", draft).await;
}

/// Stores `draft` (JSON, as stored) as the referral draft in `region`, in `lang`.
pub async fn seed_draft(
    client: &Client,
    base: &str,
    query: &str,
    lang: &str,
    region: &str,
    draft: &str,
) {
    client.goto(&format!("{base}/{query}")).await.unwrap();
    wait_for(client, "#page-heading").await;
    let script = "localStorage.setItem('egov-wizard.lang', JSON.stringify(arguments[0]));\
                  localStorage.setItem('egov-wizard.region', JSON.stringify(arguments[2]));\
                  localStorage.setItem('egov-wizard.draft.active_employment_referral', arguments[1]);";
    client
        .execute(script, vec![lang.into(), draft.into(), region.into()])
        .await
        .unwrap();
}

/// A small PDF written to `dir/name`: the server checks uploads by content.
pub fn sample_pdf_named(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, SAMPLE_PDF).unwrap();
    path
}

/// [`sample_pdf_named`] as `справка.pdf`.
pub fn sample_pdf(dir: &std::path::Path) -> std::path::PathBuf {
    sample_pdf_named(dir, "справка.pdf")
}

/// Opens the documents step of a referral draft of `iin` that has everything but its
/// documents, in `lang`, keeping `query` on the URLs; returns the first document's file input.
pub async fn open_documents_step(
    client: &Client,
    base: &str,
    query: &str,
    lang: &str,
    iin: &str,
) -> fantoccini::elements::Element {
    let mut draft: serde_json::Value =
        serde_json::from_str(&complete_referral_draft(iin, &unknown_receipt("none"))).unwrap();
    draft["draft"]["documents"] = serde_json::json!([]);
    seed_referral_draft(client, base, query, lang, &draft.to_string()).await;
    client
        .goto(&format!(
            "{base}/apply/active_employment_referral/documents{query}"
        ))
        .await
        .unwrap();
    wait_for(client, "#document-0").await
}

/// Moves an application through the provider-side endpoint, as an operator does; panics
/// unless the server accepts the transition.
pub async fn operator_transition(
    base: &str,
    token: &str,
    reference: &str,
    request: &egov_domain::api::TransitionRequest,
) -> egov_domain::api::ApplicationRecord {
    let path = egov_contract::fixtures::transitions_path(reference);
    let request = reqwest::Client::new()
        .post(format!("{base}/api/v1{path}"))
        .bearer_auth(token)
        .json(request);
    accepted(request, "transition refused").await
}

/// Sends `request` and reads the answer as `T`; panics, saying `refused` and the answer, unless
/// the server accepts it.
pub async fn accepted<T: serde::de::DeserializeOwned>(
    request: reqwest::RequestBuilder,
    refused: &str,
) -> T {
    let response = request.send().await.unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(status.is_success(), "{refused}: {status} {body}");
    serde_json::from_str(&body).unwrap()
}

/// Replaces the text of an input, as a person typing it.
pub async fn type_into(client: &Client, css: &str, text: &str) {
    let input = wait_for(client, css).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Waits up to `limit` until the path `matches`; the path. `expected` says what was awaited.
async fn wait_for_path(
    client: &Client,
    limit: Duration,
    expected: &str,
    matches: impl Fn(&str) -> bool,
) -> String {
    let mut path = String::new();
    let arrived = eventually(limit, async || {
        path = current_path(client).await;
        matches(&path)
    })
    .await;
    assert!(arrived, "expected a path {expected}, at {path}");
    path
}

pub async fn wait_until_path_within(client: &Client, suffix: &str, limit: Duration) {
    let expected = format!("ending {suffix}");
    wait_for_path(client, limit, &expected, |path| path.ends_with(suffix)).await;
}

pub async fn wait_until_path(client: &Client, suffix: &str) {
    wait_until_path_within(client, suffix, WAIT).await;
}

/// Presses Continue and waits for the next step.
pub async fn continue_to(client: &Client, suffix: &str) {
    click(client, "#continue").await;
    wait_until_path(client, suffix).await;
}

/// The first-visit questions: language, then region, ending on the catalogue.
pub async fn choose_language_and_region(
    client: &Client,
    language_option: &str,
    region_option: &str,
) {
    wait_until_path(client, "/language").await;
    click(client, &format!("label[for='{language_option}']")).await;
    continue_to(client, "/region").await;
    click(client, &format!("label[for='{region_option}']")).await;
    continue_to(client, "/services").await;
}

/// The citizen's applications, read through sign-in as the contract defines it.
pub async fn applications_of(base: &str, iin: &str) -> Vec<egov_domain::api::ApplicationSummary> {
    applications_signed_in_with(base, iin, |bytes| {
        egov_domain::signature::test_ca::sign(
            egov_domain::signature::test_ca::TestCertificate::Valid,
            iin,
            bytes,
            time::OffsetDateTime::now_utc(),
        )
    })
    .await
}

/// The applications of `iin`, after signing in by signing the server's challenge with `sign`.
pub async fn applications_signed_in_with(
    base: &str,
    iin: &str,
    sign: impl FnOnce(&[u8]) -> egov_domain::signature::SignatureEnvelope,
) -> Vec<egov_domain::api::ApplicationSummary> {
    let http = reqwest::Client::new();
    let api = format!("{base}/api/v1");
    let response = egov_contract::fixtures::sign_in(&http, &api, iin, sign).await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let session: egov_domain::api::Session = response.json().await.unwrap();
    http.get(format!("{api}/applications"))
        .bearer_auth(session.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Looks at `check` every 50 ms until it holds or `limit` has passed; whether it held.
pub async fn eventually(limit: Duration, mut check: impl AsyncFnMut() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if check().await {
            return true;
        }
        if tokio::time::Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the path starts with `prefix` (a path that ends in an id); the path.
pub async fn wait_until_path_starts(client: &Client, prefix: &str) -> String {
    let expected = format!("starting {prefix}");
    wait_for_path(client, WAIT, &expected, |path| path.starts_with(prefix)).await
}

/// Presses Sign on the sign step and waits for the confirmation; the reference it shows.
pub async fn sign_and_confirm(client: &Client) -> String {
    click(client, "#sign").await;
    wait_until_path_starts(client, "/confirmation/").await;
    text(client, "#reference").await
}

/// Opens "My applications" and signs in as `iin` (the development build's stub signer signs the
/// challenge); returns once the list is shown.
pub async fn sign_in_to_my_applications(client: &Client, base: &str, iin: &str) {
    client.goto(&format!("{base}/applications")).await.unwrap();
    wait_for(client, "#sign-in-iin")
        .await
        .send_keys(iin)
        .await
        .unwrap();
    click(client, "#sign-in").await;
    wait_for(client, "#my-applications").await;
}

/// The text of a message, as the locale files have it (single-line messages only).
pub fn message(lang: egov_domain::Lang, key: &str) -> String {
    egov_wizard::i18n::sources(lang)
        .iter()
        .flat_map(|(_, source)| source.lines())
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(" = "))
        .unwrap_or_else(|| panic!("no message {key} in {}", lang.tag()))
        .to_owned()
}

/// The draft of `service` the app keeps in localStorage, if any.
pub async fn stored_draft(client: &Client, service: &str) -> Option<String> {
    client
        .execute(
            "return localStorage.getItem('egov-wizard.draft.' + arguments[0])",
            vec![service.into()],
        )
        .await
        .unwrap()
        .as_str()
        .map(str::to_owned)
}

/// What the server holds of the application `reference` (the public read).
pub async fn application_record(
    base: &str,
    reference: &str,
) -> egov_domain::api::ApplicationRecord {
    reqwest::get(format!("{base}/api/v1/applications/{reference}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Moves an application, as the operator does, through the steps up to the head's signature.
pub async fn walk_to_signed(base: &str, token: &str, reference: &str) {
    for status in egov_contract::fixtures::STEPS_TO_SIGNED {
        let request = egov_contract::fixtures::to(status);
        operator_transition(base, token, reference, &request).await;
    }
}

/// Pages of a PDF: page objects (`/Type /Page`), not the page tree (`/Type /Pages`).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let compact = text.replace("/Type/Page", "/Type /Page");
    compact
        .match_indices("/Type /Page")
        .filter(|(at, m)| !compact[at + m.len()..].starts_with('s'))
        .count()
}

/// The current page printed by the browser on A4; the PDF.
pub async fn print_a4(client: &Client) -> Vec<u8> {
    use fantoccini::wd::{PrintConfiguration, PrintSize};
    let configuration = PrintConfiguration::builder()
        .size(PrintSize::A4)
        .build()
        .unwrap();
    let pdf = client.print(configuration).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    pdf
}

/// A PDF the server answered `what` (a URL) with: 200, `application/pdf`; its bytes and the text
/// of each page (pdf-extract).
pub async fn served_pdf(response: reqwest::Response, what: &str) -> (Vec<u8>, Vec<String>) {
    assert_eq!(response.status(), 200, "{what}");
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/pdf"
    );
    let pdf = response.bytes().await.unwrap().to_vec();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
    (pdf, pages)
}

/// Whether the kiosk's inactivity dialog is open (a modal `<dialog>` has the `open` attribute).
pub async fn kiosk_dialog_open(client: &Client) -> bool {
    client
        .execute(
            "const d = document.getElementById('kiosk-idle'); return !!d && d.open;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}
