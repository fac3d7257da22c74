//! The app's pages and their addresses: the one table that leptos_router (on the address bar),
//! the in-memory router of an embedded app ([`crate::nav`]) and every link ([`paths`]) are built
//! from. Adding a page is a row here and its view in `App`'s `page_view`.

use leptos_router::{
    ParamSegment, PartialPathMatch, PathSegment, PossibleRouteMatch, StaticSegment,
};
use std::borrow::Cow;

/// A page of the app, by its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/` leads to the first choice not yet made.
    Home,
    Language,
    Region,
    Services,
    ServiceInfo,
    Apply,
    Confirmation,
    Applications,
    Status,
}

impl Page {
    /// Every page, in the order their patterns are tried.
    pub const ALL: [Page; 9] = [
        Page::Home,
        Page::Language,
        Page::Region,
        Page::Services,
        Page::ServiceInfo,
        Page::Apply,
        Page::Confirmation,
        Page::Applications,
        Page::Status,
    ];

    /// The page's address; `:name` is a parameter.
    pub const fn pattern(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::Language => "/language",
            Page::Region => "/region",
            Page::Services => "/services",
            Page::ServiceInfo => "/services/:service",
            Page::Apply => "/apply/:service/:step",
            Page::Confirmation => "/confirmation/:reference",
            Page::Applications => "/applications",
            Page::Status => "/applications/:reference",
        }
    }

    /// The address of this page with `values` for its parameters, in order.
    fn at(self, values: &[&str]) -> String {
        let mut values = values.iter();
        let segments: Vec<&str> = segments(self.pattern())
            .map(|segment| match segment.strip_prefix(':') {
                Some(_) => values.next().copied().unwrap_or_default(),
                None => segment,
            })
            .collect();
        format!("/{}", segments.join("/"))
    }
}

fn segments(pattern: &'static str) -> impl Iterator<Item = &'static str> {
    pattern.split('/').filter(|segment| !segment.is_empty())
}

/// A page's pattern as leptos_router matches it: each segment by leptos_router's own static
/// and parameter segments, so that both routers match every address alike.
#[derive(Debug, Clone, Copy)]
pub struct Pattern(pub &'static str);

impl PossibleRouteMatch for Pattern {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let mut remaining = path;
        let mut params = Vec::new();
        for segment in segments(self.0) {
            let matched = match segment.strip_prefix(':') {
                Some(name) => ParamSegment(name).test(remaining)?,
                None => StaticSegment(segment).test(remaining)?,
            };
            remaining = matched.remaining();
            params.extend(matched.params());
        }
        let matched = &path[..path.len() - remaining.len()];
        Some(PartialPathMatch::new(remaining, params, matched))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        path.extend(
            segments(self.0).map(|segment| match segment.strip_prefix(':') {
                Some(name) => PathSegment::Param(name.into()),
                None => PathSegment::Static(segment.into()),
            }),
        );
    }
}

/// A page's parameters (`service` → `unemployed-referral`).
pub type Params = Vec<(Cow<'static, str>, String)>;

/// The page at `url` (a path, perhaps with a query) and its parameters, matched as leptos_router
/// matches a route: the whole path, a trailing `/` allowed. None: no page has that address.
pub fn page_at(url: &str) -> Option<(Page, Params)> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    Page::ALL.into_iter().find_map(|page| {
        let matched = Pattern(page.pattern()).test(path)?;
        matches!(matched.remaining(), "" | "/").then(|| (page, matched.params()))
    })
}

/// URLs of the wizard's pages, built from their patterns.
pub mod paths {
    use super::Page;
    use crate::flow::Step;

    pub const LANGUAGE: &str = Page::Language.pattern();
    pub const REGION: &str = Page::Region.pattern();
    pub const SERVICES: &str = Page::Services.pattern();
    pub const MY_APPLICATIONS: &str = Page::Applications.pattern();

    /// A page of an application by its URL segment (a step's slug, `start`, `sign`).
    pub fn apply(service: &str, slug: &str) -> String {
        Page::Apply.at(&[service, slug])
    }
    /// Applying from the catalogue: the first unfinished step, with the offer to resume a draft.
    pub fn start(service: &str) -> String {
        format!("{}?start", apply(service, "start"))
    }
    pub fn step(service: &str, step: Step) -> String {
        apply(service, step.slug())
    }
    /// A step opened from the check page: Continue returns there.
    pub fn change(service: &str, step: Step) -> String {
        format!("{}?return=check", self::step(service, step))
    }
    pub fn check(service: &str) -> String {
        step(service, Step::Check)
    }
    pub fn sign(service: &str) -> String {
        apply(service, "sign")
    }
    pub fn ineligible(service: &str) -> String {
        apply(service, "ineligible")
    }
    pub fn service_info(service: &str) -> String {
        Page::ServiceInfo.at(&[service])
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
        Page::Confirmation.at(&[reference])
    }
    pub fn status(reference: &str) -> String {
        Page::Status.at(&[reference])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_with_their_params() {
        let (page, params) = page_at("/apply/unemployed-referral/personal?return=check").unwrap();
        assert_eq!(page, Page::Apply);
        assert_eq!(
            params,
            vec![
                ("service".into(), "unemployed-referral".to_owned()),
                ("step".into(), "personal".to_owned())
            ]
        );
        assert_eq!(page_at("/").map(|(page, _)| page), Some(Page::Home));
        assert_eq!(
            page_at("/language/").map(|(page, _)| page),
            Some(Page::Language)
        );
        assert_eq!(page_at("/services/x/y"), None);
        assert_eq!(page_at("/languages"), None);
    }

    #[test]
    fn every_link_leads_to_its_page() {
        for (link, page) in [
            (paths::start("s"), Page::Apply),
            (paths::change("s", crate::flow::Step::Iin), Page::Apply),
            (paths::service_info("s"), Page::ServiceInfo),
            (paths::confirmation("R-1"), Page::Confirmation),
            (paths::status("R-1"), Page::Status),
            (paths::MY_APPLICATIONS.to_owned(), Page::Applications),
            (paths::region_then("/services"), Page::Region),
        ] {
            assert_eq!(page_at(&link).map(|(p, _)| p), Some(page), "{link}");
        }
        assert_eq!(paths::start("s"), "/apply/s/start?start");
        assert_eq!(paths::status("R-1"), "/applications/R-1");
    }
}
