//! SQLite persistence: one file under the data folder, WAL mode, migrations from `migrations/`.

use egov_domain::api::{ApplicationRecord, SignedApplication, StatusEvent};
use egov_domain::signature::CertificateInfo;
use egov_domain::workflow::{self, TransitionError};
use egov_domain::ApplicationStatus;
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
    ])
}

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

    /// Stores a verified submission, or returns the earlier one for a repeated idempotency key.
    pub async fn insert_application(
        &self,
        reference: String,
        idempotency_key: Option<String>,
        signed: SignedApplication,
        signer: CertificateInfo,
        now: OffsetDateTime,
    ) -> Result<Stored, DbError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let application_json = String::from_utf8(signed.application.canonical_bytes())
                .expect("canonical JSON is UTF-8");
            let signature_json = serde_json::to_string(&signed.signature).map_err(corrupt)?;
            if let Some(key) = &idempotency_key {
                let existing: Option<(String, String, ())> = tx
                    .query_row(
                        "SELECT reference, application_json
                         FROM applications WHERE idempotency_key = ?1",
                        [key],
                        |r| Ok((r.get(0)?, r.get(1)?, ())),
                    )
                    .optional()?;
                if let Some((existing_ref, existing_app, _)) = existing {
                    drop(tx);
                    // A retry may carry a fresh signature (the person signed again after a lost
                    // response); the application itself must be the same one.
                    if existing_app != application_json {
                        return Ok(Stored::KeyConflict);
                    }
                    return read_record(conn, &existing_ref)?
                        .map(Stored::Replayed)
                        .ok_or_else(|| DbError::Corrupt("idempotent row vanished".into()));
                }
            }
            let submitted_at = format_time(now);
            tx.execute(
                "INSERT INTO applications (reference, idempotency_key, service, applicant_iin,
                    status, submitted_at, application_json, signature_json, signer_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    reference,
                    idempotency_key,
                    signed.application.service.as_str(),
                    signed.application.applicant.iin.as_str(),
                    ApplicationStatus::Submitted.code(),
                    submitted_at,
                    application_json,
                    signature_json,
                    serde_json::to_string(&signer).map_err(corrupt)?,
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO status_events (application_id, status, at, actor)
                 VALUES (?1, ?2, ?3, 'applicant')",
                params![id, ApplicationStatus::Submitted.code(), submitted_at],
            )?;
            tx.commit()?;
            read_record(conn, &reference)?
                .map(Stored::Created)
                .ok_or_else(|| DbError::Corrupt("inserted row vanished".into()))
        })
        .await
    }

    pub async fn insert_upload(
        &self,
        receipt: egov_domain::api::UploadReceipt,
        now: OffsetDateTime,
    ) -> Result<(), DbError> {
        self.with_conn(move |conn| {
            conn.execute(
                "INSERT INTO uploads (id, file_name, size, media_type, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    receipt.id,
                    receipt.file_name,
                    receipt.size as i64,
                    receipt.media_type,
                    format_time(now)
                ],
            )?;
            Ok(())
        })
        .await
    }

    pub async fn upload_exists(&self, id: String) -> Result<bool, DbError> {
        self.with_conn(move |conn| {
            Ok(conn
                .query_row("SELECT 1 FROM uploads WHERE id = ?1", [id], |_| Ok(()))
                .optional()?
                .is_some())
        })
        .await
    }

    /// Forgets an upload; false if there was none with this id.
    pub async fn delete_upload(&self, id: String) -> Result<bool, DbError> {
        self.with_conn(move |conn| Ok(conn.execute("DELETE FROM uploads WHERE id = ?1", [id])? > 0))
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
    let row: Option<Row> = conn
        .query_row(
            "SELECT id, status, submitted_at, application_json, signer_json, result_json,
                    refusal_grounds
             FROM applications WHERE reference = ?1",
            [reference],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
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
    let mut statement = conn.prepare(
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
        application,
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
