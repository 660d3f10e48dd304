//! A series of three hand-written reports (tests/fixtures/series/): one matter raised in
//! 2019, not mentioned in 2022 and back in 2025 (return home interviews); one concern at
//! every inspection (supervision); one that improved and held (pathway plans). And the
//! structure every series must have, whatever the reports.

use engine::compare::{self, Verdict};
use engine::ingest::{ingest, Document};
use engine::polarity::Polarity;
use engine::series::{self, Series, Track, TrackKind};
use engine::themes::Codebook;

fn read(name: &str) -> Document {
    let path = format!(
        "{}/../../tests/fixtures/series/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    ingest(&std::fs::read(&path).expect("fixture"), name).expect("fixture reads")
}

/// The three reports, latest first: the series must put them in order itself.
fn westbrook() -> Series {
    let docs = [
        "westbrook-2025.txt",
        "westbrook-2019.txt",
        "westbrook-2022.txt",
    ]
    .map(read);
    series::build(&docs, &Codebook::builtin()).expect("a series")
}

/// The track holding a finding of report `r` whose text contains `needle`.
fn track_with<'a>(s: &'a Series, r: usize, needle: &str) -> &'a Track {
    let holds = |t: &&Track| {
        t.cells.iter().any(|c| {
            let Some(topic) = &c.topic else { return false };
            let step = &s.steps[c.step];
            let x = step
                .themes
                .iter()
                .flat_map(|t| &t.topics)
                .find(|x| &x.id == topic)
                .expect("the cell's topic is in its step");
            let (ids, side) = match r.checked_sub(c.step) {
                Some(0) => (&x.before, &step.before),
                Some(1) => (&x.after, &step.after),
                _ => return false,
            };
            ids.iter().any(|id| {
                side.findings
                    .iter()
                    .any(|f| &f.id == id && f.text.contains(needle))
            })
        })
    };
    s.tracks
        .iter()
        .find(holds)
        .unwrap_or_else(|| panic!("no track holds “{needle}” in report {r}"))
}

#[test]
fn reports_are_put_in_date_order_and_each_step_is_the_neighbours_comparison() {
    let s = westbrook();
    assert_eq!(s.schema, "report-compare-series/1");
    let names: Vec<&str> = s.reports.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "westbrook-2019.txt",
            "westbrook-2022.txt",
            "westbrook-2025.txt"
        ]
    );
    let labels: Vec<&str> = s.reports.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["2019", "2022", "2025"]);
    assert!(s.notes.is_empty(), "{:?}", s.notes);
    assert_eq!(s.steps.len(), 2);
    let codebook = Codebook::builtin();
    let [a, b, c] = [
        "westbrook-2019.txt",
        "westbrook-2022.txt",
        "westbrook-2025.txt",
    ]
    .map(read);
    assert_eq!(s.steps[0], compare::compare(&a, &b, &codebook));
    assert_eq!(s.steps[1], compare::compare(&b, &c, &codebook));
    for step in &s.steps {
        assert_eq!(step.schema, "report-compare/2");
    }
}

#[test]
fn a_matter_raised_then_not_mentioned_then_back_is_one_track_with_a_gap() {
    let s = westbrook();
    let early = track_with(&s, 0, "Return home interviews");
    let back = track_with(&s, 2, "return home interviews");
    assert_eq!(
        early.id, back.id,
        "the 2019 and the 2025 mentions are one track"
    );
    let t = early;
    assert_eq!(t.kind, TrackKind::Returned);
    assert_eq!(
        t.line,
        "raised in 2019, not mentioned in 2022, back in 2025"
    );
    // Not in 2022; a concern both times it is mentioned.
    assert_eq!(t.tones[1], None);
    assert!(matches!(
        t.tones[0],
        Some(Polarity::Concern | Polarity::Mixed)
    ));
    assert!(matches!(
        t.tones[2],
        Some(Polarity::Concern | Polarity::Mixed)
    ));
    // Step 1 says it is no longer mentioned, step 2 that it is new: the engine's own
    // verdicts for each neighbouring pair, joined across the gap.
    let verdicts: Vec<Option<Verdict>> = t.cells.iter().map(|c| c.verdict).collect();
    assert_eq!(verdicts, [Some(Verdict::Dropped), Some(Verdict::New)]);
    assert!(t.returns_at(1) && !t.returns_at(0));
    assert!(t.cells.iter().all(|c| c.topic.is_some()));
    let (first, last) = (t.first.as_ref().unwrap(), t.last.as_ref().unwrap());
    assert_eq!((first.report, last.report), (0, 2));
    assert!(
        first.text.to_lowercase().contains("return home interviews"),
        "{first:?}"
    );
    assert!(
        last.text.to_lowercase().contains("return home interviews"),
        "{last:?}"
    );
}

#[test]
fn a_concern_at_every_inspection_is_a_persistent_concern() {
    let s = westbrook();
    let t = track_with(&s, 0, "do not receive regular supervision");
    assert_eq!(t.id, track_with(&s, 1, "Supervision of social workers").id);
    assert_eq!(
        t.id,
        track_with(&s, 2, "still do not receive regular supervision").id
    );
    assert_eq!(t.kind, TrackKind::PersistentConcern);
    assert_eq!(t.line, "raised in 2019, still there in 2025");
    assert!(t.tones.iter().all(|x| x.is_some()));
    assert!(t
        .cells
        .iter()
        .all(|c| c.verdict == Some(Verdict::Persisted)));
    // Persistent concerns come first: they are what a reader looks for.
    assert_eq!(s.tracks[0].kind, TrackKind::PersistentConcern);
    assert_eq!(s.summary.persistent_concern, 1);
}

#[test]
fn a_matter_that_improved_and_held_is_a_sustained_improvement() {
    let s = westbrook();
    let t = track_with(&s, 0, "Pathway plans for care leavers are out of date");
    assert_eq!(
        t.id,
        track_with(&s, 2, "Pathway plans for care leavers are up to date").id
    );
    assert_eq!(t.kind, TrackKind::SustainedImprovement);
    assert_eq!(t.cells[0].verdict, Some(Verdict::Improved));
    assert_ne!(t.cells[1].verdict, Some(Verdict::Regressed));
}

#[test]
fn every_topic_of_every_step_is_in_exactly_one_track() {
    let s = westbrook();
    for (k, step) in s.steps.iter().enumerate() {
        for topic in step.themes.iter().flat_map(|t| &t.topics) {
            let homes = s
                .tracks
                .iter()
                .filter(|t| t.cells[k].topic.as_deref() == Some(topic.id.as_str()))
                .count();
            assert_eq!(homes, 1, "step {k} topic {} is in {homes} tracks", topic.id);
        }
    }
    for t in &s.tracks {
        assert_eq!(t.cells.len(), s.steps.len());
        assert_eq!(t.tones.len(), s.reports.len());
        for c in &t.cells {
            // A cell has a topic and its verdict, or neither.
            assert_eq!(c.topic.is_some(), c.verdict.is_some(), "{}", t.id);
            assert!(!(c.gap && c.topic.is_some()));
        }
    }
    let ids: Vec<&str> = s.tracks.iter().map(|t| t.id.as_str()).collect();
    let expected: Vec<String> = (1..=s.tracks.len()).map(|i| format!("m{i}")).collect();
    assert_eq!(ids, expected);
    assert_eq!(s.summary.tracks, s.tracks.len());
}

#[test]
fn the_same_reports_in_any_order_give_the_same_bytes() {
    let one = series::export::to_json(&westbrook());
    let docs = [
        "westbrook-2022.txt",
        "westbrook-2025.txt",
        "westbrook-2019.txt",
    ]
    .map(read);
    let other = series::build(&docs, &Codebook::builtin()).unwrap();
    assert_eq!(one, series::export::to_json(&other));
    assert_eq!(one, series::export::to_json(&westbrook()));
    // Written compact and indented after: the same bytes as serde_json's pretty printer.
    assert_eq!(one, serde_json::to_string_pretty(&westbrook()).unwrap());
}

#[test]
fn ratings_run_across_the_years_with_the_framework_areas() {
    let s = westbrook();
    let overall = s
        .ratings
        .iter()
        .find(|r| r.area == "Overall effectiveness")
        .expect("overall effectiveness");
    assert_eq!(overall.ranks, [Some(2), Some(2), Some(3)]);
    assert_eq!(overall.grades[2].as_deref(), Some("Good"));
    // 2019 graded children in care and care leavers together; 2022 and 2025 apart.
    let leavers = s.ratings.iter().find(|r| r.area == "Care leavers").unwrap();
    assert_eq!(leavers.notes.len(), 1, "{:?}", leavers.notes);
    assert_eq!(
        leavers.notes[0],
        "the 2019 report gave one grade for children in care and care leavers"
    );
    // Said once for both areas it covers.
    assert_eq!(
        series::rating_notes(&s.ratings),
        [leavers.notes[0].as_str()]
    );
}

#[test]
fn the_briefing_and_the_csv_tell_the_kinds_that_matter() {
    let s = westbrook();
    let md = series::export::to_markdown(&s);
    assert!(
        md.starts_with("# A series of inspections: 2019 to 2025"),
        "{md}"
    );
    assert!(md.contains("## Ratings across the years"));
    assert!(md.contains("| Overall effectiveness | Requires improvement to be good | Requires improvement to be good | Good |"));
    let persistent = md
        .find("## Persistent concerns (1)")
        .expect("persistent concerns");
    let returned = md.find("## Returned after a gap (1)").expect("returns");
    assert!(persistent < returned);
    assert!(md.contains("raised in 2019, not mentioned in 2022, back in 2025"));
    assert!(md.contains("2022→2025 + Back after a gap"));
    assert!(md.split_whitespace().count() < 1_500);
    let csv = series::export::to_csv(&s);
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("track,track_label,kind,"));
    // One row per track and step.
    assert_eq!(rows.len() - 1, s.tracks.len() * s.steps.len());
}

#[test]
fn applying_no_corrections_changes_no_step() {
    // The app shows a step with no corrections as it came (series/mod.rs, step_outcome):
    // that is only right if applying none (a `compare::refresh`) is a no-op.
    let s = westbrook();
    for step in &s.steps {
        let applied = engine::overrides::apply(step, &Default::default());
        assert_eq!(&applied, step);
    }
    let dir = format!(
        "{}/../../tests/fixtures/luton-2021-2023/",
        env!("CARGO_MANIFEST_DIR")
    );
    let read = |f: &str| ingest(&std::fs::read(format!("{dir}{f}")).unwrap(), f).unwrap();
    let c = compare::compare(
        &read("before.txt"),
        &read("after.txt"),
        &Codebook::builtin(),
    );
    assert_eq!(engine::overrides::apply(&c, &Default::default()), c);
}

#[test]
fn a_series_survives_the_share_format() {
    let s = westbrook();
    let back: Series = engine::share::decode(&engine::share::encode(&s)).unwrap();
    assert_eq!(back, s);
}
