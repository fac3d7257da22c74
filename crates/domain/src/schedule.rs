//! When an application is due: the one computation of due moments.
//!
//! For an application (its service in its region, the channel whose procedure applies, the
//! moment it was submitted and its status history) this answers the due moment of each step of
//! the regulation and of the whole service, whether each is overdue at a given moment, on which
//! kind of calendar each rests, and why a moment could not be computed. The confirmation page,
//! the status page, the server's list of a citizen's applications and the catalogue card (as a
//! duration) all read it; nothing else computes a due moment.
//!
//! # Rules
//!
//! - **The procedure.** An application made online follows the online channel's procedure where
//!   the regulation times it; where it does not, the provider's office procedure, which the
//!   provider runs for a portal application too (seeds 001 and 004 time only that one); failing
//!   both, the first channel the regulation times. [`procedure`] is that choice.
//! - **Steps** chain: each starts when the one before is due ([`crate::working_time`], rule 4).
//!   The applicant's own untimed step (handing in the application) takes no time. Any other
//!   untimed step ends the computed part: what follows it has no bound in the regulation.
//! - **The service** is due when the regulation's stated total ends, counted from submission;
//!   where it states none, when the last step is due, if the regulation's steps cover the whole
//!   procedure ([`DeadlineBasis::Summed`]); otherwise the regulation sets no total.
//! - **Never a wrong moment shown as right.** A step whose moment cannot be counted (a year the
//!   calendar lacks) gets the reason, and every later step is unknown too: nothing falls through
//!   to another channel or keeps counting from a stale start.

use crate::api::{ApplicationRecord, StatusEvent};
use crate::calendar::{Calendar, CalendarStatus};
use crate::catalogue::{ChannelView, ServiceView};
use crate::deadline::{sum_of, DeadlineBasis, DurationSum, MaxDuration};
use crate::procedure::{ChannelKind, StepActionId};
use crate::working_time::{CountError, Due, OfficeHours, StepDuration, WorkingTime};
use crate::{workflow, ApplicationStatus, Catalogue, LocalizedText};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The workflow status a regulation step's action brings the application to; `None` for
/// steps that take the status of the step before them (portal and gateway processing).
pub fn status_after_action(action: &StepActionId) -> Option<ApplicationStatus> {
    use ApplicationStatus::*;
    Some(match action.as_str() {
        "submit_documents"
        | "submit_portal_request"
        | "register_on_portal"
        | "log_in_to_portal"
        | "fill_in_and_sign_request" => Submitted,
        "register_documents"
        | "accept_documents_and_check_registration"
        | "register_request_in_regional_gateway" => Registered,
        "assign_executor" => ExecutorAssigned,
        "check_registration_and_draft_result"
        | "enter_data_and_draft_result"
        | "draft_result"
        | "approve_draft"
        | "provider_checks_documents"
        | "prepare_cover_letter"
        | "sign_cover_letter" => Checked,
        "sign_result" | "provider_processes_request" => Signed,
        "issue_result"
        | "send_result_to_personal_account"
        | "sign_and_send_result_to_personal_account"
        | "receive_result_in_personal_account"
        | "forward_result_to_akim"
        | "collect_result_at_state_corporation" => ResultIssued,
        _ => return None,
    })
}

/// Why a due moment is not known although the regulation sets a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DueUnknown {
    /// The count reached a year for which there is no working-day calendar.
    CalendarMissing { year: i32 },
    /// The application predates 1 March 2024, when Almaty's time became UTC+5.
    BeforeFixedOffset,
    /// An earlier step of the regulation has no duration, so this one has no bound.
    AfterUntimedStep,
    /// An earlier step's moment could not be computed; that step says why.
    AfterUnknownStep,
}

impl DueUnknown {
    pub fn code(self) -> &'static str {
        match self {
            DueUnknown::CalendarMissing { .. } => "calendar_missing",
            DueUnknown::BeforeFixedOffset => "before_fixed_offset",
            DueUnknown::AfterUntimedStep => "after_untimed_step",
            DueUnknown::AfterUnknownStep => "after_unknown_step",
        }
    }
}

impl From<CountError> for DueUnknown {
    fn from(error: CountError) -> DueUnknown {
        match error {
            CountError::CalendarMissing(year) => DueUnknown::CalendarMissing { year },
            CountError::BeforeFixedOffset => DueUnknown::BeforeFixedOffset,
        }
    }
}

/// A step's or the service's due moment, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueMoment {
    At(Due),
    /// The regulation sets no duration.
    NotSet,
    Unknown(DueUnknown),
}

impl DueMoment {
    pub fn at(self) -> Option<OffsetDateTime> {
        match self {
            DueMoment::At(due) => Some(due.at),
            _ => None,
        }
    }

    fn from_count(count: Result<Due, CountError>) -> DueMoment {
        match count {
            Ok(due) => DueMoment::At(due),
            Err(error) => DueMoment::Unknown(error.into()),
        }
    }

    /// Late: done after the moment, or not done and the clock past it.
    pub fn overdue(self, done_at: Option<OffsetDateTime>, now: OffsetDateTime) -> bool {
        match (self.at(), done_at) {
            (Some(due), Some(done)) => done > due,
            (Some(due), None) => now > due,
            (None, _) => false,
        }
    }
}

/// How long the whole service may take, as the catalogue card says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceDuration {
    /// The regulation's own figure.
    Stated(MaxDuration),
    /// The sum of the regulation's step durations.
    Summed(DurationSum),
    NotSet,
}

/// The channel whose procedure an application follows, and its office hours.
#[derive(Debug, Clone, Copy)]
pub struct Procedure<'a> {
    pub channel: &'a ChannelView,
    pub hours: OfficeHours,
    service: &'a ServiceView,
}

fn has_timing(channel: &ChannelView) -> bool {
    channel.deadline.stated.is_some() || channel.steps.iter().any(|s| s.step.max_duration.is_some())
}

/// The procedure that applies to an application of this service (see the module
/// documentation); `None` when the regulation times no channel at all.
pub fn procedure(service: &ServiceView) -> Option<Procedure<'_>> {
    let provider_office = service.channel(ChannelKind::ProviderOffice);
    let channel = service
        .online_channels()
        .find(|c| has_timing(c))
        .or_else(|| provider_office.filter(|c| has_timing(c)))
        .or_else(|| service.channels.iter().find(|c| has_timing(c)))?;
    // A portal procedure is run by the provider, in the provider's hours.
    let hours = [Some(channel), provider_office]
        .into_iter()
        .flatten()
        .find_map(|c| c.contact.as_ref()?.opening_hours.as_ref())
        .and_then(OfficeHours::from_opening_hours)
        .unwrap_or(OfficeHours::DEFAULT);
    Some(Procedure {
        channel,
        hours,
        service,
    })
}

impl Procedure<'_> {
    /// The service's total duration: the stated one, or the sum of the steps where they cover
    /// the whole procedure.
    pub fn duration(&self) -> ServiceDuration {
        let deadline = &self.channel.deadline;
        if let Some(stated) = &deadline.stated {
            return ServiceDuration::Stated(stated.max);
        }
        let steps = self
            .channel
            .steps
            .iter()
            .filter_map(|s| s.step.max_duration);
        match (deadline.basis, sum_of(steps)) {
            (DeadlineBasis::Summed, Some(sum)) => ServiceDuration::Summed(sum),
            _ => ServiceDuration::NotSet,
        }
    }

    pub fn service(&self) -> &ServiceView {
        self.service
    }
}

/// The service's duration for the catalogue card: [`Procedure::duration`] of [`procedure`].
pub fn service_duration(service: &ServiceView) -> ServiceDuration {
    procedure(service).map_or(ServiceDuration::NotSet, |p| p.duration())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    Pending,
}

impl StepState {
    pub fn code(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Current => "current",
            StepState::Pending => "pending",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledStep {
    pub actor: LocalizedText,
    pub action: LocalizedText,
    pub max: Option<MaxDuration>,
    /// The workflow status the step brings the application to.
    pub status: ApplicationStatus,
    pub due: DueMoment,
    pub done_at: Option<OffsetDateTime>,
    pub state: StepState,
}

impl ScheduledStep {
    pub fn overdue(&self, now: OffsetDateTime) -> bool {
        let open = matches!(self.state, StepState::Current | StepState::Pending);
        match self.done_at {
            Some(done) => self.due.overdue(Some(done), now),
            None if open => self.due.overdue(None, now),
            None => false,
        }
    }
}

/// An application's regulation steps with their due moments and what has happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub channel: ChannelKind,
    pub channel_name: LocalizedText,
    pub steps: Vec<ScheduledStep>,
    pub service: DueMoment,
    /// When the application reached a final status.
    pub finished_at: Option<OffsetDateTime>,
}

impl Schedule {
    pub fn overdue(&self, now: OffsetDateTime) -> bool {
        self.service.overdue(self.finished_at, now)
    }

    /// The first reason a moment is unknown, for the one explanation a page shows.
    pub fn first_unknown(&self) -> Option<DueUnknown> {
        self.steps
            .iter()
            .map(|s| s.due)
            .chain([self.service])
            .find_map(|due| match due {
                DueMoment::Unknown(reason) if reason != DueUnknown::AfterUnknownStep => {
                    Some(reason)
                }
                _ => None,
            })
    }
}

fn path_index(status: ApplicationStatus) -> Option<usize> {
    workflow::PATH.iter().position(|s| *s == status)
}

/// What happened to an application so far.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub submitted_at: OffsetDateTime,
    pub status: ApplicationStatus,
    /// Oldest first.
    pub history: &'a [StatusEvent],
}

/// The schedule of an application of `service` with that progress, counted on `calendar`.
pub fn schedule(
    service: &ServiceView,
    calendar: &Calendar,
    progress: Progress,
) -> Option<Schedule> {
    let procedure = procedure(service)?;
    let channel = procedure.channel;
    let time = WorkingTime::new(calendar, procedure.hours);
    let reached = |status: ApplicationStatus| {
        progress
            .history
            .iter()
            .find(|e| e.status == status)
            .map(|e| e.at)
    };
    // The furthest step of the positive path reached: a refusal keeps the steps done before it.
    let current = progress
        .history
        .iter()
        .filter_map(|e| path_index(e.status))
        .chain(path_index(progress.status))
        .max();
    let finished_at = progress
        .status
        .is_final()
        .then(|| progress.history.last().map(|e| e.at))
        .flatten();

    let mut status = ApplicationStatus::Submitted;
    // Where the next step starts; `Err` once the chain is broken.
    let mut start: Result<Due, DueUnknown> = Ok(Due {
        at: progress.submitted_at,
        calendar: CalendarStatus::Official,
    });
    let mut seen_current = false;
    let steps: Vec<ScheduledStep> = channel
        .steps
        .iter()
        .map(|view| {
            status = status_after_action(&view.step.action).unwrap_or(status);
            let max = view.step.max_duration;
            let due = match (start, max) {
                (Err(DueUnknown::AfterUntimedStep), Some(_)) => {
                    DueMoment::Unknown(DueUnknown::AfterUntimedStep)
                }
                (Err(_), Some(_)) => DueMoment::Unknown(DueUnknown::AfterUnknownStep),
                (Ok(from), Some(max)) => {
                    let due = time.due(from.at, StepDuration::from(max)).map(|due| Due {
                        calendar: due.calendar.and(from.calendar),
                        ..due
                    });
                    start = due.map_err(DueUnknown::from);
                    DueMoment::from_count(due)
                }
                (_, None) => {
                    // Handing in the application is the submission itself; any other untimed
                    // step leaves what follows unbounded.
                    if status != ApplicationStatus::Submitted && start.is_ok() {
                        start = Err(DueUnknown::AfterUntimedStep);
                    }
                    DueMoment::NotSet
                }
            };
            let done = match (current, path_index(status)) {
                (Some(current), Some(step)) => step <= current,
                _ => false,
            };
            let state = if done {
                StepState::Done
            } else if !seen_current && !progress.status.is_final() {
                seen_current = true;
                StepState::Current
            } else {
                StepState::Pending
            };
            ScheduledStep {
                actor: view.actor_name.clone(),
                action: view.action_name.clone(),
                max,
                status,
                due,
                done_at: if done { reached(status) } else { None },
                state,
            }
        })
        .collect();

    let service_due = match procedure.duration() {
        ServiceDuration::Stated(max) => {
            DueMoment::from_count(time.due(progress.submitted_at, StepDuration::from(max)))
        }
        ServiceDuration::Summed(_) => {
            let first_unknown = steps.iter().find_map(|s| match s.due {
                DueMoment::Unknown(reason) => Some(reason),
                _ => None,
            });
            match first_unknown {
                Some(reason) => DueMoment::Unknown(reason),
                None => steps
                    .iter()
                    .rev()
                    .find(|s| matches!(s.due, DueMoment::At(_)))
                    .map_or(DueMoment::NotSet, |s| s.due),
            }
        }
        ServiceDuration::NotSet => DueMoment::NotSet,
    };
    Some(Schedule {
        channel: channel.kind,
        channel_name: channel.name.clone(),
        steps,
        service: service_due,
        finished_at,
    })
}

/// [`schedule`] of a stored application, its service resolved in its region.
pub fn schedule_of(
    catalogue: &Catalogue,
    calendar: &Calendar,
    record: &ApplicationRecord,
) -> Option<Schedule> {
    let service =
        catalogue.service_in_region(&record.application.service, &record.application.region)?;
    schedule(
        &service,
        calendar,
        Progress {
            submitted_at: record.submitted_at,
            status: record.status,
            history: &record.history,
        },
    )
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::StatusEvent;
    use crate::application::example_application;
    use crate::signature::CertificateInfo;
    use crate::{Application, RegionId, ServiceId};
    use time::macros::datetime;

    /// A Friday afternoon in Almaty: the office's working time ends soon after.
    const SUBMITTED: OffsetDateTime = datetime!(2025-12-12 16:00 +5);

    fn record(
        service: &str,
        region: &str,
        history: &[(ApplicationStatus, OffsetDateTime)],
    ) -> ApplicationRecord {
        let certificate = CertificateInfo {
            serial: "1".into(),
            subject_iin: "791028302728".into(),
            subject_name: "Test".into(),
            not_before: datetime!(2025-01-01 0:00 UTC),
            not_after: datetime!(2027-01-01 0:00 UTC),
        };
        ApplicationRecord {
            reference: "7K3M-Q9XA-2B4C".into(),
            service: ServiceId::new(service),
            status: history
                .last()
                .map(|(s, _)| *s)
                .unwrap_or(ApplicationStatus::Submitted),
            submitted_at: SUBMITTED,
            application: Application {
                service: ServiceId::new(service),
                region: RegionId::new(region),
                result: None,
                ..example_application("791028302728")
            },
            signer: certificate,
            history: history
                .iter()
                .map(|(status, at)| StatusEvent {
                    status: *status,
                    at: *at,
                    actor: "test".into(),
                })
                .collect(),
            result: None,
            refusal_grounds: None,
        }
    }

    fn referral(history: &[(ApplicationStatus, OffsetDateTime)]) -> Schedule {
        schedule_of(
            Catalogue::shared(),
            Calendar::embedded(),
            &record("active_employment_referral", "karaganda", history),
        )
        .expect("the referral has a timed procedure in Karaganda")
    }

    fn states(timeline: &Schedule) -> Vec<StepState> {
        timeline.steps.iter().map(|s| s.state).collect()
    }

    #[test]
    fn just_submitted_the_first_step_after_submission_is_current_and_the_rest_pending() {
        let timeline = referral(&[(ApplicationStatus::Submitted, SUBMITTED)]);
        let current = timeline
            .steps
            .iter()
            .position(|s| s.state == StepState::Current)
            .expect("one step is current");
        assert!(timeline.steps[..current]
            .iter()
            .all(|s| s.state == StepState::Done && s.done_at == Some(SUBMITTED)));
        assert!(timeline.steps[current + 1..]
            .iter()
            .all(|s| s.state == StepState::Pending && s.done_at.is_none()));
        assert_ne!(timeline.steps[current].status, ApplicationStatus::Submitted);
        assert_eq!(timeline.finished_at, None);
    }

    #[test]
    fn due_moments_follow_each_other_in_working_time_and_end_with_the_service() {
        let timeline = referral(&[(ApplicationStatus::Submitted, SUBMITTED)]);
        let dues: Vec<OffsetDateTime> = timeline.steps.iter().filter_map(|s| s.due.at()).collect();
        assert!(!dues.is_empty());
        assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
        assert!(dues[0] > SUBMITTED);
        // Submitted on a Friday at 16:00: nothing is due over the weekend.
        for due in &dues {
            assert!(
                !matches!(
                    due.weekday(),
                    time::Weekday::Saturday | time::Weekday::Sunday
                ),
                "{due}"
            );
        }
        let service_due = timeline.service.at().expect("the service has a due moment");
        assert!(service_due >= dues[0]);
    }

    #[test]
    fn steps_reached_are_done_and_stamped_with_their_time() {
        let registered = datetime!(2025-12-15 9:30 +5);
        let assigned = datetime!(2025-12-15 11:00 +5);
        let timeline = referral(&[
            (ApplicationStatus::Submitted, SUBMITTED),
            (ApplicationStatus::Registered, registered),
            (ApplicationStatus::ExecutorAssigned, assigned),
        ]);
        for step in &timeline.steps {
            match step.status {
                ApplicationStatus::Submitted => assert_eq!(step.done_at, Some(SUBMITTED)),
                ApplicationStatus::Registered => assert_eq!(step.done_at, Some(registered)),
                ApplicationStatus::ExecutorAssigned => assert_eq!(step.done_at, Some(assigned)),
                _ => assert_ne!(step.state, StepState::Done, "{step:?}"),
            }
        }
        assert_eq!(
            states(&timeline)
                .iter()
                .filter(|s| **s == StepState::Current)
                .count(),
            1
        );
    }

    #[test]
    fn a_refusal_keeps_what_was_done_and_has_no_current_step() {
        let refused = datetime!(2025-12-15 10:00 +5);
        let timeline = referral(&[
            (ApplicationStatus::Submitted, SUBMITTED),
            (ApplicationStatus::Registered, datetime!(2025-12-15 9:30 +5)),
            (ApplicationStatus::Refused, refused),
        ]);
        assert!(!states(&timeline).contains(&StepState::Current));
        assert!(states(&timeline).contains(&StepState::Done));
        assert_eq!(timeline.finished_at, Some(refused));
    }

    #[test]
    fn a_step_is_overdue_when_the_clock_passes_its_due_moment_before_it_is_done() {
        let timeline = referral(&[(ApplicationStatus::Submitted, SUBMITTED)]);
        let current = timeline
            .steps
            .iter()
            .find(|s| s.state == StepState::Current)
            .unwrap();
        let due = current.due.at().expect("the current step is timed");
        assert!(!current.overdue(due));
        assert!(current.overdue(due + time::Duration::minutes(1)));
        let service_due = timeline.service.at().unwrap();
        assert!(!timeline.overdue(service_due));
        assert!(timeline.overdue(service_due + time::Duration::minutes(1)));
        // Done late is still late; done in time is not.
        let late = ScheduledStep {
            done_at: Some(due + time::Duration::hours(1)),
            state: StepState::Done,
            ..current.clone()
        };
        assert!(late.overdue(due));
        let in_time = ScheduledStep {
            done_at: Some(due),
            ..late
        };
        assert!(!in_time.overdue(due + time::Duration::days(30)));
    }

    /// A step action the catalogue gains must be placed on the workflow on purpose: these are
    /// the ones that take the status of the step before them.
    /// (The portal's, the gateway's and the State Corporation operator's own processing.)
    const INHERITING_ACTIONS: &[&str] = &[
        "check_applicant_data_found",
        "operator_enters_request",
        "operator_logs_in",
        "operator_signs_and_routes_request",
        "portal_checks_credentials",
        "portal_checks_signature",
        "query_state_databases",
        "route_request_to_provider",
    ];

    #[test]
    fn every_step_action_of_the_catalogue_has_a_place_on_the_workflow() {
        let catalogue = Catalogue::shared();
        let mut unplaced = std::collections::BTreeSet::new();
        for service in catalogue.online_services() {
            for region in service.regions() {
                let Some(view) = catalogue.service_in_region(&service.id, region) else {
                    continue;
                };
                for channel in &view.channels {
                    for step in &channel.steps {
                        let action = step.step.action.as_str();
                        if status_after_action(&step.step.action).is_none()
                            && !INHERITING_ACTIONS.contains(&action)
                        {
                            unplaced.insert(action.to_owned());
                        }
                    }
                }
            }
        }
        assert!(
            unplaced.is_empty(),
            "actions without a status: {unplaced:?}"
        );
    }
}
