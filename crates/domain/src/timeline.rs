//! An application's regulation steps for its channel and region as a timeline: which are done
//! (stamped with when), which is current, when each is due in working time, and which are late.
//! The status page renders it; it is pure so it is tested natively.

use crate::api::ApplicationRecord;
use crate::calendar::{self, StepDuration};
use crate::catalogue::{ChannelView, ServiceView};
use crate::deadline::MaxDuration;
use crate::procedure::{ChannelKind, StepActionId};
use crate::{workflow, ApplicationStatus, Catalogue, LocalizedText};
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

fn path_index(status: ApplicationStatus) -> Option<usize> {
    workflow::PATH.iter().position(|s| *s == status)
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
pub struct TimelineStep {
    pub actor: LocalizedText,
    pub action: LocalizedText,
    pub max: Option<MaxDuration>,
    pub status: ApplicationStatus,
    /// When the regulation says it is due, each step starting when the one before is due.
    pub due: Option<OffsetDateTime>,
    pub done_at: Option<OffsetDateTime>,
    pub state: StepState,
}

impl TimelineStep {
    pub fn overdue(&self, now: OffsetDateTime) -> bool {
        match (self.due, self.done_at, self.state) {
            (Some(due), Some(done), _) => done > due,
            (Some(due), None, StepState::Current | StepState::Pending) => now > due,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub channel: LocalizedText,
    pub steps: Vec<TimelineStep>,
    pub service_due: Option<OffsetDateTime>,
    /// When the application reached a final status.
    pub finished_at: Option<OffsetDateTime>,
}

impl Timeline {
    pub fn overdue(&self, now: OffsetDateTime) -> bool {
        match (self.service_due, self.finished_at) {
            (Some(due), Some(done)) => done > due,
            (Some(due), None) => now > due,
            _ => false,
        }
    }
}

fn has_timing(channel: &ChannelView) -> bool {
    channel.deadline.stated.is_some() || channel.steps.iter().any(|s| s.step.max_duration.is_some())
}

/// The channel whose steps the timeline shows: the online channel where the regulation times
/// it, otherwise the provider's office (whose procedure the provider runs for a portal
/// application too), as `calendar::service_due_online` does.
pub fn timeline_channel(service: &ServiceView) -> Option<&ChannelView> {
    service
        .online_channels()
        .find(|c| has_timing(c))
        .or_else(|| {
            service
                .channel(ChannelKind::ProviderOffice)
                .filter(|c| has_timing(c))
        })
        .or_else(|| service.channels.iter().find(|c| has_timing(c)))
        .or_else(|| service.online_channels().next())
        .or_else(|| service.channels.first())
}

/// The regulation's steps for the application's channel and region, with what has happened.
pub fn timeline(catalogue: &Catalogue, record: &ApplicationRecord) -> Option<Timeline> {
    let service =
        catalogue.service_in_region(&record.application.service, &record.application.region)?;
    let channel = timeline_channel(&service)?;
    let reached = |status: ApplicationStatus| {
        record
            .history
            .iter()
            .find(|e| e.status == status)
            .map(|e| e.at)
    };
    // The furthest step of the positive path reached: a refusal keeps the steps done before it.
    let current = record
        .history
        .iter()
        .filter_map(|e| path_index(e.status))
        .chain(path_index(record.status))
        .max();
    let finished_at = record
        .status
        .is_final()
        .then(|| record.history.last().map(|e| e.at))
        .flatten();
    let mut status = ApplicationStatus::Submitted;
    let mut start = record.submitted_at;
    let mut seen_current = false;
    let steps = channel
        .steps
        .iter()
        .map(|view| {
            status = status_after_action(&view.step.action).unwrap_or(status);
            let max = view.step.max_duration;
            let due = max.and_then(|max| calendar::due(start, StepDuration::from(max)).ok());
            if let Some(due) = due {
                start = due;
            }
            let done = match (current, path_index(status)) {
                (Some(current), Some(step)) => step <= current,
                _ => false,
            };
            let state = if done {
                StepState::Done
            } else if !seen_current && !record.status.is_final() {
                seen_current = true;
                StepState::Current
            } else {
                StepState::Pending
            };
            TimelineStep {
                actor: view.actor_name.clone(),
                action: view.action_name.clone(),
                max,
                status,
                due,
                done_at: if done { reached(status) } else { None },
                state,
            }
        })
        .collect::<Vec<_>>();
    let service_due = match &channel.deadline.stated {
        Some(stated) => calendar::due(record.submitted_at, StepDuration::from(stated.max)).ok(),
        None => steps.iter().filter_map(|s| s.due).next_back(),
    };
    Some(Timeline {
        channel: channel.name.clone(),
        steps,
        service_due,
        finished_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::StatusEvent;
    use crate::signature::CertificateInfo;
    use crate::{Applicant, ApplicantCategory, Application, Lang, RegionId, ServiceId};
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
                applicant: Applicant {
                    iin: "791028302728".into(),
                    surname: "Сейткали".into(),
                    given_name: "Айгерім".into(),
                    patronymic: None,
                    birth_date: "1979-10-28".into(),
                    phone: "+77011234567".into(),
                    email: None,
                    address: "Караганда".into(),
                    category: ApplicantCategory::Citizen,
                    facts: Default::default(),
                },
                result: None,
                documents: vec![],
                lang: Lang::Ru,
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

    fn referral(history: &[(ApplicationStatus, OffsetDateTime)]) -> Timeline {
        timeline(
            Catalogue::shared(),
            &record("active_employment_referral", "karaganda", history),
        )
        .expect("the referral has a timed procedure in Karaganda")
    }

    fn states(timeline: &Timeline) -> Vec<StepState> {
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
        let dues: Vec<OffsetDateTime> = timeline.steps.iter().filter_map(|s| s.due).collect();
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
        let service_due = timeline.service_due.expect("the service has a due moment");
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
        let due = current.due.expect("the current step is timed");
        assert!(!current.overdue(due));
        assert!(current.overdue(due + time::Duration::minutes(1)));
        let service_due = timeline.service_due.unwrap();
        assert!(!timeline.overdue(service_due));
        assert!(timeline.overdue(service_due + time::Duration::minutes(1)));
        // Done late is still late; done in time is not.
        let late = TimelineStep {
            done_at: Some(due + time::Duration::hours(1)),
            state: StepState::Done,
            ..current.clone()
        };
        assert!(late.overdue(due));
        let in_time = TimelineStep {
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
