pub mod date_input;
pub mod due;
pub mod error_summary;
pub mod fields;
pub mod header;
pub mod page;
pub mod regulation;
