//! Uploads of document files: the raw bytes as the body (so a browser can report progress),
//! streamed to disk under a size limit, and typed by their content, never by their name.

use crate::db::Withdrawal;
use crate::problem::{ApiError, NotFound};
use crate::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64URL;
use base64::Engine;
use egov_domain::api::{problem_code, FieldError, UploadReceipt, FILE_NAME_HEADER};
use egov_domain::upload_policy::{sniff, SIGNATURE_LEN as SNIFF_LEN};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::io::AsyncWriteExt;

pub const UPLOADS_DIR: &str = "uploads";

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
    // The rule the signed application's attachments follow too (no bidi controls, ≤ 255).
    if !egov_domain::application::is_valid_file_name(name) {
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_id() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    hex(&bytes)
}

fn new_delete_token() -> String {
    use rand::Rng;
    let bytes: [u8; 32] = rand::rng().random();
    BASE64URL.encode(bytes)
}

/// How the server keeps a delete token: a copy of the database does not let anyone withdraw.
fn token_digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Storage limits of uploads (`Config`): per client address for what no application attaches
/// yet, and in total.
#[derive(Debug, Clone, Copy)]
pub struct UploadQuotas {
    /// Bytes of unattached uploads one client IP may hold.
    pub per_client: u64,
    /// Bytes of all uploads together.
    pub total: u64,
    /// Unattached uploads are swept after this long: when a client's quota frees up.
    pub unattached_max_age: Duration,
}

fn quota_exceeded(retry_after: Duration) -> Response {
    let seconds = retry_after.as_secs().max(1);
    let mut response = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        problem_code::UPLOAD_QUOTA_EXCEEDED,
        "This client holds as many unattached uploads as the server allows",
    )
    .with_detail(format!(
        "Submit or withdraw earlier uploads, or retry in {seconds} s"
    ))
    .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

fn storage_full() -> ApiError {
    ApiError::new(
        StatusCode::INSUFFICIENT_STORAGE,
        problem_code::STORAGE_FULL,
        "The server's storage for uploads is full",
    )
}

/// How much a client may still upload, and which quota says so.
struct Allowance {
    bytes: u64,
    /// The total quota is the nearer one: going over it means the storage is full.
    by_total: bool,
}

impl Allowance {
    /// The answer to an upload that goes over the allowance.
    fn refusal(&self, quotas: UploadQuotas) -> Response {
        if self.by_total {
            storage_full().into_response()
        } else {
            quota_exceeded(quotas.unattached_max_age)
        }
    }
}

/// What this client may still upload, or the answer that says it may not.
async fn allowance(
    state: &AppState,
    client: &str,
    now: OffsetDateTime,
) -> Result<Allowance, Response> {
    let quotas = state.quotas;
    let usage = state
        .db
        .upload_usage(client.to_owned())
        .await
        .map_err(|e| ApiError::from(e).into_response())?;
    if usage.total_bytes >= quotas.total {
        return Err(storage_full().into_response());
    }
    if usage.client_unattached_bytes >= quotas.per_client {
        let freed_at = usage.client_oldest_unattached.unwrap_or(now) + quotas.unattached_max_age;
        let wait = Duration::try_from(freed_at - now).unwrap_or(Duration::from_secs(1));
        return Err(quota_exceeded(wait));
    }
    let of_total = quotas.total - usage.total_bytes;
    let of_client = quotas.per_client - usage.client_unattached_bytes;
    Ok(Allowance {
        bytes: of_total.min(of_client),
        by_total: of_total < of_client,
    })
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
#[utoipa::path(post, path = egov_domain::api::paths::UPLOADS, context_path = egov_domain::api::API_PREFIX, tag = "uploads",
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The raw file. `Content-Type` declares its type; the content decides."),
    params(("X-File-Name" = String, Header, description = "The file's name, percent-encoded UTF-8")),
    responses(
        (status = 201, body = UploadReceipt, description = "Stored"),
        (status = 413, description = "`upload_too_large`"),
        (status = 429, description = "`upload_quota_exceeded` (this client's unattached uploads fill its quota; `Retry-After`), `rate_limited`"),
        (status = 507, description = "`storage_full`: the server's total upload quota is used"),
        (status = 415, description = "`upload_type_not_allowed`, `upload_type_mismatch`"),
        (status = 422, description = "`upload_empty`; `validation_failed` with `header:X-File-Name`: `file_name_missing`, `file_name_invalid`"),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
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
    let client = client.map(|c| c.0 .0.ip().to_string()).unwrap_or_default();
    let now = OffsetDateTime::now_utc();
    let allowed = match allowance(&state, &client, now).await {
        Ok(allowed) => allowed,
        Err(refused) => return Ok(refused),
    };
    // A declared size over what is left is refused before a byte is stored; an undeclared
    // one is cut off when the stream passes it.
    if declared_length.is_some_and(|n| n > allowed.bytes) {
        return Ok(allowed.refusal(state.quotas));
    }
    // Made (0700) when the server starts.
    let dir = state.data_dir.join(UPLOADS_DIR);
    let id = new_id();
    let part_path = dir.join(format!("{id}.part"));
    let mut part = PartFile(Some(part_path.clone()));
    let mut file = private_file(&part_path).await.map_err(ApiError::internal)?;

    let mut stream = body.into_data_stream();
    let mut digest = Sha256::new();
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
        if size > allowed.bytes {
            return Ok(allowed.refusal(state.quotas));
        }
        digest.update(&chunk);
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
        sha256: hex(&digest.finalize()),
        delete_token: new_delete_token(),
    };
    state
        .db
        .insert_upload(
            receipt.clone(),
            token_digest(&receipt.delete_token),
            client,
            now,
        )
        .await?;
    let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
    // The receipt carries the delete secret.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// A new file readable by the server's user only (0600): uploads are personal documents.
async fn private_file(path: &std::path::Path) -> std::io::Result<tokio::fs::File> {
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    options.open(path).await
}

fn type_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        problem_code::UPLOAD_TYPE_NOT_ALLOWED,
        "Only PDF, JPEG and PNG files are accepted",
    )
}

/// Withdraws an upload, e.g. when the citizen replaces a file: only with the upload's
/// `delete_token`, and only while no submitted application attaches it.
#[utoipa::path(delete, path = egov_domain::api::paths::UPLOAD, context_path = egov_domain::api::API_PREFIX, tag = "uploads",
    security(("upload_owner" = [])),
    params(("id" = String, Path, description = "The id from the upload's receipt")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "`upload_forbidden`: no `Authorization: Bearer <delete_token>` of this upload"),
        NotFound,
        (status = 409, description = "`upload_attached`: a submitted application attaches it, so it is kept"),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    // Ids are ours (hex): anything else cannot name a file, and must not reach the file system.
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::not_found());
    }
    let token = crate::session::bearer(&headers).unwrap_or_default();
    match state
        .db
        .withdraw_upload(id.clone(), token_digest(token))
        .await?
    {
        Withdrawal::Deleted => {
            remove_file(&state, &id).await;
            Ok(StatusCode::NO_CONTENT)
        }
        Withdrawal::NotFound => Err(ApiError::not_found()),
        Withdrawal::Forbidden => {
            tracing::warn!(target: "egov_server::security", event = "upload_delete_refused", "delete of an upload without its token");
            Err(ApiError::new(
                StatusCode::FORBIDDEN,
                problem_code::UPLOAD_FORBIDDEN,
                "Only whoever uploaded the file may withdraw it",
            ))
        }
        Withdrawal::Attached => Err(ApiError::new(
            StatusCode::CONFLICT,
            problem_code::UPLOAD_ATTACHED,
            "A submitted application attaches this file; it is kept",
        )),
    }
}

async fn remove_file(state: &AppState, id: &str) {
    let _ = tokio::fs::remove_file(state.data_dir.join(UPLOADS_DIR).join(id)).await;
}

/// Removes uploads no application attached within `max_age`, every `every`, for as long as the
/// server runs: a client that uploads and never submits cannot fill the disk.
pub fn spawn_sweep(
    state: AppState,
    max_age: Duration,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let cutoff = OffsetDateTime::now_utc() - max_age;
            match state.db.sweep_unattached(cutoff).await {
                Ok(ids) => {
                    for id in &ids {
                        remove_file(&state, id).await;
                    }
                    if !ids.is_empty() {
                        tracing::info!(swept = ids.len(), "unattached uploads removed");
                    }
                }
                Err(error) => tracing::error!(%error, "sweeping unattached uploads failed"),
            }
        }
    })
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
