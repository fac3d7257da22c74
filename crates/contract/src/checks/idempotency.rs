//! Idempotency: the key is inside the signed application. The same application sent again (even
//! signed anew) returns the first one, another application under the same key is refused, an
//! `Idempotency-Key` header that differs from the signed key is refused, and a new key is a new
//! application.

use super::{signed, Checked, Ctx, IIN};
use egov_domain::api::{ApplicationRecord, IDEMPOTENCY_KEY_HEADER};
use egov_domain::signature::test_ca::TestCertificate;

pub async fn retry_same_reference(ctx: &mut Ctx) -> Checked {
    let first = ctx.submitted();
    let (key, reference) = (first.key.clone(), first.record.reference.clone());
    // A retry after a lost answer may carry a fresh signature over the same application.
    let again = signed(first.body.application.clone(), TestCertificate::Valid);
    let reply = ctx
        .submit(
            &again,
            Some(&key),
            "the application of submit.valid again (same signed idempotency_key and signed_at), signed anew",
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
    let first = ctx.submitted();
    let (key, signed_at) = (first.key.clone(), first.body.application.signed_at.clone());
    let mut other = ctx.referral().await?;
    other.applicant.address = format!("{} (another application)", other.applicant.address);
    other.idempotency_key = key;
    other.signed_at = signed_at;
    let body = signed(other, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            "another application signed under submit.valid's idempotency_key",
        )
        .await?;
    reply.expect_problem(422, "idempotency_key_reused")?;
    Ok(())
}

pub async fn header_mismatch_refused(ctx: &mut Ctx) -> Checked {
    let body = signed(ctx.referral().await?, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            Some("egov-contract-not-the-signed-key"),
            "an Idempotency-Key header other than the signed idempotency_key",
        )
        .await?;
    reply.expect_field_error(
        &format!("header:{IDEMPOTENCY_KEY_HEADER}"),
        "idempotency_key_mismatch",
    )?;
    Ok(())
}

pub async fn invalid_key_refused(ctx: &mut Ctx) -> Checked {
    let mut application = ctx.referral().await?;
    application.idempotency_key = "short".into();
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(&body, None, "a signed idempotency_key of 5 characters")
        .await?;
    reply.expect_field_error("application.idempotency_key", "idempotency_key_invalid")?;
    Ok(())
}

pub async fn new_key_is_new(ctx: &mut Ctx) -> Checked {
    let reference = ctx.submitted_reference();
    // The same person and service, with its own uploads, key and signing moment.
    let body = signed(ctx.referral().await?, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            "the application of submit.valid again under a new key, without the header",
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
