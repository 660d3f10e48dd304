//! The state and its rules: the order of the reports, replacing one, a file the reader
//! died on, corrections saved and undone, shares, stale comparisons and codebooks.

use std::rc::Rc;

use engine::compare::{compare, Verdict};
use engine::overrides::Edit;
use engine::themes::Codebook;
use wasm_bindgen_test::*;
use yew::prelude::*;

use super::super::state::{fnv1a, storage_key, Action, Entry, OrderBasis, Outcome};
use super::super::view::two_sided;
use super::super::{io, jobs, load, share};
use super::{
    add, applied, clear_storage, count, entry, reduce, render, text, wait_for, EARLIER, LATER,
};

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
    // The page has no recount: until the worker replies it shows what it showed.
    let o = s.current().unwrap();
    assert!(o.pending);
    assert_eq!(o.applied.themes[0].verdict, before);
    assert_eq!(o.revision, 1);
    // A reply for an older revision is dropped (a newer one is on its way).
    let done = jobs::on_page::apply(&o.base, &o.overrides).unwrap();
    let s = reduce(
        s,
        Action::Applied {
            key: key.clone(),
            revision: 0,
            result: Ok(Box::new(done)),
        },
    );
    assert!(s.current().unwrap().pending);
    let s = applied(s);
    let o = s.current().unwrap();
    assert!(!o.pending);
    assert_eq!(o.applied.themes[0].verdict, to);
    let saved = io::load(&key).expect("saved in localStorage");
    assert!(saved.contains("theme_verdict") && saved.contains("checked"));
    assert!(s.message.as_ref().unwrap().text.starts_with("Saved."));

    // Undoing the last one shows the engine's comparison at once, without the worker.
    let s = reduce(s, Action::Undo(0));
    assert!(!s.current().unwrap().pending);
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
    let s = applied(s);
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
async fn a_share_from_before_topics_opens_with_topics() {
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
    }) = share::open(&text).await
    else {
        panic!("a /1 share did not open");
    };
    assert!(message.contains("earlier version"), "{message}");
    // Brought up to date by the worker (the page has no recount).
    assert!(outcome.pending);
    let done = jobs::on_page::apply(&outcome.base, &outcome.overrides).unwrap();
    let outcome = outcome.settled(done);
    assert_eq!(outcome.base.schema, "report-compare/2");
    assert!(outcome.applied.themes.iter().all(|t| !t.topics.is_empty()));
    // A schema from the future says why it cannot open.
    v["comparison"]["schema"] = "report-compare/7".into();
    let Err(e) = share::open(&engine::share::encode(&v)).await else {
        panic!("a /7 share opened");
    };
    assert!(
        e.contains("report-compare/7") && e.contains("newer version"),
        "{e}"
    );
}

#[wasm_bindgen_test]
async fn a_share_with_corrections_carries_them_applied() {
    let (a, b) = (entry("2021.txt", EARLIER), entry("2023.txt", LATER));
    let base = compare(a.doc().unwrap(), b.doc().unwrap(), &Codebook::builtin());
    let theme = base.themes[0].id.clone();
    let to = if base.themes[0].verdict == Verdict::Regressed {
        Verdict::Improved
    } else {
        Verdict::Regressed
    };
    let mut corrections = engine::overrides::Overrides::default();
    corrections.push(Edit::ThemeVerdict {
        theme,
        verdict: to,
        note: None,
    });
    let made = Outcome::new((a.id, b.id), String::new(), base, corrections, 1.0);
    let done = jobs::on_page::apply(&made.base, &made.overrides).unwrap();
    let made = made.settled(done);
    let shared = share::make(&made, &a, &b).unwrap();
    assert!(
        shared.corrected.is_some(),
        "the corrected comparison travels"
    );
    // Opened, it shows the corrections at once: nothing left for the worker.
    let Ok(Action::Open { outcome, .. }) = share::open(&engine::share::encode(&shared)).await
    else {
        panic!("the share did not open");
    };
    assert!(!outcome.pending);
    assert_eq!(outcome.applied.themes[0].verdict, to);
    assert_eq!(outcome.base.themes[0].verdict, made.base.themes[0].verdict);
    // A link made before links carried it: opened pending, the worker applies them.
    let mut v = serde_json::to_value(&shared).unwrap();
    v.as_object_mut().unwrap().remove("corrected");
    let Ok(Action::Open { outcome, .. }) = share::open(&engine::share::encode(&v)).await else {
        panic!("the older share did not open");
    };
    assert!(outcome.pending);
    let done = jobs::on_page::apply(&outcome.base, &outcome.overrides).unwrap();
    assert_eq!(outcome.settled(done).applied.themes[0].verdict, to);
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
    use super::super::state::UserCodebook;
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
    let json = |c: &Codebook| serde_json::to_string(c).unwrap();
    let with = Codebook::builtin().with(yours.clone());
    let read = jobs::ReadCodebook::from_json(json(&yours), json(&with)).unwrap();
    let book = Rc::new(UserCodebook::new("mine.qdc", read));
    assert_eq!(book.themes, 1);
    let made_with = jobs::on_page::parse(&book.book);
    assert_eq!(made_with.themes.len(), Codebook::builtin().themes.len() + 1);
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
