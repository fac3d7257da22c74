//! CMS (NCALayer) signature verification against a test PKI made at run time
//! (`egov_server::cms_verify::test_pki`): every check, its error code, and the signer's data.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use egov_domain::signature::{SignatureError, SigningClaim};
use egov_server::cms_verify::test_pki::{
    as_gost, edit_cms, SignOptions, TestLeaf, TestPki, COMMON_NAME, PATRONYMIC,
};
use egov_server::cms_verify::{CmsConfigError, CmsTrust};
use std::path::PathBuf;
use std::sync::OnceLock;
use time::OffsetDateTime;

const IIN: &str = "791028302728";
const BYTES: &[u8] = br#"{"applicant":{"iin":"791028302728"},"service":"x"}"#;

/// One PKI for the whole file: the RSA root signs in debug builds, which takes a moment.
fn pki() -> &'static (TestPki, OffsetDateTime) {
    static PKI: OnceLock<(TestPki, OffsetDateTime)> = OnceLock::new();
    PKI.get_or_init(|| {
        let now = OffsetDateTime::now_utc();
        (TestPki::new(now), now)
    })
}

/// `bytes` signed by the test IIN's holder, checked at the PKI's moment.
fn claim<'a>(bytes: &'a [u8], now: &OffsetDateTime) -> SigningClaim<'a> {
    SigningClaim {
        signed_bytes: bytes,
        applicant_iin: IIN,
        now: *now,
    }
}

fn verify(
    cms: &str,
    bytes: &[u8],
) -> Result<egov_domain::signature::CertificateInfo, SignatureError> {
    let (pki, now) = pki();
    pki.trust().verify(cms, claim(bytes, now))
}

fn sign(kind: TestLeaf) -> String {
    pki().0.sign(kind, IIN, BYTES)
}

#[test]
fn a_valid_signature_is_accepted_and_names_its_signer() {
    let (pki, now) = pki();
    let info = verify(&sign(TestLeaf::Valid), BYTES).unwrap();
    assert_eq!(info.subject_iin, IIN);
    assert_eq!(info.subject_name, format!("{COMMON_NAME} {PATRONYMIC}"));
    let leaf = pki.leaf(TestLeaf::Valid, IIN);
    let serial: String = leaf
        .tbs_certificate
        .serial_number
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    assert_eq!(info.serial, serial.trim_start_matches("00"));
    // Whole seconds, as certificates write them.
    let days = |d: i64| (*now + time::Duration::days(d)).unix_timestamp();
    assert!((info.not_before.unix_timestamp() - days(-30)).abs() <= 1);
    assert!((info.not_after.unix_timestamp() - days(335)).abs() <= 1);
}

#[test]
fn rsa_pkcs1_sha256_is_accepted() {
    let info = verify(&sign(TestLeaf::Rsa), BYTES).unwrap();
    assert_eq!(info.subject_iin, IIN);
}

#[test]
fn ber_with_indefinite_lengths_is_accepted() {
    let cms = pki().0.sign_with(
        TestLeaf::Valid,
        IIN,
        BYTES,
        SignOptions {
            indefinite_lengths: true,
            ..SignOptions::default()
        },
    );
    assert_eq!(&BASE64.decode(&cms).unwrap()[..2], &[0x30, 0x80]);
    verify(&cms, BYTES).unwrap();
}

#[test]
fn without_signed_attributes_the_content_itself_is_verified() {
    for kind in [TestLeaf::Valid, TestLeaf::Rsa] {
        let cms = pki().0.sign_with(
            kind,
            IIN,
            BYTES,
            SignOptions {
                signed_attributes: false,
                ..SignOptions::default()
            },
        );
        verify(&cms, BYTES).unwrap();
        assert_eq!(verify(&cms, b"other bytes"), Err(SignatureError::Mismatch));
    }
}

#[test]
fn the_chain_goes_through_a_carried_or_a_configured_intermediate() {
    let (pki, now) = pki();
    let leaf_only = pki.sign_with(
        TestLeaf::Valid,
        IIN,
        BYTES,
        SignOptions {
            carry_intermediate: false,
            ..SignOptions::default()
        },
    );
    let root_only = pki.trust_root_only();
    // The root alone reaches the leaf through the intermediate the message carries...
    root_only
        .verify(&sign(TestLeaf::Valid), claim(BYTES, now))
        .unwrap();
    // ...not without it...
    assert_eq!(
        root_only.verify(&leaf_only, claim(BYTES, now)),
        Err(SignatureError::UntrustedIssuer)
    );
    // ...and the root and intermediate, as an operator downloads them, do (from files).
    let dir = tempfile::tempdir().unwrap();
    let (roots, crl) = pki.write_trust_files(dir.path());
    let trust = CmsTrust::load(&[roots], &[crl]).unwrap();
    assert_eq!(trust.summary(), (2, 1));
    trust.verify(&leaf_only, claim(BYTES, now)).unwrap();
    // An untrusted CA bearing the intermediate's name does not pass for it.
    assert_eq!(
        root_only.verify(&sign(TestLeaf::Untrusted), claim(BYTES, now)),
        Err(SignatureError::UntrustedIssuer)
    );
}

#[test]
fn tampered_content_is_a_mismatch() {
    for kind in [TestLeaf::Valid, TestLeaf::Rsa] {
        let cms = sign(kind);
        let mut tampered = BYTES.to_vec();
        tampered[5] ^= 1;
        assert_eq!(verify(&cms, &tampered), Err(SignatureError::Mismatch));
    }
}

#[test]
fn a_forged_signature_value_is_a_mismatch() {
    let cms = edit_cms(&sign(TestLeaf::Rsa), |signer| {
        let mut bytes = signer.signature.as_bytes().to_vec();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        signer.signature = der::asn1::OctetString::new(bytes).unwrap();
    });
    assert_eq!(verify(&cms, BYTES), Err(SignatureError::Mismatch));
}

#[test]
fn each_certificate_failure_has_its_own_code() {
    for (kind, error) in [
        (TestLeaf::Expired, SignatureError::Expired),
        (TestLeaf::NotYetValid, SignatureError::NotYetValid),
        (TestLeaf::Revoked, SignatureError::Revoked),
        (TestLeaf::OtherIin, SignatureError::IinMismatch),
        (TestLeaf::Untrusted, SignatureError::UntrustedIssuer),
    ] {
        assert_eq!(verify(&sign(kind), BYTES), Err(error), "{kind:?}");
    }
}

#[test]
fn revocation_needs_the_crl() {
    let (pki, now) = pki();
    pki.trust_root_only()
        .verify(&sign(TestLeaf::Revoked), claim(BYTES, now))
        .unwrap();
}

#[test]
fn gost_is_refused_as_an_unsupported_algorithm() {
    assert_eq!(
        verify(&as_gost(&sign(TestLeaf::Valid)), BYTES),
        Err(SignatureError::UnsupportedAlgorithm)
    );
    let gost_digest = edit_cms(&sign(TestLeaf::Valid), |signer| {
        signer.digest_alg.oid = der::asn1::ObjectIdentifier::new_unwrap("1.2.398.3.10.1.3.2");
    });
    assert_eq!(
        verify(&gost_digest, BYTES),
        Err(SignatureError::UnsupportedAlgorithm)
    );
}

#[test]
fn malformed_input_is_malformed_not_a_panic() {
    let valid = BASE64.decode(sign(TestLeaf::Valid)).unwrap();
    let mut cases = vec![
        "not base64!".to_owned(),
        String::new(),
        BASE64.encode(b"hello"),
        BASE64.encode(&valid[..valid.len() / 2]),
        // A ContentInfo of another type.
        BASE64.encode([
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0,
            0x00,
        ]),
    ];
    // Every truncation point of the real thing.
    cases.extend(
        (1..valid.len())
            .step_by(97)
            .map(|n| BASE64.encode(&valid[..n])),
    );
    for cms in cases {
        assert_eq!(verify(&cms, BYTES), Err(SignatureError::Malformed), "{cms}");
    }
    // The signer's certificate missing from the message.
    let no_certificates = {
        use der::{Decode, Encode};
        let content = cms::content_info::ContentInfo::from_der(&valid).unwrap();
        let mut signed: cms::signed_data::SignedData = content.content.decode_as().unwrap();
        signed.certificates = None;
        BASE64.encode(
            cms::content_info::ContentInfo {
                content_type: content.content_type,
                content: der::Any::encode_from(&signed).unwrap(),
            }
            .to_der()
            .unwrap(),
        )
    };
    assert_eq!(
        verify(&no_certificates, BYTES),
        Err(SignatureError::Malformed)
    );
    // Base64 with line breaks, as some clients wrap it, is still read.
    let wrapped: String = sign(TestLeaf::Valid)
        .as_bytes()
        .chunks(64)
        .map(|c| format!("{}\n", std::str::from_utf8(c).unwrap()))
        .collect();
    verify(&wrapped, BYTES).unwrap();
}

#[test]
fn configuration_errors_are_reported() {
    let (pki, _) = pki();
    let dir = tempfile::tempdir().unwrap();
    let (roots, crl) = pki.write_trust_files(dir.path());
    assert!(matches!(
        CmsTrust::load(&[], std::slice::from_ref(&crl)),
        Err(CmsConfigError::NoTrustedCertificate)
    ));
    assert!(matches!(
        CmsTrust::load(&[dir.path().join("missing.pem")], &[]),
        Err(CmsConfigError::Read(..))
    ));
    assert!(matches!(
        CmsTrust::load(std::slice::from_ref(&crl), &[]),
        Err(CmsConfigError::Certificate(..))
    ));
    assert!(matches!(
        CmsTrust::load(std::slice::from_ref(&roots), std::slice::from_ref(&roots)),
        Err(CmsConfigError::Crl(..))
    ));
    // A CRL that no trusted certificate signed.
    let untrusted = dir.path().join("untrusted.pem");
    std::fs::write(
        &untrusted,
        der::EncodePem::to_pem(&pki.untrusted_root, der::pem::LineEnding::LF).unwrap(),
    )
    .unwrap();
    assert!(matches!(
        CmsTrust::load(&[untrusted], std::slice::from_ref(&crl)),
        Err(CmsConfigError::CrlIssuer(p)) if p == crl
    ));
    // DER files work too.
    let der_root = dir.path().join("root.cer");
    std::fs::write(&der_root, der::Encode::to_der(&pki.root).unwrap()).unwrap();
    let der_crl: PathBuf = dir.path().join("intermediate-der.crl");
    std::fs::write(&der_crl, der::Encode::to_der(&pki.crl).unwrap()).unwrap();
    let der_intermediate = dir.path().join("intermediate.cer");
    std::fs::write(
        &der_intermediate,
        der::Encode::to_der(&pki.intermediate).unwrap(),
    )
    .unwrap();
    assert_eq!(
        CmsTrust::load(&[der_root, der_intermediate], &[der_crl])
            .unwrap()
            .summary(),
        (2, 1)
    );
}
