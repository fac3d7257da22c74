//! `POST /operator/applications/{reference}/transitions`: the provider's workflow, with the
//! operator token; without the capability, the endpoint says it is off.

use super::{Checked, Ctx, Verdict};
use crate::client::{Call, Failure, Reply};
use crate::fixtures::{referral_document, to, transitions_path, STEPS_TO_SIGNED};
use egov_domain::api::{ApplicationRecord, HeadSignature, ResultDocument, TransitionRequest};
use egov_domain::ApplicationStatus::{self as Status, *};

/// A reference no server issues (references avoid I, L, O and U): nothing can change.
const NO_SUCH_REFERENCE: &str = "NOPE-NOPE-NOPE";

/// The kit's result document, labelled as the kit's in a real test environment.
fn document() -> ResultDocument {
    let kit = "EGOV-CONTRACT";
    ResultDocument {
        number: format!("{kit}-0001"),
        date: time::OffsetDateTime::now_utc().date().to_string(),
        provider: "Отдел занятости и социальных программ (egov-contract)".into(),
        head_signature: HeadSignature {
            signer_name: "БАСШЫ Б.".into(),
            certificate_serial: kit.into(),
            ..referral_document().head_signature
        },
        ..referral_document()
    }
}

async fn post(
    ctx: &mut Ctx,
    reference: &str,
    body: &TransitionRequest,
    token: Option<&str>,
    note: &str,
) -> Result<Reply, Failure> {
    let mut call = Call::post(transitions_path(reference))
        .json(body)
        .note(note);
    if let Some(token) = token {
        call = call.bearer(token);
    }
    ctx.send(call).await
}

fn token(ctx: &Ctx) -> String {
    ctx.operator_token.clone().expect("needs Operator")
}

pub async fn disabled(ctx: &mut Ctx) -> Checked {
    let reply = post(
        ctx,
        NO_SUCH_REFERENCE,
        &to(Registered),
        Some("egov-contract-guess"),
        "to a server that declares operator off",
    )
    .await?;
    reply.expect_problem(404, "operator_disabled")?;
    Ok(())
}

pub async fn needs_token(ctx: &mut Ctx) -> Checked {
    let reply = post(
        ctx,
        NO_SUCH_REFERENCE,
        &to(Registered),
        None,
        "without a token",
    )
    .await?;
    reply.expect_problem(401, "unauthorized")?;
    let reply = post(
        ctx,
        NO_SUCH_REFERENCE,
        &to(Registered),
        Some("egov-contract-guess"),
        "with a guessed token",
    )
    .await?;
    reply.expect_problem(401, "unauthorized")?;
    Ok(())
}

pub async fn unknown_reference(ctx: &mut Ctx) -> Checked {
    let token = token(ctx);
    let reply = post(ctx, NO_SUCH_REFERENCE, &to(Registered), Some(&token), "").await?;
    reply.expect_problem(404, "not_found")?;
    Ok(())
}

pub async fn step_not_allowed(ctx: &mut Ctx) -> Checked {
    let (token, reference) = (token(ctx), ctx.submitted_reference());
    let reply = post(
        ctx,
        &reference,
        &to(Status::Checked),
        Some(&token),
        "submitted straight to checked",
    )
    .await?;
    reply.expect_problem(409, "transition_not_allowed")?;
    Ok(())
}

pub async fn walk_to_result(ctx: &mut Ctx) -> Checked {
    let (token, reference) = (token(ctx), ctx.submitted_reference());
    for status in STEPS_TO_SIGNED {
        let note = format!("to {}", status.code());
        let reply = post(ctx, &reference, &to(status), Some(&token), &note).await?;
        let record: ApplicationRecord = reply.expect_json(200, "an ApplicationRecord")?;
        reply.ensure(record.status == status, format!("status {}", status.code()))?;
    }
    let reply = post(
        ctx,
        &reference,
        &to(ResultIssued),
        Some(&token),
        "to result_issued without a result document",
    )
    .await?;
    reply.expect_problem(422, "result_required")?;
    let mut issue = to(ResultIssued);
    issue.result = Some(document());
    let reply = post(
        ctx,
        &reference,
        &issue,
        Some(&token),
        "to result_issued with a result document",
    )
    .await?;
    let record: ApplicationRecord = reply.expect_json(200, "an ApplicationRecord")?;
    reply.ensure(
        record.status == ResultIssued && record.result == issue.result,
        "status result_issued with the document as sent",
    )?;
    ctx.issued = true;
    let reply = ctx
        .send(Call::get(format!("/applications/{reference}")).note("the citizen's read"))
        .await?;
    let public: ApplicationRecord = reply.expect_json(200, "an ApplicationRecord")?;
    reply.ensure(public == record, "the same record as the operator's answer")?;
    let statuses: Vec<Status> = public.history.iter().map(|e| e.status).collect();
    reply.ensure(
        statuses
            == [
                Submitted,
                Registered,
                ExecutorAssigned,
                Status::Checked,
                Signed,
                ResultIssued,
            ],
        "history submitted → registered → executor_assigned → checked → signed → result_issued",
    )?;
    Ok(())
}

pub async fn from_final(ctx: &mut Ctx) -> Checked {
    if !ctx.issued {
        return Err(Verdict::Skip(
            "needs the result of operator.walk_to_result, which did not pass".into(),
        ));
    }
    let (token, reference) = (token(ctx), ctx.submitted_reference());
    let mut refuse = to(Refused);
    refuse.refusal_grounds = Some("egov-contract".into());
    let reply = post(
        ctx,
        &reference,
        &refuse,
        Some(&token),
        "refusing an application whose result was issued",
    )
    .await?;
    reply.expect_problem(409, "transition_from_final")?;
    Ok(())
}

pub async fn refusal_needs_grounds(ctx: &mut Ctx) -> Checked {
    let Some(second) = ctx.second.as_ref().map(|r| r.reference.clone()) else {
        return Err(Verdict::Skip(
            "needs the application of idempotency.new_key_is_new, which did not pass".into(),
        ));
    };
    let token = token(ctx);
    let mut refuse = to(Refused);
    refuse.refusal_grounds = Some("  ".into());
    let reply = post(
        ctx,
        &second,
        &refuse,
        Some(&token),
        "refused with blank grounds",
    )
    .await?;
    reply.expect_problem(422, "refusal_grounds_required")?;
    let grounds = "Не зарегистрирован как безработный (egov-contract)";
    refuse.refusal_grounds = Some(grounds.into());
    let reply = post(ctx, &second, &refuse, Some(&token), "refused with grounds").await?;
    let record: ApplicationRecord = reply.expect_json(200, "an ApplicationRecord")?;
    reply.ensure(
        record.status == Refused && record.refusal_grounds.as_deref() == Some(grounds),
        "status refused with the grounds as sent",
    )?;
    Ok(())
}
