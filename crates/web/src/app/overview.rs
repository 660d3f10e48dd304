//! The overview: graded ratings side by side, the headline, one count per verdict (each
//! a filter), search and sort, and one row per theme with its verdict, topic and finding
//! counts and, as a one-line preview, the first pair of its best two-sided topic.

use std::rc::Rc;

use engine::compare::{Comparison, ThemeResult, Verdict};
use engine::export;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::report::{corrections, CorrectionsProps, Exports};
use super::route::{theme_href, theme_link_id};
use super::state::Outcome;
use super::view::{
    self, finding, first_words, highlight, human_date, plural, preview_link, rating_verdict,
    theme_matches, verdict_badge, verdict_class, verdict_meaning, verdict_rank, verdict_short,
    VERDICTS,
};
use super::{Prefs, Sort};

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub outcome: Rc<Outcome>,
    pub prefs: Prefs,
    pub on_prefs: Callback<Prefs>,
    pub on_undo: Callback<Option<usize>>,
}

/// Count of themes with a verdict.
pub fn count(c: &Comparison, v: Verdict) -> usize {
    let s = &c.summary;
    match v {
        Verdict::Improved => s.improved,
        Verdict::Regressed => s.regressed,
        Verdict::Persisted => s.persisted,
        Verdict::New => s.new,
        Verdict::Dropped => s.dropped,
        Verdict::Mixed => s.mixed,
    }
}

/// The themes the overview shows, in order.
pub fn visible<'a>(c: &'a Comparison, prefs: &Prefs) -> Vec<&'a ThemeResult> {
    let mut themes: Vec<&ThemeResult> = c
        .themes
        .iter()
        .filter(|t| prefs.filter.is_none_or(|v| t.verdict == v))
        .filter(|t| theme_matches(c, t, &prefs.query))
        .collect();
    let findings = |t: &ThemeResult| t.before_count + t.after_count;
    // One stable sort with the order chosen inside it: a sort per order would put three
    // copies of the sort's code into the bundle.
    engine::sort::sort_by(&mut themes, |a, b| match prefs.sort {
        Sort::Verdict => {
            (verdict_rank(a.verdict), findings(b)).cmp(&(verdict_rank(b.verdict), findings(a)))
        }
        Sort::Theme => view::lower(&a.label).cmp(&view::lower(&b.label)),
        Sort::Findings => findings(b).cmp(&findings(a)),
    });
    themes
}

/// "Focused visit to Luton children's services (18 June 2021)".
pub fn side_label(side: &engine::compare::Side) -> String {
    let title = side.title.clone().unwrap_or_else(|| side.name.clone());
    match &side.date {
        Some(d) => format!("{title} ({})", human_date(d)),
        None => title,
    }
}

#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    let o = &props.outcome;
    let c = &o.applied;
    let prefs = &props.prefs;
    let themes = visible(c, prefs);

    let set = |change: fn(&mut Prefs, String)| {
        let (prefs, on_prefs) = (prefs.clone(), props.on_prefs.clone());
        move |value: String| {
            let mut p = prefs.clone();
            change(&mut p, value);
            on_prefs.emit(p);
        }
    };
    let oninput = {
        let set = set(|p, v| p.query = v);
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            set(input.value());
        })
    };
    let onsort = {
        let set = set(|p, v| {
            p.sort = match v.as_str() {
                "theme" => Sort::Theme,
                "findings" => Sort::Findings,
                _ => Sort::Verdict,
            }
        });
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            set(select.value());
        })
    };
    let filter_to = |v: Option<Verdict>| {
        let (prefs, on_prefs) = (prefs.clone(), props.on_prefs.clone());
        Callback::from(move |_: MouseEvent| {
            let mut p = prefs.clone();
            p.filter = if p.filter == v { None } else { v };
            on_prefs.emit(p);
        })
    };
    let clear = {
        let on_prefs = props.on_prefs.clone();
        let sort = prefs.sort;
        Callback::from(move |_: MouseEvent| {
            on_prefs.emit(Prefs {
                sort,
                ..Prefs::default()
            })
        })
    };

    let tiles = VERDICTS.iter().map(|&v| {
        let n = count(c, v);
        let pressed = prefs.filter == Some(v);
        html! {
            <li>
                <button type="button" class={classes!("tile", verdict_class(v), pressed.then_some("pressed"))}
                    data-verdict={v.as_str()} onclick={filter_to(Some(v))} aria-pressed={if pressed { "true" } else { "false" }}
                    disabled={n == 0 && !pressed} title={format!("{}: {}", verdict_short(v), verdict_meaning(v))}>
                    <span class="tile-count">{n}</span>
                    <span class="tile-word"><span class="icon" aria-hidden="true">{export::verdict_icon(v)}</span>{verdict_short(v)}</span>
                </button>
            </li>
        }
    });

    let showing = if themes.len() == c.themes.len() {
        format!("Showing all {}", plural(c.themes.len(), "theme", "themes"))
    } else {
        format!(
            "Showing {} of {}",
            themes.len(),
            plural(c.themes.len(), "theme", "themes")
        )
    };

    html! {
        <section class="overview" aria-labelledby="overview-heading">
            <h2 id="overview-heading">{"What changed"}</h2>

            { ratings(c) }

            <p class="headline" id="headline">{export::headline(c)}{"."}</p>
            <ul class="tiles" aria-label="Themes by verdict: choose one to show only those">
                { for tiles }
            </ul>

            <div class="controls">
                <div class="field search-field">
                    <label for="search">{"Search the findings"}</label>
                    <input type="search" id="search" value={prefs.query.clone()} {oninput}
                        placeholder="e.g. caseloads" autocomplete="off" />
                </div>
                <div class="field">
                    <label for="sort">{"Sort themes"}</label>
                    <select id="sort" onchange={onsort}>
                        <option value="verdict" selected={prefs.sort == Sort::Verdict}>{"By verdict (regressed first)"}</option>
                        <option value="theme" selected={prefs.sort == Sort::Theme}>{"By theme name (A–Z)"}</option>
                        <option value="findings" selected={prefs.sort == Sort::Findings}>{"By number of findings"}</option>
                    </select>
                </div>
            </div>
            <details class="legend">
                <summary>{"What the verdicts mean"}</summary>
                <dl>
                    { for VERDICTS.iter().map(|&v| html! {
                        <>
                            <dt>{verdict_badge(v, false)}</dt>
                            <dd>{verdict_meaning(v)}{"."}</dd>
                        </>
                    }) }
                </dl>
                <p>{"Verdicts come from the reports’ wording, not from data: read the quotes before relying on one. A pair marked “Rests on the council’s own statement” depends on what the council said about itself."}</p>
            </details>
            <p class="showing" aria-live="polite">
                {showing}
                if let Some(v) = prefs.filter {
                    {format!(" marked “{}”", verdict_short(v))}
                }
                if !prefs.query.trim().is_empty() {
                    {format!(" that mention “{}”", prefs.query.trim())}
                }
                {"."}
                if prefs.filter.is_some() || !prefs.query.trim().is_empty() {
                    {" "}<button type="button" class="button link" onclick={clear}>{"Show all themes"}</button>
                }
            </p>
            if themes.is_empty() {
                <p class="empty-list">{"No theme matches. Try another word, or show all themes."}</p>
            }
            <ul class="theme-list">
                { for themes.iter().map(|t| theme_row(o, t, &prefs.query)) }
            </ul>

            {corrections(&CorrectionsProps { outcome: o.clone(), on_undo: props.on_undo.clone() })}
            <Exports outcome={o.clone()} />
        </section>
    }
}

fn ratings(c: &Comparison) -> Html {
    if c.ratings.is_empty() {
        return html! {};
    }
    html! {
        <div class="ratings">
            <table>
                <caption>{"Graded judgements"}</caption>
                <thead>
                    <tr>
                        <th scope="col">{"Area"}</th>
                        <th scope="col">{"Earlier"}</th>
                        <th scope="col">{"Later"}</th>
                        <th scope="col">{"Change"}</th>
                    </tr>
                </thead>
                <tbody>
                    { for c.ratings.iter().map(|r| {
                        let change = match rating_verdict(&r.verdict) {
                            Some(Verdict::Dropped) => html! { <span class="muted">{"Not graded later"}</span> },
                            Some(Verdict::New) => html! { <span class="muted">{"Not graded earlier"}</span> },
                            Some(Verdict::Persisted) => html! {
                                <span class={classes!("badge", "verdict", "v-persisted")}>
                                    <span class="icon" aria-hidden="true">{"="}</span>{"No change"}
                                </span>
                            },
                            Some(v) => verdict_badge(v, false),
                            None => html! { {r.verdict.clone()} },
                        };
                        html! {
                            <tr>
                                <th scope="row">{r.area.clone()}</th>
                                <td>{cell_label("Earlier")}{r.before.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>{cell_label("Later")}{r.after.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>
                                    {change}
                                    if let Some(note) = &r.note {
                                        <span class="rating-note">{view::capitalise_first(note)}</span>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A column's name inside its cell, shown only on narrow screens, where the ratings are
/// laid out row by row and the column headings are out of sight (hidden from screen
/// readers, which have the real headings).
fn cell_label(column: &str) -> Html {
    html! { <span class="cell-label" aria-hidden="true">{column}</span> }
}

fn theme_row(o: &Outcome, t: &ThemeResult, query: &str) -> Html {
    let c = &o.applied;
    let set_by_you = o.overrides.theme_verdict(&t.id).is_some();
    let changed = t.links.iter().any(|l| l.overridden);
    // Every pair rests on the council's own words: say so where the verdict is.
    let pairs: Vec<_> = t
        .links
        .iter()
        .filter(|l| l.before.is_some() && l.after.is_some())
        .collect();
    let own_word = !pairs.is_empty() && pairs.iter().all(|l| l.caveat.is_some());
    let preview = preview(c, t, query);
    html! {
        <li class="theme-row" data-theme={t.id.clone()} key={t.id.clone()}>
            <div class="row-verdict">
                {verdict_badge(t.verdict, false)}
                if set_by_you {
                    <span class="badge by-you">{"Set by you"}</span>
                } else if changed {
                    <span class="badge by-you">{"Corrected"}</span>
                }
                if own_word {
                    <span class="badge caveat" title="Every pair under this theme rests on the council’s own statement">
                        {"Council’s own statement"}
                    </span>
                }
            </div>
            <div class="row-main">
                <h3 class="row-title">
                    <a href={theme_href(&t.id)} id={theme_link_id(&t.id)}>{t.label.clone()}</a>
                </h3>
                <p class="row-counts">
                    if !t.topics.is_empty() {
                        <span class="topic-count">{plural(t.topics.len(), "topic", "topics")}</span>{" · "}
                    }
                    {format!("{} earlier · {} later", plural(t.before_count, "finding", "findings"), t.after_count)}
                    if t.source == "discovered" {
                        <span class="muted">{" · grouped by shared words"}</span>
                    }
                </p>
                {preview}
            </div>
        </li>
    }
}

/// One line of evidence: the matching finding when searching, else the first pair of the
/// theme's best two-sided topic.
fn preview(c: &Comparison, t: &ThemeResult, query: &str) -> Html {
    let q = view::lower(query.trim());
    if !q.is_empty() {
        let hit = t.links.iter().find_map(|l| {
            [
                (l.before.as_deref(), "Earlier"),
                (l.after.as_deref(), "Later"),
            ]
            .into_iter()
            .filter_map(|(id, side)| finding(c, id).map(|f| (f, side)))
            .find(|(f, _)| view::lower(&f.text).contains(&q))
        });
        if let Some((f, side)) = hit {
            return html! {
                <p class="preview lone">
                    <span class="preview-side">{side}{": "}</span>
                    <span class="quote">{"“"}{highlight(&f.text, query)}{"”"}</span>
                </p>
            };
        }
    }
    let Some(link) = preview_link(t) else {
        return html! {};
    };
    let quote = |id: Option<&str>| finding(c, id).map(|f| first_words(&f.text, 16));
    match (quote(link.before.as_deref()), quote(link.after.as_deref())) {
        (Some(b), Some(a)) => html! {
            <p class="preview">
                <span class="quote before"><span class="visually-hidden">{"Earlier: "}</span>{format!("“{b}”")}</span>
                <span class="arrow" aria-hidden="true">{"→"}</span>
                <span class="quote after"><span class="visually-hidden">{"Later: "}</span>{format!("“{a}”")}</span>
            </p>
        },
        (Some(b), None) => html! {
            <p class="preview lone"><span class="preview-side">{"Earlier only: "}</span><span class="quote">{format!("“{b}”")}</span></p>
        },
        (None, Some(a)) => html! {
            <p class="preview lone"><span class="preview-side">{"Later only: "}</span><span class="quote">{format!("“{a}”")}</span></p>
        },
        (None, None) => html! {},
    }
}
