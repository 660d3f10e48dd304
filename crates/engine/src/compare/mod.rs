//! Two documents -> [`Comparison`] (schema `report-compare/2`): the one boundary between
//! the engine and the UI, CLI and exports. Themes hold topics (one matter each, with the
//! findings of both reports on it); `links` stay beside them for the evidence pairs.
//! Deterministic: same input, same bytes out.

mod build;
mod model;
mod refresh;
mod verdicts;

pub use build::compare;
pub use model::{
    Comparison, Finding, Link, Side, Summary, ThemeResult, Topic, Verdict, ORGANISATION_CAVEAT,
    SCHEMA,
};
pub use refresh::refresh;
pub use verdicts::{link_verdict, theme_verdict, topic_verdict};
