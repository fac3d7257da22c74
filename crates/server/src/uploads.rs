//! Uploads of document files: the raw bytes as the body (so a browser can report progress),
//! streamed to disk under a size limit, and typed by their content, never by their name.

use crate::problem::ApiError;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use egov_domain::api::{problem_code, FieldError, Problem, UploadReceipt, FILE_NAME_HEADER};
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

pub const UPLOADS_DIR: &str = "uploads";

/// The types a document may have, by their leading bytes.
const SIGNATURES: [(&[u8], &str); 3] = [
    (b"%PDF-", "application/pdf"),
    (&[0xFF, 0xD8, 0xFF], "image/jpeg"),
    (
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
        "image/png",
    ),
];

/// Enough leading bytes to recognise every allowed type.
const SNIFF_LEN: usize = 8;

pub fn sniff(head: &[u8]) -> Option<&'static str> {
    SIGNATURES
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, media_type)| *media_type)
}

fn file_name(headers: &HeaderMap) -> Result<String, ApiError> {
    let field = |code: &str| {
        ApiError::validation(vec![FieldError {
            path: format!("header:{FILE_NAME_HEADER}"),
            code: code.into(),
        }])
    };
    let raw = headers
        .get(FILE_NAME_HEADER)
        .ok_or_else(|| field(problem_code::FILE_NAME_MISSING))?;
    let decoded = percent_encoding::percent_decode(raw.as_bytes())
        .decode_utf8()
        .map_err(|_| field(problem_code::FILE_NAME_INVALID))?;
    // Only the last path component: a name is shown to people, never used as a path.
    let name = decoded
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(field(problem_code::FILE_NAME_INVALID));
    }
    Ok(name.to_owned())
}

fn declared_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    // A browser declares this for anything it does not know: no claim is made.
    (essence != "application/octet-stream" && !essence.is_empty()).then_some(essence)
}

fn too_large(limit: u64) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        problem_code::UPLOAD_TOO_LARGE,
        "The file is too large",
    )
    .with_detail(format!("The limit is {limit} bytes"))
}

fn new_id() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Removes a partly written file when the upload fails on any path.
struct PartFile(Option<PathBuf>);

impl Drop for PartFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Stores one file.
#[utoipa::path(post, path = "/api/v1/uploads", tag = "uploads",
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The raw file. `Content-Type` declares its type; the content decides."),
    params(("X-File-Name" = String, Header, description = "The file's name, percent-encoded UTF-8")),
    responses(
        (status = 201, body = UploadReceipt, description = "Stored"),
        (status = 413, description = "`upload_too_large`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`upload_type_not_allowed`, `upload_type_mismatch`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`upload_empty`; `validation_failed` with `header:X-File-Name`: `file_name_missing`, `file_name_invalid`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let file_name = file_name(&headers)?;
    let limit = state.upload_limit;
    let declared_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared_length.is_some_and(|n| n > limit) {
        return Err(too_large(limit));
    }
    let dir = state.data_dir.join(UPLOADS_DIR);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(ApiError::internal)?;
    let id = new_id();
    let part_path = dir.join(format!("{id}.part"));
    let mut part = PartFile(Some(part_path.clone()));
    let mut file = tokio::fs::File::create(&part_path)
        .await
        .map_err(ApiError::internal)?;

    let mut stream = body.into_data_stream();
    let mut size: u64 = 0;
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_LEN);
    use futures_util::StreamExt;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                problem_code::BAD_REQUEST,
                "The upload was interrupted",
            )
            .with_detail(e.to_string())
        })?;
        size += chunk.len() as u64;
        if size > limit {
            return Err(too_large(limit));
        }
        if head.len() < SNIFF_LEN {
            let take = (SNIFF_LEN - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
            // Reject early, before a wrong file is written in full.
            if head.len() == SNIFF_LEN && sniff(&head).is_none() {
                return Err(type_not_allowed());
            }
        }
        file.write_all(&chunk).await.map_err(ApiError::internal)?;
    }
    if size == 0 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_code::UPLOAD_EMPTY,
            "The file is empty",
        ));
    }
    let media_type = sniff(&head).ok_or_else(type_not_allowed)?;
    if declared_type(&headers).is_some_and(|declared| declared != media_type) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            problem_code::UPLOAD_TYPE_MISMATCH,
            "The declared type differs from the file's content",
        )
        .with_detail(format!("The content is {media_type}")));
    }
    // Durable before acknowledged, like an application.
    file.sync_all().await.map_err(ApiError::internal)?;
    drop(file);
    tokio::fs::rename(&part_path, dir.join(&id))
        .await
        .map_err(ApiError::internal)?;
    part.0 = None;
    let receipt = UploadReceipt {
        id,
        file_name,
        size,
        media_type: media_type.to_owned(),
    };
    state
        .db
        .insert_upload(receipt.clone(), time::OffsetDateTime::now_utc())
        .await?;
    Ok((StatusCode::CREATED, Json(receipt)).into_response())
}

fn type_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        problem_code::UPLOAD_TYPE_NOT_ALLOWED,
        "Only PDF, JPEG and PNG files are accepted",
    )
}

/// Withdraws an upload, e.g. when the citizen replaces a file.
#[utoipa::path(delete, path = "/api/v1/uploads/{id}", tag = "uploads",
    params(("id" = String, Path, description = "The id from the upload's receipt")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    // Ids are ours (hex): anything else cannot name a file, and must not reach the file system.
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::not_found());
    }
    if !state.db.delete_upload(id.clone()).await? {
        return Err(ApiError::not_found());
    }
    let _ = tokio::fs::remove_file(state.data_dir.join(UPLOADS_DIR).join(id)).await;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
            Some("image/png")
        );
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(sniff(b"%PD"), None);
    }
}
