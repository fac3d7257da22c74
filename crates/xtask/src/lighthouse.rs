//! `cargo xtask lighthouse [--port N] [PATH]`: performance and accessibility figures of the
//! production build (`dist-production/`, what a deployment ships) from Lighthouse (npm, `package.json`) in its mobile emulation, against the
//! reference server. Timings depend on the machine: this is a measurement, not a test.
//!
//! Builds the app (`cargo xtask size --production`'s build) and the server (`server` profile), starts the server on 127.0.0.1
//! with an empty database under `target/lighthouse/`, runs Lighthouse on `PATH` (default `/`,
//! which opens the language question) with Debian's Chromium (`CHROME_PATH`, default
//! `/usr/bin/chromium`), stops the server, and prints the scores, LCP, TBT and CLS. The full
//! report is left in `target/lighthouse/report.report.html` (and `.json`).

use crate::{cmd, root, run, setup, Result};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const CHROME_FLAGS: &str = "--headless --no-sandbox --disable-gpu --disable-background-networking \
                            --disable-component-update --disable-sync --no-first-run";

/// The reference server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> Result<u16> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// Builds the server with the `server` profile and returns its executable (wherever the target
/// folder is), from cargo's JSON messages.
fn build_server() -> Result<PathBuf> {
    eprintln!("xtask: building the reference server (profile `server`)");
    let out = cmd("cargo")
        .args([
            "build",
            "--quiet",
            "--profile",
            "server",
            "--package",
            "egov-server",
            "--bin",
            "egov-server",
            "--message-format=json",
        ])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !out.status.success() {
        return Err("building egov-server failed".into());
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|m| m["executable"].as_str().map(PathBuf::from))
        .next_back()
        .ok_or_else(|| "cargo named no egov-server executable".into())
}

fn start_server(exe: &Path, port: u16, work: &Path) -> Result<Server> {
    let data = work.join("data");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let log = std::fs::File::create(work.join("server.log"))
        .map_err(|e| format!("{}: {e}", work.display()))?;
    let child = cmd(&exe.to_string_lossy())
        .args(["--port", &port.to_string(), "--data-dir"])
        .arg(&data)
        .arg("--static-dir")
        .arg(crate::size::Build::Production.dist())
        .stdout(log)
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let server = Server(child);
    let started = Instant::now();
    while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!(
                "the server did not listen on port {port} within 30 s"
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(server)
}

/// `audits[id]`'s figure as Lighthouse shows it, its raw value, and its score (0–1).
fn audit(report: &serde_json::Value, id: &str) -> String {
    let audit = &report["audits"][id];
    let shown = audit["displayValue"].as_str().unwrap_or("?");
    let raw = match (
        audit["numericValue"].as_f64(),
        audit["numericUnit"].as_str(),
    ) {
        (Some(ms), Some("millisecond")) => format!("{ms:.0} ms"),
        (Some(value), _) => format!("{value:.3}"),
        _ => "?".into(),
    };
    let score = audit["score"]
        .as_f64()
        .map_or("?".into(), |s| format!("{s:.2}"));
    format!("{shown:<8} ({raw}, score {score})")
}

fn score(report: &serde_json::Value, category: &str) -> String {
    report["categories"][category]["score"]
        .as_f64()
        .map(|s| format!("{:.0}", s * 100.0))
        .unwrap_or_else(|| "?".into())
}

pub fn lighthouse(args: &[String]) -> Result {
    let mut port = None;
    let mut path = "/".to_owned();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                let value = rest.next().ok_or("--port needs a number")?;
                port = Some(
                    value
                        .parse::<u16>()
                        .map_err(|_| format!("bad port {value}"))?,
                );
            }
            p if p.starts_with('/') => path = p.to_owned(),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    setup::ensure_build_tools()?;
    setup::ensure_browser()?;
    crate::build(crate::size::Build::Production)?;
    let exe = build_server()?;
    let work = root().join("target/lighthouse");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let port = match port {
        Some(port) => port,
        None => free_port()?,
    };
    let server = start_server(&exe, port, &work)?;
    let url = format!("http://127.0.0.1:{port}{path}");
    let chrome = std::env::var("CHROME_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let output_path = work.join("report");
    run(cmd(&root()
        .join("node_modules/.bin/lighthouse")
        .to_string_lossy())
    .arg(&url)
    .args([
        "--quiet",
        "--form-factor=mobile",
        "--only-categories=performance,accessibility",
        "--output=json",
        "--output=html",
    ])
    .arg(format!("--output-path={}", output_path.display()))
    .arg(format!("--chrome-flags={CHROME_FLAGS}"))
    .env("CHROME_PATH", &chrome))?;
    drop(server);

    let json = work.join("report.report.json");
    let text = std::fs::read_to_string(&json).map_err(|e| format!("{}: {e}", json.display()))?;
    let report: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json.display()))?;
    if let Some(error) = report["runtimeError"]["message"].as_str() {
        return Err(format!("Lighthouse could not measure {url}: {error}"));
    }
    println!(
        "Lighthouse {} (mobile emulation, {}) on {url}",
        report["lighthouseVersion"].as_str().unwrap_or("?"),
        report["environment"]["hostUserAgent"]
            .as_str()
            .and_then(|ua| ua.split(' ').find(|part| part.contains("Chrome/")))
            .unwrap_or("Chromium")
    );
    println!("  performance score    {}", score(&report, "performance"));
    println!("  accessibility score  {}", score(&report, "accessibility"));
    println!(
        "  LCP                  {}",
        audit(&report, "largest-contentful-paint")
    );
    println!(
        "  TBT                  {}",
        audit(&report, "total-blocking-time")
    );
    println!(
        "  CLS                  {}",
        audit(&report, "cumulative-layout-shift")
    );
    println!(
        "  report               {}",
        work.join("report.report.html").display()
    );
    Ok(())
}
