//! A person's corrections to a [`Comparison`](crate::compare::Comparison): move a finding to another theme, pair or
//! unpair two findings, set the verdict of a pair, of a topic or of a whole theme, each
//! with an optional note. Pure data (serde) plus [`apply`], so the web app, the exports and the
//! CLI all see the same corrected comparison.
//!
//! Corrections are an ordered list of [`Edit`]s applied one after another to the engine's
//! comparison; an edit whose theme or findings no longer exist (say the engine changed)
//! is skipped, never an error. Links an edit touches are marked `overridden` and carry
//! its note; theme verdicts set by a person are listed by [`Overrides::theme_verdict`];
//! topics whose verdict a person set are marked `overridden` and carry the note too.

mod apply;
mod describe;
mod edits;
mod exports;
#[cfg(test)]
mod test_data;

pub use apply::{apply, apply_checked};
pub use describe::describe;
pub use edits::{CorrectionsError, Edit, Overrides, SCHEMA};
pub use exports::{to_csv, to_json, to_markdown};
