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

/// The OpenAPI entry of [`ApiError::not_found`], for the endpoints that answer it.
#[derive(utoipa::IntoResponses)]
#[response(status = 404, description = "`not_found`")]
pub struct NotFound;

/// The media type of every error the API answers (RFC 9457).
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&*self.0).expect("a problem always serialises");
        (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body).into_response()
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(error: crate::db::DbError) -> Self {
        ApiError::internal(error)
    }
}

/// A JSON body whose rejections (wrong content type, bad JSON, too large) are problems too.
pub struct ApiJson<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        use axum::extract::rejection::JsonRejection;
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                problem_code::UNSUPPORTED_MEDIA_TYPE,
                "The body must be application/json",
            )),
            Err(JsonRejection::BytesRejection(e)) => Err(from_status(e.status(), e.body_text())),
            Err(e) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                problem_code::MALFORMED_BODY,
                "The request body is not what this endpoint expects",
            )
            .with_detail(e.body_text())),
        }
    }
}

/// The problem for an error response that carries only a status, e.g. axum's own rejections.
pub fn from_status(status: StatusCode, detail: String) -> ApiError {
    let (code, title) = match status {
        StatusCode::NOT_FOUND => (problem_code::NOT_FOUND, "No such resource"),
        StatusCode::METHOD_NOT_ALLOWED => (
            problem_code::METHOD_NOT_ALLOWED,
            "This method is not allowed here",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (problem_code::BODY_TOO_LARGE, "The body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            problem_code::UNSUPPORTED_MEDIA_TYPE,
            "This content type is not accepted here",
        ),
        s if s.is_server_error() => (problem_code::INTERNAL, "The server failed; try again"),
        _ => (problem_code::BAD_REQUEST, "The request is not understood"),
    };
    let error = ApiError::new(status, code, title);
    if detail.is_empty() || status.is_server_error() {
        error
    } else {
        error.with_detail(detail)
    }
}

/// Rewrites every error response of the API that is not yet a problem (axum's rejections of a
/// path or query, 405, a body over the limit) into one, so clients handle a single error format.
pub async fn problemise(response: Response) -> Response {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let (parts, body) = response.into_parts();
    let detail = axum::body::to_bytes(body, 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let mut problem = from_status(status, detail).into_response();
    // Keep headers such as `Allow` (405) and `Retry-After` (429).
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            problem.headers_mut().insert(name.clone(), value.clone());
        }
    }
    problem
}
