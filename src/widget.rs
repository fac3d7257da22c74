//! The embeddable widget's Rust side. `public/…/egov-wizard-widget.js` (README "Embedding")
//! defines the `<egov-wizard>` custom element; for each element it creates a [`Widget`], which
//! mounts an app of its own in the element's shadow root, with its location in memory and its
//! storage keys under the element's id.

use crate::dom::Embedded;
use crate::mount::{EmbedControls, MountSlot};
use egov_domain::Lang;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Set by the widget's script before it starts the module, so that the module does not mount
/// the page app on the host's `<body>`.
const WIDGET_FLAG: &str = "egovWizardWidget";

pub fn loaded_by_widget() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &WIDGET_FLAG.into()).is_ok_and(|flag| flag.is_truthy())
}

thread_local! {
    static INSTANCES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// One `<egov-wizard>` element's app.
#[wasm_bindgen]
pub struct Widget {
    slot: MountSlot,
    controls: EmbedControls,
    /// Owns `controls`, which outlive each mount (a kiosk wipe remounts with the same ones).
    owner: Owner,
}

#[wasm_bindgen]
impl Widget {
    /// Mounts an app in `root` (an element in `host`'s shadow root), configured by `host`'s
    /// attributes.
    #[wasm_bindgen(constructor)]
    pub fn new(host: web_sys::HtmlElement, root: web_sys::HtmlElement) -> Widget {
        let instance = INSTANCES.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        let config = crate::settings::widget_config(&host, instance);
        let owner = Owner::new();
        let controls = owner.with(|| EmbedControls {
            lang: RwSignal::new(config.lang),
            region: RwSignal::new(config.region.clone()),
            service: RwSignal::new(config.service.clone()),
        });
        let slot = MountSlot::default();
        let embedded = Embedded {
            host,
            root: root.clone(),
        };
        slot.mount(config, root, Some(embedded), Some(controls));
        Widget {
            slot,
            controls,
            owner,
        }
    }

    /// Applies a changed attribute that the app follows live: `lang`, `region` or `service`.
    /// Returns false for the others, which take a fresh mount.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: &str, value: Option<String>) -> bool {
        let value = value.filter(|v| !v.trim().is_empty());
        match name {
            "lang" => self
                .controls
                .lang
                .set(value.as_deref().and_then(Lang::from_tag)),
            "region" => self.controls.region.set(value),
            "service" => self.controls.service.set(value),
            _ => return false,
        }
        true
    }

    /// Unmounts the app and frees what it held; called when the element leaves the page.
    pub fn unmount(&self) {
        self.slot.unmount();
        self.owner.cleanup();
    }
}
