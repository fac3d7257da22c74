//! The signing hook: one interface, a stub for development and tests, NCALayer in production,
//! chosen by configuration ([`SignerConfig`]).

pub mod ncalayer;
#[cfg(feature = "stub-signer")]
pub mod stub;

use egov_domain::ncalayer::FailureKind;
use egov_domain::signature::{CertificateInfo, SignatureEnvelope};
use egov_domain::Lang;
use std::future::Future;
use std::pin::Pin;

/// What to sign and for whom.
pub struct SignRequest {
    /// The exact bytes: the application's canonical JSON.
    pub bytes: Vec<u8>,
    /// Only a certificate of this IIN may sign.
    pub iin: String,
    /// The language the signing program should speak.
    pub lang: Lang,
}

/// A signature and, when the signer can know it, whose certificate made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub envelope: SignatureEnvelope,
    /// The stub knows its certificate. NCALayer returns an opaque CMS: the server, which has to
    /// parse and check the certificate anyway, is the one that reads it.
    pub certificate: Option<CertificateInfo>,
}

/// Why nothing was signed. Each variant has its own message ([`SignerError::message_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignerError {
    /// The person closed the signing dialog: not an error to shout about.
    Cancelled,
    /// Nothing answered on the signing program's address: it is not installed or not running.
    /// A browser that silently blocks the connection looks the same (see `ncalayer`).
    NotRunning,
    /// The browser refused the connection to the signing program: the page is not allowed to
    /// reach this computer's loopback address (Chrome's Local Network Access, mixed content).
    LoopbackBlocked,
    /// No key storage (token, ID card, key file) was found.
    NoToken,
    /// The key found is not a signing key (e.g. an authentication key).
    WrongKeyType,
    CertificateExpired,
    CertificateRevoked,
    /// The certificate belongs to another IIN than the applicant's.
    IinMismatch,
    /// The signing program closed the connection before answering.
    ConnectionLost,
    /// No answer in the configured time.
    Timeout,
    /// A signing request is already waiting for an answer.
    Busy,
    /// The signing program does not support what was asked (module missing, too old).
    Unsupported,
    /// The signing program tried and failed.
    SigningFailed,
    /// An answer outside the protocol.
    Protocol,
    /// This page's signing code could not be fetched (the production build fetches it when the
    /// person first signs).
    NotLoaded,
}

impl SignerError {
    pub const ALL: [SignerError; 15] = [
        SignerError::Cancelled,
        SignerError::NotRunning,
        SignerError::LoopbackBlocked,
        SignerError::NoToken,
        SignerError::WrongKeyType,
        SignerError::CertificateExpired,
        SignerError::CertificateRevoked,
        SignerError::IinMismatch,
        SignerError::ConnectionLost,
        SignerError::Timeout,
        SignerError::Busy,
        SignerError::Unsupported,
        SignerError::SigningFailed,
        SignerError::Protocol,
        SignerError::NotLoaded,
    ];

    /// The locale key of the message the person sees.
    pub fn message_key(self) -> &'static str {
        match self {
            SignerError::Cancelled => "signer-cancelled",
            SignerError::NotRunning => "signer-not-running",
            SignerError::LoopbackBlocked => "signer-loopback-blocked",
            SignerError::NoToken => "signer-no-token",
            SignerError::WrongKeyType => "signer-wrong-key-type",
            SignerError::CertificateExpired => "signer-certificate-expired",
            SignerError::CertificateRevoked => "signer-certificate-revoked",
            SignerError::IinMismatch => "signer-iin-mismatch",
            SignerError::ConnectionLost => "signer-connection-lost",
            SignerError::Timeout => "signer-timeout",
            SignerError::Busy => "signer-busy",
            SignerError::Unsupported => "signer-unsupported",
            SignerError::SigningFailed => "signer-failed",
            SignerError::Protocol => "signer-protocol",
            SignerError::NotLoaded => "signer-not-loaded",
        }
    }
}

impl From<leptos::wasm_split::SplitLoaderError> for SignerError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        SignerError::NotLoaded
    }
}

impl From<FailureKind> for SignerError {
    fn from(kind: FailureKind) -> Self {
        match kind {
            FailureKind::NoToken => SignerError::NoToken,
            FailureKind::WrongKeyType => SignerError::WrongKeyType,
            FailureKind::CertificateExpired => SignerError::CertificateExpired,
            FailureKind::CertificateRevoked => SignerError::CertificateRevoked,
            FailureKind::IinMismatch => SignerError::IinMismatch,
            FailureKind::Unsupported => SignerError::Unsupported,
            FailureKind::SigningFailed => SignerError::SigningFailed,
        }
    }
}

pub type SignFuture = Pin<Box<dyn Future<Output = Result<Signed, SignerError>>>>;

/// Signs applications. Implementations may talk to a local program; they never see the network.
pub trait Signer {
    fn sign(&self, request: SignRequest) -> SignFuture;
}

/// Which signer the app uses. The same build does either; the host page decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerConfig {
    /// Test certificates of the published test CA. Only in builds with the `stub-signer`
    /// feature; elsewhere a request for it falls back to NCALayer.
    Stub,
    NcaLayer {
        url: String,
        timeout_ms: u32,
    },
}

/// A person takes their time in the NCALayer dialog (find the token, type the password): the
/// timeout only catches a signing program that hangs.
pub const DEFAULT_TIMEOUT_MS: u32 = 5 * 60 * 1000;

impl Default for SignerConfig {
    fn default() -> Self {
        if cfg!(feature = "stub-signer") {
            SignerConfig::Stub
        } else {
            SignerConfig::ncalayer_default()
        }
    }
}

impl SignerConfig {
    pub fn ncalayer_default() -> Self {
        SignerConfig::NcaLayer {
            url: egov_domain::ncalayer::DEFAULT_URL.to_owned(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }

    /// Applies `signer`, `ncalayer-url` and `ncalayer-timeout-ms` settings (from the page's
    /// query or its `<meta name="egov-wizard-signer">`) on top of `self`. Invalid values are
    /// ignored, so a typo keeps the previous choice instead of breaking signing.
    pub fn with_settings<'a>(
        self,
        settings: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> SignerConfig {
        let (mut kind, mut url, mut timeout) = (None, None, None);
        for (name, value) in settings {
            let value = value.trim();
            match name.trim() {
                "signer" => kind = Some(value),
                "ncalayer-url" => url = loopback_websocket_url(value).or(url),
                "ncalayer-timeout-ms" => {
                    timeout = value.parse::<u32>().ok().filter(|t| *t > 0).or(timeout)
                }
                _ => {}
            }
        }
        let mut config = match (kind, self) {
            (Some("ncalayer"), current @ SignerConfig::NcaLayer { .. }) => current,
            (Some("ncalayer"), SignerConfig::Stub) => SignerConfig::ncalayer_default(),
            (Some("stub"), _) if cfg!(feature = "stub-signer") => SignerConfig::Stub,
            (_, current) => current,
        };
        if let SignerConfig::NcaLayer {
            url: current_url,
            timeout_ms,
        } = &mut config
        {
            if let Some(url) = url {
                *current_url = url;
            }
            if let Some(timeout) = timeout {
                *timeout_ms = timeout;
            }
        }
        config
    }
}

/// `name=value` pairs separated by `&` or `;`, as in a query string or a meta tag's content.
pub fn setting_pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.trim_start_matches('?')
        .split(['&', ';'])
        .filter_map(|pair| pair.split_once('='))
}

/// The URL if it is a WebSocket URL on this computer's loopback address. The application (with
/// the IIN) goes to the signer, so a crafted link must not be able to send it elsewhere.
fn loopback_websocket_url(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("wss://")
        .or_else(|| url.strip_prefix("ws://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (host, after) = bracketed.split_once(']')?;
            (host, after.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let loopback = matches!(host, "127.0.0.1" | "localhost" | "::1");
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok());
    (loopback && port_ok).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ncalayer(url: &str, timeout_ms: u32) -> SignerConfig {
        SignerConfig::NcaLayer {
            url: url.into(),
            timeout_ms,
        }
    }

    fn apply(base: SignerConfig, text: &str) -> SignerConfig {
        base.with_settings(setting_pairs(text))
    }

    #[test]
    fn query_selects_ncalayer_with_url_and_timeout_in_any_order() {
        assert_eq!(
            apply(
                SignerConfig::Stub,
                "?lang=ru&ncalayer-url=ws://127.0.0.1:4567&signer=ncalayer&ncalayer-timeout-ms=900"
            ),
            ncalayer("ws://127.0.0.1:4567", 900)
        );
        assert_eq!(
            apply(SignerConfig::Stub, "signer=ncalayer"),
            SignerConfig::ncalayer_default()
        );
    }

    #[test]
    fn meta_content_may_use_semicolons() {
        assert_eq!(
            apply(
                SignerConfig::Stub,
                "signer=ncalayer; ncalayer-url=wss://localhost:13579/"
            ),
            ncalayer("wss://localhost:13579/", DEFAULT_TIMEOUT_MS)
        );
    }

    #[test]
    fn later_layer_keeps_earlier_url_unless_it_names_one() {
        let from_meta = ncalayer("ws://127.0.0.1:1000", 5);
        assert_eq!(
            apply(from_meta.clone(), "ncalayer-timeout-ms=7"),
            ncalayer("ws://127.0.0.1:1000", 7)
        );
        assert_eq!(apply(from_meta.clone(), "signer=ncalayer"), from_meta);
    }

    #[test]
    fn only_loopback_websocket_urls_are_accepted() {
        for bad in [
            "wss://example.com:13579",
            "https://127.0.0.1:13579",
            "ws://127.0.0.1.example.com",
            "ws://127.0.0.1:notaport",
            "ws://user@evil:1@127.0.0.1",
        ] {
            assert_eq!(
                apply(
                    ncalayer("ws://127.0.0.1:1", 1),
                    &format!("ncalayer-url={bad}")
                ),
                ncalayer("ws://127.0.0.1:1", 1),
                "{bad}"
            );
        }
        assert_eq!(
            apply(ncalayer("ws://127.0.0.1:1", 1), "ncalayer-url=ws://[::1]:2"),
            ncalayer("ws://[::1]:2", 1)
        );
    }

    #[test]
    fn invalid_values_keep_the_previous_choice() {
        assert_eq!(
            apply(
                SignerConfig::ncalayer_default(),
                "signer=magic&ncalayer-timeout-ms=0"
            ),
            SignerConfig::ncalayer_default()
        );
    }

    #[cfg(feature = "stub-signer")]
    #[test]
    fn development_builds_default_to_the_stub_and_can_switch_back() {
        assert_eq!(SignerConfig::default(), SignerConfig::Stub);
        assert_eq!(
            apply(SignerConfig::ncalayer_default(), "signer=stub"),
            SignerConfig::Stub
        );
    }

    #[cfg(not(feature = "stub-signer"))]
    #[test]
    fn production_builds_default_to_ncalayer_and_have_no_stub() {
        assert_eq!(SignerConfig::default(), SignerConfig::ncalayer_default());
        assert_eq!(
            apply(SignerConfig::ncalayer_default(), "signer=stub"),
            SignerConfig::ncalayer_default()
        );
    }

    #[test]
    fn every_error_has_a_message_in_every_language() {
        for lang in Lang::ALL {
            for error in SignerError::ALL {
                let key = error.message_key();
                let text = crate::i18n::translate(lang, key, None);
                assert_ne!(text, key, "{} lacks {key}", lang.tag());
            }
        }
    }

    #[test]
    fn every_error_has_its_own_message_key() {
        let keys: std::collections::BTreeSet<_> =
            SignerError::ALL.iter().map(|e| e.message_key()).collect();
        assert_eq!(keys.len(), SignerError::ALL.len());
    }
}
