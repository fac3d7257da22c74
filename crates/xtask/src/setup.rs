//! Installs only what is missing, from the registries these machines reach (crates.io, npm,
//! Debian); nothing is downloaded from GitHub. Safe to run again: each step checks first.

use crate::{cmd, output, root, run, Result};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Newer Trunk releases need a newer rustc than this machine's 1.95.
const TRUNK_VERSION: &str = "0.21.14";
/// Debian's binaryen 108 produces a broken .wasm; npm's 132 works (see Trunk.toml).
const WASM_OPT_VERSION: &str = "version 132";
/// What `npm ci` installs from `package.json`: wasm-opt, axe-core (the accessibility test),
/// Lighthouse (`cargo xtask lighthouse`) and Redocly CLI (the OpenAPI lint of `cargo xtask test`).
const NPM_FILES: [&str; 4] = [
    "node_modules/.bin/wasm-opt",
    "node_modules/axe-core/axe.min.js",
    "node_modules/.bin/lighthouse",
    "node_modules/.bin/redocly",
];

/// What building the app needs.
pub fn ensure_build_tools() -> Result {
    ensure_rust_components()?;
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_npm_tools()
}

fn ensure_rust_components() -> Result {
    for (probe, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        if output(cmd("cargo").args([probe, "--version"])).is_none() {
            run(cmd("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

fn ensure_wasm_target() -> Result {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|t| t.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(cmd("rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk() -> Result {
    let version = output(cmd("trunk").arg("--version")).unwrap_or_default();
    if version.trim() == format!("trunk {TRUNK_VERSION}") {
        return Ok(());
    }
    eprintln!("xtask: installing Trunk {TRUNK_VERSION} (about 8 minutes on 2 cores)");
    run(cmd("cargo").args(["install", "trunk", "--locked", "--version", TRUNK_VERSION]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen() -> Result {
    let wanted = locked_wasm_bindgen_version()?;
    let have = output(cmd("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = output(cmd("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if have.trim() == format!("wasm-bindgen {wanted}") && runner.contains(&wanted) {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {wanted} (about 2 minutes)");
    // Not --locked: its lock file names a webpki-roots release the registry mirror lacks.
    run(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

fn ensure_npm_tools() -> Result {
    let have = output(cmd("wasm-opt").arg("--version")).unwrap_or_default();
    let local = NPM_FILES.iter().all(|file| root().join(file).exists());
    if local && have.contains(WASM_OPT_VERSION) {
        return Ok(());
    }
    run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

fn apt_get(args: &[&str]) -> Result {
    let mut command = if is_root() {
        cmd("apt-get")
    } else {
        let mut sudo = cmd("sudo");
        sudo.arg("apt-get");
        sudo
    };
    command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    run(&mut command)
}

/// Debian's Chromium and ChromeDriver, for the browser tests.
pub fn ensure_browser() -> Result {
    let chromium = output(Command::new("chromium").arg("--version")).is_some();
    let driver = output(Command::new(chromedriver()).arg("--version")).is_some();
    if chromium && driver {
        return Ok(());
    }
    apt_get(&["update", "-qq"])?;
    apt_get(&["install", "-y", "-qq", "chromium", "chromium-driver"])
}

pub fn chromedriver() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}
