//! Eligibility rules over the catalogue data: reason codes, and paper-only services.

use egov_domain::catalogue::{Catalogue, ResultId, ServiceId, ServiceView};
use egov_domain::eligibility::{
    application_route, check_result, check_service, choosable_results, ApplicationRoute,
    Eligibility, ReasonCode,
};
use egov_domain::procedure::{ChannelCondition, ChannelKind};
use egov_domain::profile::{ApplicantCategory, ApplicantFact, ApplicantProfile};
use egov_domain::region::RegionId;

fn view(service: &str, region: &str) -> ServiceView {
    Catalogue::shared()
        .service_in_region(&ServiceId::new(service), &RegionId::new(region))
        .unwrap_or_else(|| panic!("{service} in {region}"))
}

fn referral(region: &str) -> ServiceView {
    view("active_employment_referral", region)
}

fn citizen() -> ApplicantProfile {
    ApplicantProfile::new(ApplicantCategory::Citizen)
}

fn refused(reason: ReasonCode) -> Eligibility {
    Eligibility::Refused {
        reasons: vec![reason],
    }
}

fn result(id: &str) -> ResultId {
    ResultId::new(id)
}

#[test]
fn aktogay_refuses_most_referrals_to_the_unregistered_with_a_reason_code() {
    let aktogay = referral("karaganda_aktogay");
    for kind in [
        "youth_practice_referral",
        "social_jobs_referral",
        "public_works_referral",
        "vocational_training_referral",
    ] {
        assert_eq!(
            check_result(&aktogay, &result(kind), &citizen()),
            refused(ReasonCode::RequiresUnemployedRegistration),
            "{kind}"
        );
    }
}

#[test]
fn aktogay_allows_employment_referral_and_career_guidance_without_registration() {
    let aktogay = referral("karaganda_aktogay");
    for kind in ["employment_referral", "career_guidance"] {
        assert_eq!(
            check_result(&aktogay, &result(kind), &citizen()),
            Eligibility::Allowed
        );
    }
    assert!(check_service(&aktogay, &citizen()).is_allowed());
}

#[test]
fn registration_as_unemployed_opens_every_referral_kind() {
    let aktogay = referral("karaganda_aktogay");
    let registered = citizen().with(ApplicantFact::RegisteredAsUnemployed);
    let allowed: Vec<_> = choosable_results(&aktogay, &registered).collect();
    assert_eq!(allowed.len(), 6);
    assert!(allowed.iter().all(|(_, e)| e.is_allowed()));
}

#[test]
fn every_category_named_by_seed_003_is_served() {
    let aktogay = referral("karaganda_aktogay");
    for category in ApplicantCategory::ALL {
        let applicant = ApplicantProfile::new(category);
        assert!(check_result(&aktogay, &result("employment_referral"), &applicant).is_allowed());
    }
}

#[test]
fn regions_check_different_registrations() {
    // Seed 000 checks an unemployed record card for every referral, employment included.
    let national = referral("national_standard");
    assert_eq!(
        check_result(&national, &result("employment_referral"), &citizen()),
        refused(ReasonCode::RequiresUnemployedRegistration)
    );
    // Seed 001 accepts a job-seeker card as well.
    let kyzylorda = referral("kyzylorda");
    assert_eq!(
        check_result(&kyzylorda, &result("youth_practice_referral"), &citizen()),
        refused(ReasonCode::RequiresJobSeekerOrUnemployedRegistration)
    );
    let job_seeker = citizen().with(ApplicantFact::RegisteredAsJobSeeker);
    assert!(check_result(&kyzylorda, &result("youth_practice_referral"), &job_seeker).is_allowed());
    // Seed 004 states no prerequisite.
    let karaganda = referral("karaganda");
    assert!(check_result(&karaganda, &result("public_works_referral"), &citizen()).is_allowed());
}

#[test]
fn a_kind_of_referral_the_region_does_not_list_is_refused_as_such() {
    assert_eq!(
        check_result(
            &referral("kyzylorda"),
            &result("career_guidance"),
            &citizen()
        ),
        refused(ReasonCode::ResultNotOfferedInRegion)
    );
}

#[test]
fn rules_read_from_the_service_name_are_enforced() {
    let fuel = view("rural_specialists_fuel_assistance", "karaganda");
    assert_eq!(
        check_service(&fuel, &citizen()),
        refused(ReasonCode::RequiresRuralSocialSphereSpecialist)
    );
    let specialist = citizen().with(ApplicantFact::RuralSocialSphereSpecialist);
    assert!(check_service(&fuel, &specialist).is_allowed());

    let child_benefit = view("child_benefit_under_18", "karaganda");
    assert_eq!(
        check_service(&child_benefit, &citizen()),
        refused(ReasonCode::RequiresChildUnder18)
    );
}

#[test]
fn paper_only_services_report_no_online_channel_and_say_where_to_go() {
    let catalogue = Catalogue::shared();
    let mut paper_only = 0;
    for region in &catalogue.regions {
        for service in catalogue.for_region(&region.id) {
            let route = application_route(&service, &citizen());
            if service.online {
                assert!(
                    matches!(route, ApplicationRoute::Online { .. }),
                    "{}",
                    service.id
                );
                continue;
            }
            paper_only += 1;
            assert_eq!(service.online_channels().count(), 0);
            let ApplicationRoute::OfficeOnly { reason, offices } = route else {
                panic!("{} in {} offered online", service.id, region.id);
            };
            assert_eq!(reason, ReasonCode::NoOnlineChannel);
            assert!(!offices.is_empty());
            for office in &offices {
                assert_ne!(office.channel, ChannelKind::EgovPortal);
                assert!(
                    !office.documents.is_empty(),
                    "{}: what to bring",
                    service.id
                );
            }
        }
    }
    // unemployed registration (2 regions), 5 paper-only social services, the Aktogay referral
    assert_eq!(paper_only, 8);
}

#[test]
fn unemployed_registration_is_handed_in_at_the_providers_office_only() {
    let ApplicationRoute::OfficeOnly { offices, .. } =
        application_route(&view("unemployed_registration", "kyzylorda"), &citizen())
    else {
        panic!("unemployed registration must be paper-only");
    };
    assert_eq!(offices.len(), 1);
    assert_eq!(offices[0].channel, ChannelKind::ProviderOffice);
    let docs: Vec<&str> = offices[0]
        .documents
        .iter()
        .map(|d| d.requirement.document.as_str())
        .collect();
    assert_eq!(docs, ["standard_para9_package"]);
}

#[test]
fn the_akim_route_carries_its_condition() {
    let ApplicationRoute::OfficeOnly { offices, .. } =
        application_route(&view("targeted_social_assistance", "karaganda"), &citizen())
    else {
        panic!("targeted social assistance must be paper-only");
    };
    let akim = offices
        .iter()
        .find(|o| o.channel == ChannelKind::RuralAkim)
        .unwrap();
    assert_eq!(
        akim.availability,
        Some(ChannelCondition::NoProviderAtPlaceOfResidence)
    );
    let state_corporation = offices
        .iter()
        .find(|o| o.channel == ChannelKind::StateCorporation)
        .unwrap();
    assert_eq!(state_corporation.availability, None);
}

#[test]
fn online_route_lists_what_to_attach_on_the_portal() {
    let ApplicationRoute::Online {
        channel,
        documents,
        offices,
    } = application_route(&referral("karaganda"), &citizen())
    else {
        panic!("the Karaganda referral has a portal channel");
    };
    assert_eq!(channel, ChannelKind::EgovPortal);
    let ids: Vec<&str> = documents
        .iter()
        .map(|d| d.requirement.document.as_str())
        .collect();
    // The request and the ЭЦП certificate are the signed application itself: nothing to attach.
    assert_eq!(ids, ["standard_para9_package"]);
    assert_eq!(offices.len(), 1);
}

#[test]
fn reason_codes_are_snake_case_on_the_wire() {
    let json = serde_json::to_value(refused(ReasonCode::RequiresUnemployedRegistration)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"status": "refused", "reasons": ["requires_unemployed_registration"]})
    );
    assert_eq!(
        serde_json::to_value(ReasonCode::RequiresChildUnder18).unwrap(),
        "requires_child_under_18"
    );
}
