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
