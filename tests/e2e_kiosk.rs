//! Kiosk mode end to end in headless Chromium against the real server (README "Kiosk mode"):
//! the inactivity dialog wipes a half-filled application and every browser storage, "Continue"
//! keeps it and "Finish" wipes at once, the on-screen keyboard types into the fields, and every
//! target is at least 44×44.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::{Client, Locator};
use std::time::Duration;
use support::*;

/// Kiosk mode with a short inactivity timeout; the countdown keeps its production 20 s.
const KIOSK: &str = "?mode=kiosk&kiosk-timeout-s=6";
/// The countdown the dialog must show at least (WCAG 2.2.1).
const COUNTDOWN_S: u64 = 20;

/// Language (Russian), region, service, IIN, and the surname on the next step.
async fn fill_half_a_form(c: &Client) {
    choose_language_and_region(c, "language-1", "region-1").await;
    click(c, "#apply-job_seeker_registration").await;
    wait_until_path(c, "/apply/job_seeker_registration/iin").await;
    type_into(c, "#iin", "061211600012").await;
    continue_to(c, "/name").await;
    type_into(c, "#surname", "Сейткали").await;
}

async fn wait_for_dialog(c: &Client) {
    // The timeout, plus slack for a busy machine.
    let opened = eventually(Duration::from_secs(30), async || kiosk_dialog_open(c).await).await;
    assert!(opened, "the inactivity dialog never opened");
}

/// (localStorage.length, sessionStorage.length, document.cookie, number of IndexedDB databases)
async fn storage(c: &Client) -> (u64, u64, String, i64) {
    let sync = c
        .execute(
            "return [localStorage.length, sessionStorage.length, document.cookie];",
            vec![],
        )
        .await
        .unwrap();
    let databases = c
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             indexedDB.databases().then(d => done(d.length), () => done(-1));",
            vec![],
        )
        .await
        .unwrap();
    (
        sync[0].as_u64().unwrap(),
        sync[1].as_u64().unwrap(),
        sync[2].as_str().unwrap().to_owned(),
        databases.as_i64().unwrap(),
    )
}

const NOTHING_STORED: (u64, u64, &str, i64) = (0, 0, "", 0);

fn assert_nothing_stored(found: (u64, u64, String, i64), when: &str) {
    assert_eq!(
        (found.0, found.1, found.2.as_str(), found.3),
        NOTHING_STORED,
        "{when}: (localStorage, sessionStorage, cookie, IndexedDB databases)"
    );
}

/// Every rendered interactive element (a, button, input, select, summary, textarea, label[for])
/// measures at least 44×44 CSS px. Excepted: the documents step's file input, which is visually
/// hidden (1×1) behind its label styled as a button (the label is measured).
async fn assert_targets_at_least_44(c: &Client, page: &str, at_least: u64) {
    let script = r#"
        const small = [];
        let measured = 0;
        for (const el of document.querySelectorAll('a, button, input, select, summary, textarea, label[for]')) {
            if (el.matches('input[type=hidden], .visually-hidden-file')) continue;
            if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
            measured += 1;
            const r = el.getBoundingClientRect();
            if (r.width < 44 || r.height < 44) {
                small.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} "${(el.textContent || '').trim().slice(0, 30)}" ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
            }
        }
        return [measured, small];
    "#;
    let result = c.execute(script, vec![]).await.unwrap();
    let measured = result[0].as_u64().unwrap();
    let small: Vec<String> = result[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert!(
        measured >= at_least,
        "{page}: measured only {measured} elements"
    );
    assert!(small.is_empty(), "{page}: targets under 44×44: {small:#?}");
}

async fn is_kiosk(c: &Client) -> bool {
    c.execute(
        "return document.documentElement.classList.contains('kiosk');",
        vec![],
    )
    .await
    .unwrap()
    .as_bool()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_answer_the_kiosk_forgets_the_person() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());

    c.goto(&format!("{base}/{KIOSK}")).await.unwrap();
    wait_until_path(c, "/language").await;
    assert!(is_kiosk(c).await);
    fill_half_a_form(c).await;
    // Kiosk mode writes nothing, not even the language.
    assert_nothing_stored(storage(c).await, "while filling in");
    // Keys as an ordinary visit (or an older build) would have left them: the wipe clears ours.
    c.execute(
        "localStorage.setItem('egov-wizard.lang', '\"ru\"');\
         sessionStorage.setItem('egov-wizard.draft.job_seeker_registration', '{}');",
        vec![],
    )
    .await
    .unwrap();

    // Nobody touches the screen: the dialog asks, in Russian, with a countdown of 20 s.
    wait_for_dialog(c).await;
    wait_for_text(c, "#kiosk-idle-title", |t| t == "Вы ещё здесь?").await;
    let seconds: u64 = text(c, "#kiosk-countdown").await.parse().unwrap();
    assert!(
        (COUNTDOWN_S - 3..=COUNTDOWN_S).contains(&seconds),
        "countdown shows {seconds}"
    );
    wait_for_text(c, "#kiosk-idle-body", |t| t.contains("секунд")).await;
    let focused = c.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(focused.as_deref(), Some("kiosk-continue"));
    assert_eq!(current_path(c).await, "/apply/job_seeker_registration/name");

    // It expires: back to the language choice, nothing chosen, nothing stored.
    wait_until_path_within(c, "/language", Duration::from_secs(COUNTDOWN_S + 15)).await;
    wait_for_text(c, "#page-heading", |t| t.contains("Қай тілде")).await;
    assert!(!kiosk_dialog_open(c).await);
    assert!(is_kiosk(c).await, "still a kiosk after the wipe");
    let checked = c
        .execute(
            "return document.querySelectorAll('input[name=language]:checked').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(checked.as_u64(), Some(0));
    assert_nothing_stored(storage(c).await, "after the wipe");

    // The same way in again, without reloading the page: the region and the IIN are gone.
    choose_language_and_region(c, "language-1", "region-1").await;
    click(c, "#apply-job_seeker_registration").await;
    wait_until_path(c, "/apply/job_seeker_registration/iin").await;
    wait_for(c, "#iin").await;
    assert_eq!(value(c, "#iin").await, "");

    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn continue_keeps_the_application_and_the_keyboard_types() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());

    c.goto(&format!("{base}/{KIOSK}")).await.unwrap();
    fill_half_a_form(c).await;

    // The on-screen keyboard: a text layout for the surname, Kazakh letters included.
    click(c, "#surname").await;
    wait_for(c, "#kiosk-keyboard").await;
    click(c, "#kiosk-layout-kk").await;
    wait_for_attr(c, "#kiosk-layout-kk", "aria-pressed", "true").await;
    click(c, "#kiosk-keyboard [data-key='ә']").await;
    assert_eq!(value(c, "#surname").await, "Сейткалиә");
    click(c, "#kiosk-key-backspace").await;
    click(c, "#kiosk-keyboard [data-key='ұ']").await;
    assert_eq!(value(c, "#surname").await, "Сейткалиұ");
    let focused = c.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(focused.as_deref(), Some("surname"), "keys keep the focus");
    assert_targets_at_least_44(c, "name step with the keyboard", 40).await;

    // The dialog comes; "Continue" closes it and keeps everything.
    wait_for_dialog(c).await;
    assert_targets_at_least_44(c, "the inactivity dialog", 10).await;
    click(c, "#kiosk-continue").await;
    let closed = eventually(Duration::from_secs(5), async || !kiosk_dialog_open(c).await).await;
    assert!(closed, "Continue closes the dialog");
    assert_eq!(current_path(c).await, "/apply/job_seeker_registration/name");
    assert_eq!(value(c, "#surname").await, "Сейткалиұ");
    // What the keyboard typed reached the draft, not only the input: it survives a round trip.
    click(c, "#back").await;
    wait_until_path(c, "/iin").await;
    assert_eq!(value(c, "#iin").await, "061211600012");
    // The IIN gets the numeric keypad.
    click(c, "#iin").await;
    wait_for(c, "#kiosk-keyboard.kiosk-keyboard--numeric").await;
    assert_targets_at_least_44(c, "IIN step with the keypad", 10).await;
    continue_to(c, "/name").await;
    assert_eq!(value(c, "#surname").await, "Сейткалиұ");

    // "Finish" wipes at once, without waiting for the countdown.
    wait_for_dialog(c).await;
    click(c, "#kiosk-finish").await;
    wait_until_path_within(c, "/language", Duration::from_secs(5)).await;
    wait_for(c, "#page-heading").await;
    assert!(!kiosk_dialog_open(c).await);
    assert_nothing_stored(storage(c).await, "after Finish");

    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_target_is_at_least_44_by_44_in_kiosk_mode() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());

    // A long timeout: no dialog in the way.
    c.goto(&format!("{base}/?mode=kiosk&kiosk-timeout-s=600"))
        .await
        .unwrap();
    wait_until_path(c, "/language").await;
    wait_for(c, "#page-heading").await;
    assert!(is_kiosk(c).await);
    assert_targets_at_least_44(c, "language", 8).await;
    // With the error summary and its link.
    click(c, "#continue").await;
    wait_for(c, "#error-summary a").await;
    assert_targets_at_least_44(c, "language with an error", 9).await;
    click(c, "label[for='language-2']").await;
    continue_to(c, "/region").await;
    // The production build fetches the region page's code after the address changes.
    wait_for(c, "label[for='region-1']").await;
    assert_targets_at_least_44(c, "region", 10).await;
    click(c, "label[for='region-1']").await;
    continue_to(c, "/services").await;
    wait_for(c, "#apply-job_seeker_registration").await;
    assert_targets_at_least_44(c, "services", 8).await;
    click(c, "#apply-job_seeker_registration").await;
    wait_until_path(c, "/iin").await;
    wait_for(c, "#iin").await;
    assert_targets_at_least_44(c, "IIN", 5).await;
    // A wrong IIN: the error summary and the inline message.
    type_into(c, "#iin", "123").await;
    click(c, "#continue").await;
    wait_for(c, "#error-summary a[href='#iin']").await;
    assert_targets_at_least_44(c, "IIN with an error", 6).await;
    c.find(Locator::Css("#iin"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(c, "#kiosk-keyboard").await;
    assert_targets_at_least_44(c, "IIN with the keypad", 15).await;

    s.finish().await;
}

/// Polls until the page is in kiosk mode again after a reload (the app mounts anew), or fails.
async fn wait_for_kiosk(c: &Client, when: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !is_kiosk(c).await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{when}: not a kiosk any more (at {})",
            c.current_url().await.unwrap()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Kiosk mode switched on by the query alone (no meta tag) is the kiosk's configuration, not the
/// person's: it outlives the redirects and links that drop the query, a reload in the middle of
/// an application, and a wipe followed by a reload; and nothing is ever written to storage.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kiosk_mode_from_the_query_survives_redirects_and_reloads() {
    let data = tempfile::tempdir().unwrap();
    let server = start_server(data.path()).await;
    let base = server.url();
    let driver = start_driver().await;
    let c = browser(&driver).await;

    // "/" redirects to the language question; the links lead on without the query.
    c.goto(&format!("{base}/?mode=kiosk&kiosk-timeout-s=5"))
        .await
        .unwrap();
    wait_until_path(&c, "/language").await;
    assert!(is_kiosk(&c).await);
    fill_half_a_form(&c).await;
    assert_nothing_stored(storage(&c).await, "while filling in");

    c.refresh().await.unwrap();
    wait_for_kiosk(&c, "a reload in the middle of an application").await;
    assert_nothing_stored(storage(&c).await, "after the reload");

    // The person walks away; the next one gets a wiped kiosk, also after a reload.
    wait_for_dialog(&c).await;
    click(&c, "#kiosk-finish").await;
    wait_until_path(&c, "/language").await;
    c.refresh().await.unwrap();
    wait_for_kiosk(&c, "a reload after the wipe").await;
    fill_half_a_form(&c).await;
    assert_nothing_stored(storage(&c).await, "the next person, after the reload");

    c.close().await.unwrap();
    server.stop().await.unwrap();
}
