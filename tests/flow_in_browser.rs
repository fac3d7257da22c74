//! The step table and the draft store, in the browser: next/back/first unfinished step, and a
//! stored draft of an older schema migrated (or an unknown one discarded) through localStorage.

#![cfg(target_arch = "wasm32")]

use egov_domain::{Catalogue, RegionId, ServiceId};
use egov_wizard::draft::Draft;
use egov_wizard::flow::{self, Step};
use egov_wizard::state::{StorageMode, Wizard};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

fn referral() -> egov_domain::catalogue::ServiceView {
    Catalogue::shared()
        .service_in_region(
            &ServiceId::new("active_employment_referral"),
            &RegionId::new("karaganda"),
        )
        .unwrap()
}

#[wasm_bindgen_test]
fn step_table_moves_forward_back_and_to_the_first_unfinished_step() {
    let service = referral();
    let mut draft = Draft::default();
    assert_eq!(flow::first_unfinished(&service, &draft), Step::Iin);
    assert!(!flow::may_open(Step::Name, &service, &draft));
    draft.iin = "791028302728".into();
    assert_eq!(flow::first_unfinished(&service, &draft), Step::Name);
    assert_eq!(flow::next(Step::Iin, &service, &draft), Some(Step::Name));
    assert_eq!(
        flow::previous(Step::Name, &service, &draft),
        Some(Step::Iin)
    );
    // Karaganda's referral has no eligibility questions: Back from the IIN leaves the journey.
    assert_eq!(flow::previous(Step::Iin, &service, &draft), None);
}

#[wasm_bindgen_test]
fn an_older_draft_in_local_storage_is_migrated_and_an_unknown_one_discarded() {
    let _owner = Owner::new();
    let key = "egov-wizard.draft.active_employment_referral";
    storage()
        .set_item(key, r#"{"schema_version":1,"draft":{"service":"active_employment_referral","iin":"791028302728"}}"#)
        .unwrap();
    let wizard = Wizard::new(StorageMode::default());
    wizard.open(
        &ServiceId::new("active_employment_referral"),
        &RegionId::new("karaganda"),
    );
    let opened = wizard.draft.get_untracked();
    assert_eq!(opened.iin, "791028302728");
    assert_eq!(opened.region, Some(RegionId::new("karaganda")));
    assert!(!wizard.draft_discarded.get_untracked());

    storage()
        .set_item(key, r#"{"schema_version":99,"draft":{}}"#)
        .unwrap();
    assert_eq!(
        wizard.stored_draft(&ServiceId::new("active_employment_referral")),
        None
    );
    assert!(wizard.draft_discarded.get_untracked());
    assert_eq!(storage().get_item(key).unwrap(), None);
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn memory_mode_writes_nothing_to_storage() {
    let _owner = Owner::new();
    storage().clear().unwrap();
    let wizard = Wizard::new(StorageMode::Memory);
    wizard.open(
        &ServiceId::new("active_employment_referral"),
        &RegionId::new("karaganda"),
    );
    wizard.draft.update(|d| d.iin = "791028302728".into());
    wizard.persist(&wizard.draft.get_untracked());
    wizard.save_lang(egov_domain::Lang::Ru);
    assert_eq!(storage().length().unwrap(), 0);
}
