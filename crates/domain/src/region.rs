//! Regions: each seed regulation was adopted for one territory, and territories disagree (kinds of
//! referral, step durations), so the catalogue keeps one profile per region instead of merging.

use crate::ids::string_id;
use crate::locale::LocalizedText;
use crate::provenance::SeedFile;
use serde::{Deserialize, Serialize};

string_id!(
    /// A region profile, e.g. `kyzylorda` or `national_standard` (the seed that names no region):
    /// one of the ids `GET /api/v1/regions` lists.
    RegionId
);

/// A region whose regulation (seed) describes its own variant of the services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    pub id: RegionId,
    pub name: LocalizedText,
    /// The regulation that describes this region's services; exactly one per region.
    pub seed: SeedFile,
    /// False where the oblast (or the whole territory) is our inference, not the seed's words.
    pub territory_named_in_seed: bool,
}
