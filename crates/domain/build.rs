//! The catalogue as the crates embed it: `data/catalogue.json` without its layout (indentation
//! and line breaks are a quarter of the file, and the wasm app carries the catalogue to every
//! phone). The checked-in file stays readable for review; any invalid JSON fails the build here.

use std::path::PathBuf;

fn main() {
    let source = "data/catalogue.json";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("data/catalogue.json is readable");
    let value: serde_json::Value =
        serde_json::from_str(&text).expect("data/catalogue.json is valid JSON");
    let compact = serde_json::to_string(&value).expect("a JSON value serialises");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("catalogue.json"), compact).expect("OUT_DIR is writable");
}
