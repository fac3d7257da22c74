//! The wasm after the first paint: Trunk preloads the wasm from `<head>`, so on a slow connection
//! it shares the bandwidth with the stylesheet that the plain first screen waits for (README,
//! "The first screen before the wasm"), and the browser holds that screen's paint behind it. The
//! post-build hook drops the wasm's preload and has Trunk's start script fetch the wasm once the
//! page has painted (at most a frame or 250 ms late), with the same integrity hash. The small JS
//! module is still preloaded.
//!
//! Trunk 0.21.14's markup is matched exactly; a Trunk that writes it otherwise fails the build
//! here rather than shipping a page that preloads twice.

use crate::Result;
use std::path::Path;

/// Waits for a paint: a frame callback runs just before its paint, a task it queues right after.
const AFTER_PAINT: &str =
    "new Promise(r => { requestAnimationFrame(() => setTimeout(r)); setTimeout(r, 250); })";

pub fn defer_wasm(staging: &Path) -> Result {
    let wasm = crate::widget::find(staging, "egov-wizard-", "_bg.wasm")?;
    let index = staging.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let rewritten = rewrite(&html, &wasm)?;
    std::fs::write(&index, rewritten).map_err(|e| format!("{}: {e}", index.display()))
}

fn rewrite(html: &str, wasm: &str) -> Result<String> {
    let href = format!("href=/{wasm} ");
    let at = html
        .find(&href)
        .ok_or_else(|| format!("index.html has no preload of {wasm}"))?;
    let start = html[..at]
        .rfind("<link")
        .ok_or("the wasm's preload is not a <link>")?;
    let end = at
        + html[at..]
            .find('>')
            .ok_or("the wasm's preload does not end")?
        + 1;
    let link = &html[start..end];
    if !link.contains("rel=preload") {
        return Err(format!("{link} is not a preload"));
    }
    let integrity = link
        .split([' ', '>'])
        .find_map(|attribute| attribute.strip_prefix("integrity="))
        .ok_or_else(|| format!("{link} has no integrity"))?;
    let start_call = format!("init({{ module_or_path: '/{wasm}' }})");
    let deferred_call = format!(
        "init({{ module_or_path: {AFTER_PAINT}.then(() => fetch('/{wasm}', {{ integrity: '{integrity}' }})) }})"
    );
    if !html.contains(&start_call) {
        return Err(format!("index.html's start script has no {start_call}"));
    }
    Ok(format!("{}{}", &html[..start], &html[end..]).replace(&start_call, &deferred_call))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<head><link crossorigin href=/app-1.js integrity=sha384-J rel=modulepreload>\
        <link as=fetch crossorigin href=/app-1_bg.wasm integrity=sha384-W rel=preload type=application/wasm>\
        </head><script type=module>import init from '/app-1.js';\n\
        const wasm = await init({ module_or_path: '/app-1_bg.wasm' });</script>";

    #[test]
    fn the_wasm_is_fetched_after_the_paint_with_its_integrity_and_not_preloaded() {
        let out = rewrite(TRUNK, "app-1_bg.wasm").unwrap();
        assert!(!out.contains("rel=preload"), "{out}");
        assert!(
            out.contains("rel=modulepreload"),
            "the JS is still preloaded: {out}"
        );
        assert!(out.contains(
            "setTimeout(r, 250); }).then(() => fetch('/app-1_bg.wasm', { integrity: 'sha384-W' }))"
        ));
        assert!(!out.contains("module_or_path: '/app-1_bg.wasm'"));
    }

    #[test]
    fn markup_of_another_trunk_fails_the_build() {
        assert!(rewrite("<head></head>", "app-1_bg.wasm").is_err());
        let no_call = TRUNK.replace("module_or_path: '/app-1_bg.wasm'", "x");
        assert!(rewrite(&no_call, "app-1_bg.wasm").is_err());
    }
}
