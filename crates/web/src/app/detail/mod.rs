//! One theme in full, topic by topic: each topic (one matter a reader judges) with its
//! verdict and why, its strongest pairs side by side (earlier | later, a word-level diff
//! when alike, "weak match" when barely alike) and, on request, the rest of its findings;
//! then the topics only one report discusses: new in the later report, and not
//! mentioned in the later report. Tone and speaker badges, section names and the
//! surrounding paragraph on request, and the corrections (verdicts with notes, pair,
//! unpair, move; a topic's own verdict) beside the evidence they change.
//!
//! This file has the page and what its sections share; `topic.rs` the topics both
//! reports discuss (and their pairs), `lone.rs` the one-sided ones, `cell.rs` one finding
//! with its surrounding text, `fixes.rs` the correction panels.

mod cell;
mod fixes;
mod lone;
mod topic;

use std::collections::BTreeSet;
use std::rc::Rc;

use engine::compare::{self, Comparison, Link, ThemeResult};
use engine::overrides::Edit;
use yew::prelude::*;

use super::io;
use super::report::{corrections, CorrectionsProps, Exports};
use super::route::theme_href;
use super::state::{Entry, Outcome};
use super::view::{ordered_topics, plural, verdict_badge, verdict_meaning, verdict_short, year};
use fixes::{theme_verdict_fix, ThemeFixProps};
use lone::lone_section;
use topic::{stray_section, topic_section};

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
    // `extend`, not `collect`: see `topic::topic_section`.
    let mut placed: BTreeSet<&String> = BTreeSet::new();
    placed.extend(
        t.topics
            .iter()
            .flat_map(|x| x.before.iter().chain(&x.after)),
    );
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
                {theme_verdict_fix(&ThemeFixProps { theme: t.id.clone(), current: t.verdict, on_edit: on_edit.clone() })}
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
            {corrections(&CorrectionsProps { outcome: o.clone(), on_undo: props.on_undo.clone() })}
            <Exports outcome={o.clone()} />
        </article>
    }
}
