fn main() {
    console_error_panic_hook::set_once();
    // Loaded by the widget's script (README "Embedding"), the module only defines the widget:
    // each <egov-wizard> element mounts its own app.
    if egov_wizard::widget::loaded_by_widget() {
        return;
    }
    egov_wizard::mount::mount_page(egov_wizard::settings::page_config());
}
