//! One application, one due moment: the confirmation page, the status page and My applications
//! show the same moment, in Karaganda (the provider's office procedure) and in Kyzylorda (the
//! portal procedure), and that moment is the one counted on the **backend's** calendar, which
//! here differs from the one compiled into the app.
//!
//! The server is started with a holiday file in which the working day the compiled calendar
//! would finish on is a day off, so the backend's calendar moves every due moment; the app starts
//! on its compiled calendar and must adopt the backend's year (`GET /api/v1/calendar/{year}`).

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_domain::api::ApplicationRecord;
use egov_domain::calendar::Calendar;
use egov_domain::schedule::{schedule, schedule_of, DueMoment, Progress};
use egov_domain::{ApplicationStatus, Catalogue, RegionId, ServiceId};
use fantoccini::Client;
use support::*;
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime, UtcOffset, Weekday};

const IIN: &str = "791028302728";
const REGIONS: [&str; 2] = ["karaganda", "kyzylorda"];
const ALMATY: UtcOffset = match UtcOffset::from_hms(5, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("UTC+5"),
};

/// The whole referral's due moment in `region` for an application submitted at `at` (nothing
/// done yet), counted on `calendar` by the one computation.
fn due_if_submitted_at(calendar: &Calendar, region: &str, at: OffsetDateTime) -> DueMoment {
    let service = Catalogue::shared()
        .service_in_region(
            &ServiceId::new("active_employment_referral"),
            &RegionId::new(region),
        )
        .expect("the referral is offered in both regions");
    let progress = Progress {
        submitted_at: at,
        status: ApplicationStatus::Submitted,
        history: &[],
    };
    schedule(&service, calendar, progress)
        .expect("the referral has a schedule in both regions")
        .service
}

fn service_due(calendar: &Calendar, record: &ApplicationRecord) -> DueMoment {
    schedule_of(Catalogue::shared(), calendar, record)
        .expect("a stored referral has a schedule")
        .service
}

/// The days the compiled calendar lets an application submitted in the next few minutes finish
/// on, in either region: the days the backend's calendar takes off.
fn days_the_compiled_calendar_finishes_on(now: OffsetDateTime) -> Vec<Date> {
    let mut days: Vec<Date> = REGIONS
        .iter()
        .flat_map(|region| {
            [0, 5].map(|minutes| {
                match due_if_submitted_at(
                    Calendar::embedded(),
                    region,
                    now + Duration::minutes(minutes),
                ) {
                    DueMoment::At(due) => due.at.to_offset(ALMATY).date(),
                    other => panic!("{region}: the compiled calendar gives {other:?}"),
                }
            })
        })
        .collect();
    days.sort();
    days.dedup();
    days
}

/// `holidays.json` with each of `days` made a day off: the first of a year by moving that year's
/// religious day there (a year without a section gains one), any other by a transfer from a
/// Saturday weeks away, which no due moment of this test reaches.
fn holiday_file_taking_off(days: &[Date]) -> serde_json::Value {
    let mut data: serde_json::Value =
        serde_json::from_str(include_str!("../crates/domain/data/holidays.json")).unwrap();
    let years = data["years"].as_object_mut().unwrap();
    let mut moved_years = Vec::new();
    for &day in days {
        let section = years
            .entry(day.year().to_string())
            .or_insert_with(|| serde_json::json!({ "kurban_ait": "", "transfers": [] }));
        section["source"] = "test: the backend's calendar, unlike the app's".into();
        if !moved_years.contains(&day.year()) {
            moved_years.push(day.year());
            section["kurban_ait"] = day.to_string().into();
            continue;
        }
        let far = if day.ordinal() > 60 {
            Date::from_calendar_date(day.year(), time::Month::January, 10).unwrap()
        } else {
            Date::from_calendar_date(day.year(), time::Month::December, 10).unwrap()
        };
        let saturday = far.next_occurrence(Weekday::Saturday);
        section["transfers"].as_array_mut().unwrap().push(
            serde_json::json!({ "day_off": day.to_string(), "work_day": saturday.to_string() }),
        );
    }
    data
}

/// The `datetime` of a due moment's `<time>`, once it is `expected` (the app recounts when the
/// backend's calendar arrives).
async fn wait_for_due(c: &Client, css: &str, expected: &str) -> String {
    wait_for_attr(c, css, "datetime", expected).await;
    text(c, css).await
}

/// The referral draft of [`complete_referral_draft`], in `region`.
fn draft_in(region: &str, upload: &egov_domain::api::UploadReceipt) -> String {
    let mut draft: serde_json::Value =
        serde_json::from_str(&complete_referral_draft(IIN, upload)).unwrap();
    draft["draft"]["region"] = region.into();
    // Kyzylorda's regulation refers only people registered as job seekers or unemployed.
    draft["draft"]["facts"] = serde_json::json!(["registered_as_job_seeker"]);
    draft.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_application_shows_one_due_moment_on_every_screen_counted_on_the_backends_calendar() {
    let now = OffsetDateTime::now_utc();
    let days_off = days_the_compiled_calendar_finishes_on(now);
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), holiday_file_taking_off(&days_off).to_string()).unwrap();
    let backend_calendar =
        Calendar::from_json(&std::fs::read_to_string(file.path()).unwrap()).expect("valid file");
    for day in &days_off {
        assert!(Calendar::embedded().is_working_day(*day).unwrap());
        assert!(!backend_calendar.is_working_day(*day).unwrap(), "{day}");
    }

    let holidays = file.path().to_owned();
    let s = Session::setup()
        .config(move |config| config.holidays = Some(holidays))
        .start()
        .await;
    let (c, base) = (&s.c, s.base());

    let mut submitted = Vec::new();
    for region in REGIONS {
        let upload = upload_pdf(&base).await;
        seed_draft(c, &base, "", "en", region, &draft_in(region, &upload)).await;
        c.goto(&format!("{base}/apply/active_employment_referral/sign"))
            .await
            .unwrap();
        click(c, "#sign").await;
        let reference = wait_for_text(c, "#reference", |t| !t.is_empty()).await;

        // What the one computation gives for the stored application on each calendar.
        let record = application_record(&base, &reference).await;
        assert_eq!(record.application.region.as_str(), region);
        let DueMoment::At(expected) = service_due(&backend_calendar, &record) else {
            panic!("{region}: no due moment on the backend's calendar");
        };
        let DueMoment::At(compiled) = service_due(Calendar::embedded(), &record) else {
            panic!("{region}: no due moment on the compiled calendar");
        };
        assert_ne!(
            expected.at, compiled.at,
            "{region}: the backend's calendar must move the due moment for this test to mean anything"
        );
        let expected = expected.at.format(&Rfc3339).unwrap();

        let on_confirmation = wait_for_due(c, "#due", &expected).await;
        click(c, "#status-link").await;
        let on_status = wait_for_due(c, "#service-due", &expected).await;
        assert_eq!(on_status, on_confirmation, "{region}");
        submitted.push((region, reference, expected, on_confirmation));
    }

    // My applications: the server counts each in its own region, on its calendar.
    sign_in_to_my_applications(c, &base, IIN).await;
    for (region, reference, expected, shown) in &submitted {
        let in_list = wait_for_due(c, &format!("#due-{reference}"), expected).await;
        assert_eq!(&in_list, shown, "{region}: My applications agrees");
    }
    let listed = applications_of(&base, IIN).await;
    for (region, reference, expected, _) in &submitted {
        let summary = listed
            .iter()
            .find(|s| &s.reference == reference)
            .unwrap_or_else(|| panic!("{region}: {reference} listed"));
        let due = summary.due_at.map(|d| d.format(&Rfc3339).unwrap());
        assert_eq!(
            due.as_deref(),
            Some(expected.as_str()),
            "{region}: the API's due"
        );
    }

    s.finish().await;
}
