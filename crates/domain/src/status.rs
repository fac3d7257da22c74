//! Where an application is in its regulation's workflow.

use serde::{Deserialize, Serialize};

/// The status of an application, in the order the regulations move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApplicationStatus {
    /// Received and acknowledged; the reference number is issued.
    Submitted,
    /// Registered by the provider's office.
    Registered,
    /// An executor (responsible officer) is assigned.
    ExecutorAssigned,
    /// Checked against the labour-market information system.
    Checked,
    /// Signed by the head of the provider.
    Signed,
    /// The result (referral, notice, certificate) is issued to the personal cabinet.
    ResultIssued,
    /// A motivated refusal with its grounds.
    Refused,
}

impl ApplicationStatus {
    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::Registered => "registered",
            ApplicationStatus::ExecutorAssigned => "executor_assigned",
            ApplicationStatus::Checked => "checked",
            ApplicationStatus::Signed => "signed",
            ApplicationStatus::ResultIssued => "result_issued",
            ApplicationStatus::Refused => "refused",
        }
    }

    pub fn from_code(code: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|s| s.code() == code)
    }

    pub const ALL: [ApplicationStatus; 7] = [
        ApplicationStatus::Submitted,
        ApplicationStatus::Registered,
        ApplicationStatus::ExecutorAssigned,
        ApplicationStatus::Checked,
        ApplicationStatus::Signed,
        ApplicationStatus::ResultIssued,
        ApplicationStatus::Refused,
    ];

    /// A final status: nothing happens to the application after it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStatus::ResultIssued | ApplicationStatus::Refused
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for status in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::from_code(status.code()), Some(status));
            assert_eq!(
                serde_json::to_string(&status).unwrap(),
                format!("\"{}\"", status.code())
            );
        }
    }
}
