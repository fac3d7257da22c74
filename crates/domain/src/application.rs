//! The application a citizen fills in, signs and submits.

use crate::catalogue::ServiceId;
use crate::iin::Iin;
use crate::locale::Lang;
use serde::{Deserialize, Serialize};

/// The person applying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub iin: Iin,
}

/// Everything the citizen states. These exact fields, canonicalised, are what gets signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub service: ServiceId,
    pub applicant: Applicant,
    /// The language the citizen used: results and notices come back in it.
    pub lang: Lang,
}

impl Application {
    /// The bytes a signer signs: the application serialised by the JSON Canonicalization Scheme
    /// (RFC 8785), so the server can rebuild them exactly from what it receives.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json_canonicalizer::to_vec(self).expect("an application always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_bytes_sort_keys_and_are_stable() {
        let app = Application {
            service: ServiceId::new("active_employment_referral"),
            applicant: Applicant {
                iin: Iin::parse("791028302728").unwrap(),
            },
            lang: Lang::Kk,
        };
        let bytes = String::from_utf8(app.canonical_bytes()).unwrap();
        assert_eq!(
            bytes,
            r#"{"applicant":{"iin":"791028302728"},"lang":"kk","service":"active_employment_referral"}"#
        );
        let reparsed: Application = serde_json::from_str(&bytes).unwrap();
        assert_eq!(reparsed.canonical_bytes(), app.canonical_bytes());
    }
}
