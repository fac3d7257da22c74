//! The bodies of the fuzz targets in `crates/fuzz`, kept here so that the fuzzer and the corpus
//! replay test (`tests/fuzz_corpus_replay.rs`) run the very same checks: the fuzz crate is
//! outside the workspace and needs nightly, the replay runs on stable in every test run.
//!
//! Each function takes raw bytes, must never panic on them, and panics (with a message saying
//! which promise broke) when an invariant does not hold.

use crate::api::{SessionRequest, SignedApplication, TransitionRequest};
use crate::calendar::Calendar;
use crate::catalogue::ServiceView;
use crate::documents::{documents_for_category, documents_to_bring};
use crate::eligibility::{application_route, check_result, check_service, choosable_results};
use crate::iin::{check_digit, normalise};
use crate::profile::ApplicantFact;
use crate::schedule::{schedule, Progress};
use crate::signature::{test_ca, SignatureEnvelope, SigningClaim};
use crate::status::ApplicationStatus;
use crate::workflow;
use crate::{
    ApplicantCategory, ApplicantProfile, Application, Bin, Catalogue, Iin, IinError, RegionId,
};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Debug;
use time::macros::datetime;
use time::OffsetDateTime;

/// A fixed moment inside the holiday calendar's years: the harnesses must be deterministic, so
/// that a crash the fuzzer saw replays the same way in a test.
const NOW: OffsetDateTime = datetime!(2025-06-02 10:30 +5);

/// What a fuzz target runs on one input.
pub type Harness = fn(&[u8]);

/// The fuzz targets by name: `crates/fuzz/fuzz_targets/<name>.rs` and `crates/fuzz/corpus/<name>/`.
pub const TARGETS: &[(&str, Harness)] = &[
    ("iin", iin),
    ("catalogue", catalogue),
    ("api_request", api_request),
];

/// The IIN/BIN parser. Input is taken as text (lossily, so that every input reaches the parser).
pub fn iin(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let normalised = normalise(&input);
    assert_eq!(
        normalise(&normalised),
        normalised,
        "normalise is idempotent"
    );

    let as_iin = Iin::parse(&input);
    let as_bin = Bin::parse(&input);
    // One rule for both kinds: they differ only in what their digits hint at.
    assert_eq!(
        as_iin.as_ref().map(Iin::as_str).map_err(|e| *e),
        as_bin.as_ref().map(Bin::as_str).map_err(|e| *e),
        "IIN and BIN accept the same numbers"
    );
    assert_eq!(
        Iin::parse(&normalised),
        as_iin,
        "parsing normalises first, so normalising before changes nothing"
    );
    // What the server receives in JSON must be judged exactly as what the form parses.
    let quoted = serde_json::to_string(&*input).expect("a string encodes");
    assert_eq!(
        serde_json::from_str::<Iin>(&quoted).ok(),
        as_iin.clone().ok(),
        "serde accepts exactly what parse accepts"
    );

    match &as_iin {
        Ok(iin) => {
            let digits = iin.as_str();
            assert_eq!(digits.len(), 12);
            assert!(digits.bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(digits, normalised, "a valid number is its normalised input");
            assert_eq!(Iin::parse(digits).as_ref(), Ok(iin), "as_str round-trips");
            assert_eq!(digits.parse::<Iin>().as_ref(), Ok(iin));
            assert_eq!(iin.to_string(), digits);
            let encoded = serde_json::to_string(iin).expect("an IIN encodes");
            assert_eq!(
                serde_json::from_str::<Iin>(&encoded).ok().as_ref(),
                Some(iin)
            );

            let mut first_eleven = [0u8; 11];
            for (slot, byte) in first_eleven.iter_mut().zip(digits.bytes()) {
                *slot = byte - b'0';
            }
            assert_eq!(
                check_digit(&first_eleven),
                Some(digits.as_bytes()[11] - b'0')
            );

            let hints = iin.hints();
            if let Some(born) = hints.birth_date {
                assert!((1800..2100).contains(&born.year()), "{born}");
                assert!(
                    hints.sex.is_some(),
                    "a decoded date comes with the century digit"
                );
            }
        }
        Err(IinError::Empty) => assert!(normalised.is_empty()),
        Err(IinError::NotDigits) => assert!(!normalised.bytes().all(|b| b.is_ascii_digit())),
        Err(IinError::WrongLength { actual }) => {
            assert_eq!(*actual, normalised.len());
            assert_ne!(*actual, 12);
        }
        Err(IinError::CheckDigit) => assert_eq!(normalised.len(), 12),
    }
    if let Ok(bin) = &as_bin {
        let hints = bin.hints();
        if let Some((year, _)) = hints.registered {
            assert!((2000..2100).contains(&year));
        }
    }
}

/// The catalogue loader: parse a catalogue, check its integrity, and use it the way the app and
/// the server do. A broken catalogue must be reported (a parse error or integrity issues), never
/// crash whoever loads it.
pub fn catalogue(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(catalogue) = Catalogue::from_json(json) else {
        return;
    };
    let issues = catalogue.integrity_issues();
    let encoded = serde_json::to_string(&catalogue).expect("a parsed catalogue encodes");
    let reparsed = Catalogue::from_json(&encoded).expect("a catalogue reads its own encoding");
    assert_eq!(reparsed, catalogue, "decode, encode, decode is stable");
    assert_eq!(reparsed.integrity_issues(), issues);

    // Views are built even for a catalogue with issues: the app renders dangling references as
    // their ids rather than failing, so that path must hold up too.
    let regions: BTreeSet<&RegionId> = catalogue
        .regions
        .iter()
        .map(|r| &r.id)
        .chain(catalogue.services.iter().flat_map(|s| s.regions()))
        .collect();
    for region in regions {
        for view in catalogue.for_region(region) {
            use_view(&view);
            if issues.is_empty() {
                sound_view(&catalogue, &view);
            }
        }
    }
}

/// Every applicant the rules can tell apart: each category, with no fact and with all of them.
fn profiles() -> Vec<ApplicantProfile> {
    ApplicantCategory::ALL
        .into_iter()
        .flat_map(|category| {
            let bare = ApplicantProfile::new(category);
            let full = ApplicantFact::ALL
                .into_iter()
                .fold(bare.clone(), |p, f| p.with(f));
            [bare, full]
        })
        .collect()
}

/// What the wizard does with a service view: eligibility, documents, route and deadline.
fn use_view(view: &ServiceView) {
    for profile in profiles() {
        choosable_results(view, &profile).count();
        check_service(view, &profile);
        application_route(view, &profile);
        documents_for_category(view, profile.category).count();
        for channel in &view.channels {
            documents_to_bring(view, &profile, channel.kind).count();
        }
    }
    let progress = Progress {
        submitted_at: NOW,
        status: crate::ApplicationStatus::Submitted,
        history: &[],
    };
    if let Some(due) = schedule(view, Calendar::embedded(), progress).and_then(|s| s.service.at()) {
        assert!(
            due >= NOW,
            "a service is never due before it is applied for"
        );
    }
    let encoded = serde_json::to_string(view).expect("a view encodes");
    let decoded: ServiceView = serde_json::from_str(&encoded).expect("a view decodes");
    assert_eq!(&decoded, view, "the API's service view round-trips");
}

/// What the integrity check promises of a catalogue it passes.
fn sound_view(catalogue: &Catalogue, view: &ServiceView) {
    assert!(catalogue.region(&view.region).is_some());
    assert!(!view.results.is_empty() && !view.channels.is_empty());
    for channel in &view.channels {
        assert!(!channel.steps.is_empty());
        for step in &channel.steps {
            assert!(catalogue.actor(&step.step.actor).is_some());
            assert!(catalogue.step_action(&step.step.action).is_some());
        }
    }
    for document in &view.documents {
        assert!(catalogue.document(&document.requirement.document).is_some());
    }
}

/// The API's request decoding: the bodies the server accepts, decoded as axum does, then the
/// domain checks the server runs on them. One input is tried as every request type.
pub fn api_request(data: &[u8]) {
    if let Some(signed) = decode_stable::<SignedApplication>(data) {
        submission(&signed);
    }
    if let Some(application) = decode_stable::<Application>(data) {
        check_application(&application);
    }
    if let Some(request) = decode_stable::<SessionRequest>(data) {
        sign_in(&request);
    }
    if let Some(request) = decode_stable::<TransitionRequest>(data) {
        transition(&request);
    }
}

/// Decodes a body; whatever decodes must encode, and decoding that again gives the same value
/// and the same bytes (the server stores and serves what it decoded).
fn decode_stable<T: DeserializeOwned + Serialize + PartialEq + Debug>(data: &[u8]) -> Option<T> {
    let value: T = serde_json::from_slice(data).ok()?;
    let encoded = serde_json::to_vec(&value).expect("a decoded request encodes");
    let again: T = serde_json::from_slice(&encoded).expect("an encoded request decodes");
    assert_eq!(again, value, "decode, encode, decode is stable");
    let encoded_again = serde_json::to_vec(&again).expect("a decoded request encodes");
    assert_eq!(encoded_again, encoded, "encoding is deterministic");
    Some(value)
}

/// `POST /api/v1/applications`: field validation, the signature over the canonical bytes, then
/// the catalogue's rules.
fn submission(signed: &SignedApplication) {
    let application = &signed.application;
    check_application(application);
    verify(
        &signed.signature,
        &application.canonical_bytes(),
        &application.applicant.iin,
    );
}

fn check_application(application: &Application) {
    let canonical = application.canonical_bytes();
    if application.check().is_ok() {
        // Validation passes only what is already normalised: what is signed is what is stored.
        let iin = Iin::parse(&application.applicant.iin).expect("a valid application has an IIN");
        assert_eq!(iin.as_str(), application.applicant.iin);
        assert_eq!(
            crate::application::normalise_phone(&application.applicant.phone).as_deref(),
            Some(application.applicant.phone.as_str())
        );
        // The signature covers the canonical bytes, and the server stores the decoded value: for
        // an application it accepts, the two must say the same.
        let decoded: Application =
            serde_json::from_slice(&canonical).expect("canonical bytes decode as an application");
        assert_eq!(
            &decoded, application,
            "the canonical form keeps every field"
        );
        assert_eq!(
            decoded.canonical_bytes(),
            canonical,
            "canonical bytes are stable"
        );
    }

    let catalogue = Catalogue::shared();
    if catalogue.service(&application.service).is_none() {
        return;
    }
    let Some(view) = catalogue.service_in_region(&application.service, &application.region) else {
        return;
    };
    let profile = application.applicant.profile();
    match &application.result {
        Some(result) => {
            check_result(&view, result, &profile);
        }
        None => {
            choosable_results(&view, &profile).count();
            check_service(&view, &profile);
        }
    }
}

/// `POST /api/v1/session`: the IIN, the challenge's bytes, then the signature over them.
fn sign_in(request: &SessionRequest) {
    let _ = Iin::parse(&request.iin);
    if let Ok(challenge) = BASE64.decode(&request.challenge) {
        verify(&request.signature, &challenge, &request.iin);
    }
}

fn verify(envelope: &SignatureEnvelope, signed_bytes: &[u8], iin: &str) {
    let claim = SigningClaim {
        signed_bytes,
        applicant_iin: iin,
        now: NOW,
    };
    let _ = test_ca::trust_anchor().verify_stub(envelope, claim);
}

/// `POST /api/v1/operator/applications/{reference}/transitions`, from every status.
fn transition(request: &TransitionRequest) {
    let has_grounds = request
        .refusal_grounds
        .as_deref()
        .is_some_and(|g| !g.trim().is_empty());
    for from in ApplicationStatus::ALL {
        let outcome = workflow::check(from, request.to, has_grounds, request.result.is_some());
        if let Err(e) = outcome {
            e.code();
        }
    }
    workflow::default_actor(request.to);
    if let Some(result) = &request.result {
        serde_json::to_string(result).expect("a result document encodes");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_targets_accept_their_typical_inputs() {
        iin(b"791028302728");
        iin(b" 7910 2830-2728 ");
        iin("\u{a0}".as_bytes());
        catalogue(br#"{"services":[]}"#);
        let application = crate::application::example_application("791028302728");
        api_request(&serde_json::to_vec(&application).unwrap());
    }
}
