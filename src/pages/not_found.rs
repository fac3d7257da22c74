use crate::components::page::PageHeading;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <PageHeading key="page-not-found" /> }
}
