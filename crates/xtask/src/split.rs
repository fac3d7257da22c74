//! The production build's wasm in pieces: what the first screen needs in the module that loads
//! with the page, the rest in modules fetched when first needed.
//!
//! The app marks its split points with `piece!` (`src/pieces.rs`, Leptos's wasm_split points)
//! under its `split` feature (the pages past the first questions, the kiosk layer, the NCALayer
//! exchange). Trunk cannot split, so the
//! production build runs Trunk as usual and then, in the post-build hook, replaces the module it
//! made: `wasm_split_cli_support` (the splitter cargo-leptos uses) cuts the raw module that cargo
//! linked with `--emit-relocs`, wasm-bindgen binds the main piece, wasm-opt shrinks every piece,
//! and index.html's integrity hashes are brought up to date.
//!
//! Names: the main module and its JS keep Trunk's names; the loader of the pieces is
//! `<main>-split.js` and each piece `<main>-<piece>.wasm`. Trunk's hash in `<main>` changes with
//! every change of the sources, so a cache never serves a piece of another build.

use crate::{cmd, run, Result};
use base64::Engine as _;
use sha2::Digest as _;
use std::path::{Path, PathBuf};

/// The raw module (cargo's output, with relocations) to split; set by `cargo xtask` for the
/// production build, which the post-build hook then splits. Unset: nothing is split.
pub const RAW_WASM_ENV: &str = "EGOV_SPLIT_WASM";

/// What the production build's wasm adds to `.cargo/config.toml`'s flags for its target
/// (`CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS`: cargo joins the variable's list to the
/// file's): the relocations the splitter reads.
pub const RUSTFLAGS: &str = "-Clink-args=--emit-relocs";

/// Splits the build in `staging` if this is the production build (see [`RAW_WASM_ENV`]).
pub fn split_if_asked(staging: &Path) -> Result {
    match std::env::var_os(RAW_WASM_ENV) {
        Some(raw) => split(Path::new(&raw), staging),
        None => Ok(()),
    }
}

fn split(raw: &Path, staging: &Path) -> Result {
    let glue = crate::widget::find(staging, "egov-wizard-", ".js")?;
    let stem = glue.trim_end_matches(".js").to_owned();
    let main_wasm = staging.join(format!("{stem}_bg.wasm"));
    let work = staging.join(".split");
    let pieces_dir = work.join("pieces");
    std::fs::create_dir_all(&pieces_dir).map_err(|e| format!("{}: {e}", work.display()))?;
    let input = std::fs::read(raw).map_err(|e| format!("{}: {e}", raw.display()))?;
    let main_raw = work.join("main.wasm");
    let loader = format!("{stem}-split.js");
    let relative_loader = format!("./{loader}");
    let main_module = format!("./{glue}");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &pieces_dir;
    options.main_out_path = &main_raw;
    options.link_name = &relative_loader;
    options.main_module = &main_module;
    let pieces = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("splitting {}: {e:#}", raw.display()))?
        .split_modules;

    // The old files' integrity, to find in index.html, before they are replaced.
    let glue_path = staging.join(&glue);
    let old_integrity = [integrity(&glue_path)?, integrity(&main_wasm)?];

    run(cmd("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
        ])
        .arg("--out-name")
        .arg(&stem)
        .arg("--out-dir")
        .arg(&work)
        .arg(&main_raw))?;
    std::fs::copy(work.join(&glue), &glue_path).map_err(|e| format!("{glue}: {e}"))?;

    // The loader fetches the pieces by their names next to it; each gets the build's prefix.
    let mut loader_js =
        std::fs::read_to_string(pieces_dir.join(&loader)).map_err(|e| format!("{loader}: {e}"))?;
    let mut optimised = vec![(work.join(format!("{stem}_bg.wasm")), main_wasm.clone())];
    for piece in &pieces {
        let name = file_name(piece)?;
        let renamed = format!("{stem}-{name}");
        loader_js = loader_js.replace(&format!("\"./{name}\""), &format!("\"./{renamed}\""));
        optimised.push((piece.clone(), staging.join(renamed)));
    }
    std::fs::write(staging.join(&loader), loader_js).map_err(|e| format!("{loader}: {e}"))?;
    optimise(&optimised)?;

    let new_integrity = [integrity(&glue_path)?, integrity(&main_wasm)?];
    let index = staging.join("index.html");
    let mut html =
        std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    for (old, new) in old_integrity.iter().zip(&new_integrity) {
        if !html.contains(old.as_str()) {
            return Err(format!("index.html has no integrity {old} to replace"));
        }
        html = html.replace(old.as_str(), new);
    }
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))?;
    std::fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    eprintln!(
        "xtask: split the wasm into the main module and {} pieces fetched when needed",
        pieces.len()
    );
    Ok(())
}

/// wasm-opt at Trunk's level (`data-wasm-opt="z"`), on two threads (two cores). Quiet: the
/// pieces carry a name subsection binaryen does not know, and it warns about each.
fn optimise(modules: &[(PathBuf, PathBuf)]) -> Result {
    eprintln!("xtask: wasm-opt -Oz on {} modules", modules.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = modules
            .chunks(modules.len().div_ceil(2).max(1))
            .map(|chunk| {
                scope.spawn(move || chunk.iter().try_for_each(|(from, to)| wasm_opt(from, to)))
            })
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .map_err(|_| "wasm-opt thread panicked".to_owned())?
        })
    })
}

fn wasm_opt(from: &Path, to: &Path) -> Result {
    let out = cmd("wasm-opt")
        .arg("-Oz")
        .arg(from)
        .arg("--output")
        .arg(to)
        .output()
        .map_err(|e| format!("wasm-opt: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "wasm-opt -Oz {} failed: {}",
        from.display(),
        String::from_utf8_lossy(&out.stderr)
    ))
}

/// The `integrity` value Trunk writes for a file: `sha384-` and the base64 of its digest.
fn integrity(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let digest = sha2::Sha384::digest(&bytes);
    Ok(format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    ))
}

fn file_name(path: &Path) -> Result<String> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("{} has no file name", path.display()))
}
