//! The briefings and the codebook opened the way their readers open them: python-docx
//! reads the Word file (its ratings table, a topic's quotes, a reviewer's note), lxml
//! validates the `.qdc` against the REFI-QDA Codebook schema (tests/fixtures/refi-qda/) and
//! reads its codes, and the HTML is checked for anything that could load or run. Report
//! text full of markup, Word field codes and control characters comes out as text.
//! (Chromium opens the HTML in tests/e2e/app.test.mjs.)

mod common;

use common::compare_files;
use engine::codebook;
use engine::compare::{Comparison, Verdict};
use engine::export::{briefing, docx, html, qdc};
use engine::overrides::{self, Edit, Overrides};
use engine::themes::{Codebook, Mode};
use serde_json::Value;
use std::process::Command;

const ILACS: (&str, &str) = ("ilacs/luton-2022-09-05.txt", "ilacs/luton-2026-03-10.txt");
const SEED: (&str, &str) = ("luton-2021-2023/before.txt", "luton-2021-2023/after.txt");
const TOPIC_NOTE: &str = "Checked against the 2026 audit: caseloads fell";
const THEME_NOTE: &str = "Confirmed with the service manager";

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("report-compare-exports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file");
    path.to_string_lossy().into_owned()
}

/// tests/open-exports.py on a file: its JSON.
fn open(kind: &str, path: &str) -> Value {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut cmd = Command::new("python3");
    cmd.arg(format!("{root}/tests/open-exports.py"))
        .arg(kind)
        .arg(path);
    if kind == "qdc" {
        cmd.arg(format!("{root}/tests/fixtures/refi-qda/Codebook.xsd"));
    }
    let out = cmd.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "open-exports.py {kind}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("open-exports.py prints JSON")
}

fn paragraphs(doc: &Value) -> Vec<(String, String)> {
    doc["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap_or("").to_string(),
                p[1].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A topic the briefing quotes, with its theme's and its own id.
fn quoted_topic(c: &Comparison) -> (String, String, briefing::QuotedTopic) {
    let b = briefing::of(c);
    for section in &b.themes {
        if let Some(tp) = section.quoted.first() {
            let theme = c
                .themes
                .iter()
                .find(|t| t.label == section.label)
                .expect("the theme");
            let topic = theme
                .topics
                .iter()
                .find(|x| x.label == tp.label)
                .expect("the topic");
            return (theme.id.clone(), topic.id.clone(), tp.clone());
        }
    }
    panic!("no quoted topic");
}

/// A topic verdict with a note (one that keeps it quoted: improved and regressed come
/// first) and a theme verdict with a note on another theme.
fn corrections(c: &Comparison) -> (Overrides, String, String) {
    let (theme, topic, tp) = quoted_topic(c);
    let to = if tp.verdict == Verdict::Improved {
        Verdict::Regressed
    } else {
        Verdict::Improved
    };
    let other = c
        .themes
        .iter()
        .find(|t| t.id != theme)
        .expect("a second theme");
    let mut o = Overrides::default();
    o.push(Edit::TopicVerdict {
        theme: theme.clone(),
        topic,
        verdict: to,
        note: Some(TOPIC_NOTE.into()),
    });
    o.push(Edit::ThemeVerdict {
        theme: other.id.clone(),
        verdict: Verdict::Mixed,
        note: Some(THEME_NOTE.into()),
    });
    (o, tp.label, other.label.clone())
}

#[test]
fn word_briefing_opens_with_its_ratings_table_quotes_and_corrections() {
    let c = compare_files(ILACS.0, ILACS.1);
    assert!(c.ratings.iter().any(|r| r.note.is_some()), "a joint grade");
    let (o, topic_label, theme_label) = corrections(&c);
    let bytes = docx::corrected(&c, &o).expect("a Word file");
    let doc = open("docx", &temp("ilacs.docx", &bytes));
    assert_eq!(doc["page_mm"], serde_json::json!([210, 297]), "A4");
    assert_eq!(doc["fields"], 0, "no Word fields");

    // The ratings are a real table: a header row, then one row per area.
    let table = doc["tables"][0].as_array().expect("a table");
    assert_eq!(
        table[0],
        serde_json::json!(["Area", "Earlier", "Later", "Change"])
    );
    assert_eq!(table.len(), c.ratings.len() + 1);
    for (row, r) in table[1..].iter().zip(&c.ratings) {
        assert_eq!(row[0], r.area.as_str());
        assert_eq!(row[1], r.before.as_deref().unwrap_or("—"));
        assert_eq!(row[2], r.after.as_deref().unwrap_or("—"));
        let change = row[3].as_str().expect("cell");
        assert!(change.starts_with(&r.verdict), "{change}");
        if let Some(note) = &r.note {
            assert!(
                change.contains(note.as_str()),
                "joint-grade note in {change}"
            );
        }
    }

    // The corrected topic: its heading, the reviewer's note, its two quotes.
    let ps = paragraphs(&doc);
    let applied = briefing::corrected(&c, &o);
    let tp = applied
        .themes
        .iter()
        .flat_map(|t| &t.quoted)
        .find(|x| x.label == topic_label)
        .expect("still quoted");
    assert!(tp.topic_reviewer.is_some());
    let at = ps
        .iter()
        .position(|(style, text)| style == "Heading 2" && *text == topic_label)
        .expect("the topic's heading");
    let after: Vec<&str> = ps[at..at + 6].iter().map(|(_, t)| t.as_str()).collect();
    assert!(
        after
            .iter()
            .any(|t| t.starts_with("The reviewer set this topic’s verdict.")
                && t.contains(TOPIC_NOTE)),
        "{after:?}"
    );
    let quotes: Vec<&(String, String)> = ps[at..at + 6]
        .iter()
        .filter(|(s, _)| s == "Quote")
        .collect();
    let earlier = tp.earlier.as_ref().expect("earlier quote");
    let later = tp.later.as_ref().expect("later quote");
    assert_eq!(quotes[0].1, format!("Earlier: “{}”", earlier.text));
    assert!(quotes[1].1.starts_with(&format!("Later: “{}”", later.text)));

    // The theme set by the reviewer, and every correction listed.
    assert!(ps.iter().any(|(s, t)| s == "Heading 1"
        && t.starts_with(&theme_label)
        && t.ends_with("(set by the reviewer)")));
    assert!(ps.iter().any(|(_, t)| t.contains(THEME_NOTE)));
    let listed = ps
        .iter()
        .position(|(s, t)| s == "Heading 1" && t == "Corrections made by the reviewer")
        .expect("corrections heading");
    for edit in &o.edits {
        let said = overrides::describe(&c, edit);
        assert!(ps[listed..].iter().any(|(_, t)| *t == said), "{said}");
    }
    assert!(ps
        .iter()
        .any(|(s, t)| s == "Heading 1" && t == "How this was made"));
    assert!(ps.iter().any(|(_, t)| t.contains("nothing was uploaded")));
}

#[test]
fn html_briefing_is_one_file_that_loads_and_runs_nothing() {
    let c = compare_files(ILACS.0, ILACS.1);
    let (o, topic_label, _) = corrections(&c);
    let page = html::corrected(&c, &o);
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'"));
    for forbidden in [
        "<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import",
    ] {
        assert!(!page.contains(forbidden), "the briefing has {forbidden}");
    }
    assert!(page.contains("@page { size: A4"));
    assert!(page.contains("@media (max-width: 34rem)"));
    for r in &c.ratings {
        assert!(page.contains(&html::escape(&r.area)));
        if let Some(note) = &r.note {
            assert!(page.contains(&html::escape(note)));
        }
    }
    assert!(page.contains(&format!("<h3>{}</h3>", html::escape(&topic_label))));
    assert!(page.contains(&html::escape(TOPIC_NOTE)));
    assert!(page.contains("Corrections made by the reviewer"));
}

/// Markup, field codes and control characters, as a finding could carry them.
const HOSTILE: &str = "Leaders <script>alert(1)</script> & <b>staff</b> { MERGEFIELD Name } {PAGE} \u{c}fed\u{0}back\u{1b}[0m here";
/// What it must read as: the same characters, the control ones as spaces.
const HOSTILE_READ: &str =
    "Leaders <script>alert(1)</script> & <b>staff</b> { MERGEFIELD Name } {PAGE}  fed back [0m here";

/// The seed comparison with hostile text in a quoted pair, a theme's and a topic's name,
/// and a reviewer's note.
fn hostile() -> (Comparison, Overrides) {
    let mut c = compare_files(SEED.0, SEED.1);
    let (theme, topic, _) = quoted_topic(&c);
    let t = c.themes.iter_mut().find(|t| t.id == theme).expect("theme");
    t.label = format!("Theme {HOSTILE}");
    let x = t.topics.iter_mut().find(|x| x.id == topic).expect("topic");
    x.label = format!("Topic {HOSTILE}");
    let pair = x.pairs[0].clone();
    for f in c
        .before
        .findings
        .iter_mut()
        .chain(c.after.findings.iter_mut())
    {
        if Some(&f.id) == pair.before.as_ref() || Some(&f.id) == pair.after.as_ref() {
            f.text = HOSTILE.to_string();
        }
    }
    let mut o = Overrides::default();
    o.push(Edit::ThemeVerdict {
        theme,
        verdict: Verdict::Mixed,
        note: Some(HOSTILE.into()),
    });
    (c, o)
}

#[test]
fn report_text_stays_text_in_every_export() {
    let (c, o) = hostile();

    let page = html::corrected(&c, &o);
    assert!(
        !page.contains("<script") && !page.contains("<b>"),
        "markup got through"
    );
    assert!(page.contains(
        "Leaders &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;staff&lt;/b&gt; { MERGEFIELD Name } {PAGE}  fed back [0m here"
    ));
    assert!(!page.contains(['\u{c}', '\u{0}', '\u{1b}']));

    let doc = open(
        "docx",
        &temp("hostile.docx", &docx::corrected(&c, &o).expect("docx")),
    );
    assert_eq!(doc["fields"], 0, "a field code became a field");
    let ps = paragraphs(&doc);
    assert!(ps
        .iter()
        .any(|(s, t)| s == "Heading 2" && *t == format!("Topic {HOSTILE_READ}")));
    assert!(ps
        .iter()
        .any(|(s, t)| s == "Quote" && *t == format!("Earlier: “{HOSTILE_READ}”")));
    assert!(ps
        .iter()
        .any(|(_, t)| t.contains(&format!("Their note: “{HOSTILE_READ}”"))));

    let file = temp(
        "hostile.qdc",
        qdc::to_qdc(&Codebook::builtin(), None, Some(&c)).as_bytes(),
    );
    let book = open("qdc", &file);
    assert_eq!(book["valid"], true, "{}", book["errors"]);
    let names: Vec<&str> = book["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .filter_map(|x| x["name"].as_str())
        .collect();
    assert!(
        names.contains(&format!("Topic {HOSTILE_READ}").as_str()),
        "{names:?}"
    );
}

#[test]
fn the_codebook_validates_against_the_refi_qda_schema() {
    let c = compare_files(SEED.0, SEED.1);
    let yours = Codebook::parse(
        "[[theme]]\nid = \"wellbeing\"\nlabel = \"Staff wellbeing\"\ndescription = \"How staff are supported.\"\nterms = [\"wellbeing\", \"morale\"]\n",
        "mine.toml",
    )
    .expect("codebook");
    let book = Codebook::builtin().with(yours.clone());
    let text = qdc::to_qdc(&book, Some(&yours), Some(&c));
    assert_eq!(
        text,
        qdc::to_qdc(&book, Some(&yours), Some(&c)),
        "deterministic"
    );
    let read = open("qdc", &temp("seed.qdc", text.as_bytes()));
    assert_eq!(read["valid"], true, "{}", read["errors"]);
    assert_eq!(read["root"], "{urn:QDA-XML:codebook:1.0}CodeBook");
    let codes = read["codes"].as_array().expect("codes");
    let top: Vec<&str> = codes
        .iter()
        .filter(|x| x["depth"] == 0)
        .filter_map(|x| x["name"].as_str())
        .collect();
    for t in &book.themes {
        assert!(top.contains(&t.label.as_str()), "{} is a code", t.label);
    }
    // Each theme's topics are codes inside it.
    let topics = c
        .themes
        .iter()
        .filter(|t| t.id != "other")
        .map(|t| t.topics.len())
        .sum::<usize>();
    assert_eq!(
        codes
            .iter()
            .filter(|x| x["depth"] == 1 && x["codable"] == "true")
            .count(),
        topics
    );
    let mut guids: Vec<&str> = codes.iter().filter_map(|x| x["guid"].as_str()).collect();
    let n = guids.len();
    guids.sort();
    guids.dedup();
    assert_eq!(guids.len(), n, "GUIDs are unique");
    let mine = codes
        .iter()
        .find(|x| x["name"] == "Staff wellbeing")
        .expect("the person's theme");
    assert!(mine["description"].as_str().is_some_and(|d| d
        .starts_with("How staff are supported.")
        && d.contains("Terms: wellbeing; morale")));
    let own = read["sets"]
        .as_array()
        .expect("sets")
        .iter()
        .find(|s| s["name"] == "Your own themes")
        .expect("a set of the person's themes");
    assert_eq!(own["members"], serde_json::json!([mine["guid"]]));
}

#[test]
fn codebook_round_trip_gives_the_same_themes() {
    let c = compare_files(SEED.0, SEED.1);
    let yours = Codebook::parse(
        "mode = \"extend\"\n[synonyms]\n\"key worker\" = [\"lead professional\"]\n\n[[theme]]\nid = \"front-door\"\nlabel = \"Front door (ours)\"\nterms = [\"front door\", \"contact; referral\"]\nstrong = [\"mash\"]\n\n[[theme]]\nid = \"wellbeing\"\nlabel = \"Staff wellbeing\"\nterms = [\"wellbeing\"]\n",
        "mine.toml",
    )
    .expect("codebook");
    let book = Codebook::builtin().with(yours.clone());

    // The codebook alone comes back as it was (a ';' inside a term reads as a comma).
    let alone = codebook::read(&qdc::to_qdc(&book, Some(&yours), None), "mine.qdc").expect("reads");
    assert_eq!(alone.mode, Mode::Replace);
    let mut want = book.themes.clone();
    for t in &mut want {
        for term in &mut t.terms {
            *term = term.replace(';', ",");
        }
    }
    assert_eq!(alone.themes, want);
    assert_eq!(alone.synonyms, book.synonyms);

    // With a comparison: the same themes, then those discovered in the reports; topics,
    // which belong to these two reports, are not themes.
    let with =
        codebook::read(&qdc::to_qdc(&book, Some(&yours), Some(&c)), "seed.qdc").expect("reads");
    assert_eq!(with.themes[..want.len()], want[..]);
    let discovered: Vec<&str> = c
        .themes
        .iter()
        .filter(|t| t.source == "discovered" && t.id != "other")
        .map(|t| t.id.as_str())
        .collect();
    let extra: Vec<&str> = with.themes[want.len()..]
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(extra, discovered);

    // And comparing with the codebook read back gives the same comparison as with the
    // codebook it was written from (`;` or `,` inside a term: matching skips punctuation).
    let read = |rel: &str| engine::ingest::ingest(&common::fixture(rel), rel).expect("ingest");
    let (before, after) = (read(SEED.0), read(SEED.1));
    let original = engine::compare::compare(&before, &after, &book);
    let again = engine::compare::compare(&before, &after, &Codebook::builtin().with(alone));
    assert_eq!(again, original);
}

#[test]
fn briefings_are_the_same_bytes_every_time() {
    let c = compare_files(ILACS.0, ILACS.1);
    let (o, _, _) = corrections(&c);
    let first = docx::corrected(&c, &o).expect("docx");
    assert_eq!(first, docx::corrected(&c, &o).expect("docx"));
    assert_eq!(&first[..2], b"PK");
    assert_eq!(html::corrected(&c, &o), html::corrected(&c, &o));
    // And the Markdown briefing says what the HTML and Word ones say: the same headline.
    let b = briefing::of(&c);
    assert!(engine::export::to_markdown(&c).contains(&format!("{}.", b.headline)));
    assert!(html::to_html(&c).contains(&html::escape(&b.headline)));
}
