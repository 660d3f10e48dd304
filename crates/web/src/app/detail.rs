//! One theme in full, topic by topic: each topic (one matter a reader judges) with its
//! verdict and why, its strongest pairs side by side (earlier | later, a word-level diff
//! when alike, "weak match" when barely alike) and, on request, the rest of its findings;
//! then the topics only one report discusses: new in the later report, and not
//! mentioned in the later report. Tone and speaker badges, section names and the
//! surrounding paragraph on request, and the corrections (verdicts with notes, pair,
//! unpair, move; a topic's own verdict) beside the evidence they change.

use std::collections::BTreeSet;
use std::rc::Rc;

use engine::compare::{self, Comparison, Finding, Link, ThemeResult, Topic, Verdict};
use engine::ingest::BlockKind;
use engine::overrides::Edit;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::report::{Corrections, Exports};
use super::state::{Entry, Outcome};
use super::view::{
    finding, first_words, human_date, ordered_topics, paired_diff, plural, polarity_badge,
    speaker_badge, verdict_badge, verdict_meaning, verdict_short, weak_match, year, VERDICTS,
};
use super::{io, theme_href};

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub outcome: Rc<Outcome>,
    pub theme: String,
    pub earlier: Rc<Entry>,
    pub later: Rc<Entry>,
    pub on_edit: Callback<Edit>,
    pub on_undo: Callback<Option<usize>>,
}

/// Column labels: "Earlier report (2021)".
fn side_heading(label: &str, date: Option<&str>) -> String {
    match year(date) {
        Some(y) => format!("{label} ({y})"),
        None => label.to_string(),
    }
}

/// What every row of the page needs besides its own data.
struct Ctx<'a> {
    props: &'a DetailProps,
    c: &'a Comparison,
    t: &'a ThemeResult,
    themes: Rc<Vec<(String, String)>>,
    on_edit: Callback<Edit>,
    earlier_head: String,
    later_head: String,
}

fn is_pair(l: &Link) -> bool {
    l.before.is_some() && l.after.is_some()
}

/// Pairs of the theme no topic holds both sides of (a person paired findings of two
/// topics): shown on their own so no pair is hidden.
fn stray_pairs(t: &ThemeResult) -> Vec<&Link> {
    t.links
        .iter()
        .filter(|l| is_pair(l))
        .filter(|l| {
            !t.topics.iter().any(|x| {
                l.before.as_ref().is_some_and(|b| x.before.contains(b))
                    && l.after.as_ref().is_some_and(|a| x.after.contains(a))
            })
        })
        .collect()
}

/// Findings of the theme in no topic (documents from before topics): listed with the
/// one-sided topics, earlier ones and later ones.
fn loose_findings(t: &ThemeResult) -> (Vec<String>, Vec<String>) {
    let placed: BTreeSet<&String> = t
        .topics
        .iter()
        .flat_map(|x| x.before.iter().chain(&x.after))
        .collect();
    let mut before: Vec<String> = Vec::new();
    let mut after: Vec<String> = Vec::new();
    for l in t.links.iter().filter(|l| !is_pair(l)) {
        if let Some(b) = l.before.as_ref().filter(|b| !placed.contains(b)) {
            if !before.contains(b) {
                before.push(b.clone());
            }
        }
        if let Some(a) = l.after.as_ref().filter(|a| !placed.contains(a)) {
            if !after.contains(a) {
                after.push(a.clone());
            }
        }
    }
    (before, after)
}

#[function_component(ThemeDetail)]
pub fn theme_detail(props: &DetailProps) -> Html {
    let o = &props.outcome;
    let c = &o.applied;
    let Some(index) = c.themes.iter().position(|t| t.id == props.theme) else {
        return html! {};
    };
    let t = &c.themes[index];
    // Structural corrections remove the control that was used: put focus on the heading.
    let on_edit = {
        let cb = props.on_edit.clone();
        Callback::from(move |edit: Edit| {
            let structural = !matches!(
                edit,
                Edit::LinkVerdict { .. } | Edit::ThemeVerdict { .. } | Edit::TopicVerdict { .. }
            );
            cb.emit(edit);
            if structural {
                io::focus("detail-heading");
            }
        })
    };
    let ctx = Ctx {
        props,
        c,
        t,
        themes: Rc::new(
            c.themes
                .iter()
                .filter(|x| x.id != t.id)
                .map(|x| (x.id.clone(), x.label.clone()))
                .collect(),
        ),
        on_edit: on_edit.clone(),
        earlier_head: side_heading("Earlier report", c.before.date.as_deref()),
        later_head: side_heading("Later report", c.after.date.as_deref()),
    };
    let (both, new, dropped) = ordered_topics(t);
    let stray = stray_pairs(t);
    let (loose_before, loose_after) = loose_findings(t);
    let set = o.overrides.theme_verdict(&t.id);
    let engine_verdict = compare::theme_verdict(&t.links);
    let set_index = o
        .overrides
        .edits
        .iter()
        .rposition(|e| matches!(e, Edit::ThemeVerdict { theme, .. } if theme == &t.id));
    let undo_set = {
        let cb = props.on_undo.clone();
        Callback::from(move |_: MouseEvent| cb.emit(set_index))
    };
    let prev = index.checked_sub(1).and_then(|i| c.themes.get(i));
    let next = c.themes.get(index + 1);
    let topics_line = if t.topics.is_empty() {
        String::new()
    } else {
        format!("{}: ", plural(t.topics.len(), "topic", "topics"))
    };

    html! {
        <article class="detail" aria-labelledby="detail-heading">
            <nav class="crumbs" aria-label="Back">
                <a href="#/" class="back"><span aria-hidden="true">{"← "}</span>{"All themes"}</a>
            </nav>
            <header class="detail-head">
                <p class="eyebrow">{"Theme"}</p>
                <h1 id="detail-heading" tabindex="-1">{t.label.clone()}</h1>
                <div class="detail-verdict">
                    {verdict_badge(t.verdict, true)}
                    if set.is_some() { <span class="badge by-you">{"Set by you"}</span> }
                </div>
                <p class="detail-meaning">{verdict_meaning(t.verdict)}{"."}</p>
                <p class="muted detail-counts">
                    {format!("{topics_line}{} in the earlier report, {} in the later.",
                        plural(t.before_count, "finding", "findings"), t.after_count)}
                    if t.source == "discovered" {
                        {" This group was found by shared words, not from the standard list of themes."}
                    }
                </p>
                if let Some((_, note)) = set {
                    <p class="override-note">
                        {format!("You set this verdict. The comparison said “{}”.", verdict_short(engine_verdict))}
                        if let Some(note) = note { {" Your note: "}<q>{note.to_string()}</q> }
                        {" "}
                        <button type="button" class="button link" onclick={undo_set}>{"Go back to the comparison’s verdict"}</button>
                    </p>
                }
                <ThemeVerdictFix theme={t.id.clone()} current={t.verdict} on_edit={on_edit.clone()} />
            </header>

            <section class="topics-section" aria-labelledby="topics-heading">
                <h2 id="topics-heading">{format!("In both reports ({})", plural(both.len(), "topic", "topics"))}</h2>
                if both.is_empty() && stray.is_empty() {
                    <p class="muted">{"No topic under this theme is discussed by both reports."}</p>
                } else {
                    <p class="muted">{"Each topic is one matter, with the findings of both reports on it and a verdict. Its strongest pairs are shown side by side."}</p>
                    <p class="diff-legend">
                        {"Where two findings are worded alike, the words that differ are marked: "}
                        <del>{"only in the earlier report"}</del>{" · "}<ins>{"only in the later report"}</ins>
                    </p>
                    <div class="columns-head" aria-hidden="true">
                        <span>{ctx.earlier_head.clone()}</span><span>{ctx.later_head.clone()}</span>
                    </div>
                    { for both.iter().map(|x| topic_section(&ctx, x)) }
                    { stray_section(&ctx, &stray) }
                }
            </section>

            { lone_section(&ctx, &new, &loose_after, false) }
            { lone_section(&ctx, &dropped, &loose_before, true) }

            <nav class="prev-next" aria-label="Other themes">
                if let Some(p) = prev {
                    <a href={theme_href(&p.id)} class="prev"><span aria-hidden="true">{"← "}</span>{"Previous: "}{p.label.clone()}</a>
                }
                <a href="#/" class="all">{"All themes"}</a>
                if let Some(n) = next {
                    <a href={theme_href(&n.id)} class="next">{"Next: "}{n.label.clone()}<span aria-hidden="true">{" →"}</span></a>
                }
            </nav>
            <Corrections outcome={o.clone()} on_undo={props.on_undo.clone()} />
            <Exports outcome={o.clone()} />
        </article>
    }
}

/// The id of a topic's heading.
fn topic_heading_id(topic: &Topic) -> String {
    format!("topic-{}", topic.id)
}

/// One two-sided topic: label, verdict, why, its pairs side by side, and the rest of its
/// findings behind a disclosure.
fn topic_section(ctx: &Ctx, topic: &Topic) -> Html {
    let heading = topic_heading_id(topic);
    let shown: BTreeSet<&String> = topic
        .pairs
        .iter()
        .flat_map(|l| [&l.before, &l.after])
        .flatten()
        .collect();
    let rest = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .filter(|id| !shown.contains(id))
            .cloned()
            .collect()
    };
    let (rest_before, rest_after) = (rest(&topic.before), rest(&topic.after));
    let total = topic.before.len() + topic.after.len();
    let corrected = topic.pairs.iter().any(|l| l.overridden);
    let set_index = ctx.props.outcome.overrides.edits.iter().rposition(|e| {
        matches!(e, Edit::TopicVerdict { theme, topic: x, .. } if theme == &ctx.t.id && x == &topic.id)
    });
    let undo_set = {
        let cb = ctx.props.on_undo.clone();
        Callback::from(move |_: MouseEvent| cb.emit(set_index))
    };
    html! {
        <section class="topic" key={topic.id.clone()} data-topic={topic.id.clone()}
            data-verdict={topic.verdict.as_str()} aria-labelledby={heading.clone()}>
            <div class="topic-head">
                <h3 class="topic-label" id={heading}>{topic.label.clone()}</h3>
                {verdict_badge(topic.verdict, false)}
                if topic.overridden { <span class="badge by-you" data-topic-set="">{"Set by you"}</span> }
                if corrected { <span class="badge by-you">{"Corrected by you"}</span> }
            </div>
            if !topic.why.is_empty() {
                <p class="why">
                    <span class="why-label">{if topic.overridden { "The comparison’s reason: " } else { "Why: " }}</span>
                    {topic.why.clone()}
                </p>
            }
            if topic.overridden {
                <p class="override-note" data-topic-note="">
                    {"You set this topic’s verdict."}
                    if let Some(note) = &topic.note { {" Your note: "}<q>{note.clone()}</q> }
                    {" "}
                    <button type="button" class="button link" onclick={undo_set}>{"Go back to the comparison’s verdict"}</button>
                </p>
            }
            if topic.pairs.is_empty() {
                <p class="muted">{"No pair of findings on this topic is close enough to show side by side."}</p>
            } else {
                <ol class="pairs" aria-label={format!("Pairs on {}", topic.label)}>
                    { for topic.pairs.iter().map(|l| pair_row(ctx, l, "")) }
                </ol>
            }
            if !rest_before.is_empty() || !rest_after.is_empty() {
                <details class="topic-all">
                    <summary>{format!("All {total} findings on this topic")}</summary>
                    <p class="muted">{"Besides the pairs above:"}</p>
                    <div class="topic-sides">
                        { rest_list(ctx, &rest_before, true, &ctx.earlier_head) }
                        { rest_list(ctx, &rest_after, false, &ctx.later_head) }
                    </div>
                </details>
            }
            <TopicVerdictFix theme={ctx.t.id.clone()} topic={topic.id.clone()} label={topic.label.clone()}
                current={topic.verdict} on_edit={ctx.on_edit.clone()} />
        </section>
    }
}

/// One side's findings of a topic that are not in the pairs shown.
fn rest_list(ctx: &Ctx, ids: &[String], earlier: bool, head: &str) -> Html {
    if ids.is_empty() {
        return html! {};
    }
    html! {
        <div class="topic-side">
            <h4>{format!("{head}: {} more", ids.len())}</h4>
            <ul class="lone">
                { for ids.iter().map(|id| lone_row(ctx, id, earlier, "rest-item")) }
            </ul>
        </div>
    }
}

/// Pairs across topics (made by a person): each shown, so it can be undone.
fn stray_section(ctx: &Ctx, stray: &[&Link]) -> Html {
    if stray.is_empty() {
        return html! {};
    }
    html! {
        <section class="topic stray" aria-labelledby="stray-heading">
            <div class="topic-head">
                <h3 class="topic-label" id="stray-heading">{format!("Other pairs ({})", stray.len())}</h3>
            </div>
            <p class="muted">{"Pairs whose findings sit in different topics, such as ones you paired yourself."}</p>
            <ol class="pairs">
                { for stray.iter().map(|l| pair_row(ctx, l, "stray-")) }
            </ol>
        </section>
    }
}

fn pair_row(ctx: &Ctx, l: &Link, uid: &str) -> Html {
    let (c, t) = (ctx.c, ctx.t);
    let (Some(b), Some(a)) = (
        finding(c, l.before.as_deref()),
        finding(c, l.after.as_deref()),
    ) else {
        return html! {};
    };
    let (before_html, after_html, marked) = paired_diff(&b.text, &a.text);
    let key = format!("{}-{}", b.id, a.id);
    let uid = format!("{uid}{key}");
    html! {
        <li class="pair" key={key.clone()} data-pair={key.clone()}>
            <div class="pair-head">
                {verdict_badge(l.verdict, false)}
                if weak_match(l) {
                    <span class="badge weak" title="The two findings share few words: check they are about the same thing">
                        <span class="icon" aria-hidden="true">{"? "}</span>{"Weak match"}
                    </span>
                }
                if l.caveat.is_some() {
                    <span class="badge caveat" title="The later side of this pair is only the council’s own statement">
                        {"Rests on the council’s own statement"}
                    </span>
                }
                if l.overridden { <span class="badge by-you">{"Corrected by you"}</span> }
                if !marked {
                    <span class="muted worded">{"Worded differently: words not marked"}</span>
                }
                if l.similarity > 0.0 {
                    <span class="similarity muted" title="How alike the two findings’ words are (0 to 1)">
                        {format!("similarity {:.2}", l.similarity)}
                    </span>
                }
            </div>
            if let Some(note) = &l.note {
                <p class="override-note">{"Your note: "}<q>{note.clone()}</q></p>
            }
            <div class="pair-cells">
                <FindingCell finding={b.clone()} side={ctx.earlier_head.clone()} text={before_html}
                    entry={ctx.props.earlier.clone()} uid={format!("{uid}-b")} />
                <FindingCell finding={a.clone()} side={ctx.later_head.clone()} text={after_html}
                    entry={ctx.props.later.clone()} uid={format!("{uid}-a")} />
            </div>
            <PairFix theme={t.id.clone()} before={b.id.clone()} after={a.id.clone()} verdict={l.verdict}
                themes={ctx.themes.clone()} on_edit={ctx.on_edit.clone()} />
        </li>
    }
}

/// Topics only one report discusses: "new in the later report" or "not mentioned in the
/// later report" (never "resolved"), each with its label and quotes; `loose` findings
/// (in no topic) after them.
fn lone_section(ctx: &Ctx, topics: &[&Topic], loose: &[String], earlier: bool) -> Html {
    if topics.is_empty() && loose.is_empty() {
        return html! {};
    }
    let (id, title, explain) = if earlier {
        (
            "dropped-heading",
            "Not mentioned in the later report",
            "Topics only the earlier report discusses. That does not mean they were resolved.",
        )
    } else {
        (
            "new-heading",
            "New in the later report",
            "Topics only the later report discusses.",
        )
    };
    let count = topics.len() + loose.len();
    let head = if earlier {
        &ctx.earlier_head
    } else {
        &ctx.later_head
    };
    html! {
        <section class="lone-section" aria-labelledby={id}>
            <h2 id={id}>{format!("{title} ({})", plural(count, "topic", "topics"))}</h2>
            <p class="muted">{explain}</p>
            <ul class="lone-topics">
                { for topics.iter().map(|x| {
                    let ids = if earlier { &x.before } else { &x.after };
                    html! {
                        <li class="lone-topic" key={x.id.clone()} data-topic={x.id.clone()}
                            data-verdict={x.verdict.as_str()}>
                            <h3 class="topic-label" id={topic_heading_id(x)}>{x.label.clone()}</h3>
                            <ul class="lone" aria-labelledby={topic_heading_id(x)}>
                                { for ids.iter().map(|f| lone_row(ctx, f, earlier, "lone-item")) }
                            </ul>
                        </li>
                    }
                }) }
                if !loose.is_empty() {
                    <li class="lone-topic">
                        <h3 class="topic-label">{format!("{head}: findings without a topic")}</h3>
                        <ul class="lone">
                            { for loose.iter().map(|f| lone_row(ctx, f, earlier, "lone-item")) }
                        </ul>
                    </li>
                }
            </ul>
        </section>
    }
}

/// One finding on its own (one-sided topic, or the rest of a topic), with its panel to
/// pair or move it.
fn lone_row(ctx: &Ctx, id: &str, earlier: bool, class: &'static str) -> Html {
    let (c, t) = (ctx.c, ctx.t);
    let Some(f) = finding(c, Some(id)) else {
        return html! {};
    };
    let mine = |l: &&Link| {
        let side = if earlier { &l.before } else { &l.after };
        side.as_deref() == Some(id)
    };
    let overridden = t.links.iter().filter(mine).any(|l| l.overridden);
    let unpaired = !t.links.iter().filter(mine).any(is_pair);
    // Partners on offer: the other side's findings, this theme's first.
    let others = if earlier {
        &c.after.findings
    } else {
        &c.before.findings
    };
    let in_theme = |x: &Finding| {
        t.links.iter().any(|l| {
            l.before.as_deref() == Some(x.id.as_str()) || l.after.as_deref() == Some(x.id.as_str())
        })
    };
    let candidates: Vec<(String, String, bool)> = others
        .iter()
        .filter(|x| in_theme(x))
        .chain(others.iter().filter(|x| !in_theme(x)))
        .map(|x| (x.id.clone(), first_words(&x.text, 14), in_theme(x)))
        .collect();
    let (side, entry) = if earlier {
        (ctx.earlier_head.clone(), ctx.props.earlier.clone())
    } else {
        (ctx.later_head.clone(), ctx.props.later.clone())
    };
    let text = html! { {f.text.clone()} };
    html! {
        <li class={class} key={f.id.clone()} data-finding={f.id.clone()}>
            if overridden || (unpaired && class == "rest-item") {
                <p class="item-badges">
                    if overridden { <span class="badge by-you">{"Corrected by you"}</span> }
                    if unpaired && class == "rest-item" { <span class="badge unpaired">{"Not paired"}</span> }
                </p>
            }
            <FindingCell finding={f.clone()} side={side} text={text} entry={entry}
                uid={f.id.clone()} />
            <LoneFix theme={t.id.clone()} finding={f.id.clone()} earlier={earlier}
                candidates={Rc::new(candidates)} themes={ctx.themes.clone()} on_edit={ctx.on_edit.clone()} />
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct CellProps {
    pub finding: Finding,
    pub side: String,
    pub text: Html,
    pub entry: Rc<Entry>,
    /// Unique on the page (a finding can be in several pairs): names its context region.
    pub uid: String,
}

/// One finding: its side, its text (with diff marks when paired), badges, section, and
/// the surrounding paragraph of the report on request.
#[function_component(FindingCell)]
pub fn finding_cell(props: &CellProps) -> Html {
    let open = use_state(|| false);
    let f = &props.finding;
    let context_id = format!("context-{}", props.uid);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div class="cell" data-finding={f.id.clone()}>
            <p class="cell-side">{props.side.clone()}</p>
            <blockquote class="finding-text">{props.text.clone()}</blockquote>
            <p class="cell-meta">
                {polarity_badge(f.polarity)}
                {speaker_badge(f.speaker)}
                if let Some(section) = &f.section {
                    <span class="section">{"Section: "}{section.clone()}</span>
                }
            </p>
            <button type="button" class="button link context-toggle" onclick={toggle}
                aria-expanded={if *open { "true" } else { "false" }} aria-controls={context_id.clone()}>
                {if *open { "Hide the surrounding text" } else { "Show where it is in the report" }}
            </button>
            if *open {
                {context(&props.entry, f, &context_id)}
            }
        </div>
    }
}

/// The paragraph a finding came from (finding marked), with the heading above it and the
/// paragraphs either side.
fn context(entry: &Entry, f: &Finding, id: &str) -> Html {
    let Some(doc) = entry.doc() else {
        return html! {};
    };
    let Some(block) = doc.blocks.get(f.paragraph) else {
        return html! { <div class="context" id={id.to_string()}><p class="muted">{"The surrounding text is not available."}</p></div> };
    };
    let heading = doc.blocks[..f.paragraph]
        .iter()
        .rev()
        .find(|b| b.kind == BlockKind::Heading);
    let around = |i: Option<usize>| {
        i.and_then(|i| doc.blocks.get(i))
            .filter(|b| b.kind != BlockKind::Heading)
            .map(|b| b.text.clone())
    };
    let before = around(f.paragraph.checked_sub(1));
    let after = around(Some(f.paragraph + 1));
    let marked = match block.text.find(&f.text) {
        Some(at) => html! {
            <>
                {block.text[..at].to_string()}
                <mark>{f.text.clone()}</mark>
                {block.text[at + f.text.len()..].to_string()}
            </>
        },
        None => html! { {block.text.clone()} },
    };
    html! {
        <div class="context" id={id.to_string()} role="region" aria-label={format!("Surrounding text in {}", entry.name)}>
            <p class="context-source muted">
                {"From "}{entry.name.clone()}
                if let Some(d) = entry.date() { {format!(" ({})", human_date(d))} }
            </p>
            if let Some(h) = heading {
                <p class="context-heading">{h.text.clone()}</p>
            }
            if let Some(t) = before {
                <p class="context-near">{t}</p>
            }
            <p class="context-para">{marked}</p>
            if let Some(t) = after {
                <p class="context-near">{t}</p>
            }
        </div>
    }
}

fn note_of(note: &NodeRef) -> Option<String> {
    note.cast::<HtmlTextAreaElement>()
        .map(|t| t.value().trim().to_string())
        .filter(|t| !t.is_empty())
}

fn value_of(select: &NodeRef) -> Option<String> {
    select
        .cast::<HtmlSelectElement>()
        .map(|s| s.value())
        .filter(|v| !v.is_empty())
}

fn verdict_from(value: &str) -> Option<Verdict> {
    VERDICTS.iter().copied().find(|v| v.as_str() == value)
}

fn move_options(themes: &[(String, String)]) -> Html {
    html! {
        <>
            <option value="" selected=true>{"Choose a theme…"}</option>
            { for themes.iter().map(|(id, label)| html! { <option value={id.clone()}>{label.clone()}</option> }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ThemeFixProps {
    pub theme: String,
    pub current: Verdict,
    pub on_edit: Callback<Edit>,
}

#[function_component(ThemeVerdictFix)]
pub fn theme_verdict_fix(props: &ThemeFixProps) -> Html {
    let (select, note) = (use_node_ref(), use_node_ref());
    let onsubmit = {
        let (select, note, theme, cb) = (
            select.clone(),
            note.clone(),
            props.theme.clone(),
            props.on_edit.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(verdict) = value_of(&select).as_deref().and_then(verdict_from) {
                cb.emit(Edit::ThemeVerdict {
                    theme: theme.clone(),
                    verdict,
                    note: note_of(&note),
                });
            }
        })
    };
    html! {
        <details class="fix theme-fix">
            <summary>{"Change this theme’s verdict"}</summary>
            <form class="fix-body" {onsubmit}>
                <div class="field">
                    <label for="theme-verdict">{"Verdict"}</label>
                    <select id="theme-verdict" ref={select}>
                        { for VERDICTS.iter().map(|&v| html! {
                            <option value={v.as_str()} selected={v == props.current}>
                                {engine::export::verdict_words(v)}
                            </option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="theme-note">{"Why? (optional; goes into the exports)"}</label>
                    <textarea id="theme-note" ref={note} rows="2" />
                </div>
                <button type="submit" class="button primary">{"Save verdict"}</button>
            </form>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct TopicFixProps {
    pub theme: String,
    pub topic: String,
    pub label: String,
    pub current: Verdict,
    pub on_edit: Callback<Edit>,
}

/// The verdicts a topic both reports discuss can have.
const TOPIC_VERDICTS: [Verdict; 4] = [
    Verdict::Improved,
    Verdict::Persisted,
    Verdict::Regressed,
    Verdict::Mixed,
];

/// "Set this topic’s verdict", with a note: as for the theme, one topic at a time.
#[function_component(TopicVerdictFix)]
pub fn topic_verdict_fix(props: &TopicFixProps) -> Html {
    let (select, note) = (use_node_ref(), use_node_ref());
    let prefix = format!("topic-fix-{}", props.topic);
    let onsubmit = {
        let (select, note, theme, topic, cb) = (
            select.clone(),
            note.clone(),
            props.theme.clone(),
            props.topic.clone(),
            props.on_edit.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(verdict) = value_of(&select).as_deref().and_then(verdict_from) {
                cb.emit(Edit::TopicVerdict {
                    theme: theme.clone(),
                    topic: topic.clone(),
                    verdict,
                    note: note_of(&note),
                });
            }
        })
    };
    html! {
        <details class="fix topic-fix" data-topic-fix={props.topic.clone()}>
            <summary>{"Set this topic’s verdict"}</summary>
            <form class="fix-body" {onsubmit} aria-label={format!("Verdict of the topic {}", props.label)}>
                <div class="field">
                    <label for={format!("{prefix}-verdict")}>{"Verdict for this topic"}</label>
                    <select id={format!("{prefix}-verdict")} ref={select}>
                        { for TOPIC_VERDICTS.iter().map(|&v| html! {
                            <option value={v.as_str()} selected={v == props.current}>
                                {engine::export::verdict_words(v)}
                            </option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for={format!("{prefix}-note")}>{"Why? (optional; goes into the exports)"}</label>
                    <textarea id={format!("{prefix}-note")} ref={note} rows="2" />
                </div>
                <button type="submit" class="button primary">{"Save verdict"}</button>
            </form>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct PairFixProps {
    pub theme: String,
    pub before: String,
    pub after: String,
    pub verdict: Verdict,
    pub themes: Rc<Vec<(String, String)>>,
    pub on_edit: Callback<Edit>,
}

#[function_component(PairFix)]
pub fn pair_fix(props: &PairFixProps) -> Html {
    let (select, note, move_b, move_a) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let prefix = format!("fix-{}-{}", props.before, props.after);
    let save = {
        let (select, note, p) = (
            select.clone(),
            note.clone(),
            (
                props.theme.clone(),
                props.before.clone(),
                props.after.clone(),
            ),
        );
        let cb = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(verdict) = value_of(&select).as_deref().and_then(verdict_from) {
                cb.emit(Edit::LinkVerdict {
                    theme: p.0.clone(),
                    before: p.1.clone(),
                    after: p.2.clone(),
                    verdict,
                    note: note_of(&note),
                });
            }
        })
    };
    let unpair = {
        let (note, p) = (
            note.clone(),
            (
                props.theme.clone(),
                props.before.clone(),
                props.after.clone(),
            ),
        );
        let cb = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Edit::Unlink {
                theme: p.0.clone(),
                before: p.1.clone(),
                after: p.2.clone(),
                note: note_of(&note),
            })
        })
    };
    let mover = |select: &NodeRef, finding: &str| {
        let (select, note, theme, finding) = (
            select.clone(),
            note.clone(),
            props.theme.clone(),
            finding.to_string(),
        );
        let cb = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(to) = value_of(&select) {
                cb.emit(Edit::Move {
                    finding: finding.clone(),
                    from: theme.clone(),
                    to,
                    note: note_of(&note),
                });
            }
        })
    };
    html! {
        <details class="fix">
            <summary>{"Correct this pair"}</summary>
            <div class="fix-body">
                <div class="field">
                    <label for={format!("{prefix}-verdict")}>{"Verdict for this pair"}</label>
                    <select id={format!("{prefix}-verdict")} ref={select.clone()}>
                        { for [Verdict::Improved, Verdict::Persisted, Verdict::Regressed].into_iter().map(|v| html! {
                            <option value={v.as_str()} selected={v == props.verdict}>{verdict_short(v)}</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for={format!("{prefix}-note")}>{"Why? (optional; goes into the exports)"}</label>
                    <textarea id={format!("{prefix}-note")} ref={note.clone()} rows="2" />
                </div>
                <div class="row-buttons">
                    <button type="button" class="button primary" onclick={save}>{"Save verdict"}</button>
                    <button type="button" class="button" onclick={unpair}>{"Unpair: not about the same thing"}</button>
                </div>
                <div class="field move">
                    <label for={format!("{prefix}-move-b")}>{"Move the earlier finding to"}</label>
                    <select id={format!("{prefix}-move-b")} ref={move_b.clone()}>{move_options(&props.themes)}</select>
                    <button type="button" class="button" onclick={mover(&move_b, &props.before)}>{"Move"}</button>
                </div>
                <div class="field move">
                    <label for={format!("{prefix}-move-a")}>{"Move the later finding to"}</label>
                    <select id={format!("{prefix}-move-a")} ref={move_a.clone()}>{move_options(&props.themes)}</select>
                    <button type="button" class="button" onclick={mover(&move_a, &props.after)}>{"Move"}</button>
                </div>
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct LoneFixProps {
    pub theme: String,
    pub finding: String,
    /// The finding is from the earlier report.
    pub earlier: bool,
    /// (id, first words, in this theme) of the other report's findings.
    pub candidates: Rc<Vec<(String, String, bool)>>,
    pub themes: Rc<Vec<(String, String)>>,
    pub on_edit: Callback<Edit>,
}

#[function_component(LoneFix)]
pub fn lone_fix(props: &LoneFixProps) -> Html {
    let (partner, note, target) = (use_node_ref(), use_node_ref(), use_node_ref());
    let prefix = format!("fix-{}", props.finding);
    let pair = {
        let (partner, note, theme, id, earlier) = (
            partner.clone(),
            note.clone(),
            props.theme.clone(),
            props.finding.clone(),
            props.earlier,
        );
        let cb = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(other) = value_of(&partner) {
                let (before, after) = if earlier {
                    (id.clone(), other)
                } else {
                    (other, id.clone())
                };
                cb.emit(Edit::Link {
                    theme: theme.clone(),
                    before,
                    after,
                    note: note_of(&note),
                });
            }
        })
    };
    let move_it = {
        let (target, note, theme, id) = (
            target.clone(),
            note.clone(),
            props.theme.clone(),
            props.finding.clone(),
        );
        let cb = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(to) = value_of(&target) {
                cb.emit(Edit::Move {
                    finding: id.clone(),
                    from: theme.clone(),
                    to,
                    note: note_of(&note),
                });
            }
        })
    };
    let other = if props.earlier { "later" } else { "earlier" };
    let option = |(id, words, _): &(String, String, bool)| html! { <option value={id.clone()}>{words.clone()}</option> };
    html! {
        <details class="fix">
            <summary>{"Correct this finding"}</summary>
            <div class="fix-body">
                <div class="field">
                    <label for={format!("{prefix}-note")}>{"Why? (optional; goes into the exports)"}</label>
                    <textarea id={format!("{prefix}-note")} ref={note.clone()} rows="2" />
                </div>
                <div class="field move">
                    <label for={format!("{prefix}-pair")}>{format!("Pair it with a finding from the {other} report")}</label>
                    <select id={format!("{prefix}-pair")} ref={partner}>
                        <option value="" selected=true>{"Choose a finding…"}</option>
                        <optgroup label="Under this theme">
                            { for props.candidates.iter().filter(|c| c.2).map(option) }
                        </optgroup>
                        <optgroup label="Under other themes">
                            { for props.candidates.iter().filter(|c| !c.2).map(option) }
                        </optgroup>
                    </select>
                    <button type="button" class="button" onclick={pair}>{"Pair"}</button>
                </div>
                <div class="field move">
                    <label for={format!("{prefix}-move")}>{"Move it to another theme"}</label>
                    <select id={format!("{prefix}-move")} ref={target}>{move_options(&props.themes)}</select>
                    <button type="button" class="button" onclick={move_it}>{"Move"}</button>
                </div>
            </div>
        </details>
    }
}
