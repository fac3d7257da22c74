//! `cargo xtask widget-shim [DIR]`: writes `egov-wizard-widget.js`, the script that defines the
//! `<egov-wizard>` element, into a Trunk build (`$TRUNK_STAGING_DIR` when run by Trunk's
//! post-build hook, `cargo xtask post-build`), with the build's hashed names of the wasm-bindgen module, the wasm and
//! the stylesheet, so the element loads exactly this build.

use crate::{root, Result};
use std::path::{Path, PathBuf};

const TEMPLATE: &str = "src/widget/egov-wizard-widget.js";
pub const SHIM: &str = "egov-wizard-widget.js";

/// The name of the one file of a build named `<prefix>…<suffix>` (Trunk's hashed names).
pub fn find(dir: &Path, prefix: &str, suffix: &str) -> Result<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(suffix) && name != SHIM {
            found.push(name.into_owned());
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!(
            "expected one {prefix}*{suffix} in {}, found {found:?}",
            dir.display()
        )),
    }
}

pub fn write_shim(args: &[String]) -> Result {
    let dir = args
        .first()
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .ok_or("usage: cargo xtask widget-shim DIR (or run as Trunk's post_build hook)")?;
    let template =
        std::fs::read_to_string(root().join(TEMPLATE)).map_err(|e| format!("{TEMPLATE}: {e}"))?;
    let shim = template
        .replace(
            "__GLUE__",
            &format!("./{}", find(&dir, "egov-wizard-", ".js")?),
        )
        .replace(
            "__WASM__",
            &format!("./{}", find(&dir, "egov-wizard-", "_bg.wasm")?),
        )
        .replace("__STYLE__", &format!("./{}", find(&dir, "main-", ".css")?));
    std::fs::write(dir.join(SHIM), shim).map_err(|e| format!("{SHIM}: {e}"))
}
