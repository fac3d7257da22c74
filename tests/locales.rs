//! Every locale has the same messages, each parses cleanly, and every message the code asks for
//! exists.

#![cfg(not(target_arch = "wasm32"))]

use fluent_syntax::ast::Entry;
use fluent_syntax::parser;
use std::collections::BTreeSet;

use egov_domain::Lang;

fn message_ids(files: &[(&str, &str)]) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (name, source) in files {
        let resource =
            parser::parse(*source).unwrap_or_else(|(_, errors)| panic!("{name}: {errors:?}"));
        for entry in resource.body {
            if let Entry::Message(m) = entry {
                assert!(
                    ids.insert(m.id.name.to_owned()),
                    "{name}: {} defined twice",
                    m.id.name
                );
            }
        }
    }
    ids
}

#[test]
fn all_locales_have_the_same_keys() {
    let all: Vec<(&str, BTreeSet<String>)> = Lang::ALL
        .iter()
        .map(|l| (l.tag(), message_ids(egov_wizard::i18n::sources(*l))))
        .collect();
    let union: BTreeSet<String> = all.iter().flat_map(|(_, ids)| ids.clone()).collect();
    for (lang, ids) in &all {
        let missing: Vec<_> = union.difference(ids).collect();
        assert!(missing.is_empty(), "locale {lang} lacks {missing:?}");
    }
}

#[test]
fn codes_the_domain_produces_have_messages() {
    use egov_domain::signature::SignatureError::*;
    let ids = message_ids(egov_wizard::i18n::sources(Lang::En));
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

#[test]
fn every_locale_file_on_disk_is_loaded() {
    for lang in Lang::ALL {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.tag());
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".ftl"))
            .collect();
        on_disk.sort();
        let mut loaded: Vec<String> = egov_wizard::i18n::sources(lang)
            .iter()
            .map(|(name, _)| name.to_string())
            .collect();
        loaded.sort();
        assert_eq!(
            on_disk,
            loaded,
            "{}: add new files to locale_files!",
            dir.display()
        );
    }
}
