//! Trunk entry point for the web app. Natively it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The UI lives in src/app/ (wasm only).
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("report-compare-web is the browser build: run `make serve`, or use the `report-compare` CLI.");
}
