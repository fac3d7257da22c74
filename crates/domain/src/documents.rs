//! Documents an applicant brings or attaches, and which applicant needs which.

use crate::catalogue::ServiceView;
use crate::ids::string_id;
use crate::locale::LocalizedText;
use crate::procedure::ChannelKind;
use crate::profile::{ApplicantCategory, ApplicantFact, ApplicantProfile};
use crate::provenance::{SeedFile, Source};
use serde::{Deserialize, Serialize};

string_id!(
    /// A kind of document, e.g. `identity_document`; named in the catalogue's `documents`.
    DocumentId
);

/// Catalogue entry naming a document in the three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocumentId,
    pub name: LocalizedText,
    pub sources: Vec<SeedFile>,
}

/// Whether a document is always needed or only when a fact about the applicant holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DocumentNeed {
    Required,
    Conditional { condition: ApplicantFact },
}

/// One document of one service in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentRequirement {
    pub document: DocumentId,
    pub need: DocumentNeed,
    /// Categories the document is asked of; empty means every category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<ApplicantCategory>,
    /// Channels the document belongs to; empty means every channel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<ChannelKind>,
    pub source: Source,
}

impl DocumentRequirement {
    pub fn applies_to_category(&self, category: ApplicantCategory) -> bool {
        self.categories.is_empty() || self.categories.contains(&category)
    }

    pub fn applies_to_channel(&self, channel: ChannelKind) -> bool {
        self.channels.is_empty() || self.channels.contains(&channel)
    }

    /// Whether this applicant, applying through this channel, has to bring the document.
    pub fn is_needed_by(&self, applicant: &ApplicantProfile, channel: ChannelKind) -> bool {
        let condition_holds = match self.need {
            DocumentNeed::Required => true,
            DocumentNeed::Conditional { condition } => applicant.has(condition),
        };
        condition_holds
            && self.applies_to_category(applicant.category)
            && self.applies_to_channel(channel)
    }
}

/// Documents the portal produces itself: the electronic request is the signed application, and
/// the signature's certificate is the ЭЦП registration certificate. Nobody uploads them.
pub const SATISFIED_BY_SIGNED_APPLICATION: [&str; 2] =
    ["electronic_request", "ecp_registration_certificate"];

impl DocumentId {
    pub fn is_satisfied_by_signed_application(&self) -> bool {
        SATISFIED_BY_SIGNED_APPLICATION.contains(&self.as_str())
    }
}

/// A requirement together with the document's name, so a view is complete on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentRequirementView {
    #[serde(flatten)]
    pub requirement: DocumentRequirement,
    pub name: LocalizedText,
}

/// Every document a category may be asked for in this region, required and conditional alike,
/// whatever the channel: the checklist the wizard shows before asking any question.
pub fn documents_for_category(
    service: &ServiceView,
    category: ApplicantCategory,
) -> impl Iterator<Item = &DocumentRequirementView> {
    service
        .documents
        .iter()
        .filter(move |d| d.requirement.applies_to_category(category))
}

/// The documents this applicant has to bring to (or attach in) this channel, conditions resolved.
pub fn documents_to_bring<'a>(
    service: &'a ServiceView,
    applicant: &'a ApplicantProfile,
    channel: ChannelKind,
) -> impl Iterator<Item = &'a DocumentRequirementView> {
    service
        .documents
        .iter()
        .filter(move |d| d.requirement.is_needed_by(applicant, channel))
}

/// The documents an applicant attaches when applying online: what the online channel asks of
/// them, less what the signed application itself is (the request and the ЭЦП certificate).
/// The wizard's documents step asks for exactly these, and the server refuses a submission
/// without them.
pub fn attachments_online<'a>(
    service: &'a ServiceView,
    applicant: &ApplicantProfile,
) -> Vec<&'a DocumentRequirementView> {
    let Some(channel) = service.online_channels().next() else {
        return Vec::new();
    };
    let mut needed: Vec<&DocumentRequirementView> = Vec::new();
    let to_bring = service
        .documents
        .iter()
        .filter(|d| d.requirement.is_needed_by(applicant, channel.kind));
    for document in to_bring {
        let id = &document.requirement.document;
        // A document listed twice (e.g. for two categories) is attached once.
        if !id.is_satisfied_by_signed_application()
            && !needed.iter().any(|n| &n.requirement.document == id)
        {
            needed.push(document);
        }
    }
    needed
}
