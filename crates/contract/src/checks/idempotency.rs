//! `Idempotency-Key`: a retry returns the first application, another body under the same key is
//! refused, and without a key every submission is a new application.

use super::{signed, Checked, Ctx, IIN};
use egov_domain::api::ApplicationRecord;
use egov_domain::signature::test_ca::TestCertificate;

pub async fn retry_same_reference(ctx: &mut Ctx) -> Checked {
    let first = ctx.submitted.as_ref().expect("needs Application");
    let (key, reference) = (first.key.clone(), first.record.reference.clone());
    // A retry after a lost answer may carry a fresh signature over the same application.
    let again = signed(first.body.application.clone(), TestCertificate::Valid);
    let reply = ctx
        .submit(
            &again,
            Some(&key),
            "the application of submit.valid again, signed anew, with its Idempotency-Key",
        )
        .await?;
    let record: ApplicationRecord = reply.expect_json(200, "the first ApplicationRecord")?;
    reply.ensure(
        record.reference == reference,
        format!("the first application's reference {reference}"),
    )?;
    Ok(())
}

pub async fn other_body_refused(ctx: &mut Ctx) -> Checked {
    let key = ctx
        .submitted
        .as_ref()
        .expect("needs Application")
        .key
        .clone();
    let mut other = ctx.referral().await?;
    other.applicant.address = format!("{} (another application)", other.applicant.address);
    let body = signed(other, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            Some(&key),
            "another application under submit.valid's Idempotency-Key",
        )
        .await?;
    reply.expect_problem(422, "idempotency_key_reused")?;
    Ok(())
}

pub async fn empty_key_refused(ctx: &mut Ctx) -> Checked {
    let body = signed(ctx.referral().await?, TestCertificate::Valid);
    let reply = ctx
        .submit(&body, Some(""), "an empty Idempotency-Key")
        .await?;
    let problem = reply.expect_problem(422, "validation_failed")?;
    reply.ensure(
        problem
            .errors
            .iter()
            .any(|e| e.path == "header:Idempotency-Key"),
        "422 validation_failed with an error at header:Idempotency-Key",
    )?;
    Ok(())
}

pub async fn no_key_is_new(ctx: &mut Ctx) -> Checked {
    let first = ctx.submitted.as_ref().expect("needs Application");
    let reference = first.record.reference.clone();
    let body = signed(first.body.application.clone(), TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            "the application of submit.valid again, without an Idempotency-Key",
        )
        .await?;
    let record: ApplicationRecord = reply.expect_json(201, "a new ApplicationRecord")?;
    reply.ensure(
        record.reference != reference,
        format!("a reference other than {reference}"),
    )?;
    reply.ensure(record.signer.subject_iin == IIN, format!("signer {IIN}"))?;
    ctx.second = Some(record);
    Ok(())
}
