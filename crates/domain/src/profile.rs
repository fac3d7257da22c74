//! Who is applying: the applicant's category and the facts that rules and document conditions test.

use crate::locale::LocalizedText;
use crate::provenance::SeedFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The kinds of recipient seed 003 names: citizens, foreigners residing permanently in Kazakhstan,
/// stateless persons and kandas (the seed's "оралман").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApplicantCategory {
    Citizen,
    ForeignerWithResidencePermit,
    StatelessPerson,
    Kandas,
}

impl ApplicantCategory {
    pub const ALL: [ApplicantCategory; 4] = [
        ApplicantCategory::Citizen,
        ApplicantCategory::ForeignerWithResidencePermit,
        ApplicantCategory::StatelessPerson,
        ApplicantCategory::Kandas,
    ];
}

/// Catalogue entry naming a category in the three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantCategoryInfo {
    pub id: ApplicantCategory,
    pub name: LocalizedText,
    pub sources: Vec<SeedFile>,
}

/// A fact about the applicant that an eligibility rule or a document condition depends on.
/// The same codes serve as document condition codes, so the UI asks each question once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApplicantFact {
    RegisteredAsUnemployed,
    RegisteredAsJobSeeker,
    HasQualification,
    FirstJobSeekerWithoutProfession,
    AppliesThroughRepresentative,
    RuralSocialSphereSpecialist,
    #[serde(rename = "has_child_under_18")]
    HasChildUnder18,
}

impl ApplicantFact {
    pub const ALL: [ApplicantFact; 7] = [
        ApplicantFact::RegisteredAsUnemployed,
        ApplicantFact::RegisteredAsJobSeeker,
        ApplicantFact::HasQualification,
        ApplicantFact::FirstJobSeekerWithoutProfession,
        ApplicantFact::AppliesThroughRepresentative,
        ApplicantFact::RuralSocialSphereSpecialist,
        ApplicantFact::HasChildUnder18,
    ];
}

/// What the wizard knows about the applicant. A fact absent from `facts` counts as not holding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantProfile {
    pub category: ApplicantCategory,
    #[serde(default)]
    pub facts: BTreeSet<ApplicantFact>,
}

impl ApplicantProfile {
    pub fn new(category: ApplicantCategory) -> Self {
        ApplicantProfile {
            category,
            facts: BTreeSet::new(),
        }
    }

    pub fn with(mut self, fact: ApplicantFact) -> Self {
        self.facts.insert(fact);
        self
    }

    pub fn has(&self, fact: ApplicantFact) -> bool {
        self.facts.contains(&fact)
    }
}
