//! Documents by applicant category, required or conditional, as the seeds give them.

use egov_domain::catalogue::{Catalogue, ServiceId, ServiceView};
use egov_domain::documents::{documents_for_category, documents_to_bring, DocumentNeed};
use egov_domain::procedure::ChannelKind;
use egov_domain::profile::{ApplicantCategory, ApplicantFact, ApplicantProfile};
use egov_domain::region::RegionId;
use std::collections::BTreeSet;

fn view(service: &str, region: &str) -> ServiceView {
    Catalogue::shared()
        .service_in_region(&ServiceId::new(service), &RegionId::new(region))
        .unwrap()
}

fn aktogay_referral() -> ServiceView {
    view("active_employment_referral", "karaganda_aktogay")
}

fn ids_for(category: ApplicantCategory) -> BTreeSet<String> {
    documents_for_category(&aktogay_referral(), category)
        .map(|d| d.requirement.document.to_string())
        .collect()
}

const COMMON: [&str; 5] = [
    "identity_document",
    "labour_activity_documents",
    "professional_qualification_document",
    "education_document",
    "application",
];

#[test]
fn each_category_has_its_own_extra_document() {
    let extra = [
        (ApplicantCategory::Citizen, None),
        (
            ApplicantCategory::ForeignerWithResidencePermit,
            Some("foreigner_residence_permit"),
        ),
        (
            ApplicantCategory::StatelessPerson,
            Some("stateless_person_certificate"),
        ),
        (ApplicantCategory::Kandas, Some("oralman_certificate")),
    ];
    for (category, own) in extra {
        let mut expected: BTreeSet<String> = COMMON.map(String::from).into_iter().collect();
        expected.extend(own.map(String::from));
        assert_eq!(ids_for(category), expected, "{category:?}");
    }
}

#[test]
fn conditional_documents_carry_their_condition_code() {
    let referral = aktogay_referral();
    let need_of = |id: &str| {
        referral
            .documents
            .iter()
            .find(|d| d.requirement.document.as_str() == id)
            .map(|d| d.requirement.need)
            .unwrap()
    };
    assert_eq!(
        need_of("professional_qualification_document"),
        DocumentNeed::Conditional {
            condition: ApplicantFact::HasQualification
        }
    );
    assert_eq!(
        need_of("education_document"),
        DocumentNeed::Conditional {
            condition: ApplicantFact::FirstJobSeekerWithoutProfession
        }
    );
    assert_eq!(need_of("identity_document"), DocumentNeed::Required);
    let json = serde_json::to_value(need_of("professional_qualification_document")).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"kind": "conditional", "condition": "has_qualification"})
    );
}

#[test]
fn conditions_are_resolved_against_the_applicant() {
    let referral = aktogay_referral();
    let bring = |applicant: &ApplicantProfile| -> BTreeSet<String> {
        documents_to_bring(&referral, applicant, ChannelKind::ProviderOffice)
            .map(|d| d.requirement.document.to_string())
            .collect()
    };
    let plain = ApplicantProfile::new(ApplicantCategory::Citizen);
    assert!(!bring(&plain).contains("professional_qualification_document"));
    assert!(!bring(&plain).contains("education_document"));

    let first_job = ApplicantProfile::new(ApplicantCategory::Kandas)
        .with(ApplicantFact::FirstJobSeekerWithoutProfession);
    let docs = bring(&first_job);
    assert!(docs.contains("education_document"));
    assert!(docs.contains("oralman_certificate"));
    assert!(!docs.contains("professional_qualification_document"));

    let qualified = plain.clone().with(ApplicantFact::HasQualification);
    assert!(bring(&qualified).contains("professional_qualification_document"));
}

#[test]
fn power_of_attorney_only_at_the_state_corporation_and_only_for_a_representative() {
    let assistance = view("targeted_social_assistance", "karaganda");
    let has_poa = |applicant: &ApplicantProfile, channel| {
        documents_to_bring(&assistance, applicant, channel)
            .any(|d| d.requirement.document.as_str() == "power_of_attorney")
    };
    let representative = ApplicantProfile::new(ApplicantCategory::Citizen)
        .with(ApplicantFact::AppliesThroughRepresentative);
    let in_person = ApplicantProfile::new(ApplicantCategory::Citizen);
    assert!(has_poa(&representative, ChannelKind::StateCorporation));
    assert!(!has_poa(&representative, ChannelKind::ProviderOffice));
    assert!(!has_poa(&in_person, ChannelKind::StateCorporation));
}

#[test]
fn portal_documents_belong_to_the_portal_only() {
    let certificate = view("targeted_assistance_recipient_certificate", "karaganda");
    let citizen = ApplicantProfile::new(ApplicantCategory::Citizen);
    let ids = |channel| -> BTreeSet<String> {
        documents_to_bring(&certificate, &citizen, channel)
            .map(|d| d.requirement.document.to_string())
            .collect()
    };
    assert!(ids(ChannelKind::EgovPortal).contains("electronic_request"));
    assert!(!ids(ChannelKind::EgovPortal).contains("application"));
    assert!(!ids(ChannelKind::ProviderOffice).contains("electronic_request"));
    assert!(ids(ChannelKind::ProviderOffice).contains("application"));
}

#[test]
fn documents_translated_by_us_are_marked() {
    let catalogue = Catalogue::shared();
    let doc = |id: &str| {
        catalogue
            .documents
            .iter()
            .find(|d| d.id.as_str() == id)
            .unwrap()
    };
    // Seed 003 (Kazakh) is the only list: its documents have no Russian wording in any seed.
    assert!(doc("labour_activity_documents").name.ru_translated);
    assert!(!doc("labour_activity_documents").name.kk_translated);
    // Portal documents appear only in Russian seeds.
    assert!(doc("ecp_registration_certificate").name.kk_translated);
    // Both wordings exist in the seeds (000 in Russian, 003 in Kazakh).
    assert!(!doc("identity_document").name.kk_translated);
    assert!(!doc("identity_document").name.ru_translated);
}

#[test]
fn four_applicant_categories_in_three_languages() {
    let catalogue = Catalogue::shared();
    let ids: Vec<ApplicantCategory> = catalogue
        .applicant_categories
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids.len(), 4);
    for category in ApplicantCategory::ALL {
        assert!(ids.contains(&category));
    }
}

#[test]
fn karaganda_unemployed_registration_names_standard_279_of_28_april_2015() {
    let service = egov_domain::Catalogue::shared()
        .service_in_region(
            &egov_domain::ServiceId::new("unemployed_registration"),
            &egov_domain::RegionId::new("karaganda"),
        )
        .unwrap();
    let list = egov_domain::documents::checklist(
        &service,
        ChannelKind::ProviderOffice,
        Some(&ApplicantProfile::new(ApplicantCategory::Citizen)),
    );
    assert_eq!(list.len(), 1);
    let standard = list[0].requirement.cross_reference.as_ref().unwrap();
    assert_eq!(
        (
            standard.number.as_str(),
            standard.date.as_str(),
            standard.paragraph.as_str()
        ),
        ("279", "2015-04-28", "9")
    );
    assert_eq!(
        standard.title.text,
        "Регистрация лиц, ищущих работу, в качестве безработного"
    );
}

#[test]
fn the_office_checklist_follows_who_applies() {
    use egov_domain::documents::checklist;
    let referral = aktogay_referral();
    let ids = |applicant: &ApplicantProfile| {
        checklist(&referral, ChannelKind::ProviderOffice, Some(applicant))
            .iter()
            .map(|d| d.requirement.document.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    let citizen = ids(&ApplicantProfile::new(ApplicantCategory::Citizen));
    assert_eq!(
        citizen,
        [
            "identity_document",
            "labour_activity_documents",
            "application"
        ]
    );
    let foreigner = ids(
        &ApplicantProfile::new(ApplicantCategory::ForeignerWithResidencePermit)
            .with(ApplicantFact::FirstJobSeekerWithoutProfession),
    );
    assert!(foreigner.contains(&"foreigner_residence_permit".to_owned()));
    assert!(foreigner.contains(&"education_document".to_owned()));
    // Before anyone is asked (the card), every document with its condition.
    assert_eq!(
        checklist(&referral, ChannelKind::ProviderOffice, None).len(),
        8
    );
}
