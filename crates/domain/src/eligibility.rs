//! Who may receive which result, and how the application has to be made.
//!
//! Rules are data in the catalogue (each quoting its seed); this module evaluates them. Outcomes
//! are machine codes only: the UI owns the wording in each language.

use crate::catalogue::{ResultId, ResultKind, ServiceView};
use crate::documents::{checklist, DocumentRequirementView};
use crate::locale::LocalizedText;
use crate::procedure::{ChannelCondition, ChannelKind, OfficeContact};
use crate::profile::{ApplicantCategory, ApplicantFact, ApplicantProfile};
use crate::provenance::{SeedQuote, Source};
use serde::{Deserialize, Serialize};

/// Why something is refused or restricted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReasonCode {
    RequiresUnemployedRegistration,
    RequiresJobSeekerOrUnemployedRegistration,
    RequiresRuralSocialSphereSpecialist,
    #[serde(rename = "requires_child_under_18")]
    RequiresChildUnder18,
    ApplicantCategoryNotServed,
    ResultNotOfferedInRegion,
    NoOnlineChannel,
}

/// An eligibility rule as one region's regulation states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EligibilityRule {
    /// At least one of `facts` must hold, for every result except `except_results`.
    RequiresAnyFact {
        facts: Vec<ApplicantFact>,
        reason: ReasonCode,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        except_results: Vec<ResultId>,
        wording: SeedQuote,
        source: Source,
    },
    /// Only these categories are recipients of the service.
    ServedCategories {
        categories: Vec<ApplicantCategory>,
        wording: SeedQuote,
        source: Source,
    },
}

impl EligibilityRule {
    pub fn source(&self) -> &Source {
        match self {
            EligibilityRule::RequiresAnyFact { source, .. }
            | EligibilityRule::ServedCategories { source, .. } => source,
        }
    }

    /// The reason this rule refuses the applicant for the result, if it does.
    fn refusal(&self, result: &ResultId, applicant: &ApplicantProfile) -> Option<ReasonCode> {
        match self {
            EligibilityRule::RequiresAnyFact {
                facts,
                reason,
                except_results,
                ..
            } => {
                let exempt = except_results.contains(result);
                let satisfied = facts.iter().any(|f| applicant.has(*f));
                (!exempt && !satisfied).then_some(*reason)
            }
            EligibilityRule::ServedCategories { categories, .. } => (!categories
                .contains(&applicant.category))
            .then_some(ReasonCode::ApplicantCategoryNotServed),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Eligibility {
    Allowed,
    Refused { reasons: Vec<ReasonCode> },
}

impl Eligibility {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Eligibility::Allowed)
    }

    fn from_reasons(mut reasons: Vec<ReasonCode>) -> Eligibility {
        if reasons.is_empty() {
            return Eligibility::Allowed;
        }
        reasons.sort();
        reasons.dedup();
        Eligibility::Refused { reasons }
    }
}

/// Whether the applicant may receive this result of the service in the view's region.
pub fn check_result(
    service: &ServiceView,
    result: &ResultId,
    applicant: &ApplicantProfile,
) -> Eligibility {
    if service.result(result).is_none() {
        return Eligibility::from_reasons(vec![ReasonCode::ResultNotOfferedInRegion]);
    }
    Eligibility::from_reasons(
        service
            .eligibility
            .iter()
            .filter_map(|rule| rule.refusal(result, applicant))
            .collect(),
    )
}

/// The results an applicant can ask for (every result except a bare refusal), each with its
/// eligibility, in the regulation's order.
pub fn choosable_results<'a>(
    service: &'a ServiceView,
    applicant: &'a ApplicantProfile,
) -> impl Iterator<Item = (&'a ResultId, Eligibility)> + 'a {
    service
        .results
        .iter()
        .filter(|r| r.kind != ResultKind::Refusal)
        .map(move |r| (&r.id, check_result(service, &r.id, applicant)))
}

/// Whether any result of the service is open to the applicant; if none is, every reason found.
pub fn check_service(service: &ServiceView, applicant: &ApplicantProfile) -> Eligibility {
    let mut reasons = Vec::new();
    for (_, eligibility) in choosable_results(service, applicant) {
        match eligibility {
            Eligibility::Allowed => return Eligibility::Allowed,
            Eligibility::Refused { reasons: more } => reasons.extend(more),
        }
    }
    Eligibility::from_reasons(reasons)
}

/// An office where the application can be handed in on paper, with what to bring.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeVisit {
    pub channel: ChannelKind,
    pub name: LocalizedText,
    pub provider: LocalizedText,
    pub availability: Option<ChannelCondition>,
    pub contact: Option<OfficeContact>,
    pub documents: Vec<DocumentRequirementView>,
}

/// How the applicant can apply: online when the region's regulation has a portal channel,
/// otherwise only at an office, which the wizard must say instead of offering a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "route", rename_all = "snake_case")]
pub enum ApplicationRoute {
    Online {
        channel: ChannelKind,
        documents: Vec<DocumentRequirementView>,
        offices: Vec<OfficeVisit>,
    },
    OfficeOnly {
        reason: ReasonCode,
        offices: Vec<OfficeVisit>,
    },
}

/// Every office channel of the service: where to go and which documents this applicant brings.
pub fn office_visits(service: &ServiceView, applicant: &ApplicantProfile) -> Vec<OfficeVisit> {
    service
        .offline_channels()
        .map(|channel| OfficeVisit {
            channel: channel.kind,
            name: channel.name.clone(),
            provider: service.provider.name.clone(),
            availability: channel.availability,
            contact: channel.contact.clone(),
            documents: checklist(service, channel.kind, Some(applicant))
                .into_iter()
                .cloned()
                .collect(),
        })
        .collect()
}

pub fn application_route(service: &ServiceView, applicant: &ApplicantProfile) -> ApplicationRoute {
    let offices = office_visits(service, applicant);
    match service.online_channels().next() {
        Some(online) => ApplicationRoute::Online {
            channel: online.kind,
            documents: checklist(service, online.kind, Some(applicant))
                .into_iter()
                .cloned()
                .collect(),
            offices,
        },
        None => ApplicationRoute::OfficeOnly {
            reason: ReasonCode::NoOnlineChannel,
            offices,
        },
    }
}
