//! `GET /applications/{reference}`: the status and history, by a reference in any case.

use super::{Checked, Ctx};
use crate::client::Call;
use egov_domain::api::ApplicationRecord;
use egov_domain::ApplicationStatus;

fn created(ctx: &Ctx) -> ApplicationRecord {
    ctx.submitted().record.clone()
}

pub async fn read(ctx: &mut Ctx) -> Checked {
    let created = created(ctx);
    let reply = ctx
        .send(Call::get(format!("/applications/{}", created.reference)))
        .await?;
    let record: ApplicationRecord = reply.expect_json(200, "an ApplicationRecord")?;
    reply.ensure(
        record == created,
        "the record exactly as submit.valid's answer",
    )?;
    Ok(())
}

/// The record carries personal data: a shared computer or a proxy must not keep it.
pub async fn no_store(ctx: &mut Ctx) -> Checked {
    let created = created(ctx);
    let reply = ctx
        .send(Call::get(format!("/applications/{}", created.reference)))
        .await?;
    reply.expect_status(200, "an ApplicationRecord")?;
    let cache_control = reply
        .headers
        .get(reqwest::header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    reply.ensure(
        cache_control.split(',').any(|d| d.trim() == "no-store"),
        "Cache-Control: no-store (the record carries personal data)",
    )?;
    Ok(())
}

pub async fn history(ctx: &mut Ctx) -> Checked {
    let created = created(ctx);
    let reply = ctx
        .send(Call::get(format!("/applications/{}", created.reference)))
        .await?;
    let record: ApplicationRecord = reply.expect_json(200, "an ApplicationRecord")?;
    let first = record.history.first();
    reply.ensure(
        first.is_some_and(|e| e.status == ApplicationStatus::Submitted && e.actor == "applicant"),
        "history starting with submitted by applicant",
    )?;
    reply.ensure(
        record.history.windows(2).all(|w| w[0].at <= w[1].at),
        "history in time order",
    )?;
    reply.ensure(
        record.history.last().map(|e| e.status) == Some(record.status),
        "the last history step is the status",
    )?;
    Ok(())
}

pub async fn reference_any_case(ctx: &mut Ctx) -> Checked {
    let created = created(ctx);
    let lower = created.reference.to_lowercase();
    let reply = ctx
        .send(Call::get(format!("/applications/{lower}")).note("the reference in lower case"))
        .await?;
    let record: ApplicationRecord = reply.expect_json(200, "an ApplicationRecord")?;
    reply.ensure(
        record.reference == created.reference,
        format!(
            "the application {} (references are typed by people)",
            created.reference
        ),
    )?;
    Ok(())
}

pub async fn unknown_reference(ctx: &mut Ctx) -> Checked {
    let reply = ctx.send(Call::get("/applications/NOPE-NOPE-NOPE")).await?;
    reply.expect_problem(404, "not_found")?;
    Ok(())
}
