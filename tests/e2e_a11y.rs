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

use egov_domain::api::{
    ApplicationRecord, HeadSignature, ResultDocument, ResultDocumentKind, SignedApplication,
    TransitionRequest,
};
use egov_domain::signature::test_ca::{self, TestCertificate};
use egov_domain::{Application, ApplicationStatus, Lang};
use fantoccini::{Client, Locator};
use std::time::{Duration, Instant};
use support::*;

const IIN: &str = "791028302728";
const OPERATOR: &str = "operator-secret-for-a11y";
/// How the app is opened: the query that selects the mode (without `?`); whether it is a kiosk
/// (which adds the on-screen keyboard and the inactivity dialog to the audit); whether drafts
/// survive a reload (which adds the offer to continue a saved draft).
#[derive(Clone, Copy)]
struct Mode {
    name: &'static str,
    query: &'static str,
    kiosk: bool,
    keeps_drafts: bool,
}

/// One test per mode; adding a mode is one line here.
macro_rules! audit_modes {
    ($($name:ident => $query:expr, kiosk: $kiosk:expr, keeps_drafts: $keeps:expr;)+) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let name = stringify!($name);
                audit_mode(Mode { name, query: $query, kiosk: $kiosk, keeps_drafts: $keeps }).await;
            }
        )+
    };
}

audit_modes! {
    web => "", kiosk: false, keeps_drafts: true;
    // A timeout long enough that the dialog does not open during the audit of the pages.
    kiosk => "mode=kiosk&kiosk-timeout-s=3600", kiosk: true, keeps_drafts: false;
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
    let application: Application = serde_json::from_value(serde_json::json!({
        "service": "active_employment_referral",
        "region": "karaganda",
        "applicant": {
            "iin": IIN, "surname": "Сейткали", "given_name": "Айгерім",
            "birth_date": "1979-10-28", "phone": "+77011234567",
            "address": "Қарағанды қ., Бұқар жырау даңғ., 1", "category": "citizen"
        },
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
    }))
    .unwrap();
    let signature = test_ca::sign(
        TestCertificate::Valid,
        IIN,
        &application.canonical_bytes(),
        time::OffsetDateTime::now_utc(),
    );
    let response = reqwest::Client::new()
        .post(format!("{base}/api/v1/applications"))
        .json(&SignedApplication {
            application,
            signature,
        })
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    serde_json::from_str::<ApplicationRecord>(&body)
        .unwrap()
        .reference
}

fn transition(to: ApplicationStatus) -> TransitionRequest {
    TransitionRequest {
        to,
        actor: None,
        refusal_grounds: None,
        result: None,
    }
}

/// Two applications the provider has finished: a referral issued, and a refusal.
async fn finished_applications(base: &str) -> (String, String) {
    let referral = submit_by_api(base).await;
    for status in [
        ApplicationStatus::Registered,
        ApplicationStatus::ExecutorAssigned,
        ApplicationStatus::Checked,
        ApplicationStatus::Signed,
    ] {
        operator_transition(base, OPERATOR, &referral, &transition(status)).await;
    }
    let document = ResultDocument {
        kind: ResultDocumentKind::Referral,
        result: Some("employment_referral".into()),
        number: "ЖН-2026-00417".into(),
        date: "2026-11-23".into(),
        provider: "КГУ «Центр занятости населения» г. Караганды".into(),
        head_signature: HeadSignature {
            signer_name: "ЖАКЕНОВА ГУЛЬНАР".into(),
            certificate_serial: "3A1F09C2".into(),
            signed_at: time::OffsetDateTime::now_utc(),
        },
    };
    operator_transition(
        base,
        OPERATOR,
        &referral,
        &TransitionRequest {
            result: Some(document),
            ..transition(ApplicationStatus::ResultIssued)
        },
    )
    .await;
    let refused = submit_by_api(base).await;
    operator_transition(
        base,
        OPERATOR,
        &refused,
        &transition(ApplicationStatus::Registered),
    )
    .await;
    operator_transition(
        base,
        OPERATOR,
        &refused,
        &TransitionRequest {
            refusal_grounds: Some(
                "Заявитель не состоит на учёте в качестве безработного (подпункт 1) пункта 9 Правил)."
                    .into(),
            ),
            ..transition(ApplicationStatus::Refused)
        },
    )
    .await;
    (referral, refused)
}

async fn wait_until_path_starts(c: &Client, prefix: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !current_path(c).await.starts_with(prefix) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "expected a path starting {prefix}, at {}",
            current_path(c).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
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
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let open = c
                .execute(
                    "const d = document.getElementById('kiosk-idle'); return !!d && d.open;",
                    vec![],
                )
                .await
                .unwrap();
            if open == serde_json::json!(true) {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the dialog never opened"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        a.page("inactivity dialog").await;
    }
}

async fn audit_mode(mode: Mode) {
    let started = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let pdf = sample_pdf(data.path());
    let server = start_server_with(data.path(), Some(OPERATOR)).await;
    let base = server.url();
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

    let driver = start_driver().await;
    let mut pages = Vec::new();
    let mut violations = Vec::new();
    for lang in Lang::ALL {
        let c = browser(&driver).await;
        let mut auditor = Auditor {
            c: &c,
            mode,
            lang,
            pages: Vec::new(),
            violations: Vec::new(),
        };
        audit_language(&mut auditor, &base, &pdf, &finished).await;
        pages.append(&mut auditor.pages);
        violations.append(&mut auditor.violations);
        c.close().await.unwrap();
    }
    server.stop().await.unwrap();
    eprintln!(
        "{}: audited {} pages in {:.0?}:\n  {}",
        mode.name,
        pages.len(),
        started.elapsed(),
        pages.join("\n  ")
    );
    assert!(
        violations.is_empty(),
        "{} axe violations ({}):\n{}",
        violations.len(),
        axe::TAGS.join(", "),
        violations.join("\n")
    );
}
