//! `/apply/:service/:step`: resolves the service in the chosen region, keeps the person on the
//! first unfinished step, and frames each step with Back, error summary and Continue.

use crate::components::error_summary::{ErrorSummary, FieldMessage, ERROR_SUMMARY_ID};
use crate::flow::{self, Step};
use crate::i18n::use_i18n;
use crate::nav::Redirect;
use crate::nav::{use_navigate, use_params_map, use_query_map};
use crate::pages::paths;
use crate::pages::service::{link_region, resolve_link};
use crate::state::use_wizard;
use egov_domain::catalogue::ServiceView;
use leptos::prelude::*;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let wizard = use_wizard();
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let service_id = params.read().get("service").unwrap_or_default();
        let slug = params.read().get("step").unwrap_or_default();
        // A deep link (`?region=`) works from a fresh profile: the region comes from the link,
        // or is asked and the person comes back to this step.
        let region = link_region(query.read_untracked().get("region"));
        let here = paths::apply(&service_id, &slug);
        let service = match resolve_link(&service_id, region, &here) {
            Ok(service) => service,
            Err(problem) => return problem,
        };
        let region = service.region.clone();
        if !service.online {
            return view! { <Redirect path=paths::service_info(&service_id) /> }.into_any();
        }
        // Coming from the catalogue with a draft saved earlier: offer to continue or start again.
        let from_catalogue = query.read_untracked().get("start").is_some();
        let opened_before = wizard
            .draft
            .with_untracked(|d| d.service.as_ref() == Some(&service.id));
        wizard.open(&service.id, &region);
        let draft = wizard.draft.get_untracked();
        if from_catalogue && !opened_before && draft.has_content() {
            return view! { <ResumeOffer service /> }.into_any();
        }
        match slug.as_str() {
            "sign" => {
                if flow::first_unfinished(&service, &draft) != Step::Check {
                    let first = flow::first_unfinished(&service, &draft);
                    return view! { <Redirect path=paths::step(&service_id, first) /> }.into_any();
                }
                view! { <crate::pages::sign::SignPage /> }.into_any()
            }
            "ineligible" => {
                view! { <crate::pages::ineligible::IneligiblePage service /> }.into_any()
            }
            other => match Step::from_slug(other) {
                Some(step)
                    if flow::applies(step, &service, &draft)
                        && flow::may_open(step, &service, &draft) =>
                {
                    (step.rules().view)(service)
                }
                _ => {
                    let first = flow::first_unfinished(&service, &draft);
                    view! { <Redirect path=paths::step(&service_id, first) /> }.into_any()
                }
            },
        }
    }
}

/// A returning person: continue the saved draft, or start again.
#[component]
fn ResumeOffer(service: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let id = service.id.as_str().to_owned();
    let first = flow::first_unfinished(&service, &wizard.draft.get_untracked());
    let continue_href = paths::step(&id, first);
    let start_again = {
        let service = service.clone();
        move |_| {
            wizard.start_again(&service.id);
            let first = flow::first_unfinished(&service, &wizard.draft.get_untracked());
            navigate.go(&paths::step(service.id.as_str(), first));
        }
    };
    view! {
        <a class="back-link" href=paths::SERVICES>{move || i18n.t("back")}</a>
        <crate::components::page::PageHeading key="resume-heading" />
        <p class="body">{move || i18n.t("resume-body")}</p>
        <a class="button" href=continue_href id="resume-continue">{move || i18n.t("resume-continue")}</a>
        " "
        <button type="button" class="button button--secondary" id="resume-start-again" on:click=start_again>
            {move || i18n.t("resume-start-again")}
        </button>
    }
}

/// Where Continue goes from `step`: back to the check page when the person came from there,
/// else the next step of the journey.
pub fn continue_target(service: &ServiceView, step: Step, returning: bool) -> String {
    let wizard = use_wizard();
    let draft = wizard.draft.get_untracked();
    let id = service.id.as_str();
    if returning && flow::first_unfinished(service, &draft) == Step::Check {
        return paths::check(id);
    }
    match flow::next(step, service, &draft) {
        Some(next) if flow::may_open(next, service, &draft) => paths::step(id, next),
        _ => paths::step(id, flow::first_unfinished(service, &draft)),
    }
}

/// The frame of a question page: Back link, error summary, the form and its Continue button.
/// Continue checks the step's rules on the draft; none broken means the step is done.
#[component]
pub fn StepShell(
    service: ServiceView,
    step: Step,
    errors: RwSignal<Vec<FieldMessage>>,
    /// For answers kept on the page until Continue (not yet in the draft): the step's rules
    /// applied to them.
    #[prop(optional)]
    validate: Option<Callback<(), Vec<FieldMessage>>>,
    /// Runs after a valid Continue and may send the person elsewhere (e.g. an ineligible page).
    #[prop(optional)]
    divert: Option<Callback<(), Option<String>>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let dom_root = crate::dom::use_dom_root();
    let query = use_query_map();
    let returning = query.read_untracked().get("return").as_deref() == Some("check");
    let id = service.id.as_str().to_owned();
    let back_href = if returning {
        paths::check(&id)
    } else {
        flow::previous(step, &service, &wizard.draft.get_untracked())
            .map(|s| paths::step(&id, s))
            .unwrap_or_else(|| paths::SERVICES.to_owned())
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let problems = match validate {
            Some(validate) => validate.run(()),
            None => flow::problems(step, &service, &wizard.draft.get_untracked()),
        };
        if !problems.is_empty() {
            errors.set(problems);
            dom_root.focus_later(ERROR_SUMMARY_ID);
            return;
        }
        errors.set(Vec::new());
        wizard.draft_discarded.set(false);
        let target = divert
            .and_then(|d| d.run(()))
            .unwrap_or_else(|| continue_target(&service, step, returning));
        navigate.go(&target);
    };
    view! {
        <a class="back-link" href=back_href id="back">{move || i18n.t("back")}</a>
        <Show when=move || wizard.draft_discarded.get()>
            <div class="inset" id="draft-discarded" role="status">{move || i18n.t("draft-discarded")}</div>
        </Show>
        <ErrorSummary errors=errors.into() />
        <form novalidate on:submit=on_submit>
            {children()}
            <button type="submit" class="button" id="continue">{move || i18n.t("continue")}</button>
        </form>
    }
}
