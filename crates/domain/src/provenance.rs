//! Where each fact comes from: the seed regulation (by file name) and the region it was adopted for.
//!
//! The seeds are repealed or of unknown status and contradict each other, so every fact keeps its
//! origin; the wizard can then say which regulation it follows.

use crate::ids::string_id;
use crate::locale::Lang;
use crate::region::RegionId;
use serde::{Deserialize, Serialize};

string_id!(
    /// File name of a seed regulation, e.g. `004_95a6d7c2b4c359dc.txt`.
    SeedFile
);

/// The seed and region a fact was taken from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    pub seed: SeedFile,
    pub region: RegionId,
}

/// A seed's own words, kept verbatim (Kazakh normalised to Cyrillic "і") as evidence for a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeedQuote {
    pub lang: Lang,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalStatus {
    Repealed,
    NotStated,
}

/// One seed regulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seed {
    pub file: SeedFile,
    pub language: Lang,
    pub legal_status: LegalStatus,
    /// The approving act in the seed's words; `None` where the text carries no approving act.
    pub act: Option<SeedQuote>,
}
