//! The application a citizen fills in, signs and submits.
//!
//! Fields hold what the person typed (after normalisation), not parsed types: the server must be
//! able to answer "this field is wrong, for this reason" instead of rejecting the whole body.

use crate::catalogue::ServiceId;
use crate::iin::{normalise, Iin};
use crate::locale::Lang;
use crate::validation::{field_errors, FieldErrors};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// The person applying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct Applicant {
    #[validate(custom(function = "validate_iin"))]
    pub iin: String,
}

/// Everything the citizen states. These exact fields, canonicalised, are what gets signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct Application {
    pub service: ServiceId,
    #[validate(nested)]
    pub applicant: Applicant,
    /// The language the citizen used: results and notices come back in it.
    pub lang: Lang,
}

/// An IIN on the wire must already be normalised: what is signed is what is stored.
fn validate_iin(iin: &str) -> Result<(), ValidationError> {
    match Iin::parse(iin) {
        Err(e) => Err(ValidationError::new(e.code())),
        Ok(_) if normalise(iin) != iin => Err(ValidationError::new("iin_not_normalised")),
        Ok(_) => Ok(()),
    }
}

impl Application {
    /// The bytes a signer signs: the application serialised by the JSON Canonicalization Scheme
    /// (RFC 8785), so the server can rebuild them exactly from what it receives.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json_canonicalizer::to_vec(self).expect("an application always serialises")
    }

    /// Field-level problems, as paths (`applicant.iin`) and codes the UI localises.
    pub fn check(&self) -> Result<(), FieldErrors> {
        self.validate().map_err(|e| field_errors(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::FieldError;

    fn application(iin: &str) -> Application {
        Application {
            service: ServiceId::new("active_employment_referral"),
            applicant: Applicant { iin: iin.into() },
            lang: Lang::Kk,
        }
    }

    #[test]
    fn canonical_bytes_sort_keys_and_are_stable() {
        let app = application("791028302728");
        let bytes = String::from_utf8(app.canonical_bytes()).unwrap();
        assert_eq!(
            bytes,
            r#"{"applicant":{"iin":"791028302728"},"lang":"kk","service":"active_employment_referral"}"#
        );
        let reparsed: Application = serde_json::from_str(&bytes).unwrap();
        assert_eq!(reparsed.canonical_bytes(), app.canonical_bytes());
    }

    #[test]
    fn check_reports_field_paths_and_codes() {
        assert_eq!(application("791028302728").check(), Ok(()));
        let expect = |code: &str| {
            Err(vec![FieldError {
                path: "applicant.iin".into(),
                code: code.into(),
            }])
        };
        assert_eq!(
            application("123456789011").check(),
            expect("iin_check_digit")
        );
        assert_eq!(application("12345").check(), expect("iin_wrong_length"));
        assert_eq!(application("").check(), expect("iin_empty"));
        assert_eq!(
            application("791028 302728").check(),
            expect("iin_not_normalised")
        );
    }
}
