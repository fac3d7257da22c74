use egov_wizard::{initial_lang, App, AppConfig};
use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    let config = AppConfig {
        lang: initial_lang(),
        ..AppConfig::default()
    };
    mount_to_body(move || view! { <App config /> });
}
