pub mod apply;
pub mod catalogue;
pub mod check_answers;
pub mod confirmation;
pub mod ineligible;
pub mod language;
pub mod my_applications;
pub mod not_found;
pub mod region;
pub mod result_document;
pub mod sign;
pub mod status;
pub mod steps;

/// URLs of the wizard's pages, in one place.
pub mod paths {
    use crate::flow::Step;

    pub const LANGUAGE: &str = "/language";
    pub const REGION: &str = "/region";
    pub const SERVICES: &str = "/services";

    /// Applying from the catalogue: the first unfinished step, with the offer to resume a draft.
    pub fn start(service: &str) -> String {
        format!("/apply/{service}/start?start")
    }
    pub fn step(service: &str, step: Step) -> String {
        format!("/apply/{service}/{}", step.slug())
    }
    /// A step opened from the check page: Continue returns there.
    pub fn change(service: &str, step: Step) -> String {
        format!("/apply/{service}/{}?return=check", step.slug())
    }
    pub fn check(service: &str) -> String {
        step(service, Step::Check)
    }
    pub fn sign(service: &str) -> String {
        format!("/apply/{service}/sign")
    }
    pub fn ineligible(service: &str) -> String {
        format!("/apply/{service}/ineligible")
    }
    pub fn service_info(service: &str) -> String {
        format!("/services/{service}")
    }
    pub fn confirmation(reference: &str) -> String {
        format!("/confirmation/{reference}")
    }
    pub const MY_APPLICATIONS: &str = "/applications";
    pub fn status(reference: &str) -> String {
        format!("/applications/{reference}")
    }
}
