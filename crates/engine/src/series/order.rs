//! Putting a series in order and naming its reports.

use super::Report;
use crate::compare::Comparison;
use crate::ingest::Document;
use std::borrow::Borrow;

/// Indexes of `docs` in date order, and what the reader should know about it. Dated
/// reports come first, earliest first (equal dates keep the order given); reports without
/// a date follow in the order given, and a note says so.
pub fn date_order<D: Borrow<Document>>(docs: &[D]) -> (Vec<usize>, Vec<String>) {
    let docs: Vec<&Document> = docs.iter().map(Borrow::borrow).collect();
    let dates: Vec<Option<&str>> = docs
        .iter()
        .map(|d| d.date.as_ref().map(|d| d.iso.as_str()))
        .collect();
    let mut order: Vec<usize> = (0..docs.len()).filter(|&i| dates[i].is_some()).collect();
    // ISO dates sort as text; a month-only date ("2022-07") sorts before its days.
    crate::sort::sort_by_key(&mut order, |&i| (dates[i], i));
    let undated: Vec<usize> = (0..docs.len()).filter(|&i| dates[i].is_none()).collect();
    let mut notes = Vec::new();
    if !undated.is_empty() {
        let names: Vec<&str> = undated.iter().map(|&i| docs[i].name.as_str()).collect();
        notes.push(if names.len() == 1 {
            format!(
                "No date was found in {}, so it is placed after the dated reports. Move it if it belongs elsewhere.",
                names[0]
            )
        } else {
            format!(
                "No date was found in {}, so they are placed after the dated reports, in the order given. Move them if they belong elsewhere.",
                names.join(", ")
            )
        });
    }
    for pair in order.windows(2) {
        if dates[pair[0]] == dates[pair[1]] {
            notes.push(format!(
                "{} and {} have the same date, so they are in the order given.",
                docs[pair[0]].name, docs[pair[1]].name
            ));
        }
    }
    order.extend(undated);
    (order, notes)
}

/// The reports as the series shows them, with their labels and finding counts.
pub fn reports(docs: &[&Document], steps: &[Comparison]) -> Vec<Report> {
    let years: Vec<Option<&str>> = docs
        .iter()
        .map(|d| d.date.as_ref().and_then(|d| d.iso.get(..4)))
        .collect();
    let labels: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let Some(year) = years[i] else {
                return format!("Report {}", i + 1);
            };
            if years.iter().filter(|y| **y == Some(year)).count() == 1 {
                return year.to_string();
            }
            let month = d
                .date
                .as_ref()
                .and_then(|d| d.iso.get(5..7))
                .and_then(|m| m.parse::<usize>().ok())
                .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
            match month {
                Some(m) => format!("{m} {year}"),
                None => year.to_string(),
            }
        })
        .collect();
    // Two reports of one month (or year, when no month is known): number them.
    let labels: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let same = labels.iter().filter(|x| *x == l).count();
            if same > 1 {
                let nth = labels[..=i].iter().filter(|x| *x == l).count();
                format!("{l} ({nth})")
            } else {
                l.clone()
            }
        })
        .collect();
    docs.iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (d, label))| Report {
            name: d.name.clone(),
            title: d.title.clone(),
            date: d.date.as_ref().map(|d| d.iso.clone()),
            label,
            findings: findings_of(steps, i),
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// How many findings report `i` has, from the step that holds it.
fn findings_of(steps: &[Comparison], i: usize) -> usize {
    match steps.get(i) {
        Some(step) => step.before.findings.len(),
        None => steps.last().map_or(0, |s| s.after.findings.len()),
    }
}

/// Reports given twice (the same text under two names, or the same file twice).
pub fn duplicate_notes(docs: &[&Document], reports: &[Report]) -> Vec<String> {
    let mut notes = Vec::new();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let same = docs[i].blocks.len() == docs[j].blocks.len()
                && docs[i]
                    .blocks
                    .iter()
                    .zip(&docs[j].blocks)
                    .all(|(a, b)| a.text == b.text);
            if same {
                notes.push(format!(
                    "{} and {} ({} and {}) have the same text: the same report given twice, so nothing changes between them.",
                    docs[i].name, docs[j].name, reports[i].label, reports[j].label
                ));
            }
        }
    }
    notes
}
