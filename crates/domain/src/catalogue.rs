//! The service catalogue: which state services exist, in which region, and what each needs.
//!
//! The catalogue is data (`data/catalogue.json`), embedded at compile time and parsed with serde.
//! Each service keeps one variant per region whose seed regulation describes it, because the
//! regions' regulations disagree; [`Catalogue::for_region`] resolves a service to one region.

mod integrity;
mod view;

pub use crate::provenance::SeedRef;
pub use integrity::{IntegrityIssue, IntegrityProblem};
pub use view::{ChannelView, ServiceView, StepView};

use crate::documents::{Document, DocumentId, DocumentRequirement};
use crate::eligibility::EligibilityRule;
use crate::ids::string_id;
use crate::locale::LocalizedText;
use crate::procedure::{Actor, ActorId, Channel, StepAction, StepActionId};
use crate::profile::ApplicantCategoryInfo;
use crate::provenance::{Seed, SeedQuote, SeedRef as Cite, Source};
use crate::region::{Region, RegionId};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

string_id!(
    /// Identifier of a state service, e.g. `active_employment_referral`: one of the ids
    /// `GET /api/v1/services` lists.
    ServiceId
);

string_id!(
    /// Identifier of a service result, e.g. `youth_practice_referral` or `motivated_refusal`.
    ResultId
);

/// The area of social policy a service belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ServiceDomain {
    Employment,
    SocialAssistance,
    SpecialSocialServices,
}

/// One state service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub name: LocalizedText,
    /// Whether some channel of the service, in some region, accepts an application through the
    /// portal. Per region, see [`ServiceView::online`].
    pub online: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<ServiceDomain>,
    /// One per region whose seed describes the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<ServiceVariant>,
}

impl Service {
    pub fn variant(&self, region: &RegionId) -> Option<&ServiceVariant> {
        self.variants.iter().find(|v| v.region() == region)
    }

    pub fn regions(&self) -> impl Iterator<Item = &RegionId> {
        self.variants.iter().map(ServiceVariant::region)
    }
}

/// A service as one region's regulation describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceVariant {
    pub source: Source,
    /// The region's own title, where it differs from the service's usual one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    pub provider: Provider,
    pub results: Vec<ServiceResult>,
    pub channels: Vec<Channel>,
    pub documents: Vec<DocumentRequirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eligibility: Vec<EligibilityRule>,
    /// What the regulation says about refusing or suspending the service, quoted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<Ground>,
}

/// What a ground quoted from the regulation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum GroundKind {
    /// A ground on which the service is refused.
    Refusal,
    /// A ground on which the office does not accept the application at all.
    AcceptanceRefusal,
    /// What the regulation says about suspending the service.
    Suspension,
    /// The regulation refers to the grounds of a paragraph of the standard without quoting them.
    RefusalByCrossReference,
}

/// A ground for refusing (or a statement on suspending) the service, in the regulation's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ground {
    pub kind: GroundKind,
    pub wording: SeedQuote,
    pub at: Cite,
}

impl ServiceVariant {
    pub fn region(&self) -> &RegionId {
        &self.source.region
    }

    pub fn accepts_online_application(&self) -> bool {
        self.channels.iter().any(|c| c.accepts_online_application)
    }
}

/// The body that delivers the service ("услугодатель").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provider {
    pub name: LocalizedText,
    pub source: Source,
    /// The paragraph that names the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Cite>,
}

/// Whether a result grants what was asked, refuses it, or may do either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ResultKind {
    Positive,
    Refusal,
    /// One document that either grants or refuses (e.g. "notification of assignment or refusal").
    PositiveOrRefusal,
}

/// The form in which a result is handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ResultForm {
    Paper,
    Electronic,
    /// Seed 003 gives career guidance as oral information, not as a document.
    OralConsultation,
}

/// What the applicant receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceResult {
    pub id: ResultId,
    pub kind: ResultKind,
    pub name: LocalizedText,
    /// Empty where the regulation does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<ResultForm>,
    pub source: Source,
}

/// A regulation the seed lists but has excluded: kept so nobody re-adds it by mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawnService {
    pub id: ServiceId,
    pub name: LocalizedText,
    pub withdrawn_by: SeedQuote,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seeds: Vec<Seed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applicant_categories: Vec<ApplicantCategoryInfo>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_actions: Vec<StepAction>,
    pub services: Vec<Service>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawn_services: Vec<WithdrawnService>,
}

// `data/catalogue.json` without its layout, written by `build.rs`.
const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/catalogue.json"));

impl Catalogue {
    /// The catalogue checked into the repository.
    pub fn embedded() -> Catalogue {
        Catalogue::shared().clone()
    }

    /// The embedded catalogue, parsed once per process: screens that look it up on every render
    /// should not pay for parsing it each time.
    pub fn shared() -> &'static Catalogue {
        static SHARED: OnceLock<Catalogue> = OnceLock::new();
        SHARED.get_or_init(|| {
            Catalogue::from_json(EMBEDDED).expect("the embedded catalogue is validated by tests")
        })
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

    pub fn region(&self, id: &RegionId) -> Option<&Region> {
        self.regions.iter().find(|r| &r.id == id)
    }

    /// The services, results, channels and deadlines of one region. A service appears only if
    /// that region's seed describes it.
    pub fn for_region<'a>(
        &'a self,
        region: &'a RegionId,
    ) -> impl Iterator<Item = ServiceView> + 'a {
        self.services.iter().filter_map(move |service| {
            let variant = service.variant(region)?;
            Some(ServiceView::resolve(self, service, variant))
        })
    }

    /// One service as one region's regulation describes it.
    pub fn service_in_region(&self, id: &ServiceId, region: &RegionId) -> Option<ServiceView> {
        let service = self.service(id)?;
        let variant = service.variant(region)?;
        Some(ServiceView::resolve(self, service, variant))
    }

    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }

    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actors.iter().find(|a| &a.id == id)
    }

    pub fn step_action(&self, id: &StepActionId) -> Option<&StepAction> {
        self.step_actions.iter().find(|a| &a.id == id)
    }

    /// Broken references and inconsistencies; empty for a sound catalogue. A server that loads
    /// a catalogue of its own should refuse one with issues.
    pub fn integrity_issues(&self) -> Vec<IntegrityIssue> {
        integrity::check(self)
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
