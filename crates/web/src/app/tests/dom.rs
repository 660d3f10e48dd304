//! What renders: report markup stays text, the overview's filter, sort and search,
//! the whole app mounted, and the browser calls in io.rs.

use engine::compare::{compare, Verdict};
use engine::themes::Codebook;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

use super::super::view::{
    best_topic, highlight, ordered_topics, paired_diff, preview_link, strongest_link, two_sided,
    verdict_badge, verdict_short, weak_match,
};
use super::super::{io, overview, report, view, App, Prefs, Sort};
use super::{
    clear_storage, count, drop_files, entry, fresh_root, render, text, text_file, wait_for,
    EARLIER, LATER,
};

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

/// The share format through the browser's deflate and base64 (the page bundles neither
/// crate): the same bytes as the crates both ways, as strict, and every link, whole or
/// damaged, decodes to what the engine's own decoder gives.
#[wasm_bindgen_test]
async fn the_browsers_deflate_and_base64_read_and_write_the_share_format() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    for n in 0..40usize {
        let bytes: Vec<u8> = (0..n).map(|i| (i * 97 + 13) as u8).collect();
        let text = URL_SAFE_NO_PAD.encode(&bytes);
        assert_eq!(io::base64url(&bytes).as_deref(), Some(text.as_str()), "{n}");
        assert_eq!(io::from_base64url(&text), Some(bytes), "{n}");
    }
    for bad in [
        "A", "AB C", "AB+C", "AB/C", "AB=C", "AB\n", "AF", "AAB", "é",
    ] {
        assert!(URL_SAFE_NO_PAD.decode(bad).is_err(), "{bad}");
        assert_eq!(io::from_base64url(bad), None, "{bad}");
    }
    let json = serde_json::to_vec(&[EARLIER, LATER]).unwrap();
    // Ours inflates with miniz_oxide (the engine's), the engine's (level 9) here.
    let ours = io::deflate(&json).await.unwrap();
    assert_eq!(
        miniz_oxide::inflate::decompress_to_vec(&ours).unwrap(),
        json
    );
    let theirs = miniz_oxide::deflate::compress_to_vec(&json, 9);
    assert_eq!(io::inflate(&theirs, json.len()).await, Some(json.clone()));
    assert_eq!(io::inflate(&theirs, json.len() - 1).await, None, "the cap");
    assert_eq!(
        io::inflate(&theirs[..theirs.len() / 2], usize::MAX).await,
        None
    );
    assert_eq!(io::inflate(b"not deflate at all", usize::MAX).await, None);
    // Links made by the engine (as every link before): whole, cut, altered, foreign.
    let link = engine::share::encode(&[EARLIER, LATER]);
    let mut texts = vec![
        link.clone(),
        format!("https://intranet.example/tools/rc/?src=x#c={link}"),
        format!("c={link}=="),
        "rc9.00.AAAA".to_string(),
        "hello".to_string(),
        "rc1.zz.AAAA".to_string(),
        "rc1.00".to_string(),
        engine::share::encode(&vec![1, 2, 3]),
    ];
    for cut in (1..link.len())
        .step_by(97)
        .chain(link.len() - 3..link.len())
    {
        texts.push(link[..cut].to_string());
    }
    let mut altered = link.clone().into_bytes();
    let n = altered.len() - 10;
    altered[n] = if altered[n] == b'A' { b'B' } else { b'A' };
    texts.push(String::from_utf8(altered).unwrap());
    for text in &texts {
        assert_eq!(
            super::super::share::decode_json(text).await,
            engine::share::decode_json(text),
            "{text:.60}"
        );
    }
    // A small link that would inflate past the cap is refused as the engine refuses it.
    let bomb = vec![b' '; engine::share::MAX_INFLATED + 1024];
    let packed = miniz_oxide::deflate::compress_to_vec(&bomb, 6);
    let text = format!(
        "rc1.{:016x}.{}",
        engine::share::fnv1a(&bomb),
        URL_SAFE_NO_PAD.encode(packed)
    );
    assert_eq!(
        super::super::share::decode_json(&text).await,
        Err(engine::share::ShareError::Checksum)
    );
    // Ours opens with the engine's decoder as the same JSON.
    let ours = super::super::share::pack(&json).await.unwrap();
    assert_eq!(
        engine::share::decode_json(&ours).unwrap().into_bytes(),
        json
    );
}
