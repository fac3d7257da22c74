//! Contract: `POST /services/{id}/visit-sheet.pdf`, the visit sheet as one A4 page, drawn from
//! the same checklist the app shows; the name and IIN go into the PDF and nowhere else.

mod support;

use egov_domain::api::problem_code;
use reqwest::StatusCode;
use support::{problem, start, TestServer};

/// pdf-extract joins wrapped lines without a space: compare text without whitespace.
fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

const PATH: &str = "/services/active_employment_referral/visit-sheet.pdf";

async fn post(t: &TestServer, path: &str, form: &str) -> reqwest::Response {
    t.client
        .post(t.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_owned())
        .send()
        .await
        .unwrap()
}

async fn sheet_text(t: &TestServer, form: &str) -> String {
    let response = post(t, PATH, form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let pdf = response.bytes().await.unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
    assert_eq!(pages.len(), 1);
    pages[0].clone()
}

#[tokio::test]
async fn the_checklist_for_who_applies_in_kazakh_and_russian() {
    let t = start().await;
    let kk = sheet_text(
        &t,
        "region=karaganda_aktogay&lang=kk&category=stateless_person&facts=has_qualification",
    )
    .await;
    for expected in [
        "жеке куәлік (паспорт)",
        "кәсіптік біліктілігін куәландыратын құжат",
        "ішкі істер органдарында тіркелгені",
        "Бөкейхан көшесі 7",
    ] {
        assert!(
            squash(&kk).contains(&squash(expected)),
            "{expected} not in {kk}"
        );
    }
    assert!(!squash(&kk).contains("ыхтиярхаты"), "{kk}");
    let ru = sheet_text(
        &t,
        "region=karaganda&lang=ru&name=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2&iin=791028302728",
    )
    .await;
    for expected in ["Заявитель: Иванов, ИИН 791028302728", "№ 279", "28.04.2015"]
    {
        assert!(
            squash(&ru).contains(&squash(expected)),
            "{expected} not in {ru}"
        );
    }
    // Nothing of it is kept: the database holds no application, the uploads folder no file, and
    // the data folder nothing else (the database may have its write-ahead log beside it).
    let db = rusqlite::Connection::open(t.data_dir().join(egov_server::DATABASE_FILE)).unwrap();
    let applications: i64 = db
        .query_row("SELECT COUNT(*) FROM applications", [], |row| row.get(0))
        .unwrap();
    assert_eq!(applications, 0);
    let names = |dir: std::path::PathBuf| -> Vec<String> {
        let entries = std::fs::read_dir(dir).into_iter().flatten();
        entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let uploads = names(t.data_dir().join("uploads"));
    assert!(uploads.is_empty(), "{uploads:?}");
    let others: Vec<String> = names(t.data_dir().to_owned())
        .into_iter()
        .filter(|name| name != "uploads" && !name.starts_with(egov_server::DATABASE_FILE))
        .collect();
    assert!(others.is_empty(), "{others:?}");
}

#[tokio::test]
async fn unknown_service_region_or_category_are_problems() {
    let t = start().await;
    let not_found = |code| (StatusCode::NOT_FOUND, code);
    for (path, form, (status, code)) in [
        (
            "/services/nothing/visit-sheet.pdf",
            "region=karaganda",
            not_found(problem_code::UNKNOWN_SERVICE),
        ),
        (
            PATH,
            "region=atlantis",
            not_found(problem_code::UNKNOWN_REGION),
        ),
        (
            "/services/unemployed_registration/visit-sheet.pdf",
            "region=karaganda_aktogay",
            not_found(problem_code::SERVICE_NOT_IN_REGION),
        ),
        (
            PATH,
            "region=karaganda&category=martian",
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                problem_code::MALFORMED_BODY,
            ),
        ),
    ] {
        problem(post(&t, path, form).await, status, code).await;
    }
}
