//! When an application is due, by its regulation's total deadline in working time.

use egov_domain::api::ApplicationSummary;
use egov_domain::calendar::{self, StepDuration};
use egov_domain::catalogue::ChannelView;
use egov_domain::deadline::{DurationUnit, MaxDuration};
use egov_domain::procedure::ChannelKind;
use egov_domain::{Catalogue, RegionId};
use time::OffsetDateTime;

fn step(max: MaxDuration) -> StepDuration {
    match max.unit {
        DurationUnit::Minutes => StepDuration::Minutes(max.value),
        DurationUnit::Hours => StepDuration::Hours(max.value),
        DurationUnit::WorkingDays => StepDuration::WorkingDays(max.value),
        DurationUnit::CalendarDays => StepDuration::CalendarDays(max.value),
    }
}

/// The regulation's stated total wins over the sum of its steps: it is what the citizen is told.
fn channel_due(channel: &ChannelView, submitted: OffsetDateTime) -> Option<OffsetDateTime> {
    let deadline = &channel.deadline;
    let steps: Vec<StepDuration> = match (&deadline.stated, &deadline.summed) {
        (Some(stated), _) => vec![step(stated.max)],
        (None, Some(sum)) => vec![
            StepDuration::WorkingDays(sum.working_days),
            StepDuration::Minutes(sum.minutes),
        ],
        (None, None) => return None,
    };
    calendar::service_due(submitted, &steps).ok()
}

/// The due moment of the portal channel of the application's service.
// TODO: resolve in `Application::region` once that field is merged; until then, the first
// region whose regulation takes this service online stands in.
pub fn due_at(catalogue: &Catalogue, summary: &ApplicationSummary) -> Option<OffsetDateTime> {
    let service = catalogue.service(&summary.service)?;
    let regions: Vec<RegionId> = service.regions().cloned().collect();
    regions.iter().find_map(|region| {
        let view = catalogue.service_in_region(&service.id, region)?;
        let portal = view.channel(ChannelKind::EgovPortal)?;
        portal
            .accepts_online_application
            .then(|| channel_due(portal, summary.submitted_at))?
    })
}
