//! Every locale has the same messages, each parses cleanly, and every message the code asks for
//! exists.

#![cfg(not(target_arch = "wasm32"))]

use fluent_syntax::ast::Entry;
use fluent_syntax::parser;
use std::collections::{BTreeMap, BTreeSet};

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
    let files = app_sources();
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

/// A token of Rust source, as much as [`message_keys_in`] needs: comments, char literals and
/// lifetimes are dropped.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Punct(char),
}

fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('#') | Some('"')) && {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            chars.get(i + 1 + hashes) == Some(&'"')
        } {
            // A raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            let start = i + 2 + hashes;
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let mut end = start;
            while end < chars.len() && !chars[end..].starts_with(&closing) {
                end += 1;
            }
            out.push(Token::Str(chars[start..end].iter().collect()));
            i = end + closing.len();
        } else if c == '"' {
            let mut literal = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&d) = chars.get(i) {
                    literal.push(d);
                }
                i += 1;
            }
            out.push(Token::Str(literal));
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{…}') or a lifetime ('a): skipped either way.
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

/// The tokens of the parenthesised (or braced) group opening at `open`, split at its top-level
/// commas; and the index after its closing bracket.
fn group(tokens: &[Token], open: usize) -> (Vec<&[Token]>, usize) {
    let mut depth = 0;
    let mut parts = Vec::new();
    let mut start = open + 1;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    parts.push(&tokens[start..i]);
                    return (parts, i + 1);
                }
            }
            Token::Punct(',') if depth == 1 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    (parts, tokens.len())
}

/// Whether a literal has the form of a message key: lower-case words joined by `-` or `_`.
fn looks_like_a_key(literal: &str) -> bool {
    let mut chars = literal.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && literal
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !literal.ends_with(['-', '_'])
}

fn keys_in(tokens: &[Token]) -> impl Iterator<Item = String> + '_ {
    tokens.iter().filter_map(|token| match token {
        Token::Str(literal) if looks_like_a_key(literal) => Some(literal.clone()),
        _ => None,
    })
}

/// Whether a parameter, prop or field of this name holds a message key.
fn is_key_name(name: &str) -> bool {
    matches!(name, "key" | "message" | "heading" | "body")
        || (name.ends_with("_key") && !name.contains("idempotency"))
}

/// The functions and closures that take a message key, with the positions of those arguments
/// (`self` not counted): parameters with a key's name ([`is_key_name`]) and a string's type
/// (`&str`, `impl Into<String>`).
fn key_parameters(tokens: &[Token]) -> BTreeMap<String, Vec<usize>> {
    let mut found = BTreeMap::new();
    for i in 0..tokens.len() {
        let (name, parameters) = match (&tokens[i], tokens.get(i + 1), tokens.get(i + 2)) {
            (Token::Ident(f), Some(Token::Ident(name)), Some(Token::Punct('(' | '<')))
                if f == "fn" =>
            {
                let Some(open) = (i + 2..tokens.len()).find(|&j| tokens[j] == Token::Punct('('))
                else {
                    continue;
                };
                (name, group(tokens, open).0)
            }
            // `let name = move |key: &'static str| …`
            (Token::Ident(l), Some(Token::Ident(name)), Some(Token::Punct('='))) if l == "let" => {
                let mut open = i + 3;
                if tokens.get(open) == Some(&Token::Ident("move".into())) {
                    open += 1;
                }
                if tokens.get(open) != Some(&Token::Punct('|')) {
                    continue;
                }
                let Some(close) =
                    (open + 1..tokens.len()).find(|&j| tokens[j] == Token::Punct('|'))
                else {
                    continue;
                };
                let list = &tokens[open + 1..close];
                (name, list.split(|t| *t == Token::Punct(',')).collect())
            }
            _ => continue,
        };
        let parameters = parameters
            .into_iter()
            .filter(|p| !p.iter().any(|t| *t == Token::Ident("self".into())));
        let positions: Vec<usize> = parameters
            .enumerate()
            .filter(|(_, p)| match p {
                [Token::Ident(name), Token::Punct(':'), ty @ ..] => {
                    is_key_name(name)
                        && ty
                            .iter()
                            .any(|t| matches!(t, Token::Ident(t) if t == "str" || t == "Into"))
                }
                _ => false,
            })
            .map(|(position, _)| position)
            .collect();
        if !positions.is_empty() {
            found.insert(name.clone(), positions);
        }
    }
    found
}

/// The message keys `source` asks for by name, the ways the app names them:
/// - an argument, when a literal, that a function or closure of [`key_parameters`] takes as a
///   key: `t("key")` (every literal of its argument, e.g. the arms of a `match` in it),
///   `t_with("key", …)`, `FieldMessage::new(field, "key")`; and `translate(lang, "key", …)`;
/// - a literal given to a prop, field or variable with a key's name: `key="…"`,
///   `label_key: "…"`, `heading="…"`, `let key = "…"`, and the arms of `let key = match …`;
/// - the literals of a function whose name ends in `_key` or `_message`
///   (`fn message_key(self) -> &'static str`), and an error that is a literal (`Err("key")`).
///
/// Keys made at run time (`format!("status-{}", …)`) are left to the tests of their codes.
fn message_keys_in(source: &str, parameters: &BTreeMap<String, Vec<usize>>) -> BTreeSet<String> {
    let tokens = tokens(source);
    let mut keys = BTreeSet::new();
    let ident = |i: usize| match tokens.get(i) {
        Some(Token::Ident(name)) => Some(name.as_str()),
        _ => None,
    };
    for i in 0..tokens.len() {
        let Some(name) = ident(i) else { continue };
        let next = tokens.get(i + 1);
        let defined_here = i > 0 && ident(i - 1) == Some("fn");
        if next == Some(&Token::Punct('(')) && !defined_here {
            let (arguments, _) = group(&tokens, i + 1);
            let positions = match name {
                "translate" => &[1][..],
                // An error that is a literal, nothing else: `Err("upload-empty")`.
                "Err" if arguments.first().is_some_and(|a| a.len() == 1) => &[0][..],
                _ => parameters.get(name).map_or(&[][..], Vec::as_slice),
            };
            for &position in positions {
                keys.extend(arguments.get(position).into_iter().flat_map(|a| keys_in(a)));
            }
        } else if is_key_name(name)
            && matches!(next, Some(Token::Punct('=' | ':')))
            && tokens.get(i + 2) != next
        {
            let value = match tokens.get(i + 2) {
                // `let key = match unit { … => "key", … };`: the literals of its arms.
                Some(Token::Ident(m)) if m == "match" => (i + 2..tokens.len())
                    .find(|&j| tokens[j] == Token::Punct('{'))
                    .map_or(&[][..], |arms| &tokens[arms..group(&tokens, arms).1]),
                _ => tokens.get(i + 2..i + 3).unwrap_or_default(),
            };
            keys.extend(keys_in(value));
        } else if name == "fn" {
            let Some(function) = ident(i + 1) else {
                continue;
            };
            if !(function.ends_with("_key") || function.ends_with("_message")) {
                continue;
            }
            let Some(body) = (i..tokens.len()).find(|&j| tokens[j] == Token::Punct('{')) else {
                continue;
            };
            keys.extend(keys_in(group(&tokens, body).0.concat().as_slice()));
        }
    }
    keys
}

/// Every `.rs` file under `src/`.
fn app_sources() -> Vec<std::path::PathBuf> {
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
    files
}

#[test]
fn every_message_key_the_code_names_is_in_every_locale() {
    let sources: Vec<(std::path::PathBuf, String)> = app_sources()
        .into_iter()
        .map(|file| {
            let source = std::fs::read_to_string(&file).unwrap();
            (file, source)
        })
        .collect();
    // Functions of one name in several files (`new`) take a key wherever any of them does.
    let mut parameters: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (_, source) in &sources {
        for (function, positions) in key_parameters(&tokens(source)) {
            parameters.entry(function).or_default().extend(positions);
        }
    }
    let mut used: Vec<(String, String)> = Vec::new();
    for (file, source) in &sources {
        let name = file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        let keys = message_keys_in(source, &parameters);
        used.extend(keys.into_iter().map(|k| (k, name.clone())));
    }
    // The scan must keep finding the keys: a change of how the code names them would otherwise
    // leave this test checking nothing.
    assert!(used.len() > 200, "only {} keys found in src/", used.len());
    let mut missing = Vec::new();
    for lang in Lang::ALL {
        let ids = message_ids(egov_wizard::i18n::sources(lang));
        for (key, file) in &used {
            if !ids.contains(key) {
                missing.push(format!("{file}: {key} (locales/{}/)", lang.tag()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "message keys the code uses but a locale lacks:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_key_scan_finds_each_way_the_code_names_a_message() {
    let source = r##"
        // t("in-a-comment") is not code.
        impl I18n {
            pub fn t(&self, key: &str) -> String { translate(self.lang, key, None) }
            pub fn t_with(&self, key: &str, args: &[(&str, Value)]) -> String { todo!() }
        }
        impl FieldMessage {
            pub fn new(field_id: &'static str, key: impl Into<String>) -> FieldMessage { todo!() }
        }
        fn contact_row(contact: &Contact, key: &'static str, id: &'static str) {}
        fn heading_key(kind: Kind) -> &'static str {
            match kind { Kind::A => "kind-a", Kind::B => "kind-b" }
        }
        fn unknown_message(reason: Reason) -> Option<(&'static str, u8)> { Some(("why-unknown", 1)) }
        fn check(file: &File) -> Result<(), &'static str> { Err("error-key") }
        fn view() {
            let _ = '"'; let _: &'static str = "x";
            let key_rows = move |message: &'static str| rows(message);
            let type_key = move |key: String| typed(key);
            view! { <PageHeading key="page-heading-key" /> <Field label_key="field-label" /> }
            view! { <LinkProblem heading="link-heading" body="link-body" arg=("region", "x-y") /> }
            move || i18n.t("plain-call");
            i18n.t(match status { Some(_) => "arm-one", _ => "arm_two" });
            i18n.t_with("with-args", &[("count", 2.into())]);
            translate(Lang::Ru, "translated", None);
            FieldMessage::new("the-field-id", "field-message");
            contact_row(&contact, "contact-key", "contact-id");
            key_rows("closure-key");
            type_key("q");
            Row { label_key: "row-label", id: "not-a-key" };
            let key = "let-key";
            let key = match unit { Unit::Hours => "match-arm-key", _ => "other-arm-key" };
            i18n.t(&format!("dynamic-{}", code));
            if key == "compared" {}
            let raw = r#"raw-literal"#;
        }
    "##;
    let parameters = key_parameters(&tokens(source));
    let found: Vec<String> = message_keys_in(source, &parameters).into_iter().collect();
    assert_eq!(
        found,
        [
            "arm-one",
            "arm_two",
            "closure-key",
            "contact-key",
            "error-key",
            "field-label",
            "field-message",
            "kind-a",
            "kind-b",
            "let-key",
            "link-body",
            "link-heading",
            "match-arm-key",
            "other-arm-key",
            "page-heading-key",
            "plain-call",
            "row-label",
            "translated",
            "why-unknown",
            "with-args",
        ]
    );
}
