//! The applicant's phone and (optional) e-mail.

use super::{bind, error_of, has_errors};
use crate::components::error_summary::FieldMessage;
use crate::components::fields::TextField;
use crate::components::page::PageHeading;
use crate::draft::Draft;
use crate::flow::{always, Step, StepRules};
use crate::pages::apply::StepShell;
use egov_domain::application::{is_valid_email, normalise_phone};
use egov_domain::catalogue::ServiceView;
use egov_domain::Lang;
use leptos::prelude::*;

pub const RULES: StepRules = StepRules {
    slug: "contact",
    fields: &["applicant.phone", "applicant.email"],
    applies: always,
    problems,
    // The phone as it will be signed (normalised), then the e-mail where there is one.
    answer: Some(|_, draft, _| {
        let phone = draft
            .application(Lang::Kk)
            .map(|a| a.applicant.phone)
            .unwrap_or_default();
        if draft.email.trim().is_empty() {
            phone
        } else {
            format!("{phone}, {}", draft.email.trim())
        }
    }),
    view: |service| view! { <ContactStep service /> }.into_any(),
};

fn problems(_: &ServiceView, draft: &Draft) -> Vec<FieldMessage> {
    let mut problems = Vec::new();
    if draft.phone.trim().is_empty() {
        problems.push(FieldMessage::new("phone", "phone-empty"));
    } else if normalise_phone(&draft.phone).is_none() {
        problems.push(FieldMessage::new("phone", "phone-invalid"));
    }
    if !draft.email.trim().is_empty() && !is_valid_email(draft.email.trim()) {
        problems.push(FieldMessage::new("email", "email-invalid"));
    }
    problems
}

#[component]
pub fn ContactStep(service: ServiceView) -> impl IntoView {
    let errors = RwSignal::new(Vec::new());
    let (phone, set_phone) = bind(|d| &d.phone, |d, v| d.phone = v);
    let (email, set_email) = bind(|d| &d.email, |d, v| d.email = v);
    view! {
        <StepShell service step=Step::Contact errors>
            <fieldset class="fieldset">
                <legend class="fieldset__legend"><PageHeading key="contact-heading" has_errors=has_errors(errors) /></legend>
                <TextField id="phone" label_key="phone-label" hint_key="phone-hint" value=phone on_input=set_phone error=error_of(errors, "phone") input_type="tel" autocomplete="tel" class="input input--width-20" />
                <TextField id="email" label_key="email-label" optional=true value=email on_input=set_email error=error_of(errors, "email") input_type="email" autocomplete="email" />
            </fieldset>
        </StepShell>
    }
}
