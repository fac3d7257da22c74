//! Sign-in by signing a server challenge (single use, short-lived), and the signed-in citizen's
//! own applications.

use super::{signed, Checked, Ctx, IIN, OTHER_PERSON_IIN, REFERRAL};
use crate::client::{Call, Failure};
use crate::fixtures::{challenge_bytes, test_ca_session_request as request};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use egov_domain::api::{
    ApplicationRecord, ApplicationSummary, Session, SessionChallenge, SessionRequest,
};
use egov_domain::signature::test_ca::TestCertificate;
use time::{Duration, OffsetDateTime};

async fn new_challenge(ctx: &mut Ctx) -> Result<SessionChallenge, Failure> {
    let reply = ctx.send(Call::post("/session/challenge")).await?;
    let challenge: SessionChallenge = reply.expect_json(201, "a SessionChallenge")?;
    let bytes = challenge_bytes(&challenge);
    reply.ensure(bytes.len() == 32, "challenge: 32 random bytes, base64")?;
    let now = OffsetDateTime::now_utc();
    reply.ensure(
        challenge.expires_at > now && challenge.expires_at <= now + Duration::hours(1),
        "expires_at in the future, within the hour (a challenge is short-lived)",
    )?;
    Ok(challenge)
}

async fn sign_in_with(
    ctx: &mut Ctx,
    body: &SessionRequest,
    note: &str,
) -> Result<crate::client::Reply, Failure> {
    ctx.send(Call::post("/session").json(body).note(note)).await
}

pub async fn challenge(ctx: &mut Ctx) -> Checked {
    new_challenge(ctx).await?;
    Ok(())
}

pub async fn sign_in(ctx: &mut Ctx) -> Checked {
    let challenge = new_challenge(ctx).await?;
    let body = request(&challenge, TestCertificate::Valid, IIN);
    let reply = sign_in_with(
        ctx,
        &body,
        "the challenge signed with a valid test certificate",
    )
    .await?;
    let session: Session = reply.expect_json(201, "a Session")?;
    reply.ensure(session.iin == IIN, format!("iin {IIN}"))?;
    reply.ensure(
        session.expires_at > OffsetDateTime::now_utc() && !session.token.is_empty(),
        "a token and expires_at in the future",
    )?;
    ctx.session = Some(session);
    Ok(())
}

pub async fn challenge_single_use(ctx: &mut Ctx) -> Checked {
    let challenge = new_challenge(ctx).await?;
    let body = request(&challenge, TestCertificate::Valid, IIN);
    let first = sign_in_with(ctx, &body, "a valid sign-in").await?;
    first.expect_json::<Session>(201, "a Session")?;
    let again = sign_in_with(ctx, &body, "the same signed challenge a second time").await?;
    again.expect_problem(422, "challenge_unknown")?;
    Ok(())
}

pub async fn challenge_unknown(ctx: &mut Ctx) -> Checked {
    let never_issued = SessionChallenge {
        challenge: BASE64.encode(rand_bytes()),
        expires_at: OffsetDateTime::now_utc() + Duration::minutes(5),
    };
    let body = request(&never_issued, TestCertificate::Valid, IIN);
    let reply = sign_in_with(ctx, &body, "a challenge the server never issued").await?;
    reply.expect_problem(422, "challenge_unknown")?;
    Ok(())
}

fn rand_bytes() -> [u8; 32] {
    use rand::Rng;
    rand::rng().random()
}

pub async fn signature_mismatch(ctx: &mut Ctx) -> Checked {
    let presented = new_challenge(ctx).await?;
    let other = new_challenge(ctx).await?;
    let mut body = request(&other, TestCertificate::Valid, IIN);
    body.challenge = presented.challenge;
    let reply = sign_in_with(ctx, &body, "a challenge with the signature of another").await?;
    reply.expect_problem(422, "signature_mismatch")?;
    Ok(())
}

async fn certificate(ctx: &mut Ctx, kind: TestCertificate, code: &str) -> Checked {
    let challenge = new_challenge(ctx).await?;
    let body = request(&challenge, kind, IIN);
    let note = format!("signed with the test CA's {} certificate", kind.code());
    let reply = sign_in_with(ctx, &body, &note).await?;
    reply.expect_problem(422, code)?;
    Ok(())
}

certificate_checks!(certificate);

pub async fn invalid_iin(ctx: &mut Ctx) -> Checked {
    let challenge = new_challenge(ctx).await?;
    let body = request(&challenge, TestCertificate::Valid, "123456789011");
    let reply = sign_in_with(ctx, &body, "IIN 123456789011, a wrong check digit").await?;
    let problem = reply.expect_problem(422, "validation_failed")?;
    reply.ensure(
        problem.errors.iter().any(|e| e.path == "iin"),
        "422 validation_failed with an error at iin",
    )?;
    Ok(())
}

pub async fn list_needs_token(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .send(Call::get("/applications").note("without a token"))
        .await?;
    reply.expect_problem(401, "unauthorized")?;
    let reply = ctx
        .send(
            Call::get("/applications")
                .bearer("made-up")
                .note("a made-up token"),
        )
        .await?;
    reply.expect_problem(401, "unauthorized")?;
    Ok(())
}

async fn own_list(
    ctx: &mut Ctx,
) -> Result<(crate::client::Reply, Vec<ApplicationSummary>), Failure> {
    let token = ctx.session.as_ref().expect("needs Session").token.clone();
    let reply = ctx
        .send(
            Call::get("/applications")
                .bearer(&token)
                .note("with the session's token"),
        )
        .await?;
    let list = reply.expect_json(200, "the ApplicationSummary list")?;
    Ok((reply, list))
}

pub async fn list_own(ctx: &mut Ctx) -> Checked {
    let mut wanted = vec![ctx.submitted_reference()];
    if let Some(second) = &ctx.second {
        wanted.push(second.reference.clone());
    }
    let (reply, list) = own_list(ctx).await?;
    for reference in &wanted {
        reply.ensure(
            list.iter().any(|s| &s.reference == reference),
            format!("the citizen's application {reference} listed"),
        )?;
    }
    reply.ensure(
        list.windows(2)
            .all(|w| w[0].submitted_at >= w[1].submitted_at),
        "newest first",
    )?;
    Ok(())
}

pub async fn list_excludes_others(ctx: &mut Ctx) -> Checked {
    let region = egov_domain::application::example_application(IIN).region;
    let application = ctx
        .application(REFERRAL, region.as_str(), OTHER_PERSON_IIN)
        .await?;
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            &format!("a valid application of another person, IIN {OTHER_PERSON_IIN}"),
        )
        .await?;
    let theirs: ApplicationRecord = reply.expect_json(201, "an ApplicationRecord")?;
    let (reply, list) = own_list(ctx).await?;
    reply.ensure(
        list.iter().all(|s| s.reference != theirs.reference),
        format!(
            "only the signed-in citizen's applications, not {}",
            theirs.reference
        ),
    )?;
    Ok(())
}
