//! The committed OpenAPI document is the contract under review: it must equal what the code
//! generates, and the server must serve exactly it.

mod support;

use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json")
}

#[test]
fn committed_openapi_matches_the_code() {
    let generated = egov_server::openapi::document();
    let path = committed_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} differs from the API the code defines. If the change is intended, regenerate it with\n\n    UPDATE_OPENAPI=1 cargo test -p egov-server --test openapi\n\nand commit the file so the contract change shows in review.",
        path.display()
    );
}

#[tokio::test]
async fn server_serves_the_committed_document() {
    let t = support::start().await;
    let response = t.get("/openapi.json").await;
    assert_eq!(response.status(), 200);
    let served: serde_json::Value = response.json().await.unwrap();
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(committed_path()).unwrap()).unwrap();
    assert_eq!(served, committed);
    assert_eq!(served["openapi"], "3.1.0");
}

#[test]
fn every_problem_code_is_documented() {
    let document = egov_server::openapi::document();
    let missing: Vec<&str> = egov_domain::api::problem_code::ALL
        .iter()
        .copied()
        .filter(|code| !document.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes not described in the OpenAPI document: {missing:?}"
    );
}

#[test]
fn every_signature_code_is_documented() {
    let document = egov_server::openapi::document();
    let missing: Vec<&str> = egov_domain::signature::SignatureError::ALL
        .iter()
        .map(|e| e.code())
        .filter(|code| !document.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "signature codes not described in the OpenAPI document: {missing:?}"
    );
}

#[tokio::test]
async fn health_matches_its_schema() {
    let t = support::start().await;
    let health: serde_json::Value = t.get("/health").await.json().await.unwrap();
    support::assert_schema(&health, "Health");
    assert_eq!(health["status"], "ok");
}

/// Every `"$ref": "#/..."` in the document is a JSON pointer into it, and it points at something.
#[test]
fn every_reference_resolves() {
    fn references(value: &serde_json::Value, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(reference)) = map.get("$ref") {
                    found.push(reference.clone());
                }
                map.values().for_each(|v| references(v, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| references(v, found)),
            _ => {}
        }
    }
    let document: serde_json::Value =
        serde_json::from_str(&egov_server::openapi::document()).unwrap();
    let mut found = Vec::new();
    references(&document, &mut found);
    assert!(found.len() > 50, "only {} references", found.len());
    let dangling: Vec<&String> = found
        .iter()
        .filter(|r| !r.starts_with("#/") || document.pointer(&r[1..]).is_none_or(|v| v.is_null()))
        .collect();
    assert!(
        dangling.is_empty(),
        "references that do not resolve: {dangling:?}"
    );
}

/// Every object the document describes names its properties: none is a bare `{"type": "object"}`
/// that a backend team could not implement from the document.
#[test]
fn no_object_schema_is_opaque() {
    fn opaque(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                let describes_shape = ["properties", "additionalProperties", "allOf", "oneOf"]
                    .iter()
                    .any(|k| map.contains_key(*k));
                if map.get("type") == Some(&"object".into()) && !describes_shape {
                    found.push(path.to_owned());
                }
                for (k, v) in map {
                    opaque(v, &format!("{path}/{k}"), found);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    opaque(v, &format!("{path}/{i}"), found);
                }
            }
            _ => {}
        }
    }
    let document: serde_json::Value =
        serde_json::from_str(&egov_server::openapi::document()).unwrap();
    let mut found = Vec::new();
    opaque(&document, "", &mut found);
    assert!(found.is_empty(), "objects without properties: {found:#?}");
}
