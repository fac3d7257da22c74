pub mod error_summary;
pub mod header;
pub mod page;
