//! How a service is delivered: channels (where the application goes in) and their steps.

use crate::deadline::{sum_of, Deadline, DurationSum, MaxDuration};
use crate::ids::string_id;
use crate::locale::LocalizedText;
use crate::provenance::{SeedQuote, SeedRef, Source};
use serde::{Deserialize, Serialize};

/// Where an application can be made and the result collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ChannelKind {
    /// The e-government portal (egov.kz): the only channel that accepts an online application.
    EgovPortal,
    /// The provider itself (its office / registry, or the "authorised body" in seed 003).
    ProviderOffice,
    /// State Corporation "Government for Citizens".
    StateCorporation,
    /// Akim of a settlement, village or rural district.
    RuralAkim,
}

/// A restriction on who may use a channel, as the regulation states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ChannelCondition {
    /// Only when there is no provider at the applicant's place of residence.
    NoProviderAtPlaceOfResidence,
}

/// Local time of day, "HH:MM".
pub type ClockTime = String;

/// An office's working day, in local time (`HH:MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningHours {
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub opens: ClockTime,
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub closes: ClockTime,
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub break_starts: ClockTime,
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub break_ends: ClockTime,
    /// Whether the office also works on weekends and public holidays.
    pub open_on_days_off: bool,
}

/// Address and contacts of an office, where a seed gives them.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeContact {
    pub address: SeedQuote,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub opening_hours: Option<OpeningHours>,
    /// Where the seed gives each of the facts above; the integrity check refuses a fact
    /// without its paragraph.
    pub cites: Vec<ContactCite>,
}

/// One fact of an office's contact details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ContactFact {
    Address,
    Phone,
    Fax,
    Email,
    Website,
    OpeningHours,
}

/// The paragraph of the seed that gives one contact fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactCite {
    pub fact: ContactFact,
    pub at: SeedRef,
}

impl OfficeContact {
    /// The facts this contact holds, each of which must be cited.
    pub fn facts(&self) -> Vec<ContactFact> {
        let mut facts = vec![ContactFact::Address];
        let optional = [
            (self.phone.is_some(), ContactFact::Phone),
            (self.fax.is_some(), ContactFact::Fax),
            (self.email.is_some(), ContactFact::Email),
            (self.website.is_some(), ContactFact::Website),
            (self.opening_hours.is_some(), ContactFact::OpeningHours),
        ];
        facts.extend(optional.into_iter().filter(|(on, _)| *on).map(|(_, f)| f));
        facts
    }

    pub fn cite(&self, fact: ContactFact) -> Option<&SeedRef> {
        self.cites.iter().find(|c| c.fact == fact).map(|c| &c.at)
    }
}

/// The longest a person waits before being served, as the regulation states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingLimit {
    pub max: MaxDuration,
    pub wording: SeedQuote,
    pub at: SeedRef,
}

/// A restriction on a channel in the regulation's words, with its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CitedWording {
    pub wording: SeedQuote,
    pub at: SeedRef,
}

/// One channel of the service in this region: where the application goes in, the procedure it
/// follows there and its total deadline.
// The catalogue holds its steps as `Step`s; a `ServiceView` serves it as `ChannelView`, each
// step with its actor's and action's names: one list of a channel's facts for both.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ChannelView))]
pub struct Channel<S = Step> {
    pub kind: ChannelKind,
    pub name: LocalizedText,
    /// Whether an application can be made online through this channel (the portal only).
    pub accepts_online_application: bool,
    /// Who may use the channel, where the regulation restricts it.
    pub availability: Option<ChannelCondition>,
    // `availability` in the regulation's words.
    pub availability_wording: Option<CitedWording>,
    pub contact: Option<OfficeContact>,
    pub waiting_limit: Option<WaitingLimit>,
    pub steps: Vec<S>,
    pub deadline: Deadline,
    pub source: Source,
}

impl<S> Channel<S> {
    /// The same channel with each step turned into `step`'s.
    pub fn map_steps<T>(self, step: impl FnMut(S) -> T) -> Channel<T> {
        let Channel {
            kind,
            name,
            accepts_online_application,
            availability,
            availability_wording,
            contact,
            waiting_limit,
            steps,
            deadline,
            source,
        } = self;
        Channel {
            kind,
            name,
            accepts_online_application,
            availability,
            availability_wording,
            contact,
            waiting_limit,
            steps: steps.into_iter().map(step).collect(),
            deadline,
            source,
        }
    }
}

string_id!(
    /// Who performs a step, e.g. `provider_head`; named in the catalogue's `actors`.
    ActorId
);

string_id!(
    /// What a step does, e.g. `assign_executor`; named in the catalogue's `step_actions`.
    StepActionId
);

/// Catalogue entry naming an actor in the three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: ActorId,
    pub name: LocalizedText,
}

/// Catalogue entry naming a step action in the three languages; the step keeps the seed's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepAction {
    pub id: StepActionId,
    pub name: LocalizedText,
}

/// The regulations' vocabulary for steps: people act, information systems process, and
/// conditions branch to a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StepKind {
    Action,
    Process,
    Condition,
}

/// Why a condition step turns an application away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RejectionCode {
    PortalAuthorizationRefused,
    SignatureNotConfirmed,
    DocumentIrregularities,
    ApplicantDataNotFound,
    IncompleteOrExpiredDocuments,
}

/// How a condition step turns an application away, in the regulation's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepFailure {
    pub rejection: RejectionCode,
    pub wording: SeedQuote,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<MaxDuration>,
}

/// A second maximum the same regulation gives for the same step elsewhere in its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictingDuration {
    pub max: MaxDuration,
    pub wording: SeedQuote,
}

/// One step of a channel's procedure, as the regulation states it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Step {
    /// The regulation's own numbering (portal flows start at 0 with one-time registration).
    pub n: u32,
    pub kind: StepKind,
    pub actor: ActorId,
    pub action: StepActionId,
    /// The step in the regulation's own words.
    pub wording: SeedQuote,
    /// Absent where the regulation gives the step no maximum.
    pub max_duration: Option<MaxDuration>,
    pub conflicting_duration: Option<ConflictingDuration>,
    pub on_failure: Option<StepFailure>,
    pub source: Source,
}

impl Channel {
    /// Sum of the step maxima the regulation gives for this channel.
    pub fn sum_of_steps(&self) -> Option<DurationSum> {
        sum_of(self.steps.iter().filter_map(|s| s.max_duration))
    }
}
