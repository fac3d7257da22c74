//! Verification of CMS signatures (RFC 5652 SignedData) as NCALayer makes them: detached, over
//! the canonical bytes of the application (or the sign-in challenge), by a certificate of the
//! national CA (NCA RK, pki.gov.kz).
//!
//! The checks and their error codes are those of the stub format
//! ([`egov_domain::signature::TrustAnchor::verify_stub`]), in the same order, so that each
//! failure names the first thing wrong:
//! 1. the structure decodes, with one signer whose certificate is in it (`signature_malformed`);
//! 2. the algorithms are ones this server verifies: RSA PKCS#1 v1.5 or ECDSA P-256, with SHA-256
//!    (`signature_algorithm_unsupported`: GOST 34.310 / 34.10-2015 among others);
//! 3. the certificate chains to a configured trusted certificate (`certificate_untrusted`);
//! 4. the signature, the content-type and messageDigest signed attributes match the bytes
//!    (`signature_mismatch`);
//! 5. the certificate is valid now (`certificate_not_yet_valid`, `certificate_expired`);
//! 6. it is not on a configured CRL of its issuer (`certificate_revoked`);
//! 7. its subject `serialNumber` is `IIN` + the applicant's IIN (`certificate_iin_mismatch`).
//!
//! Not done: OCSP, the TSA timestamp token (an unsigned attribute, not read), GOST algorithms,
//! key usage and policy checks, and the validity of the CA certificates themselves.
//!
//! Built on RustCrypto's `cms`, `x509-cert` and `der` for the ASN.1, and on `rsa`, `p256` and
//! `sha2` for the arithmetic; only the BER-to-DER step ([`ber`]) is written here.

mod ber;
#[cfg(feature = "test-pki")]
pub mod test_pki;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::oid::db::{rfc4519, rfc5911, rfc5912};
use der::{Decode, Encode, Tag, Tagged};
use egov_domain::signature::{CertificateInfo, SignatureError, SigningClaim};
use rsa::pkcs1::DecodeRsaPublicKey;
use sha2::{Digest, Sha256};
use signature_verify::Verifier;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::{BasicConstraints, SubjectKeyIdentifier};
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;

// `signature` is the name of a field everywhere here; the trait crate goes by another.
use rsa::signature as signature_verify;

/// Longest chain from a signer to a trusted certificate.
const MAX_CHAIN: usize = 8;

/// What a CMS verifier trusts: certificates an operator configured (NCA RK's root and
/// intermediate certificates) and the revocations of their CRLs.
#[derive(Debug, Clone)]
pub struct CmsTrust {
    trusted: Vec<Certificate>,
    /// (issuer name, serial) of every revoked certificate, as DER.
    revoked: HashSet<(Vec<u8>, Vec<u8>)>,
}

/// Why the configured trust cannot be loaded. The server refuses to start.
#[derive(Debug, thiserror::Error)]
pub enum CmsConfigError {
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0} holds no certificate: {1}")]
    Certificate(PathBuf, String),
    #[error("{0} is not a CRL: {1}")]
    Crl(PathBuf, String),
    #[error("the CRL {0} is not signed by a configured trusted certificate")]
    CrlIssuer(PathBuf),
    #[error("a CRL is configured without a trusted certificate (--cms-trust-root)")]
    NoTrustedCertificate,
}

impl CmsTrust {
    /// Trusts `trusted` and applies `crls`, each of which must be signed by a trusted certificate.
    pub fn new(
        trusted: Vec<Certificate>,
        crls: Vec<(PathBuf, CertificateList)>,
    ) -> Result<CmsTrust, CmsConfigError> {
        if trusted.is_empty() {
            return Err(CmsConfigError::NoTrustedCertificate);
        }
        let mut revoked = HashSet::new();
        for (path, crl) in crls {
            let tbs = crl
                .tbs_cert_list
                .to_der()
                .map_err(|e| CmsConfigError::Crl(path.clone(), e.to_string()))?;
            let signed_by_trusted = trusted.iter().any(|issuer| {
                issuer.tbs_certificate.subject == crl.tbs_cert_list.issuer
                    && matches!(
                        PublicKey::from_spki(&issuer.tbs_certificate.subject_public_key_info)
                            .and_then(|key| key.verify(
                                &crl.signature_algorithm.oid,
                                &tbs,
                                crl.signature.raw_bytes()
                            )),
                        Ok(true)
                    )
            });
            if !signed_by_trusted {
                return Err(CmsConfigError::CrlIssuer(path));
            }
            if let Some(next) = crl.tbs_cert_list.next_update {
                if next.to_system_time() < std::time::SystemTime::now() {
                    tracing::warn!(crl = %path.display(), "the CRL is past its nextUpdate; download a fresh one");
                }
            }
            let issuer = crl
                .tbs_cert_list
                .issuer
                .to_der()
                .map_err(|e| CmsConfigError::Crl(path.clone(), e.to_string()))?;
            for entry in crl.tbs_cert_list.revoked_certificates.iter().flatten() {
                revoked.insert((issuer.clone(), entry.serial_number.as_bytes().to_vec()));
            }
        }
        Ok(CmsTrust { trusted, revoked })
    }

    /// Reads certificates (PEM, one or more, or DER) and CRLs (PEM or DER) from files.
    pub fn load(certificates: &[PathBuf], crls: &[PathBuf]) -> Result<CmsTrust, CmsConfigError> {
        let mut trusted = Vec::new();
        for path in certificates {
            trusted.extend(read_certificates(path)?);
        }
        let mut lists = Vec::new();
        for path in crls {
            let bytes = read(path)?;
            let der = if bytes.starts_with(b"-----BEGIN") {
                der::pem::decode_vec(&bytes)
                    .map_err(|e| CmsConfigError::Crl(path.clone(), e.to_string()))?
                    .1
            } else {
                bytes
            };
            let crl = CertificateList::from_der(&der)
                .map_err(|e| CmsConfigError::Crl(path.clone(), e.to_string()))?;
            lists.push((path.clone(), crl));
        }
        CmsTrust::new(trusted, lists)
    }

    /// How many certificates are trusted and how many serials are revoked, for the startup log.
    pub fn summary(&self) -> (usize, usize) {
        (self.trusted.len(), self.revoked.len())
    }

    /// Verifies a base64 CMS against `claim` and returns what the signer's certificate says.
    pub fn verify(
        &self,
        cms_base64: &str,
        claim: SigningClaim<'_>,
    ) -> Result<CertificateInfo, SignatureError> {
        use SignatureError::*;
        // 1. Well-formed, one signer, its certificate present.
        let compact: String = cms_base64
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let ber = BASE64.decode(compact).map_err(|_| Malformed)?;
        let der = ber::to_der(&ber).ok_or(Malformed)?;
        let content = ContentInfo::from_der(&der).map_err(|_| Malformed)?;
        if content.content_type != rfc5911::ID_SIGNED_DATA {
            return Err(Malformed);
        }
        let signed: SignedData = content.content.decode_as().map_err(|_| Malformed)?;
        let [signer] = signed.signer_infos.0.as_slice() else {
            return Err(Malformed);
        };
        let certificates: Vec<&Certificate> = signed
            .certificates
            .iter()
            .flat_map(|set| set.0.iter())
            .filter_map(|choice| match choice {
                CertificateChoices::Certificate(c) => Some(c),
                CertificateChoices::Other(_) => None,
            })
            .collect();
        let leaf = *certificates
            .iter()
            .find(|c| identifies(&signer.sid, c))
            .ok_or(Malformed)?;

        // 2. Algorithms this server verifies.
        if signer.digest_alg.oid != rfc5912::ID_SHA_256 {
            return Err(UnsupportedAlgorithm);
        }
        let key = PublicKey::from_spki(&leaf.tbs_certificate.subject_public_key_info)?;
        let signature_algorithm = signer_signature_algorithm(signer, &key)?;

        // 3. The chain to a trusted certificate.
        self.chain(leaf, &certificates)?;

        // 4. The signature over these bytes.
        if let Some(econtent) = &signed.encap_content_info.econtent {
            // Attached content (NCALayer's `encapsulate: true`) must be these very bytes.
            let attached = econtent.decode_as::<OctetString>().map_err(|_| Malformed)?;
            if attached.as_bytes() != claim.signed_bytes {
                return Err(Mismatch);
            }
        }
        let digest = Sha256::digest(claim.signed_bytes);
        let verified = match &signer.signed_attrs {
            Some(attributes) => {
                let content_type: ObjectIdentifier =
                    single_attribute(attributes, rfc5911::ID_CONTENT_TYPE)?;
                let message_digest: OctetString =
                    single_attribute(attributes, rfc5911::ID_MESSAGE_DIGEST)?;
                if content_type != signed.encap_content_info.econtent_type
                    || message_digest.as_bytes() != digest.as_slice()
                {
                    return Err(Mismatch);
                }
                let attributes_der = attributes.to_der().map_err(|_| Malformed)?;
                key.verify(
                    &signature_algorithm,
                    &attributes_der,
                    signer.signature.as_bytes(),
                )?
            }
            None => key.verify(
                &signature_algorithm,
                claim.signed_bytes,
                signer.signature.as_bytes(),
            )?,
        };
        if !verified {
            return Err(Mismatch);
        }

        // 5–7. Validity now, revocation, the holder.
        let info = certificate_info(leaf)?;
        if claim.now < info.not_before {
            return Err(NotYetValid);
        }
        if claim.now > info.not_after {
            return Err(Expired);
        }
        let issuer = leaf
            .tbs_certificate
            .issuer
            .to_der()
            .map_err(|_| Malformed)?;
        let serial = leaf.tbs_certificate.serial_number.as_bytes().to_vec();
        if self.revoked.contains(&(issuer, serial)) {
            return Err(Revoked);
        }
        if info.subject_iin != claim.applicant_iin {
            return Err(IinMismatch);
        }
        Ok(info)
    }

    /// Follows issuers from `leaf` through the message's certificates to a trusted one, checking
    /// each signature on the way.
    fn chain(&self, leaf: &Certificate, carried: &[&Certificate]) -> Result<(), SignatureError> {
        let mut current = leaf;
        let mut unsupported = false;
        'links: for _ in 0..MAX_CHAIN {
            if self.trusted.iter().any(|t| t == current) {
                return Ok(());
            }
            for issuer in &self.trusted {
                match issued_by(current, issuer) {
                    Ok(true) => return Ok(()),
                    Ok(false) => {}
                    Err(SignatureError::UnsupportedAlgorithm) => unsupported = true,
                    Err(_) => {}
                }
            }
            for issuer in carried.iter().copied() {
                if issuer == current || !is_ca(issuer) {
                    continue;
                }
                match issued_by(current, issuer) {
                    Ok(true) => {
                        current = issuer;
                        continue 'links;
                    }
                    Ok(false) => {}
                    Err(SignatureError::UnsupportedAlgorithm) => unsupported = true,
                    Err(_) => {}
                }
            }
            break;
        }
        Err(if unsupported {
            SignatureError::UnsupportedAlgorithm
        } else {
            SignatureError::UntrustedIssuer
        })
    }
}

fn read(path: &Path) -> Result<Vec<u8>, CmsConfigError> {
    std::fs::read(path).map_err(|e| CmsConfigError::Read(path.to_owned(), e))
}

fn read_certificates(path: &Path) -> Result<Vec<Certificate>, CmsConfigError> {
    let bytes = read(path)?;
    let error = |e: der::Error| CmsConfigError::Certificate(path.to_owned(), e.to_string());
    let certificates = if bytes.starts_with(b"-----BEGIN") {
        Certificate::load_pem_chain(&bytes).map_err(error)?
    } else {
        vec![Certificate::from_der(&bytes).map_err(error)?]
    };
    if certificates.is_empty() {
        return Err(CmsConfigError::Certificate(
            path.to_owned(),
            "empty file".into(),
        ));
    }
    Ok(certificates)
}

/// Whether `certificate` is the one `sid` names.
fn identifies(sid: &SignerIdentifier, certificate: &Certificate) -> bool {
    let tbs = &certificate.tbs_certificate;
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            id.issuer == tbs.issuer && id.serial_number == tbs.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            matches!(tbs.get::<SubjectKeyIdentifier>(), Ok(Some((_, own))) if own == *ski)
        }
    }
}

fn is_ca(certificate: &Certificate) -> bool {
    matches!(
        certificate.tbs_certificate.get::<BasicConstraints>(),
        Ok(Some((_, constraints))) if constraints.ca
    )
}

/// Whether `issuer` signed `certificate`.
fn issued_by(certificate: &Certificate, issuer: &Certificate) -> Result<bool, SignatureError> {
    if certificate.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return Ok(false);
    }
    let key = PublicKey::from_spki(&issuer.tbs_certificate.subject_public_key_info)?;
    let tbs = certificate
        .tbs_certificate
        .to_der()
        .map_err(|_| SignatureError::Malformed)?;
    key.verify(
        &certificate.signature_algorithm.oid,
        &tbs,
        certificate.signature.raw_bytes(),
    )
}

/// The signature algorithm of a signer, as one this server verifies for `key`. RSA signers
/// often name only `rsaEncryption`, the digest coming from `digestAlgorithm` (SHA-256 here).
fn signer_signature_algorithm(
    signer: &SignerInfo,
    key: &PublicKey,
) -> Result<ObjectIdentifier, SignatureError> {
    let oid = signer.signature_algorithm.oid;
    match (key, oid) {
        (PublicKey::Rsa(_), rfc5912::RSA_ENCRYPTION | rfc5912::SHA_256_WITH_RSA_ENCRYPTION) => {
            Ok(rfc5912::SHA_256_WITH_RSA_ENCRYPTION)
        }
        (PublicKey::P256(_), rfc5912::ECDSA_WITH_SHA_256) => Ok(oid),
        _ => Err(SignatureError::UnsupportedAlgorithm),
    }
}

/// The one value of the signed attribute `oid`.
fn single_attribute<'a, T: der::Choice<'a> + der::DecodeValue<'a>>(
    attributes: &'a x509_cert::attr::Attributes,
    oid: ObjectIdentifier,
) -> Result<T, SignatureError> {
    let mut found = attributes.iter().filter(|a| a.oid == oid);
    let (Some(attribute), None) = (found.next(), found.next()) else {
        return Err(SignatureError::Malformed);
    };
    let [value] = attribute.values.as_slice() else {
        return Err(SignatureError::Malformed);
    };
    value.decode_as().map_err(|_| SignatureError::Malformed)
}

/// A public key of an algorithm this server verifies.
enum PublicKey {
    Rsa(rsa::pkcs1v15::VerifyingKey<Sha256>),
    P256(p256::ecdsa::VerifyingKey),
}

impl PublicKey {
    fn from_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<PublicKey, SignatureError> {
        let bits = spki
            .subject_public_key
            .as_bytes()
            .ok_or(SignatureError::Malformed)?;
        match spki.algorithm.oid {
            rfc5912::RSA_ENCRYPTION => {
                let key = rsa::RsaPublicKey::from_pkcs1_der(bits)
                    .map_err(|_| SignatureError::Malformed)?;
                Ok(PublicKey::Rsa(rsa::pkcs1v15::VerifyingKey::new(key)))
            }
            rfc5912::ID_EC_PUBLIC_KEY => {
                let curve: ObjectIdentifier = spki
                    .algorithm
                    .parameters
                    .as_ref()
                    .ok_or(SignatureError::Malformed)?
                    .decode_as()
                    .map_err(|_| SignatureError::Malformed)?;
                if curve != rfc5912::SECP_256_R_1 {
                    return Err(SignatureError::UnsupportedAlgorithm);
                }
                p256::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                    .map(PublicKey::P256)
                    .map_err(|_| SignatureError::Malformed)
            }
            _ => Err(SignatureError::UnsupportedAlgorithm),
        }
    }

    /// Whether `signature` by this key under `algorithm` covers `message`.
    fn verify(
        &self,
        algorithm: &ObjectIdentifier,
        message: &[u8],
        signature: &[u8],
    ) -> Result<bool, SignatureError> {
        match (self, *algorithm) {
            (PublicKey::Rsa(key), rfc5912::SHA_256_WITH_RSA_ENCRYPTION) => {
                let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
                    return Ok(false);
                };
                Ok(key.verify(message, &signature).is_ok())
            }
            (PublicKey::P256(key), rfc5912::ECDSA_WITH_SHA_256) => {
                let Ok(signature) = p256::ecdsa::Signature::from_der(signature) else {
                    return Ok(false);
                };
                Ok(key.verify(message, &signature).is_ok())
            }
            _ => Err(SignatureError::UnsupportedAlgorithm),
        }
    }
}

/// Serial, holder and validity of a certificate, as the stored application records them.
pub fn certificate_info(certificate: &Certificate) -> Result<CertificateInfo, SignatureError> {
    let tbs = &certificate.tbs_certificate;
    let attribute = |oid: ObjectIdentifier| {
        tbs.subject
            .0
            .iter()
            .flat_map(|rdn| rdn.0.iter())
            .find(|atv| atv.oid == oid)
            .and_then(|atv| directory_string(&atv.value))
    };
    // NCA RK writes `IIN` and the 12 digits; a certificate without it is not a person's.
    let subject_iin = attribute(rfc4519::SERIAL_NUMBER)
        .and_then(|s| s.strip_prefix("IIN").map(str::to_owned))
        .filter(|digits| digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_default();
    // CN is "SURNAME NAME"; NCA RK puts the patronymic in GIVENNAME.
    let common = attribute(rfc4519::CN);
    let surname = attribute(rfc4519::SURNAME);
    let given = attribute(rfc4519::GIVEN_NAME);
    let mut subject_name = match (common, surname) {
        (Some(cn), _) => cn,
        (None, Some(surname)) => surname,
        (None, None) => String::new(),
    };
    if let Some(given) = given.filter(|g| !subject_name.contains(g.as_str())) {
        if !subject_name.is_empty() {
            subject_name.push(' ');
        }
        subject_name.push_str(&given);
    }
    let time = |t: x509_cert::time::Time| {
        OffsetDateTime::from_unix_timestamp(t.to_unix_duration().as_secs() as i64)
            .map_err(|_| SignatureError::Malformed)
    };
    Ok(CertificateInfo {
        serial: serial_hex(tbs.serial_number.as_bytes()),
        subject_iin,
        subject_name,
        not_before: time(tbs.validity.not_before)?,
        not_after: time(tbs.validity.not_after)?,
    })
}

/// The serial in upper-case hex without leading zero octets, as NCA RK shows it.
fn serial_hex(bytes: &[u8]) -> String {
    let start = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    bytes[start..].iter().map(|b| format!("{b:02X}")).collect()
}

/// The text of a DirectoryString (UTF8String, PrintableString, IA5String, TeletexString as
/// Latin-1, BMPString).
fn directory_string(value: &der::Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            String::from_utf8(bytes.to_vec()).ok()
        }
        Tag::TeletexString => Some(bytes.iter().map(|b| char::from(*b)).collect()),
        Tag::BmpString => {
            if !bytes.len().is_multiple_of(2) {
                return None;
            }
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_upper_hex_without_padding() {
        assert_eq!(serial_hex(&[0x00, 0x9a, 0x01]), "9A01");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[0x7f]), "7F");
    }

    #[test]
    fn directory_strings_of_every_kind_are_read() {
        let any = |tag, bytes: &[u8]| der::Any::new(tag, bytes).unwrap();
        assert_eq!(
            directory_string(&any(Tag::Utf8String, "ТЕСТОВ".as_bytes())).as_deref(),
            Some("ТЕСТОВ")
        );
        assert_eq!(
            directory_string(&any(Tag::PrintableString, b"IIN123456789012")).as_deref(),
            Some("IIN123456789012")
        );
        assert_eq!(
            directory_string(&any(Tag::BmpString, &[0x04, 0x22, 0x00, 0x41])).as_deref(),
            Some("ТA")
        );
        assert_eq!(directory_string(&any(Tag::Boolean, &[0xff])), None);
    }
}
