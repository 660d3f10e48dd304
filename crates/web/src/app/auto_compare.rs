//! Comparing the pair: whenever the ordered pair of readable reports, or the codebook,
//! changes, and again on "Compare them" after a cancelled or failed comparison; and
//! applying the person's corrections, which the reading worker does (`use_apply`).

use std::rc::Rc;

use engine::overrides::Overrides;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::state::{storage_key, Action, Outcome, State};
use super::{io, jobs, stopped_message};

/// What the status line needs of the comparison in hand.
pub struct AutoCompare {
    /// The last comparison stopped without an answer (both reports are still loaded).
    pub stopped: bool,
    /// "Compare them": the same pair again.
    pub again: Callback<MouseEvent>,
}

/// Compares the pair in the worker when it changes, with the corrections saved for it;
/// a new comparison is brought into view.
#[hook]
pub fn use_auto_compare(
    state: &UseReducerHandle<State>,
    progress: UseStateHandle<Option<jobs::Progress>>,
) -> AutoCompare {
    // Bumped by "Compare them" (after a cancelled comparison) to compare the same pair again.
    let attempt = use_state(|| 0u32);
    let compare_stopped = use_state(|| false);

    // Compare whenever the ordered pair of readable reports, or the codebook, changes.
    {
        let state = state.clone();
        let compare_stopped = compare_stopped.clone();
        let key = (state.pair_ids(), *attempt, state.codebook_id());
        use_effect_with(key, move |(ids, _, codebook)| {
            let done = state.outcome.as_ref().map(|o| (o.pair, o.codebook_id()));
            let codebook = *codebook;
            // A shared comparison can't be made again (its files aren't here).
            let stale = |(pair, made_with): ((u32, u32), u32)| {
                Some(pair) != *ids || (made_with != codebook && !state.shared())
            };
            if let (Some(ids), Some((a, b))) = (*ids, state.pair()) {
                if done.is_none_or(stale) {
                    let book = state.codebook.clone();
                    let dispatcher = state.dispatcher();
                    let progress = progress.clone();
                    let compare_stopped = compare_stopped.clone();
                    spawn_local(async move {
                        progress.set(None);
                        compare_stopped.set(false);
                        dispatcher
                            .dispatch(Action::Busy(Some("Comparing the two reports…".to_string())));
                        io::next_paint().await;
                        let (Some(before), Some(after)) = (a.doc(), b.doc()) else {
                            return;
                        };
                        let with = book.as_ref().map(|c| c.book.as_str());
                        let (base, millis) = match jobs::compare(before, after, with).await {
                            Ok(done) => done,
                            Err(stopped) => {
                                let (text, error) = stopped_message(stopped, "the comparison");
                                compare_stopped.set(true);
                                dispatcher.dispatch(Action::Busy(None));
                                dispatcher.dispatch(Action::Say(
                                    format!("{text} Both reports are still loaded: “Compare them” starts again."),
                                    error,
                                ));
                                return;
                            }
                        };
                        let key = storage_key(a.hash, b.hash);
                        let overrides = io::load(&key)
                            .and_then(|text| Overrides::from_json(&text).ok())
                            .unwrap_or_default();
                        let mut outcome =
                            Outcome::new(ids, key, base, overrides, millis).made_with(book);
                        // Saved corrections are applied before the overview shows, so its
                        // first headline is the corrected one (a failure: `use_apply` says).
                        if outcome.pending {
                            if let Ok(done) = jobs::apply(&outcome.base, &outcome.overrides).await {
                                outcome = Outcome {
                                    revision: 0,
                                    ..outcome.settled(done)
                                };
                            }
                        }
                        // The overview renders in a task of its own.
                        io::yield_now().await;
                        dispatcher.dispatch(Action::Compared(Rc::new(outcome)));
                    });
                }
            }
        });
    }

    // A new comparison below the fold (narrow screens): bring its heading into view.
    use_effect_with(state.current().map(|o| o.pair), |pair| {
        if pair.is_some() {
            io::reveal("overview-heading");
        }
    });

    let again = Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1));
    AutoCompare {
        stopped: *compare_stopped,
        again,
    }
}

/// Sends the pair's corrections to the reading worker whenever they changed and are not
/// yet applied (`Outcome::pending`), and gives the page what it made. A reply for an
/// older revision is dropped by the reducer; a failure is said and not retried until the
/// next correction.
#[hook]
pub fn use_apply(state: &UseReducerHandle<State>) {
    let current = state.current().filter(|o| o.pending);
    let key = current.as_ref().map(|o| (o.key.clone(), o.revision));
    let dispatcher = state.dispatcher();
    use_effect_with(key, move |_| {
        if let Some(o) = current {
            spawn_local(async move {
                let result = jobs::apply(&o.base, &o.overrides)
                    .await
                    .map(Box::new)
                    .map_err(applying_stopped);
                dispatcher.dispatch(Action::Applied {
                    key: o.key.clone(),
                    revision: o.revision,
                    result,
                });
            });
        }
    });
}

/// Why the worker gave no corrected comparison, in words.
pub fn applying_stopped(stopped: jobs::Stopped) -> String {
    match stopped {
        jobs::Stopped::Cancelled => "applying them was cancelled; correct again to retry.".into(),
        jobs::Stopped::Failed(reason) => reason,
        jobs::Stopped::Crashed => format!("{}; correct again to retry.", jobs::CRASH_REASON),
    }
}
