//! The working days of Kazakhstan: which days the offices that provide the social-labour
//! services are open, year by year.
//!
//! Two kinds of year:
//!
//! - **Official** years come from data (`data/holidays.json`, or a backend's
//!   `GET /api/v1/calendar/{year}`): the law's holidays, the days off moved off a weekend, the
//!   religious days off of that year (Kurban Ait's date is set every year) and the Government's
//!   transfers of days off (Labour Code art. 85), each year with its source.
//! - **Provisional** years, for any later year without data, are computed from the law's rules
//!   that the data states: the fixed holidays, the weekend-move rule (a state or national holiday
//!   on a Saturday or Sunday gives the next working day off) and Orthodox Christmas on 7 January,
//!   which does not move. What is unknown in advance is left out, and is why such a year is only
//!   provisional: the Government's transfers, and **Kurban Ait**, whose day is fixed every year by
//!   the Spiritual Administration of Muslims of Kazakhstan. The arithmetical (tabular) Islamic
//!   calendar was tried as an estimate and misses the official day by one in 5 of the 8 years
//!   2019–2026 (`calendar/provisional.rs` measures it), so a guess would be as likely to move a deadline wrongly as
//!   to move it rightly.
//!
//! A year before the first official one is not covered: the weekend-move rule and the time zone
//! were different then, and nothing the wizard tracks is that old.

#[cfg(test)]
mod provisional;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;
use time::{Date, Weekday};

const EMBEDDED: &str = include_str!("../data/holidays.json");

static KAZAKHSTAN: LazyLock<Calendar> = LazyLock::new(|| {
    Calendar::from_json(EMBEDDED).expect("the embedded holiday data is validated by tests")
});

/// Whether a year's days off are the published ones or computed from the law's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CalendarStatus {
    /// Published: the law's holidays, that year's religious days off and the Government's
    /// transfers.
    Official,
    /// Computed from the law's rules: no transfers, no Kurban Ait. A due moment may move when
    /// the year is published.
    Provisional,
}

impl CalendarStatus {
    pub fn code(self) -> &'static str {
        match self {
            CalendarStatus::Official => "official",
            CalendarStatus::Provisional => "provisional",
        }
    }

    /// The less certain of two: a moment that rests on one provisional day is provisional.
    pub fn and(self, other: CalendarStatus) -> CalendarStatus {
        self.max(other)
    }
}

/// Why a day's status cannot be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A year with no data and no rules that apply to it (before the first official year, or
    /// after the weekend-move rule stops applying).
    #[error("the working-day calendar for {0} is not available")]
    NotCovered(i32),
    #[error("the holiday data is invalid")]
    InvalidData,
}

impl CalendarError {
    /// Stable machine-readable code, used in API errors.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::NotCovered(_) => "calendar_year_not_covered",
            CalendarError::InvalidData => "calendar_invalid_data",
        }
    }
}

use crate::iso_date;

/// One year of the calendar as the API publishes it (`GET /api/v1/calendar/{year}`).
///
/// With Saturdays and Sundays off unless listed in `working_days`, and the days in `days_off`
/// off, it says of every day of the year whether the offices work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarYear {
    #[cfg_attr(feature = "openapi", schema(minimum = 2024, maximum = 9999))]
    pub year: i32,
    pub status: CalendarStatus,
    /// Days off besides the ordinary Saturdays and Sundays: the holidays (those on a weekend
    /// too), the days off they move to, the religious days off and the transferred days off.
    #[serde(with = "iso_dates")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, format = Date))]
    pub days_off: Vec<Date>,
    /// Saturdays and Sundays that are worked (the other half of a transfer).
    #[serde(with = "iso_dates")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, format = Date))]
    pub working_days: Vec<Date>,
    /// Where the days come from: the decree, order or publication, or the rules of a
    /// provisional year.
    pub source: String,
}

mod iso_dates {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use time::Date;

    #[derive(Serialize, Deserialize)]
    #[serde(transparent)]
    struct IsoDate(#[serde(with = "crate::iso_date")] Date);

    pub fn serialize<S: Serializer>(days: &[Date], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(days.iter().map(|&d| IsoDate(d)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Date>, D::Error> {
        let days = Vec::<IsoDate>::deserialize(deserializer)?;
        Ok(days.into_iter().map(|d| d.0).collect())
    }
}

#[derive(Deserialize)]
struct HolidayData {
    source: String,
    provisional_source: String,
    weekend_move_rule: WeekendMoveRule,
    fixed_holidays: Vec<FixedHoliday>,
    years: BTreeMap<i32, YearData>,
}

#[derive(Deserialize)]
struct WeekendMoveRule {
    from_year: i32,
    to_year: Option<i32>,
}

#[derive(Deserialize)]
struct FixedHoliday {
    month: u8,
    day: u8,
    kind: HolidayKind,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
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

/// The law's rules, from which a year without data is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rules {
    fixed_holidays: Vec<(time::Month, u8, HolidayKind)>,
    weekend_move: (i32, Option<i32>),
    provisional_source: String,
}

/// One year's exceptions to "Monday to Friday are worked".
#[derive(Debug, Clone, PartialEq, Eq)]
struct YearDays {
    status: CalendarStatus,
    days_off: BTreeSet<Date>,
    work_days: BTreeSet<Date>,
    source: String,
}

impl YearDays {
    fn is_working_day(&self, day: Date) -> bool {
        self.work_days.contains(&day) || !(is_weekend(day) || self.days_off.contains(&day))
    }
}

/// The working days of the offices: the years with data, and the rules for the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    first_year: i32,
    years: BTreeMap<i32, YearDays>,
    rules: Rules,
}

fn is_weekend(day: Date) -> bool {
    matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl Rules {
    fn weekend_move_applies(&self, year: i32) -> bool {
        let (from, to) = self.weekend_move;
        year >= from && to.is_none_or(|to| year <= to)
    }

    /// The year's holidays and the days off they move to. `extra_religious` are that year's
    /// religious days off that have no fixed date.
    fn days_off(
        &self,
        year: i32,
        extra_religious: &[Date],
    ) -> Result<BTreeSet<Date>, CalendarError> {
        let invalid = CalendarError::InvalidData;
        // Day -> whether its day off moves off a weekend. A religious holiday that coincides with
        // a state one must not cancel the state one's move.
        let mut holidays: BTreeMap<Date, bool> = BTreeMap::new();
        for &(month, day, kind) in &self.fixed_holidays {
            let day = Date::from_calendar_date(year, month, day).map_err(|_| invalid)?;
            *holidays.entry(day).or_default() |= kind != HolidayKind::Religious;
        }
        for &day in extra_religious {
            holidays.entry(day).or_default();
        }
        let mut days_off: BTreeSet<Date> = holidays.keys().copied().collect();
        if self.weekend_move_applies(year) {
            // Ascending order matters: with Nauryz on Sat–Sun–Mon the Saturday takes the Tuesday
            // and the Sunday the Wednesday.
            for (&day, &moves) in &holidays {
                if moves && is_weekend(day) {
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
        }
        Ok(days_off)
    }

    fn provisional(&self, year: i32) -> Result<YearDays, CalendarError> {
        Ok(YearDays {
            status: CalendarStatus::Provisional,
            days_off: self.days_off(year, &[])?,
            work_days: BTreeSet::new(),
            source: self.provisional_source.clone(),
        })
    }
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
        // A gap would leave a provisional year between official ones: a sign of a lost section.
        let contiguous = usize::try_from(last - first + 1).ok() == Some(data.years.len());
        if !contiguous || data.source.trim().is_empty() || data.provisional_source.trim().is_empty()
        {
            return Err(invalid);
        }
        let rules = Rules {
            fixed_holidays: data
                .fixed_holidays
                .iter()
                .map(|h| {
                    Ok((
                        time::Month::try_from(h.month).map_err(|_| invalid)?,
                        h.day,
                        h.kind,
                    ))
                })
                .collect::<Result<_, CalendarError>>()?,
            weekend_move: (
                data.weekend_move_rule.from_year,
                data.weekend_move_rule.to_year,
            ),
            provisional_source: data.provisional_source,
        };

        let mut years = BTreeMap::new();
        for (&year, year_data) in &data.years {
            if year_data.source.trim().is_empty() || year_data.kurban_ait.year() != year {
                return Err(invalid);
            }
            years.insert(
                year,
                YearDays {
                    status: CalendarStatus::Official,
                    days_off: rules.days_off(year, &[year_data.kurban_ait])?,
                    work_days: BTreeSet::new(),
                    source: year_data.source.clone(),
                },
            );
        }
        for transfer in data.years.values().flat_map(|y| &y.transfers) {
            let would_work = |years: &BTreeMap<i32, YearDays>, day: Date| {
                years.get(&day.year()).map(|y| y.is_working_day(day))
            };
            // Catches swapped fields: a transfer only makes sense from a rest day to a work day.
            if would_work(&years, transfer.day_off) != Some(true)
                || would_work(&years, transfer.work_day) != Some(false)
            {
                return Err(invalid);
            }
            if let Some(y) = years.get_mut(&transfer.day_off.year()) {
                y.days_off.insert(transfer.day_off);
            }
            if let Some(y) = years.get_mut(&transfer.work_day.year()) {
                y.work_days.insert(transfer.work_day);
            }
        }
        Ok(Calendar {
            first_year: first,
            years,
            rules,
        })
    }

    /// The years whose days come from data, with their status.
    pub fn years_with_data(&self) -> impl Iterator<Item = (i32, CalendarStatus)> + '_ {
        self.years.iter().map(|(&year, days)| (year, days.status))
    }

    fn days_of(&self, year: i32) -> Result<std::borrow::Cow<'_, YearDays>, CalendarError> {
        if let Some(days) = self.years.get(&year) {
            return Ok(std::borrow::Cow::Borrowed(days));
        }
        let representable = Date::from_calendar_date(year, time::Month::December, 31).is_ok();
        if year < self.first_year || !representable || !self.rules.weekend_move_applies(year) {
            return Err(CalendarError::NotCovered(year));
        }
        self.rules.provisional(year).map(std::borrow::Cow::Owned)
    }

    /// Whether the year rests on published data or on the rules.
    pub fn status_of(&self, year: i32) -> Result<CalendarStatus, CalendarError> {
        Ok(self.days_of(year)?.status)
    }

    /// Whether the offices work on `day`, and on which kind of calendar that rests.
    pub fn day(&self, day: Date) -> Result<(bool, CalendarStatus), CalendarError> {
        let days = self.days_of(day.year())?;
        Ok((days.is_working_day(day), days.status))
    }

    /// Whether the offices work on `day`.
    pub fn is_working_day(&self, day: Date) -> Result<bool, CalendarError> {
        Ok(self.day(day)?.0)
    }

    /// The first working day strictly after `day`.
    pub fn next_working_day(&self, day: Date) -> Result<Date, CalendarError> {
        let mut next = day;
        loop {
            next = next
                .next_day()
                .ok_or(CalendarError::NotCovered(next.year()))?;
            if self.is_working_day(next)? {
                return Ok(next);
            }
        }
    }

    /// One year as the API publishes it.
    pub fn year(&self, year: i32) -> Result<CalendarYear, CalendarError> {
        let days = self.days_of(year)?;
        Ok(CalendarYear {
            year,
            status: days.status,
            days_off: days.days_off.iter().copied().collect(),
            working_days: days.work_days.iter().copied().collect(),
            source: days.source.clone(),
        })
    }

    /// Takes a year from a backend's calendar where it knows more than this one: when the
    /// backend's year is official, or this calendar has nothing for that year. Returns whether
    /// the calendar changed; a year that is malformed (dates of another year, a worked day that
    /// is not a weekend day) is refused and changes nothing.
    pub fn adopt(&mut self, published: CalendarYear) -> Result<bool, CalendarError> {
        let invalid = CalendarError::InvalidData;
        let year = published.year;
        let in_year = |days: &[Date]| days.iter().all(|d| d.year() == year);
        if !in_year(&published.days_off)
            || !in_year(&published.working_days)
            || !published.working_days.iter().all(|&d| is_weekend(d))
            || published.source.trim().is_empty()
            || Date::from_calendar_date(year, time::Month::January, 1).is_err()
        {
            return Err(invalid);
        }
        let ours = self.days_of(year).ok();
        let wanted = published.status == CalendarStatus::Official || ours.is_none();
        let days = YearDays {
            status: published.status,
            days_off: published.days_off.into_iter().collect(),
            work_days: published.working_days.into_iter().collect(),
            source: published.source,
        };
        if !wanted || ours.as_deref() == Some(&days) {
            return Ok(false);
        }
        self.first_year = self.first_year.min(year);
        self.years.insert(year, days);
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn with_years(years: &str) -> String {
        let mut data: serde_json::Value = serde_json::from_str(EMBEDDED).unwrap();
        data["years"] = serde_json::from_str(years).unwrap();
        data.to_string()
    }

    #[test]
    fn embedded_data_parses_with_official_years_from_2024() {
        let calendar = Calendar::from_json(EMBEDDED).expect("valid data");
        let years: Vec<_> = calendar.years_with_data().collect();
        assert_eq!(years.first(), Some(&(2024, CalendarStatus::Official)));
        assert!(years.iter().all(|(_, s)| *s == CalendarStatus::Official));
        assert_eq!(
            calendar.status_of(2023),
            Err(CalendarError::NotCovered(2023))
        );
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
    fn a_published_year_round_trips_through_adopt() {
        let calendar = Calendar::embedded();
        let mut copy = calendar.clone();
        let published = calendar.year(2025).unwrap();
        assert_eq!(copy.adopt(published), Ok(false), "nothing new");
        assert_eq!(&copy, calendar);
        let json = serde_json::to_value(calendar.year(2026).unwrap()).unwrap();
        assert_eq!(json["status"], "official");
        assert!(json["days_off"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("2026-05-27")));
    }

    #[test]
    fn adopt_prefers_official_and_refuses_malformed_years() {
        let mut calendar = Calendar::embedded().clone();
        let mut provisional = calendar.year(2027).unwrap();
        provisional.days_off.push(date!(2027 - 06 - 01));
        assert_eq!(
            calendar.adopt(provisional.clone()),
            Ok(false),
            "ours is as good"
        );
        let official = CalendarYear {
            status: CalendarStatus::Official,
            ..provisional.clone()
        };
        assert_eq!(calendar.adopt(official), Ok(true));
        assert_eq!(calendar.status_of(2027), Ok(CalendarStatus::Official));
        assert!(!calendar.is_working_day(date!(2027 - 06 - 01)).unwrap());

        let mut other_year = provisional.clone();
        other_year.days_off.push(date!(2028 - 01 - 03));
        assert_eq!(calendar.adopt(other_year), Err(CalendarError::InvalidData));
        let mut weekday_worked = provisional;
        weekday_worked.working_days.push(date!(2027 - 06 - 02));
        assert_eq!(
            calendar.adopt(weekday_worked),
            Err(CalendarError::InvalidData)
        );
    }
}
