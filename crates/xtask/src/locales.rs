//! `locales/<tag>.ftl` in a build: each language's Fluent files joined into one, which the app
//! fetches when the person chooses a language it does not carry (only Kazakh is compiled in;
//! `src/i18n.rs`). Run by Trunk's post-build hook, `cargo xtask post-build`.

use crate::{root, Result};
use std::path::Path;

pub fn write(dir: &Path) -> Result {
    let out = dir.join("locales");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for tag in ["kk", "ru", "en"] {
        let source = root().join("locales").join(tag);
        let mut files: Vec<_> = std::fs::read_dir(&source)
            .map_err(|e| format!("{}: {e}", source.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().and_then(|e| e.to_str()) == Some("ftl"))
            .collect();
        files.sort();
        let mut joined = String::new();
        for file in files {
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            joined.push_str(&text);
            // A file's last message must not run into the next file's first line.
            joined.push('\n');
        }
        let target = out.join(format!("{tag}.ftl"));
        std::fs::write(&target, joined).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}
