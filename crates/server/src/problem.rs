//! The one error type of the API, rendered as RFC 9457 `application/problem+json`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use egov_domain::api::{problem_code, FieldError, Problem};

#[derive(Debug)]
pub struct ApiError(pub Box<Problem>);

impl ApiError {
    pub fn new(status: StatusCode, code: &str, title: &str) -> ApiError {
        ApiError(Box::new(Problem::new(status.as_u16(), code, title)))
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> ApiError {
        self.0.detail = Some(detail.into());
        self
    }

    pub fn validation(errors: Vec<FieldError>) -> ApiError {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY.as_u16(),
            problem_code::VALIDATION,
            "The request has invalid fields",
        );
        problem.errors = errors;
        ApiError(Box::new(problem))
    }

    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            problem_code::NOT_FOUND,
            "No such resource",
        )
    }

    pub fn internal(error: impl std::fmt::Display) -> ApiError {
        // The cause goes to the log, not to the client.
        tracing::error!(%error, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            problem_code::INTERNAL,
            "The server failed; try again",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&*self.0).expect("a problem always serialises");
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response()
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(error: crate::db::DbError) -> Self {
        ApiError::internal(error)
    }
}
