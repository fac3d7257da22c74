//! A service resolved to one region, with every name filled in: what the API serves and the
//! wizard renders, without either having to join the catalogue's dictionaries.

use super::{
    Catalogue, Ground, Provider, ResultId, Service, ServiceDomain, ServiceId, ServiceResult,
    ServiceVariant,
};
use crate::documents::DocumentRequirementView;
use crate::eligibility::EligibilityRule;
use crate::locale::LocalizedText;
use crate::procedure::{Channel, ChannelKind, Step};
use crate::provenance::{Seed, Source};
use crate::region::RegionId;
use serde::{Deserialize, Serialize};

/// A service resolved to one region: its provider, results, channels (each with its steps and
/// deadline), documents and eligibility rules as that region's regulation states them, every
/// catalogue id accompanied by its name in the three languages.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceView {
    pub id: ServiceId,
    /// The region's own title where it has one, otherwise the service's usual one.
    pub name: LocalizedText,
    pub region: RegionId,
    pub domain: Option<ServiceDomain>,
    /// Whether this region's regulation offers an online application.
    pub online: bool,
    pub provider: Provider,
    /// What the applicant may receive.
    pub results: Vec<ServiceResult>,
    pub channels: Vec<ChannelView>,
    /// Every document of the service in this region, for every category and channel; each says
    /// whom and which channels it concerns.
    pub documents: Vec<DocumentRequirementView>,
    /// Who may receive which result; absent when the regulation sets no condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eligibility: Vec<EligibilityRule>,
    /// Grounds for refusing (or not suspending) the service, quoted from the regulation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<Ground>,
    pub source: Source,
    /// The regulation itself: its act, legal status and language, for the page's source line.
    pub regulation: Option<Seed>,
}

/// A channel as a `ServiceView` serves it: each step with its actor's and action's names.
pub type ChannelView = Channel<StepView>;

/// A step of a channel's procedure (the fields of `Step`) with its actor's and action's names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepView {
    #[serde(flatten)]
    pub step: Step,
    /// The name of the step's `actor`.
    pub actor_name: LocalizedText,
    /// The name of the step's `action`.
    pub action_name: LocalizedText,
}

impl ServiceView {
    pub(super) fn resolve(
        catalogue: &Catalogue,
        service: &Service,
        variant: &ServiceVariant,
    ) -> ServiceView {
        let mut name = variant.name.clone().unwrap_or_else(|| service.name.clone());
        // A Kazakh name quoted from another region's regulation is not this regulation's wording.
        if name
            .kk_source
            .as_ref()
            .is_some_and(|at| at.seed != variant.source.seed)
        {
            name.kk_translated = true;
        }
        ServiceView {
            id: service.id.clone(),
            name,
            region: variant.region().clone(),
            domain: service.domain,
            online: variant.accepts_online_application(),
            provider: variant.provider.clone(),
            results: variant.results.clone(),
            channels: variant
                .channels
                .iter()
                .map(|c| channel_view(catalogue, c))
                .collect(),
            documents: variant
                .documents
                .iter()
                .map(|requirement| DocumentRequirementView {
                    name: catalogue
                        .document(&requirement.document)
                        .map(|d| d.name.clone())
                        .unwrap_or_else(|| id_as_text(requirement.document.as_str())),
                    requirement: requirement.clone(),
                })
                .collect(),
            eligibility: variant.eligibility.clone(),
            grounds: variant.grounds.clone(),
            source: variant.source.clone(),
            regulation: catalogue
                .seeds
                .iter()
                .find(|s| s.file == variant.source.seed)
                .cloned(),
        }
    }

    pub fn result(&self, id: &ResultId) -> Option<&ServiceResult> {
        self.results.iter().find(|r| &r.id == id)
    }

    pub fn channel(&self, kind: ChannelKind) -> Option<&ChannelView> {
        self.channels.iter().find(|c| c.kind == kind)
    }

    pub fn online_channels(&self) -> impl Iterator<Item = &ChannelView> {
        self.channels
            .iter()
            .filter(|c| c.accepts_online_application)
    }

    pub fn offline_channels(&self) -> impl Iterator<Item = &ChannelView> {
        self.channels
            .iter()
            .filter(|c| !c.accepts_online_application)
    }
}

fn channel_view(catalogue: &Catalogue, channel: &Channel) -> ChannelView {
    channel.clone().map_steps(|step| StepView {
        actor_name: catalogue
            .actor(&step.actor)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id_as_text(step.actor.as_str())),
        action_name: catalogue
            .step_action(&step.action)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id_as_text(step.action.as_str())),
        step,
    })
}

/// A dangling reference still renders as its id, so a broken catalogue stays traceable on screen;
/// [`Catalogue::integrity_issues`] reports it.
fn id_as_text(id: &str) -> LocalizedText {
    LocalizedText {
        kk: id.to_owned(),
        ru: id.to_owned(),
        en: id.to_owned(),
        kk_translated: false,
        ru_translated: false,
        kk_source: None,
    }
}
