//! The wizard's state, shared by its pages through context, and where it is kept.

use crate::draft::{self, Draft, Loaded};
use egov_domain::{Lang, RegionId, ServiceId};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

/// Where drafts and preferences live: the browser's localStorage under a scope's keys, or
/// memory only (kiosk mode must leave nothing personal behind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageMode {
    Local(StorageScope),
    Memory,
}

impl Default for StorageMode {
    fn default() -> Self {
        StorageMode::Local(StorageScope::PAGE)
    }
}

/// The prefix of an app instance's storage keys: the page's own, or one per embedded widget so
/// that two widgets on one page never read each other's drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageScope(&'static str);

thread_local! {
    static SCOPES: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl StorageScope {
    pub const PAGE: StorageScope = StorageScope(STORAGE_PREFIX);

    /// The scope of a widget named `name` (its element id). Interned, so that a widget mounted
    /// again and again does not grow memory.
    pub fn named(name: &str) -> StorageScope {
        let prefix: String = format!("{}{}.", STORAGE_PREFIX, name)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        SCOPES.with(|scopes| {
            let mut scopes = scopes.borrow_mut();
            if let Some(known) = scopes.iter().find(|known| **known == prefix) {
                return StorageScope(known);
            }
            let leaked: &'static str = Box::leak(prefix.into_boxed_str());
            scopes.push(leaked);
            StorageScope(leaked)
        })
    }

    pub fn key(&self, what: &str) -> String {
        format!("{}{what}", self.0)
    }
}

/// Every key the app writes to browser storage starts with this.
pub const STORAGE_PREFIX: &str = "egov-wizard.";

const LANG_KEY: &str = "lang";
const REGION_KEY: &str = "region";

fn draft_key(scope: StorageScope, service: &ServiceId) -> String {
    scope.key(&format!("draft.{service}"))
}

/// The wizard's reactive state.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub draft: RwSignal<Draft>,
    /// One key per application: a retry after a failure reuses it, so the server never
    /// creates a second application. Kept with the draft so a reload keeps it too.
    pub idempotency_key: RwSignal<Option<String>>,
    pub region: RwSignal<Option<RegionId>>,
    /// Set when a stored draft could not be read and was dropped, for a one-time notice.
    pub draft_discarded: RwSignal<bool>,
    pub storage: StorageMode,
}

impl Wizard {
    pub fn new(storage: StorageMode) -> Wizard {
        let region = match storage {
            StorageMode::Local(scope) => LocalStorage::get::<RegionId>(scope.key(REGION_KEY)).ok(),
            StorageMode::Memory => None,
        };
        Wizard {
            draft: RwSignal::new(Draft::default()),
            idempotency_key: RwSignal::new(None),
            region: RwSignal::new(region),
            draft_discarded: RwSignal::new(false),
            storage,
        }
    }

    /// The language the person chose on an earlier visit, if any.
    pub fn saved_lang(storage: StorageMode) -> Option<Lang> {
        match storage {
            StorageMode::Local(scope) => LocalStorage::get::<Lang>(scope.key(LANG_KEY)).ok(),
            StorageMode::Memory => None,
        }
    }

    pub fn save_lang(&self, lang: Lang) {
        if let StorageMode::Local(scope) = self.storage {
            let _ = LocalStorage::set(scope.key(LANG_KEY), lang);
        }
    }

    pub fn set_region(&self, region: RegionId) {
        if let StorageMode::Local(scope) = self.storage {
            let _ = LocalStorage::set(scope.key(REGION_KEY), &region);
        }
        self.region.set(Some(region));
    }

    /// The stored draft of a service, reading it (and migrating or discarding it) once.
    pub fn stored_draft(&self, service: &ServiceId) -> Option<Draft> {
        let StorageMode::Local(scope) = self.storage else {
            return None;
        };
        let raw: String = LocalStorage::raw()
            .get_item(&draft_key(scope, service))
            .ok()??;
        match draft::decode(&raw) {
            Loaded::Draft(draft) => Some(*draft),
            Loaded::Nothing => None,
            Loaded::Discarded => {
                LocalStorage::delete(draft_key(scope, service));
                self.draft_discarded.set(true);
                None
            }
        }
    }

    /// Makes `service` the current application: the draft in memory if it is this service's,
    /// else the stored one, else a new one.
    pub fn open(&self, service: &ServiceId, region: &RegionId) {
        let current = self.draft.get_untracked();
        if current.service.as_ref() == Some(service) && current.region.as_ref() == Some(region) {
            return;
        }
        let mut draft = self
            .stored_draft(service)
            // A migrated draft may predate regions; a draft of another region is not this one.
            .filter(|d| d.region.is_none() || d.region.as_ref() == Some(region))
            .unwrap_or_default();
        draft.service = Some(service.clone());
        draft.region = Some(region.clone());
        self.idempotency_key.set(draft.idempotency_key.clone());
        self.draft.set(draft);
    }

    /// Writes the draft; called by an effect on every change.
    pub fn persist(&self, draft: &Draft) {
        let StorageMode::Local(scope) = self.storage else {
            return;
        };
        if let Some(service) = &draft.service {
            let _ = LocalStorage::raw().set_item(&draft_key(scope, service), &draft::encode(draft));
        }
    }

    pub fn start_again(&self, service: &ServiceId) {
        if let StorageMode::Local(scope) = self.storage {
            LocalStorage::delete(draft_key(scope, service));
        }
        let region = self.draft.get_untracked().region;
        self.draft.set(Draft {
            service: Some(service.clone()),
            region,
            ..Draft::default()
        });
        self.idempotency_key.set(None);
    }

    pub fn idempotency_key(&self) -> String {
        if let Some(key) = self.idempotency_key.get_untracked() {
            return key;
        }
        let key = new_idempotency_key();
        self.idempotency_key.set(Some(key.clone()));
        self.draft.update(|d| d.idempotency_key = Some(key.clone()));
        key
    }

    /// Forgets the application after it has been submitted.
    pub fn finish(&self) {
        if let Some(service) = self.draft.get_untracked().service {
            if let StorageMode::Local(scope) = self.storage {
                LocalStorage::delete(draft_key(scope, &service));
            }
        }
        self.draft.set(Draft::default());
        self.idempotency_key.set(None);
    }
}

/// 128 random bits from the browser's CSPRNG (`crypto.getRandomValues`), as 32 hex digits: a
/// key nobody can guess (`Math.random` is predictable). The key is signed with the application,
/// and the server scopes it to the applicant.
fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = leptos::prelude::window()
        .crypto()
        .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut bytes));
    // Every browser the app runs in has Web Crypto; without it the key would not be random.
    filled.expect("crypto.getRandomValues is available");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}
