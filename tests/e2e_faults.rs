//! Fault injection end to end: between headless Chromium and the real server sits a proxy
//! (`support::faulty_proxy`) that breaks chosen answers — a 500, a 503 with `Retry-After`, a
//! 413, no answer within the app's time limit, malformed JSON, a dropped connection — at each
//! endpoint the app calls: upload, sign-in (challenge and session), submit, status poll. Each
//! time the person sees the localised message for it, what they entered is still there, and
//! trying again (or the app's own next poll) succeeds. A double click on Sign creates one
//! application. The catalogue is compiled into the app: its pages call no endpoint at all.
//!
//! One browser session per endpoint, looping over the faults. The app's time limit is set to
//! 3 s with `?api-timeout-ms=3000` (development builds only) so that a timeout costs 3 s.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_domain::Lang;
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::Client;
use std::time::Duration;
use support::faulty_proxy::{self, Fault};
use support::*;

const IIN: &str = "990106300596";
/// The app's time limit for a call in these tests, on every page the app starts on.
const QUERY: &str = "?api-timeout-ms=3000";
const REFERRAL: &str = "active_employment_referral";

/// The message key a fault should end in. A 413 at an upload is the file's size; elsewhere
/// (a few hundred bytes of JSON) it cannot be the person's doing.
fn expected_key(fault: Fault, upload: bool) -> &'static str {
    match fault {
        Fault::Status500 | Fault::Status503 => "error-server",
        Fault::RateLimited => "rate_limited",
        Fault::Status413 if upload => "upload-too-large",
        Fault::Status413 | Fault::MalformedJson => "error-unexpected",
        Fault::Timeout => "error-timeout",
        Fault::NoNetwork => "error-network",
    }
}

/// Server (without the per-address rate limit), proxy, chromedriver and a browser.
async fn rig() -> Session {
    Session::setup().unlimited().behind_proxy().start().await
}

/// The draft of the referral in localStorage, or nothing.
async fn stored_referral_draft(c: &Client) -> String {
    stored_draft(c, REFERRAL).await.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_pages_call_no_endpoint() {
    let rig = rig().await;
    let c = &rig.c;
    c.goto(&format!("{}/{QUERY}", rig.proxy().url))
        .await
        .unwrap();
    choose_language_and_region(c, "language-2", "region-4").await;
    wait_for(c, "#card-active_employment_referral").await;
    click(c, "#apply-active_employment_referral").await;
    wait_until_path(c, "/apply/active_employment_referral/iin").await;
    assert!(
        rig.proxy().api_requests().is_empty(),
        "{:?}",
        rig.proxy().api_requests()
    );
    rig.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_failures_keep_the_draft_and_choosing_the_file_again_succeeds() {
    let rig = rig().await;
    let (c, proxy) = (&rig.c, rig.proxy());
    let pdf = sample_pdf(rig.data.path());
    // Every step up to the documents answered, no document yet.
    open_documents_step(c, &proxy.url, QUERY, "kk", IIN).await;
    let choose = || async {
        wait_for(c, "#document-0")
            .await
            .send_keys(&pdf.display().to_string())
            .await
            .unwrap();
    };

    for fault in Fault::ALL {
        proxy.inject(faulty_proxy::UPLOAD, fault);
        choose().await;
        let expected = message(Lang::Kk, expected_key(fault, true));
        wait_for_text(c, "#document-0-failed", |t| t == expected).await;
        assert_eq!(proxy.pending(), 0, "{fault:?} was used");
        let kept = stored_referral_draft(c).await;
        assert!(
            kept.contains("Сейткали") && kept.contains(IIN),
            "{fault:?}: {kept}"
        );
        assert!(!kept.contains("справка.pdf"), "{fault:?}: {kept}");

        // The person chooses the file again.
        proxy.network_back().await;
        choose().await;
        wait_for_text(c, "#document-0-file", |t| t.contains("справка.pdf")).await;
        assert!(stored_referral_draft(c).await.contains("справка.pdf"));
        if fault != Fault::NoNetwork {
            click(c, "#document-0-remove").await;
            click(c, "#document-0-remove-yes").await;
            wait_for(c, "label[for='document-0']").await;
        }
    }
    // Everything entered before is on the check page.
    continue_to(c, "/check").await;
    wait_for_text(c, "main", |t| {
        t.contains("Сейткали") && t.contains("справка.pdf")
    })
    .await;
    rig.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_failures_keep_the_iin_and_signing_in_or_loading_the_list_again_succeeds() {
    let rig = rig().await;
    let (c, proxy) = (&rig.c, rig.proxy());
    c.goto(&format!("{}/applications{QUERY}&lang=en", proxy.url))
        .await
        .unwrap();
    for endpoint in [faulty_proxy::SESSION_CHALLENGE, faulty_proxy::SESSION] {
        for fault in Fault::ALL {
            type_into(c, "#sign-in-iin", IIN).await;
            proxy.inject(endpoint, fault);
            click(c, "#sign-in").await;
            let expected = message(Lang::En, expected_key(fault, false));
            wait_for_text(c, "#sign-in-error", |t| t == expected).await;
            assert_eq!(proxy.pending(), 0, "{} {fault:?} was used", endpoint.path);
            assert_eq!(value(c, "#sign-in-iin").await, IIN);

            proxy.network_back().await;
            click(c, "#sign-in").await;
            wait_for_text(c, "#signed-in-as", |t| t.contains(IIN)).await;
            click(c, "#sign-out").await;
            wait_for(c, "#sign-in-iin").await;
        }
    }
    // Signed in, the list of applications fails to load: the message and a button to try again.
    for fault in Fault::ALL {
        type_into(c, "#sign-in-iin", IIN).await;
        proxy.inject(faulty_proxy::MY_APPLICATIONS, fault);
        click(c, "#sign-in").await;
        let expected = message(Lang::En, expected_key(fault, false));
        wait_for_text(c, "#my-applications-error", |t| t == expected).await;
        assert_eq!(proxy.pending(), 0, "list {fault:?} was used");
        wait_for_text(c, "#signed-in-as", |t| t.contains(IIN)).await;

        proxy.network_back().await;
        click(c, "#my-applications-retry").await;
        wait_for(c, "#my-applications-empty").await;
        click(c, "#sign-out").await;
        wait_for(c, "#sign-in-iin").await;
    }
    rig.finish().await;
}

/// Waits until the element has (or has not) the `hidden` attribute.
async fn wait_for_hidden(c: &Client, css: &str, hidden: bool) {
    let became = eventually(WAIT, async || {
        let now = attr(c, css, "hidden").await;
        now.is_some() == hidden
    })
    .await;
    assert!(
        became,
        "{css} never became {}",
        if hidden { "hidden" } else { "visible" }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submit_failures_keep_the_draft_a_retry_and_a_double_click_each_make_one_application() {
    let rig = rig().await;
    let (c, proxy) = (&rig.c, rig.proxy());
    let server = rig.server_url();
    let mut applications = 0;
    for fault in Fault::ALL {
        eprintln!("submit: {fault:?}");
        open_sign_step(c, &proxy.url, QUERY, "ru", IIN).await;
        proxy.inject(faulty_proxy::SUBMIT, fault);
        click(c, "#sign").await;
        let key = expected_key(fault, false);
        let expected = message(Lang::Ru, key);
        wait_for_text(c, "#sign-error", |t| t == expected).await;
        wait_for_attr(c, "#sign-error", "data-code", key).await;
        assert_eq!(proxy.pending(), 0, "{fault:?} was used");
        assert!(stored_referral_draft(c).await.contains(IIN), "{fault:?}");

        proxy.network_back().await;
        let reference = sign_and_confirm(c).await;
        applications += 1;
        let stored = applications_of(&server, IIN).await;
        assert_eq!(stored.len(), applications, "{fault:?}: {stored:?}");
        assert_eq!(stored[0].reference, reference, "{fault:?}");
    }

    // A double click, as a pointer does it, then two clicks in one task, before the page can
    // disable the button: one submission each.
    for pointer in [true, false] {
        open_sign_step(c, &proxy.url, QUERY, "ru", IIN).await;
        let before = proxy.count(faulty_proxy::SUBMIT);
        if pointer {
            let sign = wait_for(c, "#sign").await;
            let press = || PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            };
            let release = || PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            };
            let double_click = MouseActions::new("mouse".into())
                .then(PointerAction::MoveToElement {
                    element: sign,
                    duration: None,
                    x: 0.0,
                    y: 0.0,
                })
                .then(press())
                .then(release())
                .then(press())
                .then(release());
            c.perform_actions(double_click).await.unwrap();
        } else {
            c.execute(
                "const b = document.getElementById('sign'); b.click(); b.click();",
                vec![],
            )
            .await
            .unwrap();
        }
        wait_until_path_starts(c, "/confirmation/").await;
        text(c, "#reference").await;
        // A late second request would show here.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(proxy.count(faulty_proxy::SUBMIT), before + 1);
        applications += 1;
        assert_eq!(applications_of(&server, IIN).await.len(), applications);
    }
    rig.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_poll_failures_keep_the_status_shown_and_the_next_poll_recovers() {
    let rig = rig().await;
    let (c, proxy) = (&rig.c, rig.proxy());
    // An application to follow, submitted through the app.
    open_sign_step(c, &proxy.url, QUERY, "kk", IIN).await;
    let reference = sign_and_confirm(c).await;
    let status_url = format!("{}/applications/{reference}{QUERY}", proxy.url);

    // The first read fails: the message, then the status by itself.
    proxy.inject(faulty_proxy::STATUS, Fault::Status500);
    c.goto(&status_url).await.unwrap();
    let server_error = message(Lang::Kk, "error-server");
    wait_for_text(c, "#status-error", |t| t == server_error).await;
    wait_for_text(c, "#status-reference", |t| t == reference).await;

    let notice = message(Lang::Kk, "status-refresh-failed");
    for fault in Fault::ALL {
        let before = proxy.count(faulty_proxy::STATUS);
        proxy.inject(faulty_proxy::STATUS, fault);
        // The person comes back to the tab: the app reads the status at once.
        c.execute("window.dispatchEvent(new Event('focus'))", vec![])
            .await
            .unwrap();
        wait_for_hidden(c, "#refresh-failed", false).await;
        // Hidden elements have no text for WebDriver: read it from the DOM.
        let shown = c
            .execute(
                "return document.getElementById('refresh-failed').textContent",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(shown.as_str(), Some(notice.as_str()), "{fault:?}");
        assert_eq!(proxy.pending(), 0, "{fault:?} was used");
        // What was shown stays.
        assert_eq!(text(c, "#status-reference").await, reference, "{fault:?}");
        wait_for_attr(c, "#status-current", "data-status", "submitted").await;
        wait_for(c, "#status-timeline").await;
        if fault == Fault::Status503 {
            // Coming back again does not poll before `Retry-After` allows.
            c.execute("window.dispatchEvent(new Event('focus'))", vec![])
                .await
                .unwrap();
        }

        // The next poll, on the app's own schedule, succeeds and the notice goes.
        wait_for_hidden(c, "#refresh-failed", true).await;
        let seen = proxy.seen(faulty_proxy::STATUS);
        let failed = seen[before..]
            .iter()
            .position(|s| s.fault == Some(fault))
            .map(|i| before + i)
            .expect("the fault was served");
        let gap = seen[failed + 1].at - seen[failed].at;
        if fault == Fault::Status503 {
            // Retry-After: 1 is both respected and used (the backoff alone would wait 4 s).
            assert!(
                gap >= Duration::from_secs(1) && gap < Duration::from_millis(3500),
                "503 then the next poll after {gap:?}"
            );
        }
        assert_eq!(text(c, "#status-reference").await, reference, "{fault:?}");
    }
    rig.finish().await;
}
