//! Getting reports into the page: files dropped anywhere or given to a card (reports, a
//! codebook, a `.rcmp`), pasted text and the bundled sample, each read in the worker.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::state::{self, Action, Entry, Source, State};
use super::{embed, io, jobs, series, share, stopped_message};

/// The bundled seed pair, relative to the page so any sub-path works.
pub const SAMPLE_EARLIER: &str = "samples/luton-2021-focused-visit.txt";
pub const SAMPLE_LATER: &str = "samples/luton-2023-news-article.txt";

/// Reads the first two files with the engine (in the worker). Err: cancelled, or the
/// worker could not be reached. A file the worker died on gets a card saying so, and the
/// next file goes to the fresh worker.
async fn read_entries(files: Vec<web_sys::File>) -> Result<Vec<Rc<Entry>>, jobs::Stopped> {
    let mut entries = Vec::new();
    for file in files.iter().take(2) {
        let name = file.name();
        let entry = match io::read_buffer(file).await {
            Ok(buffer) => match jobs::read(&name, buffer).await {
                Ok(read) => engine_entry(&name, read, Source::File),
                Err(jobs::Stopped::Crashed) => Entry::crashed(&name, jobs::CRASH_REASON),
                Err(stopped) => return Err(stopped),
            },
            Err(reason) => Entry::failed(&name, reason),
        };
        entries.push(Rc::new(entry));
    }
    Ok(entries)
}

/// A REFI-QDA codebook (by its name: no report is a `.qdc`).
fn is_codebook_file(file: &web_sys::File) -> bool {
    file.name().to_ascii_lowercase().ends_with(".qdc")
}

/// Reads a codebook file (in the worker) and uses it; false when it could not be used
/// (the status line says why) or the reading was cancelled.
async fn load_codebook(file: &web_sys::File, dispatcher: &UseReducerDispatcher<State>) -> bool {
    let name = file.name();
    dispatcher.dispatch(Action::Busy(Some(format!("Reading the codebook {name}…"))));
    let read = match io::read_buffer(file).await {
        Ok(buffer) => jobs::codebook(&name, buffer).await,
        Err(reason) => Ok(Err(reason)),
    };
    dispatcher.dispatch(Action::Busy(None));
    match read {
        Ok(Ok(book)) => {
            let codebook = state::UserCodebook::new(&name, book);
            dispatcher.dispatch(Action::Codebook(Some(Rc::new(codebook))));
            true
        }
        Ok(Err(reason)) => {
            dispatcher.dispatch(Action::Say(
                format!("Could not use the codebook: {reason}"),
                true,
            ));
            false
        }
        Err(stopped) => {
            let (text, error) = stopped_message(stopped, "reading the codebook");
            dispatcher.dispatch(Action::Say(text, error));
            false
        }
    }
}

/// A card for what the worker read.
pub fn engine_entry(name: &str, read: jobs::Read, source: Source) -> Entry {
    Entry::from_engine(name, read.hash, source, read.read)
}

/// The drop zone: whether files are being dragged over the page, what loads files (from
/// a drop, a card, the file chooser or the host page) and the page's drag handlers.
pub struct FileDrop {
    pub dragging: bool,
    pub on_files: Callback<(Vec<web_sys::File>, Option<usize>)>,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

/// Loads files: a `.rcmp` opens its comparison, a codebook is used, two reports are the
/// pair and three or more (or any while a series is shown) a series.
#[hook]
pub fn use_file_drop(
    dispatcher: UseReducerDispatcher<State>,
    series: &UseReducerHandle<series::SeriesState>,
    progress: UseStateHandle<Option<jobs::Progress>>,
) -> FileDrop {
    let dragging = use_state(|| false);
    let on_files = {
        let dragging = dragging.clone();
        let series = series.clone();
        Callback::from(
            move |(files, target): (Vec<web_sys::File>, Option<usize>)| {
                // A drop on a card stops there (the page's own drop handler never hears
                // of it), so the drag ends here too: else the drop zone keeps saying
                // "Drop the files to add them".
                dragging.set(false);
                if files.is_empty() {
                    return;
                }
                let dispatcher = dispatcher.clone();
                if files.len() == 1 && share::is_share_file(&files[0]) {
                    let file = files[0].clone();
                    let series = series.dispatcher();
                    spawn_local(async move {
                        share::show(share::open_file(file).await, &dispatcher, &series)
                    });
                    return;
                }
                // A codebook may come alone or with the reports: it is read first, so the
                // comparison is made with it.
                let (codebooks, files): (Vec<_>, Vec<_>) =
                    files.into_iter().partition(is_codebook_file);
                let given = files.len();
                let progress = progress.clone();
                // Three or more reports (or any while a series is shown): a series.
                let to_series = series::takes(&files, series.active()).then(|| series.clone());
                spawn_local(async move {
                    if let Some(file) = codebooks.first() {
                        if !load_codebook(file, &dispatcher).await {
                            return;
                        }
                    }
                    if files.is_empty() {
                        return;
                    }
                    if let Some(series) = to_series {
                        progress.set(None);
                        series::load(files, series, dispatcher);
                        return;
                    }
                    progress.set(None);
                    dispatcher.dispatch(Action::Busy(Some(if given == 1 {
                        "Reading the file…".to_string()
                    } else {
                        "Reading the files…".to_string()
                    })));
                    match read_entries(files).await {
                        Ok(entries) => dispatcher.dispatch(Action::Add {
                            entries,
                            target,
                            given,
                        }),
                        Err(stopped) => {
                            let (text, error) = stopped_message(stopped, "reading");
                            dispatcher.dispatch(Action::Busy(None));
                            dispatcher.dispatch(Action::Say(text, error));
                        }
                    }
                });
            },
        )
    };

    // Files dropped anywhere on the page are loaded (never opened by the browser).
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                jobs::warm();
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let (dragging, on_files) = (dragging.clone(), on_files.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            on_files.emit((io::dropped_files(&e), None));
        })
    };
    FileDrop {
        dragging: *dragging,
        on_files,
        ondragover,
        ondragleave,
        ondrop,
    }
}

/// Reads pasted text into the card at `position`.
pub fn on_paste(dispatcher: UseReducerDispatcher<State>) -> Callback<(String, usize)> {
    Callback::from(move |(text, position): (String, usize)| {
        let name = format!("Pasted text {}", position + 1);
        let dispatcher = dispatcher.clone();
        // Read in the worker like a file: the page has no reader.
        spawn_local(async move {
            let entry = match jobs::read_text(&name, &text).await {
                Ok(read) => engine_entry(&name, read, Source::Pasted),
                Err(jobs::Stopped::Crashed) => Entry::crashed(&name, jobs::CRASH_REASON),
                Err(stopped) => {
                    let (text, error) = stopped_message(stopped, "reading");
                    dispatcher.dispatch(Action::Say(text, error));
                    return;
                }
            };
            dispatcher.dispatch(Action::Add {
                entries: vec![Rc::new(entry)],
                target: Some(position),
                given: 1,
            });
        });
    })
}

/// Loads the bundled sample pair (not in the single-file build, which can't fetch it).
pub fn on_sample(dispatcher: UseReducerDispatcher<State>) -> Callback<()> {
    Callback::from(move |_: ()| {
        let dispatcher = dispatcher.clone();
        if embed::is_file_page() {
            dispatcher.dispatch(Action::Say(embed::NO_SAMPLE.to_string(), true));
            return;
        }
        spawn_local(async move {
            dispatcher.dispatch(Action::Busy(Some("Loading the sample…".to_string())));
            let mut entries = Vec::new();
            for url in [SAMPLE_EARLIER, SAMPLE_LATER] {
                let name = io::file_name(url);
                let read = match io::fetch_buffer(url).await {
                    Ok(buffer) => jobs::read(name, buffer).await,
                    Err(e) => Err(jobs::Stopped::Failed(e)),
                };
                match read {
                    Ok(read) => entries.push(Rc::new(engine_entry(name, read, Source::Sample))),
                    Err(stopped) => {
                        let (text, error) = stopped_message(stopped, "loading the sample");
                        dispatcher.dispatch(Action::Busy(None));
                        dispatcher.dispatch(Action::Say(text, error));
                        return;
                    }
                }
            }
            dispatcher.dispatch(Action::Add {
                entries,
                target: None,
                given: 2,
            });
        });
    })
}
