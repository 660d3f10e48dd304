//! The correction panels beside the evidence they change: a theme's verdict, a topic's
//! verdict, a pair (verdict, unpair, move either finding) and a lone finding (pair it,
//! move it); each with an optional note that goes into the exports. Plain functions, not
//! components (each component type brings Yew code of its own to the bundle): their
//! `NodeRef`s are made at each render, and Yew points a new one at the element it reuses.

use std::rc::Rc;

use engine::compare::Verdict;
use engine::overrides::Edit;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::super::view::{verdict_short, VERDICTS};

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

pub fn theme_verdict_fix(props: &ThemeFixProps) -> Html {
    let (select, note) = (NodeRef::default(), NodeRef::default());
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
pub fn topic_verdict_fix(props: &TopicFixProps) -> Html {
    let (select, note) = (NodeRef::default(), NodeRef::default());
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

pub fn pair_fix(props: &PairFixProps) -> Html {
    let (select, note, move_b, move_a) = (
        NodeRef::default(),
        NodeRef::default(),
        NodeRef::default(),
        NodeRef::default(),
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

pub fn lone_fix(props: &LoneFixProps) -> Html {
    let (partner, note, target) = (NodeRef::default(), NodeRef::default(), NodeRef::default());
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
