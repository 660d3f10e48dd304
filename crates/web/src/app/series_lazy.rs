//! The series as the page sees it without the `series` feature: never on screen here.
//! Three or more reports, or a shared series, hand the page over to the series bundle
//! (`handoff.rs`), which is the whole app with `series/` in it. The names are those of
//! `series/`, so the rest of the app reads the same either way.

use std::rc::Rc;

use yew::prelude::*;

use super::handoff::{self, Pending};
use super::jobs::Progress;
use super::state::{self, Entry};

/// At most this many reports (the engine's own limit).
pub const MAX_REPORTS: usize = engine::series::MAX_REPORTS;

/// Never made here (the series bundle makes it).
#[derive(Debug, PartialEq)]
pub struct SeriesOutcome {
    pub series: Rc<Never>,
}

#[derive(Debug, PartialEq)]
pub struct Never;

/// Never active here.
#[derive(Debug, Default, PartialEq)]
pub struct SeriesState;

pub enum SeriesAction {
    /// A shared series (its JSON): handed over.
    HandOver(String),
    /// Never made here (`share::show` names it).
    #[allow(dead_code)]
    Open {
        entries: Vec<Rc<Entry>>,
        outcome: Rc<SeriesOutcome>,
    },
    Clear,
}

impl Reducible for SeriesState {
    type Action = SeriesAction;

    fn reduce(self: Rc<Self>, action: SeriesAction) -> Rc<Self> {
        if let SeriesAction::HandOver(json) = action {
            handoff::hand_over(Pending::Series(json));
        }
        self
    }
}

impl SeriesState {
    pub fn active(&self) -> bool {
        false
    }

    pub fn current(&self) -> Option<Rc<SeriesOutcome>> {
        None
    }
}

/// A place in a series (never one here).
pub struct Route {
    pub theme: String,
}

pub fn parse_route(_: &str) -> Option<Route> {
    None
}

/// Files for a series: three or more reports at once.
pub fn takes(files: &[web_sys::File], _active: bool) -> bool {
    let reports = files
        .iter()
        .filter(|f| !super::share::is_share_file(f))
        .count();
    reports >= engine::series::MIN_REPORTS
}

/// Three or more reports: the series bundle reads them.
pub fn load(
    files: Vec<web_sys::File>,
    _: UseReducerHandle<SeriesState>,
    _: UseReducerDispatcher<state::State>,
) {
    let files = files
        .into_iter()
        .filter(|f| !super::share::is_share_file(f))
        .collect();
    handoff::hand_over(Pending::Files(files));
}

/// Notes the pair's dispatcher and codebook, for a hand-over.
#[hook]
pub fn use_series_compare(
    _series: &UseReducerHandle<SeriesState>,
    pair: UseReducerDispatcher<state::State>,
    codebook: Option<Rc<state::UserCodebook>>,
    _progress: UseStateHandle<Option<Progress>>,
) {
    handoff::note(pair, codebook);
}

#[hook]
pub fn use_series_apply(
    _series: &UseReducerHandle<SeriesState>,
    _pair: UseReducerDispatcher<state::State>,
) {
}

#[hook]
pub fn use_embed_result(_series: &UseReducerHandle<SeriesState>) {}

/// As `series/`'s (never shown here).
#[allow(dead_code)]
pub struct MainProps {
    pub series: UseReducerHandle<SeriesState>,
    pub pair: UseReducerDispatcher<state::State>,
    pub route: Option<String>,
    pub status: Html,
    pub dragging: bool,
    pub on_files: Callback<(Vec<web_sys::File>, Option<usize>)>,
    pub on_say: Callback<(String, bool)>,
}

pub fn series_main(_: &MainProps) -> Html {
    Html::default()
}

#[derive(Properties, PartialEq)]
pub struct PrintProps {
    pub series: Rc<Never>,
}

#[function_component(SeriesPrint)]
pub fn series_print(_: &PrintProps) -> Html {
    Html::default()
}

pub mod share {
    use super::{SeriesAction, SeriesOutcome};

    pub const KIND: &str = super::super::share::SERIES_KIND;

    /// The series bundle opens it.
    pub fn open(json: &str) -> Result<SeriesAction, String> {
        Ok(SeriesAction::HandOver(json.to_string()))
    }

    pub fn opened_message(_: &SeriesOutcome) -> String {
        String::new()
    }
}
