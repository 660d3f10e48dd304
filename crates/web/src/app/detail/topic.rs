//! The topics both reports discuss: each with its verdict and why, its pairs side by
//! side and the rest of its findings on request; and the pairs no topic holds.

use std::collections::BTreeSet;

use engine::compare::{Link, Topic};
use engine::overrides::Edit;
use yew::prelude::*;

use super::super::view::{finding, fixed, paired_diff, verdict_badge, weak_match};
use super::cell::FindingCell;
use super::fixes::{pair_fix, topic_verdict_fix, PairFixProps, TopicFixProps};
use super::lone::lone_row;
use super::Ctx;

/// The id of a topic's heading.
pub(super) fn topic_heading_id(topic: &Topic) -> String {
    format!("topic-{}", topic.id)
}

/// One two-sided topic: label, verdict, why, its pairs side by side, and the rest of its
/// findings behind a disclosure.
pub(super) fn topic_section(ctx: &Ctx, topic: &Topic) -> Html {
    let heading = topic_heading_id(topic);
    // Filled by `extend` (an insert each), not `collect`, which sorts a list first and so
    // brings one more copy of the slice sort into the bundle.
    let mut shown: BTreeSet<&String> = BTreeSet::new();
    shown.extend(
        topic
            .pairs
            .iter()
            .flat_map(|l| [&l.before, &l.after])
            .flatten(),
    );
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
            {topic_verdict_fix(&TopicFixProps { theme: ctx.t.id.clone(), topic: topic.id.clone(),
                label: topic.label.clone(), current: topic.verdict, on_edit: ctx.on_edit.clone() })}
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
pub(super) fn stray_section(ctx: &Ctx, stray: &[&Link]) -> Html {
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
                        {format!("similarity {}", fixed(f64::from(l.similarity), 2))}
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
            {pair_fix(&PairFixProps { theme: t.id.clone(), before: b.id.clone(), after: a.id.clone(),
                verdict: l.verdict, themes: ctx.themes.clone(), on_edit: ctx.on_edit.clone() })}
        </li>
    }
}
