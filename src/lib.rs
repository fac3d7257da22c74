//! egov-wizard: a citizen applies for a state service, signs with ЭЦП and tracks the result.
//!
//! Pages render state and forward events; rules live in `egov-domain`, side effects (network,
//! signing, storage) sit behind small interfaces provided through context.

pub mod api;
pub mod calendar;
pub mod components;
pub mod dates;
pub mod dom;
pub mod draft;
pub mod events;
pub mod flow;
pub mod i18n;
pub mod kiosk;
pub mod mount;
pub mod nav;
pub mod pages;
pub mod poll;
pub mod prerender;
pub mod signer;
pub mod state;
pub mod upload;
pub mod widget;

use crate::api::ApiClient;
use crate::components::header::Header;
use crate::i18n::I18n;
use crate::pages::{
    apply::ApplyPage, catalogue::CataloguePage, confirmation::ConfirmationPage,
    language::LanguagePage, my_applications::MyApplicationsPage, not_found::NotFoundPage, paths,
    region::RegionPage, service::ServicePage, sign::SignerHandle, status::StatusPage,
};
use crate::signer::{Signer, SignerConfig};
use crate::state::{StorageMode, Wizard};
use egov_domain::Lang;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use std::rc::Rc;

/// How an instance of the app is set up by its host page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppConfig {
    /// The language to start in; None lets a first-time visitor choose.
    pub lang: Option<Lang>,
    pub api_base: String,
    pub storage: StorageMode,
    pub signer: SignerConfig,
    /// Kiosk mode (README "Kiosk mode"); None in the ordinary web mode.
    pub kiosk: Option<kiosk::KioskSettings>,
    /// An embedding page's choice of region and service (widget attributes).
    pub region: Option<String>,
    pub service: Option<String>,
}

impl AppConfig {
    /// The language the app starts in: the host's or the page's choice, then the person's
    /// choice of an earlier visit, then Kazakh.
    pub fn starting_lang(&self) -> Lang {
        self.lang
            .or_else(|| Wizard::saved_lang(self.storage))
            .unwrap_or_default()
    }
}

/// Provides the configured signer as a `SignerHandle`, and the concrete signer too: the stub
/// for its certificate picker, the NCALayer client for whoever must `close()` it (kiosk).
fn provide_signer(config: SignerConfig) {
    use crate::signer::ncalayer::NcaLayerSigner;
    let ncalayer = |url: String, timeout_ms: u32| -> Rc<dyn Signer> {
        let client = Rc::new(NcaLayerSigner::new(url, timeout_ms));
        provide_context(StoredValue::new_local(client.clone()));
        client
    };
    let signer: Rc<dyn Signer> = match config {
        #[cfg(feature = "stub-signer")]
        SignerConfig::Stub => {
            let stub = Rc::new(crate::signer::stub::StubSigner::default());
            provide_context(StoredValue::new_local(stub.clone()));
            stub
        }
        // Without the stub feature there are no test certificates to sign with.
        #[cfg(not(feature = "stub-signer"))]
        SignerConfig::Stub => ncalayer(
            egov_domain::ncalayer::DEFAULT_URL.to_owned(),
            crate::signer::DEFAULT_TIMEOUT_MS,
        ),
        SignerConfig::NcaLayer { url, timeout_ms } => ncalayer(url, timeout_ms),
    };
    provide_context::<SignerHandle>(StoredValue::new_local(signer));
}

/// Provides everything the pages take from context. Tests mount single pages after calling it.
pub fn provide_app_context(config: AppConfig) {
    let lang = config.starting_lang();
    let i18n = I18n::new(lang);
    provide_context(i18n);
    let wizard = Wizard::new(config.storage);
    if let Some(region) = config.region {
        wizard.set_region(egov_domain::RegionId::new(region));
    }
    provide_context(wizard);
    // Autosave: every change of the draft is written as it happens.
    Effect::new(move |_| wizard.draft.with(|draft| wizard.persist(draft)));
    let events = events::HostEvents::new(dom::embedded().map(|embedded| embedded.host));
    provide_context(events);
    let api = ApiClient {
        base: config.api_base,
        events,
    };
    provide_context(api.clone());
    if i18n.lang.get_untracked() != lang {
        // Not fetched before mounting (or that fetch failed): fetch it now, or say it failed.
        i18n.choose(lang, &api);
    }
    calendar::provide_calendar(api);
    provide_signer(config.signer);
}

/// Keeps the app in step with its embedding element's attributes (`lang`, `region`, `service`).
fn follow_embed_controls(controls: mount::EmbedControls, navigate: nav::Navigate) {
    let i18n = i18n::use_i18n();
    let wizard = state::use_wizard();
    let api = expect_context::<ApiClient>();
    Effect::new(move |_| {
        if let Some(lang) = controls.lang.get() {
            i18n.choose(lang, &api);
        }
    });
    Effect::new(move |first: Option<()>| {
        let region = controls.region.get();
        if let (Some(region), Some(())) = (region, first) {
            wizard.set_region(egov_domain::RegionId::new(region));
        }
    });
    Effect::new(move |first: Option<()>| {
        let service = controls.service.get();
        // The first value is where the app started; later ones are the host changing it.
        if let (Some(service), Some(())) = (service, first) {
            navigate.go(&paths::start(&service));
        }
    });
}

/// Where "/" leads: the first choice not yet made.
fn home() -> AnyView {
    let wizard = state::use_wizard();
    let language_given = use_context::<mount::EmbedControls>()
        .is_some_and(|controls| controls.lang.get_untracked().is_some());
    let target = if Wizard::saved_lang(wizard.storage).is_none() && !language_given {
        paths::LANGUAGE
    } else if wizard.region.get_untracked().is_none() {
        paths::REGION
    } else {
        paths::SERVICES
    };
    view! { <nav::Redirect path=target /> }.into_any()
}

#[component]
pub fn App(#[prop(optional)] config: AppConfig) -> impl IntoView {
    let kiosk = config.kiosk;
    let start = config
        .service
        .as_deref()
        .map(paths::start)
        .unwrap_or_else(|| "/".to_owned());
    provide_app_context(config);
    let i18n = i18n::use_i18n();
    let embedded = dom::embedded();
    let events = events::use_host_events();
    Effect::new(move |previous: Option<Lang>| {
        let lang = i18n.lang.get();
        match &embedded {
            // An embedded app marks its own root; the host's <html> is the host's.
            Some(embedded) => {
                let _ = embedded.root.set_attribute("lang", lang.tag());
            }
            None => {
                if let Some(root) = document().document_element() {
                    let _ = root.set_attribute("lang", lang.tag());
                }
            }
        }
        if previous.is_some_and(|previous| previous != lang) {
            events.emit(
                events::LANGUAGE_CHANGED,
                serde_json::json!({ "lang": lang.tag() }),
            );
        }
        lang
    });
    let kiosk_layer = move || kiosk.map(|settings| view! { <kiosk::KioskLayer settings /> });
    if let Some(controls) = use_context::<mount::EmbedControls>() {
        let location = nav::MemoryLocation::new(&start);
        provide_context(location);
        follow_embed_controls(controls, nav::Navigate::Memory(location));
        let root = dom::use_dom_root();
        let on_click = move |ev: leptos::ev::MouseEvent| nav::follow_app_link(&ev, location, &root);
        return view! {
            <div class="egov-wizard" on:click=on_click>
                <Header />
                <div class="width-container">
                    <main class="main" id="main-content" tabindex="-1">
                        <nav::MemoryRoutes home />
                    </main>
                </div>
                {kiosk_layer()}
            </div>
        }
        .into_any();
    }
    view! {
        <Router>
            <Header />
            <div class="width-container">
                <main class="main" id="main-content" tabindex="-1">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=home />
                        <Route path=path!("/language") view=LanguagePage />
                        <Route path=path!("/region") view=RegionPage />
                        <Route path=path!("/services") view=CataloguePage />
                        <Route path=path!("/services/:service") view=ServicePage />
                        <Route path=path!("/apply/:service/:step") view=ApplyPage />
                        <Route path=path!("/confirmation/:reference") view=ConfirmationPage />
                        <Route path=path!("/applications") view=MyApplicationsPage />
                        <Route path=path!("/applications/:reference") view=StatusPage />
                    </Routes>
                </main>
            </div>
            {kiosk_layer()}
        </Router>
    }
    .into_any()
}

/// A development and test setting from the query of the page the app started on (`now=`,
/// `api-timeout-ms=`); builds without the `stub-signer` feature read none.
#[cfg(feature = "stub-signer")]
pub fn dev_query(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let value =
        crate::signer::setting_pairs(&search).find_map(|(n, v)| (n == name).then_some(v))?;
    js_sys::decode_uri_component(value).ok()?.as_string()
}

/// The language the page asks for with the `lang` query parameter, if any.
pub fn initial_lang() -> Option<Lang> {
    window().location().search().ok().and_then(|search| {
        search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .and_then(Lang::from_tag)
    })
}

/// How to start, as the host page says: the language (`initial_lang`) and the signer, from the
/// `<meta name="egov-wizard-signer" content="signer=ncalayer; ncalayer-url=…">` tag and then the
/// query (`?signer=ncalayer&ncalayer-url=…&ncalayer-timeout-ms=…`), the query winning; and kiosk
/// mode the same way from `<meta name="egov-wizard-mode" content="mode=kiosk; kiosk-timeout-s=…">`
/// and `?mode=kiosk&kiosk-timeout-s=…`. A kiosk keeps everything in memory.
pub fn initial_config() -> AppConfig {
    fn decoded(text: &str) -> Vec<(String, String)> {
        crate::signer::setting_pairs(text)
            .map(|(name, value)| {
                let value = js_sys::decode_uri_component(value)
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_else(|| value.to_owned());
                (name.to_owned(), value)
            })
            .collect()
    }
    let meta_content = |name: &str| {
        document()
            .query_selector(&format!("meta[name='{name}']"))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default()
    };
    let meta = meta_content("egov-wizard-signer");
    let mode_meta = decoded(&meta_content("egov-wizard-mode"));
    let query = window().location().search().unwrap_or_default();
    let (meta, query) = (decoded(&meta), decoded(&query));
    let kiosk = kiosk::KioskSettings::from_settings(
        mode_meta
            .iter()
            .chain(query.iter())
            .map(|(n, v)| (n.as_str(), v.as_str())),
    );
    AppConfig {
        lang: initial_lang(),
        signer: SignerConfig::default()
            .with_settings(meta.iter().map(|(n, v)| (n.as_str(), v.as_str())))
            .with_settings(query.iter().map(|(n, v)| (n.as_str(), v.as_str()))),
        storage: if kiosk.is_some() {
            StorageMode::Memory
        } else {
            StorageMode::default()
        },
        kiosk,
        ..AppConfig::default()
    }
}
