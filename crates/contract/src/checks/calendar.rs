//! `GET /calendar/{year}`, where the backend offers it: the working-day calendar its deadlines
//! are counted on.

use super::{Checked, Ctx, Verdict};
use crate::client::{Call, Reply};
use egov_domain::api::CalendarYear;

/// A backend without the endpoint answers `not_found` (not `calendar_year_not_covered`).
fn absent(reply: &Reply) -> bool {
    reply.status == 404
        && serde_json::from_slice::<serde_json::Value>(&reply.body)
            .is_ok_and(|v| v["code"] == "not_found")
}

const ABSENT: &str = "the server has no calendar endpoint (404 not_found); the wizard then counts on its compiled-in calendar";

pub async fn year(ctx: &mut Ctx) -> Checked {
    let this_year = time::OffsetDateTime::now_utc().year();
    let reply = ctx
        .send(Call::get(format!("/calendar/{this_year}")))
        .await?;
    if absent(&reply) {
        return Err(Verdict::Skip(ABSENT.into()));
    }
    let calendar: CalendarYear = reply.expect_json(200, "a CalendarYear")?;
    reply.ensure(calendar.year == this_year, format!("year {this_year}"))?;
    reply.ensure(
        calendar.days_off.iter().all(|d| d.year() == this_year),
        format!("days_off in {this_year}"),
    )?;
    Ok(())
}

pub async fn year_not_covered(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .send(Call::get("/calendar/1999").note("a year before any calendar"))
        .await?;
    if absent(&reply) {
        return Err(Verdict::Skip(ABSENT.into()));
    }
    reply.expect_problem(404, "calendar_year_not_covered")?;
    Ok(())
}

pub async fn not_a_year(ctx: &mut Ctx) -> Checked {
    let reply = ctx.send(Call::get("/calendar/next")).await?;
    if absent(&reply) {
        return Err(Verdict::Skip(ABSENT.into()));
    }
    reply.expect_problem(400, "bad_request")?;
    Ok(())
}
