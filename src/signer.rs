//! The signing hook: one interface, a stub for development and tests, NCALayer in production.

use egov_domain::signature::SignatureEnvelope;
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

/// Why nothing was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignerError {
    /// The person closed the signing dialog: not an error to shout about.
    Cancelled,
    /// The signing program is not installed or not running.
    NotRunning,
}

impl SignerError {
    pub fn message_key(self) -> &'static str {
        match self {
            SignerError::Cancelled => "signer-cancelled",
            SignerError::NotRunning => "signer-not-running",
        }
    }
}

pub type SignFuture = Pin<Box<dyn Future<Output = Result<SignatureEnvelope, SignerError>>>>;

/// Signs applications. Implementations may talk to a local program; they never see the network.
pub trait Signer {
    fn sign(&self, request: SignRequest) -> SignFuture;
}

#[cfg(feature = "stub-signer")]
pub mod stub {
    use super::*;
    use egov_domain::signature::test_ca::{self, TestCertificate};
    use serde::{Deserialize, Serialize};
    use std::cell::Cell;

    /// What the stub does when asked to sign.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum StubBehaviour {
        Certificate(TestCertificate),
        Cancel,
        NotRunning,
    }

    impl StubBehaviour {
        pub const ALL: [StubBehaviour; 6] = [
            StubBehaviour::Certificate(TestCertificate::Valid),
            StubBehaviour::Certificate(TestCertificate::Expired),
            StubBehaviour::Certificate(TestCertificate::Revoked),
            StubBehaviour::Certificate(TestCertificate::OtherIin),
            StubBehaviour::Cancel,
            StubBehaviour::NotRunning,
        ];

        pub fn code(self) -> &'static str {
            match self {
                StubBehaviour::Certificate(c) => c.code(),
                StubBehaviour::Cancel => "cancel",
                StubBehaviour::NotRunning => "not_running",
            }
        }
    }

    /// Signs with certificates of the test CA, or fails the way a real signer can.
    pub struct StubSigner {
        pub behaviour: Cell<StubBehaviour>,
    }

    impl Default for StubSigner {
        fn default() -> Self {
            StubSigner {
                behaviour: Cell::new(StubBehaviour::Certificate(TestCertificate::Valid)),
            }
        }
    }

    impl Signer for StubSigner {
        fn sign(&self, request: SignRequest) -> SignFuture {
            let behaviour = self.behaviour.get();
            Box::pin(async move {
                match behaviour {
                    StubBehaviour::Cancel => Err(SignerError::Cancelled),
                    StubBehaviour::NotRunning => Err(SignerError::NotRunning),
                    StubBehaviour::Certificate(kind) => Ok(test_ca::sign(
                        kind,
                        &request.iin,
                        &request.bytes,
                        time::OffsetDateTime::now_utc(),
                    )),
                }
            })
        }
    }
}
