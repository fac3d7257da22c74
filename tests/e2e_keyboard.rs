//! A whole application with the keyboard only, in headless Chromium against the real server:
//! language → region → service → eligibility → IIN … documents → check → sign (stub signer) →
//! confirmation, then sign-in to "My applications" and the application's status, with nothing but Tab, Shift+Tab, Space and Enter sent to the focused element
//! (and text typed into the focused field; the document's path is typed into the focused file
//! input, which is what WebDriver can do for a file chooser). No clicks, no focusing by script:
//! scripts only read `document.activeElement`.
//!
//! On every new page the focus is on its `<h1>`; Continue with a mistake puts it on the error
//! summary, whose links put it on the field at fault.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;
use support::*;

/// Tabs before giving up on reaching an element: more than any page of the wizard has.
const MAX_TABS: usize = 60;

/// Presses and releases `keys` (held down in order, released in reverse), as a keyboard does.
async fn press(c: &Client, keys: &[Key]) {
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys {
        actions = actions.then(KeyAction::Down {
            value: (*key).into(),
        });
    }
    for key in keys.iter().rev() {
        actions = actions.then(KeyAction::Up {
            value: (*key).into(),
        });
    }
    c.perform_actions(actions).await.unwrap();
}

async fn tab(c: &Client) {
    press(c, &[Key::Tab]).await;
}

async fn shift_tab(c: &Client) {
    press(c, &[Key::Shift, Key::Tab]).await;
}

async fn enter(c: &Client) {
    press(c, &[Key::Enter]).await;
}

async fn space(c: &Client) {
    press(c, &[Key::Space]).await;
}

/// Whether the focused element matches `css` (read only).
async fn focus_matches(c: &Client, css: &str) -> bool {
    c.execute(
        "const el = document.activeElement; return !!el && el.matches(arguments[0]);",
        vec![css.into()],
    )
    .await
    .unwrap()
    .as_bool()
    .unwrap()
}

/// A description of the focused element, for failure messages.
async fn focused(c: &Client) -> String {
    c.execute(
        "const el = document.activeElement;\
         return el ? `${el.tagName.toLowerCase()}#${el.id} \"${(el.textContent || '').trim().slice(0, 40)}\"` : 'nothing';",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap()
    .to_owned()
}

/// Waits for the focus to arrive on `css` (pages move it after rendering).
async fn assert_focus(c: &Client, css: &str, when: &str) {
    if !eventually(WAIT, async || focus_matches(c, css).await).await {
        let on = focused(c).await;
        panic!("{when}: the focus should be on {css}, it is on {on}");
    }
}

/// Waits for the next page at `suffix` and checks that its heading has the focus.
async fn arrives(c: &Client, suffix: &str) {
    wait_until_path(c, suffix).await;
    assert_focus(c, "h1#page-heading", suffix).await;
}

/// Presses Tab (or Shift+Tab) until the focus is on `css`.
async fn tab_to(c: &Client, css: &str) {
    tab_to_with(c, css, false).await;
}

async fn shift_tab_to(c: &Client, css: &str) {
    tab_to_with(c, css, true).await;
}

async fn tab_to_with(c: &Client, css: &str, backwards: bool) {
    for _ in 0..MAX_TABS {
        if focus_matches(c, css).await {
            return;
        }
        if backwards {
            shift_tab(c).await;
        } else {
            tab(c).await;
        }
    }
    panic!(
        "{css} is not reachable with {}; the focus is on {}",
        if backwards { "Shift+Tab" } else { "Tab" },
        focused(c).await
    );
}

/// Types into the focused element: it must be `css`.
async fn type_text(c: &Client, css: &str, text: &str) {
    assert_focus(c, css, "typing").await;
    c.active_element()
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

/// Continue pressed with a mistake: the summary has the focus; its first link leads to `field`.
async fn error_summary_leads_to(c: &Client, field: &str) {
    assert_focus(c, "#error-summary", "Continue with a mistake").await;
    tab(c).await;
    assert_focus(
        c,
        &format!("#error-summary a[href='#{field}']"),
        "the summary's link",
    )
    .await;
    enter(c).await;
    assert_focus(c, &format!("#{field}"), "following the summary's link").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_application_with_the_keyboard_only() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());
    let pdf = sample_pdf_named(s.data.path(), "certificate.pdf");

    c.goto(&base).await.unwrap();
    arrives(c, "/language").await;
    // Continue without a choice.
    tab_to(c, "#continue").await;
    enter(c).await;
    error_summary_leads_to(c, "language").await;
    // Kazakh, the first option (without arrow keys an unchecked group is entered at its first
    // radio, forwards and backwards alike).
    space(c).await;
    tab_to(c, "#continue").await;
    enter(c).await;

    arrives(c, "/region").await;
    // The header's language switch, back up the page: the rest in English.
    shift_tab_to(c, "#lang-en").await;
    enter(c).await;
    wait_for_text(c, "#continue", |t| t == "Continue").await;
    // The national standard: its referral asks whether the person is registered unemployed.
    tab_to(c, "#region").await;
    space(c).await;
    tab_to(c, "#continue").await;
    enter(c).await;

    arrives(c, "/services").await;
    tab_to(c, "#apply-active_employment_referral").await;
    enter(c).await;

    arrives(c, "/apply/active_employment_referral/eligibility").await;
    tab_to(c, "#continue").await;
    enter(c).await;
    error_summary_leads_to(c, "fact-0").await;
    space(c).await;
    tab_to(c, "#continue").await;
    enter(c).await;

    arrives(c, "/iin").await;
    tab_to(c, "#iin").await;
    type_text(c, "#iin", "7910283027").await;
    // Enter in a field submits its form, as Continue does.
    enter(c).await;
    error_summary_leads_to(c, "iin").await;
    type_text(c, "#iin", "28").await;
    enter(c).await;

    arrives(c, "/name").await;
    tab_to(c, "#surname").await;
    type_text(c, "#surname", "Seitkali").await;
    tab(c).await;
    type_text(c, "#given-name", "Aigerim").await;
    tab_to(c, "#continue").await;
    enter(c).await;

    arrives(c, "/birth-date").await;
    tab_to(c, "#birth-date-day").await;
    type_text(c, "#birth-date-day", "28").await;
    tab(c).await;
    type_text(c, "#birth-date-month", "10").await;
    tab(c).await;
    type_text(c, "#birth-date-year", "1979").await;
    enter(c).await;

    arrives(c, "/contact").await;
    tab_to(c, "#phone").await;
    type_text(c, "#phone", "8 701 123 45 67").await;
    enter(c).await;

    arrives(c, "/address").await;
    tab_to(c, "#address").await;
    type_text(c, "#address", "Astana, Mangilik El avenue 8").await;
    enter(c).await;

    arrives(c, "/category").await;
    tab_to(c, "#category").await;
    space(c).await;
    tab_to(c, "#continue").await;
    enter(c).await;

    arrives(c, "/result").await;
    tab_to(c, "#result").await;
    space(c).await;
    tab_to(c, "#continue").await;
    enter(c).await;

    arrives(c, "/documents").await;
    tab_to(c, "#continue").await;
    enter(c).await;
    error_summary_leads_to(c, "document-0").await;
    // The file chooser: its path typed into the focused file input.
    type_text(c, "#document-0", &pdf.display().to_string()).await;
    wait_for_text(c, "#document-0-file", |t| t.contains("certificate.pdf")).await;
    // The focus stays with the document: on its Remove button.
    assert_focus(c, "#document-0-remove", "after the upload").await;
    // Remove asks first; "No" keeps the file and the focus on Remove.
    enter(c).await;
    assert_focus(c, "#document-0-remove-yes", "asked to confirm the removal").await;
    tab(c).await;
    enter(c).await;
    assert_focus(c, "#document-0-remove", "keeping the document").await;
    // Any further documents this applicant needs: rows with no file yet. (A row that takes several
    // files keeps its chooser after an upload, so "a chooser is left" is not the test.)
    loop {
        let pending = c
            .execute(
                "const i = [...document.querySelectorAll('input[type=file]')]\
                   .find(i => !document.getElementById(i.id + '-file'));\
                 return i ? i.id : null;",
                vec![],
            )
            .await
            .unwrap();
        let Some(id) = pending.as_str().map(str::to_owned) else {
            break;
        };
        tab_to(c, &format!("#{id}")).await;
        type_text(c, &format!("#{id}"), &pdf.display().to_string()).await;
        wait_for(c, &format!("#{id}-file")).await;
    }
    tab_to(c, "#continue").await;
    enter(c).await;

    arrives(c, "/check").await;
    wait_for_text(c, "#answer-documents", |t| t.contains("certificate.pdf")).await;
    tab_to(c, "#continue").await;
    enter(c).await;

    arrives(c, "/sign").await;
    // The stub signer's valid certificate is chosen already.
    tab_to(c, "#sign").await;
    enter(c).await;

    wait_until_path_starts(c, "/confirmation/").await;
    assert_focus(c, "h1#page-heading", "confirmation").await;
    let reference = text(c, "#reference").await;
    assert_eq!(reference.len(), 14, "{reference}");
    wait_for_text(c, "#page-heading", |t| t == "Application sent").await;

    // Later: sign in to "My applications" (the header's link) and open it from the list.
    shift_tab_to(c, "header #my-applications-link").await;
    enter(c).await;
    arrives(c, "/applications").await;
    tab_to(c, "#sign-in-iin").await;
    type_text(c, "#sign-in-iin", "7910283027").await;
    enter(c).await;
    assert_focus(c, "#sign-in-error", "signing in with a wrong IIN").await;
    // Tabbing into a field selects what it holds: typing replaces it.
    tab(c).await;
    type_text(c, "#sign-in-iin", "791028302728").await;
    enter(c).await;
    wait_for(c, "#my-applications").await;
    assert_focus(c, "h1#page-heading", "signed in").await;
    tab_to(
        c,
        &format!("#my-applications > li[data-reference='{reference}'] a"),
    )
    .await;
    enter(c).await;
    arrives(c, &format!("/applications/{reference}")).await;
    wait_for_text(c, "#status-reference", |t| t == reference).await;

    s.finish().await;
}
