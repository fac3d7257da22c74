//! The embedded catalogue is internally consistent, and the checks catch real mistakes.

use egov_domain::catalogue::{Catalogue, IntegrityProblem, ResultId};
use egov_domain::deadline::{DeadlineBasis, DurationSum};
use egov_domain::documents::DocumentId;
use egov_domain::eligibility::EligibilityRule;
use egov_domain::procedure::ActorId;
use egov_domain::provenance::SeedFile;

#[test]
fn embedded_catalogue_has_no_integrity_issues() {
    let issues = Catalogue::shared().integrity_issues();
    assert!(issues.is_empty(), "{issues:#?}");
}

/// Applies `mistake` to a copy of the embedded catalogue and returns the problems found.
fn problems_after(mistake: impl FnOnce(&mut Catalogue)) -> Vec<IntegrityProblem> {
    let mut catalogue = Catalogue::embedded();
    mistake(&mut catalogue);
    catalogue
        .integrity_issues()
        .into_iter()
        .map(|i| i.problem)
        .collect()
}

fn referral(c: &mut Catalogue) -> &mut egov_domain::catalogue::Service {
    c.services
        .iter_mut()
        .find(|s| s.id.as_str() == "active_employment_referral")
        .unwrap()
}

#[test]
fn a_step_citing_another_seed_is_caught() {
    let problems = problems_after(|c| {
        let step = &mut referral(c).variants[0].channels[0].steps[0];
        step.source.seed = SeedFile::new("004_95a6d7c2b4c359dc.txt");
    });
    assert_eq!(problems, [IntegrityProblem::SourceMismatch]);
}

#[test]
fn a_sum_that_does_not_add_up_is_caught() {
    let problems = problems_after(|c| {
        referral(c).variants[0].channels[0].deadline.summed = Some(DurationSum {
            working_days: 0,
            minutes: 41,
        });
    });
    assert_eq!(problems, [IntegrityProblem::DeadlineSumMismatch]);
}

#[test]
fn a_stated_basis_without_a_stated_figure_is_caught() {
    let problems = problems_after(|c| {
        let channel = &mut referral(c).variants[1].channels[0];
        assert_eq!(channel.deadline.basis, DeadlineBasis::Summed);
        channel.deadline.basis = DeadlineBasis::Stated;
    });
    assert_eq!(problems, [IntegrityProblem::DeadlineBasisMismatch]);
}

#[test]
fn an_online_flag_contradicting_the_channels_is_caught() {
    let problems = problems_after(|c| referral(c).online = false);
    assert_eq!(problems, [IntegrityProblem::OnlineFlagMismatch]);
}

#[test]
fn dangling_references_are_caught() {
    let problems = problems_after(|c| {
        let variant = &mut referral(c).variants[0];
        variant.documents[0].document = DocumentId::new("birth_certificate");
        variant.channels[0].steps[0].actor = ActorId::new("nobody");
    });
    assert!(problems.contains(&IntegrityProblem::UnknownDocument));
    assert!(problems.contains(&IntegrityProblem::UnknownActor));
}

#[test]
fn an_exception_for_a_result_the_region_lacks_is_caught() {
    let problems = problems_after(|c| {
        let aktogay = referral(c)
            .variants
            .iter_mut()
            .find(|v| v.region().as_str() == "karaganda_aktogay")
            .unwrap();
        for rule in &mut aktogay.eligibility {
            if let EligibilityRule::RequiresAnyFact { except_results, .. } = rule {
                except_results.push(ResultId::new("lottery_win"));
            }
        }
    });
    assert_eq!(problems, [IntegrityProblem::UnknownResult]);
}

#[test]
fn blank_translations_and_duplicate_regions_are_caught() {
    let problems = problems_after(|c| {
        let service = referral(c);
        service.name.kk.clear();
        let copy = service.variants[0].clone();
        service.variants.push(copy);
    });
    assert!(problems.contains(&IntegrityProblem::EmptyText));
    assert!(problems.contains(&IntegrityProblem::DuplicateId));
}

#[test]
fn the_original_minimal_format_still_parses() {
    let json = r#"{"services":[{"id":"x","name":{"kk":"a","ru":"b","en":"c"},"online":true}]}"#;
    let catalogue = Catalogue::from_json(json).unwrap();
    assert_eq!(catalogue.online_services().count(), 1);
    let problems: Vec<_> = catalogue
        .integrity_issues()
        .into_iter()
        .map(|i| i.problem)
        .collect();
    assert!(problems.contains(&IntegrityProblem::MissingVariants));
}

#[test]
fn the_catalogue_round_trips_through_json() {
    let catalogue = Catalogue::embedded();
    let json = serde_json::to_string(&catalogue).unwrap();
    assert_eq!(Catalogue::from_json(&json).unwrap(), catalogue);
}

fn aktogay_office(c: &mut Catalogue) -> &mut egov_domain::procedure::Channel {
    referral(c)
        .variants
        .iter_mut()
        .find(|v| v.source.region.as_str() == "karaganda_aktogay")
        .unwrap()
        .channels
        .iter_mut()
        .find(|ch| ch.contact.is_some())
        .unwrap()
}

#[test]
fn every_fact_shown_carries_its_seed_paragraph() {
    use egov_domain::procedure::ContactFact;
    let catalogue = Catalogue::shared();
    let mut facts = 0;
    for service in &catalogue.services {
        for variant in &service.variants {
            let seed = &variant.source.seed;
            let mut cited = |at: Option<&egov_domain::catalogue::SeedRef>, what: &str| {
                let at = at.unwrap_or_else(|| panic!("{} {what}: no seed reference", service.id));
                assert_eq!(&at.seed, seed, "{} {what}", service.id);
                assert!(!at.paragraph.is_empty(), "{} {what}", service.id);
                facts += 1;
            };
            cited(variant.provider.at.as_ref(), "provider");
            for document in &variant.documents {
                cited(document.at.as_ref(), document.document.as_str());
            }
            for ground in &variant.grounds {
                cited(Some(&ground.at), "ground");
            }
            for channel in &variant.channels {
                if let Some(contact) = &channel.contact {
                    for fact in contact.facts() {
                        cited(contact.cite(fact), &format!("{fact:?}"));
                    }
                }
                if let Some(limit) = &channel.waiting_limit {
                    cited(Some(&limit.at), "waiting limit");
                }
            }
        }
    }
    assert!(facts > 50, "{facts}");
    // Seed 003 para 8 gives Aktogay's address and hours, para 9 its website, 10.2 the wait.
    let mut c = Catalogue::embedded();
    let office = aktogay_office(&mut c);
    let contact = office.contact.as_ref().unwrap();
    assert_eq!(contact.cite(ContactFact::Address).unwrap().paragraph, "8");
    assert_eq!(
        contact.cite(ContactFact::OpeningHours).unwrap().paragraph,
        "8"
    );
    assert_eq!(contact.cite(ContactFact::Website).unwrap().paragraph, "9");
    assert_eq!(office.waiting_limit.as_ref().unwrap().at.paragraph, "10.2");
}

#[test]
fn an_address_or_hours_without_a_paragraph_is_refused() {
    use egov_domain::procedure::ContactFact;
    for fact in [
        ContactFact::Address,
        ContactFact::OpeningHours,
        ContactFact::Phone,
    ] {
        let problems = problems_after(|c| {
            let contact = aktogay_office(c).contact.as_mut().unwrap();
            contact.cites.retain(|cite| cite.fact != fact);
        });
        assert_eq!(problems, [IntegrityProblem::UncitedFact], "{fact:?}");
    }
}

#[test]
fn a_ground_or_document_without_a_paragraph_is_refused() {
    let problems = problems_after(|c| {
        referral(c).variants[0].grounds[0].at.paragraph = String::new();
    });
    assert_eq!(problems, [IntegrityProblem::UncitedFact]);
    let problems = problems_after(|c| referral(c).variants[0].documents[0].at = None);
    assert_eq!(problems, [IntegrityProblem::UncitedFact]);
}

#[test]
fn a_kazakh_name_needs_a_seed_reference_or_the_translation_mark() {
    let unemployed = |c: &mut Catalogue| {
        c.services
            .iter_mut()
            .find(|s| s.id.as_str() == "unemployed_registration")
            .unwrap()
            .name
            .kk_translated = false;
    };
    assert_eq!(
        problems_after(unemployed),
        [IntegrityProblem::UnmarkedTranslation]
    );
    let problems = problems_after(|c| referral(c).name.kk_source = None);
    assert_eq!(problems, [IntegrityProblem::UnmarkedTranslation]);
    // Marked as ours, it passes without a reference.
    let problems = problems_after(|c| {
        let name = &mut referral(c).name;
        name.kk_source = None;
        name.kk_translated = true;
    });
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_cross_reference_must_name_the_standard() {
    let problems = problems_after(|c| {
        let document = referral(c).variants[0]
            .documents
            .iter_mut()
            .find(|d| d.document.as_str() == "standard_para9_package")
            .unwrap();
        document.cross_reference = None;
    });
    assert_eq!(problems, [IntegrityProblem::MissingCrossReference]);
}
