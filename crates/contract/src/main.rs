//! `egov-contract --base-url URL [--operator-token T] [--json]`: the API contract over HTTP.

use clap::Parser;
use std::process::ExitCode;
use std::time::Duration;

/// Runs the egov wizard's API contract against a backend and reports each check.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// The server's origin, e.g. http://127.0.0.1:8080 (the API is under /api/v1).
    #[arg(long, env = "EGOV_CONTRACT_BASE_URL")]
    base_url: String,
    /// The operator token, for the provider workflow checks (skipped without it).
    #[arg(long, env = "EGOV_CONTRACT_OPERATOR_TOKEN", hide_env_values = true)]
    operator_token: Option<String>,
    /// One JSON document instead of lines, for CI.
    #[arg(long)]
    json: bool,
    /// The least time between two requests, in milliseconds.
    #[arg(long, default_value_t = 50)]
    pace_ms: u64,
    /// The longest wait for one answer, in seconds.
    #[arg(long, default_value_t = 30)]
    timeout_s: u64,
    /// Run only the checks whose id starts with this, e.g. `submit.` (repeatable). A check
    /// whose prerequisite is not run is skipped.
    #[arg(long)]
    only: Vec<String>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = Args::parse();
    let options = egov_contract::Options {
        base_url: args.base_url,
        operator_token: args.operator_token,
        pace: Duration::from_millis(args.pace_ms),
        timeout: Duration::from_secs(args.timeout_s),
        only: args.only,
    };
    match egov_contract::run(&options).await {
        Ok(report) => {
            println!(
                "{}",
                if args.json {
                    report.json()
                } else {
                    report.text()
                }
            );
            if report.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("egov-contract: {message}");
            ExitCode::from(2)
        }
    }
}
