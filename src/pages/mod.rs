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

/// URLs of the wizard's pages, built from the route table.
pub use crate::routes::paths;
