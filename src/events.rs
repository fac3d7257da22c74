//! Events for the page that embeds the app (README "Embedding"): `CustomEvent`s dispatched on
//! the `<egov-wizard>` element with `bubbles` and `composed`, so a listener on the element, on
//! an ancestor or on the document hears them. A page-mode app has no host and sends nothing.

use leptos::prelude::*;
use serde_json::{json, Value};

pub const SUBMITTED: &str = "egov-wizard:submitted";
pub const STATUS_CHANGED: &str = "egov-wizard:status-changed";
pub const LANGUAGE_CHANGED: &str = "egov-wizard:language-changed";
pub const ERROR: &str = "egov-wizard:error";

/// Where events go: the embedding element, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostEvents(StoredValue<Option<web_sys::HtmlElement>, LocalStorage>);

impl HostEvents {
    pub fn new(host: Option<web_sys::HtmlElement>) -> HostEvents {
        HostEvents(StoredValue::new_local(host))
    }

    pub fn emit(&self, name: &str, detail: Value) {
        let Some(Some(host)) = self.0.try_get_value() else {
            return;
        };
        let detail = js_sys::JSON::parse(&detail.to_string()).unwrap_or_default();
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&event);
        }
    }

    /// `egov-wizard:error`: something failed that the person was told about; `code` is the
    /// problem code or `network` / `unexpected`, `status` the HTTP status if there was one.
    pub fn error(&self, code: &str, status: Option<u16>) {
        self.emit(ERROR, json!({ "code": code, "status": status }));
    }
}

pub fn use_host_events() -> HostEvents {
    use_context::<HostEvents>().unwrap_or_else(|| HostEvents::new(None))
}
