//! GOV.UK error summary: a list of the page's errors, each linking to its field. It takes focus
//! when it appears so screen-reader and keyboard users land on it; a link moves the focus to
//! its field.

use crate::i18n::{use_i18n, I18n};
use fluent_bundle::FluentValue;
use leptos::prelude::*;

/// One error: the id of the field at fault and the locale key (plus arguments) of its message.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldMessage {
    pub field_id: &'static str,
    pub key: String,
    pub args: Vec<(&'static str, i64)>,
}

impl FieldMessage {
    pub fn new(field_id: &'static str, key: impl Into<String>) -> FieldMessage {
        FieldMessage {
            field_id,
            key: key.into(),
            args: Vec::new(),
        }
    }

    pub fn with_arg(mut self, name: &'static str, value: i64) -> FieldMessage {
        self.args.push((name, value));
        self
    }

    /// The message in the current language (reactive).
    pub fn text(&self, i18n: I18n) -> String {
        let args: Vec<(&str, FluentValue<'static>)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, FluentValue::from(*value)))
            .collect();
        i18n.t_with(&self.key, &args)
    }
}

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// The message for `field_id` among `errors`, translated; for the inline message next to a field.
pub fn message_for(
    errors: Signal<Vec<FieldMessage>>,
    field_id: &'static str,
) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        errors
            .read()
            .iter()
            .find(|e| e.field_id == field_id)
            .map(|e| e.text(i18n))
    })
}

/// A line of the summary about something put right on another page, or nowhere: e.g. an answer
/// the server refused, linking to the step that changes it.
#[derive(Clone)]
pub struct Problem {
    pub text: Signal<String>,
    pub href: Option<String>,
}

fn line(href: Option<String>, text: impl Fn() -> String + Send + Sync + 'static) -> AnyView {
    match href {
        // `target` keeps the router out of a link to a field: the browser's own fragment
        // navigation moves the focus to the field, not only the view.
        Some(href) if href.starts_with('#') => {
            view! { <li><a href=href target="_self">{text}</a></li> }.into_any()
        }
        Some(href) => view! { <li><a href=href>{text}</a></li> }.into_any(),
        None => view! { <li>{text}</li> }.into_any(),
    }
}

/// The one error summary of the app. Given the page's field `errors`, it shows while there are
/// some; otherwise it shows whenever it is mounted, saying what went wrong as a whole
/// (`children`) and listing `problems`. It takes the focus each time it appears.
#[component]
pub fn ErrorSummary(
    /// The page's field errors, each linking to its field.
    #[prop(optional)]
    errors: Option<Signal<Vec<FieldMessage>>>,
    #[prop(optional)] problems: Vec<Problem>,
    #[prop(default = ERROR_SUMMARY_ID)] id: &'static str,
    /// "There is a problem" above the rest; a one-field form's summary may say only the problem.
    #[prop(default = true)]
    titled: bool,
    #[prop(optional)] list_id: Option<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dom_root = crate::dom::use_dom_root();
    let frame = move |body: Option<AnyView>| {
        Effect::new(move |_| dom_root.focus_later(id));
        let problems = problems.clone();
        let has_lines = !problems.is_empty() || errors.is_some();
        let lines = move || {
            let fields = errors.map(|e| e.get()).unwrap_or_default();
            fields
                .into_iter()
                .map(|e| line(Some(format!("#{}", e.field_id)), move || e.text(i18n)))
                .chain(problems.iter().map(|p| {
                    let text = p.text;
                    line(p.href.clone(), move || text.get())
                }))
                .collect_view()
        };
        view! {
            <div
                class="error-summary"
                id=id
                tabindex="-1"
                role="alert"
                aria-labelledby=titled.then_some("error-summary-title")
            >
                {titled.then(|| view! {
                    <h2 class="error-summary__title" id="error-summary-title">
                        {move || i18n.t("error-summary-title")}
                    </h2>
                })}
                {body}
                {has_lines.then(|| view! { <ul class="error-summary__list" id=list_id>{lines}</ul> })}
            </div>
        }
    };
    match errors {
        Some(errors) => {
            let shown = Memo::new(move |_| !errors.read().is_empty());
            (move || shown.get().then(|| frame.clone()(None))).into_any()
        }
        None => frame(children.map(|body| body())).into_any(),
    }
}
