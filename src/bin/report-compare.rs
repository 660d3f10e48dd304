//! Native CLI over the engine:
//!
//!     report-compare BEFORE AFTER [--format json|md|csv|diff] [--codebook FILE] [-o OUT]
//!
//! `-` reads standard input. Exit code 2, with a one-line message, on unreadable or
//! unsupported input or bad arguments.

use report_compare::compare::compare;
use report_compare::diff::{word_diff, Change};
use report_compare::export;
use report_compare::ingest::ingest;
use report_compare::themes::Codebook;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: report-compare BEFORE AFTER [--format json|md|csv|diff] [--codebook FILE] [-o OUT]
  BEFORE, AFTER   the earlier and the later report (.txt, .md, .html); '-' reads stdin
  --format        json (schema report-compare/2, default), md (briefing), csv (one row per link),
                  diff (word diff of the two texts)
  --codebook      a TOML or JSON codebook that extends the built-in one (mode = \"replace\" to replace it)
  -o, --output    write to OUT instead of stdout
  -V, --version   print the version";

struct Args {
    before: String,
    after: String,
    format: String,
    codebook: Option<String>,
    output: Option<String>,
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut files = Vec::new();
    let mut format = "json".to_string();
    let (mut codebook, mut output) = (None, None);
    while let Some(arg) = argv.next() {
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
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s}")),
            _ => files.push(arg),
        }
    }
    if !matches!(format.as_str(), "json" | "md" | "markdown" | "csv" | "diff") {
        return Err(format!(
            "unknown format \"{format}\"; use json, md, csv or diff"
        ));
    }
    match <[String; 2]>::try_from(files) {
        Ok([before, after]) => Ok(Some(Args {
            before,
            after,
            format,
            codebook,
            output,
        })),
        Err(files) => Err(format!(
            "expected two reports (BEFORE AFTER), got {}",
            files.len()
        )),
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
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
