//! Turns `validator`'s nested error tree into flat field paths and codes, the shape the API's
//! problem details and the UI's error summary use.

use crate::api::FieldError;
use validator::{ValidationErrors, ValidationErrorsKind};

pub type FieldErrors = Vec<FieldError>;

pub fn field_errors(errors: &ValidationErrors) -> FieldErrors {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
    out
}

fn collect(errors: &ValidationErrors, prefix: &str, out: &mut FieldErrors) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => out.extend(list.iter().map(|e| FieldError {
                path: path.clone(),
                code: e.code.to_string(),
            })),
            ValidationErrorsKind::Struct(nested) => collect(nested, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, nested) in items {
                    collect(nested, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}
