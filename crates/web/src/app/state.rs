//! What the app knows and how it changes: the two loaded reports (or why one could not be
//! read), their order, the comparison and the person's corrections. A Yew reducer with no
//! DOM in it (apart from saving corrections), so the rules are easy to test.

use std::cell::Cell;
use std::rc::Rc;

use engine::compare::Comparison;
use engine::ingest::Document;
use engine::overrides::{self, Edit, Overrides};
use yew::prelude::*;

use super::io;

/// Where a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    File,
    Pasted,
    Sample,
    /// From a share link or `.rcmp` file: findings and a few paragraphs, not the file.
    Shared,
}

/// A report as read: the engine's document and its finding count.
#[derive(Debug)]
pub struct Loaded {
    pub doc: Document,
    pub findings: usize,
}

/// One report the person gave the app: read, or refused with the reason in words.
#[derive(Debug)]
pub struct Entry {
    /// Unique for the page's lifetime (a replaced file gets a new id).
    pub id: u32,
    pub name: String,
    pub source: Source,
    /// FNV-1a 64 of the bytes: names saved corrections without putting text in keys.
    pub hash: u64,
    pub read: Result<Loaded, String>,
    /// The reader died while reading it (not the engine refusing it): the file may be
    /// fine, so the card says "reading stopped" rather than "can't be read".
    pub crashed: bool,
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

impl Entry {
    /// Reads `bytes` with the engine at once: the page's unit tests (the shipped page
    /// reads in the worker, [`Entry::from_engine`]).
    #[cfg(test)]
    pub fn new(name: &str, bytes: &[u8], source: Source) -> Entry {
        let read = super::jobs::on_page::read_now(name, bytes);
        Entry::from_engine(name, read.hash, source, read.read)
    }

    /// A report the engine read elsewhere (in the worker): the hash of its bytes and the
    /// document with its finding count, or the engine's reason.
    pub fn from_engine(
        name: &str,
        hash: u64,
        source: Source,
        read: Result<(Document, usize), String>,
    ) -> Entry {
        let read = read.map(|(doc, findings)| Loaded { doc, findings });
        Entry::with(name, hash, source, read)
    }

    /// A report as shared (see `share.rs`): its document holds only the paragraphs needed
    /// for context; `hash` is the original file's.
    pub fn shared(name: &str, hash: u64, doc: Document, findings: usize) -> Entry {
        Entry::with(name, hash, Source::Shared, Ok(Loaded { doc, findings }))
    }

    /// A file the browser itself could not read.
    pub fn failed(name: &str, reason: String) -> Entry {
        Entry::with(name, 0, Source::File, Err(reason))
    }

    /// A file the reader (the Web Worker) died on: out of memory, or a crash.
    pub fn crashed(name: &str, reason: &str) -> Entry {
        Entry {
            crashed: true,
            ..Entry::with(name, 0, Source::File, Err(reason.to_string()))
        }
    }

    fn with(name: &str, hash: u64, source: Source, read: Result<Loaded, String>) -> Entry {
        Entry {
            id: NEXT_ID.with(|n| {
                let id = n.get();
                n.set(id + 1);
                id
            }),
            name: name.to_string(),
            source,
            hash,
            read,
            crashed: false,
        }
    }

    pub fn doc(&self) -> Option<&Document> {
        self.read.as_ref().ok().map(|l| &l.doc)
    }

    /// The detected date (ISO), when there is one.
    pub fn date(&self) -> Option<&str> {
        self.doc()?.date.as_ref().map(|d| d.iso.as_str())
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// The engine's checksum names a file's bytes (storage keys, worker replies).
#[cfg(test)]
pub use engine::share::fnv1a;

/// The localStorage key for the corrections to one ordered pair of reports: hashes of
/// their bytes only, never their text.
pub fn storage_key(earlier: u64, later: u64) -> String {
    format!("report-compare:corrections:v1:{earlier:016x}-{later:016x}")
}

/// A codebook the person gave the app (a dropped `.qdc`), used on top of the built-in one
/// until they go back to it or close the page.
#[derive(Debug)]
pub struct UserCodebook {
    /// Unique for the page's lifetime; comparisons record the one they were made with
    /// (0: the built-in codebook).
    pub id: u32,
    pub name: String,
    /// The person's codebook as read (`Codebook` JSON, as the worker sent it).
    pub yours: String,
    /// The built-in codebook with theirs on top, what comparisons use (JSON).
    pub book: String,
    /// How many themes the person's codebook has.
    pub themes: usize,
    /// Whether they are added to the built-in ones or replace them.
    pub mode: engine::themes::Mode,
}

impl UserCodebook {
    /// The codebook as the worker read it (theirs, and the built-in one with theirs on top).
    pub fn new(name: &str, read: super::jobs::ReadCodebook) -> UserCodebook {
        UserCodebook {
            id: NEXT_ID.with(|n| {
                let id = n.get();
                n.set(id + 1);
                id
            }),
            name: name.to_string(),
            book: read.book,
            yours: read.yours,
            themes: read.themes,
            mode: read.mode,
        }
    }
}

impl PartialEq for UserCodebook {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// A comparison of one ordered pair, with the person's corrections applied.
#[derive(Debug)]
pub struct Outcome {
    /// Entry ids, earlier then later.
    pub pair: (u32, u32),
    /// Bumped on every correction (cheap equality for props).
    pub revision: u32,
    pub key: String,
    /// What the engine said (shared, not copied, by each correction's outcome).
    pub base: Rc<Comparison>,
    pub overrides: Overrides,
    /// `base` with `overrides` applied: what the app shows (`base` itself while there are
    /// no corrections). While `pending`, the last one the worker made.
    pub applied: Rc<Comparison>,
    /// Indexes of corrections that no longer fit these reports.
    pub skipped: Vec<usize>,
    /// `applied` is not yet `base` with `overrides`: the reading worker is applying them
    /// (the page has no recount code; `auto_compare::use_apply` sends them).
    pub pending: bool,
    /// How long the comparison took, in milliseconds.
    pub millis: f64,
    /// The person's codebook it was made with (None: the built-in codebook).
    pub codebook: Option<Rc<UserCodebook>>,
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        self.pair == other.pair && self.revision == other.revision
    }
}

impl Outcome {
    pub fn new(
        pair: (u32, u32),
        key: String,
        base: impl Into<Rc<Comparison>>,
        overrides: Overrides,
        millis: f64,
    ) -> Outcome {
        let base: Rc<Comparison> = base.into();
        // With no corrections `base` is what is shown (`compare` itself ends with the
        // recount; crates/engine/tests/series.rs checks that applying none changes
        // nothing), unless it is of an earlier schema (an old share link), which the worker
        // brings up to date.
        let pending = !overrides.edits.is_empty() || base.schema != engine::compare::SCHEMA;
        Outcome {
            pair,
            revision: 0,
            key,
            applied: base.clone(),
            base,
            overrides,
            skipped: Vec::new(),
            pending,
            millis,
            codebook: None,
        }
    }

    /// The outcome with what the worker applied (see [`super::jobs::apply`]).
    pub fn settled(&self, done: super::jobs::Applied) -> Outcome {
        Outcome {
            pair: self.pair,
            revision: self.revision + 1,
            key: self.key.clone(),
            base: done.upgraded.map_or_else(|| self.base.clone(), Rc::new),
            overrides: self.overrides.clone(),
            applied: Rc::new(done.applied),
            skipped: done.skipped,
            pending: false,
            millis: self.millis,
            codebook: self.codebook.clone(),
        }
    }

    /// Records the person's codebook the comparison was made with.
    pub fn made_with(mut self, codebook: Option<Rc<UserCodebook>>) -> Outcome {
        self.codebook = codebook;
        self
    }

    /// The id of the codebook it was made with (0: the built-in one).
    pub fn codebook_id(&self) -> u32 {
        self.codebook.as_ref().map_or(0, |c| c.id)
    }

    /// The same comparison with other corrections (a new revision): shown as the worker
    /// applied the last ones until it has applied these; with none, `base` at once.
    pub fn with_overrides(&self, overrides: Overrides) -> Outcome {
        let none = overrides.edits.is_empty() && !self.pending;
        Outcome {
            pair: self.pair,
            revision: self.revision + 1,
            key: self.key.clone(),
            base: self.base.clone(),
            applied: if none {
                self.base.clone()
            } else {
                self.applied.clone()
            },
            skipped: if none {
                Vec::new()
            } else {
                self.skipped.clone()
            },
            pending: !none,
            overrides,
            millis: self.millis,
            codebook: self.codebook.clone(),
        }
    }
}

/// A line for the status area (read out by screen readers).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// Read out, not shown (the page already shows it, e.g. the headline).
    pub quiet: bool,
}

#[derive(Debug, Default, PartialEq)]
pub struct State {
    /// In the order they were given (not necessarily earlier, later: see [`State::order`]).
    pub slots: [Option<Rc<Entry>>; 2],
    /// The person swapped the order the dates gave.
    pub swapped: bool,
    /// What is being done right now ("Reading…", "Comparing…").
    pub busy: Option<String>,
    pub outcome: Option<Rc<Outcome>>,
    pub message: Option<Message>,
    /// The person's codebook, when they gave one.
    pub codebook: Option<Rc<UserCodebook>>,
}

pub enum Action {
    Busy(Option<String>),
    /// Newly read reports; `target` is the display position (0 earlier, 1 later) a single
    /// report was dropped on or chosen for, if any.
    Add {
        entries: Vec<Rc<Entry>>,
        target: Option<usize>,
        /// How many files were given (only the first two are read).
        given: usize,
    },
    /// Remove the report at a display position.
    Remove(usize),
    Swap,
    Compared(Rc<Outcome>),
    Correct(Edit),
    /// The worker applied the corrections of the outcome with this key and revision (a
    /// reply for an older revision is dropped: a newer one is on its way), or why not.
    Applied {
        key: String,
        revision: u32,
        result: Result<Box<super::jobs::Applied>, String>,
    },
    Undo(usize),
    UndoAll,
    Say(String, bool),
    /// Read out, not shown: the page already shows it (a series' headline).
    #[cfg_attr(not(feature = "series"), allow(dead_code))]
    Whisper(String),
    /// A shared comparison opened: both reports (earlier, later) and the outcome at once,
    /// so nothing is re-compared from the thin shared documents.
    Open {
        entries: [Rc<Entry>; 2],
        outcome: Rc<Outcome>,
        message: String,
    },
    /// Clear the status line (e.g. when another view opens).
    Hush,
    /// Use the person's codebook (None: back to the built-in one); compares again.
    Codebook(Option<Rc<UserCodebook>>),
}

/// How the two reports were put in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderBasis {
    /// Both have dates and they differ.
    Dates,
    /// Dates missing or equal: the order they were given.
    Given,
}

impl State {
    /// Slot indexes in display order (earlier, later). With one report, it comes first.
    pub fn order(&self) -> [usize; 2] {
        let natural = match (&self.slots[0], &self.slots[1]) {
            (Some(a), Some(b)) => match (a.date(), b.date()) {
                (Some(x), Some(y)) if y < x => [1, 0],
                _ => [0, 1],
            },
            (None, Some(_)) => [1, 0],
            _ => [0, 1],
        };
        if self.swapped && self.slots.iter().all(Option::is_some) {
            [natural[1], natural[0]]
        } else {
            natural
        }
    }

    pub fn basis(&self) -> OrderBasis {
        match (&self.slots[0], &self.slots[1]) {
            (Some(a), Some(b)) => match (a.date(), b.date()) {
                (Some(x), Some(y)) if x != y => OrderBasis::Dates,
                _ => OrderBasis::Given,
            },
            _ => OrderBasis::Given,
        }
    }

    /// The reports in display order.
    pub fn ordered(&self) -> [Option<Rc<Entry>>; 2] {
        self.order().map(|i| self.slots[i].clone())
    }

    /// Both reports, earlier then later, when both were read.
    pub fn pair(&self) -> Option<(Rc<Entry>, Rc<Entry>)> {
        let [a, b] = self.ordered();
        let (a, b) = (a?, b?);
        (a.read.is_ok() && b.read.is_ok()).then_some((a, b))
    }

    pub fn pair_ids(&self) -> Option<(u32, u32)> {
        self.pair().map(|(a, b)| (a.id, b.id))
    }

    /// The id comparisons are made with now (0: the built-in codebook).
    pub fn codebook_id(&self) -> u32 {
        self.codebook.as_ref().map_or(0, |c| c.id)
    }

    /// The comparison for the reports as they are now ordered, if it is ready.
    pub fn current(&self) -> Option<Rc<Outcome>> {
        let outcome = self.outcome.as_ref()?;
        (Some(outcome.pair) == self.pair_ids()).then(|| outcome.clone())
    }

    fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
            quiet: false,
        });
    }

    /// Both reports came from a share link or `.rcmp` file.
    pub fn shared(&self) -> bool {
        self.slots
            .iter()
            .all(|s| s.as_ref().is_some_and(|e| e.source == Source::Shared))
    }

    fn add(&mut self, entries: Vec<Rc<Entry>>, target: Option<usize>, given: usize) {
        // A shared comparison can't be mixed with a real file: start afresh.
        if self
            .slots
            .iter()
            .flatten()
            .any(|e| e.source == Source::Shared)
        {
            self.slots = [None, None];
            self.outcome = None;
        }
        let mut notes = Vec::new();
        match entries.len() {
            0 => return,
            1 => {
                let entry = entries[0].clone();
                let slot = match target {
                    Some(position) => self.order()[position.min(1)],
                    None => self.free_slot(),
                };
                if let Some(old) = &self.slots[slot] {
                    if target.is_none() {
                        notes.push(format!(
                            "Both places were full, so it replaced {}. To replace a particular report, use its “Replace” button.",
                            old.name
                        ));
                    }
                }
                self.slots[slot] = Some(entry);
            }
            _ => {
                if given > 2 {
                    notes.push(format!(
                        "{given} files were given; only two can be compared, so the first two were used."
                    ));
                }
                self.slots = [Some(entries[0].clone()), Some(entries[1].clone())];
            }
        }
        self.swapped = false;
        let used = entries.len().min(2);
        let mut parts: Vec<String> = entries[..used]
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
            .collect();
        if let Some(crashed) = entries[..used].iter().find(|e| e.crashed) {
            parts.push(self.after_crash(crashed));
        }
        parts.extend(notes);
        if self.pair().is_none() && self.slots.iter().any(Option::is_none) {
            parts.push("Add the second report to compare them.".to_string());
        }
        let error = entries[..used].iter().any(|e| e.read.is_err());
        self.say(parts.join(" "), error);
    }

    /// What to do after the reader died on `crashed`, and whether the other report is kept.
    fn after_crash(&self, crashed: &Entry) -> String {
        let other = self
            .slots
            .iter()
            .flatten()
            .find(|e| e.id != crashed.id && e.read.is_ok());
        match other {
            Some(e) => format!(
                "The other report, {}, is kept; try again, or use a smaller file.",
                e.name
            ),
            None => "Try again, or use a smaller file.".to_string(),
        }
    }

    /// Where one more report goes: an empty place, else one that could not be read,
    /// else the one given first.
    fn free_slot(&self) -> usize {
        if let Some(i) = self.slots.iter().position(Option::is_none) {
            return i;
        }
        if let Some(i) = self
            .slots
            .iter()
            .position(|s| s.as_ref().is_some_and(|e| e.read.is_err()))
        {
            return i;
        }
        let ids = self
            .slots
            .each_ref()
            .map(|s| s.as_ref().map_or(0, |e| e.id));
        if ids[0] <= ids[1] {
            0
        } else {
            1
        }
    }

    fn correct(&mut self, change: impl FnOnce(&mut Overrides)) {
        let Some(outcome) = self.current() else {
            return;
        };
        let mut overrides = outcome.overrides.clone();
        change(&mut overrides);
        let next = outcome.with_overrides(overrides);
        let saved = io::save(
            &next.key,
            (!next.overrides.is_empty())
                .then(|| next.overrides.to_json())
                .as_deref(),
        );
        if !saved {
            self.say(
                "This browser would not save your corrections (storage is blocked or full); they last until you close the page.",
                true,
            );
        }
        self.outcome = Some(Rc::new(next));
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = State {
            slots: self.slots.clone(),
            swapped: self.swapped,
            busy: self.busy.clone(),
            outcome: self.outcome.clone(),
            message: self.message.clone(),
            codebook: self.codebook.clone(),
        };
        match action {
            Action::Busy(what) => s.busy = what,
            Action::Add {
                entries,
                target,
                given,
            } => {
                s.busy = None;
                s.add(entries, target, given);
            }
            Action::Remove(position) => {
                let slot = s.order()[position.min(1)];
                if let Some(e) = s.slots[slot].take() {
                    s.swapped = false;
                    s.say(format!("Removed {}.", e.name), false);
                }
            }
            Action::Swap => {
                if s.slots.iter().all(Option::is_some) {
                    s.swapped = !s.swapped;
                    let [a, _] = s.ordered();
                    let name = a.map(|e| e.name.clone()).unwrap_or_default();
                    s.say(format!("Swapped: {name} is now the earlier report."), false);
                }
            }
            Action::Compared(outcome) => {
                if Some(outcome.pair) == s.pair_ids() && outcome.codebook_id() == s.codebook_id() {
                    s.busy = None;
                    let summary = engine::export::headline(&outcome.applied);
                    let kept = outcome.overrides.edits.len();
                    let mut text = format!("Comparison ready. {summary}.");
                    if kept > 0 {
                        text.push_str(&format!(
                            " Your {} for these two reports {} been restored.",
                            super::view::plural(kept, "correction", "corrections"),
                            if kept == 1 { "has" } else { "have" }
                        ));
                    }
                    s.say(text, false);
                    if let Some(m) = &mut s.message {
                        m.quiet = true;
                    }
                    s.outcome = Some(outcome);
                }
            }
            Action::Correct(edit) => {
                let base = s
                    .current()
                    .map_or_else(|| Rc::new(empty_comparison()), |o| o.base.clone());
                let said = overrides::describe(&base, &edit);
                s.correct(|o| o.push(edit));
                if s.message.as_ref().is_none_or(|m| !m.error) {
                    s.say(format!("Saved. {said}"), false);
                }
            }
            Action::Applied {
                key,
                revision,
                result,
            } => match (s.current(), result) {
                (Some(o), Ok(done)) if o.key == key && o.revision == revision => {
                    s.outcome = Some(Rc::new(o.settled(*done)));
                }
                (Some(o), Err(reason)) if o.key == key && o.revision == revision => s.say(
                    format!("Your corrections are saved, but could not be shown: {reason}"),
                    true,
                ),
                _ => {}
            },
            Action::Undo(index) => {
                s.correct(|o| o.remove(index));
                s.say("Correction undone.", false);
            }
            Action::UndoAll => {
                s.correct(|o| o.edits.clear());
                s.say(
                    "All corrections undone: showing the comparison as the engine made it.",
                    false,
                );
            }
            Action::Say(text, error) => s.say(text, error),
            Action::Whisper(text) => {
                s.say(text, false);
                if let Some(m) = &mut s.message {
                    m.quiet = true;
                }
            }
            Action::Open {
                entries: [a, b],
                outcome,
                message,
            } => {
                s.slots = [Some(a), Some(b)];
                s.swapped = false;
                if s.order() != [0, 1] {
                    s.swapped = true;
                }
                s.busy = None;
                s.outcome = Some(outcome);
                s.say(message, false);
            }
            Action::Hush => s.message = None,
            Action::Codebook(codebook) => {
                let text = match &codebook {
                    Some(c) => format!("Using your codebook {}: {}.", c.name, describe_codebook(c)),
                    None => "Back to the built-in codebook.".to_string(),
                };
                s.codebook = codebook;
                let next = if s.shared() {
                    // Made elsewhere from files that aren't here: it can't be made again.
                    " This shared comparison can’t be re-run; the codebook is used for the next reports you add."
                } else if s.pair().is_some() {
                    s.outcome = None;
                    " Comparing again…"
                } else {
                    " It is used when you add two reports."
                };
                s.say(format!("{text}{next}"), false);
            }
        }
        Rc::new(s)
    }
}

/// "27 themes, in place of the built-in codebook" / "3 themes, added to the built-in ones".
pub fn describe_codebook(c: &UserCodebook) -> String {
    let themes = super::view::plural(c.themes, "theme", "themes");
    match c.mode {
        engine::themes::Mode::Replace => {
            format!("{themes}, in place of the built-in codebook")
        }
        engine::themes::Mode::Extend => format!("{themes}, added to the built-in ones"),
    }
}

fn empty_comparison() -> Comparison {
    Comparison {
        schema: String::new(),
        before: empty_side(),
        after: empty_side(),
        ratings: Vec::new(),
        themes: Vec::new(),
        summary: Default::default(),
    }
}

fn empty_side() -> engine::compare::Side {
    engine::compare::Side {
        name: String::new(),
        title: None,
        date: None,
        date_confidence: None,
        date_evidence: None,
        notes: Vec::new(),
        findings: Vec::new(),
    }
}
