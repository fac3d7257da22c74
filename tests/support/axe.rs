//! axe-core (npm, `node_modules/axe-core/axe.min.js`) run on the current page: its WCAG 2.0/2.1
//! A and AA and WCAG 2.2 AA rules. Injected with WebDriver's execute script, which the app's
//! strict CSP does not block. Shadow roots (the embedded widget) are audited too: axe walks
//! open shadow roots.

use fantoccini::Client;

pub const TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

fn source() -> String {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci`)", path.display()))
}

/// Each violation on the current page as "id [impact] help — targets".
pub async fn violations(c: &Client) -> Vec<String> {
    // Injected once per document: SPA navigations keep it.
    let loaded = c
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .unwrap();
    if loaded != serde_json::json!(true) {
        c.execute(&format!("{}\nreturn true;", source()), vec![])
            .await
            .unwrap();
    }
    let script = "const done = arguments[arguments.length - 1];\
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})\
          .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,\
              targets: v.nodes.map(n => JSON.stringify(n.target))}))),\
                e => done({error: String(e)}));";
    let result = c
        .execute_async(script, vec![serde_json::json!(TAGS)])
        .await
        .unwrap();
    if let Some(error) = result.get("error") {
        panic!("axe failed: {error}");
    }
    result
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let targets: Vec<&str> = v["targets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            format!(
                "{} [{}] {} — {}",
                v["id"].as_str().unwrap(),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                targets.join(", ")
            )
        })
        .collect()
}
