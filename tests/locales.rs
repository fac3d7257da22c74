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
    let ids = message_ids(egov_wizard::i18n::sources(Lang::En));
    let iin_codes = [
        egov_domain::IinError::Empty.code(),
        egov_domain::IinError::NotDigits.code(),
        egov_domain::IinError::WrongLength { actual: 1 }.code(),
        egov_domain::IinError::CheckDigit.code(),
        "iin_not_normalised",
    ];
    let signature_codes = egov_domain::signature::SignatureError::ALL.map(|e| e.code());
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
fn every_failure_of_a_call_has_a_message() {
    use egov_domain::api::{problem_code, Problem};
    use egov_wizard::api::ApiFailure;
    let ids = message_ids(egov_wizard::i18n::sources(Lang::En));
    let mut failures = vec![
        ApiFailure::Network,
        ApiFailure::Timeout,
        ApiFailure::Unexpected(200),
        ApiFailure::Unexpected(413),
        ApiFailure::Unexpected(504),
    ];
    for code in problem_code::ALL {
        for status in [400, 413, 429, 500, 503] {
            let problem = Problem::new(status, code, "");
            failures.push(ApiFailure::Problem(Box::new(problem), Some(1)));
        }
    }
    for failure in failures {
        let key = failure.message_key();
        assert!(ids.contains(&key), "{failure:?}: no message {key}");
    }
    // Too many attempts is the person's to act on (wait), not "unexpected".
    let limited = ApiFailure::Problem(
        Box::new(Problem::new(429, problem_code::RATE_LIMITED, "")),
        Some(20),
    );
    assert_eq!(limited.message_key(), "rate_limited");
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

/// Text nodes written as literals directly in a `view!` tree: strings that are not attribute
/// values (`attr="…"`) and contain a letter. Literals inside `{ … }` blocks or `( … )` calls are
/// code (locale keys, ids, paths), and nested `view!` trees are checked on their own.
fn literal_texts_in_views(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("view!") {
        let after = &rest[start + 5..];
        let Some(open) = after.find('{') else { break };
        let body = &after[open + 1..];
        let mut depth = 0usize;
        let mut parens = 0usize;
        let mut chars = body.char_indices().peekable();
        let mut previous_significant = '{';
        while let Some((_, c)) = chars.next() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                '(' => parens += 1,
                ')' => parens = parens.saturating_sub(1),
                '"' => {
                    let mut literal = String::new();
                    let mut escaped = false;
                    for (_, d) in chars.by_ref() {
                        if escaped {
                            escaped = false;
                        } else if d == '\\' {
                            escaped = true;
                        } else if d == '"' {
                            break;
                        }
                        literal.push(d);
                    }
                    let is_text_node = depth == 0 && parens == 0 && previous_significant != '=';
                    if is_text_node && literal.chars().any(char::is_alphabetic) {
                        found.push(literal);
                    }
                }
                _ => {}
            }
            if !c.is_whitespace() {
                previous_significant = c;
            }
        }
        rest = &after[open..];
    }
    found
}

#[test]
fn views_contain_no_literal_user_facing_text() {
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 10);
    let mut offenders = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for literal in literal_texts_in_views(&source) {
            offenders.push(format!("{}: {literal:?}", file.display()));
        }
    }
    assert!(
        offenders.is_empty(),
        "literal text in views:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_literal_text_check_catches_text_and_spares_attributes_and_code() {
    let found = literal_texts_in_views(
        r#"view! { <p class="hint" id=format!("x-{}", 1) aria-label=move || t("k")>"Hello" " " {move || i18n.t("key")}</p> }"#,
    );
    assert_eq!(found, vec!["Hello".to_owned()]);
}
