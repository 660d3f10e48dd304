//! The page's side of building a series in the worker (`crates/worker`): the documents go
//! as JSON; the reply is the series without its steps, then each step, each parsed in a
//! task of its own so the page never stops for long.

use engine::compare::Comparison;
use engine::ingest::Document;
use engine::series::Series;
use js_sys::Array;
use wasm_bindgen::JsValue;

use super::super::io;
use super::super::jobs::{self, Stopped};
use super::super::protocol::{Reply, Request};

fn garbled() -> Stopped {
    Stopped::Failed("the series came back garbled.".into())
}

/// Builds the series of `docs` (in the order to compare them) with `codebook` (None: the
/// built-in one): the series and the milliseconds the engine took.
pub async fn build(docs: &[&Document], codebook: Option<&str>) -> Result<(Series, f64), Stopped> {
    if jobs::available() {
        // The codebook first ("" for the built-in one), then the reports.
        let payload = Array::of1(&JsValue::from_str(codebook.unwrap_or_default()));
        for d in docs {
            payload.push(&jobs::json(d));
            // Serialising a long report takes a while: one per task.
            io::yield_now().await;
        }
        match jobs::request(|job| Request::Series { job }, payload, Array::new()).await {
            Ok(message) => return read_reply(&message).await,
            Err(Stopped::Failed(r)) if r == jobs::NO_WORKER => {}
            Err(e) => return Err(e),
        }
    }
    on_page(docs, codebook)
}

/// The page's unit tests have no worker: they build the series on the page.
#[cfg(test)]
fn on_page(docs: &[&Document], codebook: Option<&str>) -> Result<(Series, f64), Stopped> {
    let started = io::now();
    let book = codebook.map_or_else(engine::themes::Codebook::builtin, jobs::on_page::parse);
    let built = engine::series::build_in_order(docs, &book, &mut |_| {})
        .map_err(|e| Stopped::Failed(format!("{e}.")))?;
    Ok((built, io::now() - started))
}

/// The shipped page has no comparison code: without a worker there is no series.
#[cfg(not(test))]
fn on_page(_: &[&Document], _: Option<&str>) -> Result<(Series, f64), Stopped> {
    Err(Stopped::Failed(jobs::NO_READER.to_string()))
}

async fn read_reply(message: &Array) -> Result<(Series, f64), Stopped> {
    io::yield_now().await;
    let header = message.get(0).as_string().unwrap_or_default();
    let millis = match serde_json::from_str::<Reply>(&header) {
        Ok(Reply::Series {
            millis,
            error: None,
            ..
        }) => millis,
        Ok(Reply::Series { error: Some(e), .. }) => return Err(Stopped::Failed(e)),
        _ => return Err(garbled()),
    };
    let mut built: Series = message
        .get(1)
        .as_string()
        .and_then(|json| serde_json::from_str(&json).ok())
        .ok_or_else(garbled)?;
    for i in 2..message.length() {
        io::yield_now().await;
        let step: Comparison = message
            .get(i)
            .as_string()
            .and_then(|json| serde_json::from_str(&json).ok())
            .ok_or_else(garbled)?;
        built.steps.push(step);
    }
    if built.steps.len() + 1 != built.reports.len() {
        return Err(garbled());
    }
    Ok((built, millis))
}
