use egov_domain::calendar::{
    self, Calendar, CalendarError, StepDuration, CLOSES, LUNCH_ENDS, LUNCH_STARTS, OPENS,
};
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

fn due(start: OffsetDateTime, duration: StepDuration) -> OffsetDateTime {
    calendar::due(start, duration).expect("covered")
}

fn working(day: Date) -> bool {
    calendar::is_working_day(day).expect("covered")
}

#[test]
fn friday_afternoon_runs_over_the_weekend() {
    let friday = datetime!(2025-11-14 16:00 +5);
    assert_eq!(
        due(friday, StepDuration::WorkingDays(1)),
        datetime!(2025-11-17 18:00 +5)
    );
    assert_eq!(
        due(friday, StepDuration::Hours(2)),
        datetime!(2025-11-14 18:00 +5)
    );
    assert_eq!(
        due(friday, StepDuration::Hours(3)),
        datetime!(2025-11-17 10:00 +5)
    );
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
        calendar::next_working_day(date!(2026 - 03 - 20)),
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
    let tuesday = date!(2025 - 11 - 18);
    let at = |hour, minute| {
        time::PrimitiveDateTime::new(tuesday, time::Time::from_hms(hour, minute, 0).unwrap())
            .assume_offset(calendar::ALMATY)
    };
    assert_eq!(due(at(12, 30), StepDuration::Hours(1)), at(14, 30));
    assert_eq!(due(at(12, 0), StepDuration::Hours(1)), at(13, 0));
    assert_eq!(due(at(13, 20), StepDuration::Minutes(30)), at(14, 30));
    assert_eq!(
        due(at(17, 30), StepDuration::Hours(1)),
        datetime!(2025-11-19 09:30 +5)
    );
    assert_eq!(
        due(at(10, 0), StepDuration::Hours(8)),
        datetime!(2025-11-19 10:00 +5)
    );
}

#[test]
fn after_hours_and_days_off_count_from_the_next_working_morning() {
    let evening = datetime!(2025-11-17 19:00 +5);
    assert_eq!(
        calendar::Calendar::embedded().received_at(evening),
        Ok(datetime!(2025-11-18 09:00 +5))
    );
    assert_eq!(
        due(evening, StepDuration::Minutes(30)),
        datetime!(2025-11-18 09:30 +5)
    );
    // Received on Tuesday, so the one working day is Wednesday.
    assert_eq!(
        due(evening, StepDuration::WorkingDays(1)),
        datetime!(2025-11-19 18:00 +5)
    );
    // Another offset is the same instant; the answer is in Almaty time.
    assert_eq!(
        due(datetime!(2025-11-15 10:00 UTC), StepDuration::Minutes(15)),
        datetime!(2025-11-17 09:15 +5)
    );
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
    let steps = [
        StepDuration::Minutes(30),
        StepDuration::WorkingDays(1),
        StepDuration::WorkingDays(5),
    ];
    assert_eq!(
        calendar::steps_due(submitted, &steps),
        Ok(vec![
            datetime!(2025-11-17 10:30 +5),
            datetime!(2025-11-18 18:00 +5),
            datetime!(2025-11-25 18:00 +5),
        ])
    );
    assert_eq!(
        calendar::service_due(submitted, &steps),
        Ok(due(submitted, StepDuration::WorkingDays(6)))
    );
    assert_eq!(
        calendar::service_due(submitted, &[]),
        Ok(datetime!(2025-11-17 10:00 +5))
    );
}

#[test]
fn uncovered_dates_are_refused_not_guessed() {
    assert_eq!(
        calendar::is_working_day(date!(2027 - 01 - 04)),
        Err(CalendarError::NotCovered(date!(2027 - 01 - 04)))
    );
    assert!(matches!(
        calendar::due(datetime!(2026-12-30 10:00 +5), StepDuration::WorkingDays(5)),
        Err(CalendarError::NotCovered(_))
    ));
    // Before 1 March 2024 Almaty was UTC+6.
    assert!(matches!(
        calendar::due(datetime!(2024-02-20 10:00 +5), StepDuration::Minutes(5)),
        Err(CalendarError::NotCovered(_))
    ));
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
    let calendar = Calendar::embedded();
    assert_eq!(calendar.covered_years(), 2024..=2026);
}

fn within_office_hours(moment: OffsetDateTime) -> bool {
    let time = moment.time();
    (OPENS..=LUNCH_STARTS).contains(&time) || (LUNCH_ENDS..=CLOSES).contains(&time)
}

fn moment() -> impl Strategy<Value = OffsetDateTime> {
    // From the UTC+5 switch to mid-2026, so that 60 working days stay inside the data.
    let from = datetime!(2024-03-01 00:00 +5).unix_timestamp();
    let to = datetime!(2026-06-30 23:59 +5).unix_timestamp();
    (from..to).prop_map(|ts| {
        OffsetDateTime::from_unix_timestamp(ts)
            .unwrap()
            .to_offset(calendar::ALMATY)
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
