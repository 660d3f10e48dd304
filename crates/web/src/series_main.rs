//! Trunk entry point for the series bundle: the whole app, series view included. The page
//! (`report-compare-web`, without the `series` feature) loads it when a series is opened
//! and hands over to it (see src/app/series_lazy.rs); the single-file build uses it as its
//! page. Natively it only explains itself.

#[cfg(target_arch = "wasm32")]
mod app;

#[cfg(target_arch = "wasm32")]
fn main() {
    app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("report-compare-series is the browser build: run `make serve`, or use the `report-compare` CLI.");
}
