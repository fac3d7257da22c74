//! Contract: the working-day calendar (`GET /calendar/{year}`), and the server counting its
//! deadlines on the calendar it publishes.

mod support;

use egov_domain::api::{problem_code, CalendarStatus, CalendarYear};
use egov_domain::calendar::Calendar;
use reqwest::StatusCode;
use support::{assert_schema, ok, start, start_with};
use time::macros::date;

#[tokio::test]
async fn official_and_provisional_years_are_published_with_their_days() {
    let t = start().await;
    let raw: serde_json::Value = ok(t.get("/calendar/2026").await, StatusCode::OK).await;
    assert_schema(&raw, "CalendarYear");
    let keys: Vec<&str> = raw
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["days_off", "source", "status", "working_days", "year"]
    );
    let y2026: CalendarYear = serde_json::from_value(raw).unwrap();
    assert_eq!(y2026.year, 2026);
    assert_eq!(y2026.status, CalendarStatus::Official);
    for day in [
        date!(2026 - 01 - 01),
        date!(2026 - 03 - 09),
        date!(2026 - 05 - 27),
    ] {
        assert!(y2026.days_off.contains(&day), "{day}");
    }
    assert!(y2026.source.contains("2026"));

    let y2027: CalendarYear = ok(t.get("/calendar/2027").await, StatusCode::OK).await;
    assert_eq!(y2027.status, CalendarStatus::Provisional);
    for day in [
        date!(2027 - 01 - 04),
        date!(2027 - 03 - 24),
        date!(2027 - 05 - 03),
        date!(2027 - 05 - 10),
    ] {
        assert!(y2027.days_off.contains(&day), "{day}");
    }
    assert!(y2027.working_days.is_empty());
    assert_eq!(y2027, Calendar::embedded().year(2027).unwrap());
}

#[tokio::test]
async fn a_year_out_of_range_or_not_a_year_is_a_problem() {
    let t = start().await;
    let not_covered = (
        StatusCode::NOT_FOUND,
        problem_code::CALENDAR_YEAR_NOT_COVERED,
    );
    let p = t.get_problem("/calendar/2023", not_covered).await;
    assert!(p.detail.unwrap_or_default().contains("2023"));
    let not_a_year = (StatusCode::BAD_REQUEST, problem_code::BAD_REQUEST);
    for (path, expected) in [
        ("/calendar/99999", not_covered),
        ("/calendar/next", not_a_year),
    ] {
        t.get_problem(path, expected).await;
    }
}

#[tokio::test]
async fn an_operators_holiday_file_replaces_the_compiled_calendar() {
    // The Government publishes 2027 with a transfer: 6 January off, Saturday 9 January worked.
    let mut data: serde_json::Value =
        serde_json::from_str(include_str!("../../domain/data/holidays.json")).unwrap();
    data["years"]["2027"] = serde_json::json!({
        "kurban_ait": "2027-05-16",
        "transfers": [{ "day_off": "2027-01-06", "work_day": "2027-01-09" }],
        "source": "test decree for 2027"
    });
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), data.to_string()).unwrap();
    let path = file.path().to_path_buf();
    let t = start_with(|config| config.holidays = Some(path)).await;
    let y2027: CalendarYear = ok(t.get("/calendar/2027").await, StatusCode::OK).await;
    assert_eq!(y2027.status, CalendarStatus::Official);
    assert_eq!(y2027.source, "test decree for 2027");
    assert!(y2027.days_off.contains(&date!(2027 - 01 - 06)));
    assert!(y2027.days_off.contains(&date!(2027 - 05 - 16)));
    assert_eq!(y2027.working_days, [date!(2027 - 01 - 09)]);
}

#[tokio::test]
async fn a_broken_holiday_file_stops_the_server_from_starting() {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), "{\"years\": {}}").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = support::test_config(data.path());
    config.holidays = Some(file.path().to_path_buf());
    let error = egov_server::start(config).await.err().expect("refused");
    assert!(error.to_string().contains("holiday file"), "{error}");
}
