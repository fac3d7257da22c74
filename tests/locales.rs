//! Every locale has the same messages, each parses cleanly, and every message the code asks for
//! exists.

#![cfg(not(target_arch = "wasm32"))]

use fluent_syntax::ast::Entry;
use fluent_syntax::parser;
use std::collections::BTreeSet;

const LOCALES: [(&str, &str); 3] = [
    ("kk", egov_wizard::i18n::KK),
    ("ru", egov_wizard::i18n::RU),
    ("en", egov_wizard::i18n::EN),
];

fn message_ids(source: &str) -> BTreeSet<String> {
    let resource = parser::parse(source).unwrap_or_else(|(_, errors)| panic!("{errors:?}"));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn all_locales_have_the_same_keys() {
    let all: Vec<(&str, BTreeSet<String>)> =
        LOCALES.iter().map(|(l, s)| (*l, message_ids(s))).collect();
    let union: BTreeSet<String> = all.iter().flat_map(|(_, ids)| ids.clone()).collect();
    for (lang, ids) in &all {
        let missing: Vec<_> = union.difference(ids).collect();
        assert!(missing.is_empty(), "locale {lang} lacks {missing:?}");
    }
}

#[test]
fn codes_the_domain_produces_have_messages() {
    use egov_domain::signature::SignatureError::*;
    let ids = message_ids(egov_wizard::i18n::EN);
    let iin_codes = [
        egov_domain::IinError::Empty.code(),
        egov_domain::IinError::NotDigits.code(),
        egov_domain::IinError::WrongLength { actual: 1 }.code(),
        egov_domain::IinError::CheckDigit.code(),
        "iin_not_normalised",
    ];
    let signature_codes = [
        Malformed,
        UnsupportedFormat,
        UntrustedIssuer,
        Mismatch,
        NotYetValid,
        Expired,
        Revoked,
        IinMismatch,
    ]
    .map(|e| e.code());
    let status_keys: Vec<String> = egov_domain::ApplicationStatus::ALL
        .iter()
        .map(|s| format!("status-{}", s.code()))
        .collect();
    for code in iin_codes
        .iter()
        .chain(signature_codes.iter())
        .map(|c| c.to_string())
        .chain(status_keys)
    {
        assert!(ids.contains(&code), "no message for {code}");
    }
}
