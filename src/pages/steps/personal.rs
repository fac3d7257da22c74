//! The applicant's personal data, one small group per page.

use crate::components::error_summary::{message_for, FieldMessage};
use crate::components::fields::TextField;
use crate::components::page::PageHeading;
use crate::draft::Draft;
use crate::flow::Step;
use crate::pages::apply::StepShell;
use crate::state::use_wizard;
use egov_domain::application::{
    check_address, is_valid_email, normalise_phone, validate_birth_date, validate_name,
};
use egov_domain::catalogue::ServiceView;
use egov_domain::{Iin, IinError};
use leptos::prelude::*;

/// A signal and a setter over one text field of the draft.
fn bind(
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft, String),
) -> (Signal<String>, Callback<String>) {
    let wizard = use_wizard();
    (
        Signal::derive(move || wizard.draft.with(|d| get(d).clone())),
        Callback::new(move |value: String| wizard.draft.update(|d| set(d, value))),
    )
}

fn error_of(errors: RwSignal<Vec<FieldMessage>>, id: &'static str) -> Signal<Option<String>> {
    message_for(errors.into(), id)
}

#[component]
pub fn IinStep(service: ServiceView) -> impl IntoView {
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let (value, on_input) = bind(|d| &d.iin, |d, v| d.iin = v);
    let validate = Callback::new(
        move |_| match Iin::parse(&wizard.draft.get_untracked().iin) {
            Ok(_) => Vec::new(),
            Err(e @ IinError::WrongLength { actual }) => {
                vec![FieldMessage::new("iin", e.code()).with_arg("actual", actual as i64)]
            }
            Err(e) => vec![FieldMessage::new("iin", e.code())],
        },
    );
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    view! {
        <StepShell service step=Step::Iin errors validate>
            <PageHeading key="iin-heading" has_errors />
            <TextField
                id="iin"
                label_key="iin-label"
                hint_key="iin-hint"
                value
                on_input
                error=error_of(errors, "iin")
                inputmode="numeric"
                autocomplete="off"
                class="input input--width-12"
            />
        </StepShell>
    }
}

fn name_problem(id: &'static str, value: &str, optional: bool) -> Option<FieldMessage> {
    if optional && value.trim().is_empty() {
        return None;
    }
    validate_name(value)
        .err()
        .map(|e| FieldMessage::new(id, format!("{}-{}", id, e.code)))
}

#[component]
pub fn NameStep(service: ServiceView) -> impl IntoView {
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let (surname, set_surname) = bind(|d| &d.surname, |d, v| d.surname = v);
    let (given, set_given) = bind(|d| &d.given_name, |d, v| d.given_name = v);
    let (patronymic, set_patronymic) = bind(|d| &d.patronymic, |d, v| d.patronymic = v);
    let validate = Callback::new(move |_| {
        let d = wizard.draft.get_untracked();
        [
            name_problem("surname", &d.surname, false),
            name_problem("given-name", &d.given_name, false),
            name_problem("patronymic", &d.patronymic, true),
        ]
        .into_iter()
        .flatten()
        .collect()
    });
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    view! {
        <StepShell service step=Step::Name errors validate>
            <fieldset class="fieldset">
                <legend class="fieldset__legend"><PageHeading key="name-heading" has_errors /></legend>
                <TextField id="surname" label_key="surname-label" value=surname on_input=set_surname error=error_of(errors, "surname") autocomplete="family-name" />
                <TextField id="given-name" label_key="given-name-label" value=given on_input=set_given error=error_of(errors, "given-name") autocomplete="given-name" />
                <TextField id="patronymic" label_key="patronymic-label" optional=true value=patronymic on_input=set_patronymic error=error_of(errors, "patronymic") autocomplete="additional-name" />
            </fieldset>
        </StepShell>
    }
}

#[component]
pub fn BirthDateStep(service: ServiceView) -> impl IntoView {
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let (day, set_day) = bind(|d| &d.birth_day, |d, v| d.birth_day = v);
    let (month, set_month) = bind(|d| &d.birth_month, |d, v| d.birth_month = v);
    let (year, set_year) = bind(|d| &d.birth_year, |d, v| d.birth_year = v);
    let validate = Callback::new(move |_| {
        let d = wizard.draft.get_untracked();
        if d.birth_day.trim().is_empty()
            && d.birth_month.trim().is_empty()
            && d.birth_year.trim().is_empty()
        {
            return vec![FieldMessage::new("birth-date-day", "birth-date-empty")];
        }
        match validate_birth_date(&d.birth_date()) {
            Ok(()) => Vec::new(),
            Err(e) => vec![FieldMessage::new("birth-date-day", e.code.to_string())],
        }
    });
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    let i18n = crate::i18n::use_i18n();
    view! {
        <StepShell service step=Step::BirthDate errors validate>
            <fieldset class="fieldset" aria-describedby="birth-date-hint birth-date-error">
                <legend class="fieldset__legend"><PageHeading key="birth-date-heading" has_errors /></legend>
                <p class="hint" id="birth-date-hint">{move || i18n.t("birth-date-hint")}</p>
                {move || error_of(errors, "birth-date-day").get().map(|m| view! { <p class="error-message" id="birth-date-error">{m}</p> })}
                <div class="date-input">
                    <TextField id="birth-date-day" label_key="date-day" value=day on_input=set_day error=Signal::derive(|| None) inputmode="numeric" autocomplete="bday-day" class="input input--width-2" />
                    <TextField id="birth-date-month" label_key="date-month" value=month on_input=set_month error=Signal::derive(|| None) inputmode="numeric" autocomplete="bday-month" class="input input--width-2" />
                    <TextField id="birth-date-year" label_key="date-year" value=year on_input=set_year error=Signal::derive(|| None) inputmode="numeric" autocomplete="bday-year" class="input input--width-4" />
                </div>
            </fieldset>
        </StepShell>
    }
}

#[component]
pub fn ContactStep(service: ServiceView) -> impl IntoView {
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let (phone, set_phone) = bind(|d| &d.phone, |d, v| d.phone = v);
    let (email, set_email) = bind(|d| &d.email, |d, v| d.email = v);
    let validate = Callback::new(move |_| {
        let d = wizard.draft.get_untracked();
        let mut problems = Vec::new();
        if d.phone.trim().is_empty() {
            problems.push(FieldMessage::new("phone", "phone-empty"));
        } else if normalise_phone(&d.phone).is_none() {
            problems.push(FieldMessage::new("phone", "phone-invalid"));
        }
        if !d.email.trim().is_empty() && !is_valid_email(d.email.trim()) {
            problems.push(FieldMessage::new("email", "email-invalid"));
        }
        problems
    });
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    view! {
        <StepShell service step=Step::Contact errors validate>
            <fieldset class="fieldset">
                <legend class="fieldset__legend"><PageHeading key="contact-heading" has_errors /></legend>
                <TextField id="phone" label_key="phone-label" hint_key="phone-hint" value=phone on_input=set_phone error=error_of(errors, "phone") input_type="tel" autocomplete="tel" class="input input--width-20" />
                <TextField id="email" label_key="email-label" optional=true value=email on_input=set_email error=error_of(errors, "email") input_type="email" autocomplete="email" />
            </fieldset>
        </StepShell>
    }
}

#[component]
pub fn AddressStep(service: ServiceView) -> impl IntoView {
    let wizard = use_wizard();
    let errors = RwSignal::new(Vec::new());
    let (address, set_address) = bind(|d| &d.address, |d, v| d.address = v);
    let validate =
        Callback::new(
            move |_| match check_address(&wizard.draft.get_untracked().address) {
                Ok(()) => Vec::new(),
                Err(e) => vec![FieldMessage::new("address", e.code.to_string())],
            },
        );
    let has_errors = Signal::derive(move || !errors.read().is_empty());
    view! {
        <StepShell service step=Step::Address errors validate>
            <PageHeading key="address-heading" has_errors />
            <TextField id="address" label_key="address-label" hint_key="address-hint" value=address on_input=set_address error=error_of(errors, "address") autocomplete="street-address" />
        </StepShell>
    }
}
