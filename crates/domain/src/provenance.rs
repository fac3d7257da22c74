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

/// Where in a seed a fact stands: the seed and the paragraph (the regulation's own numbering,
/// e.g. `8`, `10.2` for sub-item 2 of paragraph 10; `header` for the text above paragraph 1).
/// Every fact the citizen is shown (an address, opening hours, a ground for refusal, a document)
/// carries one, and the catalogue's integrity check refuses a fact without it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeedRef {
    pub seed: SeedFile,
    pub paragraph: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum LegalStatus {
    Repealed,
    NotStated,
}

/// One seed regulation.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Seed {
    pub file: SeedFile,
    pub language: Lang,
    pub legal_status: LegalStatus,
    /// The approving act in the seed's words; `None` where the text carries no approving act.
    #[serialize_always]
    pub act: Option<SeedQuote>,
    /// The legal status in the seed's own words («Утративший силу», «Күшін жойған»); `None`
    /// where the seed states none.
    pub legal_status_wording: Option<SeedQuote>,
    /// The act that repealed it, in the seed's words.
    pub repealed_by: Option<SeedQuote>,
}
