//! Demo mode: applications advance by themselves, one step per period, so a demonstration shows
//! the whole workflow in seconds. Off unless configured.

use crate::db::Db;
use egov_domain::api::{HeadSignature, ResultDocument, ResultDocumentKind, TransitionRequest};
use egov_domain::{workflow, ApplicationStatus};
use std::time::Duration;
use time::OffsetDateTime;

const ACTOR: &str = "simulation";

fn result_document(reference: &str, now: OffsetDateTime) -> ResultDocument {
    ResultDocument {
        kind: ResultDocumentKind::Referral,
        result: None,
        number: format!("SIM-{reference}"),
        date: now.date().to_string(),
        provider: "Simulated provider (demo mode)".into(),
        head_signature: HeadSignature {
            signer_name: "SIMULATED HEAD".into(),
            certificate_serial: "SIMULATION".into(),
            signed_at: now,
        },
    }
}

/// Advances every open application by one step.
pub async fn step(db: &Db) -> Result<usize, crate::db::DbError> {
    let mut moved = 0;
    for (reference, status) in db.open_applications().await? {
        let Some(to) = workflow::next(status) else {
            continue;
        };
        let now = OffsetDateTime::now_utc();
        let request = TransitionRequest {
            to,
            actor: Some(ACTOR.into()),
            refusal_grounds: None,
            result: (to == ApplicationStatus::ResultIssued)
                .then(|| result_document(&reference, now)),
        };
        // An operator may have moved it meanwhile; that is not an error here.
        if let Some(Ok(_)) = db.transition(reference, request, now).await? {
            moved += 1;
        }
    }
    Ok(moved)
}

pub fn spawn(db: Db, period: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(period);
        ticks.tick().await;
        loop {
            ticks.tick().await;
            if let Err(error) = step(&db).await {
                tracing::error!(%error, "simulation step failed");
            }
        }
    })
}
