//! Documents an applicant brings or attaches, and which applicant needs which.

use crate::catalogue::ServiceView;
use crate::ids::string_id;
use crate::locale::LocalizedText;
use crate::procedure::ChannelKind;
use crate::profile::{ApplicantCategory, ApplicantFact, ApplicantProfile};
use crate::provenance::{SeedFile, SeedQuote, SeedRef, Source};
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
    /// The "document" is a regulation's reference to the list of another act (e.g. "the
    /// documents of paragraph 9 of the standard"): every requirement of it must name that act.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_cross_reference: bool,
}

/// The act a regulation refers to for a list it does not reproduce, as the seed cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StandardReference {
    /// The paragraph of the standard that holds the list, e.g. `9`.
    pub paragraph: String,
    /// The standard's title, e.g. «Регистрация лиц, ищущих работу, в качестве безработного».
    pub title: SeedQuote,
    /// The order that approved it, in the seed's words (who, date, number, registration).
    pub approved_by: SeedQuote,
    /// The order's number, e.g. `279`.
    pub number: String,
    /// The order's date, `YYYY-MM-DD`.
    pub date: String,
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
#[serde_with::skip_serializing_none]
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
    /// The paragraph of the seed that asks for the document.
    pub at: Option<SeedRef>,
    /// For a cross-reference: the act whose list it is.
    pub cross_reference: Option<StandardReference>,
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

/// The one list of documents for a channel, which the catalogue card, the online documents step,
/// the office page and the visit sheet all show, so they cannot disagree.
///
/// With an applicant: exactly what that person brings to (or attaches in) the channel, each
/// conditional document only when its condition holds. Without one (the card, before anyone is
/// asked): every document the channel may ask for, with its condition or categories to show.
/// On the portal, what the signed application itself is (the request and the ЭЦП certificate)
/// is nobody's to attach and is left out. A document listed twice (e.g. for two categories)
/// appears once.
pub fn checklist<'a>(
    service: &'a ServiceView,
    channel: ChannelKind,
    applicant: Option<&ApplicantProfile>,
) -> Vec<&'a DocumentRequirementView> {
    let mut list: Vec<&DocumentRequirementView> = Vec::new();
    for document in &service.documents {
        let requirement = &document.requirement;
        let wanted = match applicant {
            Some(applicant) => requirement.is_needed_by(applicant, channel),
            None => requirement.applies_to_channel(channel),
        };
        let made_by_signing = channel == ChannelKind::EgovPortal
            && requirement.document.is_satisfied_by_signed_application();
        if wanted
            && !made_by_signing
            && !list
                .iter()
                .any(|listed| listed.requirement.document == requirement.document)
        {
            list.push(document);
        }
    }
    list
}

/// The channel whose documents the catalogue card lists: the online one where there is one
/// (that is what "Apply" leads to), otherwise the first office.
pub fn card_channel(service: &ServiceView) -> Option<ChannelKind> {
    service
        .online_channels()
        .chain(service.offline_channels())
        .next()
        .map(|c| c.kind)
}

/// The documents an applicant attaches when applying online: [`checklist`] for the portal.
/// The wizard's documents step asks for exactly these, and the server refuses a submission
/// without them.
pub fn attachments_online<'a>(
    service: &'a ServiceView,
    applicant: &ApplicantProfile,
) -> Vec<&'a DocumentRequirementView> {
    match service.online_channels().next() {
        Some(channel) => checklist(service, channel.kind, Some(applicant)),
        None => Vec::new(),
    }
}
