//! The wizard's state, shared by its pages through context.

use egov_domain::{Applicant, Application, Lang, ServiceId};
use leptos::prelude::*;

/// What the person has entered so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub service: Option<ServiceId>,
    /// The IIN as accepted (normalised); empty until the IIN step is completed.
    pub iin: String,
}

impl Draft {
    /// The application to sign, once every step is done.
    pub fn application(&self, lang: Lang) -> Option<Application> {
        let service = self.service.clone()?;
        if self.iin.is_empty() {
            return None;
        }
        Some(Application {
            service,
            applicant: Applicant {
                iin: self.iin.clone(),
            },
            lang,
        })
    }
}

/// The wizard's reactive state.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub draft: RwSignal<Draft>,
    /// One key per application: a retry after a failure reuses it, so the server never
    /// creates a second application.
    pub idempotency_key: RwSignal<Option<String>>,
}

impl Wizard {
    pub fn new() -> Wizard {
        Wizard {
            draft: RwSignal::new(Draft::default()),
            idempotency_key: RwSignal::new(None),
        }
    }

    pub fn idempotency_key(&self) -> String {
        if let Some(key) = self.idempotency_key.get_untracked() {
            return key;
        }
        let key = new_idempotency_key();
        self.idempotency_key.set(Some(key.clone()));
        key
    }

    /// Forgets the application after it has been submitted.
    pub fn finish(&self) {
        self.draft.set(Draft::default());
        self.idempotency_key.set(None);
    }
}

impl Default for Wizard {
    fn default() -> Self {
        Wizard::new()
    }
}

fn new_idempotency_key() -> String {
    let random = || (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!(
        "{:08x}{:08x}{:08x}{:08x}",
        random(),
        random(),
        random(),
        js_sys::Date::now() as u32
    )
}

pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}
