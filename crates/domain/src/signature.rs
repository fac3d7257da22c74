//! Signatures over applications, and the checks the regulations require of them.
//!
//! Two formats travel on the wire: `cms` from NCALayer (verified by a backend with the national
//! CA's roots) and `stub-ed25519`, made by the development signer with certificates of a test
//! certificate authority. This module defines both envelopes and verifies the stub format, with
//! the same checks the regulations list for the portal: the certificate is valid at the time of
//! signing, not revoked, and issued to the applicant's IIN.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signature as Ed25519Signature, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// How the signature is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SignatureFormat {
    #[serde(rename = "stub-ed25519")]
    StubEd25519,
    #[serde(rename = "cms")]
    Cms,
}

/// What a certificate says about its holder, as shown to people and checked by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateInfo {
    pub serial: String,
    /// The holder's IIN as written in the certificate. Compared as a string: NCA test
    /// certificates carry IINs that fail the check digit.
    pub subject_iin: String,
    pub subject_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
}

/// A certificate of the test certificate authority (development signer, `stub-ed25519`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StubCertificate {
    pub info: CertificateInfo,
    /// The holder's Ed25519 public key, base64.
    #[cfg_attr(feature = "openapi", schema(content_encoding = "base64"))]
    pub public_key: String,
    /// The test CA's Ed25519 signature over the canonical JSON of `info` and `public_key`.
    #[cfg_attr(feature = "openapi", schema(content_encoding = "base64"))]
    pub issuer_signature: String,
}

/// A signature as it travels with an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignatureEnvelope {
    pub format: SignatureFormat,
    /// The signature (or the CMS structure), base64.
    #[cfg_attr(feature = "openapi", schema(content_encoding = "base64"))]
    pub value: String,
    /// The signer's certificate as JSON for `stub-ed25519`; absent for `cms`, which embeds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<StubCertificate>,
}

/// Why a signature is not accepted. Each maps to its own API error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature or certificate is malformed")]
    Malformed,
    #[error("this signature format is not accepted by this server")]
    UnsupportedFormat,
    /// A CMS whose algorithm the server cannot verify, e.g. GOST 34.310 / 34.10-2015.
    #[error("the signature algorithm is not supported by this server")]
    UnsupportedAlgorithm,
    #[error("the certificate was not issued by a trusted authority")]
    UntrustedIssuer,
    #[error("the signature does not match the application")]
    Mismatch,
    #[error("the certificate is not yet valid")]
    NotYetValid,
    #[error("the certificate has expired")]
    Expired,
    #[error("the certificate is revoked")]
    Revoked,
    #[error("the certificate belongs to another IIN")]
    IinMismatch,
}

impl SignatureError {
    /// Every variant: documentation and locale tests check each code is described.
    pub const ALL: [SignatureError; 9] = [
        SignatureError::Malformed,
        SignatureError::UnsupportedFormat,
        SignatureError::UnsupportedAlgorithm,
        SignatureError::UntrustedIssuer,
        SignatureError::Mismatch,
        SignatureError::NotYetValid,
        SignatureError::Expired,
        SignatureError::Revoked,
        SignatureError::IinMismatch,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SignatureError::Malformed => "signature_malformed",
            SignatureError::UnsupportedFormat => "signature_format_unsupported",
            SignatureError::UnsupportedAlgorithm => "signature_algorithm_unsupported",
            SignatureError::UntrustedIssuer => "certificate_untrusted",
            SignatureError::Mismatch => "signature_mismatch",
            SignatureError::NotYetValid => "certificate_not_yet_valid",
            SignatureError::Expired => "certificate_expired",
            SignatureError::Revoked => "certificate_revoked",
            SignatureError::IinMismatch => "certificate_iin_mismatch",
        }
    }
}

#[derive(Serialize)]
struct ToBeSigned<'a> {
    info: &'a CertificateInfo,
    public_key: &'a str,
}

fn certificate_bytes(info: &CertificateInfo, public_key: &str) -> Vec<u8> {
    serde_json_canonicalizer::to_vec(&ToBeSigned { info, public_key })
        .expect("certificate info always serialises")
}

fn decode_key(b64: &str) -> Result<VerifyingKey, SignatureError> {
    let bytes: [u8; 32] = BASE64
        .decode(b64)
        .map_err(|_| SignatureError::Malformed)?
        .try_into()
        .map_err(|_| SignatureError::Malformed)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| SignatureError::Malformed)
}

fn decode_signature(b64: &str) -> Result<Ed25519Signature, SignatureError> {
    let bytes: [u8; 64] = BASE64
        .decode(b64)
        .map_err(|_| SignatureError::Malformed)?
        .try_into()
        .map_err(|_| SignatureError::Malformed)?;
    Ok(Ed25519Signature::from_bytes(&bytes))
}

/// What a signature must prove: that the holder of `applicant_iin` signed `signed_bytes`, with a
/// certificate valid at `now`.
#[derive(Debug, Clone, Copy)]
pub struct SigningClaim<'a> {
    pub signed_bytes: &'a [u8],
    pub applicant_iin: &'a str,
    pub now: OffsetDateTime,
}

/// What a verifier trusts: the CA key and the serials it has revoked.
pub struct TrustAnchor {
    pub ca_public_key: VerifyingKey,
    pub revoked_serials: Vec<String>,
}

impl TrustAnchor {
    /// Verifies a stub signature against `claim`, returning the certificate data on success.
    /// Checks run from "is this well-formed and ours" to "is it this person's", so each failure
    /// names the first thing wrong.
    pub fn verify_stub(
        &self,
        envelope: &SignatureEnvelope,
        claim: SigningClaim<'_>,
    ) -> Result<CertificateInfo, SignatureError> {
        if envelope.format != SignatureFormat::StubEd25519 {
            return Err(SignatureError::UnsupportedFormat);
        }
        let cert = envelope
            .certificate
            .as_ref()
            .ok_or(SignatureError::Malformed)?;
        let issuer_signature = decode_signature(&cert.issuer_signature)?;
        self.ca_public_key
            .verify(
                &certificate_bytes(&cert.info, &cert.public_key),
                &issuer_signature,
            )
            .map_err(|_| SignatureError::UntrustedIssuer)?;
        let holder_key = decode_key(&cert.public_key)?;
        let signature = decode_signature(&envelope.value)?;
        holder_key
            .verify(claim.signed_bytes, &signature)
            .map_err(|_| SignatureError::Mismatch)?;
        if claim.now < cert.info.not_before {
            return Err(SignatureError::NotYetValid);
        }
        if claim.now > cert.info.not_after {
            return Err(SignatureError::Expired);
        }
        if self.revoked_serials.contains(&cert.info.serial) {
            return Err(SignatureError::Revoked);
        }
        if cert.info.subject_iin != claim.applicant_iin {
            return Err(SignatureError::IinMismatch);
        }
        Ok(cert.info.clone())
    }
}

/// The test certificate authority. Its key is derived from a published seed: it proves nothing
/// outside development and tests, and a production server must not trust it.
pub mod test_ca {
    use super::*;

    const CA_SEED: [u8; 32] = *b"egov-wizard TEST CA - not secret";

    /// Serial of the stub certificate that the test CA has revoked.
    pub const REVOKED_SERIAL_PREFIX: &str = "TEST-REVOKED-";

    fn ca_key() -> SigningKey {
        SigningKey::from_bytes(&CA_SEED)
    }

    /// A verifier that trusts the test CA and knows its revocations.
    pub fn trust_anchor() -> TrustAnchor {
        TrustAnchor {
            ca_public_key: ca_key().verifying_key(),
            revoked_serials: vec![revoked_serial()],
        }
    }

    pub fn revoked_serial() -> String {
        format!("{REVOKED_SERIAL_PREFIX}0001")
    }

    /// Which test certificate the stub signer uses.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum TestCertificate {
        /// Valid, issued to the applicant's IIN.
        Valid,
        /// Issued to the applicant's IIN, validity ended.
        Expired,
        /// Issued to the applicant's IIN, revoked by the CA.
        Revoked,
        /// Valid, but issued to a different IIN.
        OtherIin,
    }

    impl TestCertificate {
        pub const ALL: [TestCertificate; 4] = [
            TestCertificate::Valid,
            TestCertificate::Expired,
            TestCertificate::Revoked,
            TestCertificate::OtherIin,
        ];

        pub fn code(self) -> &'static str {
            match self {
                TestCertificate::Valid => "valid",
                TestCertificate::Expired => "expired",
                TestCertificate::Revoked => "revoked",
                TestCertificate::OtherIin => "other_iin",
            }
        }
    }

    /// An IIN that passes the check digit and differs from any applicant's in tests.
    pub const OTHER_IIN: &str = "840317000029";
    #[cfg(feature = "stub-ca")]
    const OTHER_IIN_FALLBACK: &str = "990106300596";

    /// Issues a test certificate and its holder's key. The holder key is derived from the IIN and
    /// the kind, so a certificate can be reproduced by tests.
    #[cfg(feature = "stub-ca")]
    pub fn issue(
        kind: TestCertificate,
        applicant_iin: &str,
        now: OffsetDateTime,
    ) -> (StubCertificate, SigningKey) {
        use time::Duration;
        let subject_iin = match kind {
            TestCertificate::OtherIin if applicant_iin == OTHER_IIN => OTHER_IIN_FALLBACK,
            TestCertificate::OtherIin => OTHER_IIN,
            _ => applicant_iin,
        };
        let (not_before, not_after) = match kind {
            TestCertificate::Expired => (now - Duration::days(400), now - Duration::days(35)),
            _ => (now - Duration::days(30), now + Duration::days(335)),
        };
        let serial = match kind {
            TestCertificate::Revoked => revoked_serial(),
            _ => format!("TEST-{}-{}", kind.code().to_ascii_uppercase(), subject_iin),
        };
        let mut seed = [0u8; 32];
        for (i, b) in format!("{}:{}", kind.code(), subject_iin)
            .bytes()
            .enumerate()
        {
            seed[i % 32] ^= b.rotate_left(i as u32 % 8);
        }
        let holder = SigningKey::from_bytes(&seed);
        let public_key = BASE64.encode(holder.verifying_key().to_bytes());
        let info = CertificateInfo {
            serial,
            subject_iin: subject_iin.to_owned(),
            subject_name: "ТЕСТОВ ТЕСТ".to_owned(),
            not_before,
            not_after,
        };
        let issuer_signature = {
            use ed25519_dalek::Signer;
            BASE64.encode(
                ca_key()
                    .sign(&certificate_bytes(&info, &public_key))
                    .to_bytes(),
            )
        };
        (
            StubCertificate {
                info,
                public_key,
                issuer_signature,
            },
            holder,
        )
    }

    /// Signs `bytes` with a test certificate: what the stub signer does.
    #[cfg(feature = "stub-ca")]
    pub fn sign(
        kind: TestCertificate,
        applicant_iin: &str,
        bytes: &[u8],
        now: OffsetDateTime,
    ) -> SignatureEnvelope {
        use ed25519_dalek::Signer;
        let (certificate, holder) = issue(kind, applicant_iin, now);
        SignatureEnvelope {
            format: SignatureFormat::StubEd25519,
            value: BASE64.encode(holder.sign(bytes).to_bytes()),
            certificate: Some(certificate),
        }
    }
}

#[cfg(all(test, feature = "stub-ca"))]
mod tests {
    use super::test_ca::{self, TestCertificate};
    use super::*;

    const IIN: &str = "791028302728";

    fn now() -> OffsetDateTime {
        time::macros::datetime!(2026-11-23 12:00 UTC)
    }

    fn claim<'a>(signed_bytes: &'a [u8], applicant_iin: &'a str) -> SigningClaim<'a> {
        SigningClaim {
            signed_bytes,
            applicant_iin,
            now: now(),
        }
    }

    fn verify(kind: TestCertificate, bytes: &[u8]) -> Result<CertificateInfo, SignatureError> {
        let envelope = test_ca::sign(kind, IIN, b"application", now());
        test_ca::trust_anchor().verify_stub(&envelope, claim(bytes, IIN))
    }

    #[test]
    fn valid_certificate_verifies() {
        let info = verify(TestCertificate::Valid, b"application").unwrap();
        assert_eq!(info.subject_iin, IIN);
    }

    #[test]
    fn each_bad_certificate_fails_with_its_own_error() {
        assert_eq!(
            verify(TestCertificate::Expired, b"application"),
            Err(SignatureError::Expired)
        );
        assert_eq!(
            verify(TestCertificate::Revoked, b"application"),
            Err(SignatureError::Revoked)
        );
        assert_eq!(
            verify(TestCertificate::OtherIin, b"application"),
            Err(SignatureError::IinMismatch)
        );
    }

    #[test]
    fn tampered_bytes_are_detected() {
        assert_eq!(
            verify(TestCertificate::Valid, b"applicatioN"),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn forged_certificate_is_untrusted() {
        let mut envelope = test_ca::sign(TestCertificate::Valid, IIN, b"x", now());
        envelope.certificate.as_mut().unwrap().info.subject_iin = "990106300596".into();
        assert_eq!(
            test_ca::trust_anchor().verify_stub(&envelope, claim(b"x", "990106300596")),
            Err(SignatureError::UntrustedIssuer)
        );
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        let mut envelope = test_ca::sign(TestCertificate::Valid, IIN, b"x", now());
        envelope.value = "not base64!".into();
        assert_eq!(
            test_ca::trust_anchor().verify_stub(&envelope, claim(b"x", IIN)),
            Err(SignatureError::Malformed)
        );
    }
}
