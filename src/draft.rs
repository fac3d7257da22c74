//! The draft: everything the person has typed, exactly as typed, saved as they go.
//!
//! Stored per service under a versioned envelope. An older version is migrated; an unknown one
//! is discarded with a notice, never a crash. Attachments are stored only as server ids.

use egov_domain::application::{normalise_phone, AttachedDocument};
use egov_domain::catalogue::ResultId;
use egov_domain::profile::{ApplicantCategory, ApplicantFact};
use egov_domain::{Applicant, Application, Iin, Lang, RegionId, ServiceId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub service: Option<ServiceId>,
    pub region: Option<RegionId>,
    /// Whether the eligibility questions were answered (facts absent from `facts` are "no").
    pub eligibility_answered: bool,
    pub facts: BTreeSet<ApplicantFact>,
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub category: Option<ApplicantCategory>,
    pub result: Option<ResultId>,
    pub documents: Vec<AttachedDocument>,
    /// Reused by every submission attempt of this draft.
    pub idempotency_key: Option<String>,
}

fn trimmed(s: &str) -> String {
    s.trim().to_owned()
}

fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl Draft {
    /// Whether the person has typed anything worth offering to resume.
    pub fn has_content(&self) -> bool {
        let empty = Draft {
            service: self.service.clone(),
            region: self.region.clone(),
            idempotency_key: self.idempotency_key.clone(),
            ..Draft::default()
        };
        *self != empty
    }

    /// The date of birth as `YYYY-MM-DD` from the three boxes, padding single digits.
    pub fn birth_date(&self) -> String {
        let pad = |s: &str, width: usize| format!("{:0>width$}", s.trim());
        format!(
            "{}-{}-{}",
            pad(&self.birth_year, 4),
            pad(&self.birth_month, 2),
            pad(&self.birth_day, 2)
        )
    }

    /// The application as the person would sign it now, normalising what they typed.
    pub fn application(&self, lang: Lang) -> Option<Application> {
        Some(Application {
            service: self.service.clone()?,
            region: self.region.clone()?,
            applicant: Applicant {
                iin: Iin::parse(&self.iin)
                    .map(|iin| iin.as_str().to_owned())
                    .unwrap_or_else(|_| self.iin.clone()),
                surname: trimmed(&self.surname),
                given_name: trimmed(&self.given_name),
                patronymic: optional(&self.patronymic),
                birth_date: self.birth_date(),
                phone: normalise_phone(&self.phone).unwrap_or_else(|| self.phone.clone()),
                email: optional(&self.email),
                address: trimmed(&self.address),
                category: self.category?,
                facts: self.facts.clone(),
            },
            result: self.result.clone(),
            documents: self.documents.clone(),
            lang,
            // Set by the sign step, the moment the person signs.
            idempotency_key: self.idempotency_key.clone().unwrap_or_default(),
            signed_at: String::new(),
        })
    }
}

/// What is written to storage.
#[derive(Debug, Serialize, Deserialize)]
struct Envelope {
    schema_version: u32,
    draft: serde_json::Value,
}

/// The walking skeleton's draft (schema 1): service and IIN only.
#[derive(Deserialize)]
struct DraftV1 {
    service: Option<ServiceId>,
    #[serde(default)]
    iin: String,
}

/// The result of reading a stored draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Nothing,
    Draft(Box<Draft>),
    /// The stored draft could not be read (unknown version or damaged) and was dropped.
    Discarded,
}

/// A draft saved before attachments carried their hash and type: everything but the
/// attachments is kept, and the person attaches the files again.
fn without_old_attachments(mut draft: serde_json::Value) -> Option<Draft> {
    draft.as_object_mut()?.remove("documents")?;
    serde_json::from_value(draft).ok()
}

pub fn encode(draft: &Draft) -> String {
    serde_json::to_string(&Envelope {
        schema_version: SCHEMA_VERSION,
        draft: serde_json::to_value(draft).expect("a draft always serialises"),
    })
    .expect("an envelope always serialises")
}

pub fn decode(stored: &str) -> Loaded {
    let Ok(envelope) = serde_json::from_str::<Envelope>(stored) else {
        return Loaded::Discarded;
    };
    let draft = match envelope.schema_version {
        SCHEMA_VERSION => serde_json::from_value::<Draft>(envelope.draft.clone())
            .ok()
            .or_else(|| without_old_attachments(envelope.draft)),
        1 => serde_json::from_value::<DraftV1>(envelope.draft)
            .ok()
            .map(|old| Draft {
                service: old.service,
                iin: old.iin,
                ..Draft::default()
            }),
        _ => None,
    };
    draft.map_or(Loaded::Discarded, |d| Loaded::Draft(Box::new(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let draft = Draft {
            iin: "7910".into(),
            surname: "Әлі".into(),
            ..Draft::default()
        };
        assert_eq!(decode(&encode(&draft)), Loaded::Draft(Box::new(draft)));
    }

    #[test]
    fn attachments_without_a_hash_are_dropped_and_the_rest_kept() {
        let old = r#"{"schema_version":2,"draft":{"iin":"791028302728","documents":[{"document":"standard_para9_package","upload_id":"u","file_name":"a.pdf","size":1}]}}"#;
        match decode(old) {
            Loaded::Draft(d) => {
                assert_eq!(d.iin, "791028302728");
                assert!(d.documents.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn version_one_migrates_and_unknown_is_discarded() {
        let v1 = r#"{"schema_version":1,"draft":{"service":"active_employment_referral","iin":"791028302728"}}"#;
        match decode(v1) {
            Loaded::Draft(d) => {
                assert_eq!(d.iin, "791028302728");
                assert_eq!(d.service.unwrap().as_str(), "active_employment_referral");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            decode(r#"{"schema_version":99,"draft":{}}"#),
            Loaded::Discarded
        );
        assert_eq!(decode("not json"), Loaded::Discarded);
        assert_eq!(
            decode(r#"{"schema_version":2,"draft":{"iin":5}}"#),
            Loaded::Discarded
        );
    }
}
