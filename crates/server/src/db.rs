//! SQLite persistence: one file under the data folder, WAL mode, migrations from `migrations/`.

use egov_domain::api::{ApplicationRecord, FieldError, SignedApplication, StatusEvent};
use egov_domain::signature::CertificateInfo;
use egov_domain::workflow::{self, TransitionError};
use egov_domain::{Application, ApplicationStatus};
use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};
use std::path::Path;
use std::sync::{Arc, Mutex};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("the database worker stopped")]
    WorkerGone,
}

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/001_applications.sql")),
        M::up(include_str!("../migrations/002_uploads.sql")),
        M::up(include_str!("../migrations/003_sessions.sql")),
        M::up(include_str!("../migrations/004_workflow.sql")),
        M::up(include_str!("../migrations/005_owned_uploads.sql")),
    ])
}

/// Who made the `submitted` transition: stored in the row and returned in the created record,
/// which is built without reading the row back, so both take it from here.
const SUBMITTING_ACTOR: &str = "applicant";

/// A shared handle to the database. SQLite serialises writers anyway, so one connection behind
/// a mutex, used from blocking tasks, is simple and fast enough for a reference server.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

/// Outcome of storing a submission.
pub enum Stored {
    Created(ApplicationRecord),
    /// The idempotency key was seen before with the same request.
    Replayed(ApplicationRecord),
    /// The idempotency key was seen before with a different request.
    KeyConflict,
    /// The attachment at this index names an upload another application attaches.
    AlreadyAttached(usize),
    /// The service's rules refuse the application (nothing is stored).
    Refused(Vec<FieldError>),
}

/// An upload as the server recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUpload {
    pub file_name: String,
    pub size: u64,
    pub media_type: String,
    pub sha256: String,
}

/// Upload bytes held, for the quotas.
pub struct UploadUsage {
    pub client_unattached_bytes: u64,
    /// When the client's oldest unattached upload was made: the sweep frees its quota from then.
    pub client_oldest_unattached: Option<OffsetDateTime>,
    pub total_bytes: u64,
}

/// Outcome of `DELETE /uploads/{id}`.
pub enum Withdrawal {
    Deleted,
    NotFound,
    /// The token is not the upload's.
    Forbidden,
    /// A submitted application attaches it.
    Attached,
}

/// The database and its journals, readable by the server's user only (0600): SQLite creates
/// the journals with the database file's permissions, so a new file is made 0600 first.
fn private_files(path: &Path) -> Result<(), DbError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let io = |e: std::io::Error| DbError::Corrupt(format!("{}: {e}", path.display()));
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)
            .map_err(io)?;
        for suffix in ["", "-wal", "-shm"] {
            let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            if file.exists() {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(io)?;
            }
        }
    }
    Ok(())
}

fn format_time(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).expect("RFC 3339 formats every UTC time")
}

fn parse_time(s: &str) -> Result<OffsetDateTime, DbError> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|e| DbError::Corrupt(e.to_string()))
}

fn corrupt(e: serde_json::Error) -> DbError {
    DbError::Corrupt(e.to_string())
}

impl Db {
    pub fn open(path: &Path) -> Result<Db, DbError> {
        private_files(path)?;
        let mut conn = Connection::open(path)?;
        // WAL with synchronous=FULL: an acknowledged submission survives a crash or power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations().to_latest(&mut conn)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    async fn with_conn<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    ) -> Result<T, DbError> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|_| DbError::WorkerGone)?
    }

    /// Stores a verified submission and attaches its uploads, or returns the earlier one for
    /// the applicant's repeated idempotency key. One transaction behind the one connection: two
    /// parallel submissions of one body create one application, and an upload is attached once.
    /// `application_json` is the application's canonical JSON (what was signed); `rules` judges
    /// the application against the uploads it attaches (as recorded, in its order), so that a
    /// submission is one trip to the database.
    pub async fn insert_application(
        &self,
        reference: String,
        signed: SignedApplication,
        application_json: String,
        signer: CertificateInfo,
        now: OffsetDateTime,
        rules: impl FnOnce(&Application, &[Option<StoredUpload>]) -> Vec<FieldError> + Send + 'static,
    ) -> Result<Stored, DbError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let application = &signed.application;
            if let Some(earlier) = replay_of(
                &tx,
                &application.applicant.iin,
                &application.idempotency_key,
                &application_json,
            )? {
                drop(tx);
                return earlier.map_or(Ok(Stored::KeyConflict), |reference| {
                    read_record(conn, &reference)?
                        .map(Stored::Replayed)
                        .ok_or_else(|| DbError::Corrupt("idempotent row vanished".into()))
                });
            }
            let attached_ids = application.documents.iter().map(|d| d.upload_id.as_str());
            let refusals = rules(application, &stored_uploads(&tx, attached_ids)?);
            if !refusals.is_empty() {
                return Ok(Stored::Refused(refusals));
            }
            let signature_json = serde_json::to_string(&signed.signature).map_err(corrupt)?;
            let submitted_at = format_time(now);
            tx.prepare_cached(
                "INSERT INTO applications (reference, applicant_key, service, applicant_iin,
                    status, submitted_at, application_json, signature_json, signer_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                reference,
                application.idempotency_key,
                application.service.as_str(),
                application.applicant.iin.as_str(),
                ApplicationStatus::Submitted.code(),
                submitted_at,
                application_json,
                signature_json,
                serde_json::to_string(&signer).map_err(corrupt)?,
            ])?;
            let id = tx.last_insert_rowid();
            for (index, document) in application.documents.iter().enumerate() {
                let attached = tx
                    .prepare_cached(
                        "UPDATE uploads SET application_id = ?1
                         WHERE id = ?2 AND application_id IS NULL",
                    )?
                    .execute(params![id, document.upload_id])?;
                if attached == 0 {
                    // Rolled back on drop: nothing of this submission is stored.
                    return Ok(Stored::AlreadyAttached(index));
                }
            }
            tx.prepare_cached(
                "INSERT INTO status_events (application_id, status, at, actor)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                id,
                ApplicationStatus::Submitted.code(),
                submitted_at,
                SUBMITTING_ACTOR
            ])?;
            tx.commit()?;
            // What a read of the new row would return, built from what was just stored: reading
            // it back would parse the application's JSON again.
            Ok(Stored::Created(ApplicationRecord {
                reference,
                service: application.service.clone(),
                status: ApplicationStatus::Submitted,
                submitted_at: now,
                application: application.public_view(),
                signer,
                history: vec![StatusEvent {
                    status: ApplicationStatus::Submitted,
                    at: now,
                    actor: SUBMITTING_ACTOR.into(),
                }],
                result: None,
                refusal_grounds: None,
            }))
        })
        .await
    }

    /// The application this applicant already submitted under their idempotency key: `Some(Ok)`
    /// if it is the one whose canonical JSON is `application_json` (a replay or retry),
    /// `Some(Err)` if the key named another one.
    pub async fn replay(
        &self,
        applicant: ApplicantKey,
        application_json: String,
    ) -> Result<Option<Result<ApplicationRecord, ()>>, DbError> {
        self.with_conn(move |conn| {
            match replay_of(
                conn,
                &applicant.iin,
                &applicant.idempotency_key,
                &application_json,
            )? {
                None => Ok(None),
                Some(None) => Ok(Some(Err(()))),
                Some(Some(reference)) => Ok(read_record(conn, &reference)?.map(Ok)),
            }
        })
        .await
    }

    /// Records a stored upload: what its receipt said, who may withdraw it, whose quota it
    /// counts against.
    pub async fn insert_upload(
        &self,
        receipt: egov_domain::api::UploadReceipt,
        delete_token_sha256: String,
        client: String,
        now: OffsetDateTime,
    ) -> Result<(), DbError> {
        self.with_conn(move |conn| {
            conn.execute(
                "INSERT INTO uploads (id, file_name, size, media_type, created_at, sha256,
                    delete_token_sha256, client)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    receipt.id,
                    receipt.file_name,
                    receipt.size as i64,
                    receipt.media_type,
                    format_time(now),
                    receipt.sha256,
                    delete_token_sha256,
                    client,
                ],
            )?;
            Ok(())
        })
        .await
    }

    /// What uploads hold: of `client`, not yet attached, and of everyone.
    pub async fn upload_usage(&self, client: String) -> Result<UploadUsage, DbError> {
        self.with_conn(move |conn| {
            let (of_client, oldest): (i64, Option<String>) = conn.query_row(
                "SELECT COALESCE(SUM(size), 0), MIN(created_at) FROM uploads
                 WHERE client = ?1 AND application_id IS NULL",
                [client],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let total: i64 =
                conn.query_row("SELECT COALESCE(SUM(size), 0) FROM uploads", [], |r| {
                    r.get(0)
                })?;
            Ok(UploadUsage {
                client_unattached_bytes: of_client.max(0) as u64,
                client_oldest_unattached: oldest.map(|t| parse_time(&t)).transpose()?,
                total_bytes: total.max(0) as u64,
            })
        })
        .await
    }

    /// Forgets an upload if `delete_token_sha256` is its owner's and no application attaches it.
    pub async fn withdraw_upload(
        &self,
        id: String,
        delete_token_sha256: String,
    ) -> Result<Withdrawal, DbError> {
        self.with_conn(move |conn| {
            let row: Option<(String, bool)> = conn
                .query_row(
                    "SELECT delete_token_sha256, application_id IS NOT NULL
                     FROM uploads WHERE id = ?1",
                    [&id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((owner, attached)) = row else {
                return Ok(Withdrawal::NotFound);
            };
            // Both are SHA-256 digests of random tokens: comparing them leaks nothing useful,
            // but constant time costs nothing either.
            use subtle::ConstantTimeEq;
            if owner.is_empty()
                || !bool::from(owner.as_bytes().ct_eq(delete_token_sha256.as_bytes()))
            {
                return Ok(Withdrawal::Forbidden);
            }
            if attached {
                return Ok(Withdrawal::Attached);
            }
            conn.execute(
                "DELETE FROM uploads WHERE id = ?1 AND application_id IS NULL",
                [id],
            )?;
            Ok(Withdrawal::Deleted)
        })
        .await
    }

    /// Forgets uploads no application attached that were made before `cutoff`; returns their
    /// ids, whose files the caller removes.
    pub async fn sweep_unattached(&self, cutoff: OffsetDateTime) -> Result<Vec<String>, DbError> {
        self.with_conn(move |conn| {
            let mut statement = conn.prepare(
                "DELETE FROM uploads WHERE application_id IS NULL AND created_at < ?1 RETURNING id",
            )?;
            let ids = statement
                .query_map([format_time(cutoff)], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ids)
        })
        .await
    }

    pub async fn insert_challenge(
        &self,
        challenge: egov_domain::api::SessionChallenge,
    ) -> Result<(), DbError> {
        self.with_conn(move |conn| {
            // Expired challenges are swept here, so the table stays as small as the traffic.
            conn.execute(
                "DELETE FROM sign_in_challenges WHERE expires_at < ?1",
                [format_time(OffsetDateTime::now_utc())],
            )?;
            insert_challenge_row(conn, &challenge)
        })
        .await
    }

    /// Stores a challenge as is, even an expired one: lets tests reach the expiry check.
    #[doc(hidden)]
    pub async fn insert_challenge_for_test(
        &self,
        challenge: egov_domain::api::SessionChallenge,
    ) -> Result<(), DbError> {
        self.with_conn(move |conn| insert_challenge_row(conn, &challenge))
            .await
    }

    /// Removes a challenge and returns when it expires; `None` if unknown or already used.
    pub async fn take_challenge(
        &self,
        challenge: String,
    ) -> Result<Option<OffsetDateTime>, DbError> {
        self.with_conn(move |conn| {
            let expires: Option<String> = conn
                .query_row(
                    "DELETE FROM sign_in_challenges WHERE challenge = ?1 RETURNING expires_at",
                    [challenge],
                    |r| r.get(0),
                )
                .optional()?;
            expires.map(|e| parse_time(&e)).transpose()
        })
        .await
    }

    pub async fn insert_session(
        &self,
        token_sha256: String,
        iin: String,
        expires_at: OffsetDateTime,
    ) -> Result<(), DbError> {
        self.with_conn(move |conn| {
            conn.execute(
                "DELETE FROM sessions WHERE expires_at < ?1",
                [format_time(OffsetDateTime::now_utc())],
            )?;
            conn.execute(
                "INSERT INTO sessions (token_sha256, iin, expires_at) VALUES (?1, ?2, ?3)",
                params![token_sha256, iin, format_time(expires_at)],
            )?;
            Ok(())
        })
        .await
    }

    /// The IIN of a session that has not expired at `now`.
    pub async fn session_iin(
        &self,
        token_sha256: String,
        now: OffsetDateTime,
    ) -> Result<Option<String>, DbError> {
        self.with_conn(move |conn| {
            let row: Option<(String, String)> = conn
                .query_row(
                    "SELECT iin, expires_at FROM sessions WHERE token_sha256 = ?1",
                    [token_sha256],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match row {
                Some((iin, expires)) if parse_time(&expires)? > now => Ok(Some(iin)),
                _ => Ok(None),
            }
        })
        .await
    }

    /// One applicant's applications, newest first, without deadlines (the caller counts them
    /// on its calendar).
    pub async fn applications_of(
        &self,
        iin: String,
    ) -> Result<Vec<egov_domain::api::ApplicationSummary>, DbError> {
        self.with_conn(move |conn| {
            let mut statement = conn.prepare(
                "SELECT reference, service, json_extract(application_json, '$.region'),
                        submitted_at, status FROM applications
                 WHERE applicant_iin = ?1 ORDER BY submitted_at DESC, id DESC",
            )?;
            let rows = statement.query_map([iin], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            rows.map(|row| {
                let (reference, service, region, submitted_at, status) = row?;
                Ok(egov_domain::api::ApplicationSummary {
                    reference,
                    service: egov_domain::ServiceId::new(service),
                    region: egov_domain::RegionId::new(region),
                    submitted_at: parse_time(&submitted_at)?,
                    status: parse_status(&status)?,
                    due_at: None,
                    due_calendar: None,
                    due_unknown: None,
                })
            })
            .collect()
        })
        .await
    }

    /// Moves an application one workflow step, recording who did it and when. `None` if there is
    /// no such application.
    pub async fn transition(
        &self,
        reference: String,
        request: egov_domain::api::TransitionRequest,
        now: OffsetDateTime,
    ) -> Result<Option<Result<ApplicationRecord, TransitionError>>, DbError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let row: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, status FROM applications WHERE reference = ?1",
                    [&reference],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((id, status)) = row else {
                return Ok(None);
            };
            let from = parse_status(&status)?;
            let grounds = request
                .refusal_grounds
                .as_deref()
                .map(str::trim)
                .filter(|g| !g.is_empty());
            if let Err(e) = workflow::check(
                from,
                request.to,
                grounds.is_some(),
                request.result.is_some(),
            ) {
                return Ok(Some(Err(e)));
            }
            let result_json = match (request.to, &request.result) {
                (ApplicationStatus::ResultIssued, Some(result)) => {
                    Some(serde_json::to_string(result).map_err(corrupt)?)
                }
                _ => None,
            };
            let grounds = (request.to == ApplicationStatus::Refused)
                .then(|| grounds.map(str::to_owned))
                .flatten();
            tx.execute(
                "UPDATE applications
                 SET status = ?2, result_json = COALESCE(?3, result_json),
                     refusal_grounds = COALESCE(?4, refusal_grounds)
                 WHERE id = ?1",
                params![id, request.to.code(), result_json, grounds],
            )?;
            let actor = request
                .actor
                .clone()
                .unwrap_or_else(|| workflow::default_actor(request.to).to_owned());
            tx.execute(
                "INSERT INTO status_events (application_id, status, at, actor)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, request.to.code(), format_time(now), actor],
            )?;
            tx.commit()?;
            Ok(read_record(conn, &reference)?.map(Ok))
        })
        .await
    }

    /// References and statuses of applications not yet final.
    pub async fn open_applications(&self) -> Result<Vec<(String, ApplicationStatus)>, DbError> {
        self.with_conn(|conn| {
            let mut statement = conn.prepare(
                "SELECT reference, status FROM applications
                 WHERE status NOT IN ('result_issued', 'refused') ORDER BY id",
            )?;
            let rows = statement
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            rows.map(|row| {
                let (reference, status) = row?;
                Ok((reference, parse_status(&status)?))
            })
            .collect()
        })
        .await
    }

    pub async fn application(
        &self,
        reference: String,
    ) -> Result<Option<ApplicationRecord>, DbError> {
        self.with_conn(move |conn| read_record(conn, &reference))
            .await
    }
}

/// The uploads with these ids, as recorded, in their order (`None` for an unknown id).
fn stored_uploads<'a>(
    conn: &Connection,
    ids: impl Iterator<Item = &'a str>,
) -> Result<Vec<Option<StoredUpload>>, DbError> {
    let mut statement = conn
        .prepare_cached("SELECT file_name, size, media_type, sha256 FROM uploads WHERE id = ?1")?;
    ids.map(|id| {
        Ok(statement
            .query_row([id], |r| {
                Ok(StoredUpload {
                    file_name: r.get(0)?,
                    size: r.get::<_, i64>(1)?.max(0) as u64,
                    media_type: r.get(2)?,
                    sha256: r.get(3)?,
                })
            })
            .optional()?)
    })
    .collect()
}

/// Whose idempotency key: keys are one namespace per applicant.
pub struct ApplicantKey {
    pub iin: String,
    pub idempotency_key: String,
}

/// The reference of the application `iin` submitted under `key`: `None` if there is none,
/// `Some(None)` if there is one and it is not `application_json`.
fn replay_of(
    conn: &Connection,
    iin: &str,
    key: &str,
    application_json: &str,
) -> Result<Option<Option<String>>, DbError> {
    let existing: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT reference, application_json FROM applications
             WHERE applicant_iin = ?1 AND applicant_key = ?2",
        )?
        .query_row([iin, key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    // A retry may carry a fresh signature (the person signed again after a lost response), and
    // so a later signing moment; the application itself must be the same one.
    Ok(existing.map(|(reference, json)| {
        let same = json == application_json || same_but_signing_moment(&json, application_json);
        same.then_some(reference)
    }))
}

fn same_but_signing_moment(stored_json: &str, new_json: &str) -> bool {
    let parse = |json: &str| serde_json::from_str::<egov_domain::Application>(json).ok();
    match (parse(stored_json), parse(new_json)) {
        (Some(stored), Some(mut new)) => {
            new.signed_at = stored.signed_at.clone();
            new == stored
        }
        _ => false,
    }
}

fn insert_challenge_row(
    conn: &Connection,
    challenge: &egov_domain::api::SessionChallenge,
) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO sign_in_challenges (challenge, expires_at) VALUES (?1, ?2)",
        params![challenge.challenge, format_time(challenge.expires_at)],
    )?;
    Ok(())
}

fn read_record(conn: &Connection, reference: &str) -> Result<Option<ApplicationRecord>, DbError> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    // Cached statements: a status read is the server's most frequent request, and preparing
    // its two statements on every read showed in crates/server/bench/load.sh.
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT id, status, submitted_at, application_json, signer_json, result_json,
                    refusal_grounds
             FROM applications WHERE reference = ?1",
        )?
        .query_row([reference], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    let Some((
        id,
        status,
        submitted_at,
        application_json,
        signer_json,
        result_json,
        refusal_grounds,
    )) = row
    else {
        return Ok(None);
    };
    let mut statement = conn.prepare_cached(
        "SELECT status, at, actor FROM status_events WHERE application_id = ?1 ORDER BY id",
    )?;
    let history = statement
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .map(|row| {
            let (status, at, actor) = row?;
            Ok(StatusEvent {
                status: parse_status(&status)?,
                at: parse_time(&at)?,
                actor,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let application: egov_domain::Application =
        serde_json::from_str(&application_json).map_err(corrupt)?;
    Ok(Some(ApplicationRecord {
        reference: reference.to_owned(),
        service: application.service.clone(),
        status: parse_status(&status)?,
        submitted_at: parse_time(&submitted_at)?,
        application: application.public_view(),
        signer: serde_json::from_str(&signer_json).map_err(corrupt)?,
        history,
        result: result_json
            .map(|json| serde_json::from_str(&json).map_err(corrupt))
            .transpose()?,
        refusal_grounds,
    }))
}

fn parse_status(code: &str) -> Result<ApplicationStatus, DbError> {
    ApplicationStatus::from_code(code).ok_or_else(|| DbError::Corrupt(format!("status {code}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
