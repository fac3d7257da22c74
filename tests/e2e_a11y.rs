//! Accessibility audit with axe-core (its WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules) of every
//! page of the wizard, in every language and every mode, in headless Chromium against the real
//! server: language and region (each also with its error summary), the catalogue (also with
//! every service's details open, and a search without results), an office-only service,
//! eligibility questions, the ineligible page, every question step empty and with its error
//! summary, the offer to continue a saved application, documents (also refused, uploaded, and
//! asking to confirm a removal), check answers, sign (also cancelled, and with a refused
//! certificate), confirmation, "My applications" (sign-in, its error, the list, the lookup's
//! error), the status of a submitted, a referred (with its result document) and a refused
//! application and of an unknown reference, the not-found page; in kiosk mode also the
//! on-screen keyboard (text and numeric) and the inactivity dialog.
//!
//! axe-core comes from npm (`node_modules/axe-core/axe.min.js`, `npm ci`); it is injected with
//! WebDriver's execute script, which the app's strict CSP (no 'unsafe-inline', no
//! 'unsafe-eval': checked below) does not block. One browser session per language and mode.
//! The test fails listing, per page, language and mode, each violation's id, impact and targets.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_contract::fixtures::{issue, referral_document, refusal, to};
use egov_domain::api::ApplicationRecord;
use egov_domain::signature::test_ca::TestCertificate;
use egov_domain::{ApplicationStatus, Lang};
use fantoccini::{Client, Locator};
use std::time::Instant;
use support::*;

const IIN: &str = "791028302728";
const OPERATOR: &str = "operator-secret-for-a11y";
/// How the app is opened: the query that selects the mode (without `?`); whether it is a kiosk
/// (which adds the on-screen keyboard and the inactivity dialog to the audit); whether drafts
/// survive a reload (which adds the offer to continue a saved draft); how many pages the audit
/// reaches in all languages (at least).
#[derive(Clone, Copy)]
struct Mode {
    name: &'static str,
    query: &'static str,
    kiosk: bool,
    keeps_drafts: bool,
    pages: usize,
}

/// One test per mode; adding a mode is one line here.
macro_rules! audit_modes {
    ($($name:ident => $query:expr, kiosk: $kiosk:expr, keeps_drafts: $keeps:expr, pages: $pages:expr;)+) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let name = stringify!($name);
                audit_mode(Mode {
                    name,
                    query: $query,
                    kiosk: $kiosk,
                    keeps_drafts: $keeps,
                    pages: $pages,
                })
                .await;
            }
        )+
    };
}

audit_modes! {
    // 45 pages in each of the three languages.
    web => "", kiosk: false, keeps_drafts: true, pages: 135;
    // A timeout long enough that the dialog does not open during the audit of the pages.
    // 47 in each: no saved draft to continue, but the keyboards and the inactivity dialog.
    kiosk => "mode=kiosk&kiosk-timeout-s=3600", kiosk: true, keeps_drafts: false, pages: 141;
    // The embedded (widget) mode is audited by tests/e2e_widget.rs, inside the shadow roots of
    // the demo host page, at every page of an application.
}

/// Runs axe on the current page of one session and keeps what it finds.
struct Auditor<'a> {
    c: &'a Client,
    mode: Mode,
    lang: Lang,
    pages: Vec<String>,
    violations: Vec<String>,
}

impl Auditor<'_> {
    async fn page(&mut self, page: &str) {
        let found = axe::violations(self.c).await;
        let at = current_path(self.c).await;
        let label = format!("{} / {} / {page} ({at})", self.mode.name, self.lang.tag());
        for violation in found {
            self.violations.push(format!("{label}: {violation}"));
        }
        self.pages.push(label);
    }
}

/// The Karaganda referral, signed with the test CA and submitted through the API.
async fn submit_by_api(base: &str) -> String {
    // Each submission is a new application, so each signs its own key.
    static SUBMITTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = SUBMITTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let receipt = upload_pdf(base).await;
    let application = karaganda_referral(
        IIN,
        serde_json::json!({
            "result": "employment_referral",
            "documents": [{
                "document": "standard_para9_package", "upload_id": receipt.id,
                "file_name": receipt.file_name, "size": receipt.size,
                "media_type": receipt.media_type, "sha256": receipt.sha256
            }],
            "lang": "ru",
            "idempotency_key": format!("a11y-submit-by-api-{n:04}"),
            "signed_at": time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap()
        }),
    );
    let now = time::OffsetDateTime::now_utc();
    let signed = egov_contract::checks::signed_at(application, TestCertificate::Valid, now);
    let request = reqwest::Client::new()
        .post(format!("{base}/api/v1/applications"))
        .json(&signed);
    accepted::<ApplicationRecord>(request, "submission refused")
        .await
        .reference
}

/// Two applications the provider has finished: a referral issued, and a refusal.
async fn finished_applications(base: &str) -> (String, String) {
    let referral = submit_by_api(base).await;
    walk_to_signed(base, OPERATOR, &referral).await;
    operator_transition(base, OPERATOR, &referral, &issue(referral_document())).await;
    let refused = submit_by_api(base).await;
    let registered = to(ApplicationStatus::Registered);
    operator_transition(base, OPERATOR, &refused, &registered).await;
    let grounds =
        "Заявитель не состоит на учёте в качестве безработного (подпункт 1) пункта 9 Правил).";
    operator_transition(base, OPERATOR, &refused, &refusal(grounds)).await;
    (referral, refused)
}

/// Presses Continue on an empty step, audits the error summary, and fills the step in.
async fn step_with_errors(a: &mut Auditor<'_>, name: &str) {
    wait_for(a.c, "#page-heading").await;
    a.page(name).await;
    click(a.c, "#continue").await;
    wait_for(a.c, "#error-summary a").await;
    a.page(&format!("{name}, error summary")).await;
}

async fn open_keyboard(a: &mut Auditor<'_>, field: &str, name: &str) {
    if a.mode.kiosk {
        click(a.c, field).await;
        wait_for(a.c, "#kiosk-keyboard").await;
        a.page(name).await;
    }
}

/// One language in one mode: the whole journey, and the pages around it.
async fn audit_language(
    a: &mut Auditor<'_>,
    base: &str,
    pdf: &std::path::Path,
    finished: &(String, String),
) {
    let c = a.c;
    let lang = a.lang.tag();
    let query = match a.mode.query {
        "" => format!("?lang={lang}"),
        q => format!("?lang={lang}&{q}"),
    };
    let language_option = match a.lang {
        Lang::Kk => "language",
        Lang::Ru => "language-1",
        Lang::En => "language-2",
    };

    c.goto(&format!("{base}/{query}")).await.unwrap();
    wait_until_path(c, "/language").await;
    step_with_errors(a, "language").await;
    click(c, &format!("label[for='{language_option}']")).await;
    continue_to(c, "/region").await;
    step_with_errors(a, "region").await;
    // Kyzylorda: its referral asks eligibility questions; registration is at an office only.
    click(c, "label[for='region-1']").await;
    continue_to(c, "/services").await;
    wait_for(c, "#apply-active_employment_referral").await;
    a.page("catalogue").await;
    c.execute(
        "document.querySelectorAll('details').forEach(d => d.open = true);",
        vec![],
    )
    .await
    .unwrap();
    a.page("catalogue, every service's details open").await;
    type_into(c, "#search", "zzzz").await;
    wait_for(c, "#no-results").await;
    a.page("catalogue, search without results").await;
    // Emptied as a person would (WebDriver's clear fires no input event).
    wait_for(c, "#search")
        .await
        .send_keys(&"\u{e003}".repeat(4))
        .await
        .unwrap();
    wait_for(c, "#apply-unemployed_registration").await;
    // A service taken only at an office.
    click(c, "#apply-unemployed_registration").await;
    wait_until_path(c, "/services/unemployed_registration").await;
    wait_for(c, "#office-only").await;
    a.page("office-only service").await;
    click(c, ".back-link").await;

    click(c, "#apply-active_employment_referral").await;
    wait_until_path(c, "/eligibility").await;
    step_with_errors(a, "eligibility").await;
    click(c, "label[for='fact-0-1']").await;
    click(c, "label[for='fact-1-1']").await;
    continue_to(c, "/ineligible").await;
    wait_for(c, "#ineligible-reasons").await;
    a.page("ineligible").await;
    click(c, "#change-answers").await;
    wait_until_path(c, "/eligibility").await;
    click(c, "label[for='fact-0']").await;
    continue_to(c, "/iin").await;

    step_with_errors(a, "IIN").await;
    open_keyboard(a, "#iin", "IIN, numeric keypad open").await;
    type_into(c, "#iin", IIN).await;
    continue_to(c, "/name").await;
    if a.mode.keeps_drafts {
        // Back from elsewhere: the saved draft is offered.
        c.goto(&format!("{base}/services{query}")).await.unwrap();
        click(c, "#apply-active_employment_referral").await;
        wait_for(c, "#resume-continue").await;
        a.page("continue a saved application").await;
        click(c, "#resume-continue").await;
        wait_until_path(c, "/name").await;
    }
    step_with_errors(a, "name").await;
    open_keyboard(a, "#surname", "name, keyboard open").await;
    type_into(c, "#surname", "Сейткали").await;
    type_into(c, "#given-name", "Айгерім").await;
    continue_to(c, "/birth-date").await;
    step_with_errors(a, "date of birth").await;
    type_into(c, "#birth-date-day", "28").await;
    type_into(c, "#birth-date-month", "10").await;
    type_into(c, "#birth-date-year", "1979").await;
    continue_to(c, "/contact").await;
    step_with_errors(a, "contact").await;
    type_into(c, "#phone", "8 701 123 45 67").await;
    continue_to(c, "/address").await;
    step_with_errors(a, "address").await;
    type_into(c, "#address", "Астана қ., Мәңгілік Ел даңғ., 8").await;
    continue_to(c, "/category").await;
    step_with_errors(a, "category").await;
    click(c, "label[for='category']").await;
    continue_to(c, "/result").await;
    step_with_errors(a, "kind of result").await;
    click(c, "label[for='result']").await;
    continue_to(c, "/documents").await;
    step_with_errors(a, "documents").await;
    let text_file = pdf.with_file_name("notes.txt");
    std::fs::write(&text_file, "not a document").unwrap();
    wait_for(c, "#document-0")
        .await
        .send_keys(&text_file.display().to_string())
        .await
        .unwrap();
    wait_for(c, "#document-0-failed").await;
    a.page("documents, a file refused").await;
    let inputs = c
        .find_all(Locator::Css("input[type='file']"))
        .await
        .unwrap();
    for input in inputs {
        let id = input.attr("id").await.unwrap().unwrap();
        input.send_keys(&pdf.display().to_string()).await.unwrap();
        wait_for(c, &format!("#{id}-file")).await;
    }
    a.page("documents, uploaded").await;
    click(c, "#document-0-remove").await;
    wait_for(c, "#document-0-remove-yes").await;
    a.page("documents, confirm removal").await;
    click(c, "#document-0-remove-yes + button").await;
    wait_for(c, "#document-0-file").await;
    continue_to(c, "/check").await;
    wait_for(c, "#answer-documents").await;
    a.page("check answers").await;
    click(c, "#continue").await;
    wait_until_path(c, "/sign").await;
    wait_for(c, "#sign").await;
    a.page("sign").await;
    click(c, "label[for='stub-cancel']").await;
    click(c, "#sign").await;
    wait_for(c, "#sign-outcome.inset").await;
    a.page("sign, cancelled").await;
    click(c, "label[for='stub-expired']").await;
    click(c, "#sign").await;
    wait_for(c, "#sign-error").await;
    a.page("sign, certificate refused").await;
    click(c, "label[for='stub-valid']").await;
    click(c, "#sign").await;
    wait_until_path_starts(c, "/confirmation/").await;
    wait_for(c, "#due").await;
    a.page("confirmation").await;

    click(c, "#status-link").await;
    wait_for(c, "#status-current").await;
    a.page("status, submitted").await;

    click(c, "header #my-applications-link").await;
    wait_until_path(c, "/applications").await;
    wait_for(c, "#sign-in-iin").await;
    a.page("my applications, sign in").await;
    click(c, "#sign-in").await;
    wait_for(c, "#sign-in-error").await;
    a.page("my applications, sign in with an error").await;
    type_into(c, "#sign-in-iin", IIN).await;
    click(c, "#sign-in").await;
    wait_for(c, "#my-applications").await;
    a.page("my applications, list").await;
    click(c, "#lookup").await;
    wait_for(c, "#lookup-error").await;
    a.page("my applications, lookup with an error").await;

    let (referral, refused) = finished;
    for (reference, page, marker) in [
        (
            referral.as_str(),
            "status, referral issued with its result document",
            "#result-document",
        ),
        (refused.as_str(), "status, refused", "#refusal"),
        (
            "ZZZZ-0000-0000",
            "status, unknown reference",
            "#status-error",
        ),
    ] {
        click(c, "header #my-applications-link").await;
        wait_until_path(c, "/applications").await;
        type_into(c, "#lookup-reference", reference).await;
        click(c, "#lookup").await;
        wait_until_path(c, &format!("/applications/{reference}")).await;
        wait_for(c, marker).await;
        a.page(page).await;
    }

    c.goto(&format!("{base}/no-such-page{query}"))
        .await
        .unwrap();
    wait_for(c, "#page-heading").await;
    a.page("not found").await;

    if a.mode.kiosk {
        // The inactivity dialog, opened after a second without input.
        c.goto(&format!("{base}/{query}&kiosk-timeout-s=1"))
            .await
            .unwrap();
        let opened = eventually(WAIT, async || kiosk_dialog_open(c).await).await;
        assert!(opened, "the dialog never opened");
        a.page("inactivity dialog").await;
    }
}

async fn audit_mode(mode: Mode) {
    let started = Instant::now();
    let mut s = Session::setup().operator(OPERATOR).start().await;
    let base = s.base();
    let pdf = sample_pdf(s.data.path());
    let finished = finished_applications(&base).await;

    // The app is served with a CSP that admits no inline or eval'd script: axe must still run.
    let csp = reqwest::get(&base)
        .await
        .unwrap()
        .headers()
        .get("content-security-policy")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        csp.contains("script-src 'self'")
            && !csp.contains("'unsafe-eval'")
            && !csp.contains("'unsafe-inline'"),
        "CSP: {csp}"
    );

    let mut pages = Vec::new();
    let mut violations = Vec::new();
    for (i, lang) in Lang::ALL.into_iter().enumerate() {
        if i > 0 {
            s.new_browser().await;
        }
        let mut auditor = Auditor {
            c: &s.c,
            mode,
            lang,
            pages: Vec::new(),
            violations: Vec::new(),
        };
        audit_language(&mut auditor, &base, &pdf, &finished).await;
        pages.append(&mut auditor.pages);
        violations.append(&mut auditor.violations);
    }
    s.finish().await;
    eprintln!(
        "{}: audited {} pages in {:.0?}:\n  {}",
        mode.name,
        pages.len(),
        started.elapsed(),
        pages.join("\n  ")
    );
    // A page that stops being reached (a renamed id, a step skipped) must not pass unaudited.
    assert!(
        pages.len() >= mode.pages,
        "{}: audited {} pages, fewer than the {} the journey reaches",
        mode.name,
        pages.len(),
        mode.pages
    );
    assert!(
        violations.is_empty(),
        "{} axe violations ({}):\n{}",
        violations.len(),
        axe::TAGS.join(", "),
        violations.join("\n")
    );
}
