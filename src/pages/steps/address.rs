//! The applicant's address.

use super::{bind, error_of, has_errors};
use crate::components::error_summary::FieldMessage;
use crate::components::fields::TextField;
use crate::components::page::PageHeading;
use crate::draft::Draft;
use crate::flow::{always, Step, StepRules};
use crate::pages::apply::StepShell;
use egov_domain::application::check_address;
use egov_domain::catalogue::ServiceView;
use leptos::prelude::*;

pub const RULES: StepRules = StepRules {
    slug: "address",
    fields: &["applicant.address"],
    applies: always,
    problems,
    answer: Some(|_, draft, _| draft.address.trim().to_owned()),
    view: |service| view! { <AddressStep service /> }.into_any(),
};

fn problems(_: &ServiceView, draft: &Draft) -> Vec<FieldMessage> {
    match check_address(&draft.address) {
        Ok(()) => Vec::new(),
        Err(e) => vec![FieldMessage::new("address", e.code.to_string())],
    }
}

#[component]
pub fn AddressStep(service: ServiceView) -> impl IntoView {
    let errors = RwSignal::new(Vec::new());
    let (address, set_address) = bind(|d| &d.address, |d, v| d.address = v);
    view! {
        <StepShell service step=Step::Address errors>
            <PageHeading key="address-heading" has_errors=has_errors(errors) />
            <TextField id="address" label_key="address-label" hint_key="address-hint" value=address on_input=set_address error=error_of(errors, "address") autocomplete="street-address" />
        </StepShell>
    }
}
