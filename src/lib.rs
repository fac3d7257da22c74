//! egov-wizard: a citizen applies for a state service, signs with ЭЦП and tracks the result.
//!
//! Pages render state and forward events; rules live in `egov-domain`, side effects (network,
//! signing, storage) sit behind small interfaces provided through context.

pub mod api;
pub mod components;
pub mod dates;
pub mod dom;
pub mod draft;
pub mod flow;
pub mod i18n;
pub mod pages;
pub mod signer;
pub mod state;
pub mod upload;

use crate::api::ApiClient;
use crate::components::header::Header;
use crate::i18n::I18n;
use crate::pages::{
    apply::ApplyPage,
    catalogue::{CataloguePage, ServiceInfoPage},
    confirmation::ConfirmationPage,
    language::LanguagePage,
    not_found::NotFoundPage,
    paths,
    region::RegionPage,
    sign::SignerHandle,
    status::StatusPage,
};
use crate::signer::Signer;
use crate::state::{StorageMode, Wizard};
use egov_domain::Lang;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use std::rc::Rc;

/// How an instance of the app is set up by its host page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppConfig {
    /// The language to start in; None lets a first-time visitor choose.
    pub lang: Option<Lang>,
    pub api_base: String,
    pub storage: StorageMode,
}

fn provide_signer() {
    #[cfg(feature = "stub-signer")]
    {
        let stub = Rc::new(crate::signer::stub::StubSigner::default());
        provide_context(StoredValue::new_local(stub.clone()));
        let signer: Rc<dyn Signer> = stub;
        provide_context::<SignerHandle>(StoredValue::new_local(signer));
    }
    #[cfg(not(feature = "stub-signer"))]
    {
        // The NCALayer client arrives with issue 7; without a signer the sign step cannot run.
        let _ = std::marker::PhantomData::<(Rc<dyn Signer>, SignerHandle)>;
    }
}

/// Provides everything the pages take from context. Tests mount single pages after calling it.
pub fn provide_app_context(config: AppConfig) {
    let saved = Wizard::saved_lang(config.storage);
    provide_context(I18n {
        lang: RwSignal::new(config.lang.or(saved).unwrap_or_default()),
    });
    let wizard = Wizard::new(config.storage);
    provide_context(wizard);
    // Autosave: every change of the draft is written as it happens.
    Effect::new(move |_| wizard.draft.with(|draft| wizard.persist(draft)));
    provide_context(ApiClient {
        base: config.api_base,
    });
    provide_signer();
}

#[component]
pub fn App(#[prop(optional)] config: AppConfig) -> impl IntoView {
    provide_app_context(config);
    let i18n = i18n::use_i18n();
    let wizard = state::use_wizard();
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });
    let home = move || {
        let target = if Wizard::saved_lang(wizard.storage).is_none() {
            paths::LANGUAGE
        } else if wizard.region.get_untracked().is_none() {
            paths::REGION
        } else {
            paths::SERVICES
        };
        view! { <Redirect path=target /> }
    };
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
                        <Route path=path!("/services/:service") view=ServiceInfoPage />
                        <Route path=path!("/apply/:service/:step") view=ApplyPage />
                        <Route path=path!("/confirmation/:reference") view=ConfirmationPage />
                        <Route path=path!("/applications/:reference") view=StatusPage />
                    </Routes>
                </main>
            </div>
        </Router>
    }
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
