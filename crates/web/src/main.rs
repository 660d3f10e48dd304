//! Trunk entry point for the web app. Natively it only explains itself.

// The UI lives in src/app/ (wasm only). Its tests run in headless Chromium:
// `cargo test --target wasm32-unknown-unknown -p web` (see scripts/test.sh).
#[cfg(target_arch = "wasm32")]
mod app;

#[cfg(target_arch = "wasm32")]
fn main() {
    app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("report-compare-web is the browser build: run `make serve`, or use the `report-compare` CLI.");
}
