//! The embeddable widget end to end: the demo host page (`public/widget-demo.html`) embeds two
//! `<egov-wizard>` elements; a person completes an application inside the first one, and the
//! host hears `egov-wizard:submitted` with the reference. Along the way: the two widgets keep
//! apart (language, storage keys, ids), a language attribute changes live, the host's loud CSS
//! does not reach the widgets' buttons, ours does not reach the host, and removing an element
//! unmounts its app.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::json;
use std::time::Duration;
use support::*;

/// One `<egov-wizard>` element, found by its id, and the elements in its shadow root.
struct Widget<'a> {
    c: &'a Client,
    id: &'static str,
}

impl Widget<'_> {
    async fn try_find(&self, css: &str) -> Option<Element> {
        let host = self.c.find(Locator::Id(self.id)).await.ok()?;
        let root = host.shadow_root().await.ok()?;
        root.find(Locator::Css(css)).await.ok()
    }

    async fn find(&self, css: &str) -> Element {
        for _ in 0..150 {
            if let Some(element) = self.try_find(css).await {
                return element;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("#{} has no {css} in its shadow root", self.id);
    }

    async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    async fn type_into(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    async fn wait_for_text(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..150 {
            if let Some(element) = self.try_find(css).await {
                if let Ok(text) = element.text().await {
                    if check(&text) {
                        return text;
                    }
                    last = text;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("#{} {css}: the text is still {last:?}", self.id);
    }

    /// Continue, then wait for an element of the next step.
    async fn continue_to(&self, next: &str) {
        self.click("#continue").await;
        self.find(next).await;
    }

    async fn computed(&self, css: &str, property: &str) -> String {
        let element = self.find(css).await;
        let value = self
            .c
            .execute(
                "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);",
                vec![serde_json::to_value(&element).unwrap(), json!(property)],
            )
            .await
            .unwrap();
        value.as_str().unwrap_or_default().to_owned()
    }
}

async fn host_events(c: &Client, name: &str) -> Vec<String> {
    let found = c
        .execute(
            "return [...document.querySelectorAll('#event-log .event')]
                .filter(e => e.dataset.event === arguments[0])
                .map(e => e.dataset.widget + ' ' + e.textContent);",
            vec![json!(name)],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

async fn wait_for_host_event(c: &Client, name: &str, check: impl Fn(&str) -> bool) -> String {
    for _ in 0..150 {
        if let Some(found) = host_events(c, name).await.into_iter().find(|e| check(e)) {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the host page never heard {name}: {:?}",
        host_events(c, name).await
    );
}

/// axe-core on the whole host page, the widgets' shadow roots included; what it finds, labelled.
async fn audit(c: &Client, page: &str, found: &mut Vec<String>) {
    for violation in support::axe::violations(c).await {
        found.push(format!("embedded / {page}: {violation}"));
    }
}

async fn storage_keys(c: &Client) -> Vec<String> {
    let keys = c
        .execute("return Object.keys(localStorage).sort();", vec![])
        .await
        .unwrap();
    serde_json::from_value(keys).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_completed_inside_the_widget_reaches_the_host_as_an_event() {
    let s = Session::start().await;
    let (c, base) = (&s.c, s.base());
    let pdf = sample_pdf(s.data.path());
    c.goto(&format!("{base}/public/widget-demo.html"))
        .await
        .unwrap();

    let a = Widget { c, id: "widget-a" };
    let b = Widget { c, id: "widget-b" };
    // Widget A starts on its service's first question, in Russian; widget B, given only a
    // language, asks for the region, in Kazakh. Both have a #page-heading: ids are per root.
    a.wait_for_text("#page-heading", |t| t.contains("ИИН"))
        .await;
    b.wait_for_text("#page-heading", |t| {
        t.contains("өңір") || t.contains("Өңір")
    })
    .await;
    // The accessibility audit of the embedded mode, at every page the person passes.
    let mut violations = Vec::new();
    audit(c, "IIN step and region question", &mut violations).await;

    // The host's `button { background: #c00; font-size: 30px }` stays outside the widgets.
    let host_button = c.find(Locator::Id("host-button")).await.unwrap();
    let host_background = c
        .execute(
            "return getComputedStyle(arguments[0]).backgroundColor;",
            vec![serde_json::to_value(&host_button).unwrap()],
        )
        .await
        .unwrap();
    assert_eq!(host_background, json!("rgb(204, 0, 0)"));
    assert_ne!(
        a.computed("#continue", "background-color").await,
        "rgb(204, 0, 0)"
    );
    assert_ne!(a.computed("#continue", "font-size").await, "30px");
    assert_ne!(
        a.computed(".body, .hint, p", "text-transform").await,
        "uppercase"
    );
    // Theming: widget B's header takes the host's --ew-brand.
    assert_eq!(
        b.computed(".header", "background-color").await,
        "rgb(74, 42, 122)"
    );
    // And ours stays inside: the host's document has its one stylesheet, its language and
    // its title.
    let host = c
        .execute(
            "return [document.styleSheets.length, document.documentElement.lang,
                     document.documentElement.className, document.title];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(host, json!([1, "en", "", "egov-wizard: embedding demo"]));

    // The language attribute applies live, and the host hears the change.
    let select = c.find(Locator::Id("lang-a")).await.unwrap();
    select.select_by_value("kk").await.unwrap();
    a.wait_for_text("#page-heading", |t| t.contains("ЖСН"))
        .await;
    wait_for_host_event(c, "egov-wizard:language-changed", |e| {
        e.starts_with("widget-a") && e.contains(r#""lang":"kk""#)
    })
    .await;
    select.select_by_value("ru").await.unwrap();
    a.wait_for_text("#page-heading", |t| t.contains("ИИН"))
        .await;

    // A wrong IIN: the error summary's link focuses the field inside the shadow root, and
    // the host's address does not change.
    a.type_into("#iin", "123456789011").await;
    a.click("#continue").await;
    a.click("#error-summary a[href='#iin']").await;
    let focused = c
        .execute(
            "return document.getElementById('widget-a').shadowRoot.activeElement?.id;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused, json!("iin"));
    audit(c, "IIN step with its error summary", &mut violations).await;
    assert!(c
        .current_url()
        .await
        .unwrap()
        .path()
        .ends_with("/widget-demo.html"));
    assert_eq!(c.current_url().await.unwrap().fragment(), None);

    a.type_into("#iin", "7910 2830-2728").await;
    a.continue_to("#surname").await;
    a.type_into("#surname", "Сейткали").await;
    a.type_into("#given-name", "Айгерім").await;
    a.continue_to("#birth-date-day").await;
    a.type_into("#birth-date-day", "28").await;
    a.type_into("#birth-date-month", "10").await;
    a.type_into("#birth-date-year", "1979").await;
    a.continue_to("#phone").await;
    a.type_into("#phone", "8 701 123 45 67").await;
    a.continue_to("#address").await;
    a.type_into("#address", "Қарағанды қ., Бұқар жырау даңғ., 1")
        .await;
    a.continue_to("label[for='category']").await;
    a.click("label[for='category']").await;
    a.continue_to("label[for='result']").await;
    a.click("label[for='result']").await;
    a.continue_to("#document-0").await;
    a.find("#document-0")
        .await
        .send_keys(&pdf.display().to_string())
        .await
        .unwrap();
    a.wait_for_text("#document-0-file", |t| t.contains("справка.pdf"))
        .await;

    audit(c, "documents step with a file", &mut violations).await;
    // The draft is kept under widget A's own keys, never the page's or widget B's.
    let keys = storage_keys(c).await;
    assert!(
        keys.contains(&"egov-wizard.widget-a.draft.active_employment_referral".to_owned()),
        "{keys:?}"
    );
    assert!(
        keys.iter().all(|k| k.starts_with("egov-wizard.widget-")),
        "{keys:?}"
    );

    a.continue_to("#answer-iin").await;
    a.wait_for_text("#answer-iin", |t| t == "791028302728")
        .await;
    audit(c, "check answers", &mut violations).await;
    a.continue_to("label[for='stub-valid']").await;
    audit(c, "sign", &mut violations).await;
    a.click("label[for='stub-valid']").await;
    a.click("#sign").await;
    let reference = a.wait_for_text("#reference", |t| t.len() == 14).await;
    audit(c, "confirmation", &mut violations).await;

    // The host heard it, from widget A, with the reference.
    let heard = wait_for_host_event(c, "egov-wizard:submitted", |e| e.contains(&reference)).await;
    assert!(heard.starts_with("widget-a"), "{heard}");
    let record = application_record(&base, &reference).await;
    assert_eq!(record.application.applicant.iin, "791028302728");
    assert_eq!(record.application.lang, egov_domain::Lang::Ru);
    // Widget B was never disturbed: still the region question, in Kazakh.
    b.wait_for_text("#page-heading", |t| {
        t.contains("өңір") || t.contains("Өңір")
    })
    .await;

    // Region and service attributes apply live too: widget B opens the job seekers' service.
    c.execute(
        "const b = document.getElementById('widget-b');
         b.setAttribute('region', 'karaganda');
         b.setAttribute('service', 'job_seeker_registration');",
        vec![],
    )
    .await
    .unwrap();
    b.wait_for_text("#page-heading", |t| t.contains("ЖСН"))
        .await;

    audit(c, "another service opened by attributes", &mut violations).await;
    assert!(
        violations.is_empty(),
        "axe-core found {} violation(s):\n{}",
        violations.len(),
        violations.join("\n")
    );

    // Removing the element unmounts its app.
    c.find(Locator::Id("remove-b"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(c.find(Locator::Id("widget-b")).await.is_err());

    s.finish().await;
}
