//! Which status may follow which, per the regulations' steps: the office registers the
//! application, assigns an executor, checks it against the labour-market system, the head signs,
//! and the result is issued; or, at any step before the result, a motivated refusal.

use crate::status::ApplicationStatus;

/// The positive path, in order: every status but the refusal, which may come at any step.
pub const PATH: &[ApplicationStatus] = match ApplicationStatus::ALL.split_last() {
    Some((ApplicationStatus::Refused, path)) => path,
    _ => panic!("ApplicationStatus::ALL ends with the refusal, after the positive path"),
};

/// Why a transition is refused. Each maps to its own API error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("the application is already final")]
    AlreadyFinal,
    #[error("this status cannot follow the current one")]
    NotAllowed,
    #[error("a refusal must state its grounds")]
    GroundsRequired,
    #[error("issuing the result requires the result document")]
    ResultRequired,
}

impl TransitionError {
    pub fn code(self) -> &'static str {
        match self {
            TransitionError::AlreadyFinal => "transition_from_final",
            TransitionError::NotAllowed => "transition_not_allowed",
            TransitionError::GroundsRequired => "refusal_grounds_required",
            TransitionError::ResultRequired => "result_required",
        }
    }
}

/// The next step on the positive path; `None` once final.
pub fn next(from: ApplicationStatus) -> Option<ApplicationStatus> {
    if from.is_final() {
        return None;
    }
    let at = PATH.iter().position(|s| *s == from)?;
    PATH.get(at + 1).copied()
}

/// Checks one transition. Skipping steps is not allowed: each step is a recorded act of a
/// named actor, and the history must show all of them.
pub fn check(
    from: ApplicationStatus,
    to: ApplicationStatus,
    has_grounds: bool,
    has_result: bool,
) -> Result<(), TransitionError> {
    if from.is_final() {
        return Err(TransitionError::AlreadyFinal);
    }
    match to {
        ApplicationStatus::Refused if !has_grounds => Err(TransitionError::GroundsRequired),
        ApplicationStatus::Refused => Ok(()),
        _ if next(from) != Some(to) => Err(TransitionError::NotAllowed),
        ApplicationStatus::ResultIssued if !has_result => Err(TransitionError::ResultRequired),
        _ => Ok(()),
    }
}

/// Who performs the step into `to`, when the operator names nobody.
pub fn default_actor(to: ApplicationStatus) -> &'static str {
    match to {
        ApplicationStatus::Submitted => "applicant",
        ApplicationStatus::Registered => "provider_office",
        ApplicationStatus::ExecutorAssigned => "provider_head",
        ApplicationStatus::Checked => "provider_executor",
        ApplicationStatus::Signed => "provider_head",
        ApplicationStatus::ResultIssued => "provider_executor",
        ApplicationStatus::Refused => "provider_executor",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationStatus::*;

    #[test]
    fn the_path_moves_one_step_at_a_time() {
        assert_eq!(PATH.first(), Some(&Submitted));
        assert_eq!(PATH.last(), Some(&ResultIssued));
        for pair in PATH.windows(2) {
            let has_result = pair[1] == ResultIssued;
            assert_eq!(check(pair[0], pair[1], false, has_result), Ok(()));
        }
        assert_eq!(
            check(Submitted, Checked, false, false),
            Err(TransitionError::NotAllowed)
        );
        assert_eq!(
            check(Checked, Registered, false, false),
            Err(TransitionError::NotAllowed)
        );
        assert_eq!(
            check(Submitted, Submitted, false, false),
            Err(TransitionError::NotAllowed)
        );
    }

    #[test]
    fn refusal_from_every_open_state_needs_grounds() {
        for from in PATH.iter().copied().filter(|s| !s.is_final()) {
            assert_eq!(check(from, Refused, true, false), Ok(()));
            assert_eq!(
                check(from, Refused, false, false),
                Err(TransitionError::GroundsRequired)
            );
        }
    }

    #[test]
    fn final_states_stay_final_and_the_result_needs_its_document() {
        for from in [ResultIssued, Refused] {
            for to in ApplicationStatus::ALL {
                assert_eq!(
                    check(from, to, true, true),
                    Err(TransitionError::AlreadyFinal)
                );
            }
            assert_eq!(next(from), None);
        }
        assert_eq!(
            check(Signed, ResultIssued, false, false),
            Err(TransitionError::ResultRequired)
        );
        assert_eq!(next(Submitted), Some(Registered));
        assert_eq!(next(Signed), Some(ResultIssued));
    }
}

#[cfg(test)]
mod code_tests {
    use super::TransitionError::*;
    use crate::api::problem_code;

    #[test]
    fn codes_are_the_api_codes() {
        assert_eq!(AlreadyFinal.code(), problem_code::TRANSITION_FROM_FINAL);
        assert_eq!(NotAllowed.code(), problem_code::TRANSITION_NOT_ALLOWED);
        assert_eq!(
            GroundsRequired.code(),
            problem_code::REFUSAL_GROUNDS_REQUIRED
        );
        assert_eq!(ResultRequired.code(), problem_code::RESULT_REQUIRED);
    }
}
