//! Status tracking end to end in headless Chromium against the real server: an application is
//! submitted with the stub signer, the provider moves it through the operator endpoint while
//! the status page is open, each step appears without a reload, then the referral document,
//! which prints on one A4 page and saves as the server's one-page PDF; a refused application shows its grounds and is found again
//! under "My applications" after signing in; the due moments of an application received on
//! the Friday before a holiday weekend, and the overdue markers as the test clock passes them.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_contract::fixtures::{issue, referral_document, refusal, to};
use egov_domain::api::ResultDocument;
use egov_domain::signature::test_ca::TestCertificate;
use egov_domain::ApplicationStatus;
use fantoccini::{Client, Locator};
use support::*;

const IIN: &str = "791028302728";
const OPERATOR: &str = "operator-secret-for-tests";

/// Signs and submits the seeded draft; returns the reference from the confirmation page.
async fn submit(c: &Client, base: &str) -> String {
    open_sign_step(c, base, "", "en", IIN).await;
    sign_and_confirm(c).await
}

/// [`submit`], then its status page from the confirmation's link.
async fn submit_and_follow(c: &Client, base: &str) -> String {
    let reference = submit(c, base).await;
    click(c, "#status-link").await;
    wait_for_attr(c, "#status-current", "data-status", "submitted").await;
    reference
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.unwrap().len()
}

#[test]
fn pdf_page_counting_tells_pages_from_the_page_tree() {
    let two = b"<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page>>";
    assert_eq!(pdf_pages(two), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn steps_appear_live_then_the_referral_prints_on_one_a4_page() {
    let s = Session::setup().operator(OPERATOR).start().await;
    let (c, base) = (&s.c, s.base());

    let reference = submit_and_follow(c, &base).await;
    // The regulation's steps (Karaganda, the provider's office procedure): none done yet, the
    // first one current.
    assert_eq!(count(c, "#status-timeline > li").await, 5);
    wait_for_attr(c, "#step-0", "aria-current", "step").await;
    assert_eq!(count(c, "#status-history > li").await, 1);
    assert!(attr(c, "#status-live", "aria-live").await.as_deref() == Some("polite"));
    // A marker that a reload would wipe out.
    c.execute("window.__statusPageLoad = 'first';", vec![])
        .await
        .unwrap();

    let steps = [
        ApplicationStatus::Registered,
        ApplicationStatus::ExecutorAssigned,
        ApplicationStatus::Checked,
        ApplicationStatus::Signed,
    ];
    for (i, status) in steps.into_iter().enumerate() {
        operator_transition(&base, OPERATOR, &reference, &to(status)).await;
        wait_for_attr(c, "#status-current", "data-status", status.code()).await;
        wait_for(
            c,
            &format!("#status-history > li[data-status='{}']", status.code()),
        )
        .await;
        assert_eq!(count(c, "#status-history > li").await, i + 2);
        // Step i (the act that led to this status) is done and stamped; the next is current.
        wait_for_attr(c, &format!("#step-{i}"), "data-state", "done").await;
        wait_for(c, &format!("#step-{i}-done")).await;
        wait_for_attr(c, &format!("#step-{}", i + 1), "aria-current", "step").await;
    }

    let document = ResultDocument {
        result: None,
        ..referral_document()
    };
    operator_transition(&base, OPERATOR, &reference, &issue(document.clone())).await;
    wait_for_attr(c, "#status-current", "data-status", "result_issued").await;
    wait_for(c, "#result-document").await;
    assert_eq!(text(c, "#result-number").await, document.number);
    assert_eq!(text(c, "#result-provider").await, document.provider);
    // Shown in capitals by the stylesheet.
    assert_eq!(text(c, "#result-kind").await.to_lowercase(), "referral");
    assert_eq!(text(c, "#result-date").await, "23 November 2026");
    let applicant = text(c, "#result-applicant").await;
    assert!(
        applicant.contains("Сейткали Айгерім") && applicant.contains(IIN),
        "{applicant}"
    );
    let signature = text(c, "#result-signature").await;
    assert!(
        signature.contains("ЖАКЕНОВА ГУЛЬНАР") && signature.contains("3A1F09C2"),
        "{signature}"
    );
    assert_eq!(
        count(c, "#status-timeline > li[data-state='done']").await,
        5
    );
    assert_eq!(count(c, "#status-timeline > li[aria-current]").await, 0);
    // "Save as PDF" links to the server's PDF of the document, in the page's language.
    let save = wait_for(c, "#save-result").await;
    assert!(
        save.attr("download").await.unwrap().is_some(),
        "the link downloads"
    );
    let href = c
        .execute(
            "return document.getElementById('save-result').href;",
            vec![],
        )
        .await
        .unwrap();
    let href = href.as_str().unwrap().to_owned();
    assert!(
        href.starts_with(&format!(
            "{base}/api/v1/applications/{reference}/result.pdf"
        )) && href.ends_with("?lang=en"),
        "{href}"
    );
    let (saved, saved_pages) = served_pdf(reqwest::get(&href).await.unwrap(), &href).await;
    assert!(saved.starts_with(b"%PDF-"), "not a PDF");
    assert_eq!(saved_pages.len(), 1, "the saved PDF is one page");
    assert!(
        saved_pages[0].contains(&document.number) && saved_pages[0].contains("Referral"),
        "{}",
        saved_pages[0]
    );
    // Every change came in without a reload.
    let marker = c
        .execute("return window.__statusPageLoad || null;", vec![])
        .await
        .unwrap();
    assert_eq!(marker, serde_json::json!("first"));

    let pdf = print_a4(c).await;
    assert_eq!(pdf_pages(&pdf), 1, "the referral prints on one A4 page");
    // The printout carries the document, not the page around it (Chromium's PDF text is not
    // searchable here, so the screen check stands in): the header is hidden for print.
    let header_hidden_in_print = c
        .execute(
            "const rule = [...document.styleSheets].flatMap(s => [...s.cssRules])\
               .filter(r => r.media && r.media.mediaText === 'print')\
               .flatMap(r => [...r.cssRules]).map(r => r.cssText).join(' ');\
             return rule.includes('.header') && rule.includes('.status-page__screen');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(header_hidden_in_print, serde_json::json!(true));

    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_shows_its_grounds_and_my_applications_finds_it_after_sign_in() {
    let s = Session::setup().operator(OPERATOR).start().await;
    let (c, base) = (&s.c, s.base());

    let reference = submit_and_follow(c, &base).await;
    operator_transition(
        &base,
        OPERATOR,
        &reference,
        &to(ApplicationStatus::Registered),
    )
    .await;
    wait_for_attr(c, "#status-current", "data-status", "registered").await;
    let grounds =
        "Заявитель не состоит на учёте в качестве безработного (подпункт 1) пункта 9 Правил).";
    operator_transition(&base, OPERATOR, &reference, &refusal(grounds)).await;
    wait_for_attr(c, "#status-current", "data-status", "refused").await;
    // The registration done before the refusal stays done; nothing is in progress any more.
    wait_for_attr(c, "#step-0", "data-state", "done").await;
    assert_eq!(
        count(c, "#status-timeline > li[data-state='done']").await,
        1
    );
    assert_eq!(count(c, "#status-timeline > li[aria-current]").await, 0);
    let announced = c
        .execute(
            "return document.getElementById('status-announce').textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(announced, serde_json::json!("Refused"));
    assert_eq!(text(c, "#refusal-grounds").await, grounds);
    // No seed gives an appeal procedure or period, so the page states none (issue 18).
    assert_eq!(count(c, "#refusal-next > li").await, 1);
    assert_eq!(count(c, "#result-document").await, 0);

    // A second application, so the list has an order to check.
    let newer = submit(c, &base).await;
    sign_in_to_my_applications(c, &base, IIN).await;
    let rows = c
        .find_all(Locator::Css("#my-applications > li"))
        .await
        .unwrap();
    let mut order = Vec::new();
    for row in rows {
        order.push(row.attr("data-reference").await.unwrap().unwrap());
    }
    assert_eq!(
        order,
        vec![newer.clone(), reference.clone()],
        "newest first"
    );
    wait_for(
        c,
        &format!("#my-applications > li[data-reference='{reference}'] .application-list__status[data-status='refused']"),
    )
    .await;
    let due = text(
        c,
        &format!("#my-applications > li[data-reference='{newer}'] .application-list__due"),
    )
    .await;
    assert!(due.contains(':'), "a due moment is shown: {due}");

    // Lookup by reference, typed in lower case as a person might.
    wait_for(c, "#lookup-reference")
        .await
        .send_keys(&reference.to_lowercase())
        .await
        .unwrap();
    click(c, "#lookup").await;
    wait_until_path_starts(c, &format!("/applications/{reference}")).await;
    assert_eq!(text(c, "#refusal-grounds").await, grounds);

    s.finish().await;
}

/// Karaganda's office procedure for the referral: register 2 min, assign 5 min, draft 20 min,
/// sign 2 min, issue 1 min, in office time. Received on Friday 24 October 2025 at 17:50, the
/// draft runs 3 minutes on Friday and 17 on the next working day: Saturday 25 October is
/// Republic Day, moved off the weekend to Monday 27 October, so that is Tuesday 28 October.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn due_moments_skip_the_weekend_and_the_holiday_and_overdue_follows_the_clock() {
    let is_working_day = |day| egov_domain::calendar::Calendar::embedded().is_working_day(day);
    use time::macros::{date, datetime};
    // The premise: the weekend and the moved holiday are days off, the Tuesday is not.
    for day in [
        date!(2025 - 10 - 25),
        date!(2025 - 10 - 26),
        date!(2025 - 10 - 27),
    ] {
        assert!(!is_working_day(day).unwrap(), "{day} is a day off");
    }
    assert!(is_working_day(date!(2025 - 10 - 28)).unwrap());

    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());
    // An application received at that moment, stored as the server stores a submission.
    let submitted = datetime!(2025-10-24 17:50 +5);
    let application = karaganda_referral(
        IIN,
        serde_json::json!({
            "lang": "en",
            "idempotency_key": "status-holiday-test-0001",
            "signed_at": "2025-10-24T12:50:00Z"
        }),
    );
    let signed = egov_contract::checks::signed_at(application, TestCertificate::Valid, submitted);
    let signer = signed.signature.certificate.as_ref().unwrap().info.clone();
    let reference = "HLDY-2025-1024";
    let db = egov_server::db::Db::open(&s.data.path().join(egov_server::DATABASE_FILE)).unwrap();
    let canonical = String::from_utf8(signed.application.canonical_bytes()).unwrap();
    let stored = db
        .insert_application(reference.into(), signed, canonical, signer, submitted)
        .await
        .unwrap();
    assert!(matches!(stored, egov_server::db::Stored::Created(_)));

    let open_at = |now: &str| format!("{base}/applications/{reference}?lang=en&now={now}");

    // 17:51 in Almaty: nothing is late yet.
    c.goto(&open_at("2025-10-24T12:51:00Z")).await.unwrap();
    wait_for_attr(c, "#status-current", "data-status", "submitted").await;
    assert_eq!(text(c, "#step-0-due").await, "24 October 2025, 17:52");
    assert_eq!(text(c, "#step-1-due").await, "24 October 2025, 17:57");
    assert_eq!(text(c, "#step-2-due").await, "28 October 2025, 09:17");
    assert_eq!(text(c, "#step-3-due").await, "28 October 2025, 09:19");
    assert_eq!(text(c, "#step-4-due").await, "28 October 2025, 09:20");
    assert_eq!(text(c, "#service-due").await, "28 October 2025, 09:20");
    let due_attr = attr(c, "#step-2-due", "datetime").await;
    assert_eq!(due_attr.as_deref(), Some("2025-10-28T09:17:00+05:00"));
    assert_eq!(
        count(c, "#status-timeline > li[data-overdue='true']").await,
        0
    );
    assert_eq!(count(c, "#service-overdue").await, 0);

    // 17:55: the registration (due 17:52) is late; the service is not.
    c.goto(&open_at("2025-10-24T12:55:00Z")).await.unwrap();
    wait_for_attr(c, "#step-0", "data-overdue", "true").await;
    wait_for(c, "#step-0 .status-step__overdue").await;
    assert_eq!(
        count(c, "#status-timeline > li[data-overdue='true']").await,
        1
    );
    assert_eq!(count(c, "#service-overdue").await, 0);

    // Monday 27 October, a day off: still not overdue as a whole.
    c.goto(&open_at("2025-10-27T10:00:00Z")).await.unwrap();
    wait_for_attr(c, "#step-1", "data-overdue", "true").await;
    assert_eq!(count(c, "#service-overdue").await, 0);
    assert_eq!(
        count(c, "#status-timeline > li[data-overdue='true']").await,
        2
    );

    // Tuesday 28 October, 09:30: every step and the service are late.
    c.goto(&open_at("2025-10-28T04:30:00Z")).await.unwrap();
    wait_for(c, "#service-overdue").await;
    assert_eq!(
        count(c, "#status-timeline > li[data-overdue='true']").await,
        5
    );

    s.finish().await;
}
