//! The service catalogue: which state services exist and what each of them needs.
//!
//! The catalogue is data (`data/catalogue.json`), embedded at compile time and parsed once.

use crate::locale::LocalizedText;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifier of a state service, e.g. `active_employment_referral`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ServiceId(pub String);

impl ServiceId {
    pub fn new(id: impl Into<String>) -> Self {
        ServiceId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ServiceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One state service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub name: LocalizedText,
    /// Whether some channel of the service accepts an application through the portal.
    pub online: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub services: Vec<Service>,
}

const EMBEDDED: &str = include_str!("../data/catalogue.json");

impl Catalogue {
    /// The catalogue checked into the repository.
    pub fn embedded() -> Catalogue {
        Catalogue::from_json(EMBEDDED).expect("the embedded catalogue is validated by tests")
    }

    pub fn from_json(json: &str) -> Result<Catalogue, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn service(&self, id: &ServiceId) -> Option<&Service> {
        self.services.iter().find(|s| &s.id == id)
    }

    pub fn online_services(&self) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(|s| s.online)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogue_parses_and_has_the_referral_service() {
        let catalogue = Catalogue::embedded();
        let referral = catalogue
            .service(&ServiceId::new("active_employment_referral"))
            .expect("referral service");
        assert!(referral.online);
        assert!(referral.name.ru.starts_with("Выдача направлений"));
    }
}
