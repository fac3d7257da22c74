//! Working-day deadlines of the offices that provide the social-labour services.
//!
//! The regulations give step durations in working days, calendar days, hours and minutes
//! (`/work/shared/domain/services.md`, item 8: "count in working days, not calendar days"). This
//! module turns a submission moment and such durations into due moments, using:
//!
//! - the holidays and days off of Kazakhstan, kept as data in `data/holidays.json`;
//! - the offices' hours, 9:00–18:00 with a 13:00–14:00 break, except days off and holidays
//!   (seed 003, para 8: "демалыс және ... мереке күндерiн қоспағанда, сағат 13.00-ден 14.00-ге
//!   дейiн түскi үзiлiспен күн сайын сағат 9.00-ден 18.00-ге дейiн");
//! - Almaty local time as the fixed offset UTC+5, which the whole country has used since
//!   1 March 2024. Fixed, because a tz database would be a large download for the wasm app and the
//!   offset has one value over the whole range this calendar covers.
//!
//! Callers pass the current time in; nothing here reads a clock, so the same code runs natively,
//! in the server and in wasm.
//!
//! # Counting rules
//!
//! 1. **Receipt.** An application received after 18:00 or on a day off is taken as received at
//!    9:00 on the next working day; one received before 9:00 as received at 9:00 that day, and
//!    one received during the break as received at 14:00. The seeds in `/work/shared/seeds` do
//!    not contain this clause (no "после окончания рабочего времени" there: they only give the
//!    schedule, seed 003 para 8, and count from "регистрации пакета документов", seed 000). It
//!    comes from the standards of the services, Order of the Minister of Health and Social
//!    Development No. 279 of 28.04.2015, which seeds 001 and 004 cite but which is not in this
//!    repository: after working hours, on days off and holidays, applications are accepted on
//!    the next working day. Re-check the wording when the standard is added to the seeds.
//! 2. **Days.** A period of days starts on the day after the day of receipt and ends at closing
//!    time (18:00) on its last day; a last day that is a day off moves to the next working day.
//!    This is the general rule for periods in the Civil Code of the Republic of Kazakhstan
//!    (General Part, arts. 170–173: a period starts on the day after the event; a period ending on
//!    a non-working day ends on the next working day; an act to be done at an organisation must be
//!    done before it closes).
//! 3. **Hours and minutes** count office time only: the break, the evenings and the days off do
//!    not run.
//! 4. **Steps.** Each step starts at the moment the previous one is due. Because a step due at
//!    18:00 counts as received that same day, a chain of 1 + 5 working days ends on the same day
//!    as a single 6-working-day period.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::sync::LazyLock;
use time::macros::{date, offset, time};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// Almaty local time (UTC+5 since 1 March 2024).
pub const ALMATY: UtcOffset = offset!(+5);
/// Opening time of the offices (seed 003, para 8).
pub const OPENS: Time = time!(9:00);
/// Start of the lunch break (seed 003, para 8).
pub const LUNCH_STARTS: Time = time!(13:00);
/// End of the lunch break (seed 003, para 8).
pub const LUNCH_ENDS: Time = time!(14:00);
/// Closing time of the offices (seed 003, para 8).
pub const CLOSES: Time = time!(18:00);

/// Before this day Almaty was UTC+6, so a fixed UTC+5 would put moments an hour off.
const FIXED_OFFSET_SINCE: Date = date!(2024 - 03 - 01);

const EMBEDDED: &str = include_str!("../data/holidays.json");

static KAZAKHSTAN: LazyLock<Calendar> = LazyLock::new(|| {
    Calendar::from_json(EMBEDDED).expect("the embedded holiday data is validated by tests")
});

/// How long one step of a service may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum StepDuration {
    WorkingDays(u32),
    CalendarDays(u32),
    /// Office hours: only time between 9:00 and 18:00 on working days, less the break, runs.
    Hours(u32),
    /// Office minutes, counted like [`StepDuration::Hours`].
    Minutes(u32),
}

/// Why a deadline cannot be computed. The UI localises the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The computation reached a day for which there is no holiday data, or a moment before the
    /// fixed UTC+5 offset applies. A guess would silently miss that year's transfers.
    #[error("the holiday calendar does not cover {0}")]
    NotCovered(Date),
    #[error("the holiday data is invalid")]
    InvalidData,
}

impl CalendarError {
    /// Stable machine-readable code, used in API errors and as a locale key suffix.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::NotCovered(_) => "calendar_not_covered",
            CalendarError::InvalidData => "calendar_invalid_data",
        }
    }
}

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

#[derive(Deserialize)]
struct HolidayData {
    source: String,
    weekend_move_rule: WeekendMoveRule,
    fixed_holidays: Vec<FixedHoliday>,
    years: BTreeMap<i32, YearData>,
}

#[derive(Deserialize)]
struct WeekendMoveRule {
    from_year: i32,
    to_year: Option<i32>,
}

impl WeekendMoveRule {
    fn applies(&self, year: i32) -> bool {
        year >= self.from_year && self.to_year.is_none_or(|to| year <= to)
    }
}

#[derive(Deserialize)]
struct FixedHoliday {
    month: u8,
    day: u8,
    kind: HolidayKind,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum HolidayKind {
    State,
    National,
    /// Orthodox Christmas and Kurban Ait: days off, but not moved off a weekend (e.g. Christmas
    /// on Saturday 7 January 2023 and Kurban Ait on Sunday 16 June 2024 gave no extra day off).
    Religious,
}

#[derive(Deserialize)]
struct YearData {
    #[serde(with = "iso_date")]
    kurban_ait: Date,
    transfers: Vec<Transfer>,
    source: String,
}

/// A Government decision (Labour Code art. 85) that swaps a working day and a day off.
#[derive(Deserialize)]
struct Transfer {
    #[serde(with = "iso_date")]
    day_off: Date,
    #[serde(with = "iso_date")]
    work_day: Date,
}

/// The working days of the offices over the years the data covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    years: RangeInclusive<i32>,
    days_off: BTreeSet<Date>,
    work_days: BTreeSet<Date>,
}

fn is_weekend(day: Date) -> bool {
    matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
}

fn at(day: Date, time: Time) -> OffsetDateTime {
    PrimitiveDateTime::new(day, time).assume_offset(ALMATY)
}

impl Calendar {
    /// The calendar of Kazakhstan checked into the repository (`data/holidays.json`).
    pub fn embedded() -> &'static Calendar {
        &KAZAKHSTAN
    }

    /// Builds a calendar from data in the format of `data/holidays.json`.
    pub fn from_json(json: &str) -> Result<Calendar, CalendarError> {
        let data: HolidayData =
            serde_json::from_str(json).map_err(|_| CalendarError::InvalidData)?;
        Calendar::from_data(data)
    }

    fn from_data(data: HolidayData) -> Result<Calendar, CalendarError> {
        let invalid = CalendarError::InvalidData;
        let (&first, &last) = match (data.years.keys().next(), data.years.keys().next_back()) {
            (Some(first), Some(last)) => (first, last),
            _ => return Err(invalid),
        };
        // A gap would make "covered" ambiguous for walks that cross it.
        let contiguous = usize::try_from(last - first + 1).ok() == Some(data.years.len());
        if !contiguous || data.source.trim().is_empty() {
            return Err(invalid);
        }

        // Day -> whether its day off moves off a weekend. A religious holiday that coincides with
        // a state one must not cancel the state one's move.
        let mut holidays: BTreeMap<Date, bool> = BTreeMap::new();
        for (&year, year_data) in &data.years {
            if year_data.source.trim().is_empty() || year_data.kurban_ait.year() != year {
                return Err(invalid);
            }
            for holiday in &data.fixed_holidays {
                let month = time::Month::try_from(holiday.month).map_err(|_| invalid)?;
                let day =
                    Date::from_calendar_date(year, month, holiday.day).map_err(|_| invalid)?;
                *holidays.entry(day).or_default() |= holiday.kind != HolidayKind::Religious;
            }
            holidays.entry(year_data.kurban_ait).or_default();
        }

        let mut days_off: BTreeSet<Date> = holidays.keys().copied().collect();
        // Ascending order matters: with Nauryz on Sat–Sun–Mon the Saturday takes the Tuesday
        // and the Sunday the Wednesday.
        for (&day, &moves) in &holidays {
            if moves && is_weekend(day) && data.weekend_move_rule.applies(day.year()) {
                let mut target = day;
                loop {
                    target = target.next_day().ok_or(invalid)?;
                    if !is_weekend(target) && !days_off.contains(&target) {
                        break;
                    }
                }
                days_off.insert(target);
            }
        }

        let years = first..=last;
        let mut work_days = BTreeSet::new();
        let mut transferred_off = Vec::new();
        for transfer in data.years.values().flat_map(|y| &y.transfers) {
            let would_work = |day: Date| !is_weekend(day) && !days_off.contains(&day);
            // Catches swapped fields: a transfer only makes sense from a rest day to a work day.
            if !years.contains(&transfer.day_off.year())
                || !years.contains(&transfer.work_day.year())
                || !would_work(transfer.day_off)
                || would_work(transfer.work_day)
            {
                return Err(invalid);
            }
            transferred_off.push(transfer.day_off);
            work_days.insert(transfer.work_day);
        }
        days_off.extend(transferred_off);

        Ok(Calendar {
            years,
            days_off,
            work_days,
        })
    }

    /// The years for which the data lists the religious holidays and the transfers.
    pub fn covered_years(&self) -> RangeInclusive<i32> {
        self.years.clone()
    }

    /// Whether the offices work on `day`.
    pub fn is_working_day(&self, day: Date) -> Result<bool, CalendarError> {
        if !self.years.contains(&day.year()) {
            return Err(CalendarError::NotCovered(day));
        }
        Ok(self.work_days.contains(&day) || !(is_weekend(day) || self.days_off.contains(&day)))
    }

    /// The first working day strictly after `day`.
    pub fn next_working_day(&self, day: Date) -> Result<Date, CalendarError> {
        let mut next = day;
        loop {
            next = next.next_day().ok_or(CalendarError::NotCovered(next))?;
            if self.is_working_day(next)? {
                return Ok(next);
            }
        }
    }

    /// The moment from which the deadlines of an application submitted at `submitted` run
    /// (counting rule 1 in the module documentation), in Almaty time.
    pub fn received_at(&self, submitted: OffsetDateTime) -> Result<OffsetDateTime, CalendarError> {
        let local = submitted.to_offset(ALMATY);
        let (day, time) = (local.date(), local.time());
        if day < FIXED_OFFSET_SINCE {
            return Err(CalendarError::NotCovered(day));
        }
        if self.is_working_day(day)? {
            if time < OPENS {
                return Ok(at(day, OPENS));
            }
            if (LUNCH_STARTS..LUNCH_ENDS).contains(&time) {
                return Ok(at(day, LUNCH_ENDS));
            }
            // 18:00 itself still belongs to the day, so that a step due at closing time hands
            // over to the next step on the same day.
            if time <= CLOSES {
                return Ok(local);
            }
        }
        Ok(at(self.next_working_day(day)?, OPENS))
    }

    /// When a step of `duration` that starts at `start` is due, in Almaty time.
    pub fn due(
        &self,
        start: OffsetDateTime,
        duration: StepDuration,
    ) -> Result<OffsetDateTime, CalendarError> {
        let start = self.received_at(start)?;
        match duration {
            StepDuration::WorkingDays(0) | StepDuration::CalendarDays(0) => Ok(start),
            StepDuration::WorkingDays(days) => {
                let mut day = start.date();
                for _ in 0..days {
                    day = self.next_working_day(day)?;
                }
                Ok(at(day, CLOSES))
            }
            StepDuration::CalendarDays(days) => {
                let last = start
                    .date()
                    .checked_add(time::Duration::days(days.into()))
                    .ok_or(CalendarError::NotCovered(Date::MAX))?;
                let last = if self.is_working_day(last)? {
                    last
                } else {
                    self.next_working_day(last)?
                };
                Ok(at(last, CLOSES))
            }
            StepDuration::Hours(hours) => {
                self.add_office_time(start, time::Duration::hours(hours.into()))
            }
            StepDuration::Minutes(minutes) => {
                self.add_office_time(start, time::Duration::minutes(minutes.into()))
            }
        }
    }

    /// `start` must come from [`Calendar::received_at`]: a working day, within office hours.
    fn add_office_time(
        &self,
        start: OffsetDateTime,
        mut remaining: time::Duration,
    ) -> Result<OffsetDateTime, CalendarError> {
        let mut now = start;
        loop {
            let (day, time) = (now.date(), now.time());
            let before_lunch = time < LUNCH_STARTS;
            let stretch_ends = if before_lunch { LUNCH_STARTS } else { CLOSES };
            let available = stretch_ends - time;
            if remaining <= available {
                return Ok(now + remaining);
            }
            remaining -= available;
            now = if before_lunch {
                at(day, LUNCH_ENDS)
            } else {
                at(self.next_working_day(day)?, OPENS)
            };
        }
    }

    /// The due moment of each step, each step starting when the previous one is due.
    pub fn steps_due(
        &self,
        submitted: OffsetDateTime,
        steps: &[StepDuration],
    ) -> Result<Vec<OffsetDateTime>, CalendarError> {
        let mut now = submitted;
        steps
            .iter()
            .map(|&step| {
                now = self.due(now, step)?;
                Ok(now)
            })
            .collect()
    }

    /// When the whole service is due: the due moment of its last step, or the moment of
    /// receipt when it has no timed steps.
    pub fn service_due(
        &self,
        submitted: OffsetDateTime,
        steps: &[StepDuration],
    ) -> Result<OffsetDateTime, CalendarError> {
        match self.steps_due(submitted, steps)?.last() {
            Some(&due) => Ok(due),
            None => self.received_at(submitted),
        }
    }
}

/// [`Calendar::is_working_day`] on the embedded calendar.
pub fn is_working_day(day: Date) -> Result<bool, CalendarError> {
    Calendar::embedded().is_working_day(day)
}

/// [`Calendar::next_working_day`] on the embedded calendar.
pub fn next_working_day(day: Date) -> Result<Date, CalendarError> {
    Calendar::embedded().next_working_day(day)
}

/// [`Calendar::due`] on the embedded calendar.
pub fn due(start: OffsetDateTime, duration: StepDuration) -> Result<OffsetDateTime, CalendarError> {
    Calendar::embedded().due(start, duration)
}

/// [`Calendar::steps_due`] on the embedded calendar.
pub fn steps_due(
    submitted: OffsetDateTime,
    steps: &[StepDuration],
) -> Result<Vec<OffsetDateTime>, CalendarError> {
    Calendar::embedded().steps_due(submitted, steps)
}

/// [`Calendar::service_due`] on the embedded calendar.
pub fn service_due(
    submitted: OffsetDateTime,
    steps: &[StepDuration],
) -> Result<OffsetDateTime, CalendarError> {
    Calendar::embedded().service_due(submitted, steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_years(years: &str) -> String {
        let mut data: serde_json::Value = serde_json::from_str(EMBEDDED).unwrap();
        data["years"] = serde_json::from_str(years).unwrap();
        data.to_string()
    }

    #[test]
    fn embedded_data_parses() {
        let calendar = Calendar::from_json(EMBEDDED).expect("valid data");
        assert_eq!(calendar.covered_years(), 2024..=2026);
    }

    #[test]
    fn swapped_transfer_is_rejected() {
        let json = with_years(
            r#"{"2025": {"kurban_ait": "2025-06-06", "source": "test",
                "transfers": [{"day_off": "2025-01-05", "work_day": "2025-01-03"}]}}"#,
        );
        assert_eq!(Calendar::from_json(&json), Err(CalendarError::InvalidData));
    }

    #[test]
    fn a_year_without_source_or_a_gap_is_rejected() {
        let no_source =
            with_years(r#"{"2025": {"kurban_ait": "2025-06-06", "source": " ", "transfers": []}}"#);
        assert_eq!(
            Calendar::from_json(&no_source),
            Err(CalendarError::InvalidData)
        );
        let gap = with_years(
            r#"{"2024": {"kurban_ait": "2024-06-16", "source": "t", "transfers": []},
                "2026": {"kurban_ait": "2026-05-27", "source": "t", "transfers": []}}"#,
        );
        assert_eq!(Calendar::from_json(&gap), Err(CalendarError::InvalidData));
    }

    #[test]
    fn step_duration_wire_format() {
        let json = serde_json::to_string(&StepDuration::WorkingDays(5)).unwrap();
        assert_eq!(json, r#"{"unit":"working_days","value":5}"#);
    }
}

impl From<crate::deadline::MaxDuration> for StepDuration {
    fn from(max: crate::deadline::MaxDuration) -> StepDuration {
        use crate::deadline::DurationUnit;
        match max.unit {
            DurationUnit::Minutes => StepDuration::Minutes(max.value),
            DurationUnit::Hours => StepDuration::Hours(max.value),
            DurationUnit::WorkingDays => StepDuration::WorkingDays(max.value),
            DurationUnit::CalendarDays => StepDuration::CalendarDays(max.value),
        }
    }
}

/// When the service is due for an application submitted online at `submitted`: the regulation's
/// stated total if it gives one, otherwise the end of its last step. None when the regulation
/// gives no duration or the calendar does not cover the dates.
pub fn service_due_online(
    service: &crate::catalogue::ServiceView,
    submitted: OffsetDateTime,
) -> Option<OffsetDateTime> {
    // Some seeds time only the office procedure, not the portal channel; the provider runs the
    // same procedure for a portal application, so its durations are the best estimate there is.
    service
        .online_channels()
        .chain(service.offline_channels())
        .find_map(|channel| channel_due(channel, submitted))
}

fn channel_due(
    channel: &crate::catalogue::ChannelView,
    submitted: OffsetDateTime,
) -> Option<OffsetDateTime> {
    if let Some(stated) = &channel.deadline.stated {
        return due(submitted, stated.max.into()).ok();
    }
    let steps: Vec<StepDuration> = channel
        .steps
        .iter()
        .filter_map(|s| s.step.max_duration.map(StepDuration::from))
        .collect();
    if steps.is_empty() {
        return None;
    }
    Calendar::embedded().service_due(submitted, &steps).ok()
}

#[cfg(test)]
mod service_due_tests {
    use super::*;
    use crate::{Catalogue, RegionId, ServiceId};

    #[test]
    fn the_referral_in_karaganda_is_due_after_its_steps_in_working_time() {
        let service = Catalogue::shared()
            .service_in_region(
                &ServiceId::new("active_employment_referral"),
                &RegionId::new("karaganda"),
            )
            .unwrap();
        let submitted = time::macros::datetime!(2026-11-20 16:00 +5);
        let due = service_due_online(&service, submitted).expect("a due moment");
        assert!(due > submitted);
        assert!(is_working_day(due.to_offset(ALMATY).date()).unwrap());
    }
}
