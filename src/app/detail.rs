//! One theme in full: earlier and later findings side by side, paired rows aligned, with
//! a word-level diff for each pair, tone and speaker badges, section names and the
//! surrounding paragraph on request; findings without a partner listed as not mentioned
//! later / new; and the corrections (verdicts with notes, pair, unpair, move).

use std::rc::Rc;

use report_compare::compare::{self, Comparison, Finding, Link, ThemeResult, Verdict};
use report_compare::ingest::BlockKind;
use report_compare::overrides::Edit;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::report::{Corrections, Exports};
use super::state::{Entry, Outcome};
use super::view::{
    finding, first_words, human_date, paired_diff, plural, polarity_badge, speaker_badge,
    verdict_badge, verdict_meaning, verdict_short, year, VERDICTS,
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
            let structural = !matches!(edit, Edit::LinkVerdict { .. } | Edit::ThemeVerdict { .. });
            cb.emit(edit);
            if structural {
                io::focus("detail-heading");
            }
        })
    };
    let earlier_head = side_heading("Earlier report", c.before.date.as_deref());
    let later_head = side_heading("Later report", c.after.date.as_deref());
    let pairs: Vec<&Link> = t
        .links
        .iter()
        .filter(|l| l.before.is_some() && l.after.is_some())
        .collect();
    let dropped: Vec<&Link> = t.links.iter().filter(|l| l.after.is_none()).collect();
    let new: Vec<&Link> = t.links.iter().filter(|l| l.before.is_none()).collect();
    let themes: Rc<Vec<(String, String)>> = Rc::new(
        c.themes
            .iter()
            .filter(|x| x.id != t.id)
            .map(|x| (x.id.clone(), x.label.clone()))
            .collect(),
    );
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
                <p class="muted">
                    {format!("{} in the earlier report, {} in the later.",
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

            <section class="pairs-section" aria-labelledby="pairs-heading">
                <h2 id="pairs-heading">{format!("Findings in both reports ({})", pairs.len())}</h2>
                if pairs.is_empty() {
                    <p class="muted">{"No finding in the earlier report was paired with one in the later report under this theme."}</p>
                } else {
                    <p class="diff-legend">
                        {"Where two findings are worded alike, the words that differ are marked: "}
                        <del>{"only in the earlier report"}</del>{" · "}<ins>{"only in the later report"}</ins>
                    </p>
                    <div class="columns-head" aria-hidden="true">
                        <span>{earlier_head.clone()}</span><span>{later_head.clone()}</span>
                    </div>
                    <ol class="pairs">
                        { for pairs.iter().map(|l| pair_row(props, c, t, l, &themes, &on_edit, &earlier_head, &later_head)) }
                    </ol>
                }
            </section>

            { lone_section(props, c, t, &dropped, true, &themes, &on_edit) }
            { lone_section(props, c, t, &new, false, &themes, &on_edit) }

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

#[allow(clippy::too_many_arguments)]
fn pair_row(
    props: &DetailProps,
    c: &Comparison,
    t: &ThemeResult,
    l: &Link,
    themes: &Rc<Vec<(String, String)>>,
    on_edit: &Callback<Edit>,
    earlier_head: &str,
    later_head: &str,
) -> Html {
    let (Some(b), Some(a)) = (
        finding(c, l.before.as_deref()),
        finding(c, l.after.as_deref()),
    ) else {
        return html! {};
    };
    let (before_html, after_html, marked) = paired_diff(&b.text, &a.text);
    let key = format!("{}-{}", b.id, a.id);
    html! {
        <li class="pair" key={key.clone()} data-pair={key.clone()}>
            <div class="pair-head">
                {verdict_badge(l.verdict, false)}
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
                <FindingCell finding={b.clone()} side={earlier_head.to_string()} text={before_html}
                    entry={props.earlier.clone()} uid={format!("{key}-b")} />
                <FindingCell finding={a.clone()} side={later_head.to_string()} text={after_html}
                    entry={props.later.clone()} uid={format!("{key}-a")} />
            </div>
            <PairFix theme={t.id.clone()} before={b.id.clone()} after={a.id.clone()} verdict={l.verdict}
                themes={themes.clone()} on_edit={on_edit.clone()} />
        </li>
    }
}

/// Unpaired findings of one side: "not mentioned in the later report" or "new".
fn lone_section(
    props: &DetailProps,
    c: &Comparison,
    t: &ThemeResult,
    links: &[&Link],
    earlier: bool,
    themes: &Rc<Vec<(String, String)>>,
    on_edit: &Callback<Edit>,
) -> Html {
    if links.is_empty() {
        return html! {};
    }
    let (id, title, explain) = if earlier {
        (
            "dropped-heading",
            "Not mentioned in the later report",
            "Earlier findings with no counterpart in the later report. That does not mean they were resolved.",
        )
    } else {
        (
            "new-heading",
            "New in the later report",
            "Later findings with no counterpart in the earlier report.",
        )
    };
    html! {
        <section class="lone-section" aria-labelledby={id}>
            <h2 id={id}>{format!("{title} ({})", links.len())}</h2>
            <p class="muted">{explain}</p>
            <ul class="lone">
                { for links.iter().map(|l| lone_row(props, c, t, l, earlier, themes, on_edit)) }
            </ul>
        </section>
    }
}

fn lone_row(
    props: &DetailProps,
    c: &Comparison,
    t: &ThemeResult,
    l: &Link,
    earlier: bool,
    themes: &Rc<Vec<(String, String)>>,
    on_edit: &Callback<Edit>,
) -> Html {
    let id = if earlier {
        l.before.as_deref()
    } else {
        l.after.as_deref()
    };
    let Some(f) = finding(c, id) else {
        return html! {};
    };
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
        ("Earlier report", props.earlier.clone())
    } else {
        ("Later report", props.later.clone())
    };
    let text = html! { {f.text.clone()} };
    html! {
        <li class="lone-item" key={f.id.clone()} data-finding={f.id.clone()}>
            if l.overridden { <p><span class="badge by-you">{"Corrected by you"}</span></p> }
            <FindingCell finding={f.clone()} side={side.to_string()} text={text} entry={entry}
                uid={f.id.clone()} />
            <LoneFix theme={t.id.clone()} finding={f.id.clone()} earlier={earlier}
                candidates={Rc::new(candidates)} themes={themes.clone()} on_edit={on_edit.clone()} />
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
                                {report_compare::export::verdict_words(v)}
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
