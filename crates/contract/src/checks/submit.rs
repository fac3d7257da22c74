//! `POST /applications`: a valid application signed with the test CA is accepted; every
//! documented refusal comes with its own code.

use super::{rfc3339, signed, signed_at, Checked, Ctx, Submitted, Verdict, IIN};
use crate::client::Call;
use egov_domain::api::ApplicationRecord;
use egov_domain::application::AttachedDocument;
use egov_domain::eligibility::{check_result, Eligibility};
use egov_domain::signature::test_ca::TestCertificate;
use egov_domain::signature::SignatureFormat;
use egov_domain::{ApplicationStatus, ServiceId};

pub async fn valid(ctx: &mut Ctx) -> Checked {
    let body = signed(ctx.referral().await?, TestCertificate::Valid);
    let key = body.application.idempotency_key.clone();
    let reply = ctx
        .submit(
            &body,
            Some(&key),
            "a valid application signed with the test CA, its signed key repeated in Idempotency-Key",
        )
        .await?;
    let record: ApplicationRecord = reply.expect_json(201, "an ApplicationRecord")?;
    reply.ensure(
        record.status == ApplicationStatus::Submitted,
        "status submitted",
    )?;
    reply.ensure(
        record.application == body.application.public_view(),
        "the application exactly as signed (without the upload ids)",
    )?;
    reply.ensure(
        record.signer.subject_iin == IIN,
        format!("signer.subject_iin {IIN} (from the certificate)"),
    )?;
    ctx.submitted = Some(Submitted { record, body, key });
    Ok(())
}

/// Sends `body` and expects 422 with `code`.
async fn refused(
    ctx: &mut Ctx,
    body: egov_domain::api::SignedApplication,
    note: &str,
    code: &str,
) -> Checked {
    let reply = ctx.submit(&body, None, note).await?;
    reply.expect_problem(422, code)?;
    Ok(())
}

pub async fn invalid_iin(ctx: &mut Ctx) -> Checked {
    let mut application = ctx.referral().await?;
    application.applicant.iin = "123456789011".into();
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(&body, None, "IIN 123456789011, a wrong check digit")
        .await?;
    reply.expect_field_error("application.applicant.iin", "iin_check_digit")?;
    Ok(())
}

pub async fn document_missing(ctx: &mut Ctx) -> Checked {
    let mut application = ctx.referral().await?;
    let Some(dropped) = application.documents.pop() else {
        return Err(Verdict::Skip(
            "the example application needs no document".into(),
        ));
    };
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            &format!("without the document {}", dropped.document),
        )
        .await?;
    reply.expect_field_error(
        &format!("application.documents.{}", dropped.document),
        "document_missing",
    )?;
    Ok(())
}

pub async fn upload_unknown(ctx: &mut Ctx) -> Checked {
    let mut application = ctx.referral().await?;
    let index = application.documents.len();
    let document = application
        .documents
        .first()
        .map(|d| d.document.clone())
        .ok_or_else(|| Verdict::Skip("the example application needs no document".into()))?;
    application.documents.push(AttachedDocument {
        document,
        upload_id: "no-such-upload".into(),
        file_name: "x.pdf".into(),
        size: 1,
        media_type: "application/pdf".into(),
        sha256: super::sha256_hex(b"x"),
    });
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            "an attachment naming an upload that does not exist",
        )
        .await?;
    reply.expect_field_error(
        &format!("application.documents[{index}].upload_id"),
        "upload_unknown",
    )?;
    Ok(())
}

pub async fn result_required(ctx: &mut Ctx) -> Checked {
    let mut application = ctx.referral().await?;
    if application.result.take().is_none() {
        return Err(Verdict::Skip(
            "the example service offers no choice of result".into(),
        ));
    }
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            "no result chosen where the service offers a choice",
        )
        .await?;
    reply.expect_field_error("application.result", "result_required")?;
    Ok(())
}

/// A result the example applicant may not receive, in a region where the service is online:
/// the regulation's own reason comes back at `application.result`.
pub async fn not_eligible(ctx: &mut Ctx) -> Checked {
    let profile = egov_domain::application::example_application(IIN)
        .applicant
        .profile();
    let catalogue = ctx.catalogue;
    let found = catalogue.services.iter().find_map(|service| {
        service.regions().find_map(|region| {
            let view = catalogue.service_in_region(&service.id, region)?;
            if !view.online || view.online_channels().next().is_none() {
                return None;
            }
            view.results
                .iter()
                .find_map(|result| match check_result(&view, &result.id, &profile) {
                    Eligibility::Refused { reasons } => Some((
                        view.id.clone(),
                        region.clone(),
                        result.id.clone(),
                        reasons[0],
                    )),
                    Eligibility::Allowed => None,
                })
        })
    });
    let Some((service, region, result, reason)) = found else {
        return Err(Verdict::Skip(
            "no online result of the catalogue is refused to the example applicant".into(),
        ));
    };
    let mut application = ctx
        .application(service.as_str(), region.as_str(), IIN)
        .await?;
    application.result = Some(result.clone());
    let reason = serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            &format!(
                "{service} in {region} asking for {result}, which the applicant may not receive"
            ),
        )
        .await?;
    reply.expect_field_error("application.result", &reason)?;
    Ok(())
}

pub async fn unknown_service(ctx: &mut Ctx) -> Checked {
    let mut application = ctx.referral().await?;
    application.service = ServiceId::new("teleportation");
    let body = signed(application, TestCertificate::Valid);
    refused(ctx, body, "service teleportation", "unknown_service").await
}

pub async fn service_not_online(ctx: &mut Ctx) -> Checked {
    let catalogue = ctx.catalogue;
    let found = catalogue.services.iter().find_map(|service| {
        service.regions().find_map(|region| {
            let view = catalogue.service_in_region(&service.id, region)?;
            (!view.online).then(|| (view.id.clone(), region.clone()))
        })
    });
    let Some((service, region)) = found else {
        return Err(Verdict::Skip(
            "every service of the catalogue is online".into(),
        ));
    };
    let application = ctx
        .application(service.as_str(), region.as_str(), IIN)
        .await?;
    let body = signed(application, TestCertificate::Valid);
    refused(
        ctx,
        body,
        &format!("{service} in {region}, where it is not offered online"),
        "service_not_online",
    )
    .await
}

pub async fn signature_mismatch(ctx: &mut Ctx) -> Checked {
    let mut body = signed(ctx.referral().await?, TestCertificate::Valid);
    body.application.applicant.phone = "+77001112233".into();
    refused(
        ctx,
        body,
        "the phone changed after signing",
        "signature_mismatch",
    )
    .await
}

async fn certificate(ctx: &mut Ctx, kind: TestCertificate, code: &str) -> Checked {
    let body = signed(ctx.referral().await?, kind);
    let note = format!("signed with the test CA's {} certificate", kind.code());
    refused(ctx, body, &note, code).await
}

certificate_checks!(certificate);

pub async fn certificate_not_yet_valid(ctx: &mut Ctx) -> Checked {
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(60);
    let body = signed_at(ctx.referral().await?, TestCertificate::Valid, later);
    refused(
        ctx,
        body,
        "signed with a certificate valid from 30 days from now",
        "certificate_not_yet_valid",
    )
    .await
}

pub async fn certificate_untrusted(ctx: &mut Ctx) -> Checked {
    let mut body = signed(ctx.referral().await?, TestCertificate::Valid);
    if let Some(certificate) = body.signature.certificate.as_mut() {
        certificate.info.subject_name = "Someone Else".into();
    }
    refused(
        ctx,
        body,
        "a test certificate whose holder's name was changed after the CA signed it",
        "certificate_untrusted",
    )
    .await
}

pub async fn signature_malformed(ctx: &mut Ctx) -> Checked {
    let mut body = signed(ctx.referral().await?, TestCertificate::Valid);
    body.signature.value = "not base64!".into();
    refused(
        ctx,
        body,
        "signature value \"not base64!\"",
        "signature_malformed",
    )
    .await
}

pub async fn cms_unsupported(ctx: &mut Ctx) -> Checked {
    let mut body = signed(ctx.referral().await?, TestCertificate::Valid);
    body.signature.format = SignatureFormat::Cms;
    refused(
        ctx,
        body,
        "format cms, to a server that declares cms off",
        "signature_format_unsupported",
    )
    .await
}

pub async fn cms_malformed(ctx: &mut Ctx) -> Checked {
    let mut body = signed(ctx.referral().await?, TestCertificate::Valid);
    body.signature.format = SignatureFormat::Cms;
    body.signature.certificate = None;
    body.signature.value = "not base64!".into();
    refused(
        ctx,
        body,
        "format cms, value \"not base64!\"",
        "signature_malformed",
    )
    .await
}

pub async fn malformed_json(ctx: &mut Ctx) -> Checked {
    let call = Call::post("/applications")
        .body("application/json", "{not json")
        .note("the body {not json");
    let reply = ctx.send(call).await?;
    reply.expect_problem(400, "malformed_body")?;
    Ok(())
}

pub async fn wrong_content_type(ctx: &mut Ctx) -> Checked {
    let call = Call::post("/applications")
        .body("text/plain", "{}")
        .note("Content-Type text/plain");
    let reply = ctx.send(call).await?;
    reply.expect_problem(415, "unsupported_media_type")?;
    Ok(())
}

/// Larger than any application: the reference server's limit is 256 KiB.
const OVERSIZE_BODY: usize = 1024 * 1024;

pub async fn body_too_large(ctx: &mut Ctx) -> Checked {
    let call = Call::post("/applications")
        .body("application/json", vec![b' '; OVERSIZE_BODY])
        .note("a JSON body of 1 MiB");
    super::too_large(ctx, call, "body_too_large").await
}

pub async fn upload_mismatch(ctx: &mut Ctx) -> Checked {
    let mut application = ctx.referral().await?;
    let Some(attachment) = application.documents.first_mut() else {
        return Err(Verdict::Skip(
            "the example application needs no document".into(),
        ));
    };
    attachment.sha256 = super::sha256_hex(b"not the uploaded file");
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            "an attachment whose sha256 is not its upload's (signed as such)",
        )
        .await?;
    reply.expect_field_error("application.documents[0].sha256", "upload_mismatch")?;
    Ok(())
}

/// The application's signing moment `offset` from now, signed at that moment.
async fn signed_moment(ctx: &mut Ctx, offset: time::Duration, note: &str, code: &str) -> Checked {
    let mut application = ctx.referral().await?;
    application.signed_at = rfc3339(time::OffsetDateTime::now_utc() + offset);
    let body = signed(application, TestCertificate::Valid);
    refused(ctx, body, note, code).await
}

pub async fn signing_time_too_old(ctx: &mut Ctx) -> Checked {
    signed_moment(
        ctx,
        -time::Duration::days(30),
        "signed_at 30 days ago",
        "signing_time_too_old",
    )
    .await
}

pub async fn signing_time_in_future(ctx: &mut Ctx) -> Checked {
    signed_moment(
        ctx,
        time::Duration::days(1),
        "signed_at a day ahead of now",
        "signing_time_in_future",
    )
    .await
}

pub async fn upload_already_attached(ctx: &mut Ctx) -> Checked {
    let taken = ctx.submitted().body.application.documents.clone();
    let mut application = ctx.referral().await?;
    if taken.is_empty() || application.documents.len() != taken.len() {
        return Err(Verdict::Skip(
            "the example application needs no document".into(),
        ));
    }
    // This application's own uploads stay unattached and are withdrawn at the end.
    application.documents = taken;
    let body = signed(application, TestCertificate::Valid);
    let reply = ctx
        .submit(
            &body,
            None,
            "a new application attaching the uploads submit.valid attached",
        )
        .await?;
    reply.expect_field_error(
        "application.documents[0].upload_id",
        "upload_already_attached",
    )?;
    Ok(())
}
