//! Sharing a series: the same link (`#c=…`) and `.rcmp` formats as a comparison
//! (`report_compare::share`: versioned, deflated, checksummed), with a payload kind of its
//! own. It holds the series as the engine made it (`report-compare-series/1`, its steps
//! `report-compare/2`), each step's corrections, and per report its name, the hash of the
//! file and the paragraphs around its findings (for "show surrounding text"), never the
//! whole report. Links made before series existed hold the other kind and still open.

use std::rc::Rc;

use report_compare::overrides::Overrides;
use report_compare::series::{self, Series};
use report_compare::share;
use serde::{Deserialize, Serialize};
use yew::Callback;

use super::super::share::{shared_entry, shared_report, SharedReport, EXTENSION};
use super::super::state::{storage_key, Entry, Outcome};
use super::super::view::plural;
use super::{SeriesAction, SeriesOutcome};

/// Names this payload inside the link format.
pub const KIND: &str = "report-compare-series-share/1";

/// Everything a shared series holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SharedSeries {
    pub kind: String,
    /// What the engine said (each step's corrections are applied on opening).
    pub series: Series,
    /// Per step, the person's corrections.
    pub overrides: Vec<Overrides>,
    /// Per report, in the series' order.
    pub reports: Vec<SharedReport>,
}

/// The payload for the series on screen (None: a report or a step is missing).
pub fn make(o: &SeriesOutcome, entries: &[Rc<Entry>]) -> Option<SharedSeries> {
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
    Some(SharedSeries {
        kind: KIND.to_string(),
        series: (*o.series).clone(),
        overrides: o
            .steps
            .iter()
            .map(|x| x.as_ref().map(|x| x.overrides.clone()).unwrap_or_default())
            .collect(),
        reports,
    })
}

/// Makes the encoded payload when the share box asks for it.
pub fn maker(o: Rc<SeriesOutcome>, entries: Vec<Rc<Entry>>) -> Callback<(), Option<String>> {
    Callback::from(move |_: ()| make(&o, &entries).map(|p| share::encode(&p)))
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

/// Opens a decoded payload of this kind: the action that shows it, or what is wrong.
pub fn open(value: serde_json::Value) -> Result<SeriesAction, String> {
    let mut shared: SharedSeries = serde_json::from_value(value)
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
    for step in &mut shared.series.steps {
        share::upgrade(step).map_err(|e| e.to_string())?;
    }
    let opened: Vec<(Rc<Entry>, u64)> = shared.reports.iter().map(shared_entry).collect();
    let ids: Vec<u32> = opened.iter().map(|(e, _)| e.id).collect();
    let mut overrides = shared.overrides.into_iter();
    let steps: Vec<Option<Rc<Outcome>>> = shared
        .series
        .steps
        .iter()
        .enumerate()
        .map(|(k, base)| {
            let ((a, ha), (b, hb)) = (&opened[k], &opened[k + 1]);
            Some(Rc::new(Outcome::new(
                (a.id, b.id),
                storage_key(*ha, *hb),
                base.clone(),
                overrides.next().unwrap_or_default(),
                0.0,
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
