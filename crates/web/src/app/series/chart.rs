//! Ratings across the years, drawn by the app as inline SVG: one small chart per
//! judgement area, the grade steps up the side (Outstanding at the top, Inadequate at the
//! bottom), the reports along the bottom, a line through the grades a report gave (broken
//! where one gave none). The SVG is a picture only (`aria-hidden`): the same grades are in
//! a table for screen readers, which a button also shows on screen.

use engine::series::{RatingTrack, Report};
use yew::prelude::*;

use super::super::view::fixed;

/// Grade steps from the top, with the rank the engine gives them.
const STEPS: [(u8, &str); 4] = [
    (4, "Outstanding"),
    (3, "Good"),
    (2, "Requires improvement"),
    (1, "Inadequate"),
];

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 150.0;
/// Room for the grade names on the left and the years below.
const LEFT: f64 = 150.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 28.0;

/// Where report `i` of `n` sits across the chart.
pub fn x_of(i: usize, n: usize) -> f64 {
    if n <= 1 {
        return LEFT + (WIDTH - LEFT - RIGHT) / 2.0;
    }
    LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / (n - 1) as f64
}

/// Where a rank sits up the chart (4 at the top, 1 at the bottom).
pub fn y_of(rank: u8) -> f64 {
    let step = (HEIGHT - TOP - BOTTOM) / 3.0;
    TOP + step * (4u8.saturating_sub(rank.clamp(1, 4))) as f64
}

/// The runs of consecutive graded reports, as SVG polyline points: a report without a
/// grade breaks the line.
pub fn runs(ranks: &[Option<u8>]) -> Vec<String> {
    let n = ranks.len();
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for (i, rank) in ranks.iter().enumerate() {
        match rank {
            Some(r) => run.push(format!("{},{}", fixed(x_of(i, n), 1), fixed(y_of(*r), 1))),
            None => {
                if run.len() > 1 {
                    out.push(run.join(" "));
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        out.push(run.join(" "));
    }
    out
}

/// One area's chart.
pub fn area_chart(area: &RatingTrack, reports: &[Report]) -> Html {
    let n = reports.len();
    let view_box = format!("0 0 {} {}", fixed(WIDTH, 0), fixed(HEIGHT, 0));
    html! {
        <figure class="rating-chart" data-area={area.area.clone()}>
            <figcaption>{area.area.clone()}</figcaption>
            <svg viewBox={view_box} class="chart" aria-hidden="true" focusable="false"
                preserveAspectRatio="xMinYMin meet">
                { for STEPS.iter().map(|(rank, name)| {
                    let y = fixed(y_of(*rank), 1);
                    html! {
                        <g class="grade-step">
                            <line x1={fixed(LEFT, 0)} x2={fixed(WIDTH - RIGHT, 0)} y1={y.clone()} y2={y.clone()} />
                            <text x={fixed(LEFT - 8.0, 0)} y={y} dy="0.35em" text-anchor="end">{*name}</text>
                        </g>
                    }
                }) }
                { for reports.iter().enumerate().map(|(i, r)| html! {
                    <text class="year" x={fixed(x_of(i, n), 1)} y={fixed(HEIGHT - 8.0, 0)}
                        text-anchor="middle">{r.label.clone()}</text>
                }) }
                { for runs(&area.ranks).into_iter().map(|points| html! {
                    <polyline class="grade-line" points={points} />
                }) }
                { for area.ranks.iter().enumerate().filter_map(|(i, rank)| rank.map(|r| (i, r))).map(|(i, r)| html! {
                    <circle class={classes!("grade-point", format!("rank-{r}"))} cx={fixed(x_of(i, n), 1)}
                        cy={fixed(y_of(r), 1)} r="5" data-report={i.to_string()} data-rank={r.to_string()} />
                }) }
            </svg>
        </figure>
    }
}

/// The same grades as a table (the charts' text alternative).
pub fn ratings_table(areas: &[RatingTrack], reports: &[Report], shown: bool) -> Html {
    // Hidden on screen by its wrapper: a table itself ignores `width: 1px` and would
    // widen the page.
    html! {
        <div class={classes!("series-ratings-table-wrap", (!shown).then_some("visually-hidden"))}
            id="series-ratings-table">
        <table class="series-ratings-table">
            <caption>{"Graded judgements in each report"}</caption>
            <thead>
                <tr>
                    <th scope="col">{"Judgement area"}</th>
                    { for reports.iter().map(|r| html! { <th scope="col">{r.label.clone()}</th> }) }
                </tr>
            </thead>
            <tbody>
                { for areas.iter().map(|a| html! {
                    <tr data-area={a.area.clone()}>
                        <th scope="row">{a.area.clone()}</th>
                        { for a.grades.iter().map(|g| match g {
                            Some(g) => html! { <td>{g.clone()}</td> },
                            None => html! { <td class="muted">{"No grade"}</td> },
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}
