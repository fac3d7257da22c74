//! Every live service of the seeds is in the catalogue, complete and traceable to its seed.

use egov_domain::catalogue::{Catalogue, ResultId, ServiceId};
use egov_domain::deadline::{DeadlineBasis, DurationSum, DurationUnit, MaxDuration};
use egov_domain::procedure::ChannelKind;
use egov_domain::region::RegionId;
use std::collections::BTreeSet;

const LIVE_SERVICES: [&str; 9] = [
    "active_employment_referral",
    "job_seeker_registration",
    "unemployed_registration",
    "targeted_social_assistance",
    "child_benefit_under_18",
    "targeted_assistance_recipient_certificate",
    "special_social_services_medical_institution",
    "special_social_services_home_care",
    "rural_specialists_fuel_assistance",
];

fn catalogue() -> &'static Catalogue {
    Catalogue::shared()
}

fn karaganda() -> RegionId {
    RegionId::new("karaganda")
}

#[test]
fn all_nine_live_services_and_nothing_else() {
    let ids: BTreeSet<&str> = catalogue().services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, LIVE_SERVICES.into_iter().collect());
}

#[test]
fn excluded_regulations_are_kept_apart_as_withdrawn() {
    let withdrawn: BTreeSet<&str> = catalogue()
        .withdrawn_services
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        withdrawn,
        BTreeSet::from([
            "unemployed_registration_legacy",
            "unemployed_certificates_legacy"
        ])
    );
    for service in &catalogue().withdrawn_services {
        assert!(service.withdrawn_by.text.contains("75/02"));
        assert_eq!(service.source.region, karaganda());
    }
}

#[test]
fn totals_match_the_extraction_of_the_seeds() {
    let c = catalogue();
    let variants = || c.services.iter().flat_map(|s| &s.variants);
    let result_ids: BTreeSet<&ResultId> =
        variants().flat_map(|v| &v.results).map(|r| &r.id).collect();
    let channels = variants().flat_map(|v| &v.channels).count();
    let steps = variants()
        .flat_map(|v| &v.channels)
        .flat_map(|c| &c.steps)
        .count();
    assert_eq!(result_ids.len(), 15);
    assert_eq!(c.documents.len(), 12);
    assert_eq!(channels, 30);
    assert_eq!(steps, 194);
}

#[test]
fn every_service_has_results_channels_steps_documents_and_deadlines_in_each_region() {
    for service in &catalogue().services {
        assert!(!service.variants.is_empty(), "{}", service.id);
        for variant in &service.variants {
            let at = format!("{} in {}", service.id, variant.region());
            assert!(!variant.results.is_empty(), "{at}: results");
            assert!(!variant.documents.is_empty(), "{at}: documents");
            assert!(!variant.channels.is_empty(), "{at}: channels");
            for channel in &variant.channels {
                assert!(
                    !channel.steps.is_empty(),
                    "{at}: steps of {:?}",
                    channel.kind
                );
                let deadline = &channel.deadline;
                match deadline.basis {
                    DeadlineBasis::Stated => assert!(deadline.stated.is_some(), "{at}"),
                    DeadlineBasis::Summed => assert!(deadline.summed.is_some(), "{at}"),
                    DeadlineBasis::NotGiven => assert!(deadline.stated.is_none(), "{at}"),
                }
            }
        }
    }
}

#[test]
fn every_item_names_its_seed_and_region() {
    let c = catalogue();
    for service in &c.services {
        for variant in &service.variants {
            let region = c.region(variant.region()).expect("known region");
            assert_eq!(variant.source.seed, region.seed);
            assert!(c.seeds.iter().any(|s| s.file == region.seed));
            let mut sources = vec![&variant.provider.source];
            sources.extend(variant.results.iter().map(|r| &r.source));
            sources.extend(variant.documents.iter().map(|d| &d.source));
            sources.extend(variant.eligibility.iter().map(|r| r.source()));
            for channel in &variant.channels {
                sources.push(&channel.source);
                sources.extend(channel.steps.iter().map(|s| &s.source));
            }
            for source in sources {
                assert_eq!(source, &variant.source, "{}", service.id);
                assert!(source.seed.as_str().ends_with(".txt"));
            }
        }
    }
    for document in &c.documents {
        assert!(!document.sources.is_empty(), "{}", document.id);
    }
}

#[test]
fn every_name_is_given_in_kazakh_russian_and_english() {
    let c = catalogue();
    let mut names = Vec::new();
    for service in &c.services {
        names.push(&service.name);
        for variant in &service.variants {
            names.push(&variant.provider.name);
            names.extend(variant.results.iter().map(|r| &r.name));
            names.extend(variant.channels.iter().map(|c| &c.name));
        }
    }
    names.extend(c.regions.iter().map(|r| &r.name));
    names.extend(c.documents.iter().map(|d| &d.name));
    names.extend(c.applicant_categories.iter().map(|a| &a.name));
    for name in names {
        for text in [&name.kk, &name.ru, &name.en] {
            assert!(!text.trim().is_empty(), "{name:?}");
        }
    }
}

#[test]
fn only_the_referral_has_a_kazakh_name_in_the_seeds() {
    for service in &catalogue().services {
        let is_referral = service.id.as_str() == "active_employment_referral";
        assert_eq!(service.name.kk_translated, !is_referral, "{}", service.id);
        assert!(!service.name.ru_translated, "{}", service.id);
    }
}

#[test]
fn referral_keeps_its_official_russian_name() {
    let referral = catalogue()
        .service(&ServiceId::new("active_employment_referral"))
        .unwrap();
    assert!(referral.name.ru.starts_with("Выдача направлений"));
    assert_eq!(
        referral.name.kk,
        "Адамдарға жұмыспен қамтуға жәрдемдесудің белсенді нысандарына қатысуға жолдама беру"
    );
}

#[test]
fn online_means_a_portal_channel_somewhere() {
    let online: BTreeSet<&str> = catalogue()
        .online_services()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        online,
        BTreeSet::from([
            "active_employment_referral",
            "job_seeker_registration",
            "targeted_assistance_recipient_certificate",
        ])
    );
    for service in &catalogue().services {
        for channel in service.variants.iter().flat_map(|v| &v.channels) {
            assert_eq!(
                channel.accepts_online_application,
                channel.kind == ChannelKind::EgovPortal
            );
        }
    }
}

fn channel_deadline(
    service: &str,
    region: &str,
    kind: ChannelKind,
) -> egov_domain::deadline::Deadline {
    catalogue()
        .service_in_region(&ServiceId::new(service), &RegionId::new(region))
        .and_then(|v| v.channel(kind).cloned())
        .unwrap_or_else(|| panic!("{service} / {region} / {kind:?}"))
        .deadline
}

#[test]
fn stated_deadlines_keep_the_regulations_figure_and_our_sum_beside_it() {
    let office = channel_deadline(
        "active_employment_referral",
        "national_standard",
        ChannelKind::ProviderOffice,
    );
    assert_eq!(office.basis, DeadlineBasis::Stated);
    assert_eq!(office.stated.unwrap().max, MaxDuration::minutes(30));
    assert_eq!(
        office.summed,
        Some(DurationSum {
            working_days: 0,
            minutes: 40
        })
    );

    let portal = channel_deadline(
        "active_employment_referral",
        "national_standard",
        ChannelKind::EgovPortal,
    );
    assert_eq!(portal.stated.unwrap().max, MaxDuration::working_days(1));

    let aktogay = channel_deadline(
        "active_employment_referral",
        "karaganda_aktogay",
        ChannelKind::ProviderOffice,
    );
    assert_eq!(aktogay.basis, DeadlineBasis::Stated);
    assert_eq!(aktogay.stated.unwrap().max, MaxDuration::minutes(30));
}

#[test]
fn summed_deadlines_mix_working_days_and_minutes() {
    let cases = [
        (
            "targeted_social_assistance",
            ChannelKind::ProviderOffice,
            6,
            90,
        ),
        (
            "targeted_social_assistance",
            ChannelKind::RuralAkim,
            17,
            105,
        ),
        ("child_benefit_under_18", ChannelKind::RuralAkim, 17, 105),
        (
            "special_social_services_medical_institution",
            ChannelKind::ProviderOffice,
            16,
            120,
        ),
        (
            "special_social_services_home_care",
            ChannelKind::ProviderOffice,
            13,
            120,
        ),
        (
            "rural_specialists_fuel_assistance",
            ChannelKind::ProviderOffice,
            9,
            90,
        ),
        (
            "rural_specialists_fuel_assistance",
            ChannelKind::RuralAkim,
            14,
            105,
        ),
        (
            "targeted_assistance_recipient_certificate",
            ChannelKind::RuralAkim,
            0,
            15,
        ),
    ];
    for (service, kind, working_days, minutes) in cases {
        let deadline = channel_deadline(service, "karaganda", kind);
        assert_eq!(deadline.basis, DeadlineBasis::Summed, "{service} {kind:?}");
        assert_eq!(
            deadline.summed,
            Some(DurationSum {
                working_days,
                minutes
            }),
            "{service} {kind:?}"
        );
    }
}

#[test]
fn state_corporation_times_only_its_own_steps_so_no_deadline_is_claimed() {
    for service in [
        "targeted_social_assistance",
        "child_benefit_under_18",
        "targeted_assistance_recipient_certificate",
        "rural_specialists_fuel_assistance",
    ] {
        let deadline = channel_deadline(service, "karaganda", ChannelKind::StateCorporation);
        assert_eq!(deadline.basis, DeadlineBasis::NotGiven, "{service}");
        assert_eq!(
            deadline.summed,
            Some(DurationSum {
                working_days: 0,
                minutes: 13
            })
        );
    }
}

#[test]
fn step_durations_keep_the_unit_the_seed_uses() {
    let view = catalogue()
        .service_in_region(
            &ServiceId::new("active_employment_referral"),
            &RegionId::new("national_standard"),
        )
        .unwrap();
    let portal = view.channel(ChannelKind::EgovPortal).unwrap();
    let durations: Vec<MaxDuration> = portal
        .steps
        .iter()
        .filter_map(|s| s.step.max_duration)
        .collect();
    assert_eq!(
        durations,
        [
            MaxDuration::hours(1),
            MaxDuration::hours(5),
            MaxDuration::hours(1),
            MaxDuration::minutes(30),
            MaxDuration::minutes(30),
        ]
    );
    let units: Vec<DurationUnit> = catalogue()
        .services
        .iter()
        .flat_map(|s| &s.variants)
        .flat_map(|v| &v.channels)
        .flat_map(|c| &c.steps)
        .filter_map(|s| s.max_duration)
        .map(|d| d.unit)
        .collect();
    for unit in [
        DurationUnit::Minutes,
        DurationUnit::Hours,
        DurationUnit::WorkingDays,
    ] {
        assert!(units.contains(&unit), "{unit:?}");
    }
}

#[test]
fn fuel_akim_route_records_the_regulations_two_figures_for_the_heads_signature() {
    let view = catalogue()
        .service_in_region(
            &ServiceId::new("rural_specialists_fuel_assistance"),
            &karaganda(),
        )
        .unwrap();
    let akim = view.channel(ChannelKind::RuralAkim).unwrap();
    let conflicting: Vec<_> = akim
        .steps
        .iter()
        .filter_map(|s| Some((s.step.max_duration?, s.step.conflicting_duration.clone()?)))
        .collect();
    assert_eq!(conflicting.len(), 1);
    assert_eq!(conflicting[0].0, MaxDuration::hours(1));
    assert_eq!(conflicting[0].1.max, MaxDuration::working_days(1));
}

#[test]
fn steps_name_actor_and_action_in_three_languages_and_quote_the_seed() {
    for region in &catalogue().regions {
        for view in catalogue().for_region(&region.id) {
            for step in view.channels.iter().flat_map(|c| &c.steps) {
                assert!(!step.step.wording.text.is_empty());
                for name in [&step.actor_name, &step.action_name] {
                    assert!(!name.kk.is_empty() && !name.ru.is_empty() && !name.en.is_empty());
                }
                assert!(catalogue().actor(&step.step.actor).is_some());
                assert!(catalogue().step_action(&step.step.action).is_some());
            }
        }
    }
}

#[test]
fn kazakh_text_uses_cyrillic_i_not_latin() {
    let json = serde_json::to_string(catalogue()).unwrap();
    let cyrillic = |c: char| ('\u{0400}'..='\u{04FF}').contains(&c);
    let chars: Vec<char> = json.chars().collect();
    for window in chars.windows(2) {
        let mixed =
            (window[0] == 'i' && cyrillic(window[1])) || (cyrillic(window[0]) && window[1] == 'i');
        assert!(
            !mixed,
            "Latin i inside a Cyrillic word: {}{}",
            window[0], window[1]
        );
    }
}
