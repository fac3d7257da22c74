//! The working-day calendar over HTTP: the server's calendar is the one its deadlines are
//! counted on, and the app takes a year from it where it knows more than the app's compiled-in
//! one, so an operator publishes next year's days off without rebuilding the app.

use crate::problem::ApiError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use egov_domain::api::{problem_code, CalendarYear};

/// One year of the working-day calendar: its days off besides Saturdays and Sundays, the
/// Saturdays and Sundays worked, whether it is official or provisional, and its source.
#[utoipa::path(get, path = egov_domain::api::paths::CALENDAR_YEAR, context_path = egov_domain::api::API_PREFIX, tag = "calendar",
    params(("year" = i32, Path, description = "A year, e.g. 2027")),
    responses(
        (status = 200, body = CalendarYear, description = "The year's days off and moved working days, official or provisional"),
        (status = 400, description = "`bad_request`: not a year"),
        (status = 404, description = "`calendar_year_not_covered`: no calendar for that year (before the first official year, or past what the rules can compute)"),
    ))]
pub async fn year(
    State(state): State<AppState>,
    Path(year): Path<i32>,
) -> Result<Json<CalendarYear>, ApiError> {
    state.calendar.year(year).map(Json).map_err(|error| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            problem_code::CALENDAR_YEAR_NOT_COVERED,
            "No working-day calendar for that year",
        )
        .with_detail(error.to_string())
    })
}
