//! The one computation of due moments (`schedule`), on the real catalogue.

use egov_domain::api::StatusEvent;
use egov_domain::calendar::{Calendar, CalendarStatus};
use egov_domain::catalogue::ServiceView;
use egov_domain::deadline::{DurationSum, MaxDuration};
use egov_domain::procedure::ChannelKind;
use egov_domain::schedule::{
    procedure, schedule, service_duration, DueMoment, DueUnknown, Progress, Schedule,
    ServiceDuration,
};
use egov_domain::{ApplicationStatus, Catalogue, RegionId, ServiceId};
use time::macros::{date, datetime};
use time::OffsetDateTime;

fn service(id: &str, region: &str) -> ServiceView {
    Catalogue::shared()
        .service_in_region(&ServiceId::new(id), &RegionId::new(region))
        .unwrap_or_else(|| panic!("{id} in {region}"))
}

fn just_submitted(service: &ServiceView, calendar: &Calendar, at: OffsetDateTime) -> Schedule {
    schedule(
        service,
        calendar,
        Progress {
            submitted_at: at,
            status: ApplicationStatus::Submitted,
            history: &[StatusEvent {
                status: ApplicationStatus::Submitted,
                at,
                actor: "applicant".into(),
            }],
        },
    )
    .expect("a timed procedure")
}

/// `service` in `region` submitted at `at`, on the embedded calendar.
fn submitted(service_id: &str, region: &str, at: OffsetDateTime) -> Schedule {
    just_submitted(&service(service_id, region), Calendar::embedded(), at)
}

fn at(due: DueMoment) -> (OffsetDateTime, CalendarStatus) {
    match due {
        DueMoment::At(due) => (due.at, due.calendar),
        other => panic!("no moment: {other:?}"),
    }
}

/// `hour`:`minute` of `day` in Almaty.
fn almaty(day: time::Date, hour: u8, minute: u8) -> OffsetDateTime {
    time::PrimitiveDateTime::new(day, time::Time::from_hms(hour, minute, 0).unwrap())
        .assume_offset(egov_domain::working_time::ALMATY)
}

/// The moments of `dues`, without their calendars.
fn moments(dues: &[(OffsetDateTime, CalendarStatus)]) -> Vec<OffsetDateTime> {
    dues.iter().map(|d| d.0).collect()
}

/// `dues` fall on `day` at `times` (hour, minute), each counted on a calendar of `status`.
fn assert_due_on(
    dues: &[(OffsetDateTime, CalendarStatus)],
    day: time::Date,
    times: &[(u8, u8)],
    status: CalendarStatus,
) {
    let expected: Vec<_> = times.iter().map(|&(h, m)| almaty(day, h, m)).collect();
    assert_eq!(moments(dues), expected);
    assert!(dues.iter().all(|d| d.1 == status), "{dues:?}");
}

/// Each step's due moment, which must be known.
fn step_dues(schedule: &Schedule) -> Vec<(OffsetDateTime, CalendarStatus)> {
    schedule.steps.iter().map(|s| at(s.due)).collect()
}

#[test]
fn an_online_application_follows_the_online_procedure_or_else_the_providers_office() {
    // Every region's regulation: the portal where it is timed, the provider's office where not.
    let catalogue = Catalogue::shared();
    for service in catalogue.online_services() {
        for region in service.regions() {
            let view = catalogue.service_in_region(&service.id, region).unwrap();
            let Some(procedure) = procedure(&view) else {
                continue;
            };
            let portal_timed = view.online_channels().any(|c| {
                c.deadline.stated.is_some() || c.steps.iter().any(|s| s.step.max_duration.is_some())
            });
            let expected = if portal_timed {
                ChannelKind::EgovPortal
            } else {
                ChannelKind::ProviderOffice
            };
            assert_eq!(
                procedure.channel.kind, expected,
                "{} in {region}",
                service.id
            );
        }
    }
    // The targeted-assistance certificate: the provider's office procedure, not the State
    // Corporation's 13-minute information-system hop.
    let certificate = service("targeted_assistance_recipient_certificate", "karaganda");
    assert_eq!(
        procedure(&certificate).unwrap().channel.kind,
        ChannelKind::ProviderOffice
    );
}

#[test]
fn the_card_duration_is_the_stated_total_or_the_sum_of_the_steps_of_the_same_procedure() {
    assert_eq!(
        service_duration(&service("active_employment_referral", "national_standard")),
        ServiceDuration::Stated(MaxDuration::working_days(1))
    );
    assert_eq!(
        service_duration(&service("active_employment_referral", "karaganda")),
        ServiceDuration::Summed(DurationSum {
            working_days: 0,
            minutes: 30
        })
    );
    assert_eq!(
        service_duration(&service("active_employment_referral", "kyzylorda")),
        ServiceDuration::Summed(DurationSum {
            working_days: 0,
            minutes: 100
        })
    );
    // An office-only service: the provider's procedure (15 min + 1 + 5 working days + 1 h +
    // 15 min), not the State Corporation's partial one, which the regulation does not total.
    assert_eq!(
        service_duration(&service("targeted_social_assistance", "karaganda")),
        ServiceDuration::Summed(DurationSum {
            working_days: 6,
            minutes: 90
        })
    );
}

#[test]
fn a_karaganda_referral_on_31_december_2026_at_17_00_is_done_the_same_day_on_the_official_calendar()
{
    let schedule = submitted(
        "active_employment_referral",
        "karaganda",
        datetime!(2026-12-31 17:00 +5),
    );
    // 2 + 5 + 20 + 2 + 1 minutes of office time, all before closing.
    let dec_31 = date!(2026 - 12 - 31);
    let times = [(17, 2), (17, 7), (17, 27), (17, 29), (17, 30)];
    let dues = step_dues(&schedule);
    assert_due_on(&dues, dec_31, &times, CalendarStatus::Official);
    let service_due = at(schedule.service);
    assert_eq!(
        service_due,
        (almaty(dec_31, 17, 30), CalendarStatus::Official)
    );
}

#[test]
fn a_national_standard_referral_on_31_december_2026_at_17_00_runs_into_the_provisional_2027() {
    let schedule = submitted(
        "active_employment_referral",
        "national_standard",
        datetime!(2026-12-31 17:00 +5),
    );
    let jan_5 = date!(2027 - 01 - 05);
    let dues = step_dues(&schedule);
    // The applicant's hour ends at closing on 31 December; 1–4 January are off (4 January is
    // the moved day off of Saturday 2 January), so the 5 hours of checking run on 5 January.
    assert_eq!(
        dues[0],
        (datetime!(2026-12-31 18:00 +5), CalendarStatus::Official)
    );
    let times = [(15, 0), (16, 0), (16, 30), (17, 0)];
    assert_due_on(&dues[1..], jan_5, &times, CalendarStatus::Provisional);
    // The stated total, one working day, counted from receipt: the next working day's close.
    let service_due = at(schedule.service);
    assert_eq!(
        service_due,
        (almaty(jan_5, 18, 0), CalendarStatus::Provisional)
    );
}

#[test]
fn an_application_of_30_december_2027_is_counted_provisionally_into_2028() {
    let schedule = submitted(
        "targeted_social_assistance",
        "karaganda",
        datetime!(2027-12-30 10:00 +5),
    );
    assert_eq!(schedule.channel, ChannelKind::ProviderOffice);
    let dues = step_dues(&schedule);
    // 15 min; 1 working day (31 Dec); 5 working days: 1–2 Jan 2028 holidays (Saturday and
    // Sunday, moved to 3 and 4 Jan), 5, 6 Jan, 7 Jan Christmas (Friday), 10, 11, 12 Jan.
    let (dec_30, dec_31) = (date!(2027 - 12 - 30), date!(2027 - 12 - 31));
    let (jan_12, jan_13) = (date!(2028 - 01 - 12), date!(2028 - 01 - 13));
    assert_eq!(
        moments(&dues),
        [
            (dec_30, 10, 15),
            (dec_31, 18, 0),
            (jan_12, 18, 0),
            (jan_13, 10, 0),
            (jan_13, 10, 15)
        ]
        .map(|(day, h, m)| almaty(day, h, m))
    );
    assert!(dues.iter().all(|d| d.1 == CalendarStatus::Provisional));
    assert_eq!(at(schedule.service).0, almaty(jan_13, 10, 15));
    assert_eq!(schedule.first_unknown(), None);
}

#[test]
fn a_schedule_that_cannot_finish_stops_at_the_step_and_says_why() {
    let mut data: serde_json::Value =
        serde_json::from_str(include_str!("../data/holidays.json")).unwrap();
    data["weekend_move_rule"]["to_year"] = 2027.into();
    let calendar = Calendar::from_json(&data.to_string()).unwrap();
    let assistance = service("targeted_social_assistance", "karaganda");
    let schedule = just_submitted(&assistance, &calendar, datetime!(2027-12-30 10:00 +5));
    let dues: Vec<DueMoment> = schedule.steps.iter().map(|s| s.due).collect();
    assert!(matches!(dues[0], DueMoment::At(_)));
    assert!(matches!(dues[1], DueMoment::At(_)));
    let after_unknown = DueMoment::Unknown(DueUnknown::AfterUnknownStep);
    assert_eq!(
        dues[2..],
        [
            DueMoment::Unknown(DueUnknown::CalendarMissing { year: 2028 }),
            after_unknown,
            after_unknown,
        ]
    );
    assert_eq!(
        schedule.service,
        DueMoment::Unknown(DueUnknown::CalendarMissing { year: 2028 })
    );
    assert_eq!(
        schedule.first_unknown(),
        Some(DueUnknown::CalendarMissing { year: 2028 })
    );
    // Never overdue on a moment nobody knows.
    assert!(!schedule.overdue(datetime!(2030-01-01 0:00 +5)));
}

#[test]
fn a_service_whose_regulation_sets_no_total_says_so_rather_than_a_partial_sum() {
    // Seed 004's portal channel of the certificate gives no durations; its provider's office
    // procedure does, so the application is counted on that one.
    let schedule = submitted(
        "targeted_assistance_recipient_certificate",
        "karaganda",
        datetime!(2026-12-02 10:00 +5),
    );
    assert!(matches!(schedule.service, DueMoment::At(_)));
    assert!(schedule
        .steps
        .iter()
        .all(|s| matches!(s.due, DueMoment::At(_))));
}

#[test]
fn a_due_moment_moves_when_a_backend_publishes_the_year_official() {
    let referral = service("active_employment_referral", "national_standard");
    let submitted = datetime!(2027-01-05 10:00 +5);
    let before = just_submitted(&referral, Calendar::embedded(), submitted);
    assert_eq!(
        at(before.service),
        (datetime!(2027-01-06 18:00 +5), CalendarStatus::Provisional)
    );
    // The Government moves 6 January off (worked on Saturday 9 January).
    let mut calendar = Calendar::embedded().clone();
    let mut published = calendar.year(2027).unwrap();
    published.status = CalendarStatus::Official;
    published.days_off.push(time::macros::date!(2027 - 01 - 06));
    published
        .working_days
        .push(time::macros::date!(2027 - 01 - 09));
    published.source = "test decree".into();
    assert_eq!(calendar.adopt(published), Ok(true));
    let after = just_submitted(&referral, &calendar, submitted);
    assert_eq!(
        at(after.service),
        (datetime!(2027-01-08 18:00 +5), CalendarStatus::Official)
    );
}
