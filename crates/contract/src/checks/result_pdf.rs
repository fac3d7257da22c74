//! `GET /applications/{reference}/result.pdf`: refused before a result, a PDF after.

use super::{Checked, Ctx};
use crate::client::Call;

pub async fn before_result(ctx: &mut Ctx) -> Checked {
    let reference = ctx.submitted_reference();
    let reply = ctx
        .send(
            Call::get(format!("/applications/{reference}/result.pdf?lang=ru"))
                .note("before any result"),
        )
        .await?;
    reply.expect_problem(409, "result_not_issued")?;
    Ok(())
}

pub async fn unknown_reference(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .send(Call::get("/applications/NOPE-NOPE-NOPE/result.pdf"))
        .await?;
    reply.expect_problem(404, "not_found")?;
    Ok(())
}

pub async fn after_result(ctx: &mut Ctx) -> Checked {
    let reference = ctx.submitted_reference();
    if !ctx.issued {
        return Err(super::Verdict::Skip(
            "needs the result of operator.walk_to_result, which did not pass".into(),
        ));
    }
    for lang in ["kk", "ru", "en"] {
        let reply = ctx
            .send(
                Call::get(format!("/applications/{reference}/result.pdf?lang={lang}"))
                    .note("after the result was issued"),
            )
            .await?;
        reply.expect_status(200, "application/pdf")?;
        reply.ensure(
            reply.content_type == "application/pdf" && reply.body.starts_with(b"%PDF-"),
            "200 application/pdf: a PDF document",
        )?;
        let disposition = reply
            .headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        reply.ensure(
            disposition.starts_with("attachment"),
            "Content-Disposition: attachment; filename=\"<number>.pdf\"",
        )?;
    }
    Ok(())
}
