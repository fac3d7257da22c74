//! Contract: the catalogue endpoints.

mod support;

use egov_domain::api::problem_code;
use egov_domain::catalogue::ServiceView;
use egov_domain::region::Region;
use egov_domain::{Catalogue, RegionId};
use reqwest::StatusCode;
use support::{assert_schema, ok, start};

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
    let not_found = |code| (StatusCode::NOT_FOUND, code);
    for (path, expected) in [
        (
            "/services?region=atlantis",
            not_found(problem_code::UNKNOWN_REGION),
        ),
        (
            "/services/teleportation?region=karaganda",
            not_found(problem_code::UNKNOWN_SERVICE),
        ),
        (
            "/services/job_seeker_registration?region=national_standard",
            not_found(problem_code::SERVICE_NOT_IN_REGION),
        ),
    ] {
        t.get_problem(path, expected).await;
    }
    let invalid = (StatusCode::UNPROCESSABLE_ENTITY, problem_code::VALIDATION);
    let missing = t
        .get_problem("/services/active_employment_referral", invalid)
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
    // Every service of every region, nested objects included (`GET /services` lists each
    // region's variant of each service).
    let views: serde_json::Value = ok(t.get("/services").await, StatusCode::OK).await;
    let views = views.as_array().unwrap();
    for region in Catalogue::embedded().regions {
        assert!(
            views.iter().any(|v| v["region"] == region.id.as_str()),
            "no service of {}",
            region.id
        );
    }
    for view in views {
        assert_schema(view, "ServiceView");
    }
    // The catalogue exercises every optional part of the nested schemas, so none of them goes
    // unchecked.
    let present = |pointer: &str| views.iter().any(|v| has(v, pointer));
    for pointer in [
        "/domain",
        "/eligibility/*/except_results",
        "/results/*/forms",
        "/channels/*/availability",
        "/channels/*/contact/phone",
        "/channels/*/contact/email",
        "/channels/*/contact/fax",
        "/channels/*/contact/website",
        "/channels/*/name/kk_translated",
        "/channels/*/contact/opening_hours",
        "/channels/*/steps/*/max_duration",
        "/channels/*/steps/*/conflicting_duration",
        "/channels/*/steps/*/on_failure/max_duration",
        "/channels/*/deadline/stated",
        "/channels/*/deadline/summed",
        "/channels/*/deadline/remark",
        "/documents/*/categories",
        "/documents/*/channels",
        "/documents/*/need/condition",
    ] {
        assert!(present(pointer), "no service has {pointer}");
    }
}

/// Whether `value` has something at `pointer`, where `*` stands for any element of an array.
fn has(value: &serde_json::Value, pointer: &str) -> bool {
    let Some(rest) = pointer.strip_prefix('/') else {
        return true;
    };
    let (key, rest) = rest.split_once('/').map_or((rest, ""), |(k, r)| (k, r));
    let rest = if rest.is_empty() {
        String::new()
    } else {
        format!("/{rest}")
    };
    match (key, value) {
        ("*", serde_json::Value::Array(items)) => items.iter().any(|item| has(item, &rest)),
        (key, serde_json::Value::Object(map)) => map.get(key).is_some_and(|v| has(v, &rest)),
        _ => false,
    }
}

#[tokio::test]
async fn schema_check_rejects_an_unknown_field_in_a_nested_catalogue_object() {
    let t = start().await;
    let views: serde_json::Value = ok(t.get("/services").await, StatusCode::OK).await;
    let view = views
        .as_array()
        .unwrap()
        .iter()
        .find(|v| has(v, "/channels/*/contact/opening_hours") && has(v, "/eligibility"))
        .unwrap()
        .clone();
    let channel = view["channels"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| has(c, "/contact/opening_hours"))
        .unwrap();
    for pointer in [
        "/provider".to_owned(),
        "/provider/source".to_owned(),
        "/results/0".to_owned(),
        "/eligibility/0".to_owned(),
        "/documents/0".to_owned(),
        "/documents/0/need".to_owned(),
        format!("/channels/{channel}"),
        format!("/channels/{channel}/contact/opening_hours"),
        format!("/channels/{channel}/steps/0"),
        format!("/channels/{channel}/steps/0/wording"),
        format!("/channels/{channel}/deadline"),
    ] {
        let mut changed = view.clone();
        changed.pointer_mut(&pointer).unwrap()["surprise"] = true.into();
        assert!(
            !support::schema_errors(&changed, "ServiceView").is_empty(),
            "an unknown field at {pointer} passes"
        );
    }
}

#[test]
fn schema_check_rejects_an_unknown_field() {
    let mut region = serde_json::to_value(&Catalogue::embedded().regions[0]).unwrap();
    region["surprise"] = true.into();
    let outcome = std::panic::catch_unwind(|| assert_schema(&region, "Region"));
    assert!(outcome.is_err());
}
