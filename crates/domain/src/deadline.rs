//! Maximum durations of steps and total deadlines, in the units the regulations use.
//!
//! Units are kept as stated (an hour stays an hour) because working days and clock time do not
//! convert into each other without a calendar; only minutes and hours are folded together.

use crate::provenance::SeedQuote;
use serde::{Deserialize, Serialize};
use std::ops::Add;

/// The unit a regulation states a duration in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DurationUnit {
    Minutes,
    Hours,
    WorkingDays,
    CalendarDays,
}

/// "Not more than `value` `unit`", as a regulation states a step's or a service's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaxDuration {
    pub value: u32,
    pub unit: DurationUnit,
}

impl MaxDuration {
    pub fn minutes(value: u32) -> Self {
        MaxDuration {
            value,
            unit: DurationUnit::Minutes,
        }
    }

    pub fn hours(value: u32) -> Self {
        MaxDuration {
            value,
            unit: DurationUnit::Hours,
        }
    }

    pub fn working_days(value: u32) -> Self {
        MaxDuration {
            value,
            unit: DurationUnit::WorkingDays,
        }
    }

    /// The duration as a sum of working days and clock minutes.
    ///
    /// `None` for calendar days: they cannot be added to working days without a calendar.
    pub fn as_sum(self) -> Option<DurationSum> {
        match self.unit {
            DurationUnit::Minutes => Some(DurationSum {
                working_days: 0,
                minutes: self.value,
            }),
            DurationUnit::Hours => Some(DurationSum {
                working_days: 0,
                minutes: self.value.saturating_mul(60),
            }),
            DurationUnit::WorkingDays => Some(DurationSum {
                working_days: self.value,
                minutes: 0,
            }),
            DurationUnit::CalendarDays => None,
        }
    }
}

/// Working days plus clock minutes: the shape of a sum of step maxima.
///
/// Arithmetic saturates: the figures come from a hand-edited JSON file, and a typo there must
/// not crash whoever loads it (debug builds) nor wrap round to a short deadline (release builds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DurationSum {
    pub working_days: u32,
    pub minutes: u32,
}

impl Add for DurationSum {
    type Output = DurationSum;

    fn add(self, other: DurationSum) -> DurationSum {
        DurationSum {
            working_days: self.working_days.saturating_add(other.working_days),
            minutes: self.minutes.saturating_add(other.minutes),
        }
    }
}

/// Whether the total shown to the citizen is the regulation's own figure or our arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DeadlineBasis {
    /// The regulation states the total.
    Stated,
    /// The regulation states only step maxima; the total is their sum.
    Summed,
    /// Neither a total nor a sum covering the whole procedure is available.
    NotGiven,
}

/// The total the regulation itself states, with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatedDeadline {
    pub max: MaxDuration,
    pub wording: SeedQuote,
}

/// The total deadline of one channel.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deadline {
    pub basis: DeadlineBasis,
    pub stated: Option<StatedDeadline>,
    /// Sum of the step maxima; kept even when a stated total wins, since seeds contradict themselves.
    pub summed: Option<DurationSum>,
    /// Developer-facing explanation of a contradiction or a gap (English, not shown to citizens).
    pub remark: Option<String>,
}

/// Sum of the durations that are given; `None` when no duration is given at all.
pub fn sum_of(durations: impl IntoIterator<Item = MaxDuration>) -> Option<DurationSum> {
    durations
        .into_iter()
        .filter_map(MaxDuration::as_sum)
        .reduce(|a, b| a + b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_fold_into_minutes_and_working_days_stay_apart() {
        let sum = sum_of([
            MaxDuration::minutes(15),
            MaxDuration::working_days(1),
            MaxDuration::hours(1),
            MaxDuration::working_days(5),
        ]);
        assert_eq!(
            sum,
            Some(DurationSum {
                working_days: 6,
                minutes: 75
            })
        );
        assert_eq!(sum_of([]), None);
    }

    /// Inputs of the `catalogue` fuzz harness (`crates/fuzz/regressions/catalogue/`) crashed the
    /// integrity check: 71,582,789 hours is more minutes than a `u32` holds, and two large step
    /// maxima overflowed their sum.
    #[test]
    fn huge_durations_saturate_instead_of_overflowing() {
        assert_eq!(
            MaxDuration::hours(71_582_789).as_sum(),
            Some(DurationSum {
                working_days: 0,
                minutes: u32::MAX
            })
        );
        assert_eq!(
            sum_of([
                MaxDuration::minutes(u32::MAX),
                MaxDuration::minutes(2),
                MaxDuration::working_days(u32::MAX),
                MaxDuration::working_days(1),
            ]),
            Some(DurationSum {
                working_days: u32::MAX,
                minutes: u32::MAX
            })
        );
    }
}
