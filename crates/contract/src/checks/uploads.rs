//! `POST /uploads` and `DELETE /uploads/{id}`: files typed by their content, bounded in size,
//! named by a percent-encoded header, and withdrawable.

use super::{Checked, Ctx, PDF};
use crate::client::{Call, Failure, Reply};
use egov_domain::api::{UploadReceipt, FILE_NAME_HEADER};
use reqwest::Method;

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0];
/// The largest file the wizard lets a person choose (its message says "smaller than 10 MB").
pub const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// A receipt of this type, withdrawn at the end.
fn accepted(ctx: &mut Ctx, reply: &Reply, media_type: &str) -> Result<UploadReceipt, Failure> {
    let receipt: UploadReceipt = reply.expect_json(201, "an UploadReceipt")?;
    ctx.withdraw.push(receipt.clone());
    reply.ensure(
        receipt.media_type == media_type,
        format!("media_type {media_type} (found in the content)"),
    )?;
    Ok(receipt)
}

pub async fn pdf(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(
            Some("%D0%B4%D0%B8%D0%BF%D0%BB%D0%BE%D0%BC.pdf"),
            "application/pdf",
            PDF.to_vec(),
            "a PDF named диплом.pdf, percent-encoded",
        )
        .await?;
    let receipt = accepted(ctx, &reply, "application/pdf")?;
    reply.ensure(
        receipt.file_name == "диплом.pdf",
        "file_name \"диплом.pdf\" (decoded)",
    )?;
    reply.ensure(
        receipt.size == PDF.len() as u64,
        format!("size {}", PDF.len()),
    )?;
    let hash = super::sha256_hex(PDF);
    reply.ensure(
        receipt.sha256 == hash,
        format!("sha256 {hash} (of the bytes sent)"),
    )?;
    reply.ensure(
        !receipt.delete_token.is_empty(),
        "a delete_token to withdraw the upload with",
    )?;
    Ok(())
}

pub async fn png_by_content(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(
            Some("scan.pdf"),
            "application/octet-stream",
            PNG.to_vec(),
            "a PNG named scan.pdf, declared application/octet-stream",
        )
        .await?;
    accepted(ctx, &reply, "image/png")?;
    Ok(())
}

pub async fn jpeg(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(Some("photo.jpg"), "image/jpeg", JPEG.to_vec(), "a JPEG")
        .await?;
    accepted(ctx, &reply, "image/jpeg")?;
    Ok(())
}

pub async fn type_not_allowed(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(
            Some("cv.pdf"),
            "application/pdf",
            b"MZ\x90\0 an executable".to_vec(),
            "an executable named cv.pdf, declared application/pdf",
        )
        .await?;
    reply.expect_problem(415, "upload_type_not_allowed")?;
    Ok(())
}

pub async fn type_mismatch(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(
            Some("scan.png"),
            "image/png",
            PDF.to_vec(),
            "a PDF declared image/png",
        )
        .await?;
    reply.expect_problem(415, "upload_type_mismatch")?;
    Ok(())
}

pub async fn empty(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(
            Some("a.pdf"),
            "application/pdf",
            Vec::new(),
            "an empty file",
        )
        .await?;
    reply.expect_problem(422, "upload_empty")?;
    Ok(())
}

pub async fn too_large(ctx: &mut Ctx) -> Checked {
    let mut big = PDF.to_vec();
    big.resize(UPLOAD_LIMIT + 1, b' ');
    let call = Call::post("/uploads")
        .body("application/pdf", big)
        .header(FILE_NAME_HEADER, "big.pdf")
        .note("a PDF of 10 MiB + 1 byte");
    super::too_large(ctx, call, "upload_too_large").await
}

pub async fn file_name_missing(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(None, "application/pdf", PDF.to_vec(), "no X-File-Name")
        .await?;
    reply.expect_field_error(&format!("header:{FILE_NAME_HEADER}"), "file_name_missing")?;
    Ok(())
}

pub async fn file_name_invalid(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(
            Some("%FF%FE.pdf"),
            "application/pdf",
            PDF.to_vec(),
            "X-File-Name %FF%FE.pdf, not UTF-8",
        )
        .await?;
    reply.expect_field_error(&format!("header:{FILE_NAME_HEADER}"), "file_name_invalid")?;
    Ok(())
}

pub async fn delete(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(
            Some("withdrawn.pdf"),
            "application/pdf",
            PDF.to_vec(),
            "a PDF",
        )
        .await?;
    let receipt: UploadReceipt = reply.expect_json(201, "an UploadReceipt")?;
    let path = format!("/uploads/{}", receipt.id);
    let reply = ctx
        .send(
            Call::new(Method::DELETE, &path)
                .bearer(&receipt.delete_token)
                .note("with the receipt's delete_token"),
        )
        .await?;
    if reply.status != 204 {
        ctx.withdraw.push(receipt.clone());
    }
    reply.expect_status(204, "(withdrawn)")?;
    ctx.created.uploads_withdrawn += 1;
    let again = ctx
        .send(
            Call::new(Method::DELETE, &path)
                .bearer(&receipt.delete_token)
                .note("the same upload again"),
        )
        .await?;
    again.expect_problem(404, "not_found")?;
    Ok(())
}

pub async fn delete_needs_token(ctx: &mut Ctx) -> Checked {
    let reply = ctx
        .upload(Some("kept.pdf"), "application/pdf", PDF.to_vec(), "a PDF")
        .await?;
    let receipt = accepted(ctx, &reply, "application/pdf")?;
    let path = format!("/uploads/{}", receipt.id);
    let reply = ctx
        .send(Call::new(Method::DELETE, &path).note("without Authorization"))
        .await?;
    reply.expect_problem(403, "upload_forbidden")?;
    let reply = ctx
        .send(
            Call::new(Method::DELETE, &path)
                .bearer("egov-contract-not-the-delete-token")
                .note("with a token other than the receipt's delete_token"),
        )
        .await?;
    reply.expect_problem(403, "upload_forbidden")?;
    Ok(())
}

pub async fn delete_attached(ctx: &mut Ctx) -> Checked {
    let documents = &ctx.submitted().body.application.documents;
    let attached = documents.first().map(|d| d.upload_id.clone());
    let Some(id) = attached else {
        return Err(super::Verdict::Skip(
            "the example application attaches no upload".into(),
        ));
    };
    let Some(receipt) = ctx.withdraw.iter().find(|r| r.id == id).cloned() else {
        return Err(super::Verdict::Skip(
            "the kit kept no receipt of submit.valid's upload".into(),
        ));
    };
    let reply = ctx
        .send(
            Call::new(Method::DELETE, format!("/uploads/{id}"))
                .bearer(&receipt.delete_token)
                .note("submit.valid's attached upload, with its delete_token"),
        )
        .await?;
    reply.expect_problem(409, "upload_attached")?;
    Ok(())
}
