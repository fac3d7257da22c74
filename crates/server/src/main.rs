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
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .init();
    let args = Args::parse();
    let server = egov_server::start(egov_server::Config {
        addr: SocketAddr::new(args.host, args.port),
        data_dir: args.data_dir.clone(),
        static_dir: args.static_dir.clone(),
        trust_test_ca: args.trust_test_ca,
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
    println!("Press Ctrl+C to stop.");
    tokio::signal::ctrl_c().await?;
    println!("Stopping…");
    server.stop().await?;
    Ok(())
}
