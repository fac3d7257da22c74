//! The parts of the app that the production build (feature `split`) puts in wasm modules of their
//! own, fetched when first shown: the pages past the first questions and the kiosk layer (and,
//! declared with [`piece!`] where it lives, the NCALayer exchange). The first screen then loads
//! with half the code (issue 17). Other builds call them directly.
//!
//! A piece that cannot be fetched (the connection dropped) says so, in the language on screen,
//! with a button that tries again; nothing the person typed is lost, as it lives in the wizard's
//! state, not in the piece.

use crate::i18n::use_i18n;
use crate::kiosk::{KioskLayer, KioskSettings};
use crate::pages::{
    apply::ApplyPage, catalogue::CataloguePage, confirmation::ConfirmationPage,
    my_applications::MyApplicationsPage, region::RegionPage, service::ServicePage,
    status::StatusPage,
};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;

/// A piece's code could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PieceMissing;

impl From<leptos::wasm_split::SplitLoaderError> for PieceMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PieceMissing
    }
}

/// What a piece gives once its code is there.
type Loaded = Result<AnyView, PieceMissing>;

/// Declares a piece: a split point of its own in the production build, a plain call elsewhere.
/// Either way an `async fn`, returning a `Result` whose error a failed fetch converts into.
macro_rules! piece {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> $ret $body
        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(crate) use piece;

piece!(
    fn region_page() -> Loaded {
        Ok(view! { <RegionPage /> }.into_any())
    }
);
piece!(
    fn catalogue_page() -> Loaded {
        Ok(view! { <CataloguePage /> }.into_any())
    }
);
piece!(
    fn service_page() -> Loaded {
        Ok(view! { <ServicePage /> }.into_any())
    }
);
piece!(
    fn apply_page() -> Loaded {
        Ok(view! { <ApplyPage /> }.into_any())
    }
);
piece!(
    fn confirmation_page() -> Loaded {
        Ok(view! { <ConfirmationPage /> }.into_any())
    }
);
piece!(
    fn my_applications_page() -> Loaded {
        Ok(view! { <MyApplicationsPage /> }.into_any())
    }
);
piece!(
    fn status_page() -> Loaded {
        Ok(view! { <StatusPage /> }.into_any())
    }
);
piece!(
    fn kiosk_layer(settings: KioskSettings) -> Loaded {
        Ok(view! { <KioskLayer settings /> }.into_any())
    }
);

/// Shows a piece as soon as its code is there (at once in a build that does not split), or why
/// it is not, with a retry.
fn later<F>(load: impl Fn() -> F + Send + Sync + 'static) -> AnyView
where
    F: Future<Output = Loaded> + 'static,
{
    let attempt = RwSignal::new(0u32);
    (move || {
        attempt.track();
        // The fetch is the browser's, on this thread only; Suspend asks for Send.
        let loading = SendWrapper::new(load());
        Suspend::new(async move {
            match loading.await {
                Ok(view) => view,
                Err(PieceMissing) => view! { <PieceFailed attempt /> }.into_any(),
            }
        })
    })
    .into_any()
}

#[component]
fn PieceFailed(attempt: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="piece-failed" role="alert" id="piece-failed">
            <p class="body">{move || i18n.t("piece-failed")}</p>
            <button
                type="button"
                class="button button--secondary"
                id="piece-retry"
                on:click=move |_| attempt.update(|n| *n += 1)
            >
                {move || i18n.t("piece-retry")}
            </button>
        </div>
    }
}

pub fn region() -> AnyView {
    later(region_page)
}
pub fn catalogue() -> AnyView {
    later(catalogue_page)
}
pub fn service() -> AnyView {
    later(service_page)
}
pub fn apply() -> AnyView {
    later(apply_page)
}
pub fn confirmation() -> AnyView {
    later(confirmation_page)
}
pub fn my_applications() -> AnyView {
    later(my_applications_page)
}
pub fn status() -> AnyView {
    later(status_page)
}
pub fn kiosk(settings: KioskSettings) -> AnyView {
    later(move || kiosk_layer(settings))
}
