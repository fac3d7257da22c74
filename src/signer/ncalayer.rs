//! The NCALayer client: the `basics.sign` request over a browser WebSocket to the signing
//! program on the person's computer.
//!
//! - **One request at a time.** NCALayer's replies carry no request id, so a second request on
//!   the same socket could receive the first one's answer. A call while one is waiting fails at
//!   once with [`SignerError::Busy`] rather than queueing: the person is looking at an open
//!   NCALayer dialog, and a queued second dialog after it would be a surprise.
//! - **One socket, reused** while it stays open; it is replaced when NCALayer closed it, and
//!   closed after a timeout so that a late answer cannot be taken for the next request's.
//! - **Failures before the socket opens** are [`SignerError::NotRunning`], unless the browser
//!   says it denied this page access to the loopback address ([`SignerError::LoopbackBlocked`]).
//!   A browser reports a failed WebSocket with no reason at all (a `close` event, code 1006),
//!   whether nothing listens on the port, the port is one browsers refuse, the TLS certificate
//!   of `wss://` is not trusted, or Chrome's Local Network Access blocked it. The only extra signal is the Permissions API:
//!   Chrome answers `denied` for `loopback-network` (older name: `local-network-access`) once
//!   the person refused. A silent block, another browser's policy or a CSP `connect-src`
//!   refusal still look like "not running", and the message for it says so.
//! - **The socket is closed** when the signer is dropped, or on [`NcaLayerSigner::close`] (kiosk
//!   session end).

use super::{SignFuture, SignRequest, Signed, Signer, SignerError};
use egov_domain::ncalayer::{self as protocol, BasicsSignRequest, Incoming};
use egov_domain::signature::{SignatureEnvelope, SignatureFormat};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// Signs through NCALayer. Cheap to keep: it connects on the first request.
pub struct NcaLayerSigner {
    connection: Rc<RefCell<Connection>>,
}

impl NcaLayerSigner {
    pub fn new(url: impl Into<String>, timeout_ms: u32) -> Self {
        NcaLayerSigner {
            connection: Rc::new(RefCell::new(Connection {
                url: url.into(),
                timeout_ms,
                socket: None,
                pending: None,
                version: None,
            })),
        }
    }

    /// Closes the connection; a request still waiting ends with [`SignerError::ConnectionLost`].
    pub fn close(&self) {
        let mut connection = self.connection.borrow_mut();
        if let Some(socket) = connection.socket.take() {
            socket.retire();
        }
        connection.settle(Err(SignerError::ConnectionLost));
    }

    /// The NCALayer version from its greeting, once connected.
    pub fn version(&self) -> Option<String> {
        self.connection.borrow().version.clone()
    }
}

impl Drop for NcaLayerSigner {
    fn drop(&mut self) {
        self.close();
    }
}

impl Signer for NcaLayerSigner {
    fn sign(&self, request: SignRequest) -> SignFuture {
        // The request takes its place at once: a second one is Busy, and `close` ends it, even
        // before this future first runs.
        let reserved = Connection::reserve(&self.connection, request);
        let connection = self.connection.clone();
        Box::pin(async move {
            let slot = reserved?;
            match exchange(connection.clone(), slot).await {
                Ok(answer) => answer.await,
                Err(e) => {
                    connection.borrow_mut().settle(Err(e));
                    Err(e)
                }
            }
        })
    }
}

crate::pieces::piece!(
    /// Connects, sends the reserved request and waits for its answer. A piece of its own in the
    /// production build: most people sign minutes after the first screen, if at all.
    fn exchange(
        connection: Rc<RefCell<Connection>>,
        slot: Rc<RefCell<Slot>>,
    ) -> Result<SignFuture, SignerError> {
        Ok(Box::pin(async move {
            Connection::connect(&connection);
            match Wait(slot).await {
                Err(SignerError::NotRunning) if loopback_access_denied().await => {
                    Err(SignerError::LoopbackBlocked)
                }
                other => other,
            }
        }))
    }
);

struct Connection {
    url: String,
    timeout_ms: u32,
    socket: Option<Socket>,
    pending: Option<Pending>,
    version: Option<String>,
}

/// The request waiting for its answer.
struct Pending {
    slot: Rc<RefCell<Slot>>,
    request: SignRequest,
    sent: bool,
    timer: Option<Timer>,
}

#[derive(Default)]
struct Slot {
    outcome: Option<Result<Signed, SignerError>>,
    waker: Option<Waker>,
}

struct Wait(Rc<RefCell<Slot>>);

impl Future for Wait {
    type Output = Result<Signed, SignerError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.0.borrow_mut();
        match slot.outcome.take() {
            Some(outcome) => Poll::Ready(outcome),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Connection {
    fn reserve(
        this: &Rc<RefCell<Connection>>,
        request: SignRequest,
    ) -> Result<Rc<RefCell<Slot>>, SignerError> {
        let mut connection = this.borrow_mut();
        if connection.pending.is_some() {
            return Err(SignerError::Busy);
        }
        let slot = Rc::new(RefCell::new(Slot::default()));
        connection.pending = Some(Pending {
            slot: slot.clone(),
            request,
            sent: false,
            timer: Timer::start(connection.timeout_ms, Rc::downgrade(this)),
        });
        Ok(slot)
    }

    /// Opens a socket unless an open one can be reused, and sends the reserved request.
    fn connect(this: &Rc<RefCell<Connection>>) {
        let mut connection = this.borrow_mut();
        // Ended before it got here: closed or timed out.
        if connection.pending.is_none() {
            return;
        }
        let reusable = connection
            .socket
            .as_ref()
            .is_some_and(|s| s.ws.ready_state() <= WebSocket::OPEN);
        if !reusable {
            if let Some(old) = connection.socket.take() {
                old.retire();
            }
            match Socket::open(&connection.url, Rc::downgrade(this)) {
                Ok(socket) => connection.socket = Some(socket),
                Err(e) => return connection.settle(Err(e)),
            }
        }
        connection.send_if_open();
    }

    fn send_if_open(&mut self) {
        let Some(socket) = &self.socket else { return };
        if socket.ws.ready_state() != WebSocket::OPEN {
            return;
        }
        let Some(pending) = self.pending.as_mut().filter(|p| !p.sent) else {
            return;
        };
        pending.sent = true;
        let request = &pending.request;
        let json = BasicsSignRequest::cms(&request.bytes, &request.iin, request.lang).to_json();
        if socket.ws.send_with_str(&json).is_err() {
            self.settle(Err(SignerError::ConnectionLost));
        }
    }

    /// Ends the waiting request, if any, with `outcome`.
    fn settle(&mut self, outcome: Result<Signed, SignerError>) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        if let Some(timer) = pending.timer {
            timer.cancel();
        }
        let mut slot = pending.slot.borrow_mut();
        slot.outcome = Some(outcome);
        if let Some(waker) = slot.waker.take() {
            waker.wake();
        }
    }

    fn on_open(&mut self) {
        if let Some(socket) = self.socket.as_mut() {
            socket.opened = true;
        }
        self.send_if_open();
    }

    fn on_message(&mut self, text: Option<String>) {
        let incoming = match text.as_deref().map(protocol::decode) {
            Some(Ok(incoming)) => incoming,
            Some(Err(_)) | None => {
                self.settle(Err(SignerError::Protocol));
                return;
            }
        };
        match incoming {
            Incoming::Greeting { version } => self.version = Some(version),
            Incoming::Heartbeat => {}
            // Replies only come to a sent request; anything else is a stray answer to one that
            // already ended, and is dropped.
            _ if !self.pending.as_ref().is_some_and(|p| p.sent) => {}
            Incoming::Signed { cms, .. } => self.settle(Ok(Signed {
                envelope: SignatureEnvelope {
                    format: SignatureFormat::Cms,
                    value: cms,
                    certificate: None,
                },
                certificate: None,
            })),
            Incoming::Cancelled => self.settle(Err(SignerError::Cancelled)),
            Incoming::Failed(failure) => self.settle(Err(failure.kind.into())),
        }
    }

    fn on_close(&mut self) {
        let Some(socket) = self.socket.take() else {
            return;
        };
        let error = if socket.opened {
            SignerError::ConnectionLost
        } else {
            SignerError::NotRunning
        };
        socket.retire();
        self.settle(Err(error));
    }

    fn on_timeout(&mut self) {
        if let Some(socket) = self.socket.take() {
            socket.retire();
        }
        self.settle(Err(SignerError::Timeout));
    }
}

/// Runs `f` on the connection if it still exists. JS callbacks hold only weak references, so
/// the signer and its socket can be dropped while callbacks are registered.
fn with_connection(weak: &Weak<RefCell<Connection>>, f: impl FnOnce(&mut Connection)) {
    if let Some(connection) = weak.upgrade() {
        f(&mut connection.borrow_mut());
    }
}

/// Drops `value` after the current JS callback returns: a closure must not be freed while it
/// runs, and a socket or timer is often retired from inside its own callback.
fn drop_later<T: 'static>(value: T) {
    wasm_bindgen_futures::spawn_local(async move { drop(value) });
}

/// The JS callbacks of a socket; they must live as long as the socket may call them.
struct Handlers {
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

struct Socket {
    ws: WebSocket,
    opened: bool,
    handlers: Handlers,
}

impl Socket {
    fn open(url: &str, connection: Weak<RefCell<Connection>>) -> Result<Socket, SignerError> {
        let ws = WebSocket::new(url).map_err(|error| {
            // Mixed content (a `ws://` address from an `https://` page) throws SecurityError:
            // the one block the browser names. A refused port (e.g. 9) does not throw in
            // Chromium; it fails like a closed port (see the tests).
            let name = js_sys::Reflect::get(&error, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            match name.as_deref() {
                Some("SecurityError") => SignerError::LoopbackBlocked,
                _ => SignerError::NotRunning,
            }
        })?;
        let on_open = {
            let connection = connection.clone();
            Closure::<dyn FnMut()>::new(move || with_connection(&connection, Connection::on_open))
        };
        let on_message = {
            let connection = connection.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let text = event.data().as_string();
                with_connection(&connection, |c| c.on_message(text));
            })
        };
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| {
            with_connection(&connection, Connection::on_close)
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Ok(Socket {
            ws,
            opened: false,
            handlers: Handlers {
                _on_open: on_open,
                _on_message: on_message,
                _on_close: on_close,
            },
        })
    }

    /// Detaches the handlers (so nothing reaches a connection that has moved on) and closes.
    fn retire(self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
        drop_later(self.handlers);
    }
}

struct Timer {
    handle: i32,
    callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(timeout_ms: u32, connection: Weak<RefCell<Connection>>) -> Option<Timer> {
        let callback = Closure::<dyn FnMut()>::new(move || {
            with_connection(&connection, Connection::on_timeout)
        });
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                i32::try_from(timeout_ms).unwrap_or(i32::MAX),
            )
            .ok()?;
        Some(Timer { handle, callback })
    }

    fn cancel(self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
        }
        drop_later(self.callback);
    }
}

/// Whether the browser reports that this page may not reach the loopback address. Browsers
/// without the permission reject the query; that counts as "not denied".
async fn loopback_access_denied() -> bool {
    let Some(permissions) = web_sys::window().and_then(|w| w.navigator().permissions().ok()) else {
        return false;
    };
    for name in ["loopback-network", "local-network-access"] {
        let descriptor = js_sys::Object::new();
        if js_sys::Reflect::set(&descriptor, &"name".into(), &name.into()).is_err() {
            continue;
        }
        let Ok(query) = permissions.query(&descriptor) else {
            continue;
        };
        if let Ok(status) = wasm_bindgen_futures::JsFuture::from(query).await {
            let status: web_sys::PermissionStatus = status.unchecked_into();
            return status.state() == web_sys::PermissionState::Denied;
        }
    }
    false
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use egov_domain::Lang;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// A loopback port nothing listens on in the test browser's machine (not one of the ports
    /// browsers refuse outright, which would fail before any request is pending).
    const NOTHING_LISTENS: &str = "ws://127.0.0.1:45917";

    fn request() -> SignRequest {
        SignRequest {
            bytes: b"{}".to_vec(),
            iin: "791028302728".into(),
            lang: Lang::Kk,
        }
    }

    #[wasm_bindgen_test]
    async fn a_second_request_while_one_waits_is_busy_and_the_slot_frees_afterwards() {
        let signer = NcaLayerSigner::new(NOTHING_LISTENS, 10_000);
        let first = signer.sign(request());
        assert_eq!(signer.sign(request()).await, Err(SignerError::Busy));
        assert_eq!(first.await, Err(SignerError::NotRunning));
        assert_eq!(
            signer.sign(request()).await,
            Err(SignerError::NotRunning),
            "after the first request ended, the next one runs"
        );
    }

    #[wasm_bindgen_test]
    async fn close_ends_the_waiting_request() {
        let signer = NcaLayerSigner::new(NOTHING_LISTENS, 10_000);
        let waiting = signer.sign(request());
        signer.close();
        assert_eq!(waiting.await, Err(SignerError::ConnectionLost));
    }

    #[wasm_bindgen_test]
    async fn dropping_the_signer_ends_the_waiting_request() {
        let signer = NcaLayerSigner::new(NOTHING_LISTENS, 10_000);
        let waiting = signer.sign(request());
        drop(signer);
        assert_eq!(waiting.await, Err(SignerError::ConnectionLost));
    }

    #[wasm_bindgen_test]
    async fn a_port_the_browser_refuses_looks_like_not_running() {
        // Port 9 is on the browsers' list of ports a page may not connect to. Chromium does not
        // throw for it: the socket just fails, like a port nothing listens on. This pins down
        // what the page cannot tell apart, so a browser change shows up here.
        let signer = NcaLayerSigner::new("ws://127.0.0.1:9", 10_000);
        assert_eq!(signer.sign(request()).await, Err(SignerError::NotRunning));
    }
}
