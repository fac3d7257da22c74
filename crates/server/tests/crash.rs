//! The real server binary is killed with SIGKILL in the middle of concurrent submissions and
//! restarted on the same data folder: every acknowledged application must still be there, and
//! retrying every submission with its key must create no duplicate.

mod support;

use egov_domain::api::{ApplicationRecord, SignedApplication, IDEMPOTENCY_KEY_HEADER};
use std::collections::HashMap;
use std::path::Path;
use std::process::Child;
use std::sync::{Arc, Mutex};

const SUBMISSIONS: usize = 300;
const KILL_AFTER_ACKS: usize = 60;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(data_dir: &Path) -> Server {
    let args = [
        "--rate-limit-per-minute",
        "0",
        "--upload-rate-per-minute",
        "0",
    ];
    let (child, url, lines) = support::spawn_binary(data_dir, &args, "warn");
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, url }
}

/// The submissions, each with its own documents uploaded to `url` and attached (an upload is
/// attached by one application only).
async fn submissions(client: &reqwest::Client, url: &str) -> Vec<(String, SignedApplication)> {
    let iins = ["791028302728", "990106300596", "840317000029"];
    let mut work = Vec::new();
    for i in 0..SUBMISSIONS {
        let mut app = support::application("active_employment_referral", iins[i % iins.len()]);
        support::attach_documents(client, &format!("{url}/api/v1"), &mut app).await;
        app.idempotency_key = format!("crash-submission-{i:04}");
        work.push((app.idempotency_key.clone(), support::signed(app)));
    }
    work
}

async fn submit(
    client: &reqwest::Client,
    url: &str,
    key: &str,
    body: &SignedApplication,
) -> Result<(u16, ApplicationRecord), String> {
    let response = client
        .post(format!("{url}/api/v1/applications"))
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .json(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(format!("status {status}"));
    }
    let record = response.json().await.map_err(|e| e.to_string())?;
    Ok((status, record))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_server_loses_no_acknowledged_application_and_retries_make_no_duplicates() {
    let data = tempfile::tempdir().unwrap();
    let client = reqwest::Client::new();

    let mut first = spawn(data.path());
    let work = Arc::new(submissions(&client, &first.url).await);
    let acked: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    let mut tasks = Vec::new();
    for worker in 0..16 {
        let (work, client, acked, url) = (
            work.clone(),
            client.clone(),
            acked.clone(),
            first.url.clone(),
        );
        tasks.push(tokio::spawn(async move {
            for (key, body) in work.iter().skip(worker).step_by(16) {
                if let Ok((_, record)) = submit(&client, &url, key, body).await {
                    acked.lock().unwrap().insert(key.clone(), record.reference);
                }
            }
        }));
    }
    while acked.lock().unwrap().len() < KILL_AFTER_ACKS {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    first.child.kill().unwrap(); // SIGKILL: no shutdown, no flush.
    first.child.wait().unwrap();
    for task in tasks {
        task.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() < SUBMISSIONS,
        "the kill came too late to interrupt anything ({} of {SUBMISSIONS} acknowledged)",
        acked.len()
    );

    let second = spawn(data.path());
    let (mut replayed, mut created) = (0, 0);
    for (key, body) in work.iter() {
        let (status, record) = submit(&client, &second.url, key, body)
            .await
            .unwrap_or_else(|e| panic!("retry of {key} failed: {e}"));
        if let Some(reference) = acked.get(key) {
            assert_eq!(
                status, 200,
                "{key} was acknowledged, so it must be a replay"
            );
            assert_eq!(&record.reference, reference, "{key}");
        }
        if status == 200 {
            replayed += 1;
        } else {
            created += 1;
        }
    }
    assert!(replayed >= acked.len());
    assert_eq!(replayed + created, SUBMISSIONS);
    drop(second);

    let db = rusqlite::Connection::open(data.path().join(egov_server::DATABASE_FILE)).unwrap();
    let (rows, keys): (i64, i64) = db
        .query_row(
            "SELECT COUNT(*), COUNT(DISTINCT applicant_key) FROM applications",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(rows, SUBMISSIONS as i64, "one application per submission");
    assert_eq!(keys, SUBMISSIONS as i64, "one row per idempotency key");
    println!(
        "acknowledged before the kill: {}, replayed after restart: {replayed}, created on retry: {created}",
        acked.len()
    );
}
