//! The working-day calendar the app counts due moments on: the compiled-in one at once, each
//! year replaced by the backend's (`GET /api/v1/calendar/{year}`) where the backend knows more
//! (official where ours is provisional, or a correction of an official year), so an operator
//! publishes next year's days off without a rebuild. A failed request changes nothing.

use crate::api::ApiClient;
use egov_domain::calendar::Calendar;
use leptos::prelude::*;
use std::collections::BTreeSet;
use time::OffsetDateTime;

#[derive(Clone, Copy)]
pub struct WorkingCalendar {
    /// None until the backend changed a year: the compiled-in calendar is parsed only when a page
    /// first counts a deadline, not on the first screen.
    calendar: RwSignal<Option<Calendar>>,
    asked: StoredValue<BTreeSet<i32>>,
    api: StoredValue<ApiClient, LocalStorage>,
}

pub fn provide_calendar(api: ApiClient) {
    provide_context(WorkingCalendar {
        calendar: RwSignal::new(None),
        asked: StoredValue::new(BTreeSet::new()),
        api: StoredValue::new_local(api),
    });
}

pub fn use_calendar() -> WorkingCalendar {
    expect_context::<WorkingCalendar>()
}

impl WorkingCalendar {
    /// Reads the calendar (tracked: a year arriving from the backend recomputes the reader).
    pub fn with<T>(&self, read: impl FnOnce(&Calendar) -> T) -> T {
        self.calendar
            .with(|adopted| read(adopted.as_ref().unwrap_or_else(|| Calendar::embedded())))
    }

    /// Asks the backend, once per year, for the years a deadline counted from `from` can reach:
    /// that year and the next (the longest regulation runs a few weeks).
    pub fn follow(&self, from: OffsetDateTime) {
        let year = from.year();
        for year in [year, year + 1] {
            let first_time = self.asked.try_update_value(|asked| asked.insert(year));
            if first_time != Some(true) {
                continue;
            }
            let api = self.api.get_value();
            let calendar = self.calendar;
            leptos::task::spawn_local(async move {
                let Some(published) = api.calendar_year(year).await else {
                    return;
                };
                // `adopt` decides whether the backend's year is better; only a change notifies.
                calendar.maybe_update(|ours| {
                    ours.get_or_insert_with(|| Calendar::embedded().clone())
                        .adopt(published)
                        .unwrap_or(false)
                });
            });
        }
    }
}
