//! How an instance of the app is set up, in one place. A page is set up by its `<meta>` tags and
//! the query it started with, a widget by its element's attributes; both name the same settings
//! (README "Signing", "Kiosk mode", "Embedding"). Development builds also read a few settings
//! from the query for tests ([`dev_query`]).

use crate::kiosk::KioskSettings;
use crate::signer::{setting_pairs, SignerConfig};
use crate::state::{StorageMode, StorageScope};
use egov_domain::Lang;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The settings that configure an instance: its mode and its signer.
const CONFIGURATION: [&str; 6] = [
    "mode",
    "kiosk-timeout-s",
    "kiosk-countdown-s",
    "signer",
    "ncalayer-url",
    "ncalayer-timeout-ms",
];

/// How an instance of the app is set up by its host page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppConfig {
    /// The language to start in; None lets a first-time visitor choose.
    pub lang: Option<Lang>,
    pub api_base: String,
    pub storage: StorageMode,
    pub signer: SignerConfig,
    /// Kiosk mode (README "Kiosk mode"); None in the ordinary web mode.
    pub kiosk: Option<KioskSettings>,
    /// An embedding page's choice of region and service (widget attributes).
    pub region: Option<String>,
    pub service: Option<String>,
}

impl AppConfig {
    /// The language the app starts in: the host's or the page's choice, then the person's
    /// choice of an earlier visit, then Kazakh.
    pub fn starting_lang(&self) -> Lang {
        self.lang
            .or_else(|| crate::state::Wizard::saved_lang(self.storage))
            .unwrap_or_default()
    }
}

/// Where an instance keeps drafts: a kiosk keeps everything in memory.
fn storage_of(kiosk: Option<KioskSettings>, web: StorageMode) -> StorageMode {
    if kiosk.is_some() {
        StorageMode::Memory
    } else {
        web
    }
}

fn as_strs(pairs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    pairs
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
}

thread_local! {
    /// The query of the page the app started on, read once: the first redirect drops it from
    /// the address.
    static START_QUERY: String = window().location().search().unwrap_or_default();
}

fn start_query() -> String {
    START_QUERY.with(String::clone)
}

/// `name=value` pairs of a query or a meta tag's content, percent-decoded.
fn decoded(text: &str) -> Vec<(String, String)> {
    setting_pairs(text)
        .map(|(name, value)| {
            let value = js_sys::decode_uri_component(value)
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| value.to_owned());
            (name.to_owned(), value)
        })
        .collect()
}

/// How to start, as the host page says: the language (`?lang=`); the signer from the
/// `<meta name="egov-wizard-signer" content="signer=ncalayer; ncalayer-url=…">` tag and then the
/// query (`?signer=ncalayer&ncalayer-url=…&ncalayer-timeout-ms=…`), the query winning; and kiosk
/// mode the same way from `<meta name="egov-wizard-mode" content="mode=kiosk; kiosk-timeout-s=…">`
/// and `?mode=kiosk&kiosk-timeout-s=…`.
pub fn page_config() -> AppConfig {
    let meta_content = |name: &str| {
        document()
            .query_selector(&format!("meta[name='{name}']"))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default()
    };
    let signer_meta = decoded(&meta_content("egov-wizard-signer"));
    let mode_meta = decoded(&meta_content("egov-wizard-mode"));
    let query = decoded(&start_query());
    let kiosk = KioskSettings::from_settings(as_strs(&mode_meta).chain(as_strs(&query)));
    AppConfig {
        lang: query_lang(),
        signer: SignerConfig::default()
            .with_settings(as_strs(&signer_meta))
            .with_settings(as_strs(&query)),
        storage: storage_of(kiosk, StorageMode::default()),
        kiosk,
        ..AppConfig::default()
    }
}

/// The attributes a widget's host sets (README "Embedding"); `instance` names the storage scope
/// of an element without an id.
pub fn widget_config(host: &web_sys::HtmlElement, instance: u32) -> AppConfig {
    let attr = |name: &str| host.get_attribute(name).filter(|v| !v.trim().is_empty());
    let pairs: Vec<(String, String)> = CONFIGURATION
        .into_iter()
        .filter_map(|name| attr(name).map(|value| (name.to_owned(), value)))
        .collect();
    let kiosk = KioskSettings::from_settings(as_strs(&pairs));
    let scope_name = attr("id").unwrap_or_else(|| format!("widget-{instance}"));
    AppConfig {
        lang: attr("lang").as_deref().and_then(Lang::from_tag),
        api_base: attr("api-base").unwrap_or_default(),
        storage: storage_of(kiosk, StorageMode::Local(StorageScope::named(&scope_name))),
        signer: SignerConfig::default().with_settings(as_strs(&pairs)),
        kiosk,
        region: attr("region"),
        service: attr("service"),
    }
}

/// The language the page asks for with the `lang` query parameter, if any.
fn query_lang() -> Option<Lang> {
    start_query()
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::from_tag)
}

/// A development and test setting from the query of the page the app started on (`now=`,
/// `api-timeout-ms=`); builds without the `stub-signer` feature read none.
#[cfg(feature = "stub-signer")]
pub fn dev_query(name: &str) -> Option<String> {
    let query = start_query();
    let value = setting_pairs(&query).find_map(|(n, v)| (n == name).then_some(v))?;
    js_sys::decode_uri_component(value).ok()?.as_string()
}

/// The configuration pairs of `query` as they are written there (`mode=kiosk`, …).
fn configuration_in(query: &str) -> Vec<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            let name = pair.split_once('=').map_or(*pair, |(name, _)| name);
            CONFIGURATION.contains(&name.trim())
        })
        .map(str::to_owned)
        .collect()
}

/// `search` (a query, `?` included or empty) with the `pairs` it lacks added at its end; None
/// when it has them all.
fn with_pairs(search: &str, pairs: &[String]) -> Option<String> {
    let query = search.trim_start_matches('?');
    let present: Vec<&str> = query.split('&').collect();
    let missing: Vec<&str> = pairs
        .iter()
        .map(String::as_str)
        .filter(|pair| !present.contains(pair))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let all: Vec<&str> = std::iter::once(query)
        .filter(|q| !q.is_empty())
        .chain(missing)
        .collect();
    Some(format!("?{}", all.join("&")))
}

/// `path` with the configuration the page's query gave: where a kiosk's wipe starts again.
pub fn with_configuration(path: &str) -> String {
    let search = with_pairs("", &configuration_in(&start_query())).unwrap_or_default();
    format!("{path}{search}")
}

/// `url` (a path with perhaps a query and a hash) with the `pairs` its query lacks.
fn url_with_pairs(url: &str, pairs: &[String]) -> Option<String> {
    let (rest, hash) = url.split_at(url.find('#').unwrap_or(url.len()));
    let (path, search) = rest.split_at(rest.find('?').unwrap_or(rest.len()));
    with_pairs(search, pairs).map(|search| format!("{path}{search}{hash}"))
}

thread_local! {
    static KEEPING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the configuration the page's query gave in the address through every navigation and
/// redirect, which otherwise drop the query. A kiosk needs it: the mode is the terminal's, not
/// the person's, and a reload (by a person, or by the kiosk's watchdog) must start the same
/// kiosk again, never a web page that saves what the next person types. Every address the
/// router writes (`history.pushState`, `replaceState`) gets the configuration as it is written,
/// so no moment exists when a reload would lose it. Once per page: a remount keeps it.
pub fn keep_configuration_in_address() {
    let pairs = configuration_in(&start_query());
    if pairs.is_empty() || KEEPING.with(|keeping| keeping.replace(true)) {
        return;
    }
    if let Some(url) = url_with_pairs(&current_address(), &pairs) {
        crate::nav::replace_address(&url);
    }
    let Ok(history) = js_sys::Reflect::get(&window(), &"history".into()) else {
        return;
    };
    for method in ["pushState", "replaceState"] {
        let Ok(original) = js_sys::Reflect::get(&history, &method.into()) else {
            continue;
        };
        let Ok(original) = original.dyn_into::<js_sys::Function>() else {
            continue;
        };
        let (pairs, target) = (pairs.clone(), history.clone());
        let keeping = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
            move |state: JsValue, title: JsValue, url: JsValue| {
                let url = match url.as_string().and_then(|url| url_with_pairs(&url, &pairs)) {
                    Some(with_pairs) => JsValue::from_str(&with_pairs),
                    None => url,
                };
                original.call3(&target, &state, &title, &url)
            },
        );
        let _ = js_sys::Reflect::set(&history, &method.into(), keeping.as_ref());
        // Lives as long as the page.
        keeping.forget();
    }
}

fn current_address() -> String {
    let address = window().location();
    [address.pathname(), address.search(), address.hash()]
        .into_iter()
        .map(|part| part.unwrap_or_default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_configuration_is_kept() {
        assert_eq!(
            configuration_in("?lang=ru&mode=kiosk&now=2027-01-01&kiosk-timeout-s=6"),
            vec!["mode=kiosk", "kiosk-timeout-s=6"]
        );
        assert!(configuration_in("").is_empty());
    }

    #[test]
    fn missing_pairs_are_added_after_the_query() {
        let kiosk = vec!["mode=kiosk".to_owned(), "kiosk-timeout-s=6".to_owned()];
        assert_eq!(
            with_pairs("", &kiosk).as_deref(),
            Some("?mode=kiosk&kiosk-timeout-s=6")
        );
        assert_eq!(
            with_pairs("?return=check&mode=kiosk", &kiosk).as_deref(),
            Some("?return=check&mode=kiosk&kiosk-timeout-s=6")
        );
        assert_eq!(with_pairs("?kiosk-timeout-s=6&mode=kiosk", &kiosk), None);
        assert_eq!(
            url_with_pairs("/region?next=/x#top", &kiosk).as_deref(),
            Some("/region?next=/x&mode=kiosk&kiosk-timeout-s=6#top")
        );
    }
}
