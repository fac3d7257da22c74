//! The contract as published: the OpenAPI document (embedded, so the kit needs only a base URL)
//! and the check that an answer fits it: a documented status, the documented content type, a
//! body that matches the response schema, and a problem `code` from the documented list.

use serde_json::Value;
use std::collections::BTreeMap;

/// The reference server's generated document, the one a backend team implements.
pub const DOCUMENT: &str = include_str!("../../server/openapi.json");

pub struct Contract {
    operations: Vec<Operation>,
    /// Status and code any endpoint may answer (the document's introduction lists them).
    generic: Vec<(u16, String)>,
}

struct Operation {
    method: String,
    template: String,
    responses: BTreeMap<u16, Response>,
}

struct Response {
    /// Content type → the schema of its body (JSON types only).
    content: BTreeMap<String, Option<jsonschema::Validator>>,
    /// The problem codes named in the response's description.
    codes: Vec<String>,
}

/// Every `` `word` `` of snake-case letters in a description: how the document lists codes.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .map(str::to_owned)
        .collect()
}

/// "`bad_request` (400: …)": the code and status pairs of the introduction.
fn generic_codes(description: &str) -> Vec<(u16, String)> {
    let parts: Vec<&str> = description.split('`').collect();
    let mut found = Vec::new();
    for pair in parts.windows(2).skip(1).step_by(2) {
        let (code, after) = (pair[0], pair[1]);
        let status = after
            .strip_prefix(" (")
            .and_then(|s| s.get(..3))
            .and_then(|s| s.parse::<u16>().ok());
        if let Some(status) = status {
            found.push((status, code.to_owned()));
        }
    }
    found
}

impl Contract {
    pub fn load() -> Contract {
        let doc: Value = serde_json::from_str(DOCUMENT).expect("the embedded document is JSON");
        let components = doc["components"].clone();
        let compile = |schema: &Value| {
            let mut root = schema.clone();
            let map = root.as_object_mut()?;
            map.insert(
                "$schema".into(),
                "https://json-schema.org/draft/2020-12/schema".into(),
            );
            map.insert("components".into(), components.clone());
            Some(jsonschema::validator_for(&root).expect("the document's schemas compile"))
        };
        let mut operations = Vec::new();
        for (template, methods) in doc["paths"].as_object().into_iter().flatten() {
            for (method, operation) in methods.as_object().into_iter().flatten() {
                let mut responses = BTreeMap::new();
                for (status, response) in operation["responses"].as_object().into_iter().flatten() {
                    let Ok(status) = status.parse::<u16>() else {
                        continue;
                    };
                    let content = response["content"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(media_type, body)| {
                            let schema = is_json(media_type)
                                .then(|| compile(&body["schema"]))
                                .flatten();
                            (media_type.clone(), schema)
                        })
                        .collect();
                    let codes = backticked(response["description"].as_str().unwrap_or(""));
                    responses.insert(status, Response { content, codes });
                }
                operations.push(Operation {
                    method: method.to_ascii_uppercase(),
                    template: template.clone(),
                    responses,
                });
            }
        }
        let generic = generic_codes(doc["info"]["description"].as_str().unwrap_or(""));
        Contract {
            operations,
            generic,
        }
    }

    /// The documented path a request path matches, e.g. `/api/v1/applications/{reference}`.
    pub fn template(&self, method: &str, path: &str) -> Option<&str> {
        self.operation(method, path).map(|o| o.template.as_str())
    }

    fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        let path = path.split('?').next().unwrap_or(path);
        self.operations
            .iter()
            .find(|o| o.method == method && matches_template(&o.template, path))
    }

    fn generic_schema(&self) -> Option<&jsonschema::Validator> {
        // Every problem of every operation has the same schema; take any.
        self.operations
            .iter()
            .flat_map(|o| o.responses.values())
            .filter_map(|r| r.content.get("application/problem+json"))
            .find_map(Option::as_ref)
    }

    /// Where an answer departs from the document; empty when it fits.
    pub fn violations(
        &self,
        method: &str,
        path: &str,
        status: u16,
        content_type: &str,
        body: &[u8],
    ) -> Vec<String> {
        let operation = self.operation(method, path);
        let shown = operation.map_or_else(
            || {
                format!(
                    "{method} {} (no such operation)",
                    path.split('?').next().unwrap_or(path)
                )
            },
            |o| format!("{method} {}", o.template),
        );
        let generic: Vec<&str> = self
            .generic
            .iter()
            .filter(|(s, _)| *s == status)
            .map(|(_, c)| c.as_str())
            .collect();
        let documented = operation.and_then(|o| o.responses.get(&status));
        // A path the document does not name: the server says so with `not_found`.
        let unknown_path = operation.is_none() && status == 404;
        if documented.is_none() && generic.is_empty() && !unknown_path {
            return vec![format!("status {status} is not documented for {shown}")];
        }
        let mut found = Vec::new();
        let schema = match documented {
            Some(response) if response.content.is_empty() => {
                if !body.is_empty() {
                    found.push(format!("{shown} answers {status} without a body"));
                }
                return found;
            }
            Some(response) => match response.content.get(content_type) {
                Some(schema) => schema.as_ref(),
                None => {
                    let expected: Vec<&String> = response.content.keys().collect();
                    return vec![format!(
                        "{shown} answers {status} as {expected:?}, not {content_type:?}"
                    )];
                }
            },
            None if content_type == "application/problem+json" => self.generic_schema(),
            None => {
                return vec![format!(
                    "{shown} answers {status} as application/problem+json, not {content_type:?}"
                )]
            }
        };
        if !is_json(content_type) {
            return found;
        }
        let value: Value = match serde_json::from_slice(body) {
            Ok(value) => value,
            Err(e) => return vec![format!("the body is not JSON ({e})")],
        };
        if let Some(schema) = schema {
            found.extend(schema.iter_errors(&value).take(3).map(|e| {
                let at = e.instance_path().to_string();
                format!("the body does not match the schema: {e} at {at:?}")
            }));
        }
        if content_type == "application/problem+json" {
            if value["status"] != status {
                found.push(format!(
                    "the problem's `status` is {}, the answer's {status}",
                    value["status"]
                ));
            }
            let code = value["code"].as_str().unwrap_or_default();
            let mut allowed: Vec<&str> = generic.clone();
            if let Some(response) = documented {
                allowed.extend(response.codes.iter().map(String::as_str));
            }
            if unknown_path {
                allowed.push("not_found");
            }
            if !allowed.contains(&code) {
                found.push(format!(
                    "code {code:?} is not documented for {status} of {shown} (documented: {})",
                    allowed.join(", ")
                ));
            }
        }
        found
    }
}

fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}

fn matches_template(template: &str, path: &str) -> bool {
    let mut want = template.split('/');
    let mut have = path.split('/');
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some(w), Some(h)) if w.starts_with('{') && w.ends_with('}') => {
                if h.is_empty() {
                    return false;
                }
            }
            (Some(w), Some(h)) if w == h => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_their_paths_only() {
        let t = "/api/v1/applications/{reference}/result.pdf";
        assert!(matches_template(t, "/api/v1/applications/AB-CD/result.pdf"));
        assert!(!matches_template(t, "/api/v1/applications/AB-CD"));
        assert!(!matches_template(t, "/api/v1/applications//result.pdf"));
    }

    #[test]
    fn codes_come_from_the_descriptions() {
        assert_eq!(
            backticked("`not_found`, `operator_disabled` at `query.region`"),
            ["not_found", "operator_disabled"]
        );
        let contract = Contract::load();
        assert!(contract.generic.contains(&(429, "rate_limited".into())));
        assert!(contract.generic.contains(&(413, "body_too_large".into())));
    }

    #[test]
    fn a_wrong_code_or_shape_is_a_violation() {
        let contract = Contract::load();
        let problem = |code: &str| {
            format!(r#"{{"type":"urn:x","title":"t","status":404,"code":"{code}"}}"#).into_bytes()
        };
        let path = "/api/v1/applications/X";
        let fits = |body: &[u8], status| {
            contract.violations("GET", path, status, "application/problem+json", body)
        };
        assert!(fits(&problem("not_found"), 404).is_empty());
        assert_eq!(fits(&problem("gone_fishing"), 404).len(), 1);
        assert_eq!(fits(&problem("not_found"), 418).len(), 1);
        let empty = contract.violations("GET", path, 200, "application/json", b"{}");
        assert!(!empty.is_empty(), "an empty record passes");
    }
}
