//! A due moment as a person reads it: the moment, whether it rests on a provisional calendar,
//! or why there is none. Every page that shows a due moment renders it with this.

use crate::dates::format_moment;
use crate::i18n::use_i18n;
use egov_domain::calendar::CalendarStatus;
use egov_domain::schedule::{DueMoment, DueUnknown};
use leptos::prelude::*;

/// The locale key and arguments of why a moment is unknown; `None` for a step after the one
/// that says why (the computed part of a timeline ends there, said once).
pub fn unknown_message(reason: DueUnknown) -> Option<(&'static str, Option<String>)> {
    match reason {
        DueUnknown::CalendarMissing { year } => {
            Some(("due-unknown-calendar_missing", Some(year.to_string())))
        }
        DueUnknown::BeforeFixedOffset => Some(("due-unknown-before_fixed_offset", None)),
        DueUnknown::AfterUntimedStep => Some(("due-unknown-after_untimed_step", None)),
        DueUnknown::AfterUnknownStep => None,
    }
}

/// `id` goes on the `<time>` of a known moment; the unknown and not-set texts get `{id}-unknown`
/// and `{id}-not-set`, so tests and styles tell them apart.
#[component]
pub fn DueText(
    due: DueMoment,
    #[prop(into)] id: String,
    /// What to say where the regulation sets no duration; nothing when `None`.
    #[prop(optional)]
    not_set_key: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    match due {
        DueMoment::At(due) => {
            let machine = crate::dates::machine_time(due.at);
            let provisional = (due.calendar == CalendarStatus::Provisional).then(|| {
                view! {
                    " "
                    <span class="due__provisional" id=format!("{id}-provisional")>
                        {move || i18n.t("due-provisional")}
                    </span>
                }
            });
            view! {
                <time class="due" id=id.clone() datetime=machine data-calendar=due.calendar.code()>
                    {move || format_moment(i18n.lang.get(), due.at)}
                </time>
                {provisional}
            }
            .into_any()
        }
        DueMoment::NotSet => not_set_key
            .map(|key| view! { <span class="due due--not-set" id=format!("{id}-not-set")>{move || i18n.t(key)}</span> })
            .into_any(),
        DueMoment::Unknown(reason) => unknown_message(reason)
            .map(|(key, year)| {
                view! {
                    <span class="due due--unknown" id=format!("{id}-unknown") data-reason=reason.code()>
                        {move || match &year {
                            Some(year) => i18n.t_with(key, &[("year", year.clone().into())]),
                            None => i18n.t(key),
                        }}
                    </span>
                }
            })
            .into_any(),
    }
}
