//! Consistency of a catalogue: references resolve, provenance agrees, deadlines add up.
//!
//! The JSON is edited by hand from the seeds, so these checks stand between a typo and a citizen
//! being told the wrong deadline.

use super::{Catalogue, Service, ServiceVariant};
use crate::deadline::DeadlineBasis;
use crate::eligibility::{EligibilityRule, ReasonCode};
use crate::locale::LocalizedText;
use crate::procedure::{Channel, ChannelKind};
use crate::provenance::{SeedRef, Source};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrityProblem {
    DuplicateId,
    EmptyText,
    UnknownSeed,
    UnknownRegion,
    UnknownActor,
    UnknownStepAction,
    UnknownDocument,
    UnknownResult,
    /// An item names a seed or region other than its variant's.
    SourceMismatch,
    /// A variant's seed is not the seed of its region.
    RegionSeedMismatch,
    MissingVariants,
    MissingResults,
    MissingChannels,
    MissingSteps,
    StepsOutOfOrder,
    /// `online` or `accepts_online_application` disagrees with the channels.
    OnlineFlagMismatch,
    /// `basis` disagrees with whether a stated or summed total is present.
    DeadlineBasisMismatch,
    /// `summed` is not the sum of the step maxima.
    DeadlineSumMismatch,
    RuleWithoutFacts,
    RuleReasonNotARequirement,
    /// A fact shown to the citizen (an address, hours, a ground, a document, the provider)
    /// without the seed paragraph it comes from.
    UncitedFact,
    /// A Kazakh name with neither a seed reference (`kk_source`) nor the translation mark.
    UnmarkedTranslation,
    /// A requirement of a cross-reference document that does not name the act referred to.
    MissingCrossReference,
}

/// One problem, with the path of the offending item (e.g.
/// `services[active_employment_referral].variants[kyzylorda].channels[egov_portal].steps[3]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrityIssue {
    pub path: String,
    pub problem: IntegrityProblem,
}

pub(super) fn check(catalogue: &Catalogue) -> Vec<IntegrityIssue> {
    let mut issues = Issues::default();
    check_dictionaries(catalogue, &mut issues);
    check_unique(
        catalogue.services.iter().map(|s| &s.id),
        "services",
        &mut issues,
    );
    for service in &catalogue.services {
        check_service(catalogue, service, &mut issues);
    }
    for withdrawn in &catalogue.withdrawn_services {
        let path = format!("withdrawn_services[{}]", withdrawn.id);
        issues.text(&withdrawn.name, &path);
        check_known_source(catalogue, &withdrawn.source, &path, &mut issues);
    }
    issues.0
}

#[derive(Default)]
struct Issues(Vec<IntegrityIssue>);

impl Issues {
    fn push(&mut self, path: impl Into<String>, problem: IntegrityProblem) {
        self.0.push(IntegrityIssue {
            path: path.into(),
            problem,
        });
    }

    fn require(&mut self, ok: bool, path: &str, problem: IntegrityProblem) {
        if !ok {
            self.push(path, problem);
        }
    }

    fn text(&mut self, text: &LocalizedText, path: &str) {
        let blank = [&text.kk, &text.ru, &text.en]
            .iter()
            .any(|s| s.trim().is_empty());
        self.require(!blank, path, IntegrityProblem::EmptyText);
    }
}

fn check_unique<'a, T: Eq + Hash + Display + 'a>(
    ids: impl Iterator<Item = &'a T>,
    path: &str,
    issues: &mut Issues,
) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            issues.push(format!("{path}[{id}]"), IntegrityProblem::DuplicateId);
        }
    }
}

fn check_dictionaries(catalogue: &Catalogue, issues: &mut Issues) {
    check_unique(catalogue.seeds.iter().map(|s| &s.file), "seeds", issues);
    check_unique(catalogue.regions.iter().map(|r| &r.id), "regions", issues);
    check_unique(
        catalogue.regions.iter().map(|r| &r.seed),
        "regions.seed",
        issues,
    );
    check_unique(
        catalogue.documents.iter().map(|d| &d.id),
        "documents",
        issues,
    );
    check_unique(catalogue.actors.iter().map(|a| &a.id), "actors", issues);
    check_unique(
        catalogue.step_actions.iter().map(|a| &a.id),
        "step_actions",
        issues,
    );
    let known_seed = |seed| catalogue.seeds.iter().any(|s| &s.file == seed);
    for region in &catalogue.regions {
        let path = format!("regions[{}]", region.id);
        issues.text(&region.name, &path);
        issues.require(
            known_seed(&region.seed),
            &path,
            IntegrityProblem::UnknownSeed,
        );
    }
    for category in &catalogue.applicant_categories {
        let path = format!("applicant_categories[{:?}]", category.id);
        issues.text(&category.name, &path);
        for seed in &category.sources {
            issues.require(known_seed(seed), &path, IntegrityProblem::UnknownSeed);
        }
    }
    for document in &catalogue.documents {
        let path = format!("documents[{}]", document.id);
        issues.text(&document.name, &path);
        for seed in &document.sources {
            issues.require(known_seed(seed), &path, IntegrityProblem::UnknownSeed);
        }
    }
    for actor in &catalogue.actors {
        issues.text(&actor.name, &format!("actors[{}]", actor.id));
    }
    for action in &catalogue.step_actions {
        issues.text(&action.name, &format!("step_actions[{}]", action.id));
    }
}

fn check_known_source(catalogue: &Catalogue, source: &Source, path: &str, issues: &mut Issues) {
    match catalogue.region(&source.region) {
        None => issues.push(path, IntegrityProblem::UnknownRegion),
        Some(region) => issues.require(
            region.seed == source.seed,
            path,
            IntegrityProblem::RegionSeedMismatch,
        ),
    }
}

/// A name shown as the regulation's: its Kazakh wording is either quoted (with the seed paragraph)
/// or marked as our translation.
fn check_kk_name(catalogue: &Catalogue, name: &LocalizedText, path: &str, issues: &mut Issues) {
    match &name.kk_source {
        Some(at) => check_cite(catalogue, at, None, path, issues),
        None => issues.require(
            name.kk_translated,
            path,
            IntegrityProblem::UnmarkedTranslation,
        ),
    }
}

/// A seed reference names a known seed (the variant's own, where `own` is given) and a
/// paragraph.
fn check_cite(
    catalogue: &Catalogue,
    at: &SeedRef,
    own: Option<&Source>,
    path: &str,
    issues: &mut Issues,
) {
    issues.require(
        catalogue.seeds.iter().any(|s| s.file == at.seed),
        path,
        IntegrityProblem::UnknownSeed,
    );
    if let Some(own) = own {
        issues.require(at.seed == own.seed, path, IntegrityProblem::SourceMismatch);
    }
    issues.require(
        !at.paragraph.trim().is_empty(),
        path,
        IntegrityProblem::UncitedFact,
    );
}

fn check_optional_cite(
    catalogue: &Catalogue,
    at: Option<&SeedRef>,
    own: &Source,
    path: &str,
    issues: &mut Issues,
) {
    match at {
        Some(at) => check_cite(catalogue, at, Some(own), path, issues),
        None => issues.push(path, IntegrityProblem::UncitedFact),
    }
}

fn check_service(catalogue: &Catalogue, service: &Service, issues: &mut Issues) {
    let path = format!("services[{}]", service.id);
    issues.text(&service.name, &path);
    check_kk_name(catalogue, &service.name, &format!("{path}.name"), issues);
    issues.require(
        !service.variants.is_empty(),
        &path,
        IntegrityProblem::MissingVariants,
    );
    issues.require(
        service.online
            == service
                .variants
                .iter()
                .any(|v| v.accepts_online_application()),
        &path,
        IntegrityProblem::OnlineFlagMismatch,
    );
    check_unique(
        service.variants.iter().map(ServiceVariant::region),
        &format!("{path}.variants"),
        issues,
    );
    for variant in &service.variants {
        let path = format!("{path}.variants[{}]", variant.region());
        check_variant(catalogue, variant, &path, issues);
    }
}

fn check_variant(catalogue: &Catalogue, variant: &ServiceVariant, path: &str, issues: &mut Issues) {
    check_known_source(catalogue, &variant.source, path, issues);
    let mut same_source = |source: &Source, path: &str| {
        issues.require(
            source == &variant.source,
            path,
            IntegrityProblem::SourceMismatch,
        )
    };
    same_source(&variant.provider.source, &format!("{path}.provider"));
    for result in &variant.results {
        same_source(&result.source, &format!("{path}.results[{}]", result.id));
    }
    for document in &variant.documents {
        same_source(
            &document.source,
            &format!("{path}.documents[{}]", document.document),
        );
    }
    for (i, rule) in variant.eligibility.iter().enumerate() {
        same_source(rule.source(), &format!("{path}.eligibility[{i}]"));
    }

    if let Some(name) = &variant.name {
        issues.text(name, path);
        check_kk_name(catalogue, name, &format!("{path}.name"), issues);
    }
    issues.text(&variant.provider.name, &format!("{path}.provider"));
    check_optional_cite(
        catalogue,
        variant.provider.at.as_ref(),
        &variant.source,
        &format!("{path}.provider"),
        issues,
    );
    for (i, ground) in variant.grounds.iter().enumerate() {
        let path = format!("{path}.grounds[{i}]");
        check_cite(catalogue, &ground.at, Some(&variant.source), &path, issues);
        issues.require(
            !ground.wording.text.trim().is_empty(),
            &path,
            IntegrityProblem::EmptyText,
        );
    }
    issues.require(
        !variant.results.is_empty(),
        path,
        IntegrityProblem::MissingResults,
    );
    check_unique(
        variant.results.iter().map(|r| &r.id),
        &format!("{path}.results"),
        issues,
    );
    for result in &variant.results {
        issues.text(&result.name, &format!("{path}.results[{}]", result.id));
    }
    check_unique(
        variant.documents.iter().map(|d| &d.document),
        &format!("{path}.documents"),
        issues,
    );
    for document in &variant.documents {
        let path = format!("{path}.documents[{}]", document.document);
        let known = catalogue.document(&document.document);
        issues.require(known.is_some(), &path, IntegrityProblem::UnknownDocument);
        check_optional_cite(
            catalogue,
            document.at.as_ref(),
            &variant.source,
            &path,
            issues,
        );
        if known.is_some_and(|d| d.is_cross_reference) {
            issues.require(
                document.cross_reference.as_ref().is_some_and(|x| {
                    ![
                        &x.paragraph,
                        &x.title.text,
                        &x.approved_by.text,
                        &x.number,
                        &x.date,
                    ]
                    .iter()
                    .any(|t| t.trim().is_empty())
                }),
                &path,
                IntegrityProblem::MissingCrossReference,
            );
        }
    }
    for (i, rule) in variant.eligibility.iter().enumerate() {
        check_rule(variant, rule, &format!("{path}.eligibility[{i}]"), issues);
    }

    issues.require(
        !variant.channels.is_empty(),
        path,
        IntegrityProblem::MissingChannels,
    );
    let kinds: Vec<ChannelKind> = variant.channels.iter().map(|c| c.kind).collect();
    let mut distinct = kinds.clone();
    distinct.sort();
    distinct.dedup();
    issues.require(
        distinct.len() == kinds.len(),
        &format!("{path}.channels"),
        IntegrityProblem::DuplicateId,
    );
    for channel in &variant.channels {
        let path = format!("{path}.channels[{}]", channel_key(channel.kind));
        check_channel(catalogue, variant, channel, &path, issues);
    }
}

fn check_rule(variant: &ServiceVariant, rule: &EligibilityRule, path: &str, issues: &mut Issues) {
    match rule {
        EligibilityRule::RequiresAnyFact {
            facts,
            reason,
            except_results,
            ..
        } => {
            issues.require(!facts.is_empty(), path, IntegrityProblem::RuleWithoutFacts);
            let is_requirement = matches!(
                reason,
                ReasonCode::RequiresUnemployedRegistration
                    | ReasonCode::RequiresJobSeekerOrUnemployedRegistration
                    | ReasonCode::RequiresRuralSocialSphereSpecialist
                    | ReasonCode::RequiresChildUnder18
            );
            issues.require(
                is_requirement,
                path,
                IntegrityProblem::RuleReasonNotARequirement,
            );
            for result in except_results {
                issues.require(
                    variant.results.iter().any(|r| &r.id == result),
                    &format!("{path}.except_results[{result}]"),
                    IntegrityProblem::UnknownResult,
                );
            }
        }
        EligibilityRule::ServedCategories { categories, .. } => {
            issues.require(
                !categories.is_empty(),
                path,
                IntegrityProblem::RuleWithoutFacts,
            );
        }
    }
}

fn check_channel(
    catalogue: &Catalogue,
    variant: &ServiceVariant,
    channel: &Channel,
    path: &str,
    issues: &mut Issues,
) {
    issues.text(&channel.name, path);
    issues.require(
        channel.source == variant.source,
        path,
        IntegrityProblem::SourceMismatch,
    );
    issues.require(
        channel.accepts_online_application == (channel.kind == ChannelKind::EgovPortal),
        path,
        IntegrityProblem::OnlineFlagMismatch,
    );
    issues.require(
        !channel.steps.is_empty(),
        path,
        IntegrityProblem::MissingSteps,
    );
    issues.require(
        channel.steps.windows(2).all(|w| w[0].n < w[1].n),
        path,
        IntegrityProblem::StepsOutOfOrder,
    );
    if let Some(contact) = &channel.contact {
        for fact in contact.facts() {
            check_optional_cite(
                catalogue,
                contact.cite(fact),
                &variant.source,
                &format!("{path}.contact.{fact:?}"),
                issues,
            );
        }
    }
    if let Some(limit) = &channel.waiting_limit {
        let path = format!("{path}.waiting_limit");
        check_cite(catalogue, &limit.at, Some(&variant.source), &path, issues);
    }
    if let Some(condition) = &channel.availability_wording {
        let path = format!("{path}.availability_wording");
        check_cite(
            catalogue,
            &condition.at,
            Some(&variant.source),
            &path,
            issues,
        );
    }
    issues.require(
        channel.availability.is_none() || channel.availability_wording.is_some(),
        path,
        IntegrityProblem::UncitedFact,
    );
    for step in &channel.steps {
        let path = format!("{path}.steps[{}]", step.n);
        issues.require(
            step.source == variant.source,
            &path,
            IntegrityProblem::SourceMismatch,
        );
        issues.require(
            catalogue.actor(&step.actor).is_some(),
            &path,
            IntegrityProblem::UnknownActor,
        );
        issues.require(
            catalogue.step_action(&step.action).is_some(),
            &path,
            IntegrityProblem::UnknownStepAction,
        );
    }

    let deadline = &channel.deadline;
    let basis_agrees = match deadline.basis {
        DeadlineBasis::Stated => deadline.stated.is_some(),
        DeadlineBasis::Summed => deadline.stated.is_none() && deadline.summed.is_some(),
        DeadlineBasis::NotGiven => deadline.stated.is_none(),
    };
    let path = format!("{path}.deadline");
    issues.require(basis_agrees, &path, IntegrityProblem::DeadlineBasisMismatch);
    issues.require(
        deadline.summed == channel.sum_of_steps(),
        &path,
        IntegrityProblem::DeadlineSumMismatch,
    );
}

fn channel_key(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::EgovPortal => "egov_portal",
        ChannelKind::ProviderOffice => "provider_office",
        ChannelKind::StateCorporation => "state_corporation",
        ChannelKind::RuralAkim => "rural_akim",
    }
}
