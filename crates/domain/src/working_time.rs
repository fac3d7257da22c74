//! Counting a regulation's durations in the offices' working time: when a step that starts at a
//! moment is due.
//!
//! The regulations give step durations in working days, calendar days, hours and minutes
//! (`/work/shared/domain/services.md`, item 8: "count in working days, not calendar days"). The
//! days come from [`Calendar`]; the hours from the office's schedule where the seed gives one
//! (seed 003, para 8: "демалыс және ... мереке күндерiн қоспағанда, сағат 13.00-ден 14.00-ге
//! дейiн түскi үзiлiспен күн сайын сағат 9.00-ден 18.00-ге дейiн"), otherwise
//! [`OfficeHours::DEFAULT`], the same schedule: it is the only one any seed states, and the usual
//! one of Kazakhstan's state bodies (a 40-hour week, Labour Code art. 68).
//!
//! Almaty local time is the fixed offset UTC+5, which the whole country has used since
//! 1 March 2024. Fixed, because a tz database would be a large download for the wasm app and the
//! offset has one value over the whole range the calendar covers.
//!
//! Callers pass moments in; nothing here reads a clock, so the same code runs natively, in the
//! server and in wasm.
//!
//! # Counting rules
//!
//! 1. **Receipt.** An application received after closing time or on a day off is taken as
//!    received at opening time on the next working day; one received before opening as received
//!    at opening that day, and one received during the break as received at its end. The seeds
//!    in `/work/shared/seeds` do not contain this clause (they only give the schedule, seed 003
//!    para 8, and count from "регистрации пакета документов", seed 000). It comes from the
//!    standards of the services, Order of the Minister of Health and Social Development No. 279
//!    of 28.04.2015, which seeds 001 and 004 cite but which is not in this repository: after
//!    working hours, on days off and holidays, applications are accepted on the next working day.
//! 2. **Days.** A period of days starts on the day after the day of receipt and ends at closing
//!    time on its last day; a last day that is a day off moves to the next working day. This is
//!    the general rule for periods in the Civil Code (General Part, arts. 170–173).
//! 3. **Hours and minutes** count office time only: the break, the evenings and the days off do
//!    not run.
//! 4. **Steps.** Each step starts at the moment the previous one is due. Because a step due at
//!    closing time counts as received that same day, a chain of 1 + 5 working days ends on the
//!    same day as a single 6-working-day period.

use crate::calendar::{Calendar, CalendarError, CalendarStatus};
use crate::deadline::{DurationUnit, MaxDuration};
use crate::procedure::OpeningHours;
use serde::{Deserialize, Serialize};
use time::macros::{date, offset, time};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Almaty local time (UTC+5 since 1 March 2024).
pub const ALMATY: UtcOffset = offset!(+5);

/// Before this day Almaty was UTC+6, so a fixed UTC+5 would put moments an hour off.
pub const FIXED_OFFSET_SINCE: Date = date!(2024 - 03 - 01);

/// How long one step of a service may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum StepDuration {
    WorkingDays(u32),
    CalendarDays(u32),
    /// Office hours: only time within opening hours on working days, less the break, runs.
    Hours(u32),
    /// Office minutes, counted like [`StepDuration::Hours`].
    Minutes(u32),
}

impl From<MaxDuration> for StepDuration {
    fn from(max: MaxDuration) -> StepDuration {
        match max.unit {
            DurationUnit::Minutes => StepDuration::Minutes(max.value),
            DurationUnit::Hours => StepDuration::Hours(max.value),
            DurationUnit::WorkingDays => StepDuration::WorkingDays(max.value),
            DurationUnit::CalendarDays => StepDuration::CalendarDays(max.value),
        }
    }
}

/// An office's working day: opening, an optional break, closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHours {
    pub opens: Time,
    pub break_: Option<(Time, Time)>,
    pub closes: Time,
}

impl OfficeHours {
    /// 9:00–18:00 with a 13:00–14:00 break (see the module documentation).
    pub const DEFAULT: OfficeHours = OfficeHours {
        opens: time!(9:00),
        break_: Some((time!(13:00), time!(14:00))),
        closes: time!(18:00),
    };

    /// The schedule a seed gives, where it is coherent (opening before the break before
    /// closing); otherwise `None`, and the caller uses the default.
    pub fn from_opening_hours(hours: &OpeningHours) -> Option<OfficeHours> {
        let parse = |text: &str| {
            let (h, m) = text.split_once(':')?;
            Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()
        };
        let (opens, closes) = (parse(&hours.opens)?, parse(&hours.closes)?);
        let (break_starts, break_ends) = (parse(&hours.break_starts)?, parse(&hours.break_ends)?);
        let break_ = (break_starts < break_ends).then_some((break_starts, break_ends));
        let ordered = match break_ {
            Some((starts, ends)) => opens < starts && ends < closes,
            None => opens < closes,
        };
        ordered.then_some(OfficeHours {
            opens,
            break_,
            closes,
        })
    }

    /// The stretches of office time in a day, in order.
    fn stretches(&self) -> impl Iterator<Item = (Time, Time)> {
        let (first, second) = match self.break_ {
            Some((starts, ends)) => ((self.opens, starts), Some((ends, self.closes))),
            None => ((self.opens, self.closes), None),
        };
        std::iter::once(first).chain(second)
    }
}

/// A due moment and the kind of calendar it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// In Almaty time.
    pub at: OffsetDateTime,
    /// Provisional when any day the count looked at is in a provisional year.
    pub calendar: CalendarStatus,
}

/// Why a moment cannot be computed in working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    /// The count reached a year the calendar has nothing for.
    #[error("the working-day calendar for {0} is not available")]
    CalendarMissing(i32),
    /// The moment is before Almaty's fixed UTC+5 offset.
    #[error("moments before 1 March 2024 are not counted")]
    BeforeFixedOffset,
}

impl From<CalendarError> for CountError {
    fn from(error: CalendarError) -> CountError {
        match error {
            CalendarError::NotCovered(year) => CountError::CalendarMissing(year),
            // A built calendar never answers this; if it ever did, no year would be known.
            CalendarError::InvalidData => CountError::CalendarMissing(i32::MIN),
        }
    }
}

/// The offices' working time: a calendar and an office's hours.
#[derive(Debug, Clone, Copy)]
pub struct WorkingTime<'a> {
    calendar: &'a Calendar,
    hours: OfficeHours,
}

/// A count in progress: remembers whether it looked at a provisional day.
struct Count<'a> {
    time: WorkingTime<'a>,
    status: CalendarStatus,
}

fn at(day: Date, time: Time) -> OffsetDateTime {
    PrimitiveDateTime::new(day, time).assume_offset(ALMATY)
}

impl Count<'_> {
    fn is_working_day(&mut self, day: Date) -> Result<bool, CountError> {
        let (working, status) = self.time.calendar.day(day)?;
        self.status = self.status.and(status);
        Ok(working)
    }

    fn next_working_day(&mut self, day: Date) -> Result<Date, CountError> {
        let mut next = day;
        loop {
            next = next
                .next_day()
                .ok_or(CountError::CalendarMissing(next.year()))?;
            if self.is_working_day(next)? {
                return Ok(next);
            }
        }
    }

    fn received_at(&mut self, moment: OffsetDateTime) -> Result<OffsetDateTime, CountError> {
        let hours = self.time.hours;
        let local = moment.to_offset(ALMATY);
        let (day, time) = (local.date(), local.time());
        if day < FIXED_OFFSET_SINCE {
            return Err(CountError::BeforeFixedOffset);
        }
        if self.is_working_day(day)? {
            if time < hours.opens {
                return Ok(at(day, hours.opens));
            }
            if let Some((starts, ends)) = hours.break_ {
                if (starts..ends).contains(&time) {
                    return Ok(at(day, ends));
                }
            }
            // Closing time itself still belongs to the day, so that a step due at closing time
            // hands over to the next step on the same day.
            if time <= hours.closes {
                return Ok(local);
            }
        }
        Ok(at(self.next_working_day(day)?, hours.opens))
    }

    fn due(
        &mut self,
        start: OffsetDateTime,
        duration: StepDuration,
    ) -> Result<OffsetDateTime, CountError> {
        let start = self.received_at(start)?;
        let closes = self.time.hours.closes;
        match duration {
            StepDuration::WorkingDays(0) | StepDuration::CalendarDays(0) => Ok(start),
            StepDuration::WorkingDays(days) => {
                let mut day = start.date();
                for _ in 0..days {
                    day = self.next_working_day(day)?;
                }
                Ok(at(day, closes))
            }
            StepDuration::CalendarDays(days) => {
                let last = start
                    .date()
                    .checked_add(time::Duration::days(days.into()))
                    .ok_or(CountError::CalendarMissing(i32::MAX))?;
                let last = if self.is_working_day(last)? {
                    last
                } else {
                    self.next_working_day(last)?
                };
                Ok(at(last, closes))
            }
            StepDuration::Hours(hours) => {
                self.add_office_time(start, time::Duration::hours(hours.into()))
            }
            StepDuration::Minutes(minutes) => {
                self.add_office_time(start, time::Duration::minutes(minutes.into()))
            }
        }
    }

    /// `start` must come from [`Count::received_at`]: a working day, within office hours.
    fn add_office_time(
        &mut self,
        start: OffsetDateTime,
        mut remaining: time::Duration,
    ) -> Result<OffsetDateTime, CountError> {
        let hours = self.time.hours;
        let mut now = start;
        loop {
            let (day, time) = (now.date(), now.time());
            let (_, stretch_ends) = hours
                .stretches()
                .find(|&(_, ends)| time <= ends)
                .unwrap_or((hours.closes, hours.closes));
            let available = stretch_ends - time;
            if remaining <= available {
                return Ok(now + remaining);
            }
            remaining -= available;
            now = match hours.stretches().find(|&(starts, _)| starts > time) {
                Some((starts, _)) => at(day, starts),
                None => at(self.next_working_day(day)?, hours.opens),
            };
        }
    }
}

impl<'a> WorkingTime<'a> {
    pub fn new(calendar: &'a Calendar, hours: OfficeHours) -> WorkingTime<'a> {
        WorkingTime { calendar, hours }
    }

    fn count(
        self,
        run: impl FnOnce(&mut Count<'a>) -> Result<OffsetDateTime, CountError>,
    ) -> Result<Due, CountError> {
        let mut count = Count {
            time: self,
            status: CalendarStatus::Official,
        };
        let at = run(&mut count)?;
        Ok(Due {
            at,
            calendar: count.status,
        })
    }

    /// The moment from which the deadlines of an application submitted at `submitted` run
    /// (counting rule 1), in Almaty time.
    pub fn received_at(self, submitted: OffsetDateTime) -> Result<Due, CountError> {
        self.count(|count| count.received_at(submitted))
    }

    /// When a step of `duration` that starts at `start` is due, in Almaty time.
    pub fn due(self, start: OffsetDateTime, duration: StepDuration) -> Result<Due, CountError> {
        self.count(|count| count.due(start, duration))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_duration_wire_format() {
        let json = serde_json::to_string(&StepDuration::WorkingDays(5)).unwrap();
        assert_eq!(json, r#"{"unit":"working_days","value":5}"#);
    }

    #[test]
    fn a_seed_schedule_is_read_and_an_incoherent_one_refused() {
        let hours = |opens: &str, closes: &str, starts: &str, ends: &str| OpeningHours {
            opens: opens.into(),
            closes: closes.into(),
            break_starts: starts.into(),
            break_ends: ends.into(),
            open_on_days_off: false,
        };
        assert_eq!(
            OfficeHours::from_opening_hours(&hours("09:00", "18:00", "13:00", "14:00")),
            Some(OfficeHours::DEFAULT)
        );
        assert_eq!(
            OfficeHours::from_opening_hours(&hours("18:00", "09:00", "13:00", "14:00")),
            None
        );
        assert_eq!(
            OfficeHours::from_opening_hours(&hours("9", "18:00", "13:00", "14:00")),
            None
        );
    }
}
