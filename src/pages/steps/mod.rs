//! One component per step of the journey; `render` picks it.

pub mod choices;
pub mod documents;
pub mod personal;

use crate::flow::Step;
use egov_domain::catalogue::ServiceView;
use leptos::prelude::*;

pub fn render(step: Step, service: ServiceView) -> AnyView {
    match step {
        Step::Eligibility => view! { <choices::EligibilityStep service /> }.into_any(),
        Step::Iin => view! { <personal::IinStep service /> }.into_any(),
        Step::Name => view! { <personal::NameStep service /> }.into_any(),
        Step::BirthDate => view! { <personal::BirthDateStep service /> }.into_any(),
        Step::Contact => view! { <personal::ContactStep service /> }.into_any(),
        Step::Address => view! { <personal::AddressStep service /> }.into_any(),
        Step::Category => view! { <choices::CategoryStep service /> }.into_any(),
        Step::Result => view! { <choices::ResultStep service /> }.into_any(),
        Step::Documents => view! { <documents::DocumentsStep service /> }.into_any(),
        Step::Check => {
            view! { <crate::pages::check_answers::CheckAnswersPage service /> }.into_any()
        }
    }
}
pub use choices::code;
