pub mod check_answers;
pub mod confirmation;
pub mod iin;
pub mod not_found;
pub mod service_choice;
pub mod sign;
pub mod status;

/// URLs of the wizard's steps, in one place.
pub mod paths {
    pub fn iin(service: &str) -> String {
        format!("/apply/{service}/iin")
    }
    pub fn check(service: &str) -> String {
        format!("/apply/{service}/check")
    }
    pub fn sign(service: &str) -> String {
        format!("/apply/{service}/sign")
    }
    pub fn confirmation(reference: &str) -> String {
        format!("/confirmation/{reference}")
    }
    pub fn status(reference: &str) -> String {
        format!("/applications/{reference}")
    }
}
