//! Region profiles keep each regulation's variant: services, results and deadlines per region.

use egov_domain::catalogue::{Catalogue, ResultKind, ServiceId, ServiceView};
use egov_domain::deadline::DurationSum;
use egov_domain::procedure::ChannelKind;
use egov_domain::region::RegionId;
use std::collections::BTreeSet;

fn catalogue() -> &'static Catalogue {
    Catalogue::shared()
}

fn region(id: &str) -> RegionId {
    RegionId::new(id)
}

fn services_in(id: &str) -> BTreeSet<String> {
    catalogue()
        .for_region(&region(id))
        .map(|v| v.id.to_string())
        .collect()
}

fn referral_in(id: &str) -> ServiceView {
    catalogue()
        .service_in_region(&ServiceId::new("active_employment_referral"), &region(id))
        .unwrap_or_else(|| panic!("referral in {id}"))
}

fn referral_kinds(id: &str) -> BTreeSet<String> {
    referral_in(id)
        .results
        .iter()
        .filter(|r| r.kind == ResultKind::Positive)
        .map(|r| r.id.to_string())
        .collect()
}

#[test]
fn five_regions_one_per_seed_named_in_three_languages() {
    let c = catalogue();
    let expected = [
        ("national_standard", "000_"),
        ("kyzylorda", "001_"),
        ("akmola_kokshetau_stepnogorsk", "002_"),
        ("karaganda_aktogay", "003_"),
        ("karaganda", "004_"),
    ];
    assert_eq!(c.regions.len(), expected.len());
    for (id, seed_prefix) in expected {
        let r = c.region(&region(id)).unwrap_or_else(|| panic!("{id}"));
        assert!(r.seed.as_str().starts_with(seed_prefix), "{id}");
        assert!(!r.name.kk.is_empty() && !r.name.ru.is_empty() && !r.name.en.is_empty());
    }
    // Seeds 000 and 002 do not name their oblast; the profile must say the name is ours.
    for id in ["national_standard", "akmola_kokshetau_stepnogorsk"] {
        let r = c.region(&region(id)).unwrap();
        assert!(!r.territory_named_in_seed);
        assert!(r.name.ru_translated && r.name.kk_translated);
    }
}

#[test]
fn a_service_appears_only_where_the_regions_seed_describes_it() {
    let referral_only = BTreeSet::from(["active_employment_referral".to_owned()]);
    assert_eq!(services_in("national_standard"), referral_only);
    assert_eq!(services_in("akmola_kokshetau_stepnogorsk"), referral_only);
    assert_eq!(services_in("karaganda_aktogay"), referral_only);
    assert_eq!(
        services_in("kyzylorda"),
        BTreeSet::from(
            [
                "active_employment_referral",
                "job_seeker_registration",
                "unemployed_registration"
            ]
            .map(String::from)
        )
    );
    assert_eq!(services_in("karaganda").len(), 9);
    assert_eq!(services_in("atlantis").len(), 0);
}

#[test]
fn kyzylorda_and_karaganda_list_four_kinds_of_referral() {
    let four = BTreeSet::from(
        [
            "employment_referral",
            "youth_practice_referral",
            "social_jobs_referral",
            "public_works_referral",
        ]
        .map(String::from),
    );
    assert_eq!(referral_kinds("kyzylorda"), four);
    assert_eq!(referral_kinds("karaganda"), four);
    assert_eq!(referral_kinds("national_standard"), four);
}

#[test]
fn kokshetau_stepnogorsk_and_aktogay_list_six() {
    for id in ["akmola_kokshetau_stepnogorsk", "karaganda_aktogay"] {
        let kinds = referral_kinds(id);
        assert_eq!(kinds.len(), 6, "{id}");
        assert!(kinds.contains("vocational_training_referral"));
        assert!(kinds.contains("career_guidance"));
    }
}

#[test]
fn results_name_the_seed_of_their_own_region() {
    for id in [
        "kyzylorda",
        "akmola_kokshetau_stepnogorsk",
        "karaganda_aktogay",
    ] {
        let view = referral_in(id);
        let seed = &catalogue().region(&region(id)).unwrap().seed;
        assert!(view.results.iter().all(|r| &r.source.seed == seed));
        assert_eq!(&view.source.seed, seed);
    }
}

#[test]
fn durations_differ_between_regions() {
    let office_sum = |id: &str| {
        referral_in(id)
            .channel(ChannelKind::ProviderOffice)
            .and_then(|c| c.deadline.summed)
    };
    assert_eq!(
        office_sum("kyzylorda"),
        Some(DurationSum {
            working_days: 0,
            minutes: 30
        })
    );
    assert_eq!(
        office_sum("akmola_kokshetau_stepnogorsk"),
        Some(DurationSum {
            working_days: 0,
            minutes: 130
        })
    );

    let job_seeker_office = |id: &str| {
        catalogue()
            .service_in_region(&ServiceId::new("job_seeker_registration"), &region(id))
            .and_then(|v| v.channel(ChannelKind::ProviderOffice).cloned())
            .and_then(|c| c.deadline.summed)
    };
    assert_eq!(
        job_seeker_office("kyzylorda"),
        Some(DurationSum {
            working_days: 0,
            minutes: 120
        })
    );
    assert_eq!(
        job_seeker_office("karaganda"),
        Some(DurationSum {
            working_days: 0,
            minutes: 10
        })
    );
}

#[test]
fn channels_differ_between_regions() {
    assert!(referral_in("kyzylorda").online);
    let aktogay = referral_in("karaganda_aktogay");
    assert!(!aktogay.online);
    assert_eq!(aktogay.channels.len(), 1);
    assert!(
        aktogay.channels[0].contact.is_some(),
        "seed 003 gives the office's address"
    );
}

#[test]
fn regional_titles_are_kept() {
    assert!(referral_in("akmola_kokshetau_stepnogorsk")
        .name
        .ru
        .contains("активных формах"));
    assert!(referral_in("kyzylorda").name.ru.contains("активных мерах"));
}

#[test]
fn unemployed_registration_results_differ_as_the_seeds_do() {
    let result_ids = |id: &str| -> BTreeSet<String> {
        catalogue()
            .service_in_region(&ServiceId::new("unemployed_registration"), &region(id))
            .unwrap()
            .results
            .iter()
            .map(|r| r.id.to_string())
            .collect()
    };
    assert!(result_ids("kyzylorda").contains("unemployed_registration_certificate"));
    assert!(result_ids("karaganda").contains("job_seeker_registration_notice"));
}

#[test]
fn a_view_survives_the_wire() {
    for view in catalogue().for_region(&region("karaganda")) {
        let json = serde_json::to_string(&view).unwrap();
        let back: ServiceView = serde_json::from_str(&json).unwrap();
        assert_eq!(back, view);
    }
}
