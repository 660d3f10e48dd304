//! Native CLI over the engine:
//!
//!     report-compare BEFORE AFTER [--format json|md|csv|diff] [--codebook FILE] [-o OUT]
//!     report-compare A B C [D…] [--format json|md|csv]   (a series, in date order)
//!
//! `-` reads standard input; `--` ends the options (for file names starting with `-`).
//! Inputs are read only up to their size limit, so a device or an endless pipe is
//! refused, not read into memory; a named pipe nobody writes to is refused after a
//! short wait; a directory is refused. Exit code 2, with a one-line message, on unreadable or
//! unsupported input or bad arguments.

use report_compare::compare::compare;
use report_compare::diff::{word_diff, Change};
use report_compare::export;
use report_compare::ingest::{self, ingest};
use report_compare::themes::Codebook;
use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: report-compare BEFORE AFTER [--format json|md|csv|diff] [--codebook FILE] [-o OUT]
       report-compare A B C [D...] [--format json|md|csv] [--codebook FILE] [-o OUT]
  BEFORE, AFTER   the earlier and the later report (.txt, .md, .html, .pdf, .docx); '-' reads
                  stdin; put -- first if a file name starts with '-'
  A B C [D...]    three or more reports of one organisation, in any order: a series
                  (schema report-compare-series/1: neighbours compared, each matter followed)
  --format        json (schema report-compare/2, default), md (briefing), csv (one row per link),
                  diff (word diff of the two texts)
  --codebook      a TOML or JSON codebook that extends the built-in one (mode = \"replace\" to replace it)
  -o, --output    write to OUT instead of stdout
  -V, --version   print the version";

struct Args {
    before: String,
    after: String,
    /// A third report and more: a series (`report_compare::series`).
    later: Vec<String>,
    format: String,
    codebook: Option<String>,
    output: Option<String>,
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut files = Vec::new();
    let mut format = "json".to_string();
    let (mut codebook, mut output) = (None, None);
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
            "--format" | "-f" => format = value("--format")?,
            "--codebook" => codebook = Some(value("--codebook")?),
            "-o" | "--output" => output = Some(value("-o")?),
            s if s.starts_with("--format=") => format = s["--format=".len()..].to_string(),
            "--" => only_files = true,
            s if s.starts_with('-') && s != "-" => {
                return Err(format!(
                    "unknown option {s} (if it is a file whose name starts with '-', write ./{s} or put -- before the file names)"
                ))
            }
            _ => files.push(arg),
        }
    }
    if !matches!(format.as_str(), "json" | "md" | "markdown" | "csv" | "diff") {
        return Err(format!(
            "unknown format \"{format}\"; use json, md, csv or diff"
        ));
    }
    let given = files.len();
    let mut files = files.into_iter();
    match (files.next(), files.next()) {
        (Some(before), Some(after)) => Ok(Some(Args {
            before,
            after,
            later: files.collect(),
            format,
            codebook,
            output,
        })),
        _ => Err(format!(
            "expected two reports (BEFORE AFTER), or three or more for a series, got {given}"
        )),
    }
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

fn run(args: Args) -> Result<String, String> {
    let codebook = match &args.codebook {
        Some(path) => {
            let text = String::from_utf8(read_input(path)?)
                .map_err(|_| format!("{path}: the codebook is not UTF-8 text"))?;
            Codebook::builtin().with(Codebook::parse(&text, path)?)
        }
        None => Codebook::builtin(),
    };
    let name = |p: &str| {
        if p == "-" {
            "stdin".to_string()
        } else {
            p.to_string()
        }
    };
    if !args.later.is_empty() {
        return series(&args, &codebook, name);
    }
    let before =
        ingest(&read_input(&args.before)?, &name(&args.before)).map_err(|e| e.to_string())?;
    let after = ingest(&read_input(&args.after)?, &name(&args.after)).map_err(|e| e.to_string())?;
    if args.format == "diff" {
        let text = |d: &report_compare::ingest::Document| {
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
        return Ok(out);
    }
    let comparison = compare(&before, &after, &codebook);
    Ok(match args.format.as_str() {
        "md" | "markdown" => export::to_markdown(&comparison),
        "csv" => export::to_csv(&comparison),
        _ => export::to_json(&comparison) + "\n",
    })
}

/// Three or more reports: a series, in date order whatever order they were given in.
fn series(
    args: &Args,
    codebook: &Codebook,
    name: impl Fn(&str) -> String,
) -> Result<String, String> {
    if args.format == "diff" {
        return Err("--format diff shows the words that changed between two reports; for a series use json, md or csv".into());
    }
    let paths = [&args.before, &args.after].into_iter().chain(&args.later);
    if paths.clone().filter(|p| p.as_str() == "-").count() > 1 {
        return Err("standard input ('-') can be given only once".into());
    }
    let docs = paths
        .map(|p| ingest(&read_input(p)?, &name(p)).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, String>>()?;
    let s = report_compare::series::build(&docs, codebook).map_err(|e| e.to_string())?;
    use report_compare::series::export as series_export;
    Ok(match args.format.as_str() {
        "md" | "markdown" => series_export::to_markdown(&s),
        "csv" => series_export::to_csv(&s),
        _ => series_export::to_json(&s) + "\n",
    })
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
    let output = args.output.clone();
    let text = match run(args) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("report-compare: {e}");
            return ExitCode::from(2);
        }
    };
    let written = match &output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}")),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write output: {e}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("report-compare: {e}");
            ExitCode::from(2)
        }
    }
}
