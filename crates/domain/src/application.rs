//! The application a citizen fills in, signs and submits.
//!
//! Fields hold what the person typed (after normalisation), not parsed types: the server must be
//! able to answer "this field is wrong, for this reason" instead of rejecting the whole body.

use crate::catalogue::{ResultId, ServiceId};
use crate::documents::DocumentId;
use crate::iin::{normalise, Iin};
use crate::locale::Lang;
use crate::profile::{ApplicantCategory, ApplicantFact, ApplicantProfile};
use crate::region::RegionId;
use crate::validation::{field_errors, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use validator::{Validate, ValidationError};

/// The person applying.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applicant {
    /// 12 digits, normalised (no spaces), with a valid check digit.
    #[validate(custom(function = "validate_iin"))]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{12}$"))]
    pub iin: String,
    #[validate(custom(function = "validate_name"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub surname: String,
    #[validate(custom(function = "validate_name"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub given_name: String,
    #[validate(custom(function = "validate_name"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub patronymic: Option<String>,
    /// `YYYY-MM-DD`. Not compared with the IIN's digits: since 2013 they need not agree.
    #[validate(custom(function = "validate_birth_date"))]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub birth_date: String,
    /// Kazakhstan mobile number as `+77XXXXXXXXX`.
    #[validate(custom(function = "validate_phone"))]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\+77[0-9]{9}$"))]
    pub phone: String,
    #[validate(custom(function = "validate_email"))]
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: Option<String>,
    #[validate(custom(function = "validate_address"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub address: String,
    pub category: ApplicantCategory,
    /// Facts the person stated (e.g. registered as unemployed) that rules and documents depend on.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub facts: BTreeSet<ApplicantFact>,
}

impl Applicant {
    /// Surname, given name and patronymic (where there is one), as on documents.
    pub fn full_name(&self) -> String {
        [
            Some(self.surname.as_str()),
            Some(self.given_name.as_str()),
            self.patronymic.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }

    pub fn profile(&self) -> ApplicantProfile {
        ApplicantProfile {
            category: self.category,
            facts: self.facts.clone(),
        }
    }
}

/// A document attached to the application: an upload (from `POST /api/v1/uploads`) the server
/// already holds, attached as one of the service's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachedDocument {
    /// Which of the service's documents the upload is.
    pub document: DocumentId,
    /// The `id` of the upload's receipt: which upload the server checks the other fields
    /// against. Absent in the public view of a submitted application (`ApplicationRecord`), which
    /// shows what the citizen attached, not the server's internal ids.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub upload_id: String,
    /// As in the upload's receipt.
    #[validate(custom(function = "validate_file_name"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub file_name: String,
    /// In bytes, as in the upload's receipt. At most 2^53 − 1 (`MAX_EXACT_SIZE`), the largest
    /// integer the signed canonical form writes exactly; a larger size is refused with
    /// `document_size_invalid`.
    #[validate(custom(function = "validate_size"))]
    #[cfg_attr(feature = "openapi", schema(maximum = 9007199254740991_u64))]
    pub size: u64,
    /// The type the server found in the content, as in the upload's receipt.
    pub media_type: String,
    /// SHA-256 of the content, lowercase hex, as in the upload's receipt: the signature covers
    /// the file itself, not only its name.
    #[validate(custom(function = "validate_sha256"))]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
}

/// Characters that reorder how text is shown (e.g. U+202E RIGHT-TO-LEFT OVERRIDE turns
/// `cod.exe` into a name that looks like `exe.doc`): never part of a file name.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether a file name may be stored and shown: 1–255 characters, no control or bidirectional
/// control characters, no path. The server applies the same rule to the upload's header.
pub fn is_valid_file_name(name: &str) -> bool {
    let length = name.chars().count();
    (1..=255).contains(&length)
        && name.trim() == name
        && !name.contains(['/', '\\'])
        && !name.chars().any(|c| c.is_control() || is_bidi_control(c))
}

fn validate_file_name(name: &str) -> Result<(), ValidationError> {
    if is_valid_file_name(name) {
        Ok(())
    } else {
        Err(ValidationError::new("file_name_invalid"))
    }
}

fn validate_sha256(hash: &str) -> Result<(), ValidationError> {
    if hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(())
    } else {
        Err(ValidationError::new("sha256_invalid"))
    }
}

/// Whether an idempotency key is one a client may choose: 16 to 128 characters of `A–Z a–z 0–9
/// - _` (the app sends 32 hex digits from `crypto.getRandomValues`).
pub fn is_valid_idempotency_key(key: &str) -> bool {
    (16..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn validate_idempotency_key(key: &str) -> Result<(), ValidationError> {
    if is_valid_idempotency_key(key) {
        Ok(())
    } else {
        Err(ValidationError::new("idempotency_key_invalid"))
    }
}

/// The signing moment as the server reads it; `Err` for anything but RFC 3339.
pub fn parse_signed_at(signed_at: &str) -> Result<time::OffsetDateTime, ValidationError> {
    time::OffsetDateTime::parse(signed_at, &time::format_description::well_known::Rfc3339)
        .map_err(|_| ValidationError::new("signed_at_invalid"))
}

fn validate_signed_at(signed_at: &str) -> Result<(), ValidationError> {
    parse_signed_at(signed_at).map(|_| ())
}

/// The largest integer the canonical form (RFC 8785) writes exactly: it writes numbers as IEEE
/// doubles, as JavaScript does (`Number.MAX_SAFE_INTEGER`).
pub const MAX_EXACT_SIZE: u64 = (1 << 53) - 1;

/// A larger size would be rounded in the signed bytes, so the signature would also cover other
/// sizes than the one stored.
fn validate_size(size: u64) -> Result<(), ValidationError> {
    if size > MAX_EXACT_SIZE {
        return Err(ValidationError::new("document_size_invalid"));
    }
    Ok(())
}

/// Everything the citizen states. These exact fields, canonicalised (RFC 8785, the JSON
/// Canonicalization Scheme), are what gets signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub service: ServiceId,
    pub region: RegionId,
    #[validate(nested)]
    pub applicant: Applicant,
    /// The result asked for, e.g. the kind of referral, where the service offers a choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ResultId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub documents: Vec<AttachedDocument>,
    /// The language the citizen used: results and notices come back in it.
    pub lang: Lang,
    /// The client's key of this submission ([`is_valid_idempotency_key`]). Inside the signed
    /// bytes, so a signed body names one application: sending it again returns that application
    /// instead of creating another. Scoped to the applicant's IIN.
    #[validate(custom(function = "validate_idempotency_key"))]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9_-]{16,128}$"))]
    pub idempotency_key: String,
    /// When the citizen signed, RFC 3339 (kept as written: these are signed bytes). The server
    /// refuses a body signed too long ago (`signing_time_too_old`) or ahead of its clock
    /// (`signing_time_in_future`): the person signs again.
    #[validate(custom(function = "validate_signed_at"))]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub signed_at: String,
}

/// An IIN on the wire must already be normalised: what is signed is what is stored.
fn validate_iin(iin: &str) -> Result<(), ValidationError> {
    match Iin::parse(iin) {
        Err(e) => Err(ValidationError::new(e.code())),
        Ok(_) if normalise(iin) != iin => Err(ValidationError::new("iin_not_normalised")),
        Ok(_) => Ok(()),
    }
}

/// Names in Kazakh, Russian or Latin letters, with the hyphens, apostrophes and spaces that
/// double-barrelled and transliterated names use.
pub fn validate_name(name: &str) -> Result<(), ValidationError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::new("name_empty"));
    }
    if trimmed.chars().count() > 100 {
        return Err(ValidationError::new("name_too_long"));
    }
    let allowed = |c: char| c.is_alphabetic() || matches!(c, '-' | ' ' | '\'' | '’' | '.');
    if !trimmed.chars().all(allowed) {
        return Err(ValidationError::new("name_invalid_characters"));
    }
    Ok(())
}

/// Whether an email address is valid by the WHATWG (HTML5) definition, which is what browsers
/// accept in `<input type=email>`. Written out rather than `validator`'s email check: that one
/// pulls the `regex` crate into the wasm, over a megabyte for one field.
pub fn is_valid_email(email: &str) -> bool {
    const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c));
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    email.len() <= 254 && local_ok && domain.split('.').all(label_ok)
}

fn validate_email(email: &str) -> Result<(), ValidationError> {
    if is_valid_email(email) {
        Ok(())
    } else {
        Err(ValidationError::new("email_invalid"))
    }
}

/// Whether an address is acceptable; `Err` carries the error code.
pub fn check_address(address: &str) -> Result<(), ValidationError> {
    validate_address(address)
}

fn validate_address(address: &str) -> Result<(), ValidationError> {
    match address.trim().chars().count() {
        0 => Err(ValidationError::new("address_empty")),
        n if n > 300 => Err(ValidationError::new("address_too_long")),
        _ => Ok(()),
    }
}

pub fn validate_birth_date(date: &str) -> Result<(), ValidationError> {
    let parsed =
        crate::iso_date::parse(date).ok_or_else(|| ValidationError::new("birth_date_invalid"))?;
    if parsed.year() < 1900 {
        return Err(ValidationError::new("birth_date_too_early"));
    }
    Ok(())
}

/// Normalises a phone number as people type it (spaces, dashes, brackets, a leading 8) into
/// `+77XXXXXXXXX`, or returns None when it is not a Kazakhstan mobile number.
pub fn normalise_phone(input: &str) -> Option<String> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let national = digits
        .strip_prefix("+7")
        .or_else(|| digits.strip_prefix('8').filter(|rest| rest.len() == 10))
        .or_else(|| digits.strip_prefix('7').filter(|rest| rest.len() == 10))
        .or_else(|| (digits.len() == 10).then_some(digits.as_str()))?;
    let is_mobile = national.len() == 10
        && national.chars().all(|c| c.is_ascii_digit())
        && is_mobile_operator_code(&national[..3]);
    is_mobile.then(|| format!("+7{national}"))
}

/// Operator codes of Kazakhstan's mobile networks (7xx codes outside these are landlines,
/// e.g. 727 Almaty).
fn is_mobile_operator_code(code: &str) -> bool {
    matches!(
        code.parse::<u16>(),
        Ok(700..=708 | 747 | 750 | 751 | 760..=764 | 771 | 775..=778)
    )
}

fn validate_phone(phone: &str) -> Result<(), ValidationError> {
    match normalise_phone(phone) {
        Some(normalised) if normalised == phone => Ok(()),
        Some(_) => Err(ValidationError::new("phone_not_normalised")),
        None => Err(ValidationError::new("phone_invalid")),
    }
}

impl Application {
    /// The bytes a signer signs: the application serialised by the JSON Canonicalization Scheme
    /// (RFC 8785), so the server can rebuild them exactly from what it receives.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json_canonicalizer::to_vec(self).expect("an application always serialises")
    }

    /// The application as anyone holding its reference may read it: what the citizen stated and
    /// attached (file names, sizes, hashes), without the server's upload ids.
    pub fn public_view(&self) -> Application {
        let mut view = self.clone();
        for document in &mut view.documents {
            document.upload_id.clear();
        }
        view
    }

    /// Field-level problems, as paths (`applicant.iin`) and codes the UI localises.
    pub fn check(&self) -> Result<(), FieldErrors> {
        self.validate().map_err(|e| field_errors(&e))
    }
}

/// A complete, valid application for tests of every crate.
pub fn example_application(iin: &str) -> Application {
    Application {
        service: ServiceId::new("active_employment_referral"),
        region: RegionId::new("karaganda"),
        applicant: Applicant {
            iin: iin.into(),
            surname: "Сейткали".into(),
            given_name: "Айгерім".into(),
            patronymic: None,
            birth_date: "1979-10-28".into(),
            phone: "+77011234567".into(),
            email: None,
            address: "Қарағанды қ., Бұқар жырау даңғ., 1".into(),
            category: ApplicantCategory::Citizen,
            facts: BTreeSet::new(),
        },
        result: Some(ResultId::new("employment_referral")),
        documents: Vec::new(),
        lang: Lang::Kk,
        idempotency_key: "example-key-0000000000000001".into(),
        signed_at: "2026-11-23T12:00:00Z".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::FieldError;

    /// The contract states the size limit the validation applies; the attribute needs a literal.
    #[cfg(feature = "openapi")]
    #[test]
    fn the_schema_states_the_largest_exact_size() {
        let schema =
            serde_json::to_value(<AttachedDocument as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(
            schema["properties"]["size"]["maximum"],
            serde_json::json!(MAX_EXACT_SIZE)
        );
    }

    fn with_iin(iin: &str) -> Application {
        example_application(iin)
    }

    fn expect(path: &str, code: &str) -> Result<(), FieldErrors> {
        expect_all(&[(path, code)])
    }

    /// What `check` answers for these (path, code) errors, in its order.
    fn expect_all(errors: &[(&str, &str)]) -> Result<(), FieldErrors> {
        Err(errors
            .iter()
            .map(|(path, code)| FieldError {
                path: (*path).into(),
                code: (*code).into(),
            })
            .collect())
    }

    /// An attachment `check` accepts; each test spoils the field it is about.
    fn passport() -> AttachedDocument {
        AttachedDocument {
            document: DocumentId::new("identity_document"),
            upload_id: "u-1".into(),
            file_name: "passport.pdf".into(),
            size: 10,
            media_type: "application/pdf".into(),
            sha256: "0".repeat(64),
        }
    }

    #[test]
    fn canonical_bytes_sort_keys_and_are_stable() {
        let app = with_iin("791028302728");
        let bytes = String::from_utf8(app.canonical_bytes()).unwrap();
        assert!(bytes.starts_with(r#"{"applicant":{"address":"#), "{bytes}");
        assert!(
            bytes.ends_with(
                r#""service":"active_employment_referral","signed_at":"2026-11-23T12:00:00Z"}"#
            ),
            "{bytes}"
        );
        assert!(
            bytes.contains(r#""idempotency_key":"example-key-0000000000000001""#),
            "the key is signed: {bytes}"
        );
        let reparsed: Application = serde_json::from_str(&bytes).unwrap();
        assert_eq!(reparsed.canonical_bytes(), app.canonical_bytes());
    }

    #[test]
    fn example_is_valid() {
        assert_eq!(with_iin("791028302728").check(), Ok(()));
    }

    #[test]
    fn check_reports_field_paths_and_codes() {
        for (iin, code) in [
            ("123456789011", "iin_check_digit"),
            ("12345", "iin_wrong_length"),
            ("", "iin_empty"),
            ("791028 302728", "iin_not_normalised"),
        ] {
            assert_eq!(
                with_iin(iin).check(),
                expect("applicant.iin", code),
                "{iin:?}"
            );
        }
        let mut app = with_iin("791028302728");
        app.applicant.phone = "+7 701 123 45 67".into();
        app.applicant.surname = "R2D2".into();
        app.applicant.email = Some("not-an-email".into());
        app.applicant.birth_date = "1979-02-30".into();
        assert_eq!(
            app.check(),
            expect_all(&[
                ("applicant.birth_date", "birth_date_invalid"),
                ("applicant.email", "email_invalid"),
                ("applicant.phone", "phone_not_normalised"),
                ("applicant.surname", "name_invalid_characters"),
            ])
        );
    }

    /// Inputs of the `api_request` fuzz harness (`crates/fuzz/regressions/api_request/`) showed
    /// that a size above 2^53 is rounded in the canonical bytes: what was signed was not what was
    /// stored.
    #[test]
    fn document_sizes_beyond_exact_doubles_are_rejected() {
        let mut app = with_iin("791028302728");
        app.documents.push(AttachedDocument {
            size: MAX_EXACT_SIZE,
            ..passport()
        });
        assert_eq!(app.check(), Ok(()));
        let canonical: Application = serde_json::from_slice(&app.canonical_bytes()).unwrap();
        assert_eq!(canonical, app);

        app.documents[0].size = MAX_EXACT_SIZE + 2;
        assert_eq!(
            app.check(),
            expect("documents[0].size", "document_size_invalid")
        );
    }

    #[test]
    fn attachments_keys_and_signing_moments_are_checked() {
        let mut app = with_iin("791028302728");
        app.documents.push(AttachedDocument {
            file_name: "cod\u{202E}fdp.exe".into(),
            sha256: "ABC".into(),
            ..passport()
        });
        app.idempotency_key = "short".into();
        app.signed_at = "yesterday".into();
        assert_eq!(
            app.check(),
            expect_all(&[
                ("documents[0].file_name", "file_name_invalid"),
                ("documents[0].sha256", "sha256_invalid"),
                ("idempotency_key", "idempotency_key_invalid"),
                ("signed_at", "signed_at_invalid"),
            ])
        );
        assert!(is_valid_file_name("Паспорт (копия).pdf"));
        for bad in ["", " a.pdf", "a/b.pdf", "a\u{0}.pdf", &"x".repeat(256)] {
            assert!(!is_valid_file_name(bad), "{bad:?}");
        }
        assert!(is_valid_idempotency_key("0123456789abcdef"));
        assert!(!is_valid_idempotency_key("0123456789abcde"));
        assert!(!is_valid_idempotency_key("0123456789abcdef/"));
    }

    #[test]
    fn the_public_view_has_no_upload_ids() {
        let mut app = with_iin("791028302728");
        app.documents.push(AttachedDocument {
            upload_id: "0123abcd".into(),
            ..passport()
        });
        let json = serde_json::to_string(&app.public_view()).unwrap();
        assert!(!json.contains("upload_id"), "{json}");
        assert!(json.contains("passport.pdf"), "{json}");
    }

    #[test]
    fn phone_numbers_are_normalised_as_typed() {
        for typed in [
            "+7 701 123 45 67",
            "8 (701) 123-45-67",
            "87011234567",
            "7011234567",
        ] {
            assert_eq!(
                normalise_phone(typed).as_deref(),
                Some("+77011234567"),
                "{typed}"
            );
        }
        for bad in [
            "+7 727 123 45 67",
            "123",
            "+1 701 123 45 67",
            "+7701123456a",
        ] {
            assert_eq!(normalise_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails_follow_the_html5_definition() {
        for ok in [
            "a@b",
            "name.surname+tag@example.kz",
            "x@sub-domain.example.com",
        ] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "@b",
            "a@",
            "a@b..c",
            "a@-b.kz",
            "a b@c.kz",
            "а@пример.kz",
            "a@b@c",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn names_accept_kazakh_russian_latin_and_hyphens() {
        for ok in ["Әбілқайыр", "Иванова-Петрова", "O'Neil", "Нұр Сұлтан"]
        {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        assert!(validate_name(" ").is_err());
        assert!(validate_name("<script>").is_err());
    }
}
