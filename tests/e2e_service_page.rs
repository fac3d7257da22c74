//! The service page end to end in headless Chromium (issue 18): a fresh profile follows a deep
//! link to Aktogay's referral and sees the office's address, phone and hours in Russian and
//! Kazakh; "foreigner" adds the residence permit; the page prints on one A4 page and its form
//! gets the server's visit sheet, whose text (read back with pdf-extract) has the checklist in
//! both languages; Karaganda's unemployed registration names Standard № 279 of 28.04.2015 in its
//! cross-reference, after the region question the link had to ask; and the catalogue card, the
//! online documents step and the service page list the same documents.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::{Client, Locator};
use support::*;

/// pdf-extract joins wrapped lines without a space: compare text without whitespace.
fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

const AKTOGAY_REFERRAL: &str = "/services/active_employment_referral?region=karaganda_aktogay";

/// The `data-document` ids of the elements `css` finds, in order.
async fn document_ids(c: &Client, css: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for element in c.find_all(Locator::Css(css)).await.unwrap() {
        ids.push(
            element
                .attr("data-document")
                .await
                .unwrap()
                .unwrap_or_default(),
        );
    }
    ids
}

/// The visit-sheet form of the page as the browser would post it.
async fn posted_form(c: &Client) -> (String, String) {
    let value = c
        .execute(
            "const form = document.getElementById('visit-pdf-form');\
             return [form.action, new URLSearchParams(new FormData(form)).toString()];",
            vec![],
        )
        .await
        .unwrap();
    let pair = value.as_array().unwrap();
    (
        pair[0].as_str().unwrap().to_owned(),
        pair[1].as_str().unwrap().to_owned(),
    )
}

/// Ticks "foreigner with a residence permit" and waits for the permit in what to bring.
async fn choose_foreigner(c: &Client) {
    click(
        c,
        "label[for='who-category-foreigner_with_residence_permit']",
    )
    .await;
    wait_for(
        c,
        "#bring-list li[data-document='foreigner_residence_permit']",
    )
    .await;
}

async fn visit_sheet_text(action: &str, body: String) -> String {
    let response = reqwest::Client::new()
        .post(action)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    let (_, pages) = served_pdf(response, action).await;
    assert_eq!(pages.len(), 1, "the visit sheet is one page");
    pages[0].clone()
}

#[tokio::test]
async fn aktogay_referral_from_a_deep_link_where_when_what_to_bring_and_the_visit_sheet() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());

    // A fresh profile (nothing stored) lands on the service, not on the language question.
    c.goto(&format!("{base}{AKTOGAY_REFERRAL}&lang=ru"))
        .await
        .unwrap();
    wait_for(c, "#where").await;
    assert_eq!(
        current_path(c).await,
        "/services/active_employment_referral"
    );
    let address = text(c, "#contact-address").await;
    assert!(address.contains("Бөкейхан көшесі 7"), "{address}");
    // The seed gives the address in Kazakh only: on the Russian page it is marked as Kazakh.
    let address_lang = attr(c, "#contact-address q", "lang").await;
    assert_eq!(address_lang.as_deref(), Some("kk"));
    assert!(text(c, "#contact-phone").await.contains("8(71037) 21684"));
    let hours = text(c, "#contact-opening_hours").await;
    assert!(
        hours.contains("09:00–18:00") && hours.contains("13:00–14:00") && hours.contains("п. 8"),
        "{hours}"
    );
    assert!(text(c, "#contact-waiting").await.contains("30"));
    // The regulation as it is: the act, its status and what repealed it.
    let status = text(c, "#source-status").await;
    assert!(
        status.contains("утратил силу") && status.contains("Күшін жойған"),
        "{status}"
    );
    assert!(text(c, "#source-act").await.contains("N 05/03"));
    assert!(text(c, "#grounds").await.contains("тоқтата тұру"));
    // The service's Russian name is not the Kazakh regulation's: marked as our translation.
    assert!(text(c, "#page-heading").await.contains("наш перевод"));

    // Who applies changes what to bring.
    assert!(!document_ids(c, "#bring-list li")
        .await
        .contains(&"foreigner_residence_permit".to_owned()));
    choose_foreigner(c).await;

    // Printed, the page is one A4 sheet.
    type_into(c, "#visit-name", "Сейтқали Әлия").await;
    let pdf = print_a4(c).await;
    assert_eq!(pdf_pages(&pdf), 1, "the visit sheet prints on one A4 page");

    // The server's visit sheet, from the page's own form, in Russian...
    let (action, body) = posted_form(c).await;
    assert!(
        action.ends_with("/api/v1/services/active_employment_referral/visit-sheet.pdf"),
        "{action}"
    );
    let ru = visit_sheet_text(&action, body).await;
    for expected in [
        "Лист визита",
        "Заявитель: Сейтқали Әлия",
        "документ, удостоверяющий личность",
        "вид на жительство иностранца",
        "Бөкейхан көшесі 7",
        "09:00–18:00",
    ] {
        assert!(
            squash(&ru).contains(&squash(expected)),
            "{expected} not in {ru}"
        );
    }

    // ...and in Kazakh.
    c.goto(&format!("{base}{AKTOGAY_REFERRAL}&lang=kk"))
        .await
        .unwrap();
    wait_for(c, "#where").await;
    assert!(text(c, "#contact-address")
        .await
        .contains("Бөкейхан көшесі 7"));
    assert!(text(c, "#contact-phone").await.contains("8(71037) 21684"));
    let hours = text(c, "#contact-opening_hours").await;
    assert!(
        hours.contains("09:00–18:00") && hours.contains("түскі үзіліс"),
        "{hours}"
    );
    choose_foreigner(c).await;
    let (action, body) = posted_form(c).await;
    let kk = visit_sheet_text(&action, body).await;
    for expected in [
        "Барар жердің парағы",
        "жеке куәлік (паспорт)",
        "еңбек қызметін растайтын құжаттар",
        "ыхтиярхаты",
    ] {
        assert!(
            squash(&kk).contains(&squash(expected)),
            "{expected} not in {kk}"
        );
    }
    // Nothing typed, nothing printed about the applicant.
    assert!(!squash(&kk).contains("Өтінішберуші:"), "{kk}");
    s.finish().await;
}

#[tokio::test]
async fn a_link_without_a_region_asks_it_then_names_the_standard_of_the_cross_reference() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());

    c.goto(&format!("{base}/services/unemployed_registration?lang=ru"))
        .await
        .unwrap();
    wait_until_path(c, "/region").await;
    click(c, "label[for='region-4']").await;
    continue_to(c, "/services/unemployed_registration").await;
    wait_for(c, "#bring-list").await;
    let list = text(c, "#bring-list").await;
    assert!(
        list.contains("№ 279") && list.contains("28.04.2015") && list.contains("пункте 9"),
        "{list}"
    );
    assert!(list.contains("Регистрация лиц, ищущих работу, в качестве безработного"));
    // Karaganda's regulation gives no address: the page says so and names the provider.
    assert!(text(c, "#where")
        .await
        .contains("Центр занятости населения"));
    wait_for(c, ".no-address").await;

    // A region or service the catalogue does not know gets a page saying so.
    c.goto(&format!(
        "{base}/services/active_employment_referral?region=atlantis"
    ))
    .await
    .unwrap();
    assert!(
        wait_for_text(c, "#link-problem", |t| t.contains("atlantis"))
            .await
            .contains("atlantis")
    );
    c.goto(&format!("{base}/services/no_such_service?region=karaganda"))
        .await
        .unwrap();
    wait_for_text(c, "#link-problem", |t| t.contains("no_such_service")).await;
    // The application deep link works from the link's region too.
    c.goto(&format!(
        "{base}/apply/active_employment_referral/iin?region=karaganda_aktogay"
    ))
    .await
    .unwrap();
    // Aktogay has no portal channel: the application page sends the person to the service page.
    wait_until_path(c, "/services/active_employment_referral").await;
    wait_for(c, "#contact-address").await;
    s.finish().await;
}

#[tokio::test]
async fn the_card_the_documents_step_and_the_service_page_list_the_same_documents() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());

    open_documents_step(c, &base, "", "ru", "791028302728").await;
    let step = document_ids(c, ".document[data-document]").await;
    c.goto(&format!("{base}/services")).await.unwrap();
    wait_for(c, "#card-active_employment_referral").await;
    let card = document_ids(c, "#card-documents-active_employment_referral li").await;
    c.goto(&format!(
        "{base}/services/active_employment_referral?region=karaganda"
    ))
    .await
    .unwrap();
    wait_for(c, "#bring-list").await;
    let office = document_ids(c, "#bring-list li").await;
    assert!(!step.is_empty());
    assert_eq!(card, step, "card and documents step");
    assert_eq!(office, step, "service page and documents step");
    // The step names the standard its one requirement refers to.
    let heading = text(c, "#bring-list").await;
    assert!(heading.contains("№ 279"), "{heading}");
    s.finish().await;
}
