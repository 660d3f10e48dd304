//! Native CLI over the engine:
//!
//!     report-compare BEFORE AFTER [--format json|md|html|docx|csv|diff] [--codebook FILE]
//!                    [--corrections FILE] [--export-codebook FILE.qdc] [-o OUT]
//!     report-compare --export-codebook FILE.qdc [--codebook FILE]
//!     report-compare A B C [D…] [--format json|md|csv] [--codebook FILE] [-o OUT]   (a series)
//!
//! `-` reads standard input; `--` ends the options (for file names starting with `-`).
//! Inputs are read only up to their size limit, so a device or an endless pipe is
//! refused, not read into memory; a named pipe nobody writes to is refused after a
//! short wait; a directory is refused. Exit code 2, with a one-line message, on unreadable or
//! unsupported input or bad arguments.

use engine::codebook;
use engine::compare::{compare, Comparison};
use engine::diff::{word_diff, Change};
use engine::export::{self, html, qdc};
use engine::ingest::{self, ingest};
use engine::overrides::{self, Overrides};
use engine::themes::Codebook;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str =
    "usage: report-compare BEFORE AFTER [--format FORMAT] [--codebook FILE] [--corrections FILE]
                      [--export-codebook FILE.qdc] [-o OUT]
       report-compare --export-codebook FILE.qdc [--codebook FILE]
       report-compare A B C [D...] [--format json|md|csv] [--codebook FILE] [-o OUT]
  BEFORE, AFTER       the earlier and the later report (.txt, .md, .html, .pdf, .docx); '-' reads
                      stdin; put -- first if a file name starts with '-'
  A B C [D...]        three to twelve reports of one organisation, in any order: a series
                      (schema report-compare-series/1: in date order, neighbours compared, each
                      matter followed across them; md a briefing, csv a row per matter and step)
  --format            json (schema report-compare/2, default), md (briefing), html (briefing as one
                      self-contained web page), docx (briefing as a Word document: needs -o, or
                      stdout sent to a file or a pipe), csv (one row per link), diff (word diff of
                      the two texts)
  --codebook          a codebook that extends the built-in one: TOML or JSON (mode = \"replace\" to
                      replace it), or a REFI-QDA .qdc (one written by report-compare replaces it;
                      one from NVivo, ATLAS.ti or MAXQDA adds its codes as themes)
  --corrections       a person's corrections (saved from the app: its JSON export, or
                      report-compare-overrides/1), applied and marked in every format
  --export-codebook   write the codebook as a REFI-QDA .qdc file ('-' for stdout); with two reports,
                      each theme's topics and the themes discovered in them too. The comparison
                      itself is then written only if --format or -o is given
  -o, --output        write to OUT instead of stdout
  -V, --version       print the version";

/// Formats `--format` takes.
const FORMATS: [&str; 7] = ["json", "md", "markdown", "html", "docx", "csv", "diff"];

struct Args {
    /// Earlier and later report; None only when just a codebook is exported.
    reports: Option<(String, String)>,
    /// A third report and more: a series (`engine::series`).
    later: Vec<String>,
    format: String,
    /// --format or -o was given (with --export-codebook alone, nothing else is written).
    asked_output: bool,
    codebook: Option<String>,
    corrections: Option<String>,
    export_codebook: Option<String>,
    output: Option<String>,
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut files = Vec::new();
    let mut format = None;
    let (mut codebook, mut corrections, mut export_codebook, mut output) = (None, None, None, None);
    let mut only_files = false;
    while let Some(arg) = argv.next() {
        if only_files {
            files.push(arg);
            continue;
        }
        let mut value = |name: &str| argv.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-V" | "--version" => {
                println!("report-compare {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            "--format" | "-f" => format = Some(value("--format")?),
            "--codebook" => codebook = Some(value("--codebook")?),
            "--corrections" => corrections = Some(value("--corrections")?),
            "--export-codebook" => export_codebook = Some(value("--export-codebook")?),
            "-o" | "--output" => output = Some(value("-o")?),
            s if s.starts_with("--format=") => format = Some(s["--format=".len()..].to_string()),
            "--" => only_files = true,
            s if s.starts_with('-') && s != "-" => {
                return Err(format!(
                    "unknown option {s} (if it is a file whose name starts with '-', write ./{s} or put -- before the file names)"
                ))
            }
            _ => files.push(arg),
        }
    }
    let asked_output = format.is_some() || output.is_some();
    let format = format.unwrap_or_else(|| "json".to_string());
    if !FORMATS.contains(&format.as_str()) {
        return Err(format!(
            "unknown format \"{format}\"; use json, md, html, docx, csv or diff"
        ));
    }
    let given = files.len();
    let mut files = files.into_iter();
    let reports = match (files.next(), files.next()) {
        (Some(before), Some(after)) => Some((before, after)),
        (None, _) if export_codebook.is_some() && !asked_output => None,
        _ => {
            return Err(format!(
                "expected two reports (BEFORE AFTER), or three or more for a series, got {given}"
            ))
        }
    };
    let later: Vec<String> = files.collect();
    if !later.is_empty() {
        if !matches!(format.as_str(), "json" | "md" | "markdown" | "csv") {
            return Err(format!(
                "--format {format} is for two reports; for a series use json, md or csv"
            ));
        }
        if corrections.is_some() || export_codebook.is_some() {
            return Err("--corrections and --export-codebook are for two reports; a series takes neither (compare two of its reports for them)".to_string());
        }
    }
    if corrections.is_some() && reports.is_none() {
        return Err("--corrections needs the two reports they were made on".to_string());
    }
    Ok(Some(Args {
        reports,
        later,
        format,
        asked_output,
        codebook,
        corrections,
        export_codebook,
        output,
    }))
}

/// How long to wait for a program to open a named pipe (FIFO) for writing. Opening a
/// FIFO blocks until a writer comes; a reader that waits for ever looks hung.
const FIFO_WAIT: Duration = Duration::from_secs(5);

/// The bytes of one input, never more than its size limit plus one byte: a device such
/// as /dev/zero or an endless pipe is refused as too large instead of filling memory.
fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        return read_bounded(std::io::stdin().lock(), "stdin", None)
            .map_err(|e| e.unwrap_or_else(|e| format!("cannot read standard input: {e}")));
    }
    let cannot = |e: std::io::Error| format!("cannot read {path}: {e}");
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(format!(
            "{path} is a directory, not a report. Give the report file inside it."
        ));
    }
    let size = meta.is_file().then_some(meta.len());
    if size.is_some_and(|n| n > ingest::MAX_DOCUMENT_BYTES as u64) {
        let n = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        return Err(ingest::too_large(path, Some(n), ingest::MAX_DOCUMENT_BYTES).to_string());
    }
    let file = if is_fifo(&meta) {
        open_fifo(path)?
    } else {
        std::fs::File::open(path).map_err(cannot)?
    };
    read_bounded(file, path, size).map_err(|e| e.unwrap_or_else(cannot))
}

#[cfg(unix)]
fn is_fifo(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::Metadata) -> bool {
    false
}

/// Opens a FIFO on a helper thread, so that no writer means a message after
/// [`FIFO_WAIT`], not a hang (the blocked thread ends with the process).
fn open_fifo(path: &str) -> Result<std::fs::File, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = path.to_string();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::File::open(owned));
    });
    match rx.recv_timeout(FIFO_WAIT) {
        Ok(opened) => opened.map_err(|e| format!("cannot read {path}: {e}")),
        Err(_) => Err(format!(
            "{path} is a named pipe (FIFO) and nothing opened it for writing within {} s. Start the program that writes to it first, or pipe the report to '-' instead.",
            FIFO_WAIT.as_secs()
        )),
    }
}

/// Reads up to the text limit, and on to the PDF/Word limit only if the first bytes
/// say PDF or Word. `Err(Some(message))` is a refusal, `Err(None)` an I/O error's turn.
fn read_bounded(
    reader: impl Read,
    name: &str,
    size: Option<u64>,
) -> Result<Vec<u8>, Result<String, std::io::Error>> {
    let mut buf = Vec::new();
    let mut reader = reader.take(ingest::MAX_DOCUMENT_BYTES as u64 + 1);
    (&mut reader)
        .take(ingest::MAX_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(Err)?;
    let limit = ingest::size_limit(&buf);
    if buf.len() > ingest::MAX_BYTES && limit > ingest::MAX_BYTES {
        reader.read_to_end(&mut buf).map_err(Err)?;
    }
    if buf.len() > limit {
        // A regular file's size is known; a stream's only as "more than the limit".
        let known = size
            .and_then(|n| usize::try_from(n).ok())
            .filter(|&n| n > limit);
        return Err(Ok(ingest::too_large(name, known, limit).to_string()));
    }
    Ok(buf)
}

/// Corrections saved from the app: its JSON export (they are under `overrides`), or the
/// corrections alone (`report-compare-overrides/1`, under `edits`).
fn read_corrections(path: &str) -> Result<Overrides, String> {
    let bytes = read_input(path)?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("{path}: not JSON corrections: {e}"))?;
    let edits = match (value.get("edits"), value.get("overrides")) {
        (Some(_), _) => return Overrides::from_json(&value.to_string()).map_err(|e| format!("{path}: {e}")),
        (None, Some(list)) => list.clone(),
        (None, None) => {
            return Err(format!(
                "{path}: no corrections in it (expected the app's JSON export, with \"overrides\", or saved corrections, with \"edits\")"
            ))
        }
    };
    serde_json::from_value(edits)
        .map(|edits| Overrides {
            edits,
            ..Overrides::default()
        })
        .map_err(|e| format!("{path}: the corrections are unreadable: {e}"))
}

/// What to write: the comparison in the asked format (None: nothing asked), after the
/// codebook file if one was asked for.
fn run(args: Args) -> Result<Option<Vec<u8>>, String> {
    let yours = match &args.codebook {
        Some(path) => {
            Some(codebook::from_bytes(&read_input(path)?, path).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    let book = match &yours {
        Some(y) => Codebook::builtin().with(y.clone()),
        None => Codebook::builtin(),
    };
    let Some((before_path, after_path)) = &args.reports else {
        if let Some(path) = &args.export_codebook {
            write_to(
                Some(path),
                qdc::to_qdc(&book, yours.as_ref(), None).as_bytes(),
            )?;
        }
        return Ok(None);
    };
    let name = |p: &str| {
        if p == "-" {
            "stdin".to_string()
        } else {
            p.to_string()
        }
    };
    if !args.later.is_empty() {
        return series(before_path, after_path, &args, &book, name).map(Some);
    }
    let before =
        ingest(&read_input(before_path)?, &name(before_path)).map_err(|e| e.to_string())?;
    let after = ingest(&read_input(after_path)?, &name(after_path)).map_err(|e| e.to_string())?;
    if args.format == "diff" {
        let text = |d: &engine::ingest::Document| {
            d.blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let mut out = String::new();
        for span in word_diff(&text(&before), &text(&after)) {
            match span.change {
                Change::Same => out.push_str(&span.text),
                Change::Deleted => out.push_str(&format!("[-{}-]", span.text)),
                Change::Inserted => out.push_str(&format!("{{+{}+}}", span.text)),
            }
        }
        out.push('\n');
        return Ok(Some(out.into_bytes()));
    }
    let corrections = match &args.corrections {
        Some(path) => read_corrections(path)?,
        None => Overrides::default(),
    };
    let comparison = compare(&before, &after, &book);
    if let Some(path) = &args.export_codebook {
        let corrected = overrides::apply(&comparison, &corrections);
        write_to(
            Some(path),
            qdc::to_qdc(&book, yours.as_ref(), Some(&corrected)).as_bytes(),
        )?;
        if !args.asked_output {
            return Ok(None);
        }
    }
    Ok(Some(render(&args.format, &comparison, &corrections)?))
}

/// Three or more reports: a series, in date order whatever order they were given in.
fn series(
    first: &str,
    second: &str,
    args: &Args,
    book: &Codebook,
    name: impl Fn(&str) -> String,
) -> Result<Vec<u8>, String> {
    let paths: Vec<&str> = [first, second]
        .into_iter()
        .chain(args.later.iter().map(String::as_str))
        .collect();
    if paths.iter().filter(|p| **p == "-").count() > 1 {
        return Err("standard input ('-') can be given only once".into());
    }
    let docs = paths
        .iter()
        .map(|p| ingest(&read_input(p)?, &name(p)).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, String>>()?;
    let s = engine::series::build(&docs, book).map_err(|e| e.to_string())?;
    use engine::series::export as series_export;
    Ok(match args.format.as_str() {
        "md" | "markdown" => series_export::to_markdown(&s),
        "csv" => series_export::to_csv(&s),
        _ => series_export::to_json(&s) + "\n",
    }
    .into_bytes())
}

fn render(format: &str, c: &Comparison, corrections: &Overrides) -> Result<Vec<u8>, String> {
    Ok(match format {
        "md" | "markdown" => overrides::to_markdown(c, corrections).into_bytes(),
        "csv" => overrides::to_csv(c, corrections).into_bytes(),
        "html" => html::corrected(c, corrections).into_bytes(),
        "docx" => word(c, corrections)?,
        _ => {
            let json = if corrections.is_empty() {
                export::to_json(c)
            } else {
                overrides::to_json(c, corrections)
            };
            (json + "\n").into_bytes()
        }
    })
}

fn word(c: &Comparison, corrections: &Overrides) -> Result<Vec<u8>, String> {
    export::docx::corrected(c, corrections).map_err(|e| e.to_string())
}

/// Writes to a file, or to stdout for None or '-'.
fn write_to(path: Option<&str>, bytes: &[u8]) -> Result<(), String> {
    match path {
        Some(path) if path != "-" => {
            std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))
        }
        _ => std::io::stdout()
            .write_all(bytes)
            .map_err(|e| format!("cannot write output: {e}")),
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("report-compare: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // A Word file is binary: on a terminal it would be noise (and could leave it in a
    // strange state). Said before any work is done.
    if args.format == "docx" && args.output.is_none() && std::io::stdout().is_terminal() {
        eprintln!("report-compare: a Word briefing is a binary file: give -o FILE.docx (or send stdout to a file: > briefing.docx)");
        return ExitCode::from(2);
    }
    let output = args.output.clone();
    let bytes = match run(args) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("report-compare: {e}");
            return ExitCode::from(2);
        }
    };
    match bytes.map_or(Ok(()), |b| write_to(output.as_deref(), &b)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("report-compare: {e}");
            ExitCode::from(2)
        }
    }
}
