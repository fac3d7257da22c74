//! Mounting the app: on the page's `<body>`, or in an embedded widget's shadow root. A mount
//! keeps its `UnmountHandle` and owner so that it can be dropped whole (a removed widget) or
//! dropped and mounted fresh (a kiosk forgetting a person).

use crate::dom::Embedded;
use crate::AppConfig;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// What an embedding page can change while the app runs (the widget's attributes).
#[derive(Clone, Copy)]
pub struct EmbedControls {
    pub lang: RwSignal<Option<egov_domain::Lang>>,
    pub region: RwSignal<Option<String>>,
    pub service: RwSignal<Option<String>>,
}

struct Mounted {
    owner: Owner,
    handle: Box<dyn std::any::Any>,
    config: AppConfig,
    parent: web_sys::HtmlElement,
    embedded: Option<Embedded>,
    controls: Option<EmbedControls>,
}

/// One place the app is mounted; shared by whoever may unmount or remount it.
#[derive(Clone, Default)]
pub struct MountSlot(Rc<RefCell<Option<Mounted>>>);

/// The slot of the app being rendered, for the kiosk's wipe.
pub fn use_mount_slot() -> Option<MountSlot> {
    use_context::<StoredValue<MountSlot, LocalStorage>>().map(|slot| slot.get_value())
}

impl MountSlot {
    /// Mounts the app in `parent`; `embedded` when `parent` is a widget's root.
    pub fn mount(
        &self,
        config: AppConfig,
        parent: web_sys::HtmlElement,
        embedded: Option<Embedded>,
        controls: Option<EmbedControls>,
    ) {
        // The app's root owner is a child of this one, so that unmounting can run every
        // cleanup (the router's and our window listeners, timers) even while something still
        // holds the root.
        let owner = Owner::new();
        let (for_view, slot) = (config.clone(), self.clone());
        let handle = owner.with(|| {
            provide_context(StoredValue::new_local(slot));
            if let Some(embedded) = embedded.clone() {
                provide_context(StoredValue::new_local(embedded));
            }
            if let Some(controls) = controls {
                provide_context(controls);
            }
            leptos::mount::mount_to(parent.clone(), move || {
                view! { <crate::App config=for_view /> }
            })
        });
        let previous = self.0.borrow_mut().replace(Mounted {
            owner,
            handle: Box::new(handle),
            config,
            parent,
            embedded,
            controls,
        });
        drop(previous);
    }

    /// Drops the mounted app: its owner, signals, effects, listeners and DOM.
    pub fn unmount(&self) {
        self.take();
    }

    /// Unmounts the app and returns how it was mounted.
    fn take(&self) -> Option<Remount> {
        let Mounted {
            owner,
            handle,
            config,
            parent,
            embedded,
            controls,
        } = self.0.borrow_mut().take()?;
        drop(handle);
        owner.cleanup();
        drop(owner);
        Some(Remount {
            config,
            parent,
            embedded,
            controls,
        })
    }

    /// Drops the app and mounts it again with the configuration it started with.
    pub fn remount(&self) {
        if let Some(again) = self.take() {
            self.mount(again.config, again.parent, again.embedded, again.controls);
        }
    }
}

struct Remount {
    config: AppConfig,
    parent: web_sys::HtmlElement,
    embedded: Option<Embedded>,
    controls: Option<EmbedControls>,
}

thread_local! {
    static PAGE: MountSlot = MountSlot::default();
}

/// Mounts the app on the page's `<body>`, once the plain first screen has been painted. A person
/// who starts in a language the build does not carry (Russian, English) gets its messages fetched
/// first, so that the app's first screen is already in that language; if the fetch fails the app
/// starts in Kazakh and says so.
pub fn mount_page(config: AppConfig) {
    // Not Leptos's spawner: it is set up by the first mount, which has not happened yet.
    wasm_bindgen_futures::spawn_local(async move {
        crate::prerender::painted().await;
        let lang = config.starting_lang();
        if !crate::i18n::is_available(lang) {
            let api = crate::api::ApiClient {
                base: config.api_base.clone(),
                events: crate::events::HostEvents::new(None),
            };
            crate::i18n::fetch_locale(&api, lang).await;
        }
        let body = document().body().expect("the page has a body");
        PAGE.with(|page| page.mount(config, body, None, None));
        crate::prerender::take_over();
    });
}
