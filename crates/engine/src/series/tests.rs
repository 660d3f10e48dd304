//! Unit tests of the series: order, labels, refusals, tones, kinds. The hand-written
//! series and the real Luton reports are in tests/series.rs and crates/cli/tests/series_cli.rs.

use super::kinds::tone;
use super::tracks::gap_pairs;
use super::*;
use crate::ingest::ingest;

fn doc(name: &str, text: &str) -> Document {
    ingest(text.as_bytes(), name).expect("test text reads")
}

/// A short report dated `date` ("4 March 2019") saying `body`.
fn dated(name: &str, date: Option<&str>, body: &str) -> Document {
    let head = date.map_or(String::new(), |d| format!("Inspection dates: {d}\n\n"));
    doc(name, &format!("Inspection of a service\n\n{head}{body}\n"))
}

#[test]
fn dated_reports_go_in_date_order_and_undated_ones_after_with_a_note() {
    let docs = vec![
        dated(
            "c.txt",
            Some("9 May 2023"),
            "Visits to children are regular and purposeful.",
        ),
        dated(
            "x.txt",
            None,
            "Plans for children are clear and reviewed often.",
        ),
        dated(
            "a.txt",
            Some("4 March 2019"),
            "Visits to children are rare and poorly planned.",
        ),
        dated(
            "b.txt",
            Some("7 June 2021"),
            "Visits to children are more regular than before.",
        ),
    ];
    let (order, notes) = date_order(&docs);
    assert_eq!(order, [2, 3, 0, 1]);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("x.txt") && notes[0].contains("after the dated"),
        "{notes:?}"
    );
    // Nothing to say when every report is dated.
    let (order, notes) = date_order(
        &docs[..1]
            .iter()
            .chain(&docs[2..])
            .cloned()
            .collect::<Vec<_>>(),
    );
    assert_eq!(order, [1, 2, 0]);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn reports_of_one_year_are_told_apart_by_month() {
    let docs = [
        dated(
            "a.txt",
            Some("4 March 2022"),
            "Visits to children are rare and poorly planned.",
        ),
        dated(
            "b.txt",
            Some("7 July 2022"),
            "Visits to children are regular and purposeful.",
        ),
        dated(
            "c.txt",
            None,
            "Visits to children are regular and well planned.",
        ),
    ];
    let refs: Vec<&Document> = docs.iter().collect();
    let s = build_in_order(&refs, &Codebook::builtin(), &mut |_| {}).unwrap();
    let labels: Vec<&str> = s.reports.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Mar 2022", "Jul 2022", "Report 3"]);
}

#[test]
fn fewer_than_three_or_too_many_reports_are_refused_in_words() {
    let one = dated(
        "a.txt",
        Some("4 March 2019"),
        "Visits to children are rare and poorly planned.",
    );
    let two = [one.clone(), one.clone()];
    let err = build(&two, &Codebook::builtin()).unwrap_err();
    assert_eq!(err, SeriesError::TooFew(2));
    assert!(err.to_string().contains("at least 3 reports"), "{err}");
    let many = vec![one; MAX_REPORTS + 1];
    assert_eq!(
        build(&many, &Codebook::builtin()).unwrap_err(),
        SeriesError::TooMany(MAX_REPORTS + 1)
    );
}

#[test]
fn the_same_report_twice_is_said() {
    let a = dated(
        "a.txt",
        Some("4 March 2019"),
        "Visits to children are rare and poorly planned.",
    );
    let b = dated(
        "b.txt",
        Some("7 June 2021"),
        "Visits to children are more regular than before.",
    );
    let copy = Document {
        name: "copy.txt".into(),
        ..b.clone()
    };
    let s = build(&[a, b, copy], &Codebook::builtin()).unwrap();
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("b.txt and copy.txt") && n.contains("same text")),
        "{:?}",
        s.notes
    );
}

#[test]
fn tone_leans_only_when_clearly_one_way() {
    use Polarity::*;
    assert_eq!(tone([].into_iter()), None);
    assert_eq!(tone([Neutral].into_iter()), Some(Neutral));
    assert_eq!(
        tone([Concern, Concern, Strength].into_iter()),
        Some(Concern)
    );
    assert_eq!(tone([Concern, Strength].into_iter()), Some(Mixed));
    assert_eq!(
        tone([Strength, Strength, Neutral].into_iter()),
        Some(Strength)
    );
    assert_eq!(tone([Mixed, Neutral].into_iter()), Some(Mixed));
    assert_eq!(tone([Concern, Mixed].into_iter()), Some(Concern));
}

#[test]
fn gaps_are_compared_shortest_first() {
    assert_eq!(gap_pairs(3), [(0, 2)]);
    assert_eq!(gap_pairs(4), [(0, 2), (1, 3), (0, 3)]);
    assert_eq!(gap_pairs(5).len(), 6);
}

#[test]
fn kinds_have_words_and_stable_names() {
    for k in TrackKind::ALL {
        let json = serde_json::to_string(&k).unwrap();
        assert_eq!(json, format!("\"{}\"", k.as_str()));
        assert!(!k.words().is_empty());
    }
    // The order is the briefing's: what to worry about first.
    let mut sorted = TrackKind::ALL;
    sorted.sort();
    assert_eq!(sorted, TrackKind::ALL);
}
