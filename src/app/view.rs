//! Pure rendering helpers: no state, no I/O, so wasm-bindgen-test can check them directly.
//! Report text is only ever rendered as text nodes, never as HTML.

use report_compare::diff::{Change, Span};
use yew::prelude::*;

/// The CSS class a diff span gets (colour is never the only cue: `<del>` is struck
/// through and `<ins>` underlined by the stylesheet too).
pub fn change_class(change: Change) -> &'static str {
    match change {
        Change::Same => "same",
        Change::Deleted => "deleted",
        Change::Inserted => "inserted",
    }
}

/// One span: unchanged text as a bare text node, deletions in `<del>`, insertions in `<ins>`.
pub fn span_html(span: &Span) -> Html {
    let text = span.text.clone();
    let class = change_class(span.change);
    match span.change {
        Change::Same => html! { {text} },
        Change::Deleted => html! { <del {class}>{text}</del> },
        Change::Inserted => html! { <ins {class}>{text}</ins> },
    }
}

/// Words added and removed, for the one-line summary above the diff.
pub fn change_counts(spans: &[Span]) -> (usize, usize) {
    let mut added = 0;
    let mut removed = 0;
    for span in spans {
        let words = word_count(&span.text);
        match span.change {
            Change::Same => {}
            Change::Deleted => removed += words,
            Change::Inserted => added += words,
        }
    }
    (added, removed)
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// "1 word" / "2 words".
pub fn words(n: usize) -> String {
    if n == 1 {
        "1 word".to_string()
    } else {
        format!("{n} words")
    }
}

#[derive(Properties, PartialEq)]
pub struct DiffProps {
    pub before: AttrValue,
    pub after: AttrValue,
}

/// The word-level diff of two texts, from the engine's `word_diff`.
#[function_component(DiffView)]
pub fn diff_view(props: &DiffProps) -> Html {
    let spans = use_memo((props.before.clone(), props.after.clone()), |(a, b)| {
        report_compare::diff::word_diff(a, b)
    });
    let (added, removed) = change_counts(&spans);
    html! {
        <>
            <p class="legend">
                <del>{"removed"}</del>{" "}<ins>{"added"}</ins>
                {format!(" — {} added, {} removed.", words(added), words(removed))}
            </p>
            <div class="diff" tabindex="0" role="region" aria-label="Word changes, earlier to later">
                { for spans.iter().map(span_html) }
            </div>
        </>
    }
}
