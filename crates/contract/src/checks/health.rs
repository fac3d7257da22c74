//! `GET /health` (and the capabilities it declares), and how any endpoint answers what it does
//! not know.

use super::{Checked, Ctx};
use crate::client::Call;
use egov_domain::api::Health;
use reqwest::Method;

pub async fn ok(ctx: &mut Ctx) -> Checked {
    let reply = ctx.send(Call::get("/health")).await?;
    let health: Health = reply.expect_json(200, "a Health declaring its capabilities")?;
    reply.ensure(health.status == "ok", "status \"ok\"")?;
    ctx.capabilities = health.capabilities;
    ctx.declared = true;
    Ok(())
}

pub async fn unknown_endpoint(ctx: &mut Ctx) -> Checked {
    let reply = ctx.send(Call::get("/no-such-endpoint")).await?;
    reply.expect_problem(404, "not_found")?;
    Ok(())
}

pub async fn method_not_allowed(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .send(Call::new(Method::DELETE, "/applications").note("a method the path does not take"))
        .await?;
    reply.expect_problem(405, "method_not_allowed")?;
    reply.ensure(
        reply.headers.contains_key("allow"),
        "405 with an Allow header (RFC 9110)",
    )?;
    Ok(())
}
