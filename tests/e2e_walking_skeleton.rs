//! The walking skeleton end to end: choose the referral service, enter an IIN (a wrong one
//! first), check answers, sign with the stub signer (an expired certificate first), submit,
//! read the confirmation and the status, and check what the server stored, also after a
//! restart.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_domain::api::ApplicationRecord;
use egov_domain::ApplicationStatus;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_applies_for_a_referral_and_reads_its_status() {
    let data = tempfile::tempdir().unwrap();
    let server = start_server(data.path()).await;
    let base = server.url();
    let driver = start_driver().await;
    let c = browser(&driver).await;

    c.goto(&base).await.unwrap();
    // Kazakh by default.
    wait_for_text(&c, "#page-heading", |t| t.contains("Қандай қызметке")).await;
    assert_eq!(
        c.title().await.unwrap(),
        "Қандай қызметке өтініш бересіз? – Мемлекеттік қызметке өтініш"
    );

    // Continue without choosing shows the error summary, focused, and the title says "Қате".
    click(&c, "#continue").await;
    wait_for_text(&c, "#error-summary", |t| t.contains("Қызметті таңдаңыз")).await;
    assert!(c.title().await.unwrap().starts_with("Қате: "));

    click(&c, "label[for='service-0']").await;
    click(&c, "#continue").await;
    wait_for_text(&c, "#page-heading", |t| t.contains("ЖСН")).await;
    assert_eq!(
        current_path(&c).await,
        "/apply/active_employment_referral/iin"
    );

    // A wrong check digit: message in Kazakh next to the field, and what was typed is kept.
    wait_for(&c, "#iin")
        .await
        .send_keys("123456789011")
        .await
        .unwrap();
    click(&c, "#continue").await;
    let message = text(&c, "#iin-error").await;
    assert!(message.contains("бақылау цифры"), "{message}");
    wait_for_text(&c, "#error-summary a[href='#iin']", |t| t == message).await;
    assert_eq!(value(&c, "#iin").await, "123456789011");
    let focused = c.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(focused.as_deref(), Some("error-summary"));

    // Switching to Russian translates the message and keeps the input.
    click(&c, "#lang-ru").await;
    wait_for_text(&c, "#iin-error", |t| t.contains("контрольная цифра")).await;
    assert_eq!(value(&c, "#iin").await, "123456789011");
    wait_for_text(&c, "#page-heading", |t| t.contains("ИИН")).await;

    // Spaces and dashes are ignored.
    let input = wait_for(&c, "#iin").await;
    input.clear().await.unwrap();
    input.send_keys("7910 2830-2728").await.unwrap();
    click(&c, "#continue").await;
    wait_for_text(&c, "#answer-iin", |t| t == "791028302728").await;
    let service = text(&c, "#answer-service").await;
    assert!(service.starts_with("Выдача направлений"), "{service}");

    click(&c, "#continue").await;
    wait_for(&c, "#sign").await;

    // An expired certificate is refused by the server, explained in Russian.
    click(&c, "label[for='stub-expired']").await;
    click(&c, "#sign").await;
    wait_for_text(&c, "#sign-error", |t| {
        t.contains("Срок действия сертификата истёк")
    })
    .await;
    let code = wait_for(&c, "#sign-error")
        .await
        .attr("data-code")
        .await
        .unwrap();
    assert_eq!(code.as_deref(), Some("certificate_expired"));

    // The valid certificate goes through.
    click(&c, "label[for='stub-valid']").await;
    click(&c, "#sign").await;
    let reference = text(&c, "#reference").await;
    assert_eq!(reference.len(), 14, "{reference}");
    wait_for_text(&c, "#page-heading", |t| t == "Заявление отправлено").await;

    // What the server stored.
    let stored: ApplicationRecord = reqwest::get(format!("{base}/api/v1/applications/{reference}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored.application.applicant.iin, "791028302728");
    assert_eq!(stored.application.lang, egov_domain::Lang::Ru);
    assert_eq!(stored.status, ApplicationStatus::Submitted);
    assert_eq!(stored.signer.subject_iin, "791028302728");

    // The status page reads it back.
    click(&c, "#status-link").await;
    wait_for_text(&c, "#status-reference", |t| t == reference).await;
    let status = wait_for(&c, "#status-current").await;
    assert_eq!(
        status.attr("data-status").await.unwrap().as_deref(),
        Some("submitted")
    );
    assert_eq!(status.text().await.unwrap(), "Отправлено");

    c.close().await.unwrap();
    drop(driver);

    // A restart keeps the application.
    server.stop().await.unwrap();
    let server = start_server(data.path()).await;
    let after_restart: ApplicationRecord =
        reqwest::get(format!("{}/api/v1/applications/{reference}", server.url()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(after_restart, stored);
    server.stop().await.unwrap();
}
