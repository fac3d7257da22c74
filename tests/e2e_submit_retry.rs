//! A server failure on submit loses nothing and a retry creates exactly one application: the
//! first submission is stored but its answer is replaced by a 500; the person sees an actionable
//! message, presses Sign again, and gets the application the server already has.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;

const IIN: &str = "990106300596";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_on_submit_then_a_retry_yields_exactly_one_application() {
    let s = Session::setup().behind_proxy().start().await;
    let (c, proxy) = (&s.c, s.proxy());

    open_sign_step(c, &proxy.url, "", "ru", IIN).await;
    proxy.fail_next_submits(1);
    click(c, "label[for='stub-valid']").await;
    click(c, "#sign").await;
    let message = wait_for_text(c, "#sign-error", |t| {
        t.contains("На сервере произошла ошибка")
    })
    .await;
    assert!(message.contains("Введённые данные сохранены"), "{message}");
    assert_eq!(proxy.submits(), 1);
    // Nothing typed is lost: the draft is still there.
    let stored = stored_draft(c, "active_employment_referral").await;
    assert!(stored.is_some_and(|d| d.contains(IIN)));

    click(c, "#sign").await;
    let reference = text(c, "#reference").await;
    assert_eq!(proxy.submits(), 2);

    let applications = applications_of(&s.server_url(), IIN).await;
    assert_eq!(applications.len(), 1, "{applications:?}");
    assert_eq!(applications[0].reference, reference);
    s.finish().await;
}

/// The server refuses an answer the browser could not check (here: an attachment the server no
/// longer holds): the sign page names it in its error summary with a link to the step that
/// changes it, and the link goes there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_answer_links_to_the_step_that_changes_it() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());
    let draft = complete_referral_draft(IIN, &support::unknown_receipt("no-such-upload"));
    open_sign_step_of(c, &base, "", "ru", &draft).await;
    click(c, "label[for='stub-valid']").await;
    click(c, "#sign").await;
    let item = wait_for_text(c, "#sign-field-errors a", |t| !t.is_empty()).await;
    assert_eq!(
        item,
        "Документы: Файл не найден на сервере. Приложите его ещё раз."
    );
    assert!(c.title().await.unwrap().starts_with("Ошибка: "));
    click(c, "#sign-field-errors a").await;
    wait_until_path(c, "/apply/active_employment_referral/documents").await;
    assert!(applications_of(&base, IIN).await.is_empty());
    s.finish().await;
}
