//! egov-wizard: a citizen applies for a state service, signs with ЭЦП and tracks the result.
//!
//! Pages render state and forward events; rules live in `egov-domain`, side effects (network,
//! signing, storage) sit behind small interfaces provided through context.

pub mod api;
pub mod calendar;
pub mod clock;
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
pub mod pieces;
pub mod poll;
pub mod prerender;
pub mod routes;
pub mod settings;
pub mod signer;
pub mod state;
pub mod upload;
pub mod widget;

use crate::api::ApiClient;
use crate::components::header::Header;
use crate::i18n::I18n;
use crate::kiosk::KioskSettings;
use crate::pages::{language::LanguagePage, not_found::NotFoundPage, sign::SignerHandle};
use crate::routes::{paths, Page};
use crate::signer::{Signer, SignerConfig};
use crate::state::Wizard;
use egov_domain::Lang;
use leptos::prelude::*;
use leptos_router::components::Router;
use std::rc::Rc;

pub use crate::settings::AppConfig;

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

/// Each page of the route table ([`routes`]) and what it shows. Past the first questions, a
/// page's code may arrive later ([`pieces`]).
fn page_view(page: Page) -> AnyView {
    match page {
        Page::Home => home(),
        Page::Language => view! { <LanguagePage /> }.into_any(),
        Page::Region => pieces::region(),
        Page::Services => pieces::catalogue(),
        Page::ServiceInfo => pieces::service(),
        Page::Apply => pieces::apply(),
        Page::Confirmation => pieces::confirmation(),
        Page::Applications => pieces::my_applications(),
        Page::Status => pieces::status(),
    }
}

fn not_found() -> AnyView {
    view! { <NotFoundPage /> }.into_any()
}

/// The header, the page the location names and the kiosk's layer: in a page of its own (under
/// the router) and in the widget (on its memory location) alike.
#[component]
fn Shell(kiosk: Option<KioskSettings>) -> impl IntoView {
    view! {
        <Header />
        <div class="width-container">
            <main class="main" id="main-content" tabindex="-1">
                <nav::PageRoutes view=page_view not_found />
            </main>
        </div>
        {kiosk.map(pieces::kiosk)}
    }
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
    if let Some(controls) = use_context::<mount::EmbedControls>() {
        let location = nav::MemoryLocation::new(&start);
        provide_context(location);
        follow_embed_controls(controls, nav::Navigate::Memory(location));
        let root = dom::use_dom_root();
        let on_click = move |ev: leptos::ev::MouseEvent| nav::follow_app_link(&ev, location, &root);
        return view! {
            <div class="egov-wizard" on:click=on_click>
                <Shell kiosk />
            </div>
        }
        .into_any();
    }
    view! {
        <Router>
            <Shell kiosk />
        </Router>
    }
    .into_any()
}
