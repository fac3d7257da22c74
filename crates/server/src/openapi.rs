//! The OpenAPI 3.1 document of `/api/v1`, generated from the wire types and the handlers.

use crate::problem::PROBLEM_JSON;
use axum::http::header;
use axum::response::IntoResponse;
use egov_domain::api::Problem;
use egov_domain::catalogue::StepView;
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "egov-wizard API",
        description = "The JSON API the egov wizard speaks. Errors are RFC 9457 `application/problem+json` with a machine-readable `code`. Any endpoint may also answer `bad_request` (400: path or query not understood), `method_not_allowed` (405), `body_too_large` (413), `unsupported_media_type` (415), `rate_limited` (429 with `Retry-After`; sign-in, submit, uploads and failed operator calls), `internal_error` (500), or, for a request that takes too long, 408 (headers slower than the server's header timeout, or a body that stalls, close the connection). Answers carrying personal data or secrets are sent with `Cache-Control: no-store`; each answer has an `X-Request-Id` that the server's log also names. A path this document does not name answers 404 `not_found`. `GET /api/v1/health` declares which optional parts (test CA, CMS, operator) a deployment has on; `crates/contract` (the conformance kit) checks a backend against this document over HTTP.",
    ),
    paths(
        crate::health,
        crate::catalogue::regions,
        crate::catalogue::services,
        crate::catalogue::service,
        crate::visit_sheet::visit_sheet_pdf,
        crate::calendar::year,
        crate::applications::submit,
        crate::applications::read,
        crate::result_pdf::result_pdf,
        crate::uploads::upload,
        crate::uploads::delete,
        crate::session::challenge,
        crate::session::sign_in,
        crate::session::my_applications,
        crate::operator::transition,
    ),
    // Relative: the API is served by whatever origin serves the app (or the widget's `api-base`).
    servers((url = "/", description = "The origin that serves the app")),
    // Problem: the body `ProblemBodies` gives every error. StepView: a `ChannelView`'s steps,
    // which utoipa does not collect through the generic `Channel`.
    components(schemas(Problem, StepView)),
    modifiers(&BearerAuth, &ProblemBodies),
    tags(
        (name = "meta", description = "Liveness and the optional parts of the contract a deployment turns on"),
        (name = "catalogue", description = "Services as each region's regulations describe them"),
        (name = "calendar", description = "The working-day calendar deadlines are counted on"),
        (name = "applications", description = "Submitting and following applications"),
        (name = "uploads", description = "Files for an application's documents"),
        (name = "operator", description = "Provider-side workflow (operator token)"),
        (name = "session", description = "Sign-in with the citizen's signature and their own applications"),
    )
)]
struct ApiDoc;

/// Declares the bearer token schemes the secured paths name.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer = |description: &str| {
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(description))
                    .build(),
            )
        };
        components.add_security_scheme(
            "bearer",
            bearer("A citizen's session token from `POST /api/v1/session`"),
        );
        components.add_security_scheme(
            "operator",
            bearer("The provider's operator token (server configuration)"),
        );
        components.add_security_scheme(
            "upload_owner",
            bearer("The `delete_token` of the upload's receipt: only its uploader holds it"),
        );
    }
}

/// Gives every error response its body: whatever the endpoint, an error is a `Problem` sent as
/// `application/problem+json` (what `ApiError` answers), so the handlers' attributes name only
/// their error statuses and codes.
struct ProblemBodies;

impl utoipa::Modify for ProblemBodies {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let problem = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, response) in &mut operation.responses.responses {
                    let is_error = status.starts_with('4') || status.starts_with('5');
                    if let (true, RefOr::T(response)) = (is_error, response) {
                        if response.content.is_empty() {
                            response
                                .content
                                .insert(PROBLEM_JSON.to_owned(), RefOr::T(problem.clone()));
                        }
                    }
                }
            }
        }
    }
}

/// The document as pretty JSON with a trailing newline, byte-for-byte what is committed in
/// `crates/server/openapi.json`.
pub fn document() -> String {
    let mut json = ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}

pub async fn serve() -> impl IntoResponse {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.get_or_init(document).as_str(),
    )
}
