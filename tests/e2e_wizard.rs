//! The citizen's wizard end to end in headless Chromium against the real server: every step,
//! in Russian and in Kazakh, with the error summary, a change from the check page, a reload
//! that resumes the draft, an upload, signing (a refused certificate first), confirmation,
//! status, and what the server stored, also after a restart.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_domain::api::ApplicationRecord;
use egov_domain::ApplicationStatus;
use fantoccini::{Client, Locator};
use support::*;

/// Name, date of birth, contact, address and category, from the name step on.
async fn fill_personal_details(c: &Client, service: &str) {
    wait_until_path(c, &format!("/apply/{service}/name")).await;
    type_into(c, "#surname", "Сейткали").await;
    type_into(c, "#given-name", "Айгерім").await;
    continue_to(c, "/birth-date").await;
    type_into(c, "#birth-date-day", "28").await;
    type_into(c, "#birth-date-month", "10").await;
    type_into(c, "#birth-date-year", "1979").await;
    continue_to(c, "/contact").await;
    type_into(c, "#phone", "8 701 123 45 67").await;
    continue_to(c, "/address").await;
    type_into(c, "#address", "Қарағанды қ., Бұқар жырау даңғ., 1").await;
    continue_to(c, "/category").await;
    click(c, "label[for='category']").await;
}

async fn upload_first_document(c: &Client, pdf: &std::path::Path) {
    wait_until_path(c, "/documents").await;
    // Continue without the document names it in the error summary.
    click(c, "#continue").await;
    wait_for(c, "#error-summary a[href='#document-0']").await;
    let input = c.find(Locator::Css("#document-0")).await.unwrap();
    input.send_keys(&pdf.display().to_string()).await.unwrap();
    wait_for_text(c, "#document-0-file", |t| t.contains("справка.pdf")).await;
}

async fn sign_with(c: &Client, certificate: &str) {
    click(c, &format!("label[for='stub-{certificate}']")).await;
    click(c, "#sign").await;
}

async fn stored(base: &str, reference: &str) -> ApplicationRecord {
    reqwest::get(format!("{base}/api/v1/applications/{reference}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referral_in_russian_with_corrections_a_reload_and_a_change() {
    let data = tempfile::tempdir().unwrap();
    let pdf = sample_pdf(data.path());
    let server = start_server(data.path()).await;
    let base = server.url();
    let driver = start_driver().await;
    let c = browser(&driver).await;

    c.goto(&base).await.unwrap();
    // First visit: the language question, in Kazakh until a language is chosen.
    wait_for_text(&c, "#page-heading", |t| t.contains("Қай тілде")).await;
    choose_language_and_region(&c, "language-1", "region-4").await;
    wait_for_text(&c, "#page-heading", |t| t == "Услуги").await;

    // The catalogue is searchable.
    type_into(&c, "#search", "направлени").await;
    wait_for(&c, "#card-active_employment_referral").await;
    assert!(c
        .find(Locator::Css("#card-job_seeker_registration"))
        .await
        .is_err());
    click(&c, "#apply-active_employment_referral").await;

    // A wrong check digit: the summary takes focus, the message is next to the field, and
    // what was typed stays.
    wait_until_path(&c, "/apply/active_employment_referral/iin").await;
    assert_eq!(c.title().await.unwrap(), "Какой у вас индивидуальный идентификационный номер (ИИН)? – Заявление на государственную услугу");
    type_into(&c, "#iin", "123456789011").await;
    click(&c, "#continue").await;
    let message = text(&c, "#iin-error").await;
    assert!(message.contains("контрольная цифра"), "{message}");
    wait_for_text(&c, "#error-summary a[href='#iin']", |t| t == message).await;
    assert_eq!(value(&c, "#iin").await, "123456789011");
    assert!(c.title().await.unwrap().starts_with("Ошибка: "));
    let focused = c.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(focused.as_deref(), Some("error-summary"));
    // Switching language keeps the input and translates the message.
    click(&c, "#lang-kk").await;
    wait_for_text(&c, "#iin-error", |t| t.contains("бақылау цифры")).await;
    assert_eq!(value(&c, "#iin").await, "123456789011");
    click(&c, "#lang-ru").await;
    type_into(&c, "#iin", "7910 2830-2728").await;
    continue_to(&c, "/name").await;

    // A reload in the middle resumes the draft.
    type_into(&c, "#surname", "Сейткали").await;
    c.refresh().await.unwrap();
    wait_until_path(&c, "/name").await;
    wait_for(&c, "#surname").await;
    assert_eq!(value(&c, "#surname").await, "Сейткали");
    fill_personal_details(&c, "active_employment_referral").await;

    // Karaganda offers four kinds of referral.
    continue_to(&c, "/result").await;
    let kinds = c
        .find_all(Locator::Css("input[name='result']"))
        .await
        .unwrap();
    assert_eq!(kinds.len(), 4);
    click(&c, "label[for='result']").await;
    continue_to(&c, "/documents").await;
    upload_first_document(&c, &pdf).await;
    continue_to(&c, "/check").await;

    wait_for_text(&c, "#answer-iin", |t| t == "791028302728").await;
    wait_for_text(&c, "#answer-name", |t| t == "Сейткали Айгерім").await;
    wait_for_text(&c, "#answer-birth-date", |t| t == "28 октября 1979 г.").await;
    wait_for_text(&c, "#answer-documents", |t| t == "справка.pdf").await;

    // Change the phone from the check page and come back to it.
    click(&c, "#change-contact").await;
    wait_until_path(&c, "/contact").await;
    type_into(&c, "#phone", "+7 702 000 00 00").await;
    continue_to(&c, "/check").await;
    wait_for_text(&c, "#answer-contact", |t| t == "+77020000000").await;

    click(&c, "#continue").await;
    wait_until_path(&c, "/sign").await;
    sign_with(&c, "expired").await;
    wait_for_text(&c, "#sign-error", |t| {
        t.contains("Срок действия сертификата истёк")
    })
    .await;
    sign_with(&c, "valid").await;
    let reference = text(&c, "#reference").await;
    assert_eq!(reference.len(), 14, "{reference}");
    wait_for(&c, "#due").await;

    let record = stored(&base, &reference).await;
    let applicant = &record.application.applicant;
    assert_eq!(applicant.iin, "791028302728");
    assert_eq!(applicant.surname, "Сейткали");
    assert_eq!(applicant.phone, "+77020000000");
    assert_eq!(applicant.birth_date, "1979-10-28");
    assert_eq!(record.application.region.as_str(), "karaganda");
    assert_eq!(record.application.documents.len(), 1);
    assert_eq!(record.application.lang, egov_domain::Lang::Ru);
    assert_eq!(record.status, ApplicationStatus::Submitted);

    click(&c, "#status-link").await;
    wait_for_text(&c, "#status-reference", |t| t == reference).await;
    wait_for_text(&c, "#status-current", |t| t == "Отправлено").await;

    // The submitted draft is cleared: starting again begins with an empty IIN.
    c.goto(&format!("{base}/apply/active_employment_referral/iin"))
        .await
        .unwrap();
    wait_for(&c, "#iin").await;
    assert_eq!(value(&c, "#iin").await, "");

    c.close().await.unwrap();
    drop(driver);
    server.stop().await.unwrap();
    let server = start_server(data.path()).await;
    assert_eq!(stored(&server.url(), &reference).await, record);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_seeker_registration_in_kazakh() {
    let data = tempfile::tempdir().unwrap();
    let pdf = sample_pdf(data.path());
    let server = start_server(data.path()).await;
    let base = server.url();
    let driver = start_driver().await;
    let c = browser(&driver).await;

    c.goto(&base).await.unwrap();
    choose_language_and_region(&c, "language", "region-1").await;
    wait_for_text(&c, "#page-heading", |t| t == "Қызметтер").await;
    click(&c, "#apply-job_seeker_registration").await;
    wait_until_path(&c, "/apply/job_seeker_registration/iin").await;
    type_into(&c, "#iin", "061211600012").await;
    continue_to(&c, "/name").await;
    fill_personal_details(&c, "job_seeker_registration").await;
    continue_to(&c, "/documents").await;
    upload_first_document(&c, &pdf).await;
    continue_to(&c, "/check").await;
    wait_for_text(&c, "#answer-birth-date", |t| t == "28 қазан 1979 ж.").await;
    click(&c, "#continue").await;
    wait_until_path(&c, "/sign").await;
    sign_with(&c, "valid").await;
    let reference = text(&c, "#reference").await;
    wait_for_text(&c, "#page-heading", |t| t == "Өтініш жіберілді").await;
    let record = stored(&base, &reference).await;
    assert_eq!(
        record.application.service.as_str(),
        "job_seeker_registration"
    );
    assert_eq!(record.application.region.as_str(), "kyzylorda");
    assert_eq!(record.application.lang, egov_domain::Lang::Kk);
    assert_eq!(record.application.applicant.iin, "061211600012");
    c.close().await.unwrap();
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_returning_person_may_continue_or_start_again_and_a_broken_draft_is_dropped_with_a_notice(
) {
    let data = tempfile::tempdir().unwrap();
    let server = start_server(data.path()).await;
    let base = server.url();
    let driver = start_driver().await;
    let c = browser(&driver).await;

    c.goto(&base).await.unwrap();
    choose_language_and_region(&c, "language-2", "region-4").await;
    click(&c, "#apply-active_employment_referral").await;
    wait_until_path(&c, "/iin").await;
    type_into(&c, "#iin", "791028302728").await;
    continue_to(&c, "/name").await;
    type_into(&c, "#surname", "Seitkali").await;

    // Back in the catalogue later: the saved draft is offered.
    c.goto(&format!("{base}/services")).await.unwrap();
    click(&c, "#apply-active_employment_referral").await;
    wait_for_text(&c, "#page-heading", |t| t.contains("not finished")).await;
    click(&c, "#resume-continue").await;
    wait_until_path(&c, "/name").await;
    wait_for(&c, "#surname").await;
    assert_eq!(value(&c, "#surname").await, "Seitkali");

    // Starting again empties it.
    c.goto(&format!("{base}/services")).await.unwrap();
    click(&c, "#apply-active_employment_referral").await;
    click(&c, "#resume-start-again").await;
    wait_until_path(&c, "/iin").await;
    assert_eq!(value(&c, "#iin").await, "");

    // A draft from an unknown future schema is dropped with a notice, not a crash.
    c.execute(
        "localStorage.setItem('egov-wizard.draft.job_seeker_registration', '{\"schema_version\":99,\"draft\":{}}')",
        vec![],
    )
    .await
    .unwrap();
    // A deep link to a later step lands on the first unfinished one.
    c.goto(&format!("{base}/apply/job_seeker_registration/check"))
        .await
        .unwrap();
    wait_until_path(&c, "/apply/job_seeker_registration/iin").await;
    wait_for_text(&c, "#draft-discarded", |t| t.contains("could not restore")).await;
    wait_for(&c, "#iin").await;
    c.close().await.unwrap();
    server.stop().await.unwrap();
}
