//! A test PKI for CMS signatures, built at run time: an RSA root ("the national CA"), an ECDSA
//! P-256 intermediate that issues the citizens' certificates, a CRL of that intermediate, and an
//! untrusted CA that copies the intermediate's name. Leaf certificates carry the subject
//! `serialNumber` `IIN…` as NCA RK's do, and [`TestPki::sign`] makes a detached CMS the way
//! NCALayer does.
//!
//! Test-only (feature `test-pki`): every key here is published. The ECDSA keys are derived from
//! labels; the two RSA keys (`test-rsa-root.pem`, `test-rsa-leaf.pem`, generated once with
//! `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`) are committed because RSA key
//! generation is slow in debug builds.

use super::CmsTrust;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use der::asn1::{BitString, ObjectIdentifier, OctetString};
use der::oid::db::{rfc5911, rfc5912};
use der::{Decode, Encode, EncodePem};
use egov_domain::signature::{SignatureEnvelope, SignatureFormat};
use p256::ecdsa::signature::{Keypair, Signer};
use rsa::pkcs8::DecodePrivateKey;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime};
use time::OffsetDateTime;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

type RsaSigner = rsa::pkcs1v15::SigningKey<Sha256>;
type EcSigner = p256::ecdsa::SigningKey;

const ROOT_NAME: &str = "CN=TEST ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA),C=KZ";
const INTERMEDIATE_NAME: &str = "CN=TEST ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (ECDSA),C=KZ";
/// An OID of the Kazakh GOST arc: what a GOST 34.10-2015 signature names instead of RSA/ECDSA.
pub const GOST_SIGNATURE_OID: &str = "1.2.398.3.10.1.1.2.3.2";
/// The holder's name as the test certificates write it (CN), and the patronymic (GIVENNAME).
pub const COMMON_NAME: &str = "ТЕСТОВ ТЕСТ";
pub const PATRONYMIC: &str = "ТЕСТОВИЧ";
/// The serial of the [`TestLeaf::Revoked`] certificate, listed on [`TestPki::crl`].
pub const REVOKED_SERIAL: [u8; 2] = [0x0b, 0xad];

/// Which certificate signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestLeaf {
    /// ECDSA P-256, valid, issued to the applicant's IIN by the trusted intermediate.
    Valid,
    /// RSA 2048, valid, issued to the applicant's IIN by the trusted intermediate.
    Rsa,
    Expired,
    NotYetValid,
    /// On the intermediate's CRL.
    Revoked,
    /// Valid, but for another IIN.
    OtherIin,
    /// Issued by a CA that is not trusted, though it bears the intermediate's name.
    Untrusted,
}

impl TestLeaf {
    pub const ALL: [TestLeaf; 7] = [
        TestLeaf::Valid,
        TestLeaf::Rsa,
        TestLeaf::Expired,
        TestLeaf::NotYetValid,
        TestLeaf::Revoked,
        TestLeaf::OtherIin,
        TestLeaf::Untrusted,
    ];
}

/// How [`TestPki::sign_with`] shapes the CMS.
#[derive(Debug, Clone, Copy)]
pub struct SignOptions {
    /// Signed attributes (content-type, messageDigest, signing time), as NCALayer writes them.
    /// Without them the signature is over the content itself.
    pub signed_attributes: bool,
    /// Carry the intermediate certificate beside the signer's.
    pub carry_intermediate: bool,
    /// Write the outer structures with BER indefinite lengths, as Java signers do.
    pub indefinite_lengths: bool,
}

impl Default for SignOptions {
    fn default() -> SignOptions {
        SignOptions {
            signed_attributes: true,
            carry_intermediate: true,
            indefinite_lengths: false,
        }
    }
}

enum LeafKey {
    Ec(EcSigner),
    Rsa(Box<RsaSigner>),
}

pub struct TestPki {
    pub root: Certificate,
    pub intermediate: Certificate,
    intermediate_key: EcSigner,
    pub untrusted_root: Certificate,
    untrusted_key: EcSigner,
    /// The intermediate's CRL, revoking [`REVOKED_SERIAL`].
    pub crl: CertificateList,
    now: OffsetDateTime,
}

fn ec_key(label: &str) -> EcSigner {
    EcSigner::from_slice(&Sha256::digest(format!("egov-wizard test PKI: {label}")))
        .expect("a SHA-256 digest is a valid P-256 scalar")
}

fn rsa_key(pem: &str) -> RsaSigner {
    RsaSigner::new(rsa::RsaPrivateKey::from_pkcs8_pem(pem).expect("the committed test key"))
}

fn time(at: OffsetDateTime) -> Time {
    let seconds = u64::try_from(at.unix_timestamp()).expect("after 1970");
    Time::try_from(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)).expect("a valid time")
}

fn validity(now: OffsetDateTime, from_days: i64, to_days: i64) -> Validity {
    Validity {
        not_before: time(now + time::Duration::days(from_days)),
        not_after: time(now + time::Duration::days(to_days)),
    }
}

fn name(s: &str) -> Name {
    Name::from_str(s).expect("a valid test name")
}

fn spki_of(key: impl x509_cert::spki::EncodePublicKey) -> SubjectPublicKeyInfoOwned {
    SubjectPublicKeyInfoOwned::from_key(key).expect("a public key")
}

impl TestPki {
    /// The PKI with certificates valid around `now` (leaves: 30 days before to 335 after).
    pub fn new(now: OffsetDateTime) -> TestPki {
        let root_key = rsa_key(include_str!("test-rsa-root.pem"));
        let root = CertificateBuilder::new(
            Profile::Root,
            SerialNumber::new(&[0x01]).unwrap(),
            validity(now, -3650, 3650),
            name(ROOT_NAME),
            spki_of(root_key.verifying_key()),
            &root_key,
        )
        .unwrap()
        .build::<rsa::pkcs1v15::Signature>()
        .unwrap();
        let intermediate_key = ec_key("intermediate");
        let intermediate = CertificateBuilder::new(
            Profile::SubCA {
                issuer: root.tbs_certificate.subject.clone(),
                path_len_constraint: Some(0),
            },
            SerialNumber::new(&[0x02]).unwrap(),
            validity(now, -3650, 3650),
            name(INTERMEDIATE_NAME),
            spki_of(*intermediate_key.verifying_key()),
            &root_key,
        )
        .unwrap()
        .build::<rsa::pkcs1v15::Signature>()
        .unwrap();
        let untrusted_key = ec_key("untrusted");
        let untrusted_root = CertificateBuilder::new(
            Profile::Root,
            SerialNumber::new(&[0x02]).unwrap(),
            validity(now, -3650, 3650),
            name(INTERMEDIATE_NAME),
            spki_of(*untrusted_key.verifying_key()),
            &untrusted_key,
        )
        .unwrap()
        .build::<p256::ecdsa::DerSignature>()
        .unwrap();
        let tbs_cert_list = TbsCertList {
            version: x509_cert::Version::V2,
            signature: ecdsa_with_sha256(),
            issuer: intermediate.tbs_certificate.subject.clone(),
            this_update: time(now - time::Duration::days(1)),
            next_update: Some(time(now + time::Duration::days(6))),
            revoked_certificates: Some(vec![RevokedCert {
                serial_number: SerialNumber::new(&REVOKED_SERIAL).unwrap(),
                revocation_date: time(now - time::Duration::days(2)),
                crl_entry_extensions: None,
            }]),
            crl_extensions: None,
        };
        let signature: p256::ecdsa::DerSignature =
            intermediate_key.sign(&tbs_cert_list.to_der().unwrap());
        let crl = CertificateList {
            tbs_cert_list,
            signature_algorithm: ecdsa_with_sha256(),
            signature: BitString::from_bytes(signature.as_bytes()).unwrap(),
        };
        TestPki {
            root,
            intermediate,
            intermediate_key,
            untrusted_root,
            untrusted_key,
            crl,
            now,
        }
    }

    /// A verifier as an operator configures one: the root and the intermediate (which signs the
    /// CRL), with the CRL.
    pub fn trust(&self) -> CmsTrust {
        CmsTrust::new(
            vec![self.root.clone(), self.intermediate.clone()],
            vec![(PathBuf::from("intermediate.crl"), self.crl.clone())],
        )
        .expect("the test CRL is signed by a trusted certificate")
    }

    /// A verifier trusting the root alone, without a CRL: signers' messages must carry the
    /// intermediate.
    pub fn trust_root_only(&self) -> CmsTrust {
        CmsTrust::new(vec![self.root.clone()], Vec::new()).expect("a trusted certificate")
    }

    /// Writes `trusted.pem` (the root and the intermediate) and `intermediate.crl` (PEM) to
    /// `dir`, returning the paths for `--cms-trust-root` and `--cms-crl`.
    pub fn write_trust_files(&self, dir: &Path) -> (PathBuf, PathBuf) {
        let mut pem = self.root.to_pem(der::pem::LineEnding::LF).unwrap();
        pem.push_str(&self.intermediate.to_pem(der::pem::LineEnding::LF).unwrap());
        let roots = dir.join("trusted.pem");
        std::fs::write(&roots, pem).unwrap();
        let crl = dir.join("intermediate.crl");
        std::fs::write(
            &crl,
            der::pem::encode_string(
                "X509 CRL",
                der::pem::LineEnding::LF,
                &self.crl.to_der().unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        (roots, crl)
    }

    /// The certificate of `kind` for `applicant_iin` (another IIN for [`TestLeaf::OtherIin`]).
    pub fn leaf(&self, kind: TestLeaf, applicant_iin: &str) -> Certificate {
        self.leaf_and_key(kind, applicant_iin).0
    }

    fn leaf_and_key(&self, kind: TestLeaf, applicant_iin: &str) -> (Certificate, LeafKey) {
        let iin = match kind {
            TestLeaf::OtherIin if applicant_iin == "840317000029" => "990106300596",
            TestLeaf::OtherIin => "840317000029",
            _ => applicant_iin,
        };
        let (from, to) = match kind {
            TestLeaf::Expired => (-400, -35),
            TestLeaf::NotYetValid => (30, 400),
            _ => (-30, 335),
        };
        let serial = match kind {
            TestLeaf::Revoked => REVOKED_SERIAL.to_vec(),
            _ => {
                let mut s = Sha256::digest(format!("{kind:?}:{iin}"))[..8].to_vec();
                s[0] &= 0x7f;
                s[0] |= 0x10;
                s
            }
        };
        let subject = name(&format!(
            "SERIALNUMBER=IIN{iin},GIVENNAME={PATRONYMIC},SURNAME=ТЕСТОВ,CN={COMMON_NAME},C=KZ"
        ));
        let (issuer_name, issuer_key) = match kind {
            TestLeaf::Untrusted => (&self.untrusted_root, &self.untrusted_key),
            _ => (&self.intermediate, &self.intermediate_key),
        };
        let key = match kind {
            TestLeaf::Rsa => LeafKey::Rsa(Box::new(rsa_key(include_str!("test-rsa-leaf.pem")))),
            _ => LeafKey::Ec(ec_key(&format!("leaf {kind:?} {iin}"))),
        };
        let spki = match &key {
            LeafKey::Ec(k) => spki_of(*k.verifying_key()),
            LeafKey::Rsa(k) => spki_of(k.verifying_key()),
        };
        let certificate = CertificateBuilder::new(
            Profile::Leaf {
                issuer: issuer_name.tbs_certificate.subject.clone(),
                enable_key_agreement: false,
                enable_key_encipherment: false,
            },
            SerialNumber::new(&serial).unwrap(),
            validity(self.now, from, to),
            subject,
            spki,
            issuer_key,
        )
        .unwrap()
        .build::<p256::ecdsa::DerSignature>()
        .unwrap();
        (certificate, key)
    }

    /// A detached CMS (base64) over `bytes`, as NCALayer makes one.
    pub fn sign(&self, kind: TestLeaf, applicant_iin: &str, bytes: &[u8]) -> String {
        self.sign_with(kind, applicant_iin, bytes, SignOptions::default())
    }

    /// [`TestPki::sign`] as the envelope the app sends.
    pub fn envelope(&self, kind: TestLeaf, applicant_iin: &str, bytes: &[u8]) -> SignatureEnvelope {
        SignatureEnvelope {
            format: SignatureFormat::Cms,
            value: self.sign(kind, applicant_iin, bytes),
            certificate: None,
        }
    }

    pub fn sign_with(
        &self,
        kind: TestLeaf,
        applicant_iin: &str,
        bytes: &[u8],
        options: SignOptions,
    ) -> String {
        let (leaf, key) = self.leaf_and_key(kind, applicant_iin);
        let content = EncapsulatedContentInfo {
            econtent_type: rfc5911::ID_DATA,
            econtent: None,
        };
        let digest = Sha256::digest(bytes);
        let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: leaf.tbs_certificate.issuer.clone(),
            serial_number: leaf.tbs_certificate.serial_number.clone(),
        });
        let sha256 = AlgorithmIdentifierOwned {
            oid: rfc5912::ID_SHA_256,
            parameters: None,
        };
        let mut builder = SignedDataBuilder::new(&content);
        builder
            .add_digest_algorithm(sha256.clone())
            .unwrap()
            .add_certificate(CertificateChoices::Certificate(leaf.clone()))
            .unwrap();
        if options.carry_intermediate {
            let issuer = match kind {
                TestLeaf::Untrusted => &self.untrusted_root,
                _ => &self.intermediate,
            };
            builder
                .add_certificate(CertificateChoices::Certificate(issuer.clone()))
                .unwrap();
        }
        match &key {
            LeafKey::Ec(k) => builder
                .add_signer_info::<EcSigner, p256::ecdsa::DerSignature>(
                    SignerInfoBuilder::new(k, sid, sha256, &content, Some(&digest)).unwrap(),
                )
                .unwrap(),
            LeafKey::Rsa(k) => builder
                .add_signer_info::<RsaSigner, rsa::pkcs1v15::Signature>(
                    SignerInfoBuilder::new(k.as_ref(), sid, sha256, &content, Some(&digest))
                        .unwrap(),
                )
                .unwrap(),
        };
        let mut content_info = builder.build().unwrap();
        if !options.signed_attributes {
            content_info = edit_signer(&content_info, |signer| {
                signer.signed_attrs = None;
                let signature = match &key {
                    LeafKey::Ec(k) => {
                        let s: p256::ecdsa::DerSignature = k.sign(bytes);
                        s.as_bytes().to_vec()
                    }
                    LeafKey::Rsa(k) => {
                        let s: rsa::pkcs1v15::Signature = k.sign(bytes);
                        Box::<[u8]>::from(s).to_vec()
                    }
                };
                signer.signature = OctetString::new(signature).unwrap();
            });
        }
        let der = content_info.to_der().unwrap();
        let out = if options.indefinite_lengths {
            indefinite(&der, 3)
        } else {
            der
        };
        BASE64.encode(out)
    }
}

fn ecdsa_with_sha256() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: rfc5912::ECDSA_WITH_SHA_256,
        parameters: None,
    }
}

/// `cms` (base64) with its one signer changed by `edit`.
pub fn edit_cms(cms: &str, edit: impl FnOnce(&mut cms::signed_data::SignerInfo)) -> String {
    let content = ContentInfo::from_der(&BASE64.decode(cms).unwrap()).unwrap();
    BASE64.encode(edit_signer(&content, edit).to_der().unwrap())
}

/// `cms` (base64) claiming a GOST signature algorithm, as a GOST key's CMS does.
pub fn as_gost(cms: &str) -> String {
    edit_cms(cms, |signer| {
        signer.signature_algorithm.oid = ObjectIdentifier::new_unwrap(GOST_SIGNATURE_OID);
    })
}

fn edit_signer(
    content: &ContentInfo,
    edit: impl FnOnce(&mut cms::signed_data::SignerInfo),
) -> ContentInfo {
    let mut signed: SignedData = content.content.decode_as().unwrap();
    let mut signers = signed.signer_infos.0.into_vec();
    edit(&mut signers[0]);
    signed.signer_infos = signers.try_into().unwrap();
    ContentInfo {
        content_type: content.content_type,
        content: der::Any::encode_from(&signed).unwrap(),
    }
}

/// Rewrites the constructed values of the first `levels` levels of `der` with indefinite
/// lengths.
fn indefinite(der: &[u8], levels: usize) -> Vec<u8> {
    let (tag, header_len, len) = tlv(der);
    let constructed = tag & 0x20 != 0;
    if levels == 0 || !constructed {
        return der[..header_len + len].to_vec();
    }
    let mut out = vec![tag, 0x80];
    let mut children = &der[header_len..header_len + len];
    while !children.is_empty() {
        let (_, h, l) = tlv(children);
        out.extend(indefinite(&children[..h + l], levels - 1));
        children = &children[h + l..];
    }
    out.extend([0, 0]);
    out
}

/// Tag, header length and content length of a DER value with a one-octet tag.
fn tlv(der: &[u8]) -> (u8, usize, usize) {
    let first = der[1];
    if first < 0x80 {
        (der[0], 2, first as usize)
    } else {
        let n = (first & 0x7f) as usize;
        let len = der[2..2 + n]
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | *b as usize);
        (der[0], 2 + n, len)
    }
}
