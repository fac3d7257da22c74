//! Replays the fuzz corpus (`crates/fuzz/corpus/<target>/`) and the kept crash inputs
//! (`crates/fuzz/regressions/<target>/`) through the same harness bodies the fuzzer runs, on
//! stable and without libFuzzer: every `cargo test` re-checks what the fuzzer once found.

use egov_domain::fuzzing::{Harness, TARGETS};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn harness(target: &str) -> Harness {
    TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, run)| *run)
        .unwrap_or_else(|| panic!("no harness named {target}"))
}

/// Runs every input, then names all that failed: one broken input should not hide the others.
fn replay(target: &str) {
    let run = harness(target);
    let corpus = files_in(&fuzz_dir().join("corpus").join(target));
    // A missing or emptied corpus would make this test pass while checking nothing.
    assert!(
        !corpus.is_empty(),
        "crates/fuzz/corpus/{target}/ is missing or empty"
    );
    let regressions = files_in(&fuzz_dir().join("regressions").join(target));
    let failed: Vec<&PathBuf> = corpus
        .iter()
        .chain(&regressions)
        .filter(|path| {
            let data = std::fs::read(path).expect("a readable corpus file");
            catch_unwind(AssertUnwindSafe(|| run(&data))).is_err()
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: these inputs fail: {failed:#?}"
    );
}

#[test]
fn iin_corpus_replays() {
    replay("iin");
}

#[test]
fn catalogue_corpus_replays() {
    replay("catalogue");
}

#[test]
fn api_request_corpus_replays() {
    replay("api_request");
}

/// Every harness has a fuzz target and a test above, and every fuzz target has a harness.
#[test]
fn every_target_is_replayed() {
    let mut harnesses: Vec<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
    harnesses.sort();
    let mut fuzz_targets: Vec<String> = files_in(&fuzz_dir().join("fuzz_targets"))
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .collect();
    fuzz_targets.sort();
    assert_eq!(fuzz_targets, harnesses);
    let mut replayed = vec!["api_request", "catalogue", "iin"];
    replayed.sort();
    assert_eq!(replayed, harnesses);
}
