//! In-browser tests of the series in the app (with the app's other tests:
//! `cargo test --target wasm32-unknown-unknown --bin report-compare-web`): date order and
//! moving reports, routes, the chart's geometry, and a series through a share link and
//! back.

use std::rc::Rc;

use engine::overrides::Edit;
use engine::series;
use engine::themes::Codebook;
use wasm_bindgen_test::*;
use yew::prelude::*;

use super::super::share::{self as app_share, Opened};
use super::super::state::{Entry, Source};
use super::chart::{runs, x_of, y_of};
use super::share::{encode, make, KIND};
use super::*;

wasm_bindgen_test_configure!(run_in_browser);

const Y2019: &str = include_str!("../../../../../tests/fixtures/series/westbrook-2019.txt");
const Y2022: &str = include_str!("../../../../../tests/fixtures/series/westbrook-2022.txt");
const Y2025: &str = include_str!("../../../../../tests/fixtures/series/westbrook-2025.txt");

fn entry(name: &str, text: &str) -> Rc<Entry> {
    Rc::new(Entry::new(name, text.as_bytes(), Source::File))
}

fn reduce(s: Rc<SeriesState>, action: SeriesAction) -> Rc<SeriesState> {
    s.reduce(action)
}

fn names(s: &SeriesState) -> Vec<&str> {
    s.entries.iter().map(|e| e.name.as_str()).collect()
}

/// The three hand-written reports, given latest first.
fn given() -> Vec<Rc<Entry>> {
    vec![
        entry("2025.txt", Y2025),
        entry("2019.txt", Y2019),
        entry("2022.txt", Y2022),
    ]
}

#[wasm_bindgen_test]
fn reports_go_in_date_order_and_can_be_moved_or_removed() {
    let s = reduce(Rc::default(), SeriesAction::Set(given()));
    assert_eq!(names(&s), ["2019.txt", "2022.txt", "2025.txt"]);
    assert!(!s.moved);
    assert!(s.ids().is_some());
    let s = reduce(s, SeriesAction::Move { from: 2, by: -1 });
    assert_eq!(names(&s), ["2019.txt", "2025.txt", "2022.txt"]);
    assert!(s.moved);
    // Not past either end.
    let s = reduce(s, SeriesAction::Move { from: 0, by: -1 });
    assert_eq!(names(&s), ["2019.txt", "2025.txt", "2022.txt"]);
    // An unreadable file is listed last and is not part of the series.
    let bad = Rc::new(Entry::failed("broken.pdf", "it is damaged".into()));
    let s = reduce(s, SeriesAction::Add(vec![bad]));
    assert_eq!(
        names(&s),
        ["2019.txt", "2025.txt", "2022.txt", "broken.pdf"]
    );
    assert_eq!(s.ids().map(|i| i.len()), Some(3));
    let s = reduce(s, SeriesAction::Remove(1));
    assert_eq!(names(&s), ["2019.txt", "2022.txt", "broken.pdf"]);
    assert_eq!(s.ids(), None, "two readable reports are not a series");
    assert!(reduce(s, SeriesAction::Clear).entries.is_empty());
}

#[wasm_bindgen_test]
fn three_files_go_to_the_series_two_to_the_pair() {
    let file = |n: &str| {
        web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&"x".into()), n).unwrap()
    };
    assert!(takes(&[file("a.txt"), file("b.txt"), file("c.txt")], false));
    assert!(!takes(&[file("a.txt"), file("b.txt")], false));
    assert!(
        takes(&[file("d.txt")], true),
        "while a series is on screen, files join it"
    );
    assert!(!takes(&[file("x.rcmp")], true));
}

#[wasm_bindgen_test]
fn routes_name_a_step_a_theme_and_a_topic() {
    let href = step_href(2, "care leavers", "t7");
    assert_eq!(href, "#/step/2/theme/care%20leavers/topic/t7");
    let r = parse_route(&href).unwrap();
    assert_eq!(
        (r.step, r.theme.as_str(), r.topic.as_deref()),
        (2, "care leavers", Some("t7"))
    );
    // The theme page's own links stay in the step last opened.
    let r = parse_route("#/theme/caseloads").unwrap();
    assert_eq!((r.step, r.theme.as_str(), r.topic), (2, "caseloads", None));
    assert!(parse_route("#/step/x/theme/a").is_none());
    assert!(parse_route("#c=rc1.00.AA").is_none());
}

#[wasm_bindgen_test]
fn the_chart_puts_better_grades_higher_and_breaks_at_a_missing_one() {
    assert!(y_of(4) < y_of(3) && y_of(3) < y_of(2) && y_of(2) < y_of(1));
    assert!(x_of(0, 4) < x_of(1, 4) && x_of(2, 4) < x_of(3, 4));
    assert_eq!(runs(&[Some(2), Some(1), Some(2), Some(3)]).len(), 1);
    assert_eq!(
        runs(&[Some(2), None, Some(2), Some(3)]).len(),
        1,
        "a lone point is no line"
    );
    assert_eq!(runs(&[Some(2), Some(2), None, Some(2), Some(3)]).len(), 2);
}

/// The series of the three hand-written reports, as the app holds it, with a correction
/// on its second step.
fn built() -> (Vec<Rc<Entry>>, SeriesOutcome) {
    let s = reduce(Rc::default(), SeriesAction::Set(given()));
    let entries = s.readable();
    let docs: Vec<&engine::ingest::Document> = entries.iter().filter_map(|e| e.doc()).collect();
    let built = series::build_in_order(&docs, &Codebook::builtin(), &mut |_| {}).unwrap();
    let ids: Vec<u32> = entries.iter().map(|e| e.id).collect();
    let mut o = SeriesOutcome::new(ids, built, 1.0);
    for k in 0..o.series.steps.len() {
        let (a, b) = (&entries[k], &entries[k + 1]);
        let mut overrides = engine::overrides::Overrides::default();
        if k == 1 {
            let theme = o.series.steps[1].themes[0].id.clone();
            overrides.push(Edit::ThemeVerdict {
                theme,
                verdict: engine::compare::Verdict::Regressed,
                note: Some("checked by hand".into()),
            });
        }
        let outcome = Outcome::new(
            (a.id, b.id),
            storage_key(a.hash, b.hash),
            o.series.steps[k].clone(),
            overrides,
            0.0,
        );
        // Applied as the worker applies them (the page has no recount).
        let outcome = match outcome.pending {
            true => outcome.settled(
                super::super::jobs::on_page::apply(&outcome.base, &outcome.overrides).unwrap(),
            ),
            false => outcome,
        };
        o.steps[k] = Some(Rc::new(outcome));
    }
    (entries, o)
}

#[wasm_bindgen_test]
async fn a_series_round_trips_through_a_share_link() {
    let (entries, o) = built();
    let payload = make(&o, &entries).expect("a payload");
    assert_eq!(payload.kind, KIND);
    assert_eq!(payload.reports.len(), 3);
    // Only paragraphs around findings travel, not whole reports.
    assert!(payload
        .reports
        .iter()
        .all(|r| r.doc.blocks.is_empty() && !r.paragraphs.is_empty()));
    // Deflated by the browser, it is the same payload as the engine deflates.
    let text = encode(&o, &entries).await.expect("encoded");
    let at_once = engine::share::encode(&payload);
    let (a, b): (serde_json::Value, serde_json::Value) = (
        engine::share::decode(&text).unwrap(),
        engine::share::decode(&at_once).unwrap(),
    );
    assert_eq!(a, b);
    let Ok(Opened::Series(SeriesAction::Open {
        entries: opened,
        outcome,
    })) = app_share::open_any(&text).await
    else {
        panic!("a shared series did not open as one");
    };
    assert_eq!(
        *outcome.series, *o.series,
        "the series comes back as it was made"
    );
    let names: Vec<&str> = opened.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["2019.txt", "2022.txt", "2025.txt"]);
    assert!(opened.iter().all(|e| e.source == Source::Shared));
    assert_eq!(
        opened[0].hash, entries[0].hash,
        "corrections stay under the files' own keys"
    );
    // Each step opens with its corrections applied: the link carries them so.
    let step = outcome.steps[1].as_ref().expect("step 2");
    assert_eq!(step.overrides.edits.len(), 1);
    assert!(!step.pending);
    assert_eq!(
        step.applied.themes[0].verdict,
        engine::compare::Verdict::Regressed
    );
    assert!(outcome.steps[0].as_ref().unwrap().overrides.is_empty());
    // Into the state: a shared series, ready, no re-run.
    let s = reduce(
        Rc::default(),
        SeriesAction::Open {
            entries: opened,
            outcome,
        },
    );
    assert!(s.shared() && s.current().is_some());
    // The surrounding text of a finding is there.
    let f = &o.series.steps[0].before.findings[0];
    let doc = s.entries[0].doc().unwrap();
    assert_eq!(
        doc.blocks.get(f.paragraph).map(|b| b.text.is_empty()),
        Some(false)
    );
}

#[wasm_bindgen_test]
async fn comparison_links_still_open_and_a_damaged_series_says_why() {
    let (entries, o) = built();
    // A comparison link (the kind made before series) opens as a pair.
    let pair = o.steps[0].as_ref().unwrap();
    let shared = app_share::make(pair, &entries[0], &entries[1]).unwrap();
    let text = engine::share::encode(&shared);
    assert!(matches!(
        app_share::open_any(&text).await,
        Ok(Opened::Pair(state::Action::Open { .. }))
    ));
    // A series from a newer version says so.
    let mut v = serde_json::to_value(make(&o, &entries).unwrap()).unwrap();
    v["series"]["schema"] = "report-compare-series/9".into();
    let Err(e) = app_share::open_any(&engine::share::encode(&v)).await else {
        panic!("a /9 series opened");
    };
    assert!(
        e.contains("report-compare-series/9") && e.contains("newer version"),
        "{e}"
    );
    // One that does not hang together (a report missing) is refused in words.
    let mut v = serde_json::to_value(make(&o, &entries).unwrap()).unwrap();
    v["reports"].as_array_mut().unwrap().pop();
    let Err(e) = app_share::open_any(&engine::share::encode(&v)).await else {
        panic!("a series without a report opened");
    };
    assert!(e.contains("does not hang together"), "{e}");
}
