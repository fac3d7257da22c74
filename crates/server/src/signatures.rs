//! The one place the server verifies signatures, for submissions and sign-in alike.

use crate::cms_verify::CmsTrust;
use egov_domain::signature::{
    CertificateInfo, SignatureEnvelope, SignatureError, SignatureFormat, SigningClaim, TrustAnchor,
};

/// The verifiers this server is configured with; a format without one is refused with
/// `signature_format_unsupported`.
#[derive(Default)]
pub struct Verifiers {
    /// The development test CA (`--trust-test-ca`), for `stub-ed25519`.
    pub stub: Option<TrustAnchor>,
    /// The national CA's certificates and CRLs (`--cms-trust-root`, `--cms-crl`), for `cms`.
    pub cms: Option<CmsTrust>,
}

impl Verifiers {
    /// Verifies `envelope` against `claim`.
    pub fn verify(
        &self,
        envelope: &SignatureEnvelope,
        claim: SigningClaim<'_>,
    ) -> Result<CertificateInfo, SignatureError> {
        match envelope.format {
            SignatureFormat::StubEd25519 => self
                .stub
                .as_ref()
                .ok_or(SignatureError::UnsupportedFormat)?
                .verify_stub(envelope, claim),
            SignatureFormat::Cms => {
                let trust = self.cms.as_ref().ok_or(SignatureError::UnsupportedFormat)?;
                // A CMS carries its certificates; a stub certificate beside it is a client bug.
                if envelope.certificate.is_some() {
                    return Err(SignatureError::Malformed);
                }
                trust.verify(&envelope.value, claim)
            }
        }
    }
}
