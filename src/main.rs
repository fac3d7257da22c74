use egov_wizard::{initial_config, App};
use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    let config = initial_config();
    mount_to_body(move || view! { <App config /> });
}
