//! The citizen's wizard end to end in headless Chromium against the real server: the referral
//! and the job-seeker registration, each in Kazakh and in Russian, every step with the error
//! summary, a language switch that keeps the input, a reload that resumes the draft, an upload
//! whose progress is shown, a change from the check page, a refused certificate, a server 500 on
//! submit followed by a retry that yields exactly one application, confirmation, status, and
//! what the server stored, also after a restart.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use egov_domain::{ApplicationStatus, Catalogue, Lang, ServiceId};
use egov_wizard::i18n::translate;
use fantoccini::Locator;
use support::network::*;
use support::*;

/// One citizen's journey through the wizard.
struct Journey {
    service: &'static str,
    /// A service of the region that searching for this one hides.
    other_service: &'static str,
    lang: Lang,
    /// The first-visit radio options: language and region.
    language_option: &'static str,
    region_option: &'static str,
    region: &'static str,
    iin: &'static str,
    /// The kinds of referral the region offers, for a service that asks for one.
    result_kinds: Option<usize>,
    /// 28 October 1979 as the check page writes it in `lang`.
    birth_date: &'static str,
}

impl Journey {
    fn t(&self, key: &str) -> String {
        translate(self.lang, key, None)
    }

    /// The other language of the two the journey is run in, to switch to and back.
    fn other_lang(&self) -> Lang {
        if self.lang == Lang::Kk {
            Lang::Ru
        } else {
            Lang::Kk
        }
    }

    /// The service's name in the journey's language, as the catalogue search finds it.
    fn service_name(&self) -> String {
        let catalogue = Catalogue::embedded();
        let service = catalogue
            .service(&ServiceId::new(self.service))
            .expect("the service is in the catalogue");
        service.name.get(self.lang).to_owned()
    }

    fn wrong_iin(&self) -> String {
        let (body, check) = self.iin.split_at(11);
        let wrong = (check.parse::<u8>().unwrap() + 1) % 10;
        format!("{body}{wrong}")
    }
}

/// The whole journey, through a proxy that can fail a submission: from the first visit to the
/// status page, then the server's record, which must survive a restart.
async fn complete(journey: Journey) {
    let s = Session::setup().behind_proxy().start().await;
    let (c, proxy, base) = (&s.c, s.proxy(), s.base());
    let pdf = large_pdf(s.data.path(), "справка.pdf", 120_000);
    let service = journey.service;

    c.goto(&base).await.unwrap();
    // First visit: the language question, in Kazakh until a language is chosen.
    wait_for_text(c, "#page-heading", |t| {
        t == translate(Lang::Kk, "language-heading", None)
    })
    .await;
    choose_language_and_region(c, journey.language_option, journey.region_option).await;
    let catalogue_heading = journey.t("catalogue-heading");
    wait_for_text(c, "#page-heading", |t| t == catalogue_heading).await;

    // The catalogue is searchable: the service's name finds it and hides the others.
    let other_card = format!("#card-{}", journey.other_service);
    wait_for(c, &other_card).await;
    type_into(c, "#search", &journey.service_name()).await;
    wait_for(c, &format!("#card-{service}")).await;
    assert!(c.find(Locator::Css(&other_card)).await.is_err());
    click(c, &format!("#apply-{service}")).await;

    // A wrong check digit: the summary takes focus, the message is next to the field, the title
    // says "Error", and what was typed stays.
    wait_until_path(c, &format!("/apply/{service}/iin")).await;
    let wrong_iin = journey.wrong_iin();
    type_into(c, "#iin", &wrong_iin).await;
    click(c, "#continue").await;
    let message = wait_for_text(c, "#iin-error", |t| !t.is_empty()).await;
    assert!(message.contains(&journey.t("iin_check_digit")), "{message}");
    wait_for_text(c, "#error-summary a[href='#iin']", |t| message.contains(t)).await;
    assert_eq!(value(c, "#iin").await, wrong_iin);
    let error_prefix = format!("{}: ", journey.t("error-title-prefix"));
    assert!(c.title().await.unwrap().starts_with(&error_prefix));
    let focused = c.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(focused.as_deref(), Some("error-summary"));
    // Switching language keeps the input and translates the message; then back.
    let other = journey.other_lang();
    click(c, &format!("#lang-{}", other.tag())).await;
    let translated = translate(other, "iin_check_digit", None);
    wait_for_text(c, "#iin-error", |t| t.contains(&translated)).await;
    assert_eq!(value(c, "#iin").await, wrong_iin);
    click(c, &format!("#lang-{}", journey.lang.tag())).await;
    wait_for_text(c, "#iin-error", |t| {
        t.contains(&journey.t("iin_check_digit"))
    })
    .await;
    // Spaces and dashes are ignored.
    let spaced = format!(
        "{} {}-{}",
        &journey.iin[..4],
        &journey.iin[4..8],
        &journey.iin[8..]
    );
    type_into(c, "#iin", &spaced).await;
    continue_to(c, "/name").await;

    // A reload in the middle resumes the draft.
    type_into(c, "#surname", "Сейткали").await;
    c.refresh().await.unwrap();
    wait_until_path(c, "/name").await;
    wait_for(c, "#surname").await;
    assert_eq!(value(c, "#surname").await, "Сейткали");
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

    if let Some(kinds) = journey.result_kinds {
        continue_to(c, "/result").await;
        let offered = c
            .find_all(Locator::Css("input[name='result']"))
            .await
            .unwrap();
        assert_eq!(offered.len(), kinds);
        click(c, "label[for='result']").await;
    }
    continue_to(c, "/documents").await;

    // Continue without the document names it in the error summary.
    click(c, "#continue").await;
    wait_for(c, "#error-summary a[href='#document-0']").await;
    // A slow connection: the progress bar shows the upload moving, then the file is listed.
    throttle_upload(c, 60_000).await;
    let input = c.find(Locator::Css("#document-0")).await.unwrap();
    input.send_keys(&pdf.display().to_string()).await.unwrap();
    watch_progress(c, 0).await;
    unthrottle(c).await;
    wait_for_text(c, "#document-0-file", |t| t.contains("справка.pdf")).await;
    continue_to(c, "/check").await;

    wait_for_text(c, "#answer-iin", |t| t == journey.iin).await;
    wait_for_text(c, "#answer-name", |t| t == "Сейткали Айгерім").await;
    wait_for_text(c, "#answer-birth-date", |t| t == journey.birth_date).await;
    wait_for_text(c, "#answer-documents", |t| t == "справка.pdf").await;

    // Change the phone from the check page and come back to it.
    click(c, "#change-contact").await;
    wait_until_path(c, "/contact").await;
    type_into(c, "#phone", "+7 702 000 00 00").await;
    continue_to(c, "/check").await;
    wait_for_text(c, "#answer-contact", |t| t == "+77020000000").await;

    click(c, "#continue").await;
    wait_until_path(c, "/sign").await;
    // A refused certificate is explained in the person's language.
    click(c, "label[for='stub-expired']").await;
    click(c, "#sign").await;
    let expired = journey.t("certificate_expired");
    wait_for_text(c, "#sign-error", |t| t.contains(&expired)).await;

    // The server stores the application but its answer is lost to a 500: the person is told
    // what to do, keeps everything typed, signs again and gets the application stored once.
    proxy.fail_next_submits(1);
    let submits_before = proxy.submits();
    click(c, "label[for='stub-valid']").await;
    click(c, "#sign").await;
    let server_error = journey.t("error-server");
    wait_for_text(c, "#sign-error", |t| t.contains(&server_error)).await;
    assert_eq!(proxy.submits(), submits_before + 1);
    assert!(stored_draft(c, service)
        .await
        .is_some_and(|d| d.contains("Сейткали")));
    click(c, "#sign").await;
    let reference = text(c, "#reference").await;
    assert_eq!(reference.len(), 14, "{reference}");
    let confirmation = journey.t("confirmation-heading");
    wait_for_text(c, "#page-heading", |t| t == confirmation).await;
    wait_for(c, "#due").await;
    let applications = applications_of(&s.server_url(), journey.iin).await;
    assert_eq!(applications.len(), 1, "{applications:?}");
    assert_eq!(applications[0].reference, reference);

    let record = application_record(&s.server_url(), &reference).await;
    let application = &record.application;
    assert_eq!(application.service.as_str(), service);
    assert_eq!(application.applicant.iin, journey.iin);
    assert_eq!(application.applicant.surname, "Сейткали");
    assert_eq!(application.applicant.phone, "+77020000000");
    assert_eq!(application.applicant.birth_date, "1979-10-28");
    assert_eq!(application.region.as_str(), journey.region);
    assert_eq!(application.documents.len(), 1);
    assert_eq!(application.lang, journey.lang);
    assert_eq!(application.result.is_some(), journey.result_kinds.is_some());
    assert_eq!(record.status, ApplicationStatus::Submitted);

    click(c, "#status-link").await;
    wait_for_text(c, "#status-reference", |t| t == reference).await;
    let submitted = journey.t("status-submitted");
    wait_for_text(c, "#status-current", |t| t == submitted).await;

    // The submitted draft is cleared: starting again begins with an empty IIN.
    assert_eq!(stored_draft(c, service).await, None);
    c.goto(&format!("{base}/apply/{service}/iin"))
        .await
        .unwrap();
    wait_for(c, "#iin").await;
    assert_eq!(value(c, "#iin").await, "");

    let data = s.finish().await;
    let server = start_server(data.path()).await;
    assert_eq!(application_record(&server.url(), &reference).await, record);
    server.stop().await.unwrap();
}

fn referral(lang: Lang, language_option: &'static str, birth_date: &'static str) -> Journey {
    Journey {
        service: "active_employment_referral",
        other_service: "job_seeker_registration",
        lang,
        language_option,
        // Karaganda offers four kinds of referral.
        region_option: "region-4",
        region: "karaganda",
        iin: "791028302728",
        result_kinds: Some(4),
        birth_date,
    }
}

fn job_seeker_registration(
    lang: Lang,
    language_option: &'static str,
    birth_date: &'static str,
) -> Journey {
    Journey {
        service: "job_seeker_registration",
        other_service: "active_employment_referral",
        lang,
        language_option,
        region_option: "region-1",
        region: "kyzylorda",
        iin: "061211600012",
        result_kinds: None,
        birth_date,
    }
}

const KK_BIRTH_DATE: &str = "28 қазан 1979 ж.";
const RU_BIRTH_DATE: &str = "28 октября 1979 г.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referral_in_kazakh() {
    complete(referral(Lang::Kk, "language", KK_BIRTH_DATE)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referral_in_russian() {
    complete(referral(Lang::Ru, "language-1", RU_BIRTH_DATE)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_seeker_registration_in_kazakh() {
    complete(job_seeker_registration(Lang::Kk, "language", KK_BIRTH_DATE)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_seeker_registration_in_russian() {
    complete(job_seeker_registration(
        Lang::Ru,
        "language-1",
        RU_BIRTH_DATE,
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_returning_person_may_continue_or_start_again_and_a_broken_draft_is_dropped_with_a_notice(
) {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());

    c.goto(&base).await.unwrap();
    choose_language_and_region(c, "language-2", "region-4").await;
    click(c, "#apply-active_employment_referral").await;
    wait_until_path(c, "/iin").await;
    type_into(c, "#iin", "791028302728").await;
    continue_to(c, "/name").await;
    type_into(c, "#surname", "Seitkali").await;

    // Back in the catalogue later: the saved draft is offered.
    c.goto(&format!("{base}/services")).await.unwrap();
    click(c, "#apply-active_employment_referral").await;
    wait_for_text(c, "#page-heading", |t| t.contains("not finished")).await;
    click(c, "#resume-continue").await;
    wait_until_path(c, "/name").await;
    wait_for(c, "#surname").await;
    assert_eq!(value(c, "#surname").await, "Seitkali");

    // Starting again empties it.
    c.goto(&format!("{base}/services")).await.unwrap();
    click(c, "#apply-active_employment_referral").await;
    click(c, "#resume-start-again").await;
    wait_until_path(c, "/iin").await;
    assert_eq!(value(c, "#iin").await, "");

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
    wait_until_path(c, "/apply/job_seeker_registration/iin").await;
    wait_for_text(c, "#draft-discarded", |t| t.contains("could not restore")).await;
    wait_for(c, "#iin").await;
    s.finish().await;
}
