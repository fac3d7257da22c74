//! What a phone downloads: raw, gzip (-9) and brotli (q11) bytes of each file in `dist/`.

use crate::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct FileSize {
    pub path: PathBuf,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

fn brotli_len(bytes: &[u8]) -> usize {
    brotli(bytes).len()
}

/// A compressed copy written beside a file (`x.wasm.br`, `x.wasm.gz`), not a file of its own.
fn is_precompressed(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz"))
}

/// `cargo xtask precompress [DIR]` (Trunk's post-build hook): writes `.br` (q11) and `.gz` (-9)
/// beside every wasm, JS, CSS and HTML file of a build, which the reference server sends to
/// browsers that accept them: a phone downloads the 460 KB brotli wasm, not 1.7 MB.
pub fn precompress(args: &[String]) -> Result {
    let dir = args
        .first()
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .ok_or("usage: cargo xtask precompress DIR (or run as Trunk's post_build hook)")?;
    let mut paths = Vec::new();
    files(&dir, &mut paths)?;
    for path in paths {
        let wanted = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("wasm" | "js" | "css" | "html" | "ftl")
        );
        if !wanted {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (suffix, compressed) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let mut target = path.clone().into_os_string();
            target.push(format!(".{suffix}"));
            std::fs::write(&target, compressed).map_err(|e| format!("{target:?}: {e}"))?;
        }
    }
    Ok(())
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if !is_precompressed(&path) {
            out.push(path);
        }
    }
    Ok(())
}

pub fn measure(dist: &Path) -> Result<Vec<FileSize>> {
    let mut paths = Vec::new();
    files(dist, &mut paths)?;
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(FileSize {
                path: path.strip_prefix(dist).unwrap_or(&path).to_path_buf(),
                raw: bytes.len(),
                gzip: gzip_len(&bytes),
                brotli: brotli_len(&bytes),
            })
        })
        .collect()
}

pub fn report(dist: &Path) -> Result {
    let sizes = measure(dist)?;
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "file (dist/)", "raw", "gzip -9", "brotli 11"
    );
    for s in &sizes {
        println!(
            "{:<48} {:>10} {:>10} {:>10}",
            s.path.display(),
            s.raw,
            s.gzip,
            s.brotli
        );
    }
    let total = |f: fn(&FileSize) -> usize| sizes.iter().map(f).sum::<usize>();
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "total",
        total(|s| s.raw),
        total(|s| s.gzip),
        total(|s| s.brotli)
    );
    Ok(())
}

/// Which build of the app: the development build (`dist/`, default features: the stub signer and
/// the development query settings) or the production build a deployment ships
/// (`dist-production/`, `--no-default-features`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Build {
    Development,
    Production,
}

impl Build {
    pub fn dist(self) -> PathBuf {
        crate::root().join(match self {
            Build::Development => "dist",
            Build::Production => "dist-production",
        })
    }

    /// Its key in `size-budget.toml`.
    fn budget_key(self) -> &'static str {
        match self {
            Build::Development => "development_first_load_brotli_bytes",
            Build::Production => "production_first_load_brotli_bytes",
        }
    }
}

/// The files of a build's first load: index.html, the top-level files it names (the stylesheet,
/// the wasm-bindgen module, the wasm), and the modules those scripts import as they load (the
/// production build's split loader). Not the widget's loader (a page embedding the widget loads
/// it instead of index.html), the pieces of a split build (fetched when first needed), nor the
/// locales other than the compiled-in one (fetched when the person chooses them).
fn first_load_paths(dist: &Path) -> Result<Vec<PathBuf>> {
    let read =
        |name: &str| std::fs::read_to_string(dist.join(name)).map_err(|e| format!("{name}: {e}"));
    let mut top_level: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() && !is_precompressed(&path) {
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                top_level.push(name.to_owned());
            }
        }
    }
    let html = read("index.html")?;
    let mut loaded = vec!["index.html".to_owned()];
    loaded.extend(
        top_level
            .iter()
            .filter(|name| html.contains(&format!("/{name}")))
            .cloned(),
    );
    let mut next = 0;
    while next < loaded.len() {
        if loaded[next].ends_with(".js") {
            let script = read(&loaded[next])?;
            for name in &top_level {
                let imported = [format!("from \"./{name}\""), format!("from './{name}'")]
                    .iter()
                    .any(|import| script.contains(import.as_str()));
                if imported && !loaded.contains(name) {
                    loaded.push(name.clone());
                }
            }
        }
        next += 1;
    }
    loaded.sort();
    Ok(loaded.into_iter().map(PathBuf::from).collect())
}

/// The first-load brotli bytes of a build, per file and in total.
pub fn first_load(dist: &Path) -> Result<(Vec<FileSize>, usize)> {
    let wanted = first_load_paths(dist)?;
    let files: Vec<FileSize> = measure(dist)?
        .into_iter()
        .filter(|s| wanted.contains(&s.path))
        .collect();
    let total = files.iter().map(|s| s.brotli).sum();
    Ok((files, total))
}

/// `cargo xtask size [--production]`: the size report of the build and, last, its first load.
pub fn report_build(build: Build) -> Result {
    let dist = build.dist();
    report(&dist)?;
    let (files, total) = first_load(&dist)?;
    let parts: Vec<String> = files
        .iter()
        .map(|s| format!("{} {}", s.path.display(), s.brotli))
        .collect();
    println!("first load files (brotli): {}", parts.join(", "));
    println!("first load (brotli): {total} bytes");
    Ok(())
}

/// Fails when the build's first-load bytes (brotli) exceed its budget in `size-budget.toml`.
pub fn check_budget(build: Build, budget_file: &Path) -> Result {
    let text = std::fs::read_to_string(budget_file)
        .map_err(|e| format!("{}: {e}", budget_file.display()))?;
    let key = build.budget_key();
    let budget: usize = text
        .lines()
        .filter_map(|line| line.split_once('='))
        .find(|(name, _)| name.trim() == key)
        .and_then(|(_, value)| value.trim().replace('_', "").parse().ok())
        .ok_or_else(|| format!("{} has no {key}", budget_file.display()))?;
    let (_, first_load) = first_load(&build.dist())?;
    println!("{build:?} build: first load (html + wasm + js + css, brotli) {first_load} bytes, budget {budget}");
    if first_load > budget {
        return Err(format!(
            "the {build:?} build's first load is {first_load} brotli bytes, over its budget of {budget} ({key} in {})",
            budget_file.display()
        ));
    }
    Ok(())
}
