//! A series in the app: three or more reports of one organisation dropped (or chosen) at
//! once. They are listed in date order (the person can move one or remove one; down to
//! two, it is today's comparison again), read and compared in the worker like a pair, and
//! shown as the series view (`view.rs`): ratings across the years, then one row per
//! matter with a cell per step. A cell opens that step's comparison at that topic on the
//! usual theme page, with its corrections kept under that pair's own key.
//!
//! The state is a reducer of its own beside the pair's (`state.rs`), so the pair's rules
//! stay as they were; status messages and the busy line are the pair state's.

mod chart;
mod jobs;
mod print;
pub mod share;
#[cfg(test)]
mod tests;
mod view;

use std::cell::Cell;
use std::rc::Rc;

use engine::overrides::{Edit, Overrides};
use engine::series::{self as engine_series, Series};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::io;
use super::jobs::{Progress, Stopped};
use super::state::{self, storage_key, Entry, Outcome, Source};

pub use print::SeriesPrint;
pub use view::{series_main, MainProps};

/// At most this many reports (the engine's own limit).
pub const MAX_REPORTS: usize = engine_series::MAX_REPORTS;

/// A series as built, with each step's comparison as the app shows it (corrections
/// applied), filled in step by step after the overview is on screen.
#[derive(Debug)]
pub struct SeriesOutcome {
    /// The entries compared, in order.
    pub ids: Vec<u32>,
    pub series: Rc<Series>,
    pub steps: Vec<Option<Rc<Outcome>>>,
    /// Bumped whenever a step's outcome arrives or is corrected.
    pub revision: u32,
    pub millis: f64,
    /// The person's codebook it was made with (None: the built-in one).
    pub codebook: Option<Rc<state::UserCodebook>>,
}

impl PartialEq for SeriesOutcome {
    fn eq(&self, other: &Self) -> bool {
        self.ids == other.ids && self.revision == other.revision
    }
}

impl SeriesOutcome {
    pub fn new(ids: Vec<u32>, series: Series, millis: f64) -> SeriesOutcome {
        SeriesOutcome {
            steps: vec![None; series.steps.len()],
            ids,
            series: Rc::new(series),
            revision: 0,
            millis,
            codebook: None,
        }
    }

    /// The id of the codebook it was made with (0: the built-in one).
    pub fn codebook_id(&self) -> u32 {
        self.codebook.as_ref().map_or(0, |c| c.id)
    }

    fn with_step(&self, step: usize, outcome: Rc<Outcome>) -> SeriesOutcome {
        let mut steps = self.steps.clone();
        if let Some(slot) = steps.get_mut(step) {
            *slot = Some(outcome);
        }
        SeriesOutcome {
            ids: self.ids.clone(),
            series: self.series.clone(),
            steps,
            revision: self.revision + 1,
            millis: self.millis,
            codebook: self.codebook.clone(),
        }
    }
}

#[derive(Debug, Default, PartialEq)]
pub struct SeriesState {
    /// The reports given: readable ones in the order compared, then the unreadable ones.
    pub entries: Vec<Rc<Entry>>,
    /// The person moved a report (the order is no longer the dates').
    pub moved: bool,
    /// How the order was decided (undated reports, equal dates).
    pub notes: Vec<String>,
    pub outcome: Option<Rc<SeriesOutcome>>,
}

pub enum SeriesAction {
    /// Reports read from a drop or a choice of three or more files (replacing any).
    Set(Vec<Rc<Entry>>),
    /// More reports for the series on screen.
    Add(Vec<Rc<Entry>>),
    /// Move the report at `from` one place earlier (-1) or later (+1).
    Move {
        from: usize,
        by: isize,
    },
    Remove(usize),
    Ready(Rc<SeriesOutcome>),
    /// A step's comparison with the corrections saved for that pair.
    Step(usize, Rc<Outcome>),
    Correct(usize, Edit),
    Undo(usize, Option<usize>),
    /// The worker applied a step's corrections (that step's outcome key and revision),
    /// or why not; a reply for an older revision is dropped.
    Applied {
        step: usize,
        key: String,
        revision: u32,
        result: Result<Box<super::jobs::Applied>, String>,
    },
    /// A shared series: its reports and the series at once.
    Open {
        entries: Vec<Rc<Entry>>,
        outcome: Rc<SeriesOutcome>,
    },
    Clear,
}

impl SeriesState {
    /// A series is on screen (or being read).
    pub fn active(&self) -> bool {
        !self.entries.is_empty()
    }

    /// The readable reports, in the order compared.
    pub fn readable(&self) -> Vec<Rc<Entry>> {
        self.entries
            .iter()
            .filter(|e| e.read.is_ok())
            .cloned()
            .collect()
    }

    /// Their ids, when there are enough for a series.
    pub fn ids(&self) -> Option<Vec<u32>> {
        let ids: Vec<u32> = self.readable().iter().map(|e| e.id).collect();
        (ids.len() >= engine_series::MIN_REPORTS).then_some(ids)
    }

    /// The series for the reports as they are now ordered, if it is ready.
    pub fn current(&self) -> Option<Rc<SeriesOutcome>> {
        let o = self.outcome.as_ref()?;
        (Some(&o.ids) == self.ids().as_ref()).then(|| o.clone())
    }

    /// All from a share link or `.rcmp` file.
    pub fn shared(&self) -> bool {
        self.active() && self.entries.iter().all(|e| e.source == Source::Shared)
    }

    /// Readable reports in date order (undated after, in the order given), then the rest.
    fn sort(&mut self) {
        let readable = self.readable();
        let docs: Vec<&engine::ingest::Document> =
            readable.iter().filter_map(|e| e.doc()).collect();
        let (order, notes) = engine_series::date_order(&docs);
        let mut entries: Vec<Rc<Entry>> = order.iter().map(|&i| readable[i].clone()).collect();
        entries.extend(self.entries.iter().filter(|e| e.read.is_err()).cloned());
        self.entries = entries;
        self.notes = notes;
        self.moved = false;
    }

    fn step_outcome(&mut self, step: usize, change: impl FnOnce(&Outcome) -> Option<Outcome>) {
        let Some(o) = self.current() else { return };
        let Some(Some(current)) = o.steps.get(step) else {
            return;
        };
        if let Some(next) = change(current) {
            // Kept under the pair's own key: the same two files compared on their own
            // show the same corrections. (Storage blocked: they last until the page closes.)
            let _ = io::save(
                &next.key,
                (!next.overrides.is_empty())
                    .then(|| next.overrides.to_json())
                    .as_deref(),
            );
            self.outcome = Some(Rc::new(o.with_step(step, Rc::new(next))));
        }
    }
}

/// A step's comparison as the app shows it, with the person's corrections to that step.
pub fn step_outcome(
    pair: (u32, u32),
    key: String,
    base: engine::compare::Comparison,
    overrides: Overrides,
) -> Outcome {
    Outcome::new(pair, key, base, overrides, 0.0)
}

impl Reducible for SeriesState {
    type Action = SeriesAction;

    fn reduce(self: Rc<Self>, action: SeriesAction) -> Rc<Self> {
        let mut s = SeriesState {
            entries: self.entries.clone(),
            moved: self.moved,
            notes: self.notes.clone(),
            outcome: self.outcome.clone(),
        };
        match action {
            SeriesAction::Set(entries) => {
                s.entries = entries;
                s.outcome = None;
                s.sort();
            }
            SeriesAction::Add(entries) => {
                if s.shared() {
                    s.entries.clear();
                    s.outcome = None;
                }
                let moved = s.moved;
                s.entries.extend(entries);
                s.entries.truncate(MAX_REPORTS);
                if moved {
                    // Keep the person's order; new reports go last (then the unreadable).
                    let (ok, bad): (Vec<_>, Vec<_>) =
                        s.entries.drain(..).partition(|e| e.read.is_ok());
                    s.entries = ok.into_iter().chain(bad).collect();
                } else {
                    s.sort();
                }
            }
            SeriesAction::Move { from, by } => {
                let readable = s.readable().len();
                let to = from as isize + by;
                if from < readable && (0..readable as isize).contains(&to) {
                    s.entries.swap(from, to as usize);
                    s.moved = true;
                    s.notes.clear();
                }
            }
            SeriesAction::Remove(i) => {
                if i < s.entries.len() {
                    s.entries.remove(i);
                }
            }
            SeriesAction::Ready(outcome) => {
                if Some(&outcome.ids) == s.ids().as_ref() {
                    s.outcome = Some(outcome);
                }
            }
            SeriesAction::Step(step, outcome) => {
                if let Some(o) = s.current() {
                    s.outcome = Some(Rc::new(o.with_step(step, outcome)));
                }
            }
            SeriesAction::Correct(step, edit) => s.step_outcome(step, |o| {
                let mut overrides = o.overrides.clone();
                overrides.push(edit);
                Some(o.with_overrides(overrides))
            }),
            SeriesAction::Undo(step, index) => s.step_outcome(step, |o| {
                let mut overrides = o.overrides.clone();
                match index {
                    Some(i) => overrides.remove(i),
                    None => overrides.edits.clear(),
                }
                Some(o.with_overrides(overrides))
            }),
            SeriesAction::Applied {
                step,
                key,
                revision,
                result: Ok(done),
            } => s.step_outcome(step, |o| {
                (o.key == key && o.revision == revision).then(|| o.settled(*done))
            }),
            // Said on the status line by `use_series_apply`.
            SeriesAction::Applied { result: Err(_), .. } => {}
            SeriesAction::Open { entries, outcome } => {
                s.entries = entries;
                s.moved = false;
                s.notes.clear();
                s.outcome = Some(outcome);
            }
            SeriesAction::Clear => return Rc::new(SeriesState::default()),
        }
        Rc::new(s)
    }
}

/// Files for the series rather than the pair: three or more at once, or any while a
/// series is on screen.
pub fn takes(files: &[web_sys::File], active: bool) -> bool {
    let reports = files
        .iter()
        .filter(|f| !super::share::is_share_file(f))
        .count();
    reports >= engine_series::MIN_REPORTS || (active && reports > 0)
}

/// Reads every file (up to the limit) in the worker, one after another, saying which one
/// is being read; then gives them to the series, or to the pair when fewer than three
/// could be read.
pub fn load(
    files: Vec<web_sys::File>,
    series: UseReducerHandle<SeriesState>,
    pair: UseReducerDispatcher<state::State>,
) {
    spawn_local(async move {
        let given = files.len();
        let files: Vec<web_sys::File> = files
            .into_iter()
            .filter(|f| !super::share::is_share_file(f))
            .take(MAX_REPORTS)
            .collect();
        let total = files.len();
        let mut entries = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let name = file.name();
            pair.dispatch(state::Action::Busy(Some(format!(
                "Reading report {} of {total}: {name}…",
                i + 1
            ))));
            let entry = match io::read_buffer(file).await {
                Ok(buffer) => match super::jobs::read(&name, buffer).await {
                    Ok(read) => super::reading::engine_entry(&name, read, Source::File),
                    Err(Stopped::Crashed) => Entry::crashed(&name, super::jobs::CRASH_REASON),
                    Err(stopped) => {
                        let (text, error) = super::stopped_message(stopped, "reading");
                        pair.dispatch(state::Action::Busy(None));
                        pair.dispatch(state::Action::Say(text, error));
                        return;
                    }
                },
                Err(reason) => Entry::failed(&name, reason),
            };
            entries.push(Rc::new(entry));
        }
        pair.dispatch(state::Action::Busy(None));
        let mut said = read_summary(&entries);
        if given > total {
            said.push(format!(
                "Only the first {MAX_REPORTS} reports were used: a series takes at most {MAX_REPORTS}."
            ));
        }
        let error = entries.iter().any(|e| e.read.is_err());
        let had = series.readable().len();
        let readable = entries.iter().filter(|e| e.read.is_ok()).count();
        if series.active() && !series.shared() {
            series.dispatch(SeriesAction::Add(entries));
        } else if readable >= engine_series::MIN_REPORTS {
            series.dispatch(SeriesAction::Set(entries));
        } else {
            // Too few to follow across the years: compare what there is as a pair.
            series.dispatch(SeriesAction::Clear);
            let kept: Vec<Rc<Entry>> = entries.into_iter().filter(|e| e.read.is_ok()).collect();
            said.push(format!(
                "A series needs three readable reports; {} compared as a pair instead.",
                if kept.len() == 2 {
                    "the two that could be read are"
                } else {
                    "what could be read is"
                }
            ));
            let n = kept.len();
            pair.dispatch(state::Action::Add {
                entries: kept,
                target: None,
                given: n,
            });
            pair.dispatch(state::Action::Say(said.join(" "), error));
            return;
        }
        if had + readable >= engine_series::MIN_REPORTS {
            said.push("Comparing them in date order…".to_string());
        }
        pair.dispatch(state::Action::Say(said.join(" "), error));
    });
}

/// "Read a.pdf: 236 findings. Could not read b.pdf: …"
fn read_summary(entries: &[Rc<Entry>]) -> Vec<String> {
    entries
        .iter()
        .map(|e| match &e.read {
            Ok(l) => format!(
                "Read {}: {}.",
                e.name,
                super::view::plural(l.findings, "finding", "findings")
            ),
            Err(reason) if e.crashed => format!("Reading “{}” stopped: {reason}.", e.name),
            Err(reason) => format!("Could not read {}: {reason}", e.name),
        })
        .collect()
}

/// Removes a report; with fewer than three left, the rest become today's pair.
pub fn remove(
    index: usize,
    series: &UseReducerHandle<SeriesState>,
    pair: &UseReducerDispatcher<state::State>,
) {
    let Some(gone) = series.entries.get(index).cloned() else {
        return;
    };
    let left: Vec<Rc<Entry>> = series
        .readable()
        .into_iter()
        .filter(|e| e.id != gone.id)
        .collect();
    if left.len() >= engine_series::MIN_REPORTS || gone.read.is_err() {
        series.dispatch(SeriesAction::Remove(index));
        pair.dispatch(state::Action::Say(format!("Removed {}.", gone.name), false));
        return;
    }
    series.dispatch(SeriesAction::Clear);
    let n = left.len();
    let names: Vec<String> = left.iter().map(|e| e.name.clone()).collect();
    pair.dispatch(state::Action::Add {
        entries: left,
        target: None,
        given: n,
    });
    pair.dispatch(state::Action::Say(
        format!(
            "Removed {}. {} left: compared as a pair.",
            gone.name,
            names.join(" and ")
        ),
        false,
    ));
}

thread_local! {
    /// The step last opened (`#/step/K/…`): the theme page's own links (`#/theme/…`,
    /// previous and next theme) stay in that step.
    static STEP: Cell<usize> = const { Cell::new(0) };
}

/// A place in a series: a step's theme, and the topic to show there.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub step: usize,
    pub theme: String,
    pub topic: Option<String>,
}

/// Reads `#/step/K/theme/ID[/topic/TID]` (ids URI-encoded), or `#/theme/ID` in the step
/// last opened.
pub fn parse_route(hash: &str) -> Option<Route> {
    let decode = |s: &str| -> Option<String> {
        let s = js_sys::decode_uri_component(s).ok()?.as_string()?;
        (!s.is_empty()).then_some(s)
    };
    if let Some(rest) = hash.strip_prefix("#/step/") {
        let (step, rest) = rest.split_once("/theme/")?;
        let step: usize = step.parse().ok()?;
        let (theme, topic) = match rest.split_once("/topic/") {
            Some((t, x)) => (t, Some(x)),
            None => (rest, None),
        };
        STEP.with(|s| s.set(step));
        return Some(Route {
            step,
            theme: decode(theme)?,
            topic: topic.and_then(decode),
        });
    }
    let theme = decode(hash.strip_prefix("#/theme/")?)?;
    Some(Route {
        step: STEP.with(Cell::get),
        theme,
        topic: None,
    })
}

/// The route of the page's address, if it names a place in a series.
pub fn route() -> Option<Route> {
    let hash = web_sys::window()?.location().hash().ok()?;
    parse_route(&hash)
}

/// The link that opens a step at a topic.
pub fn step_href(step: usize, theme: &str, topic: &str) -> String {
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
    format!("#/step/{step}/theme/{}/topic/{}", enc(theme), enc(topic))
}

/// Builds the series whenever the readable reports (or their order, or the person's
/// codebook) change, then each step's comparison with its saved corrections, one per
/// task, after the overview.
#[hook]
pub fn use_series_compare(
    series: &UseReducerHandle<SeriesState>,
    pair: UseReducerDispatcher<state::State>,
    codebook: Option<Rc<state::UserCodebook>>,
    progress: UseStateHandle<Option<Progress>>,
) {
    {
        let series = series.clone();
        let pair = pair.clone();
        let key = (series.ids(), codebook.as_ref().map_or(0, |c| c.id));
        use_effect_with(key, move |(ids, book_id)| {
            let done = series
                .outcome
                .as_ref()
                .map(|o| (o.ids.clone(), o.codebook_id()));
            let ids = ids
                .clone()
                .filter(|ids| done != Some((ids.clone(), *book_id)));
            if let Some(ids) = ids {
                if series.shared() {
                    return;
                }
                let entries = series.readable();
                let dispatcher = series.dispatcher();
                spawn_local(async move {
                    progress.set(None);
                    pair.dispatch(state::Action::Busy(Some(format!(
                        "Comparing {} reports…",
                        entries.len()
                    ))));
                    io::next_paint().await;
                    let docs: Vec<&engine::ingest::Document> =
                        entries.iter().filter_map(|e| e.doc()).collect();
                    let book = codebook.as_ref().map(|c| c.book.as_str());
                    match jobs::build(&docs, book).await {
                        Ok((built, millis)) => {
                            let outcome = SeriesOutcome {
                                codebook: codebook.clone(),
                                ..SeriesOutcome::new(ids, built, millis)
                            };
                            let said = engine::series::export::headline(&outcome.series);
                            pair.dispatch(state::Action::Busy(None));
                            pair.dispatch(state::Action::Whisper(format!("Series ready. {said}.")));
                            dispatcher.dispatch(SeriesAction::Ready(Rc::new(outcome)));
                        }
                        Err(stopped) => {
                            let (text, error) = super::stopped_message(stopped, "the series");
                            pair.dispatch(state::Action::Busy(None));
                            pair.dispatch(state::Action::Say(text, error));
                        }
                    }
                });
            }
        });
    }
    // Each step's comparison, with the corrections saved for that pair of files.
    let series = series.clone();
    use_effect_with(series.current().map(|o| o.ids.clone()), move |ids| {
        let Some(o) = series.current().filter(|_| ids.is_some()) else {
            return;
        };
        let entries = series.readable();
        let dispatcher = series.dispatcher();
        spawn_local(async move {
            for (k, base) in o.series.steps.iter().enumerate() {
                if o.steps.get(k).is_some_and(Option::is_some) {
                    continue;
                }
                // After the overview's render, and one step per task.
                io::yield_now().await;
                let (Some(a), Some(b)) = (entries.get(k), entries.get(k + 1)) else {
                    break;
                };
                let key = storage_key(a.hash, b.hash);
                let overrides = io::load(&key)
                    .and_then(|text| Overrides::from_json(&text).ok())
                    .unwrap_or_default();
                let outcome = step_outcome((a.id, b.id), key, base.clone(), overrides)
                    .made_with(o.codebook.clone());
                dispatcher.dispatch(SeriesAction::Step(k, Rc::new(outcome)));
            }
        });
    });
}

/// Sends each step's corrections to the reading worker whenever they changed and are not
/// yet applied (as `auto_compare::use_apply` does for the pair); a failure goes to the
/// status line.
#[hook]
pub fn use_series_apply(
    series: &UseReducerHandle<SeriesState>,
    pair: UseReducerDispatcher<state::State>,
) {
    let pending: Vec<(usize, Rc<Outcome>)> = series
        .current()
        .map(|o| {
            o.steps
                .iter()
                .enumerate()
                .filter_map(|(k, x)| x.clone().filter(|x| x.pending).map(|x| (k, x)))
                .collect()
        })
        .unwrap_or_default();
    let key: Vec<(usize, String, u32)> = pending
        .iter()
        .map(|(k, o)| (*k, o.key.clone(), o.revision))
        .collect();
    let dispatcher = series.dispatcher();
    use_effect_with(key, move |_| {
        for (step, o) in pending {
            let dispatcher = dispatcher.clone();
            let pair = pair.clone();
            spawn_local(async move {
                let result = super::jobs::apply(&o.base, &o.overrides)
                    .await
                    .map(Box::new)
                    .map_err(super::auto_compare::applying_stopped);
                if let Err(reason) = &result {
                    pair.dispatch(state::Action::Say(
                        format!("Your corrections are saved, but could not be shown: {reason}"),
                        true,
                    ));
                }
                dispatcher.dispatch(SeriesAction::Applied {
                    step,
                    key: o.key.clone(),
                    revision: o.revision,
                    result,
                });
            });
        }
    });
}

/// Tells the embedding page (if any) about a series when it is ready: counts and names,
/// never report text.
#[hook]
pub fn use_embed_result(series: &UseReducerHandle<SeriesState>) {
    use_effect_with(series.current().map(|o| o.ids.clone()), {
        let series = series.clone();
        move |ids| {
            let Some(o) = series.current().filter(|_| ids.is_some()) else {
                return;
            };
            let s = &o.series;
            let summary = serde_json::to_string(&s.summary).unwrap_or_default();
            let summary = js_sys::JSON::parse(&summary).unwrap_or_default();
            let reports = js_sys::Array::new();
            for r in &s.reports {
                let obj = js_sys::Object::new();
                let set = |k: &str, v: wasm_bindgen::JsValue| {
                    let _ = js_sys::Reflect::set(&obj, &k.into(), &v);
                };
                set("name", r.name.clone().into());
                set("date", r.date.clone().into());
                set("label", r.label.clone().into());
                set("findings", (r.findings as u32).into());
                reports.push(&obj);
            }
            super::embed::post(
                "result",
                &[
                    ("series", true.into()),
                    ("headline", engine::series::export::headline(s).into()),
                    ("summary", summary),
                    ("reports", reports.into()),
                ],
            );
        }
    });
}
