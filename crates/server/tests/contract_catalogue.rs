//! Contract: the catalogue endpoints.

mod support;

use egov_domain::api::problem_code;
use egov_domain::catalogue::ServiceView;
use egov_domain::region::Region;
use egov_domain::{Catalogue, RegionId};
use reqwest::StatusCode;
use support::{assert_schema, ok, problem, start};

#[tokio::test]
async fn regions_list_the_catalogue_regions() {
    let t = start().await;
    let regions: Vec<Region> = ok(t.get("/regions").await, StatusCode::OK).await;
    assert_eq!(regions, Catalogue::embedded().regions);
}

#[tokio::test]
async fn services_of_a_region_are_resolved_to_it() {
    let t = start().await;
    let views: Vec<ServiceView> =
        ok(t.get("/services?region=karaganda").await, StatusCode::OK).await;
    let expected: Vec<ServiceView> = Catalogue::embedded()
        .for_region(&RegionId::new("karaganda"))
        .collect();
    assert_eq!(views, expected);
    assert!(views.iter().all(|v| v.region.as_str() == "karaganda"));

    let aktogay: Vec<ServiceView> = ok(
        t.get("/services?region=karaganda_aktogay").await,
        StatusCode::OK,
    )
    .await;
    let referral = aktogay
        .iter()
        .find(|v| v.id.as_str() == "active_employment_referral")
        .unwrap();
    assert!(!referral.online, "Aktogay's referral is offline only");
}

#[tokio::test]
async fn services_without_region_cover_every_region_variant() {
    let t = start().await;
    let views: Vec<ServiceView> = ok(t.get("/services").await, StatusCode::OK).await;
    let variants: usize = Catalogue::embedded()
        .services
        .iter()
        .map(|s| s.variants.len())
        .sum();
    assert_eq!(views.len(), variants);
}

#[tokio::test]
async fn one_service_by_id_and_region() {
    let t = start().await;
    let view: ServiceView = ok(
        t.get("/services/active_employment_referral?region=kyzylorda")
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view.region.as_str(), "kyzylorda");
    // Exists in one region only: the region may be left out.
    let only: ServiceView = ok(
        t.get("/services/targeted_social_assistance").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(only.region.as_str(), "karaganda");
}

#[tokio::test]
async fn catalogue_errors_have_their_codes() {
    let t = start().await;
    problem(
        t.get("/services?region=atlantis").await,
        StatusCode::NOT_FOUND,
        problem_code::UNKNOWN_REGION,
    )
    .await;
    problem(
        t.get("/services/teleportation?region=karaganda").await,
        StatusCode::NOT_FOUND,
        problem_code::UNKNOWN_SERVICE,
    )
    .await;
    problem(
        t.get("/services/job_seeker_registration?region=national_standard")
            .await,
        StatusCode::NOT_FOUND,
        problem_code::SERVICE_NOT_IN_REGION,
    )
    .await;
    let missing = problem(
        t.get("/services/active_employment_referral").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem_code::VALIDATION,
    )
    .await;
    assert_eq!(missing.errors[0].path, "query.region");
    assert_eq!(missing.errors[0].code, problem_code::REGION_REQUIRED);
}

#[tokio::test]
async fn every_region_and_service_matches_the_openapi_schemas() {
    let t = start().await;
    let regions: serde_json::Value = ok(t.get("/regions").await, StatusCode::OK).await;
    for region in regions.as_array().unwrap() {
        assert_schema(region, "Region");
    }
    let views: serde_json::Value = ok(t.get("/services").await, StatusCode::OK).await;
    for view in views.as_array().unwrap() {
        assert_schema(view, "ServiceView");
    }
}

#[test]
fn schema_check_rejects_an_unknown_field() {
    let mut region = serde_json::to_value(&Catalogue::embedded().regions[0]).unwrap();
    region["surprise"] = true.into();
    let outcome = std::panic::catch_unwind(|| assert_schema(&region, "Region"));
    assert!(outcome.is_err());
}
