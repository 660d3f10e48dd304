//! In-browser tests of the app (headless Chromium via wasm-bindgen-test-runner):
//! `cargo test --target wasm32-unknown-unknown --bin report-compare-web`.
//! They live here, not in tests/, because integration tests only see the lib crate.

use std::rc::Rc;
use std::time::Duration;

use engine::compare::{compare, Verdict};
use engine::diff::{word_diff, Change};
use engine::overrides::Edit;
use engine::themes::Codebook;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{DataTransfer, DragEvent, DragEventInit, Element, File};
use yew::prelude::*;

use super::reading::{SAMPLE_EARLIER, SAMPLE_LATER};
use super::route::theme_href;
use super::state::{fnv1a, storage_key, Action, Entry, OrderBasis, Outcome, Source, State};
use super::view::{
    alike, best_topic, first_words, highlight, human_date, ordered_topics, paired_diff, plural,
    preview_link, side_runs, strongest_link, two_sided, verdict_badge, verdict_short, weak_match,
    year, DIFF_THRESHOLD, VERDICTS, WEAK_MATCH,
};
use super::*;

wasm_bindgen_test_configure!(run_in_browser);

const EARLIER: &str = include_str!("../../../../www/samples/luton-2021-focused-visit.txt");
const LATER: &str = include_str!("../../../../www/samples/luton-2023-news-article.txt");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn fresh_root() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Lets Yew's scheduler and pending promises run.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

/// Waits (up to ~6 s) until `selector` matches inside `root`.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        settle().await;
    }
    panic!("timed out waiting for {selector}");
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text_file(name: &str, contents: &str) -> File {
    let parts = js_sys::Array::of1(&contents.into());
    File::new_with_str_sequence(&parts, name).unwrap()
}

fn drop_files(target: &Element, files: &[File]) {
    let transfer = DataTransfer::new().unwrap();
    for file in files {
        transfer.items().add_with_file(file).unwrap();
    }
    let init = DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let event = DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn entry(name: &str, text: &str) -> Rc<Entry> {
    Rc::new(Entry::new(name, text.as_bytes(), Source::File))
}

fn reduce(state: Rc<State>, action: Action) -> Rc<State> {
    yew::functional::Reducible::reduce(state, action)
}

fn add(state: Rc<State>, entries: Vec<Rc<Entry>>, target: Option<usize>) -> Rc<State> {
    let given = entries.len();
    reduce(
        state,
        Action::Add {
            entries,
            target,
            given,
        },
    )
}

fn clear_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
fn reports_are_put_in_date_order_and_can_be_swapped() {
    let later = entry("2023.txt", LATER);
    let earlier = entry("2021.txt", EARLIER);
    assert_eq!(earlier.date(), Some("2021-06-18"));
    let s = add(Rc::default(), vec![later.clone(), earlier.clone()], None);
    assert_eq!(s.basis(), OrderBasis::Dates);
    let (a, b) = s.pair().unwrap();
    assert_eq!(
        (a.id, b.id),
        (earlier.id, later.id),
        "earlier first, whatever the order given"
    );
    assert!(s.message.as_ref().unwrap().text.contains("Read 2023.txt"));

    let s = reduce(s, Action::Swap);
    assert_eq!(s.pair_ids(), Some((later.id, earlier.id)));
    assert!(s
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("2023.txt is now the earlier report"));

    // Remove the report shown first (now 2023): the other is alone, first.
    let s = reduce(s, Action::Remove(0));
    assert!(s.pair().is_none());
    assert_eq!(s.ordered()[0].as_ref().map(|e| e.id), Some(earlier.id));
    assert!(!s.swapped);
}

#[wasm_bindgen_test]
fn without_dates_the_given_order_stands() {
    let a = entry("a.txt", "Caseloads are high in every team and rising.\n");
    let b = entry("b.txt", "Caseloads are now manageable in every team.\n");
    let s = add(Rc::default(), vec![a.clone(), b.clone()], None);
    assert_eq!(s.basis(), OrderBasis::Given);
    assert_eq!(s.pair_ids(), Some((a.id, b.id)));
}

#[wasm_bindgen_test]
fn one_more_file_goes_to_the_free_place_then_the_failed_one_then_the_oldest() {
    let first = entry("1.txt", EARLIER);
    let s = add(Rc::default(), vec![first.clone()], None);
    assert!(s
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("Add the second report"));
    let broken = entry("x.pdf", "%PDF-1.7 nothing else");
    let s = add(s, vec![broken.clone()], None);
    assert!(s.pair().is_none(), "an unreadable file is not compared");
    let m = s.message.clone().unwrap();
    assert!(m.error && m.text.contains("Could not read x.pdf"), "{m:?}");
    assert!(
        s.slots.iter().flatten().any(|e| e.id == first.id),
        "the other stays loaded"
    );

    let second = entry("2.txt", LATER);
    let s = add(s, vec![second.clone()], None);
    assert_eq!(
        s.pair_ids(),
        Some((first.id, second.id)),
        "replaced the failed one"
    );

    let third = entry("3.txt", LATER);
    let s = add(s, vec![third.clone()], None);
    assert!(
        s.slots.iter().flatten().all(|e| e.id != first.id),
        "the oldest went"
    );
    assert!(s.message.as_ref().unwrap().text.contains("replaced 1.txt"));

    // A target position replaces exactly the report shown there (3.txt: same date as
    // 2.txt, so the order given stands and 3.txt, in the first place, is shown first).
    assert_eq!(s.pair_ids(), Some((third.id, second.id)));
    let fourth = entry("4.txt", EARLIER);
    let s = add(s, vec![fourth.clone()], Some(0));
    assert_eq!(s.pair_ids(), Some((fourth.id, second.id)));

    let many = vec![entry("a.txt", EARLIER), entry("b.txt", LATER)];
    let s = reduce(
        s,
        Action::Add {
            entries: many,
            target: None,
            given: 5,
        },
    );
    assert!(s
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("5 files were given"));
}

#[wasm_bindgen_test]
async fn a_file_the_reader_died_on_says_so_keeps_the_other_and_is_replaced_next() {
    let kept = entry("2021.txt", EARLIER);
    let s = add(Rc::default(), vec![kept.clone()], None);
    let crashed = Rc::new(Entry::crashed("big.pdf", jobs::CRASH_REASON));
    let s = add(s, vec![crashed.clone()], Some(1));
    let m = s.message.clone().unwrap();
    assert!(m.error, "{m:?}");
    assert_eq!(
        m.text,
        "Reading “big.pdf” stopped: the reader ran out of memory or crashed. The other report, 2021.txt, is kept; try again, or use a smaller file."
    );
    assert!(s.pair().is_none(), "nothing compared with it");
    assert!(s.slots.iter().flatten().any(|e| e.id == kept.id));

    // Its card says "stopped", not "can't be read" (the file may be fine).
    let root = render(html! {
        <load::Card position={1} both={true} entry={Some(crashed)} on_files={Callback::noop()}
            on_paste={Callback::noop()} on_remove={Callback::noop()} />
    })
    .await;
    let words = wait_for(&root, "[data-crashed]").await.text_content();
    let words = words.unwrap_or_default();
    assert!(
        words.starts_with("Reading stopped: the reader ran out of memory or crashed. Try again"),
        "{words}"
    );
    assert_eq!(count(&root, ".card.failed"), 1);
    assert!(!text(&root, ".card").contains("can’t be read"));

    // The next file takes its place.
    let next = entry("2023.txt", LATER);
    let s = add(s, vec![next.clone()], None);
    assert_eq!(s.pair_ids(), Some((kept.id, next.id)));

    // Alone (nothing else read): only the advice.
    let alone = Rc::new(Entry::crashed("big.pdf", jobs::CRASH_REASON));
    let s = add(Rc::default(), vec![alone], None);
    let text = s.message.clone().unwrap().text;
    assert!(
        text.starts_with("Reading “big.pdf” stopped: the reader ran out of memory or crashed. Try again, or use a smaller file."),
        "{text}"
    );
}

#[wasm_bindgen_test]
fn corrections_are_saved_under_hashes_and_applied() {
    clear_storage();
    let (a, b) = (entry("2021.txt", EARLIER), entry("2023.txt", LATER));
    let s = add(Rc::default(), vec![a.clone(), b.clone()], None);
    let key = storage_key(a.hash, b.hash);
    assert!(key.starts_with("report-compare:corrections:v1:"));
    assert!(!key.contains("Luton"), "no report text in keys");
    assert_eq!(a.hash, fnv1a(EARLIER.as_bytes()));
    let base = compare(a.doc().unwrap(), b.doc().unwrap(), &Codebook::builtin());
    let theme = base.themes[0].id.clone();
    let before = base.themes[0].verdict;
    let to = if before == Verdict::Regressed {
        Verdict::Improved
    } else {
        Verdict::Regressed
    };
    let outcome = Outcome::new((a.id, b.id), key.clone(), base, Default::default(), 1.0);
    let s = reduce(s, Action::Compared(Rc::new(outcome)));
    assert!(s.current().is_some());
    assert!(s.message.as_ref().unwrap().quiet);

    let s = reduce(
        s,
        Action::Correct(Edit::ThemeVerdict {
            theme: theme.clone(),
            verdict: to,
            note: Some("checked".into()),
        }),
    );
    let o = s.current().unwrap();
    assert_eq!(o.applied.themes[0].verdict, to);
    assert_eq!(o.revision, 1);
    let saved = io::load(&key).expect("saved in localStorage");
    assert!(saved.contains("theme_verdict") && saved.contains("checked"));
    assert!(s.message.as_ref().unwrap().text.starts_with("Saved."));

    let s = reduce(s, Action::Undo(0));
    assert_eq!(s.current().unwrap().applied.themes[0].verdict, before);
    assert_eq!(
        io::load(&key),
        None,
        "nothing left to save: the key is removed"
    );
    clear_storage();
}

#[wasm_bindgen_test]
fn a_topic_verdict_is_the_persons_and_saved() {
    clear_storage();
    let (a, b) = (entry("2021.txt", EARLIER), entry("2023.txt", LATER));
    let s = add(Rc::default(), vec![a.clone(), b.clone()], None);
    let key = storage_key(a.hash, b.hash);
    let base = compare(a.doc().unwrap(), b.doc().unwrap(), &Codebook::builtin());
    let (theme, topic) = base
        .themes
        .iter()
        .find_map(|t| {
            t.topics
                .iter()
                .find(|x| two_sided(x))
                .map(|x| (t.id.clone(), x.clone()))
        })
        .expect("a topic both reports discuss");
    let to = if topic.verdict == Verdict::Mixed {
        Verdict::Improved
    } else {
        Verdict::Mixed
    };
    let outcome = Outcome::new((a.id, b.id), key.clone(), base, Default::default(), 1.0);
    let s = reduce(s, Action::Compared(Rc::new(outcome)));
    let s = reduce(
        s,
        Action::Correct(Edit::TopicVerdict {
            theme: theme.clone(),
            topic: topic.id.clone(),
            verdict: to,
            note: Some("read both".into()),
        }),
    );
    let o = s.current().unwrap();
    let x = o
        .applied
        .themes
        .iter()
        .find(|t| t.id == theme)
        .and_then(|t| t.topics.iter().find(|x| x.id == topic.id))
        .unwrap();
    assert_eq!(x.verdict, to);
    assert!(x.overridden);
    assert_eq!(x.note.as_deref(), Some("read both"));
    let saved = io::load(&key).expect("saved in localStorage");
    assert!(saved.contains("topic_verdict") && saved.contains("read both"));
    clear_storage();
}

#[wasm_bindgen_test]
fn a_share_from_before_topics_opens_with_topics() {
    let (a, b) = (entry("2021.txt", EARLIER), entry("2023.txt", LATER));
    let base = compare(a.doc().unwrap(), b.doc().unwrap(), &Codebook::builtin());
    let outcome = Outcome::new((a.id, b.id), String::new(), base, Default::default(), 1.0);
    let shared = share::make(&outcome, &a, &b).unwrap();
    assert_eq!(shared.comparison.schema, "report-compare/2");
    let mut v = serde_json::to_value(&shared).unwrap();
    v["comparison"]["schema"] = "report-compare/1".into();
    for t in v["comparison"]["themes"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("topics");
    }
    let text = engine::share::encode(&v);
    let Ok(Action::Open {
        outcome, message, ..
    }) = share::open(&text)
    else {
        panic!("a /1 share did not open");
    };
    assert!(message.contains("earlier version"), "{message}");
    assert_eq!(outcome.base.schema, "report-compare/2");
    assert!(outcome.applied.themes.iter().all(|t| !t.topics.is_empty()));
    // A schema from the future says why it cannot open.
    v["comparison"]["schema"] = "report-compare/7".into();
    let Err(e) = share::open(&engine::share::encode(&v)) else {
        panic!("a /7 share opened");
    };
    assert!(
        e.contains("report-compare/7") && e.contains("newer version"),
        "{e}"
    );
}

#[wasm_bindgen_test]
fn a_stale_comparison_is_ignored() {
    let (a, b) = (entry("2021.txt", EARLIER), entry("2023.txt", LATER));
    let s = add(Rc::default(), vec![a.clone(), b.clone()], None);
    let base = compare(a.doc().unwrap(), b.doc().unwrap(), &Codebook::builtin());
    let stale = Outcome::new((b.id, a.id), String::new(), base, Default::default(), 1.0);
    let s = reduce(s, Action::Compared(Rc::new(stale)));
    assert!(s.outcome.is_none());
}

#[wasm_bindgen_test]
fn a_codebook_compares_again_unless_the_comparison_was_shared() {
    use super::state::UserCodebook;
    let (a, b) = (entry("2021.txt", EARLIER), entry("2023.txt", LATER));
    let s = add(Rc::default(), vec![a.clone(), b.clone()], None);
    let base = compare(a.doc().unwrap(), b.doc().unwrap(), &Codebook::builtin());
    let outcome = Outcome::new(
        (a.id, b.id),
        String::new(),
        base.clone(),
        Default::default(),
        1.0,
    );
    let s = reduce(s, Action::Compared(Rc::new(outcome)));
    assert!(s.current().is_some());

    let yours = Codebook::parse(
        "[[theme]]\nid = \"morale\"\nlabel = \"Staff morale\"\nterms = [\"morale\"]\n",
        "mine.toml",
    )
    .unwrap();
    let read = super::jobs::ReadCodebook {
        book: Codebook::builtin().with(yours.clone()),
        yours,
    };
    let book = Rc::new(UserCodebook::new("mine.qdc", read));
    assert_eq!(book.book.themes.len(), Codebook::builtin().themes.len() + 1);
    let s = reduce(s, Action::Codebook(Some(book.clone())));
    assert!(s.outcome.is_none(), "compared again with it");
    assert_eq!(s.codebook_id(), book.id);
    let said = &s.message.as_ref().unwrap().text;
    assert!(
        said.contains("mine.qdc: 1 theme, added to the built-in ones")
            && said.ends_with("Comparing again…"),
        "{said}"
    );

    // A comparison made with the old codebook, arriving late, is not shown.
    let old = Outcome::new(
        (a.id, b.id),
        String::new(),
        base.clone(),
        Default::default(),
        1.0,
    );
    let s = reduce(s, Action::Compared(Rc::new(old)));
    assert!(s.outcome.is_none());
    let new = Outcome::new(
        (a.id, b.id),
        String::new(),
        base.clone(),
        Default::default(),
        1.0,
    )
    .made_with(Some(book.clone()));
    let s = reduce(s, Action::Compared(Rc::new(new)));
    assert_eq!(s.current().map(|o| o.codebook_id()), Some(book.id));

    // Back to the built-in codebook.
    let s = reduce(s, Action::Codebook(None));
    assert!(s.outcome.is_none() && s.codebook.is_none());
    assert!(s
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("Back to the built-in codebook."));

    // A shared comparison can't be made again: it stays.
    let shared = [
        Rc::new(Entry::shared("2021.txt", 1, a.doc().unwrap().clone(), 3)),
        Rc::new(Entry::shared("2023.txt", 2, b.doc().unwrap().clone(), 3)),
    ];
    let ids = (shared[0].id, shared[1].id);
    let s = reduce(
        s,
        Action::Open {
            entries: shared,
            outcome: Rc::new(Outcome::new(
                ids,
                String::new(),
                base,
                Default::default(),
                1.0,
            )),
            message: "Opened.".into(),
        },
    );
    let s = reduce(s, Action::Codebook(Some(book)));
    assert!(s.current().is_some(), "the shared comparison stays");
    assert!(s.message.as_ref().unwrap().text.contains("can’t be re-run"));
}

#[wasm_bindgen_test]
fn small_helpers() {
    assert_eq!(human_date("2021-06-18"), "18 June 2021");
    assert_eq!(human_date("2022-07"), "July 2022");
    assert_eq!(human_date("sometime"), "sometime");
    assert_eq!(year(Some("2023-07-19")), Some("2023"));
    assert_eq!(year(None), None);
    assert_eq!(plural(1, "finding", "findings"), "1 finding");
    assert_eq!(plural(3, "finding", "findings"), "3 findings");
    assert_eq!(first_words("a b c d", 2), "a b …");
    assert_eq!(first_words("a b", 5), "a b");
    // "Dropped" never reads as resolved.
    for v in VERDICTS {
        assert!(!verdict_short(v).to_lowercase().contains("resolved"));
    }
    assert_eq!(verdict_short(Verdict::Dropped), "Not mentioned later");
    assert_eq!(io::file_name(SAMPLE_LATER), "luton-2023-news-article.txt");
    for url in [SAMPLE_EARLIER, SAMPLE_LATER] {
        assert!(url.starts_with("samples/"), "{url} must be relative");
    }
    assert_eq!(theme_href("front-door"), "#/theme/front-door");
    // "Weak match": a barely alike pair the engine made, never one a person made.
    let pair = |s: f32, overridden: bool| engine::compare::Link {
        overridden,
        ..engine::compare::Link::new(
            Some("b1".into()),
            Some("a1".into()),
            Verdict::Persisted,
            s,
            engine::findings::Speaker::Inspectors,
        )
    };
    assert!(weak_match(&pair(WEAK_MATCH - 0.01, false)));
    assert!(!weak_match(&pair(WEAK_MATCH, false)));
    assert!(!weak_match(&pair(0.0, true)));
}

#[wasm_bindgen_test]
fn diff_runs_join_a_changed_phrase_and_skip_unlike_pairs() {
    let spans = word_diff(
        "caseloads are very high here",
        "caseloads are now manageable here",
    );
    let runs = side_runs(&spans, Change::Inserted);
    assert_eq!(
        runs,
        vec![
            (false, "caseloads are ".to_string()),
            (true, "now manageable".to_string()),
            (false, " here".to_string())
        ]
    );
    let runs = side_runs(&spans, Change::Deleted);
    assert!(runs.contains(&(true, "very high".to_string())), "{runs:?}");
    assert!(alike(&spans) >= DIFF_THRESHOLD);
    let unlike = word_diff(
        "Caseloads are high.",
        "Leaders visit the front door weekly.",
    );
    assert!(alike(&unlike) < DIFF_THRESHOLD);
    let (_, _, marked) = paired_diff(
        "Caseloads are high.",
        "Leaders visit the front door weekly.",
    );
    assert!(!marked);
}

#[derive(Properties, PartialEq)]
struct WrapProps {
    html: Html,
}

#[function_component(Wrap)]
fn wrap(props: &WrapProps) -> Html {
    props.html.clone()
}

async fn render(html: Html) -> Element {
    let root = fresh_root();
    yew::Renderer::<Wrap>::with_root_and_props(root.clone(), WrapProps { html }).render();
    settle().await;
    root
}

#[wasm_bindgen_test]
async fn markup_in_reports_stays_text() {
    let (b, a, marked) = paired_diff(
        "the <script>alert(1)</script> quick fox ran",
        "the <img src=x onerror=alert(1)> quick fox ran",
    );
    assert!(marked);
    let root = render(html! { <><p class="b">{b}</p><p class="a">{a}</p></> }).await;
    assert_eq!(count(&root, "script"), 0);
    assert_eq!(count(&root, "img"), 0);
    assert!(text(&root, ".b").contains("<script>alert(1)</script>"));
    assert!(text(&root, ".a del, .a ins").contains("<img"));
    assert!(text(&root, ".b del").contains("<script>"));
    root.remove();

    let root = render(highlight(
        "Caseloads <b>are</b> HIGH; caseloads fall",
        "caseloads",
    ))
    .await;
    assert_eq!(count(&root, "mark"), 2);
    assert_eq!(count(&root, "b"), 0);
    assert_eq!(
        root.text_content().unwrap(),
        "Caseloads <b>are</b> HIGH; caseloads fall"
    );
    root.remove();

    let root = render(verdict_badge(Verdict::Regressed, true)).await;
    assert_eq!(text(&root, ".icon"), "▼");
    assert!(root.text_content().unwrap().contains("Regressed"));
    assert_eq!(
        text(&root, ".icon"),
        engine::export::verdict_icon(Verdict::Regressed)
    );
    root.remove();
}

#[wasm_bindgen_test]
fn overview_filters_sorts_and_searches() {
    let (a, b) = (entry("2021.txt", EARLIER), entry("2023.txt", LATER));
    let c = compare(a.doc().unwrap(), b.doc().unwrap(), &Codebook::builtin());
    let all = overview::visible(&c, &Prefs::default());
    assert_eq!(all.len(), c.themes.len());
    let ranks: Vec<usize> = all.iter().map(|t| view::verdict_rank(t.verdict)).collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "regressed first: {ranks:?}"
    );

    let dropped = overview::visible(
        &c,
        &Prefs {
            filter: Some(Verdict::Dropped),
            ..Prefs::default()
        },
    );
    assert_eq!(dropped.len(), c.summary.dropped);
    assert_eq!(overview::count(&c, Verdict::Dropped), c.summary.dropped);

    let by_name = overview::visible(
        &c,
        &Prefs {
            sort: Sort::Theme,
            ..Prefs::default()
        },
    );
    let names: Vec<String> = by_name.iter().map(|t| t.label.to_lowercase()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);

    let found = overview::visible(
        &c,
        &Prefs {
            query: "CASELOAD".into(),
            ..Prefs::default()
        },
    );
    assert!(!found.is_empty() && found.len() < c.themes.len());
    for t in &c.themes {
        if let Some(l) = strongest_link(t) {
            assert!(t.links.contains(l));
        }
        // Topics: every one listed once, two-sided first; the preview is the first pair
        // of the best two-sided topic.
        let (both, new, dropped) = ordered_topics(t);
        assert_eq!(both.len() + new.len() + dropped.len(), t.topics.len());
        assert!(both.iter().all(|x| two_sided(x)));
        assert!(new
            .iter()
            .all(|x| x.before.is_empty() && x.verdict == Verdict::New));
        assert!(dropped
            .iter()
            .all(|x| x.after.is_empty() && x.verdict == Verdict::Dropped));
        match best_topic(t) {
            Some(best) => {
                assert!(two_sided(best) && !best.pairs.is_empty());
                assert_eq!(preview_link(t), best.pairs.first());
            }
            None => assert_eq!(preview_link(t), strongest_link(t)),
        }
    }
    assert!(c.themes.iter().any(|t| best_topic(t).is_some()));
    assert_eq!(
        report::file_stem(&c),
        "report-compare-2021-06-18-to-2023-07-19"
    );
}

#[wasm_bindgen_test]
async fn the_app_compares_two_dropped_files_and_opens_a_theme() {
    clear_storage();
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    let zone = wait_for(&root, "[data-dropzone]").await;
    assert_eq!(count(&root, "input[type=file]"), 3);
    assert_eq!(text(&root, "h1"), "Compare two reports");

    let later = format!("{LATER}\nA sentence with <b>markup</b> that stays text.\n");
    drop_files(
        &zone,
        &[
            text_file("2023.txt", &later),
            text_file("2021.txt", EARLIER),
        ],
    );
    wait_for(&root, ".overview .theme-row").await;
    assert!(text(&root, "[data-card=earlier]").contains("2021.txt"));
    assert!(text(&root, "[data-card=earlier]").contains("Dated 18 June 2021"));
    assert!(text(&root, "[data-card=later]").contains("2023.txt"));

    let (a, b) = (entry("a", EARLIER), entry("b", &later));
    let c = compare(a.doc().unwrap(), b.doc().unwrap(), &Codebook::builtin());
    assert_eq!(count(&root, ".theme-row"), c.summary.themes as u32);
    assert_eq!(
        text(&root, ".tile[data-verdict=dropped] .tile-count"),
        c.summary.dropped.to_string()
    );
    assert_eq!(
        text(&root, "#headline"),
        format!("{}.", engine::export::headline(&c))
    );
    assert_eq!(count(&root, "main b"), 0);

    // Open a theme with two-sided topics through the hash, as a link does.
    let theme = c
        .themes
        .iter()
        .find(|t| t.topics.iter().any(|x| two_sided(x) && !x.pairs.is_empty()))
        .unwrap();
    let pairs: usize = theme
        .topics
        .iter()
        .filter(|x| two_sided(x))
        .map(|x| x.pairs.len())
        .sum();
    let two = theme.topics.iter().filter(|x| two_sided(x)).count();
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(&format!("/theme/{}", theme.id))
        .unwrap();
    wait_for(&root, ".detail").await;
    assert_eq!(text(&root, "#detail-heading"), theme.label);
    assert_eq!(count(&root, ".topic[data-topic]"), two as u32);
    assert_eq!(count(&root, ".pair"), pairs as u32);
    assert_eq!(count(&root, ".pair .cell"), 2 * pairs as u32);
    for x in &theme.topics {
        let at = if two_sided(x) {
            format!(".topic[data-topic=\"{}\"]", x.id)
        } else {
            format!(".lone-topic[data-topic=\"{}\"]", x.id)
        };
        assert!(text(&root, &at).contains(&x.label), "{} labelled", x.id);
        assert_eq!(
            root.query_selector(&at)
                .unwrap()
                .unwrap()
                .get_attribute("data-verdict")
                .as_deref(),
            Some(x.verdict.as_str())
        );
        if two_sided(x) {
            let head = text(&root, &format!("{at} .topic-head .verdict"));
            assert!(head.contains(verdict_short(x.verdict)), "{head}");
            assert!(text(&root, &format!("{at} .why")).contains(&x.why));
        }
    }
    let weak = theme
        .topics
        .iter()
        .flat_map(|x| &x.pairs)
        .filter(|l| weak_match(l))
        .count();
    assert_eq!(count(&root, ".pair .weak"), weak as u32);

    // Jump to context.
    let toggle: web_sys::HtmlElement = root
        .query_selector(".pair .context-toggle")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    toggle.click();
    wait_for(&root, ".pair .context").await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );

    // Set the theme's verdict through its form.
    let select: web_sys::HtmlSelectElement = root
        .query_selector("#theme-verdict")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let to = if theme.verdict == Verdict::Mixed {
        "improved"
    } else {
        "mixed"
    };
    select.set_value(to);
    let note: web_sys::HtmlTextAreaElement = root
        .query_selector("#theme-note")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    note.set_value("Checked against the audit");
    let save: web_sys::HtmlElement = root
        .query_selector(".theme-fix button[type=submit]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    save.click();
    wait_for(&root, ".detail-verdict .by-you").await;
    assert!(text(&root, ".override-note").contains("Checked against the audit"));
    assert!(text(&root, ".corrections").contains("Set the verdict of"));

    web_sys::window().unwrap().location().set_hash("").unwrap();
    wait_for(&root, ".overview").await;
    assert!(
        text(&root, &format!(".theme-row[data-theme=\"{}\"]", theme.id)).contains("Set by you")
    );
    clear_storage();
    root.remove();
}

#[wasm_bindgen_test]
async fn io_reads_fetches_and_stores() {
    let file = text_file("x.txt", "héllo <img src=x onerror=alert(1)>\nline two");
    let bytes = io::read_bytes(&file).await.unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        "héllo <img src=x onerror=alert(1)>\nline two"
    );
    let err = io::fetch_bytes("no-such-file-here.txt").await.unwrap_err();
    assert!(err.contains("no-such-file-here.txt"), "{err}");
    assert!(io::save("report-compare:test", Some("{}")));
    assert_eq!(io::load("report-compare:test").as_deref(), Some("{}"));
    assert!(io::save("report-compare:test", None));
    assert_eq!(io::load("report-compare:test"), None);
    let started = io::now();
    io::next_paint().await;
    assert!(io::now() >= started);
}
