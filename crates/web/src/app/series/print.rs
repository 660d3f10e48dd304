//! The series for print (`@media print` shows only `.print-only`): the briefing as the
//! CLI's Markdown tells it — reports, ratings across the years, then the matters that
//! tell the story with a quote from each end — in plain HTML, rendered a task after the
//! series view so the view shows first.

use std::rc::Rc;

use engine::series::{export, Series, Track, TrackKind};
use yew::prelude::*;

use super::super::view::{first_words, human_date};

#[derive(Properties, PartialEq)]
pub struct PrintProps {
    pub series: Rc<Series>,
}

/// The kinds printed, with how many of each.
const PRINTED: [(TrackKind, &str, usize); 4] = [
    (TrackKind::PersistentConcern, "Persistent concerns", 8),
    (TrackKind::SustainedImprovement, "Sustained improvements", 6),
    (TrackKind::Reversal, "Reversals", 5),
    (TrackKind::Returned, "Returned after a gap", 5),
];

#[function_component(SeriesPrint)]
pub fn series_print(props: &PrintProps) -> Html {
    let shown = use_state(|| false);
    {
        let shown = shown.clone();
        use_effect_with(Rc::as_ptr(&props.series) as usize, move |_| {
            yew::platform::spawn_local(async move {
                super::super::io::yield_now().await;
                shown.set(true);
            });
        });
    }
    if !*shown {
        return html! { <div class="print-only" aria-hidden="true"></div> };
    }
    let s = &props.series;
    html! {
        <div class="print-only print-series" aria-hidden="true">
            <h1>{"A series of inspections"}</h1>
            <p>{format!("{}.", export::headline(s))}</p>
            <ul>
                { for s.reports.iter().map(|r| html! {
                    <li><strong>{format!("{}: ", r.label)}</strong>{r.title.clone().unwrap_or_else(|| r.name.clone())}
                        {r.date.as_deref().map(|d| format!(" ({})", human_date(d))).unwrap_or_default()}</li>
                }) }
            </ul>
            if !s.ratings.is_empty() {
                <table class="print-ratings">
                    <thead><tr><th>{"Area"}</th>{ for s.reports.iter().map(|r| html! { <th>{r.label.clone()}</th> }) }</tr></thead>
                    <tbody>
                        { for s.ratings.iter().map(|a| html! {
                            <tr><td>{a.area.clone()}</td>
                                { for a.grades.iter().map(|g| html! { <td>{g.clone().unwrap_or_else(|| "—".into())}</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            { for PRINTED.iter().map(|(kind, heading, n)| {
                let list: Vec<&Track> = s.tracks.iter().filter(|t| t.kind == *kind).collect();
                if list.is_empty() {
                    return html! {};
                }
                html! {
                    <section class="print-theme">
                        <h2>{format!("{heading} ({})", list.len())}</h2>
                        <ul>
                            { for list.iter().take(*n).map(|t| html! {
                                <li>
                                    <strong>{t.label.clone()}</strong>{format!(": {}. ", t.line)}
                                    <span class="note">{export::path(s, t)}</span>
                                    { for [&t.first, &t.last].into_iter().flatten().take(if t.first == t.last { 1 } else { 2 }).map(|q| html! {
                                        <div class="q">{format!("{}: “{}”", s.reports[q.report].label, first_words(&q.text, 40))}</div>
                                    }) }
                                </li>
                            }) }
                        </ul>
                    </section>
                }
            }) }
            <p class="print-foot">{"Made with report-compare. Each step compares two neighbouring reports; matters are followed across them by their findings. Check the quotes."}</p>
        </div>
    }
}
