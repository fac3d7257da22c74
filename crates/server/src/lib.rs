//! Reference server of the egov wizard: the `/api/v1` JSON API over SQLite, and the built app.

mod applications;
mod calendar;
mod catalogue;
pub mod cms_verify;
pub mod db;
mod limits;
pub mod openapi;
mod operator;
mod pdf;
mod problem;
mod request_log;
pub mod result_pdf;
mod rules;
mod security;
mod serve;
mod session;
pub mod signatures;
mod simulation;
mod uploads;
pub mod visit_sheet;

pub use applications::SignatureFreshness;
pub use uploads::UploadQuotas;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::{Json, Router};
use egov_domain::api::{paths, problem_code, Capabilities, Health};
use egov_domain::calendar::Calendar;
use egov_domain::signature::test_ca;
use egov_domain::Catalogue;
use problem::ApiError;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower::ServiceBuilder;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    /// Folder for the SQLite file.
    pub data_dir: PathBuf,
    /// The built app (`dist/`), served at `/` with the SPA fallback. None serves the API only.
    pub static_dir: Option<PathBuf>,
    /// Accept signatures of the published test CA. For development and tests only.
    pub trust_test_ca: bool,
    /// Certificates (PEM or DER files) a CMS signer's certificate must chain to: the national
    /// CA's root and intermediate certificates. Empty refuses every CMS as unsupported.
    pub cms_trust_roots: Vec<PathBuf>,
    /// CRLs (PEM or DER files), each signed by one of `cms_trust_roots`.
    pub cms_crls: Vec<PathBuf>,
    /// Largest accepted JSON body, in bytes.
    pub body_limit: usize,
    /// Bearer token of the provider's operators. `None` disables the operator endpoints.
    pub operator_token: Option<String>,
    /// Failed operator calls allowed per client IP per minute before it is refused (429).
    pub operator_failures_per_minute: u32,
    /// Advance every open application one workflow step per this many seconds (demo mode).
    pub simulate_step_seconds: Option<u64>,
    /// Sign-in and submit requests allowed per client IP per minute; 0 turns the limit off.
    pub rate_limit_per_minute: u32,
    pub uploads: UploadPolicy,
    pub signature_freshness: SignatureFreshness,
    pub timeouts: Timeouts,
    pub browsers: BrowserPolicy,
    /// A holiday file in the format of `crates/domain/data/holidays.json`, replacing the
    /// compiled-in calendar: how an operator publishes a new year. None uses the compiled one.
    pub holidays: Option<PathBuf>,
}

/// How large, how frequent and how long-lived uploads may be.
#[derive(Debug, Clone)]
pub struct UploadPolicy {
    /// Largest accepted upload, in bytes.
    pub max_bytes: u64,
    /// Uploads allowed per client IP per minute; 0 turns the limit off.
    pub per_minute: u32,
    pub quotas: UploadQuotas,
    /// How often the sweep of unattached uploads runs.
    pub sweep_interval: Duration,
}

impl Default for UploadPolicy {
    fn default() -> UploadPolicy {
        UploadPolicy {
            max_bytes: egov_domain::upload_policy::MAX_BYTES,
            per_minute: 30,
            quotas: UploadQuotas {
                per_client: 100 * 1024 * 1024,
                total: 10 * 1024 * 1024 * 1024,
                unattached_max_age: Duration::from_secs(24 * 60 * 60),
            },
            sweep_interval: Duration::from_secs(15 * 60),
        }
    }
}

/// How long a connection may take over each part of a request before it is cut off.
#[derive(Debug, Clone)]
pub struct Timeouts {
    /// A connection whose request headers take longer is closed.
    pub header: Duration,
    /// A request body that sends nothing for this long is cut off.
    pub body_idle: Duration,
    /// The longest an API request may take, uploads excepted (answered 408).
    pub request: Duration,
    /// The longest an upload may take (answered 408): 10 MiB at 16 KB/s fits.
    pub upload: Duration,
}

impl Default for Timeouts {
    fn default() -> Timeouts {
        Timeouts {
            header: Duration::from_secs(10),
            body_idle: Duration::from_secs(10),
            request: Duration::from_secs(60),
            upload: Duration::from_secs(15 * 60),
        }
    }
}

/// What browsers are told: which other origins may call the API or frame the app, what the app
/// may connect to, and whether to insist on HTTPS.
#[derive(Debug, Clone, Default)]
pub struct BrowserPolicy {
    /// Origins allowed to call the API from a browser (CORS), e.g. an embedding portal.
    pub cors_origins: Vec<String>,
    /// Pages allowed to frame the app (CSP `frame-ancestors`); empty means none.
    pub frame_ancestors: Vec<String>,
    /// Extra `connect-src` sources of the app's CSP, e.g. an NCALayer on another port or the
    /// API of another origin.
    pub connect_sources: Vec<String>,
    /// Send `Strict-Transport-Security` (when the server is reached over HTTPS, e.g. behind a
    /// TLS-terminating proxy).
    pub hsts: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: std::net::SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data"),
            static_dir: None,
            trust_test_ca: false,
            cms_trust_roots: Vec::new(),
            cms_crls: Vec::new(),
            body_limit: 256 * 1024,
            operator_token: None,
            operator_failures_per_minute: 10,
            simulate_step_seconds: None,
            rate_limit_per_minute: 30,
            uploads: UploadPolicy::default(),
            signature_freshness: SignatureFreshness {
                max_age: Duration::from_secs(30 * 60),
                clock_skew: Duration::from_secs(5 * 60),
            },
            timeouts: Timeouts::default(),
            browsers: BrowserPolicy::default(),
            holidays: None,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    db: db::Db,
    catalogue: Arc<Catalogue>,
    calendar: Arc<Calendar>,
    verifiers: Arc<signatures::Verifiers>,
    data_dir: Arc<PathBuf>,
    upload_limit: u64,
    quotas: UploadQuotas,
    freshness: SignatureFreshness,
    /// Whether an operator token is configured: `/health` declares the operator workflow.
    operator: bool,
}

pub const DATABASE_FILE: &str = "egov-wizard.sqlite3";

/// Liveness of the server, and which optional parts of the contract it has turned on.
#[utoipa::path(get, path = egov_domain::api::paths::HEALTH, context_path = egov_domain::api::API_PREFIX, tag = "meta",
    responses((status = 200, body = Health, description = "The server is up")))]
async fn health(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        capabilities: Capabilities {
            test_ca: state.verifiers.stub.is_some(),
            cms: state.verifiers.cms.is_some(),
            operator: state.operator,
        },
    })
}

async fn api_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        problem_code::NOT_FOUND,
        "No such API endpoint",
    )
}

pub fn router(state: AppState, config: &Config) -> Router {
    let limiter = limits::RateLimiter::new(config.rate_limit_per_minute);
    let limited = || axum::middleware::from_fn_with_state(limiter.clone(), limits::limit);
    let upload_limiter = limits::RateLimiter::new(config.uploads.per_minute);
    let operator_guard = operator::Guard {
        token: config.operator_token.as_deref().map(Arc::from),
        failures: limits::RateLimiter::new(config.operator_failures_per_minute),
    };
    let timed_out = StatusCode::REQUEST_TIMEOUT;
    let upload_route: axum::routing::MethodRouter<AppState, std::convert::Infallible> =
        post(uploads::upload)
            .layer::<_, std::convert::Infallible>(DefaultBodyLimit::disable())
            .layer::<_, std::convert::Infallible>(TimeoutLayer::with_status_code(
                timed_out,
                config.timeouts.upload,
            ))
            .layer(axum::middleware::from_fn_with_state(
                upload_limiter,
                limits::limit,
            ));
    let api = Router::new()
        .route(paths::HEALTH, get(health))
        .route(paths::OPENAPI, get(openapi::serve))
        .route(paths::REGIONS, get(catalogue::regions))
        .route(paths::SERVICES, get(catalogue::services))
        .route(paths::SERVICE, get(catalogue::service))
        .route(paths::VISIT_SHEET, post(visit_sheet::visit_sheet_pdf))
        .route(paths::CALENDAR_YEAR, get(calendar::year))
        .route(paths::UPLOAD, axum::routing::delete(uploads::delete))
        .route(
            paths::SESSION_CHALLENGE,
            post(session::challenge).layer(limited()),
        )
        .route(paths::SESSION, post(session::sign_in).layer(limited()))
        .route(
            paths::APPLICATIONS,
            post(applications::submit)
                .layer(limited())
                .get(session::my_applications),
        )
        .route(paths::APPLICATION, get(applications::read))
        .route(paths::RESULT_PDF, get(result_pdf::result_pdf))
        .route(
            paths::OPERATOR_TRANSITIONS,
            post(operator::transition).layer(axum::middleware::from_fn_with_state(
                operator_guard,
                operator::authorise,
            )),
        )
        .fallback(api_not_found)
        // Every route above; the upload, added below, has its own, longer limit.
        .route_layer(TimeoutLayer::with_status_code(
            timed_out,
            config.timeouts.request,
        ))
        .route(paths::UPLOADS, upload_route)
        // One stack, so one boxed service per request rather than one per layer.
        .layer(
            ServiceBuilder::new()
                .option_layer(security::cors(&config.browsers.cors_origins))
                .layer(axum::middleware::map_response(problem::problemise))
                .layer(DefaultBodyLimit::max(config.body_limit))
                // Every answer of the API may carry personal data or a secret unless it says
                // otherwise (the catalogue is public, but caching it is not worth a mistake on a
                // shared computer).
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("no-store"),
                ))
                // A body that stops sending is cut off (hyper then closes the connection).
                .layer(RequestBodyTimeoutLayer::new(config.timeouts.body_idle)),
        )
        .with_state(state);
    let mut app = Router::new().nest(egov_domain::api::API_PREFIX, api);
    if let Some(dir) = &config.static_dir {
        let csp = security::content_security_policy(
            Some(dir),
            &config.browsers.frame_ancestors,
            &config.browsers.connect_sources,
        );
        let index = dir.join("index.html");
        let mut files = Router::new()
            // The build's .br and .gz copies (`cargo xtask precompress`) to browsers that take
            // them: the wasm a phone downloads is a quarter of its size.
            .fallback_service(
                ServeDir::new(dir)
                    .precompressed_br()
                    .precompressed_gzip()
                    .fallback(
                        ServeFile::new(index)
                            .precompressed_br()
                            .precompressed_gzip(),
                    ),
            )
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&csp).expect("the CSP is ASCII"),
            ));
        // A page of an embedding origin loads the widget's script, module, wasm and stylesheet
        // from here (README "Embedding").
        if let Some(cors) = security::cors(&config.browsers.cors_origins) {
            files = files.layer(cors);
        }
        if config.browsers.frame_ancestors.is_empty() {
            // For browsers that predate CSP frame-ancestors.
            files = files.layer(SetResponseHeaderLayer::overriding(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("DENY"),
            ));
        }
        app = app.merge(files);
    }
    app.layer(
        ServiceBuilder::new()
            .layer(axum::middleware::from_fn(request_log::log))
            .layer(axum::middleware::from_fn_with_state(
                security::response_headers(config.browsers.hsts),
                security::add_headers,
            )),
    )
}

/// A server running in the background, stopped by [`RunningServer::stop`] or on drop.
pub struct RunningServer {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    simulation: Option<tokio::task::JoinHandle<()>>,
    sweep: Option<tokio::task::JoinHandle<()>>,
}

impl RunningServer {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Ends the background tasks and tells the server to stop accepting requests.
    fn signal_stop(&mut self) {
        for task in [self.simulation.take(), self.sweep.take()]
            .into_iter()
            .flatten()
        {
            task.abort();
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Stops accepting requests, finishes those in flight and waits for the server to end.
    pub async fn stop(mut self) -> std::io::Result<()> {
        self.signal_stop();
        match self.task.take() {
            Some(task) => task.await.unwrap_or(Ok(())),
            None => Ok(()),
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.signal_stop();
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot create the data folder {0}: {1}")]
    DataDir(PathBuf, std::io::Error),
    #[error("cannot open the database: {0}")]
    Db(#[from] db::DbError),
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("CMS trust: {0}")]
    CmsTrust(#[from] cms_verify::CmsConfigError),
    #[error("holiday file {0}: {1}")]
    Holidays(PathBuf, String),
}

/// The calendar deadlines are counted on: the configured holiday file, or the compiled-in one.
fn load_calendar(holidays: Option<&std::path::Path>) -> Result<Calendar, StartError> {
    let Some(path) = holidays else {
        return Ok(Calendar::embedded().clone());
    };
    let failed = |reason: String| StartError::Holidays(path.to_path_buf(), reason);
    let json = std::fs::read_to_string(path).map_err(|e| failed(e.to_string()))?;
    Calendar::from_json(&json).map_err(|e| failed(e.to_string()))
}

/// Opens the database, binds the address and serves in a background task.
pub async fn start(config: Config) -> Result<RunningServer, StartError> {
    let cms = if config.cms_trust_roots.is_empty() && config.cms_crls.is_empty() {
        None
    } else {
        Some(cms_verify::CmsTrust::load(
            &config.cms_trust_roots,
            &config.cms_crls,
        )?)
    };
    let calendar = load_calendar(config.holidays.as_deref())?;
    private_dir(&config.data_dir).map_err(|e| StartError::DataDir(config.data_dir.clone(), e))?;
    private_dir(&config.data_dir.join(uploads::UPLOADS_DIR))
        .map_err(|e| StartError::DataDir(config.data_dir.clone(), e))?;
    let db = db::Db::open(&config.data_dir.join(DATABASE_FILE))?;
    let simulation = config
        .simulate_step_seconds
        .filter(|s| *s > 0)
        .map(|s| simulation::spawn(db.clone(), std::time::Duration::from_secs(s)));
    let state = AppState {
        db,
        catalogue: Arc::new(Catalogue::embedded()),
        calendar: Arc::new(calendar),
        verifiers: Arc::new(signatures::Verifiers {
            stub: config.trust_test_ca.then(test_ca::trust_anchor),
            cms,
        }),
        data_dir: Arc::new(config.data_dir.clone()),
        upload_limit: config.uploads.max_bytes,
        operator: config.operator_token.is_some(),
        quotas: config.uploads.quotas,
        freshness: config.signature_freshness,
    };
    let sweep = uploads::spawn_sweep(
        state.clone(),
        config.uploads.quotas.unattached_max_age,
        config.uploads.sweep_interval,
    );
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| StartError::Bind(config.addr, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Bind(config.addr, e))?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let app = router(state, &config);
    let task = tokio::spawn(serve::serve(listener, app, config.timeouts.header, async {
        let _ = stopped.await;
    }));
    Ok(RunningServer {
        addr,
        shutdown: Some(shutdown),
        simulation,
        sweep: Some(sweep),
        task: Some(task),
    })
}

/// Creates `dir` if needed, readable by the server's user only (0700): applications, uploads
/// and sessions are personal data.
fn private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}
