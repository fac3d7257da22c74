//! The NCALayer client end to end: the release build, configured by its URL query to sign
//! through NCALayer, talks from headless Chromium to a fake NCALayer (plain `ws://` on
//! loopback) started here. Each signing flow the page must handle is played by the fake: a
//! signature, a cancel, refusals with their codes, a dropped connection, silence (timeout), and
//! finally nothing listening at all. A second test runs the same build with its default signer,
//! the stub, through every test certificate to the server's verdict.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_domain::ncalayer::{
    BasicsResponse, BasicsSignRequest, Greeting, SignFormat, BASICS_MODULE, SIGN_METHOD,
};
use egov_domain::{Application, Lang};
use egov_wizard::signer::SignerError;
use fantoccini::{Client, Locator};
use futures_util::{SinkExt, StreamExt};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::*;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

const IIN: &str = "791028302728";
/// Short, so the silent case ends quickly; the fake answers the others at once.
const TIMEOUT_MS: u64 = 2_000;
/// Looks like the start of a CMS SignedData; the client must pass it through untouched.
const FAKE_CMS: &str = "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAA==";

/// What the fake does with the next request.
#[derive(Debug, Clone)]
enum Reply {
    Sign,
    Cancel,
    Fail(&'static str),
    /// Closes the TCP connection without a WebSocket close frame, as a crashing NCALayer does.
    DropConnection,
    /// Never answers.
    Silent,
}

struct FakeNcaLayer {
    port: u16,
    reply: Arc<Mutex<Reply>>,
    requests: mpsc::UnboundedReceiver<String>,
    connections: Arc<AtomicUsize>,
    accept_loop: tokio::task::JoinHandle<()>,
}

impl FakeNcaLayer {
    async fn start() -> FakeNcaLayer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let reply = Arc::new(Mutex::new(Reply::Sign));
        let connections = Arc::new(AtomicUsize::new(0));
        let (sent, requests) = mpsc::unbounded_channel();
        let accept_loop = {
            let (reply, connections) = (reply.clone(), connections.clone());
            tokio::spawn(async move {
                // Owned here, so stopping the loop also ends every connection.
                let mut sessions = tokio::task::JoinSet::new();
                while let Ok((stream, _)) = listener.accept().await {
                    connections.fetch_add(1, Ordering::SeqCst);
                    sessions.spawn(serve(stream, reply.clone(), sent.clone()));
                }
            })
        };
        FakeNcaLayer {
            port,
            reply,
            requests,
            connections,
            accept_loop,
        }
    }

    fn set_reply(&self, reply: Reply) {
        *self.reply.lock().unwrap() = reply;
    }

    async fn next_request(&mut self) -> BasicsSignRequest {
        let text = tokio::time::timeout(WAIT, self.requests.recv())
            .await
            .expect("the app sent no request to NCALayer")
            .unwrap();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    /// Stops listening: from now on the port refuses connections, as with NCALayer not running.
    async fn stop(self) {
        self.accept_loop.abort();
        let _ = self.accept_loop.await;
    }
}

async fn serve(
    stream: tokio::net::TcpStream,
    reply: Arc<Mutex<Reply>>,
    requests: mpsc::UnboundedSender<String>,
) {
    let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let greeting = serde_json::to_string(&Greeting::new("1.4-fake")).unwrap();
    if ws.send(Message::text(greeting)).await.is_err() {
        return;
    }
    while let Some(Ok(message)) = ws.next().await {
        let Message::Text(text) = message else {
            continue;
        };
        let _ = requests.send(text.to_string());
        let current = reply.lock().unwrap().clone();
        let answer = match current {
            Reply::Sign => BasicsResponse::signed(FAKE_CMS),
            Reply::Cancel => BasicsResponse::cancelled(),
            Reply::Fail(code) => BasicsResponse::failed(code, "fake refusal"),
            Reply::DropConnection => return,
            Reply::Silent => continue,
        };
        if ws.send(Message::text(answer.to_json())).await.is_err() {
            return;
        }
    }
}

/// Opens the sign step of a complete referral, keeping the query the app is configured by.
async fn reach_sign_step(c: &Client, url: &str) {
    let (base, query) = url.split_once("/?").expect("a URL with a query");
    open_sign_step(c, base, &format!("?{query}"), "ru", IIN).await;
}

/// Clicks sign and waits for the error with `key`, in Russian.
async fn sign_expecting_error(c: &Client, key: &str) {
    click(c, "#sign").await;
    wait_for_attr(c, "#sign-error", "data-code", key).await;
    let russian = egov_wizard::i18n::translate(Lang::Ru, key, None);
    assert_ne!(russian, key, "no Russian message for {key}");
    assert_ne!(
        russian,
        egov_wizard::i18n::translate(Lang::En, key, None),
        "{key} is not translated"
    );
    wait_for_text(c, "#sign-error", |t| t == russian).await;
    assert_sign_button_ready(c).await;
}

async fn assert_sign_button_ready(c: &Client) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !wait_for(c, "#sign").await.is_enabled().await.unwrap() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the sign button stays disabled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(current_path(c).await.ends_with("/sign"));
}

/// One browser at a time: two Chromiums on a small CI machine make timing flaky.
static BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_through_ncalayer_handles_every_flow() {
    let _one_browser = BROWSER.lock().await;
    let data = tempfile::tempdir().unwrap();
    let server = start_server(data.path()).await;
    let mut fake = FakeNcaLayer::start().await;
    let driver = start_driver().await;
    let c = browser(&driver).await;
    let url = format!(
        "{}/?lang=ru&signer=ncalayer&ncalayer-url=ws://127.0.0.1:{}&ncalayer-timeout-ms={TIMEOUT_MS}",
        server.url(),
        fake.port
    );
    reach_sign_step(&c, &url).await;
    // The development build's certificate picker belongs to the stub only.
    assert!(c.find(Locator::Css("#stub-valid")).await.is_err());

    // Success: what the app asked NCALayer to sign, and the server's verdict on a CMS.
    fake.set_reply(Reply::Sign);
    click(&c, "#sign").await;
    let request = fake.next_request().await;
    assert_eq!(request.module, BASICS_MODULE);
    assert_eq!(request.method, SIGN_METHOD);
    assert_eq!(request.args.format, SignFormat::Cms);
    assert_eq!(request.args.signer_params.iin.as_deref(), Some(IIN));
    assert_eq!(request.args.locale, "ru");
    assert!(request.args.signing_params.decode);
    let signed_bytes = request.decoded_data().expect("data is base64");
    let application: Application = serde_json::from_slice(&signed_bytes).unwrap();
    assert_eq!(application.applicant.iin, IIN);
    assert_eq!(application.lang, Lang::Ru);
    assert_eq!(
        application.canonical_bytes(),
        signed_bytes,
        "the signed bytes are not the canonical application"
    );
    // The reference server verifies only stub signatures: it refuses the CMS with its own code,
    // which proves the CMS reached it.
    wait_for_attr(
        &c,
        "#sign-error",
        "data-code",
        "signature_format_unsupported",
    )
    .await;
    wait_for_text(&c, "#sign-error", |t| {
        t == egov_wizard::i18n::translate(Lang::Ru, "signature_format_unsupported", None)
    })
    .await;

    // Cancel: back on the sign step, no error banner, the button usable.
    fake.set_reply(Reply::Cancel);
    click(&c, "#sign").await;
    fake.next_request().await;
    wait_for_text(&c, "#sign-outcome[role='status']", |t| {
        t == egov_wizard::i18n::translate(Lang::Ru, SignerError::Cancelled.message_key(), None)
    })
    .await;
    assert!(c.find(Locator::Css(".error-summary")).await.is_err());
    assert!(c.find(Locator::Css("#sign-error")).await.is_err());
    assert_sign_button_ready(&c).await;

    // Refusals: each code its own message.
    for (code, error) in [
        ("CERTIFICATE_EXPIRED", SignerError::CertificateExpired),
        ("CERTIFICATE_REVOKED", SignerError::CertificateRevoked),
        ("IIN_MISMATCH", SignerError::IinMismatch),
        ("EMPTY_KEY_LIST", SignerError::WrongKeyType),
        ("NO_TOKEN", SignerError::NoToken),
        ("SIGNING_FAILURE", SignerError::SigningFailed),
    ] {
        fake.set_reply(Reply::Fail(code));
        sign_expecting_error(&c, error.message_key()).await;
        fake.next_request().await;
    }
    assert_eq!(
        fake.connections.load(Ordering::SeqCst),
        1,
        "one socket serves consecutive requests"
    );

    // NCALayer closes mid-operation; the next request opens a new connection.
    fake.set_reply(Reply::DropConnection);
    sign_expecting_error(&c, SignerError::ConnectionLost.message_key()).await;
    fake.next_request().await;

    // NCALayer never answers: the configured timeout ends the wait.
    fake.set_reply(Reply::Silent);
    let started = tokio::time::Instant::now();
    sign_expecting_error(&c, SignerError::Timeout.message_key()).await;
    assert!(started.elapsed() >= Duration::from_millis(TIMEOUT_MS));
    fake.next_request().await;
    assert_eq!(fake.connections.load(Ordering::SeqCst), 2);

    // Nothing listens on the port any more.
    fake.stop().await;
    sign_expecting_error(&c, SignerError::NotRunning.message_key()).await;

    c.close().await.unwrap();
    drop(driver);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stub_certificates_reach_the_server_and_each_refusal_is_explained() {
    let _one_browser = BROWSER.lock().await;
    let data = tempfile::tempdir().unwrap();
    let server = start_server(data.path()).await;
    let driver = start_driver().await;
    let c = browser(&driver).await;
    reach_sign_step(&c, &format!("{}/?lang=ru", server.url())).await;

    // Refused by the server, each with its own code.
    for (certificate, code) in [
        ("expired", "certificate_expired"),
        ("revoked", "certificate_revoked"),
        ("other_iin", "certificate_iin_mismatch"),
    ] {
        click(&c, &format!("label[for='stub-{certificate}']")).await;
        sign_expecting_error(&c, code).await;
    }
    // Failures of the signer itself.
    click(&c, "label[for='stub-not_running']").await;
    sign_expecting_error(&c, SignerError::NotRunning.message_key()).await;
    click(&c, "label[for='stub-cancel']").await;
    click(&c, "#sign").await;
    wait_for(&c, "#sign-outcome[role='status']").await;
    assert!(c.find(Locator::Css(".error-summary")).await.is_err());
    assert_sign_button_ready(&c).await;

    // The valid certificate is accepted, and the server took the signer from it.
    click(&c, "label[for='stub-valid']").await;
    click(&c, "#sign").await;
    let reference = text(&c, "#reference").await;
    let stored: egov_domain::api::ApplicationRecord =
        reqwest::get(format!("{}/api/v1/applications/{reference}", server.url()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(stored.signer.subject_iin, IIN);

    c.close().await.unwrap();
    drop(driver);
    server.stop().await.unwrap();
}
