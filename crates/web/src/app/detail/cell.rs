//! One finding as the page shows it, with the paragraph it came from on request.

use std::rc::Rc;

use engine::compare::Finding;
use engine::ingest::BlockKind;
use yew::prelude::*;

use super::super::state::Entry;
use super::super::view::{human_date, polarity_badge, speaker_badge};

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
