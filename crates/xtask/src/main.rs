//! Project tasks, run as `cargo xtask <task>` (the alias is in `.cargo/config.toml`).
//!
//! - `setup`: installs what is missing (wasm target, Trunk, wasm-bindgen-cli, wasm-opt, Chromium).
//! - `serve [--port N]`: setup, release build of the app, reference server on 127.0.0.1.
//! - `test`: setup, formatting and lint checks, app build, then every test.
//! - `size [--production]`: raw, gzip and brotli bytes of every file in `dist/`, and the first
//!   load; with `--production`, builds the production build (`dist-production/`) and measures it.
//! - `timings`: in-browser timings of an IIN check and a step change (release wasm), and
//!   navigation to interactive of the production build.
//! - `widget-shim`: the embeddable widget's script for a build.
//! - `precompress`: `.br` and `.gz` copies of a build's files.
//! - `post-build`: `widget-shim`, the production build's split (`split.rs`), the wasm fetched
//!   after the first paint (`first_paint.rs`), the joined locale files (`locales/<tag>.ftl`), then
//!   `precompress` (Trunk's post-build hook).
//! - `lighthouse [--port N] [PATH]`: Lighthouse scores, LCP, TBT, CLS of the release build (not
//!   a test: timings depend on the machine).
//! - `contract --base-url URL [--operator-token T] [--json]`: the conformance kit
//!   (`crates/contract`) against a running backend.

mod first_paint;
mod lighthouse;
mod locales;
mod setup;
mod size;
mod split;
mod widget;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root: two levels above this crate.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("xtask lives in crates/xtask")
        .to_path_buf()
}

/// PATH with the project's npm tools and cargo's bin folder first, so the pinned tools win
/// over any system copy (Debian's wasm-opt 108 breaks wasm-bindgen output).
pub fn tool_path() -> String {
    let mut entries = vec![root().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        entries.push(home.join("bin"));
    }
    let existing = std::env::var_os("PATH").unwrap_or_default();
    entries.extend(std::env::split_paths(&existing));
    std::env::join_paths(entries)
        .expect("paths are joinable")
        .to_string_lossy()
        .into_owned()
}

/// A command in the workspace root with the tool PATH.
pub fn cmd(program: &str) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root()).env("PATH", tool_path());
    command
}

/// Runs a command, echoing it, failing on a non-zero exit.
pub fn run(command: &mut Command) -> Result {
    let shown = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command
            .get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    eprintln!("xtask: $ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed with {status}"))
    }
}

/// The captured stdout of a command, or None if it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn build_app() -> Result {
    build(size::Build::Development)
}

/// Builds the app into its `dist` folder: the development build with the default features (the
/// stub signer, the development query settings), the production build without them.
pub fn build(build: size::Build) -> Result {
    // Fetch first so Trunk can run offline: offline mode makes a tool-version mismatch fail
    // at once with a clear message instead of trying to download from GitHub.
    run(cmd("cargo").args(["fetch", "--quiet"]))?;
    let mut trunk = cmd("trunk");
    trunk.args(["build", "--release", "--offline", "--skip-version-check"]);
    if build == size::Build::Production {
        // Its own target folder: the relocations the splitter needs change every unit's flags,
        // and sharing one folder with the development build would rebuild both each time.
        let target = root().join("target/production");
        trunk
            .args(["--no-default-features", "--features", "split"])
            .arg("--dist")
            .arg(build.dist())
            .env("CARGO_TARGET_DIR", &target)
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                split::RUSTFLAGS,
            )
            .env(
                split::RAW_WASM_ENV,
                target.join("wasm32-unknown-unknown/release/egov-wizard.wasm"),
            );
    }
    run(&mut trunk)
}

fn serve(args: &[String]) -> Result {
    let mut port = "8080".to_owned();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => port = rest.next().ok_or("--port needs a number")?.clone(),
            other => match other.strip_prefix("--port=") {
                Some(p) => port = p.to_owned(),
                None => return Err(format!("unknown argument {other}")),
            },
        }
    }
    port.parse::<u16>()
        .map_err(|_| format!("--port {port} is not a port number"))?;
    setup::ensure_build_tools()?;
    build_app()?;
    eprintln!("xtask: starting the reference server (Ctrl+C stops it)");
    run(cmd("cargo").args([
        "run",
        "--quiet",
        "--profile",
        "server",
        "--package",
        "egov-server",
        "--",
        "--port",
        &port,
        "--static-dir",
        "dist",
        "--data-dir",
        "data",
        "--trust-test-ca",
    ]))
}

/// End-to-end tests that apply to the production build too: they sign with nothing, or through
/// the tests' fake NCALayer, so the missing stub signer changes nothing for them. They also walk
/// through pages whose code the production build fetches when first shown. A name after the
/// file is a filter: the file's other tests sign with the stub.
const PRODUCTION_E2E: [(&str, &str); 7] = [
    ("e2e_first_screen", ""),
    ("e2e_static", ""),
    ("e2e_layout", ""),
    ("e2e_kiosk", ""),
    ("e2e_service_page", ""),
    ("e2e_upload", ""),
    (
        "e2e_ncalayer",
        "signing_through_ncalayer_handles_every_flow",
    ),
];

fn test() -> Result {
    setup::ensure_build_tools()?;
    setup::ensure_browser()?;
    let started = std::time::Instant::now();
    run(cmd("cargo").args(["fmt", "--all", "--", "--check"]))?;
    lint_openapi()?;
    run(cmd("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The domain's dev-dependencies (proptest) are native-only, so only its library is
    // linted for wasm32; the app is linted with its wasm tests.
    for scope in [
        &["--package", "egov-wizard", "--all-targets"][..],
        // The production build's split points (`src/pieces.rs`).
        &[
            "--package",
            "egov-wizard",
            "--lib",
            "--no-default-features",
            "--features",
            "split",
        ][..],
        &["--package", "egov-domain", "--lib", "--features", "stub-ca"][..],
    ] {
        run(cmd("cargo")
            .args(["clippy", "--quiet", "--target", "wasm32-unknown-unknown"])
            .args(scope)
            .args(["--", "-D", "warnings"]))?;
    }
    // The production build first, measured against its budget; then the development build,
    // which the tests drive (its stub signer signs in them).
    let budgets = root().join("size-budget.toml");
    build(size::Build::Production)?;
    size::report_build(size::Build::Production)?;
    size::check_budget(size::Build::Production, &budgets)?;
    build_app()?;
    size::report_build(size::Build::Development)?;
    size::check_budget(size::Build::Development, &budgets)?;
    // Native: domain, server, xtask, and the end-to-end tests (they drive dist/ in Chromium).
    run(cmd("cargo").args(["test", "--workspace", "--all-features"]))?;
    // The end-to-end tests that do not sign with the stub, again on the production build.
    for (test, filter) in PRODUCTION_E2E {
        run(cmd("cargo")
            .args(["test", "--package", "egov-wizard", "--test", test, filter])
            .env("EGOV_DIST", size::Build::Production.dist()))?;
    }
    // In the browser: wasm-bindgen-test in headless Chromium.
    run(cmd("cargo")
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "egov-wizard",
        ])
        .env("CHROMEDRIVER", setup::chromedriver()))?;
    eprintln!("xtask: all tests passed in {:.0?}", started.elapsed());
    Ok(())
}

/// Lints the committed OpenAPI document with Redocly CLI (npm, `redocly.yaml`): the document is
/// what backend teams implement, so it must be valid OpenAPI 3.1, not only what utoipa emits.
/// Telemetry and the update check are off: the lint makes no network request.
fn lint_openapi() -> Result {
    run(cmd("redocly")
        .args(["lint", "crates/server/openapi.json"])
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"))
}

/// Runs the conformance kit against a backend: `cargo xtask contract --base-url URL`. Every
/// argument goes to `egov-contract` (see its `--help`); its exit code is the task's.
fn contract(args: &[String]) -> Result {
    run(cmd("cargo")
        .args(["run", "--quiet", "--package", "egov-contract", "--"])
        .args(args))
}

/// Prints the in-browser timings of `tests/timings.rs` (an IIN check, a step change), from a
/// release build of the wasm in headless Chromium, then `tests/start_timing.rs`: navigation to
/// interactive of the production build served by the reference server.
fn timings() -> Result {
    setup::ensure_build_tools()?;
    setup::ensure_browser()?;
    run(cmd("cargo")
        .args([
            "test",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "egov-wizard",
            "--test",
            "timings",
            "--",
            "--nocapture",
        ])
        .env("CHROMEDRIVER", setup::chromedriver()))?;
    build(size::Build::Production)?;
    run(cmd("cargo")
        .args([
            "test",
            "--package",
            "egov-wizard",
            "--test",
            "start_timing",
            "--",
            "--nocapture",
        ])
        .env("EGOV_DIST", size::Build::Production.dist())
        .env("CHROMEDRIVER", setup::chromedriver()))
}

/// The build folder a hook works on: the argument, or Trunk's staging folder.
fn staging_dir(args: &[String]) -> Result<PathBuf> {
    args.first()
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .ok_or_else(|| {
            "usage: cargo xtask post-build DIR (or run as Trunk's post_build hook)".into()
        })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::ensure_build_tools().and_then(|_| setup::ensure_browser()),
        Some("build") => setup::ensure_build_tools().and_then(|_| build_app()),
        Some("serve") => serve(&args[1..]),
        Some("test") => test(),
        Some("size") => match args.get(1).map(String::as_str) {
            None => size::report_build(size::Build::Development),
            // A deployment's build is built here, so its figure is never that of a stale folder.
            Some("--production") => setup::ensure_build_tools()
                .and_then(|_| build(size::Build::Production))
                .and_then(|_| size::report_build(size::Build::Production)),
            Some(other) => Err(format!("unknown argument {other}")),
        },
        Some("widget-shim") => widget::write_shim(&args[1..]),
        Some("timings") => timings(),
        Some("precompress") => size::precompress(&args[1..]),
        Some("post-build") => widget::write_shim(&args[1..])
            .and_then(|_| split::split_if_asked(&staging_dir(&args[1..])?))
            .and_then(|_| first_paint::defer_wasm(&staging_dir(&args[1..])?))
            .and_then(|_| locales::write(&staging_dir(&args[1..])?))
            .and_then(|_| size::precompress(&args[1..])),
        Some("lighthouse") => lighthouse::lighthouse(&args[1..]),
        Some("contract") => contract(&args[1..]),
        _ => Err(
            "usage: cargo xtask <setup|build|serve [--port N]|test|size [--production]|timings|lighthouse [--port N] [PATH]|contract --base-url URL [--operator-token T] [--json]|widget-shim DIR|precompress DIR|post-build DIR>"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}
