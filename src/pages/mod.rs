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
pub mod service;
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
    /// The region question, coming back to `next` (an app path) once it is answered.
    pub fn region_then(next: &str) -> String {
        format!("{REGION}?next={}", encode(next))
    }
    /// The language question, coming back to `next` (an app path) once it is answered.
    pub fn language_then(next: &str) -> String {
        format!("{LANGUAGE}?next={}", encode(next))
    }
    /// Where a `next` parameter may lead: a path of this app only (never `//host`), so a link
    /// cannot send the person elsewhere.
    pub fn safe_next(next: Option<String>) -> Option<String> {
        next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
    }
    fn encode(path: &str) -> String {
        path.chars()
            .map(|c| match c {
                'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' | '.' | '/' => c.to_string(),
                other => {
                    let mut buf = [0u8; 4];
                    other
                        .encode_utf8(&mut buf)
                        .bytes()
                        .map(|b| format!("%{b:02X}"))
                        .collect()
                }
            })
            .collect()
    }
    pub fn confirmation(reference: &str) -> String {
        format!("/confirmation/{reference}")
    }
    pub const MY_APPLICATIONS: &str = "/applications";
    pub fn status(reference: &str) -> String {
        format!("/applications/{reference}")
    }
}
