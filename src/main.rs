use egov_wizard::initial_config;

fn main() {
    console_error_panic_hook::set_once();
    // Mounted with its `UnmountHandle` kept (in `kiosk`): a kiosk wipes a person's session by
    // unmounting the app and mounting a fresh one.
    egov_wizard::kiosk::mount_app(initial_config());
}
