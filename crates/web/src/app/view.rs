//! Pure rendering helpers: no state, no I/O, so wasm-bindgen-test can check them directly.
//! Report text is only ever rendered as text nodes, never as HTML.

use engine::compare::{Comparison, Finding, Link, ThemeResult, Topic, Verdict};
use engine::diff::{Change, Span};
use engine::findings::Speaker;
use engine::polarity::Polarity;
use yew::prelude::*;

/// Every verdict, in the order the overview lists them ("most to worry about" first).
pub const VERDICTS: [Verdict; 6] = [
    Verdict::Regressed,
    Verdict::Mixed,
    Verdict::Persisted,
    Verdict::Improved,
    Verdict::New,
    Verdict::Dropped,
];

/// A verdict in a few words. "Dropped" never reads as "resolved".
pub fn verdict_short(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => "Improved",
        Verdict::Regressed => "Regressed",
        Verdict::Persisted => "Persisted",
        Verdict::New => "New",
        Verdict::Dropped => "Not mentioned later",
        Verdict::Mixed => "Mixed",
    }
}

/// What a verdict means, for the legend and tooltips.
pub fn verdict_meaning(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => "The later report is more positive about this",
        Verdict::Regressed => "The later report is more negative about this",
        Verdict::Persisted => {
            "Both reports say much the same: a concern that persists, or a strength that holds"
        }
        Verdict::New => "Only the later report mentions this",
        Verdict::Dropped => {
            "The later report does not mention this. That does not mean it was resolved"
        }
        Verdict::Mixed => "Some findings improved and others did not",
    }
}

/// The CSS class of a verdict's colour (colour is never the only cue: icon and words too).
pub fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => "v-improved",
        Verdict::Regressed => "v-regressed",
        Verdict::Persisted => "v-persisted",
        Verdict::New => "v-new",
        Verdict::Dropped => "v-dropped",
        Verdict::Mixed => "v-mixed",
    }
}

/// Icon (hidden from screen readers) and words.
pub fn verdict_badge(v: Verdict, long: bool) -> Html {
    let words = if long {
        engine::export::verdict_words(v)
    } else {
        verdict_short(v)
    };
    html! {
        <span class={classes!("badge", "verdict", verdict_class(v))} data-verdict={v.as_str()}>
            <span class="icon" aria-hidden="true">{engine::export::verdict_icon(v)}</span>
            {words}
        </span>
    }
}

/// Rating changes carry their verdict as a word ("improved").
pub fn rating_verdict(word: &str) -> Option<Verdict> {
    match word {
        "improved" => Some(Verdict::Improved),
        "regressed" => Some(Verdict::Regressed),
        "persisted" => Some(Verdict::Persisted),
        "new" => Some(Verdict::New),
        "dropped" => Some(Verdict::Dropped),
        _ => None,
    }
}

pub fn polarity_words(p: Polarity) -> &'static str {
    match p {
        Polarity::Strength => "Positive",
        Polarity::Concern => "Concern",
        Polarity::Mixed => "Mixed",
        Polarity::Neutral => "Neutral",
    }
}

pub fn polarity_badge(p: Polarity) -> Html {
    let class = match p {
        Polarity::Strength => "p-strength",
        Polarity::Concern => "p-concern",
        Polarity::Mixed => "p-mixed",
        Polarity::Neutral => "p-neutral",
    };
    html! {
        <span class={classes!("badge", "tone", class)}>
            <span class="visually-hidden">{"Tone: "}</span>{polarity_words(p)}
        </span>
    }
}

/// Who is speaking, when it is not the inspectors.
pub fn speaker_badge(s: Speaker) -> Html {
    match s {
        Speaker::Inspectors => html! {},
        Speaker::Organisation => html! {
            <span class="badge speaker own" title="The inspected organisation speaking about itself, not the inspectors">
                {"Council’s own statement"}
            </span>
        },
        Speaker::Writer => html! {
            <span class="badge speaker writer" title="The article’s writer, not the inspectors">
                {"Journalist’s words"}
            </span>
        },
    }
}

/// Share of words two texts have in common, from their diff (0 to 1).
pub fn alike(spans: &[Span]) -> f32 {
    let (mut same, mut before, mut after) = (0, 0, 0);
    for s in spans {
        let n = s.text.split_whitespace().count();
        match s.change {
            Change::Same => same += n,
            Change::Deleted => before += n,
            Change::Inserted => after += n,
        }
    }
    let total = 2 * same + before + after;
    if total == 0 {
        0.0
    } else {
        (2 * same) as f32 / total as f32
    }
}

/// Below this share of common words a word diff is noise, not help.
pub const DIFF_THRESHOLD: f32 = 0.35;

/// One side of a diff as (marked, text) runs: the other side's changes left out, and the
/// spaces between two marked words marked too, so a changed phrase reads as one run.
pub fn side_runs(spans: &[Span], mark: Change) -> Vec<(bool, String)> {
    let other = if mark == Change::Deleted {
        Change::Inserted
    } else {
        Change::Deleted
    };
    let kept: Vec<(bool, &str)> = spans
        .iter()
        .filter(|s| s.change != other)
        .map(|s| (s.change == mark, s.text.as_str()))
        .collect();
    let mut runs: Vec<(bool, String)> = Vec::new();
    for (i, &(marked, text)) in kept.iter().enumerate() {
        let between = !marked
            && text.trim().is_empty()
            && i > 0
            && kept[i - 1].0
            && kept.get(i + 1).is_some_and(|n| n.0);
        let marked = marked || between;
        match runs.last_mut() {
            Some(last) if last.0 == marked => last.1.push_str(text),
            _ => runs.push((marked, text.to_string())),
        }
    }
    runs
}

/// The earlier text with deleted words marked, and the later text with inserted words
/// marked (`<del>` / `<ins>`, plus a legend on the page: not colour alone). When the two
/// are worded too differently, both are plain text (the bool is false).
pub fn paired_diff(before: &str, after: &str) -> (Html, Html, bool) {
    let spans = engine::diff::word_diff(before, after);
    if alike(&spans) < DIFF_THRESHOLD {
        return (
            html! { {before.to_string()} },
            html! { {after.to_string()} },
            false,
        );
    }
    let side = |mark: Change| -> Html {
        side_runs(&spans, mark)
            .into_iter()
            .map(|(marked, text)| match (marked, mark) {
                (false, _) => html! { {text} },
                (true, Change::Deleted) => html! { <del>{text}</del> },
                (true, _) => html! { <ins>{text}</ins> },
            })
            .collect::<Html>()
    };
    (side(Change::Deleted), side(Change::Inserted), true)
}

/// `x` with `places` decimals, rounded half away from zero: "0.42", "12.3", "142".
/// Written with integers because the page shows only a few such numbers (chart
/// coordinates, sizes, similarities) and `format!` of a float brings core's float
/// printing (Grisu and Dragon4, about 13 KB of the bundle before `wasm-opt`) with it.
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    // `as` saturates: a NaN shows as 0, which no caller gives.
    let n = (x.abs() * scale as f64).round() as u64;
    let sign = if x < 0.0 && n > 0 { "-" } else { "" };
    if places == 0 {
        return format!("{sign}{n}");
    }
    let width = places as usize;
    format!("{sign}{}.{:0width$}", n / scale, n % scale)
}

/// "1 finding" / "2 findings".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2021-06-18" -> "18 June 2021"; "2022-07" -> "July 2022"; anything else as it is.
pub fn human_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
    };
    match parts.as_slice() {
        [y, m, d] => match (month(m), d.parse::<u32>()) {
            (Some(name), Ok(day)) => format!("{day} {name} {y}"),
            _ => iso.to_string(),
        },
        [y, m] => match month(m) {
            Some(name) => format!("{name} {y}"),
            None => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// The year of an ISO date, for short column labels ("Earlier (2021)").
pub fn year(iso: Option<&str>) -> Option<&str> {
    iso.and_then(|d| d.get(..4))
        .filter(|y| y.chars().all(|c| c.is_ascii_digit()))
}

/// The first `n` words of a text, with an ellipsis when cut.
pub fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

/// `text` in lower case, as `str::to_lowercase` gives it (Unicode's full mappings, a final
/// sigma too), by the browser's `toLowerCase`: the page carries no case tables of its own.
pub fn lower(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

/// `text` with its first character in upper case, as `char::to_uppercase` gives it ("ß" →
/// "SS"), by the browser's `toUpperCase`.
pub fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = js_sys::JsString::from(first).to_upper_case().into();
    out.push_str(chars.as_str());
    out
}

/// Text with every case-insensitive occurrence of `query` in `<mark>` (as text nodes).
pub fn highlight(text: &str, query: &str) -> Html {
    let query = query.trim();
    if query.is_empty() {
        return html! { {text.to_string()} };
    }
    let q = lower(query);
    let lower = lower(text);
    // Lower-casing can change byte lengths (rare letters): then don't mark anything.
    if lower.len() != text.len() {
        return html! { {text.to_string()} };
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find(&q) {
        let start = at + i;
        let end = start + q.len();
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            break;
        }
        out.push(html! { {text[at..start].to_string()} });
        out.push(html! { <mark>{text[start..end].to_string()}</mark> });
        at = end;
    }
    out.push(html! { {text[at..].to_string()} });
    out.into_iter().collect()
}

pub fn finding<'a>(c: &'a Comparison, id: Option<&str>) -> Option<&'a Finding> {
    let id = id?;
    let list = if id.starts_with('b') {
        &c.before.findings
    } else {
        &c.after.findings
    };
    list.iter().find(|f| f.id == id).or_else(|| {
        c.before
            .findings
            .iter()
            .chain(&c.after.findings)
            .find(|f| f.id == id)
    })
}

/// Does a theme (its label or any of its findings) mention `query`?
pub fn theme_matches(c: &Comparison, t: &ThemeResult, query: &str) -> bool {
    let q = lower(query.trim());
    if q.is_empty() || lower(&t.label).contains(&q) {
        return true;
    }
    t.links.iter().any(|l| {
        [l.before.as_deref(), l.after.as_deref()]
            .into_iter()
            .filter_map(|id| finding(c, id))
            .any(|f| lower(&f.text).contains(&q))
    })
}

/// The pair that best shows a theme: both sides present, inspectors' words before the
/// organisation's, most alike first; else the first finding on its own.
pub fn strongest_link(t: &ThemeResult) -> Option<&Link> {
    t.links
        .iter()
        .filter(|l| l.before.is_some() && l.after.is_some())
        .max_by(|a, b| {
            (a.caveat.is_none(), a.similarity)
                .partial_cmp(&(b.caveat.is_none(), b.similarity))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .or_else(|| t.links.first())
}

/// Below this similarity a pair is marked "weak match" (in words, not colour alone).
pub use engine::export::WEAK_MATCH;

/// Is a pair only weakly alike? A person's own pairing is never called weak.
pub fn weak_match(l: &Link) -> bool {
    !l.overridden && l.before.is_some() && l.after.is_some() && l.similarity < WEAK_MATCH
}

/// Does a topic have findings from both reports?
pub fn two_sided(topic: &Topic) -> bool {
    !topic.before.is_empty() && !topic.after.is_empty()
}

/// How strongly a pair shows its topic: inspectors' words before the organisation's,
/// then most alike.
fn pair_strength(l: &Link) -> (bool, f32) {
    (l.caveat.is_none(), l.similarity)
}

/// A theme's topics as the detail page lists them: the two-sided ones (the biggest
/// matter first, then the one with the strongest pair), then the new ones, then the ones
/// the later report does not mention.
pub fn ordered_topics(t: &ThemeResult) -> (Vec<&Topic>, Vec<&Topic>, Vec<&Topic>) {
    let mut both: Vec<&Topic> = t.topics.iter().filter(|x| two_sided(x)).collect();
    let size = |x: &Topic| x.before.len() + x.after.len();
    engine::sort::sort_by(&mut both, |x, y| {
        let strength = |x: &Topic| x.pairs.first().map(pair_strength);
        size(y).cmp(&size(x)).then(
            strength(y)
                .partial_cmp(&strength(x))
                .unwrap_or(std::cmp::Ordering::Equal),
        )
    });
    let new = t.topics.iter().filter(|x| x.before.is_empty()).collect();
    let dropped = t
        .topics
        .iter()
        .filter(|x| x.after.is_empty() && !x.before.is_empty())
        .collect();
    (both, new, dropped)
}

/// The two-sided topic that best shows a theme: one whose verdict is the theme's, then
/// one resting on the inspectors' words, then the biggest, then the most alike pair.
pub fn best_topic(t: &ThemeResult) -> Option<&Topic> {
    let (both, _, _) = ordered_topics(t);
    let key = |x: &Topic| {
        let first = x.pairs.first();
        (
            x.verdict == t.verdict,
            first.is_some_and(|l| l.caveat.is_none()),
            x.before.len() + x.after.len(),
        )
    };
    // `both` is already biggest-then-strongest first: keep the first of equal keys.
    both.into_iter().filter(|x| !x.pairs.is_empty()).fold(
        None,
        |best: Option<&Topic>, x| match best {
            Some(b) if key(b) >= key(x) => Some(b),
            _ => Some(x),
        },
    )
}

/// The pair the overview previews: the first pair of the theme's best two-sided topic;
/// without topics (older documents, or none two-sided) the strongest link.
pub fn preview_link(t: &ThemeResult) -> Option<&Link> {
    best_topic(t)
        .and_then(|x| x.pairs.first())
        .or_else(|| strongest_link(t))
}

/// The rank used by "sort by verdict": most to worry about first.
pub fn verdict_rank(v: Verdict) -> usize {
    VERDICTS
        .iter()
        .position(|x| *x == v)
        .unwrap_or(VERDICTS.len())
}
