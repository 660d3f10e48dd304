//! Sharing a series: the same link (`#c=…`) and `.rcmp` formats as a comparison
//! (`engine::share`: versioned, deflated, checksummed), with a payload kind of its
//! own. It holds the series as the engine made it (`report-compare-series/1`, its steps
//! `report-compare/2`), each step's corrections, and per report its name, the hash of the
//! file and the paragraphs around its findings (for "show surrounding text"), never the
//! whole report. Links made before series existed hold the other kind and still open.
//! As for a comparison, a step with corrections carries them applied (`Corrected`), so
//! the link opens without the worker.

use std::rc::Rc;

use engine::overrides::Overrides;
use engine::series::{self, Series};
use engine::share;
use serde::{Deserialize, Serialize};

use super::super::io;
use super::super::share::{pack, shared_entry, shared_report, Corrected, SharedReport, EXTENSION};
use super::super::state::{storage_key, Entry, Outcome};
use super::super::view::plural;
use super::{step_outcome, SeriesAction, SeriesOutcome};

/// Names this payload inside the link format.
pub const KIND: &str = super::super::share::SERIES_KIND;

/// Everything a shared series holds, as opened (its `kind` was read to get here).
#[derive(Debug, Clone, Deserialize)]
pub struct SharedSeries {
    /// What the engine said (each step with its corrections applied is in `corrected`).
    pub series: Series,
    /// Per step, the person's corrections.
    pub overrides: Vec<Overrides>,
    /// Per report, in the series' order.
    pub reports: Vec<SharedReport>,
    /// Per step, the step with its corrections applied (None: none, or a link made before
    /// the page stopped applying them).
    #[serde(default)]
    pub corrected: Vec<Option<Corrected>>,
}

/// The same, as made: the series borrowed (it is large), not copied.
#[derive(Debug, Serialize)]
pub struct Payload<'a> {
    pub kind: &'static str,
    pub series: &'a Series,
    pub overrides: Vec<Overrides>,
    pub reports: Vec<SharedReport>,
    pub corrected: Vec<Option<Corrected>>,
}

/// The payload for the series on screen (None: a report or a step is missing).
pub fn make<'a>(o: &'a SeriesOutcome, entries: &[Rc<Entry>]) -> Option<Payload<'a>> {
    let s = &o.series;
    let steps = &s.steps;
    if entries.len() != s.reports.len() || steps.len() + 1 != entries.len() {
        return None;
    }
    let reports = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let findings = match steps.get(i) {
                Some(step) => &step.before.findings,
                None => &steps.last()?.after.findings,
            };
            shared_report(e, findings)
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Payload {
        kind: KIND,
        series: &o.series,
        overrides: o
            .steps
            .iter()
            .map(|x| x.as_ref().map(|x| x.overrides.clone()).unwrap_or_default())
            .collect(),
        reports,
        corrected: o
            .steps
            .iter()
            .map(|x| x.as_ref().and_then(|x| Corrected::of(x)))
            .collect(),
    })
}

/// The link text of the series on screen, in `engine::share`'s format, deflated by the
/// browser (a series is several comparisons).
pub async fn encode(o: &SeriesOutcome, entries: &[Rc<Entry>]) -> Option<String> {
    let json = serde_json::to_vec(&make(o, entries)?).ok()?;
    io::yield_now().await;
    pack(&json).await
}

/// A short name for files of this series: "luton-2016-03-29 to luton-2026-03-10".
pub fn stem(s: &Series) -> String {
    let stem = |n: &str| n.rsplit_once('.').map_or(n, |(s, _)| s).to_string();
    match (s.reports.first(), s.reports.last()) {
        (Some(a), Some(b)) => format!("{} to {} (series)", stem(&a.name), stem(&b.name)),
        _ => "series".to_string(),
    }
}

pub fn file_name(s: &Series) -> String {
    format!("{}{EXTENSION}", stem(s))
}

/// Opens a decoded payload (its JSON) of this kind: the action that shows it, or what is wrong.
pub fn open(json: &str) -> Result<SeriesAction, String> {
    let shared: SharedSeries = serde_json::from_str(json)
        .map_err(|e| share::ShareError::Content(e.to_string()).to_string())?;
    if shared.series.schema != series::SCHEMA {
        return Err(format!(
            "This link holds a series in the format \"{}\", which this version of report-compare cannot read (it reads \"{}\"). It was probably made by a newer version: open it with that version, or ask for the reports.",
            shared.series.schema.chars().take(40).collect::<String>(),
            series::SCHEMA
        ));
    }
    let n = shared.series.reports.len();
    if n < series::MIN_REPORTS
        || shared.reports.len() != n
        || shared.series.steps.len() + 1 != n
        || shared
            .series
            .tracks
            .iter()
            .any(|t| t.cells.len() + 1 != n || t.tones.len() != n)
    {
        return Err(
            share::ShareError::Content("the series does not hang together".into()).to_string(),
        );
    }
    // Steps of an earlier schema are brought up to date by the worker (`Outcome::pending`).
    for step in &shared.series.steps {
        share::is_older(step).map_err(|e| e.to_string())?;
    }
    let opened: Vec<(Rc<Entry>, u64)> = shared.reports.iter().map(shared_entry).collect();
    let ids: Vec<u32> = opened.iter().map(|(e, _)| e.id).collect();
    let mut overrides = shared.overrides.into_iter();
    let mut corrected = shared.corrected.into_iter();
    let steps: Vec<Option<Rc<Outcome>>> = shared
        .series
        .steps
        .iter()
        .enumerate()
        .map(|(k, base)| {
            let ((a, ha), (b, hb)) = (&opened[k], &opened[k + 1]);
            let outcome = step_outcome(
                (a.id, b.id),
                storage_key(*ha, *hb),
                base.clone(),
                overrides.next().unwrap_or_default(),
            );
            Some(Rc::new(Corrected::open(
                corrected.next().flatten(),
                outcome,
            )))
        })
        .collect();
    let outcome = SeriesOutcome {
        steps,
        ..SeriesOutcome::new(ids, shared.series, 0.0)
    };
    Ok(SeriesAction::Open {
        entries: opened.into_iter().map(|(e, _)| e).collect(),
        outcome: Rc::new(outcome),
    })
}

/// What the status line says when a shared series opens.
pub fn opened_message(o: &SeriesOutcome) -> String {
    let kept: usize = o
        .steps
        .iter()
        .flatten()
        .map(|x| x.overrides.edits.len())
        .sum();
    let mut message = format!(
        "Opened a shared series of {}. The original files aren’t here, only their findings and the paragraphs around them, so it can’t be re-run; you can read it, correct it and export it.",
        plural(o.series.reports.len(), "report", "reports")
    );
    if kept > 0 {
        message.push_str(&format!(
            " It includes {} by the person who shared it.",
            plural(kept, "correction", "corrections")
        ));
    }
    message
}
