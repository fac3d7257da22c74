//! The service catalogue over HTTP, so another backend can serve its own catalogue to the wizard.
//!
//! Services are always served resolved to one region: regions' regulations disagree (kinds of
//! referral, durations, whether an online application exists), so an unresolved service would
//! let a client show facts of the wrong region.

use crate::problem::ApiError;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use egov_domain::api::{problem_code, FieldError};
use egov_domain::catalogue::{Service, ServiceView};
use egov_domain::region::Region;
use egov_domain::{Catalogue, RegionId, ServiceId};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionQuery {
    /// A region id from `GET /api/v1/regions`.
    pub region: Option<String>,
}

fn unknown_region() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        problem_code::UNKNOWN_REGION,
        "No such region",
    )
}

fn unknown_service() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        problem_code::UNKNOWN_SERVICE,
        "No such service",
    )
}

fn region(catalogue: &Catalogue, id: &str) -> Result<RegionId, ApiError> {
    let id = RegionId::new(id);
    catalogue.region(&id).map(|_| id).ok_or_else(unknown_region)
}

/// The region profiles: each region's regulations describe its own variant of the services.
#[utoipa::path(get, path = egov_domain::api::paths::REGIONS, context_path = egov_domain::api::API_PREFIX, tag = "catalogue",
    responses((status = 200, body = Vec<Region>, description = "Every region whose regulations the catalogue holds")))]
pub async fn regions(State(state): State<AppState>) -> Json<Vec<Region>> {
    Json(state.catalogue.regions.clone())
}

/// Services resolved to a region. Without `region`, every service in every region that
/// describes it (each view names its region).
#[utoipa::path(get, path = egov_domain::api::paths::SERVICES, context_path = egov_domain::api::API_PREFIX, tag = "catalogue", params(RegionQuery),
    responses(
        (status = 200, body = Vec<ServiceView>, description = "The services, each resolved to a region"),
        (status = 404, description = "`unknown_region`"),
    ))]
// Without a region, every service in every region that
/// describes it (each view names its region), so one call can mirror the whole catalogue.
pub async fn services(
    State(state): State<AppState>,
    Query(query): Query<RegionQuery>,
) -> Result<Json<Vec<ServiceView>>, ApiError> {
    let catalogue = &state.catalogue;
    let views = match query.region {
        Some(id) => {
            let id = region(catalogue, &id)?;
            catalogue.for_region(&id).collect()
        }
        None => catalogue
            .regions
            .iter()
            .flat_map(|r| catalogue.for_region(&r.id))
            .collect(),
    };
    Ok(Json(views))
}

/// One service resolved to a region. `region` may be left out where the service exists in one
/// region only.
#[utoipa::path(get, path = egov_domain::api::paths::SERVICE, context_path = egov_domain::api::API_PREFIX, tag = "catalogue",
    params(("id" = String, Path, description = "Service id"), RegionQuery),
    responses(
        (status = 200, body = ServiceView, description = "The service as the region's regulation describes it"),
        (status = 404, description = "`unknown_service`, `unknown_region`, `service_not_in_region`"),
        (status = 422, description = "`validation_failed` with `query.region`: `region_required`"),
    ))]
// The region may be left out only where the service
/// exists in exactly one region, so a client never gets an arbitrary region's variant.
pub async fn service(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<RegionQuery>,
) -> Result<Json<ServiceView>, ApiError> {
    let catalogue = &state.catalogue;
    let service = catalogue
        .service(&ServiceId::new(id))
        .ok_or_else(unknown_service)?;
    let region = match query.region {
        Some(id) => region(catalogue, &id)?,
        None => only_region(service)?,
    };
    catalogue
        .service_in_region(&service.id, &region)
        .map(Json)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                problem_code::SERVICE_NOT_IN_REGION,
                "This region's regulations do not describe this service",
            )
        })
}

fn only_region(service: &Service) -> Result<RegionId, ApiError> {
    let mut regions = service.regions();
    match (regions.next(), regions.next()) {
        (Some(only), None) => Ok(only.clone()),
        _ => Err(ApiError::validation(vec![FieldError {
            path: "query.region".into(),
            code: problem_code::REGION_REQUIRED.into(),
        }])),
    }
}

/// `service` as `region`'s regulation describes it, if it accepts an online application there.
pub fn online_service(
    catalogue: &Catalogue,
    service: &ServiceId,
    region: &RegionId,
) -> Result<ServiceView, ApiError> {
    let service = catalogue.service(service).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_code::UNKNOWN_SERVICE,
            "No such service",
        )
    })?;
    let view = catalogue
        .service_in_region(&service.id, region)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                problem_code::SERVICE_NOT_IN_REGION,
                "This region's regulations do not describe this service",
            )
        })?;
    if view.online {
        Ok(view)
    } else {
        Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_code::SERVICE_NOT_ONLINE,
            "This service does not accept applications online",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_is_decided_per_region() {
        let catalogue = Catalogue::embedded();
        let referral = ServiceId::new("active_employment_referral");
        assert!(online_service(&catalogue, &referral, &RegionId::new("karaganda")).is_ok());
        let offline =
            online_service(&catalogue, &referral, &RegionId::new("karaganda_aktogay")).unwrap_err();
        assert_eq!(offline.0.code, problem_code::SERVICE_NOT_ONLINE);
        let elsewhere = online_service(
            &catalogue,
            &ServiceId::new("job_seeker_registration"),
            &RegionId::new("national_standard"),
        )
        .unwrap_err();
        assert_eq!(elsewhere.0.code, problem_code::SERVICE_NOT_IN_REGION);
    }
}
