//! Sharing a comparison: "Copy link" puts it in the URL fragment (`#c=…`, which browsers
//! never send to a server), and "Download .rcmp file" saves the same text as a file for
//! comparisons too big for a link. Opening either shows the same overview in a
//! read-only-source mode: the original files are not there, only what was shared.
//!
//! What is shared ([`Shared`]): the engine's comparison (findings with their themes,
//! polarity and links, ratings, both reports' names, titles and dates), the person's
//! corrections, the hashes of the original files (so corrections made afterwards are kept
//! under the same key as for the files themselves) and, for "show surrounding text", only
//! the paragraphs a finding came from, the ones either side and the heading above — not
//! the whole report. The app has no codebook editor (it uses the built-in codebook), and
//! the comparison already carries the themes the codebook gave.
//!
//! The comparison goes in this version's schema (`report-compare/2`, with its topics).
//! One shared by an earlier version (`report-compare/1`, before topics) still opens: the
//! reading worker's `share::upgrade` groups its findings into topics from their pairs, and
//! the message on opening says so; a schema this version does not know says why it can't.
//!
//! Corrections are applied by the reading worker, not the page (it has no recount code),
//! so a link with corrections also carries the corrected comparison ([`Corrected`]): it
//! opens showing them without fetching the worker, which starts only when the person
//! corrects it further or drops a file. A link made before that (or an old schema) opens
//! at once and the worker applies its corrections.
//!
//! Encoding (versioned, checksummed, deflated, base64url) is the engine's
//! `engine::share` format; a damaged link gives its message, never a blank page. The page
//! deflates and inflates with the browser's own `CompressionStream` and
//! `DecompressionStream` (`deflate-raw`), and base64 with `btoa` and `atob`, instead of
//! bundling a deflate and a base64 crate: any deflate stream of the same JSON decodes to
//! the same JSON, so links made before (the engine's deflate) open as they did, and links
//! made here open with the engine's `share::decode`.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use engine::compare::Comparison;
use engine::ingest::{Block, BlockKind, Document};
use engine::overrides::Overrides;
use engine::share::{self, LINK_LIMIT};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::io;
use super::state::{storage_key, Action, Entry, Outcome, State};
use super::view::human_date;

/// Names this payload inside the versioned link format.
pub const KIND: &str = "report-compare-share/1";
/// The file extension of a saved share.
pub const EXTENSION: &str = ".rcmp";

/// Everything a share link or `.rcmp` file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Shared {
    pub kind: String,
    /// What the engine said (with the corrections applied, it is in `corrected`).
    pub comparison: Comparison,
    pub overrides: Overrides,
    /// Earlier, then later.
    pub reports: [SharedReport; 2],
    /// `comparison` with `overrides` applied, when there are any (links made before the
    /// page stopped applying them have none: the worker applies them on opening).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<Corrected>,
}

/// A comparison with the person's corrections applied, as the worker made it, carried by
/// a link so that it opens without the worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Corrected {
    pub comparison: Comparison,
    /// Indexes of the corrections that did not fit.
    pub skipped: Vec<usize>,
}

impl Corrected {
    /// What the outcome shows, when it is up to date and has corrections (None: nothing
    /// to carry).
    pub fn of(outcome: &Outcome) -> Option<Corrected> {
        (!outcome.pending && !outcome.overrides.edits.is_empty()).then(|| Corrected {
            comparison: Comparison::clone(&outcome.applied),
            skipped: outcome.skipped.clone(),
        })
    }

    /// `outcome` (just opened) showing this, when it fits: the link's corrections were
    /// applied to its own comparison in this schema. Otherwise left for the worker.
    pub fn open(corrected: Option<Corrected>, outcome: Outcome) -> Outcome {
        match corrected {
            Some(c) if outcome.pending && outcome.base.schema == engine::compare::SCHEMA => {
                Outcome {
                    applied: Rc::new(c.comparison),
                    skipped: c.skipped,
                    pending: false,
                    ..outcome
                }
            }
            _ => outcome,
        }
    }
}

/// One report as shared: its metadata and the few paragraphs "show surrounding text" needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SharedReport {
    pub name: String,
    /// FNV-1a 64 of the original file (hex).
    pub hash: String,
    pub findings: usize,
    /// How many blocks the document had (indexes of `paragraphs` point into them).
    pub blocks: usize,
    /// (index, block) for the paragraphs kept.
    pub paragraphs: Vec<(usize, Block)>,
    pub doc: Document,
}

thread_local! {
    /// The payload last made or opened here (its `#c=` must not reopen it).
    static CURRENT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// One report as shared: its metadata and only the paragraphs around its findings.
pub fn shared_report(entry: &Entry, findings: &[engine::compare::Finding]) -> Option<SharedReport> {
    let doc = entry.doc()?;
    let mut keep = BTreeSet::new();
    for f in findings {
        let p = f.paragraph;
        keep.extend([p.saturating_sub(1), p, p + 1]);
        if let Some(h) = doc.blocks[..p.min(doc.blocks.len())]
            .iter()
            .rposition(|b| b.kind == BlockKind::Heading)
        {
            keep.insert(h);
        }
    }
    let paragraphs = keep
        .into_iter()
        .filter_map(|i| doc.blocks.get(i).map(|b| (i, b.clone())))
        .collect();
    let meta = Document {
        blocks: Vec::new(),
        ..doc.clone()
    };
    Some(SharedReport {
        name: entry.name.clone(),
        hash: format!("{:016x}", entry.hash),
        findings: entry.read.as_ref().map_or(0, |l| l.findings),
        blocks: doc.blocks.len(),
        paragraphs,
        doc: meta,
    })
}

/// A shared report as an entry (its document holds only the paragraphs shared), and the
/// hash of its original file.
pub fn shared_entry(r: &SharedReport) -> (Rc<Entry>, u64) {
    let mut blocks = vec![
        Block {
            kind: BlockKind::Paragraph,
            text: String::new(),
        };
        r.blocks.min(1_000_000)
    ];
    for (i, b) in &r.paragraphs {
        if let Some(slot) = blocks.get_mut(*i) {
            *slot = b.clone();
        }
    }
    let doc = Document {
        blocks,
        ..r.doc.clone()
    };
    let hash = u64::from_str_radix(&r.hash, 16).unwrap_or(0);
    (Rc::new(Entry::shared(&r.name, hash, doc, r.findings)), hash)
}

/// Makes the payload for the comparison on screen.
pub fn make(outcome: &Outcome, earlier: &Entry, later: &Entry) -> Option<Shared> {
    let side = shared_report;
    let base = &outcome.base;
    Some(Shared {
        kind: KIND.to_string(),
        comparison: Comparison::clone(base),
        overrides: outcome.overrides.clone(),
        reports: [
            side(earlier, &base.before.findings)?,
            side(later, &base.after.findings)?,
        ],
        corrected: Corrected::of(outcome),
    })
}

/// The payload kind of a shared series (`series/share.rs`; the page without the series
/// view knows it too, to hand such a link over).
pub const SERIES_KIND: &str = "report-compare-series-share/1";

/// What a link or file opened.
pub enum Opened {
    Pair(Action),
    Series(super::series::SeriesAction),
}

/// Only the payload's kind, read before the payload itself (the other fields skipped).
#[derive(Deserialize)]
struct KindOf {
    #[serde(default)]
    kind: String,
}

/// The JSON of link or file text, checked: the engine's `share::decode_json`, inflated by
/// the browser (the same JSON, or the same error).
pub async fn decode_json(text: &str) -> Result<String, share::ShareError> {
    let (sum, data) = share::parts(text)?;
    let packed = io::from_base64url(data).ok_or(share::ShareError::Malformed("not base64url"))?;
    let json = io::inflate(&packed, share::MAX_INFLATED)
        .await
        .ok_or(share::ShareError::Checksum)?;
    share::checked(json, sum)
}

/// Opens link or file text, a comparison or a series: the action that shows it, or what
/// is wrong, in words. The JSON is parsed from text for its kind, then for its payload,
/// never through a `serde_json::Value`: that would bring a second copy of the
/// comparison's `Deserialize` code (the page parses everything else from text).
pub async fn open_any(text: &str) -> Result<Opened, String> {
    let json = decode_json(text).await.map_err(|e| e.to_string())?;
    // JSON that is no object has no kind: it is refused below as no comparison.
    let kind = serde_json::from_str::<KindOf>(&json).map_or(String::new(), |k| k.kind);
    if kind == super::series::share::KIND {
        return super::series::share::open(&json).map(Opened::Series);
    }
    open_json(&json).map(Opened::Pair)
}

/// Opens link or file text of a comparison: the action that shows it, or what is
/// wrong, in words. (The app opens either kind with [`open_any`].)
#[cfg(test)]
pub async fn open(text: &str) -> Result<Action, String> {
    open_json(&decode_json(text).await.map_err(|e| e.to_string())?)
}

fn open_json(json: &str) -> Result<Action, String> {
    let shared: Shared = serde_json::from_str(json)
        .map_err(|e| share::ShareError::Content(e.to_string()).to_string())?;
    if shared.kind != KIND {
        return Err(format!(
            "This link was made by another version of report-compare (\"{}\"). Open it with that version, or ask for the reports.",
            shared.kind
        ));
    }
    // Brought up to date by the worker (`Outcome::pending`); an unknown schema refused here.
    let upgraded = share::is_older(&shared.comparison).map_err(|e| e.to_string())?;
    let entry = shared_entry;
    let (a, ha) = entry(&shared.reports[0]);
    let (b, hb) = entry(&shared.reports[1]);
    let kept = shared.overrides.edits.len();
    let outcome = Outcome::new(
        (a.id, b.id),
        storage_key(ha, hb),
        shared.comparison,
        shared.overrides,
        0.0,
    );
    let outcome = Corrected::open(shared.corrected, outcome);
    let mut message = format!("Opened a shared comparison of {} and {}.", a.name, b.name);
    if kept > 0 {
        message.push_str(&format!(
            " It includes {} by the person who shared it.",
            super::view::plural(kept, "correction", "corrections")
        ));
    }
    if upgraded {
        message.push_str(
            " It was made by an earlier version of report-compare, before topics: its findings have been grouped into topics by their pairs here.",
        );
    }
    Ok(Action::Open {
        entries: [a, b],
        outcome: Rc::new(outcome),
        message,
    })
}

/// A `#c=…` payload the page opened before it handed over to this bundle: not reopened.
#[cfg(feature = "series")]
pub fn already_open(payload: String) {
    CURRENT.with(|c| *c.borrow_mut() = payload);
}

/// The `#c=…` payload of the page's address, if any.
pub fn payload_in_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#c=").map(str::to_string)
}

/// Opens the comparison in the address (`#c=…`) when the page starts and whenever it
/// changes to another one.
#[hook]
pub fn use_share_link(
    dispatcher: UseReducerDispatcher<State>,
    series: UseReducerDispatcher<super::series::SeriesState>,
) {
    use_effect_with((), move |_| {
        let check = move || {
            let Some(payload) = payload_in_hash() else {
                return;
            };
            if CURRENT.with(|c| *c.borrow() == payload) {
                return;
            }
            CURRENT.with(|c| *c.borrow_mut() = payload.clone());
            let (dispatcher, series) = (dispatcher.clone(), series.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let opened = open_any(&payload).await;
                // The address changed to another payload meanwhile: that one is shown.
                if CURRENT.with(|c| *c.borrow() != payload) {
                    return;
                }
                match opened {
                    Ok(opened) => show(opened, &dispatcher, &series),
                    Err(e) => dispatcher.dispatch(Action::Say(
                        format!("{e} You can still compare two reports of your own here."),
                        true,
                    )),
                }
            });
        };
        check();
        let listener = Closure::<dyn Fn()>::new(check);
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}

/// Shows what a link or file opened: a comparison replaces any series, a series is shown
/// with its message in the status line.
pub fn show(
    opened: Opened,
    pair: &UseReducerDispatcher<State>,
    series: &UseReducerDispatcher<super::series::SeriesState>,
) {
    match opened {
        Opened::Pair(action) => {
            if matches!(action, Action::Open { .. }) {
                series.dispatch(super::series::SeriesAction::Clear);
            }
            pair.dispatch(action);
        }
        Opened::Series(action) => {
            if let super::series::SeriesAction::Open { outcome, .. } = &action {
                pair.dispatch(Action::Say(
                    super::series::share::opened_message(outcome),
                    false,
                ));
            }
            series.dispatch(action);
        }
    }
}

/// A dropped or chosen `.rcmp` file.
pub fn is_share_file(file: &web_sys::File) -> bool {
    file.name().to_ascii_lowercase().ends_with(EXTENSION)
}

/// Reads a `.rcmp` file and opens it (a comparison or a series).
pub async fn open_file(file: web_sys::File) -> Opened {
    let bytes = match io::read_bytes(&file).await {
        Ok(b) => b,
        Err(e) => {
            return Opened::Pair(Action::Say(
                format!("Could not read {}: {e}", file.name()),
                true,
            ))
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    match open_any(&text).await {
        Ok(opened) => opened,
        Err(e) => Opened::Pair(Action::Say(
            format!(
                "{} is not a comparison this app can open. {}",
                file.name(),
                e.replace("This link", "The file")
            ),
            true,
        )),
    }
}

/// Puts `text` on the clipboard when the browser allows it (a promise we don't wait for).
fn copy_to_clipboard(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).unwrap_or_default();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined());
    let Some(clipboard) = clipboard else { return };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return;
    };
    if let Some(write) = write.dyn_ref::<js_sys::Function>() {
        if let Ok(promise) = write.call1(&clipboard, &text.into()) {
            if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                // Denied clipboard: the link is in the box to copy by hand.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
    }
}

/// Sizes for people: "12.3 KB".
pub fn size_text(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{} KB", super::view::fixed(bytes as f64 / 1024.0, 1))
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub outcome: Rc<Outcome>,
    pub earlier: Rc<Entry>,
    pub later: Rc<Entry>,
    pub on_say: Callback<(String, bool)>,
}

/// What a payload was made from (the pair, its corrections, the two reports; or a
/// series' reports and its steps' corrections): a new one is made when it changes.
type PayloadKey = Vec<u32>;

fn payload_key(props: &ShareProps) -> PayloadKey {
    vec![
        props.outcome.pair.0,
        props.outcome.pair.1,
        props.outcome.revision,
        props.earlier.id,
        props.later.id,
    ]
}

/// Link text in `engine::share`'s format (any deflate stream of the JSON decodes the
/// same), deflated by the browser a chunk at a time, never holding the page for long.
pub async fn pack(json: &[u8]) -> Option<String> {
    let packed = io::deflate(json).await?;
    Some(format!(
        "{}.{:016x}.{}",
        share::PREFIX,
        share::fnv1a(json),
        io::base64url(&packed)?
    ))
}

/// A payload being made for a [`ShareBox`]: the key it was made for and the link text
/// (None inside: it could not be made).
pub type Encoded = UseStateHandle<Option<(PayloadKey, Rc<Option<String>>)>>;

/// The share box's stamp: `key`, and whether its payload is made yet.
pub fn stamp_of(key: &PayloadKey, encoded: &Encoded) -> PayloadKey {
    let made = encoded.as_ref().is_some_and(|(k, _)| k == key);
    let mut v = key.clone();
    v.push(u32::from(made));
    v
}

/// Gives the share box the payload made for `key` (None until it is).
pub fn maker_of(key: &PayloadKey, encoded: &Encoded) -> Callback<(), Option<String>> {
    let current = encoded
        .as_ref()
        .filter(|(k, _)| k == key)
        .and_then(|(_, text)| (**text).clone());
    Callback::from(move |_: ()| current.clone())
}

/// The page's address with `#c=<payload>`.
fn link_for(payload: &str) -> Option<String> {
    let base = web_sys::window()?.location().href().ok()?;
    let base = base.split('#').next().unwrap_or_default().to_string();
    Some(format!("{base}#c={payload}"))
}

/// "Copy link" and "Download .rcmp file" for the comparison on screen.
#[function_component(SharePanel)]
pub fn share_panel(props: &ShareProps) -> Html {
    let key = payload_key(props);
    // The payload, made (deflated by the browser) after the view has rendered, for `key`.
    let encoded = use_state(|| None::<(PayloadKey, Rc<Option<String>>)>);
    {
        let encoded = encoded.clone();
        let (o, a, b) = (
            props.outcome.clone(),
            props.earlier.clone(),
            props.later.clone(),
        );
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            wasm_bindgen_futures::spawn_local(async move {
                io::yield_now().await;
                let json = make(&o, &a, &b).and_then(|s| serde_json::to_vec(&s).ok());
                io::yield_now().await;
                let text = match json {
                    Some(json) => pack(&json).await,
                    None => None,
                };
                encoded.set(Some((key, Rc::new(text))));
            });
        });
    }
    html! {
        <ShareBox stamp={stamp_of(&key, &encoded)} make={maker_of(&key, &encoded)}
            file_name={download_name(&props.earlier.name, &props.later.name)}
            what="this comparison" on_say={props.on_say.clone()} />
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareBoxProps {
    /// Changes whenever what would be shared changes.
    pub stamp: PayloadKey,
    /// Makes the payload (None: it could not be made).
    pub make: Callback<(), Option<String>>,
    /// The `.rcmp` file's name.
    pub file_name: String,
    /// "this comparison", "this series".
    pub what: AttrValue,
    pub on_say: Callback<(String, bool)>,
}

/// "Copy link" and "Download .rcmp file". The payload is made as soon as what is shared
/// (or a correction) changes, in a task of its own after the view has rendered, so
/// something too large for a link says so before anyone clicks: "Download .rcmp file"
/// is then the main action and "Copy link" is off, with the reason beside it.
#[function_component(ShareBox)]
pub fn share_box(props: &ShareBoxProps) -> Html {
    let key = props.stamp.clone();
    // The payload for `key` once made (a stale one is ignored below).
    let made = use_state(|| None::<(PayloadKey, Rc<Option<String>>)>);
    // The link last copied, for the box to copy it by hand.
    let copied = use_state(|| None::<(PayloadKey, String, usize)>);
    {
        let made = made.clone();
        let make = props.make.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // After the view's own render: encoding a large comparison takes a while.
                io::yield_now().await;
                made.set(Some((key, Rc::new(make.emit(())))));
            });
        });
    }
    let current = made
        .as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, p)| p.clone());
    let size = current.as_deref().and_then(|p| p.as_ref().map(String::len));
    let too_large = size.is_some_and(|s| s > LINK_LIMIT);

    let on_copy = {
        let (made, copied, on_say) = (made.clone(), copied.clone(), props.on_say.clone());
        let current = current.clone();
        let make = props.make.clone();
        let key = key.clone();
        let what = props.what.clone();
        Callback::from(move |_: MouseEvent| {
            // Clicked before the payload was made: make it now.
            let payload = match &current {
                Some(p) => p.clone(),
                None => Rc::new(make.emit(())),
            };
            let Some(text) = payload.as_ref() else { return };
            if text.len() > LINK_LIMIT {
                // Only when clicked before the size was known: the panel now says why.
                made.set(Some((key.clone(), payload.clone())));
                on_say.emit((too_large_text(text.len()), false));
                return;
            }
            let Some(url) = link_for(text) else { return };
            CURRENT.with(|c| *c.borrow_mut() = text.clone());
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ =
                    history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#c={text}")));
            }
            copy_to_clipboard(&url);
            copied.set(Some((key.clone(), url, text.len())));
            on_say.emit((
                format!(
                    "Link copied ({}). It holds the findings and your corrections, not the files; anyone with it sees {}.",
                    size_text(text.len()),
                    what
                ),
                false,
            ));
        })
    };
    let on_download = {
        let on_say = props.on_say.clone();
        let current = current.clone();
        let make = props.make.clone();
        let name = props.file_name.clone();
        Callback::from(move |_: MouseEvent| {
            let payload = match &current {
                Some(p) => (**p).clone(),
                None => make.emit(()),
            };
            let Some(payload) = payload else { return };
            if let Err(e) = io::download(&name, "application/x-report-compare", &payload) {
                on_say.emit((e, true));
            }
        })
    };
    let copy_button = html! {
        <button type="button" class={classes!("button", too_large.then_some("quiet"))}
            onclick={on_copy} data-copy-link="" disabled={too_large}
            aria-describedby={too_large.then_some("share-size-note")}>{"Copy link"}</button>
    };
    let download_button = html! {
        <button type="button" class={classes!("button", if too_large { "primary" } else { "quiet" })}
            onclick={on_download} data-download-share="">{"Download .rcmp file"}</button>
    };
    let link = copied.as_ref().filter(|(k, _, _)| *k == key && !too_large);
    html! {
        <section class="share" aria-labelledby="share-heading" data-share=""
            data-share-size={size.map(|s| s.to_string())}>
            <h2 id="share-heading">{"Share"}</h2>
            <p class="muted">{format!("A link holds {} and your corrections (not the files) after the #, which browsers never send to a server.", props.what)}</p>
            <div class="row-buttons">
                // The main action first: a link when it fits, else the file.
                if too_large {
                    {download_button}{copy_button}
                } else {
                    {copy_button}{download_button}
                }
            </div>
            if let Some(size) = size.filter(|_| too_large) {
                <p class="share-note too-large" id="share-size-note" data-share-size={size.to_string()}>
                    {too_large_text(size)}
                </p>
            }
            if let Some((_, url, size)) = link {
                <p class="share-note">
                    <label for="share-link">{format!("Link ({}):", size_text(*size))}</label>
                    <input id="share-link" class="share-link" type="text" readonly=true value={url.clone()}
                        data-share-size={size.to_string()} />
                </p>
            }
        </section>
    }
}

/// Why there is no link, and what to do instead.
fn too_large_text(size: usize) -> String {
    format!(
        "Too large for a link ({}; a link holds up to {}). Download the .rcmp file instead and send that: the person you send it to drops it on this page.",
        size_text(size),
        size_text(LINK_LIMIT)
    )
}

/// "earlier vs later.rcmp", from the two file names without their extensions.
fn download_name(earlier: &str, later: &str) -> String {
    let stem = |n: &str| n.rsplit_once('.').map_or(n, |(s, _)| s).to_string();
    format!("{} vs {}{EXTENSION}", stem(earlier), stem(later))
}

#[derive(Properties, PartialEq)]
pub struct SharedProps {
    pub earlier: Rc<Entry>,
    pub later: Rc<Entry>,
}

/// Shown instead of the drop area when a shared comparison is open (a plain function, as
/// `report::corrections`).
pub fn shared_panel(props: &SharedProps) -> Html {
    let card = |label: &str, e: &Entry| {
        let doc = e.doc();
        html! {
            <article class="card filled" data-card={label.to_ascii_lowercase()}>
                <h3 class="card-title">{format!("{label} report")}</h3>
                <p class="file-name">{e.name.clone()}<span class="muted">{" (shared)"}</span></p>
                if let Some(t) = doc.and_then(|d| d.title.clone()) {
                    <p class="doc-title">{t}</p>
                }
                <p class="facts">
                    {match e.date() { Some(d) => format!("Dated {}", human_date(d)), None => "No date found".to_string() }}
                    <span class="sep" aria-hidden="true">{" · "}</span>
                    {super::view::plural(e.read.as_ref().map_or(0, |l| l.findings), "finding", "findings")}
                </p>
            </article>
        }
    };
    html! {
        <section class="load shared" aria-labelledby="shared-heading" data-shared="">
            <h2 id="shared-heading">{"A shared comparison"}</h2>
            <p>{"This comparison was shared with you. The original files aren’t here, only their findings and the paragraphs around them, so it can’t be re-run; you can read it, correct it and export it. To compare two reports of your own, drop them on this page or "}
                <a href="./">{"start afresh"}</a>{"."}</p>
            <div class="cards compact">
                {card("Earlier", &props.earlier)}
                {card("Later", &props.later)}
            </div>
        </section>
    }
}
