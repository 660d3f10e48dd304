//! The topics only one report discusses, and one finding on its own (also the rest of a
//! two-sided topic) with its panel to pair or move it.

use std::rc::Rc;

use engine::compare::{Finding, Link, Topic};
use yew::prelude::*;

use super::super::view::{finding, first_words, plural};
use super::cell::FindingCell;
use super::fixes::{lone_fix, LoneFixProps};
use super::topic::topic_heading_id;
use super::{is_pair, Ctx};

/// Topics only one report discusses: "new in the later report" or "not mentioned in the
/// later report" (never "resolved"), each with its label and quotes; `loose` findings
/// (in no topic) after them.
pub(super) fn lone_section(ctx: &Ctx, topics: &[&Topic], loose: &[String], earlier: bool) -> Html {
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
pub(super) fn lone_row(ctx: &Ctx, id: &str, earlier: bool, class: &'static str) -> Html {
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
            {lone_fix(&LoneFixProps { theme: t.id.clone(), finding: f.id.clone(), earlier,
                candidates: Rc::new(candidates), themes: ctx.themes.clone(), on_edit: ctx.on_edit.clone() })}
        </li>
    }
}
