//! The NCALayer client end to end: the release build, configured by its URL query to sign
//! through NCALayer, talks from headless Chromium to a fake NCALayer (plain `ws://` on
//! loopback) started here. The fake signs for real: a detached CMS over the bytes it receives,
//! with a certificate of the server crate's test PKI, which the spawned server is configured to
//! trust as an operator configures NCA RK's certificates. Each signing flow the page must handle
//! is played by the fake: certificates the server refuses, a cancel, refusals with their codes,
//! a dropped connection, silence (timeout), nothing listening at all, and finally, with NCALayer
//! back, a signature the server accepts. A second test runs the same build with its default
//! signer, the stub, through every test certificate to the server's verdict.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_domain::ncalayer::{
    BasicsResponse, BasicsSignRequest, Greeting, SignFormat, BASICS_MODULE, SIGN_METHOD,
};
use egov_domain::{Application, Lang};
use egov_server::cms_verify::test_pki::{SignOptions, TestLeaf, TestPki};
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

/// The certificates the fake NCALayer signs with, and the server trusts.
fn pki() -> &'static TestPki {
    static PKI: std::sync::OnceLock<TestPki> = std::sync::OnceLock::new();
    PKI.get_or_init(|| TestPki::new(time::OffsetDateTime::now_utc()))
}

/// What the fake does with the next request.
#[derive(Debug, Clone)]
enum Reply {
    /// A detached CMS over the request's data with this certificate, for the IIN the app asked
    /// NCALayer to check, in BER with indefinite lengths as Java signers write it.
    Sign(TestLeaf),
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
        FakeNcaLayer::start_on(0).await
    }

    /// Listens on `port` (0: any free one), as NCALayer does on its fixed port.
    async fn start_on(port: u16) -> FakeNcaLayer {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let reply = Arc::new(Mutex::new(Reply::Cancel));
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
            Reply::Sign(kind) => {
                let request: BasicsSignRequest = serde_json::from_str(text.as_str()).unwrap();
                let bytes = request.decoded_data().expect("data is base64");
                let iin = request
                    .args
                    .signer_params
                    .iin
                    .clone()
                    .expect("the app names the IIN");
                let options = SignOptions {
                    indefinite_lengths: true,
                    ..SignOptions::default()
                };
                BasicsResponse::signed(&pki().sign_with(kind, &iin, &bytes, options))
            }
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
    wait_for_sign_error(c, key).await;
    assert_ne!(
        egov_wizard::i18n::translate(Lang::Ru, key, None),
        egov_wizard::i18n::translate(Lang::En, key, None),
        "{key} is not translated"
    );
}

async fn assert_sign_button_ready(c: &Client) {
    let enabled = eventually(WAIT, async || {
        wait_for(c, "#sign").await.is_enabled().await.unwrap()
    })
    .await;
    assert!(enabled, "the sign button stays disabled");
    assert!(current_path(c).await.ends_with("/sign"));
}

/// One browser at a time: two Chromiums on a small CI machine make timing flaky.
static BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_through_ncalayer_handles_every_flow() {
    let _one_browser = BROWSER.lock().await;
    let s = Session::setup().cms(pki()).start().await;
    let (c, base) = (&s.c, s.base());
    let mut fake = FakeNcaLayer::start().await;
    let url = format!(
        "{base}/?lang=ru&signer=ncalayer&ncalayer-url=ws://127.0.0.1:{}&ncalayer-timeout-ms={TIMEOUT_MS}",
        fake.port
    );
    reach_sign_step(c, &url).await;
    // The development build's certificate picker belongs to the stub only.
    assert!(c.find(Locator::Css("#stub-valid")).await.is_err());

    // A real CMS from a certificate of another IIN: what the app asked NCALayer to sign, and the
    // server's verdict, in Russian on the sign page.
    fake.set_reply(Reply::Sign(TestLeaf::OtherIin));
    click(c, "#sign").await;
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
    wait_for_sign_error(c, "certificate_iin_mismatch").await;
    // A certificate of a CA the server does not trust.
    fake.set_reply(Reply::Sign(TestLeaf::Untrusted));
    sign_expecting_error(c, "certificate_untrusted").await;
    fake.next_request().await;

    // Cancel: back on the sign step, no error banner, the button usable.
    fake.set_reply(Reply::Cancel);
    click(c, "#sign").await;
    fake.next_request().await;
    wait_for_text(c, "#sign-outcome[role='status']", |t| {
        t == egov_wizard::i18n::translate(Lang::Ru, SignerError::Cancelled.message_key(), None)
    })
    .await;
    assert!(c.find(Locator::Css(".error-summary")).await.is_err());
    assert!(c.find(Locator::Css("#sign-error")).await.is_err());
    assert_sign_button_ready(c).await;

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
        sign_expecting_error(c, error.message_key()).await;
        fake.next_request().await;
    }
    assert_eq!(
        fake.connections.load(Ordering::SeqCst),
        1,
        "one socket serves consecutive requests"
    );

    // NCALayer closes mid-operation; the next request opens a new connection.
    fake.set_reply(Reply::DropConnection);
    sign_expecting_error(c, SignerError::ConnectionLost.message_key()).await;
    fake.next_request().await;

    // NCALayer never answers: the configured timeout ends the wait.
    fake.set_reply(Reply::Silent);
    let started = tokio::time::Instant::now();
    sign_expecting_error(c, SignerError::Timeout.message_key()).await;
    assert!(started.elapsed() >= Duration::from_millis(TIMEOUT_MS));
    fake.next_request().await;
    assert_eq!(fake.connections.load(Ordering::SeqCst), 2);

    // Nothing listens on the port any more.
    let port = fake.port;
    fake.stop().await;
    sign_expecting_error(c, SignerError::NotRunning.message_key()).await;

    // NCALayer is back on its port and signs with the citizen's valid certificate: the server
    // verifies the CMS and accepts the application.
    let mut fake = FakeNcaLayer::start_on(port).await;
    fake.set_reply(Reply::Sign(TestLeaf::Valid));
    click(c, "#sign").await;
    let request = fake.next_request().await;
    // The same application, under the same idempotency key, signed at a later moment: each
    // signing puts its own moment into the signed bytes.
    let resigned_bytes = request.decoded_data().unwrap();
    let resigned: Application = serde_json::from_slice(&resigned_bytes).unwrap();
    assert_eq!(resigned.canonical_bytes(), resigned_bytes);
    assert_eq!(resigned.idempotency_key, application.idempotency_key);
    assert!(resigned.signed_at > application.signed_at, "{resigned:?}");
    let same_moment = Application {
        signed_at: application.signed_at.clone(),
        ..resigned.clone()
    };
    assert_eq!(same_moment.canonical_bytes(), signed_bytes);
    let reference = text(c, "#reference").await;
    let stored = application_record(&base, &reference).await;
    let certificate =
        egov_server::cms_verify::certificate_info(&pki().leaf(TestLeaf::Valid, IIN)).unwrap();
    assert_eq!(stored.signer, certificate);
    // The public view: what was signed, without the server's upload ids.
    assert_eq!(stored.application, resigned.public_view());
    // Exactly one application on the server: the refused signatures stored nothing.
    let mine = applications_of(&base).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].reference, reference);

    s.finish().await;
    fake.stop().await;
}

/// Waits for the sign page's error with `key`, in Russian, after a click made elsewhere.
async fn wait_for_sign_error(c: &Client, key: &str) {
    wait_for_attr(c, "#sign-error", "data-code", key).await;
    let russian = egov_wizard::i18n::translate(Lang::Ru, key, None);
    assert_ne!(russian, key, "no Russian message for {key}");
    wait_for_text(c, "#sign-error", |t| t == russian).await;
    assert_sign_button_ready(c).await;
}

/// The applicant's applications on the server, seen by signing in with a CMS as they would.
async fn applications_of(base: &str) -> Vec<egov_domain::api::ApplicationSummary> {
    applications_signed_in_with(base, IIN, |bytes| {
        pki().envelope(TestLeaf::Valid, IIN, bytes)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stub_certificates_reach_the_server_and_each_refusal_is_explained() {
    let _one_browser = BROWSER.lock().await;
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());
    reach_sign_step(c, &format!("{base}/?lang=ru")).await;

    // Refused by the server, each with its own code.
    for (certificate, code) in [
        ("expired", "certificate_expired"),
        ("revoked", "certificate_revoked"),
        ("other_iin", "certificate_iin_mismatch"),
    ] {
        click(c, &format!("label[for='stub-{certificate}']")).await;
        sign_expecting_error(c, code).await;
    }
    // Failures of the signer itself.
    click(c, "label[for='stub-not_running']").await;
    sign_expecting_error(c, SignerError::NotRunning.message_key()).await;
    click(c, "label[for='stub-cancel']").await;
    click(c, "#sign").await;
    wait_for(c, "#sign-outcome[role='status']").await;
    assert!(c.find(Locator::Css(".error-summary")).await.is_err());
    assert_sign_button_ready(c).await;

    // The valid certificate is accepted, and the server took the signer from it.
    click(c, "label[for='stub-valid']").await;
    click(c, "#sign").await;
    let reference = text(c, "#reference").await;
    let stored = application_record(&base, &reference).await;
    assert_eq!(stored.signer.subject_iin, IIN);

    s.finish().await;
}
