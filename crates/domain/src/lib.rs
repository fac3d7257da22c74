//! The wizard's domain: everything that is true whatever the screen or the server.
//!
//! No browser and no server dependency lives here, so the same rules run natively in fast tests,
//! in the reference server (the final word) and in the wasm app (instant feedback).

pub mod api;
pub mod application;
pub mod calendar;
pub mod catalogue;
pub mod completeness;
pub mod deadline;
pub mod documents;
pub mod eligibility;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod ids;
pub mod iin;
pub mod iso_date;
#[cfg(feature = "l10n")]
pub mod l10n;
pub mod locale;
pub mod ncalayer;
pub mod procedure;
pub mod profile;
pub mod provenance;
pub mod region;
pub mod schedule;
pub mod signature;
pub mod status;
pub mod upload_policy;
pub mod validation;
pub mod workflow;
pub mod working_time;

pub use application::{Applicant, Application, AttachedDocument};
pub use catalogue::{Catalogue, ServiceId};
pub use iin::{Bin, Iin, IinError};
pub use locale::{Lang, LocalizedText};
pub use profile::{ApplicantCategory, ApplicantProfile};
pub use region::RegionId;
pub use status::ApplicationStatus;
