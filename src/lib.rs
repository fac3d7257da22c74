//! egov-wizard: a citizen applies for a state service, signs with ЭЦП and tracks the result.
//!
//! Pages render state and forward events; rules live in `egov-domain`, side effects (network,
//! signing, storage) sit behind small interfaces provided through context.

pub mod api;
pub mod components;
pub mod dom;
pub mod i18n;
pub mod pages;
pub mod signer;
pub mod state;

use crate::api::ApiClient;
use crate::components::header::Header;
use crate::i18n::I18n;
use crate::pages::{
    check_answers::CheckAnswersPage, confirmation::ConfirmationPage, iin::IinPage,
    not_found::NotFoundPage, service_choice::ServiceChoicePage, sign::SignPage, sign::SignerHandle,
    status::StatusPage,
};
use crate::signer::Signer;
use crate::state::Wizard;
use egov_domain::Lang;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use std::rc::Rc;

/// How an instance of the app is set up by its host page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppConfig {
    pub lang: Lang,
    pub api_base: String,
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
    provide_context(I18n {
        lang: RwSignal::new(config.lang),
    });
    provide_context(Wizard::new());
    provide_context(ApiClient {
        base: config.api_base,
    });
    provide_signer();
}

#[component]
pub fn App(#[prop(optional)] config: AppConfig) -> impl IntoView {
    provide_app_context(config);
    let i18n = i18n::use_i18n();
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.lang.get().tag());
        }
    });
    view! {
        <Router>
            <Header />
            <div class="width-container">
                <main class="main" id="main-content" tabindex="-1">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=ServiceChoicePage />
                        <Route path=path!("/apply/:service/iin") view=IinPage />
                        <Route path=path!("/apply/:service/check") view=CheckAnswersPage />
                        <Route path=path!("/apply/:service/sign") view=SignPage />
                        <Route path=path!("/confirmation/:reference") view=ConfirmationPage />
                        <Route path=path!("/applications/:reference") view=StatusPage />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}

/// The language to start in: the `lang` query parameter, else Kazakh.
pub fn initial_lang() -> Lang {
    window()
        .location()
        .search()
        .ok()
        .and_then(|search| {
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("lang="))
                .and_then(Lang::from_tag)
        })
        .unwrap_or_default()
}
