use clap::Parser;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

/// Reference server of the egov wizard: serves the app and the /api/v1 JSON API.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Port to listen on.
    #[arg(long, default_value_t = 8080, env = "EGOV_PORT")]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), env = "EGOV_HOST")]
    host: IpAddr,
    /// Folder for the SQLite database.
    #[arg(long, default_value = "data", env = "EGOV_DATA_DIR")]
    data_dir: PathBuf,
    /// The built app to serve at `/` (Trunk's dist folder).
    #[arg(long, env = "EGOV_STATIC_DIR")]
    static_dir: Option<PathBuf>,
    /// Accept signatures from the published test certificate authority (development only).
    #[arg(long, env = "EGOV_TRUST_TEST_CA")]
    trust_test_ca: bool,
    /// A certificate (PEM, one or more, or DER) that CMS (NCALayer) signers must chain to
    /// (repeatable): the national CA's root and intermediate certificates from pki.gov.kz.
    /// Without it every CMS is refused with `signature_format_unsupported`.
    #[arg(
        long = "cms-trust-root",
        env = "EGOV_CMS_TRUST_ROOTS",
        value_delimiter = ','
    )]
    cms_trust_roots: Vec<PathBuf>,
    /// A CRL (PEM or DER) of a trusted CA (repeatable): its revoked certificates are refused.
    #[arg(long = "cms-crl", env = "EGOV_CMS_CRLS", value_delimiter = ',')]
    cms_crls: Vec<PathBuf>,
    /// Largest accepted upload, in bytes.
    #[arg(long, default_value_t = egov_domain::upload_policy::MAX_BYTES, env = "EGOV_UPLOAD_LIMIT")]
    upload_limit: u64,
    /// Largest accepted JSON body, in bytes.
    #[arg(long, default_value_t = 256 * 1024, env = "EGOV_BODY_LIMIT")]
    body_limit: usize,
    /// A file holding the bearer token of the provider-side operator endpoints (trailing
    /// whitespace ignored). The token itself is read from the environment variable
    /// EGOV_OPERATOR_TOKEN instead, never from a flag: flags show in `ps`. Without either, the
    /// operator endpoints are disabled.
    #[arg(long, env = "EGOV_OPERATOR_TOKEN_FILE")]
    operator_token_file: Option<PathBuf>,
    /// Failed operator calls allowed per client IP per minute.
    #[arg(long, default_value_t = 10, env = "EGOV_OPERATOR_FAILURES_PER_MINUTE")]
    operator_failures_per_minute: u32,
    /// Demo mode: advance every open application one workflow step per N seconds.
    #[arg(long, env = "EGOV_SIMULATE_STEP_SECONDS")]
    simulate_step_seconds: Option<u64>,
    /// An origin allowed to call the API from a browser (repeatable), e.g. https://egov.kz
    #[arg(long = "cors-origin", env = "EGOV_CORS_ORIGINS", value_delimiter = ',')]
    cors_origins: Vec<String>,
    /// A page origin allowed to frame the app (repeatable; CSP frame-ancestors).
    #[arg(
        long = "frame-ancestor",
        env = "EGOV_FRAME_ANCESTORS",
        value_delimiter = ','
    )]
    frame_ancestors: Vec<String>,
    /// An extra `connect-src` source for the app's CSP (repeatable), e.g. `ws://127.0.0.1:4567`.
    #[arg(long = "connect-src")]
    connect_src: Vec<String>,
    /// Sign-in and submit requests per client IP per minute; 0 turns the limit off.
    #[arg(long, default_value_t = 30, env = "EGOV_RATE_LIMIT_PER_MINUTE")]
    rate_limit_per_minute: u32,
    /// Uploads per client IP per minute; 0 turns the limit off.
    #[arg(long, default_value_t = 30, env = "EGOV_UPLOAD_RATE_PER_MINUTE")]
    upload_rate_per_minute: u32,
    /// Bytes of not yet attached uploads one client IP may hold.
    #[arg(long, default_value_t = 100 * 1024 * 1024, env = "EGOV_UPLOAD_QUOTA_PER_CLIENT")]
    upload_quota_per_client: u64,
    /// Bytes of all uploads together.
    #[arg(long, default_value_t = 10 * 1024 * 1024 * 1024, env = "EGOV_UPLOAD_QUOTA_TOTAL")]
    upload_quota_total: u64,
    /// Seconds after which uploads no application attaches are removed.
    #[arg(long, default_value_t = 24 * 60 * 60, env = "EGOV_UNATTACHED_UPLOAD_MAX_AGE")]
    unattached_upload_max_age: u64,
    /// Seconds a signed application stays acceptable after its signing moment.
    #[arg(long, default_value_t = 30 * 60, env = "EGOV_SIGNATURE_MAX_AGE")]
    signature_max_age: u64,
    /// Seconds a client's clock may be ahead of the server's when it signs.
    #[arg(long, default_value_t = 5 * 60, env = "EGOV_SIGNATURE_CLOCK_SKEW")]
    signature_clock_skew: u64,
    /// Seconds a client may take to send a request's headers.
    #[arg(long, default_value_t = 10, env = "EGOV_HEADER_TIMEOUT")]
    header_timeout: u64,
    /// Seconds a request body may send nothing before it is cut off.
    #[arg(long, default_value_t = 10, env = "EGOV_BODY_IDLE_TIMEOUT")]
    body_idle_timeout: u64,
    /// Send Strict-Transport-Security: only when clients reach the server over HTTPS (e.g. a
    /// TLS-terminating proxy in front).
    #[arg(long, env = "EGOV_HSTS")]
    hsts: bool,
    /// A holiday file (the format of crates/domain/data/holidays.json) to count deadlines on
    /// and publish at /api/v1/calendar/{year}, instead of the compiled-in one: how next year's
    /// official days off are published without rebuilding the app.
    #[arg(long, env = "EGOV_HOLIDAYS")]
    holidays: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The log is written by a thread of its own, so no request waits on stdout; no line is
    // dropped (`lossy(false)`): a full buffer slows requests rather than lose a security event.
    let (log_writer, _log_flushed_on_exit) =
        tracing_appender::non_blocking::NonBlockingBuilder::default()
            .lossy(false)
            .finish(std::io::stdout());
    tracing_subscriber::fmt()
        .with_writer(log_writer)
        // Colour codes only for a person at a terminal, not in a log file or journal.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .init();
    let args = Args::parse();
    let operator_token = match &args.operator_token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| format!("operator token file {}: {e}", path.display()))?
                .trim_end()
                .to_owned(),
        ),
        None => std::env::var("EGOV_OPERATOR_TOKEN").ok(),
    }
    .filter(|token| !token.is_empty());
    let seconds = std::time::Duration::from_secs;
    let defaults = egov_server::Config::default();
    let server = egov_server::start(egov_server::Config {
        addr: SocketAddr::new(args.host, args.port),
        data_dir: args.data_dir.clone(),
        static_dir: args.static_dir.clone(),
        trust_test_ca: args.trust_test_ca,
        cms_trust_roots: args.cms_trust_roots.clone(),
        cms_crls: args.cms_crls.clone(),
        body_limit: args.body_limit,
        operator_token,
        operator_failures_per_minute: args.operator_failures_per_minute,
        simulate_step_seconds: args.simulate_step_seconds,
        rate_limit_per_minute: args.rate_limit_per_minute,
        uploads: egov_server::UploadPolicy {
            max_bytes: args.upload_limit,
            per_minute: args.upload_rate_per_minute,
            quotas: egov_server::UploadQuotas {
                per_client: args.upload_quota_per_client,
                total: args.upload_quota_total,
                unattached_max_age: seconds(args.unattached_upload_max_age),
            },
            ..defaults.uploads
        },
        signature_freshness: egov_server::SignatureFreshness {
            max_age: seconds(args.signature_max_age),
            clock_skew: seconds(args.signature_clock_skew),
        },
        timeouts: egov_server::Timeouts {
            header: seconds(args.header_timeout),
            body_idle: seconds(args.body_idle_timeout),
            ..defaults.timeouts
        },
        browsers: egov_server::BrowserPolicy {
            cors_origins: args.cors_origins.clone(),
            frame_ancestors: args.frame_ancestors.clone(),
            connect_sources: args.connect_src.clone(),
            hsts: args.hsts,
        },
        holidays: args.holidays.clone(),
    })
    .await?;
    println!("egov-wizard reference server listening on {}", server.url());
    println!(
        "  app: {}",
        args.static_dir
            .as_ref()
            .map_or("(not served: API only)".into(), |d| d.display().to_string())
    );
    println!(
        "  database: {}",
        args.data_dir.join(egov_server::DATABASE_FILE).display()
    );
    if args.trust_test_ca {
        println!(
            "  signatures: stub signer's TEST certificate authority is trusted (development only)"
        );
    }
    if !args.cms_trust_roots.is_empty() {
        println!(
            "  signatures: CMS (NCALayer) verified against {} certificate file(s), {} CRL file(s); RSA and ECDSA P-256 only",
            args.cms_trust_roots.len(),
            args.cms_crls.len()
        );
    }
    println!("Press Ctrl+C to stop.");
    tokio::signal::ctrl_c().await?;
    println!("Stopping…");
    server.stop().await?;
    Ok(())
}
