//! The development signer: certificates of the published test CA, and the failures a real
//! signer can produce on demand.

use super::{SignFuture, SignRequest, Signed, Signer, SignerError};
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

/// Signs with certificates of the test CA, or fails the way a real signer can. The expired,
/// revoked and other-IIN certificates do sign: refusing them is the server's job, and the stub
/// exists to prove the server does.
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
                StubBehaviour::Certificate(kind) => {
                    let envelope = test_ca::sign(
                        kind,
                        &request.iin,
                        &request.bytes,
                        time::OffsetDateTime::now_utc(),
                    );
                    let certificate = envelope.certificate.as_ref().map(|c| c.info.clone());
                    Ok(Signed {
                        envelope,
                        certificate,
                    })
                }
            }
        })
    }
}
