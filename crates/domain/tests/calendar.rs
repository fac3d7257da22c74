//! The working-day calendar and counting in office time (`calendar`, `working_time`).

use egov_domain::calendar::{Calendar, CalendarError, CalendarStatus};
use egov_domain::working_time::{CountError, Due, OfficeHours, StepDuration, WorkingTime, ALMATY};
use proptest::prelude::*;
use time::macros::{date, datetime, time};
use time::{Date, OffsetDateTime};
use StepDuration::{Hours, Minutes, WorkingDays};

fn office() -> WorkingTime<'static> {
    WorkingTime::new(Calendar::embedded(), OfficeHours::DEFAULT)
}

fn counted(start: OffsetDateTime, duration: StepDuration) -> Due {
    office().due(start, duration).expect("covered")
}

fn due(start: OffsetDateTime, duration: StepDuration) -> OffsetDateTime {
    counted(start, duration).at
}

/// Each `(start, duration, expected)`: counted on `time` from `start`, `duration` is due at
/// `expected`.
fn assert_dues_on(time: &WorkingTime, cases: &[(OffsetDateTime, StepDuration, OffsetDateTime)]) {
    for &(start, duration, expected) in cases {
        let due = time.due(start, duration).expect("covered").at;
        assert_eq!(due, expected, "{duration:?} from {start}");
    }
}

/// [`assert_dues_on`] in the default office hours.
fn assert_dues(cases: &[(OffsetDateTime, StepDuration, OffsetDateTime)]) {
    assert_dues_on(&office(), cases);
}

/// `hour`:`minute` of `day` in Almaty.
fn almaty(day: Date, hour: u8, minute: u8) -> OffsetDateTime {
    time::PrimitiveDateTime::new(day, time::Time::from_hms(hour, minute, 0).unwrap())
        .assume_offset(ALMATY)
}

fn working(day: Date) -> bool {
    Calendar::embedded().is_working_day(day).expect("covered")
}

#[test]
fn friday_afternoon_runs_over_the_weekend() {
    let friday = datetime!(2025-11-14 16:00 +5);
    assert_dues(&[
        (friday, WorkingDays(1), datetime!(2025-11-17 18:00 +5)),
        (friday, Hours(2), datetime!(2025-11-14 18:00 +5)),
        (friday, Hours(3), datetime!(2025-11-17 10:00 +5)),
    ]);
}

#[test]
fn the_day_before_nauryz_skips_the_holidays_and_their_moved_days_off() {
    // 2025: 21 Mar is a Friday; 22 and 23 fall on the weekend and move to 24 and 25 Mar.
    let thursday = datetime!(2025-03-20 10:00 +5);
    assert_eq!(
        due(thursday, StepDuration::WorkingDays(1)),
        datetime!(2025-03-26 18:00 +5)
    );
    for day in [
        date!(2025 - 03 - 21),
        date!(2025 - 03 - 24),
        date!(2025 - 03 - 25),
    ] {
        assert!(!working(day), "{day}");
    }
}

#[test]
fn five_working_days_across_the_new_year() {
    // 30, 31 Dec, then 1–2 Jan holidays, 3–4 Jan weekend, 5, 6 Jan, 7 Jan Christmas, 8 Jan.
    assert_eq!(
        due(datetime!(2025-12-29 11:00 +5), StepDuration::WorkingDays(5)),
        datetime!(2026-01-08 18:00 +5)
    );
}

#[test]
fn a_holiday_on_a_weekend_moves_the_day_off_to_the_next_working_day() {
    // 8 Mar 2025 and 9 May 2026 are Saturdays; 8 Mar 2026 is a Sunday.
    assert!(!working(date!(2025 - 03 - 10)));
    assert!(!working(date!(2026 - 05 - 11)));
    assert!(!working(date!(2026 - 03 - 09)));
    // Nauryz 2026 is Sat–Sun–Mon: the two weekend days move past the Monday holiday.
    assert_eq!(
        Calendar::embedded().next_working_day(date!(2026 - 03 - 20)),
        Ok(date!(2026 - 03 - 26))
    );
    // Religious holidays do not move: Christmas was a Sunday in 2024.
    assert!(working(date!(2024 - 01 - 08)));
    assert!(!working(date!(2025 - 06 - 06)), "Kurban Ait 2025");
}

#[test]
fn a_transfer_makes_a_weekend_day_a_work_day() {
    // 2024: the day off of Saturday 4 May moved to Wednesday 8 May.
    assert!(working(date!(2024 - 05 - 04)));
    assert!(!working(date!(2024 - 05 - 08)));
    assert_eq!(
        due(datetime!(2024-05-03 10:00 +5), StepDuration::WorkingDays(1)),
        datetime!(2024-05-04 18:00 +5)
    );
    // 2025: Sunday 5 January worked for Friday 3 January.
    assert!(working(date!(2025 - 01 - 05)));
    assert!(!working(date!(2025 - 01 - 03)));
}

#[test]
fn office_hours_skip_the_lunch_break_and_the_night() {
    let tuesday = |hour, minute| almaty(date!(2025 - 11 - 18), hour, minute);
    let wednesday = |hour, minute| almaty(date!(2025 - 11 - 19), hour, minute);
    assert_dues(&[
        (tuesday(12, 30), Hours(1), tuesday(14, 30)),
        (tuesday(12, 0), Hours(1), tuesday(13, 0)),
        (tuesday(13, 20), Minutes(30), tuesday(14, 30)),
        (tuesday(17, 30), Hours(1), wednesday(9, 30)),
        (tuesday(10, 0), Hours(8), wednesday(10, 0)),
    ]);
}

#[test]
fn after_hours_and_days_off_count_from_the_next_working_morning() {
    let evening = datetime!(2025-11-17 19:00 +5);
    assert_eq!(
        office().received_at(evening).map(|d| d.at),
        Ok(datetime!(2025-11-18 09:00 +5))
    );
    let saturday_utc = datetime!(2025-11-15 10:00 UTC);
    assert_dues(&[
        (evening, Minutes(30), datetime!(2025-11-18 09:30 +5)),
        // Received on Tuesday, so the one working day is Wednesday.
        (evening, WorkingDays(1), datetime!(2025-11-19 18:00 +5)),
        // Another offset is the same instant; the answer is in Almaty time.
        (saturday_utc, Minutes(15), datetime!(2025-11-17 09:15 +5)),
    ]);
}

#[test]
fn calendar_days_end_on_a_working_day() {
    // 10 calendar days from Thu 27 Feb 2025 is Sun 9 Mar; Mon 10 Mar is the moved Women's Day.
    assert_eq!(
        due(
            datetime!(2025-02-27 10:00 +5),
            StepDuration::CalendarDays(10)
        ),
        datetime!(2025-03-11 18:00 +5)
    );
}

#[test]
fn steps_chain_without_losing_a_day() {
    // Seed 004, provider: 1 working day to assign an executor, then 5 to prepare the result.
    let submitted = datetime!(2025-11-17 10:00 +5);
    let first = due(submitted, StepDuration::Minutes(30));
    let second = due(first, StepDuration::WorkingDays(1));
    let third = due(second, StepDuration::WorkingDays(5));
    assert_eq!(first, datetime!(2025-11-17 10:30 +5));
    assert_eq!(second, datetime!(2025-11-18 18:00 +5));
    assert_eq!(third, datetime!(2025-11-25 18:00 +5));
    assert_eq!(third, due(submitted, StepDuration::WorkingDays(6)));
}

#[test]
fn years_before_the_data_and_moments_before_utc_plus_5_are_refused_not_guessed() {
    assert_eq!(
        Calendar::embedded().is_working_day(date!(2023 - 12 - 29)),
        Err(CalendarError::NotCovered(2023))
    );
    // Before 1 March 2024 Almaty was UTC+6.
    assert_eq!(
        office().due(datetime!(2024-02-20 10:00 +5), StepDuration::Minutes(5)),
        Err(CountError::BeforeFixedOffset)
    );
}

#[test]
fn a_year_without_data_is_provisional_and_so_is_every_moment_that_rests_on_it() {
    let calendar = Calendar::embedded();
    assert_eq!(calendar.status_of(2026), Ok(CalendarStatus::Official));
    assert_eq!(calendar.status_of(2027), Ok(CalendarStatus::Provisional));
    assert_eq!(calendar.status_of(2040), Ok(CalendarStatus::Provisional));
    let year = calendar.year(2027).unwrap();
    assert_eq!(year.status, CalendarStatus::Provisional);
    assert!(year.source.contains("Kurban Ait"), "{}", year.source);
    assert!(year.working_days.is_empty(), "no transfers are known");

    // Inside 2026: official. Reaching into 2027: provisional.
    let in_2026 = counted(datetime!(2026-12-30 10:00 +5), StepDuration::Hours(2));
    assert_eq!(in_2026.calendar, CalendarStatus::Official);
    let into_2027 = counted(datetime!(2026-12-30 10:00 +5), StepDuration::WorkingDays(2));
    // 31 Dec, then 1–2 Jan holidays, 3 Jan Sunday, 4 Jan the Saturday's moved day off.
    assert_eq!(into_2027.at, datetime!(2027-01-05 18:00 +5));
    assert_eq!(into_2027.calendar, CalendarStatus::Provisional);
}

#[test]
fn the_2027_days_off_follow_the_weekend_move_rule() {
    let calendar = Calendar::embedded();
    let off = |day| !calendar.is_working_day(day).unwrap();
    // 2 Jan 2027 is a Saturday: 4 Jan is off. Christmas (Thursday 7 Jan) is off.
    assert!(off(date!(2027 - 01 - 02)) && off(date!(2027 - 01 - 04)));
    assert!(off(date!(2027 - 01 - 07)));
    assert!(!off(date!(2027 - 01 - 05)) && !off(date!(2027 - 01 - 06)));
    // Nauryz: 21 Mar is a Sunday, 22–23 Mar Monday–Tuesday, so 24 Mar is off.
    assert!(off(date!(2027 - 03 - 22)) && off(date!(2027 - 03 - 23)));
    assert!(off(date!(2027 - 03 - 24)));
    assert!(!off(date!(2027 - 03 - 25)));
    // 1 May is a Saturday and 9 May a Sunday: 3 and 10 May are off; 7 May is a Friday.
    assert!(off(date!(2027 - 05 - 03)) && off(date!(2027 - 05 - 10)));
    assert!(off(date!(2027 - 05 - 07)));
    assert!(!off(date!(2027 - 05 - 04)) && !off(date!(2027 - 05 - 11)));
    // Kurban Ait is not guessed: mid-May 2027 stays a working week until it is published.
    assert!(!off(date!(2027 - 05 - 17)));
    // Orthodox Christmas is never moved: 7 Jan 2029 is a Sunday, 8 Jan is worked.
    assert!(!off(date!(2029 - 01 - 08)));
}

/// The embedded data with the weekend-move rule ending in 2027, as if the law changed: no
/// provisional year can be computed after it.
fn calendar_whose_rules_end_in_2027() -> Calendar {
    let mut data: serde_json::Value =
        serde_json::from_str(include_str!("../data/holidays.json")).unwrap();
    data["weekend_move_rule"]["to_year"] = 2027.into();
    Calendar::from_json(&data.to_string()).unwrap()
}

#[test]
fn a_count_that_reaches_a_year_without_calendar_says_which_year() {
    let calendar = calendar_whose_rules_end_in_2027();
    let time = WorkingTime::new(&calendar, OfficeHours::DEFAULT);
    let error = time
        .due(datetime!(2027-12-30 10:00 +5), StepDuration::WorkingDays(5))
        .unwrap_err();
    assert_eq!(error, CountError::CalendarMissing(2028));
    assert_eq!(
        error.to_string(),
        "the working-day calendar for 2028 is not available"
    );
    // Within 2027 it still counts, provisionally.
    let due = time
        .due(datetime!(2027-12-30 10:00 +5), StepDuration::WorkingDays(1))
        .unwrap();
    assert_eq!(due.at, datetime!(2027-12-31 18:00 +5));
    assert_eq!(due.calendar, CalendarStatus::Provisional);
}

#[test]
fn office_hours_without_a_break_count_straight_through() {
    let hours = OfficeHours {
        opens: time!(8:00),
        break_: None,
        closes: time!(17:00),
    };
    let time = WorkingTime::new(Calendar::embedded(), hours);
    let tuesday = |hour, minute| almaty(date!(2025 - 11 - 18), hour, minute);
    let wednesday = |hour, minute| almaty(date!(2025 - 11 - 19), hour, minute);
    assert_dues_on(
        &time,
        &[
            (tuesday(12, 30), Hours(1), tuesday(13, 30)),
            (tuesday(16, 30), Hours(1), wednesday(8, 30)),
            (tuesday(10, 0), WorkingDays(1), wednesday(17, 0)),
        ],
    );
}

#[test]
fn the_2026_year_matches_the_published_production_calendar() {
    // The Ministry's production calendar for 2026: 246 working days in a five-day week.
    let mut day = date!(2026 - 01 - 01);
    let mut working_days = 0;
    while day.year() == 2026 {
        working_days += u32::from(working(day));
        day = day.next_day().unwrap();
    }
    assert_eq!(working_days, 246);
}

#[test]
fn january_2025_has_eleven_days_off() {
    let rest = (1..=31)
        .map(|d| Date::from_calendar_date(2025, time::Month::January, d).unwrap())
        .filter(|&d| !working(d))
        .count();
    assert_eq!(rest, 11);
}

fn within_office_hours(moment: OffsetDateTime) -> bool {
    let hours = OfficeHours::DEFAULT;
    let (lunch_starts, lunch_ends) = hours.break_.unwrap();
    let time = moment.time();
    (hours.opens..=lunch_starts).contains(&time) || (lunch_ends..=hours.closes).contains(&time)
}

fn moment() -> impl Strategy<Value = OffsetDateTime> {
    // From the UTC+5 switch well into the provisional years: the calendar never runs out.
    let from = datetime!(2024-03-01 00:00 +5).unix_timestamp();
    let to = datetime!(2035-12-31 23:59 +5).unix_timestamp();
    (from..to).prop_map(|ts| {
        OffsetDateTime::from_unix_timestamp(ts)
            .unwrap()
            .to_offset(ALMATY)
    })
}

proptest! {
    #[test]
    fn working_days_end_on_a_working_day_in_office_hours_and_grow_with_n(
        start in moment(),
        n in 0u32..60,
    ) {
        let this = due(start, StepDuration::WorkingDays(n));
        let next = due(start, StepDuration::WorkingDays(n + 1));
        for moment in [this, next] {
            prop_assert!(working(moment.date()), "{moment}");
            prop_assert!(within_office_hours(moment), "{moment}");
        }
        prop_assert!(this < next);
        prop_assert!(this >= start);
    }

    #[test]
    fn office_minutes_end_in_office_hours_and_grow_with_n(
        start in moment(),
        minutes in 0u32..10_000,
    ) {
        let this = due(start, StepDuration::Minutes(minutes));
        let next = due(start, StepDuration::Minutes(minutes + 1));
        prop_assert!(working(this.date()));
        prop_assert!(within_office_hours(this), "{this}");
        prop_assert!(this < next);
    }
}
