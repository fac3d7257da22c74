//! One end-to-end test's world: the reference server (in-process, on a free port, with a fresh
//! data folder) serving the build, optionally behind the fault-injecting proxy, chromedriver, and
//! a headless Chromium driven through it.

use super::faulty_proxy::{self, FaultyProxy};
use super::{browser, browser_not_waiting, server_config, start_driver, Driver};
use fantoccini::Client;

type Adjust = Box<dyn FnOnce(&mut egov_server::Config)>;

/// What a [`Session`] starts with; [`Session::setup`] makes one, [`Setup::start`] starts it.
pub struct Setup {
    adjust: Vec<Adjust>,
    proxy: bool,
    waits_for_pages: bool,
}

impl Setup {
    /// Changes the server's configuration (after the ones made before).
    pub fn config(mut self, adjust: impl FnOnce(&mut egov_server::Config) + 'static) -> Setup {
        self.adjust.push(Box::new(adjust));
        self
    }

    /// The operator endpoints on, under `token`.
    pub fn operator(self, token: &'static str) -> Setup {
        self.config(move |c| c.operator_token = Some(token.into()))
    }

    /// No per-address rate limit: tests that sign in or submit dozens of times a minute.
    pub fn unlimited(self) -> Setup {
        self.config(|c| c.rate_limit_per_minute = 0)
    }

    /// Also verifying CMS signatures of `pki`: its root, intermediate and CRL written to the data
    /// folder and configured as an operator configures NCA RK's.
    pub fn cms(self, pki: &'static egov_server::cms_verify::test_pki::TestPki) -> Setup {
        self.config(move |c| {
            let (trusted, crl) = pki.write_trust_files(&c.data_dir);
            c.cms_trust_roots = vec![trusted];
            c.cms_crls = vec![crl];
        })
    }

    /// The browser reaches the server through [`faulty_proxy`], which can break answers.
    pub fn behind_proxy(mut self) -> Setup {
        self.proxy = true;
        self
    }

    /// Navigations return at once instead of waiting for the page to load
    /// (`pageLoadStrategy: none`), to look at a page while its wasm is still on the way.
    pub fn without_waiting_for_pages(mut self) -> Setup {
        self.waits_for_pages = false;
        self
    }

    pub async fn start(self) -> Session {
        let data = tempfile::tempdir().unwrap();
        let mut config = server_config(data.path());
        for adjust in self.adjust {
            adjust(&mut config);
        }
        let server = egov_server::start(config).await.expect("server starts");
        let proxy = match self.proxy {
            true => Some(faulty_proxy::start(&server.url()).await),
            false => None,
        };
        let driver = start_driver().await;
        let c = open_browser(&driver, self.waits_for_pages).await;
        Session {
            c,
            server,
            proxy,
            data,
            driver,
            waits_for_pages: self.waits_for_pages,
        }
    }
}

async fn open_browser(driver: &Driver, waits_for_pages: bool) -> Client {
    match waits_for_pages {
        true => browser(driver).await,
        false => browser_not_waiting(driver).await,
    }
}

/// A running server, chromedriver and browser. Call [`Session::finish`] at the end of the test.
pub struct Session {
    /// The browser.
    pub c: Client,
    pub server: egov_server::RunningServer,
    proxy: Option<FaultyProxy>,
    /// The server's data folder; also a place for the test's files.
    pub data: tempfile::TempDir,
    driver: Driver,
    waits_for_pages: bool,
}

impl Session {
    /// A server as [`super::server_config`] sets it up, and a browser.
    pub async fn start() -> Session {
        Session::setup().start().await
    }

    pub fn setup() -> Setup {
        Setup {
            adjust: Vec::new(),
            proxy: false,
            waits_for_pages: true,
        }
    }

    /// Where the browser opens the app: the proxy's origin if there is one, else the server's.
    pub fn base(&self) -> String {
        match &self.proxy {
            Some(proxy) => proxy.url.clone(),
            None => self.server.url(),
        }
    }

    /// The server's own origin, for reading what it stored past the proxy.
    pub fn server_url(&self) -> String {
        self.server.url()
    }

    /// The proxy of [`Setup::behind_proxy`].
    pub fn proxy(&self) -> &FaultyProxy {
        self.proxy.as_ref().expect("a session set up behind_proxy")
    }

    /// Closes the browser and opens a fresh one (empty cache and storage).
    pub async fn new_browser(&mut self) {
        let fresh = open_browser(&self.driver, self.waits_for_pages).await;
        std::mem::replace(&mut self.c, fresh).close().await.unwrap();
    }

    /// Closes the browser and stops the server; the data folder is handed back, for a test
    /// that starts a server on it again.
    pub async fn finish(self) -> tempfile::TempDir {
        self.c.close().await.unwrap();
        self.server.stop().await.unwrap();
        drop(self.driver);
        self.data
    }
}
