//! Hostile input (issue #11): every case of the corpus in tests/hostile/cases.rs goes
//! through ingest and compare, and the big ones and the file kinds (a directory, a FIFO,
//! /dev/zero, odd names) through the CLI binary as a child process, whose peak memory
//! (VmHWM, sampled while it runs) and time are checked. Each must end in a document or in the refusal
//! its kind calls for; never a panic, an abort, a hang or memory without bound.
//!
//! Debug builds run the big text cases at a tenth of their size (see `cases::scale`);
//! `cargo test --release --test hostile` runs them at full size.
#![cfg(unix)]

#[path = "../../../tests/hostile/cases.rs"]
mod cases;

use cases::{judge, Case, Expect};
use engine::compare::compare;
use engine::ingest::{ingest, Document};
use engine::themes::Codebook;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A generous bound for one small case (ingest + two comparisons); they take
/// milliseconds in release and well under a second in debug.
const SMALL_CASE_LIMIT: Duration = Duration::from_secs(30);

fn baseline() -> Document {
    ingest(cases::PROSE.as_bytes(), "baseline.txt").expect("baseline reads")
}

/// Ingest, findings and a comparison each way with a small report, in this process.
fn run_in_process(case: &Case) -> Result<usize, String> {
    let doc = ingest(&case.bytes, &case.file_name).map_err(|e| e.reason)?;
    let _ = engine::findings::extract(&doc);
    let other = baseline();
    let a = compare(&doc, &other, &Codebook::builtin());
    let b = compare(&other, &doc, &Codebook::builtin());
    let _ = (engine::export::to_json(&a), engine::export::to_csv(&b));
    Ok(doc.blocks.len())
}

#[test]
fn every_small_case_is_read_or_refused_as_its_kind_calls_for() {
    let mut failures = Vec::new();
    let all = cases::small_cases();
    assert!(all.len() >= 38, "the corpus shrank: {} cases", all.len());
    for case in &all {
        assert!(case.bytes.len() < 100 * 1024, "{} is not small", case.id);
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| run_in_process(case)));
        let took = start.elapsed();
        match outcome {
            Err(_) => failures.push(format!("{}: panicked", case.id)),
            Ok(outcome) => failures.extend(judge(case.id, case.expect, outcome)),
        }
        if took > SMALL_CASE_LIMIT {
            failures.push(format!("{}: took {took:?}", case.id));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn refusals_say_what_was_wrong_in_one_line() {
    for case in cases::small_cases() {
        if let Err(e) = ingest(&case.bytes, &case.file_name) {
            let message = e.to_string();
            assert!(!message.contains('\n'), "{}: {message}", case.id);
            assert!(message.len() < 400, "{}: {message}", case.id);
            assert!(
                message.starts_with(&case.file_name),
                "{}: {message}",
                case.id
            );
        }
    }
}

// ---------------------------------------------------------------- the CLI as a child

struct Run {
    /// Exit code; `None` if a signal ended it (an abort, a stack overflow, the watchdog).
    code: Option<i32>,
    stderr: String,
    /// Peak resident memory of the child, in bytes (sampled VmHWM).
    max_rss: u64,
    took: Duration,
}

/// Peak resident memory so far of process `pid` once it runs the CLI (VmHWM, in bytes).
/// Before its exec the child still shares or copies the test process's memory, whose
/// high-water mark (tens or hundreds of MB of test data) is not the CLI's; wait4's
/// ru_maxrss carries that figure over the exec, so it can't be used.
fn cli_peak(pid: u32) -> Option<u64> {
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
    if exe != Path::new(env!("CARGO_BIN_EXE_report-compare")) {
        return None;
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs the CLI with `args` (stdin from `stdin`, else /dev/null), killing it after
/// `limit`. A watcher samples its peak memory every 5 ms while it runs (the high-water
/// mark only grows, so the last sample is the peak up to the last 5 ms).
fn cli(args: &[&Path], stdin: Option<std::fs::File>, limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_report-compare"))
        .args(args)
        .args(["--format", "csv"])
        .stdin(stdin.map_or_else(Stdio::null, Stdio::from))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cli starts");
    let pid = child.id();
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let until = Instant::now() + limit;
            let mut peak = 0;
            while !done.load(Ordering::SeqCst) {
                peak = cli_peak(pid).unwrap_or(0).max(peak);
                if Instant::now() >= until {
                    // SAFETY: kill(2) on our own child, which is not reaped yet: the
                    // test reaps it only after `done` is set, and sets it after.
                    unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    let mut stdout = child.stdout.take().expect("stdout");
    let drain = std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let mut stderr = String::new();
    let _ = child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr);
    let _ = drain.join();
    // Wait for the exit without reaping, so the watcher's kill can't hit a reused pid.
    // SAFETY: an all-zero siginfo_t is valid for waitid to fill in.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: waits on our own child with a valid pointer to a local.
    unsafe {
        libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOWAIT,
        )
    };
    done.store(true, Ordering::SeqCst);
    let max_rss = watcher.join().expect("watcher");
    let status = child.wait().expect("cli reaped");
    Run {
        code: status.code(),
        stderr,
        max_rss,
        took: start.elapsed(),
    }
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("report-compare-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file");
    path
}

const MB: u64 = 1 << 20;

/// What a CLI run must show: a clean exit, in time, within memory, with the right words.
fn check_run(id: &str, expect: Expect, run: &Run, time: Duration, memory: u64) -> Vec<String> {
    let mut failures = Vec::new();
    eprintln!(
        "{id}: exit {:?}, {:.2} s, {} MB peak",
        run.code,
        run.took.as_secs_f64(),
        run.max_rss / MB
    );
    let outcome = match run.code {
        Some(0) => Ok(1),
        Some(2) => Err(run.stderr.trim().to_string()),
        other => {
            failures.push(format!(
                "{id}: ended by {other:?} (signal or crash): {}",
                run.stderr
            ));
            return failures;
        }
    };
    failures.extend(judge(id, expect, outcome));
    if run.took > time {
        failures.push(format!("{id}: took {:?} (bound {time:?})", run.took));
    }
    if run.max_rss > memory {
        failures.push(format!(
            "{id}: {} MB peak (bound {} MB)",
            run.max_rss / MB,
            memory / MB
        ));
    }
    failures
}

/// The big cases through the CLI. Bounds are generous (several times what they take):
/// they catch an abort, a quadratic blow-up or unbounded memory, not a slow machine.
#[test]
fn big_cases_stay_within_time_and_memory_through_the_cli() {
    let dir = temp_dir().join("big");
    std::fs::create_dir_all(&dir).expect("dir");
    let other = write(&dir, "other.txt", cases::PROSE.as_bytes());
    let mut failures = Vec::new();
    for large in cases::large_cases() {
        let case = (large.build)();
        let path = write(
            &dir,
            &format!("{}-{}", case.id, case.file_name),
            &case.bytes,
        );
        let size = case.bytes.len() as u64;
        drop(case.bytes);
        // Read inputs cost time and memory in proportion to their size; refused ones
        // hardly any (the size cap stops the read, the parsers' caps the rest).
        let (time, memory) = match case.expect {
            Expect::Refused(_) => (Duration::from_secs(60), 400 * MB),
            _ => (Duration::from_secs(240), 64 * MB + 40 * size),
        };
        let run = cli(&[&path, &other], None, time + Duration::from_secs(30));
        failures.extend(check_run(case.id, case.expect, &run, time, memory));
        let _ = std::fs::remove_file(&path);
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn file_kinds_get_a_clear_answer_from_the_cli() {
    let dir = temp_dir().join("kinds");
    std::fs::create_dir_all(&dir).expect("dir");
    let report = write(&dir, "report.txt", cases::PROSE.as_bytes());
    let quick = Duration::from_secs(30);
    let mut failures = Vec::new();
    let mut expect = |id: &str, run: Run, expect: Expect| {
        failures.extend(check_run(id, expect, &run, quick, 128 * MB));
    };

    expect(
        "directory",
        cli(&[&dir, &report], None, quick),
        Expect::Refused(&["is a directory"]),
    );
    // A device is read only up to the size cap, then refused.
    let zero = Path::new("/dev/zero");
    expect(
        "dev-zero",
        cli(&[zero, &report], None, quick),
        Expect::Refused(&["more than 16 MB"]),
    );
    let urandom = Path::new("/dev/urandom");
    expect(
        "dev-urandom",
        cli(&[urandom, &report], None, quick),
        Expect::Refused(&["more than 16 MB"]),
    );
    let stdin = Path::new("-");
    let zeros = std::fs::File::open(zero).ok();
    expect(
        "stdin-dev-zero",
        cli(&[stdin, &report], zeros, quick),
        Expect::Refused(&["more than 16 MB"]),
    );
    expect(
        "dev-null",
        cli(&[Path::new("/dev/null"), &report], None, quick),
        Expect::Refused(&["empty"]),
    );
    expect(
        "missing",
        cli(&[&dir.join("nope.txt"), &report], None, quick),
        Expect::Refused(&["cannot read"]),
    );

    // A FIFO nobody writes to: refused after a short wait, not a hang.
    let fifo = dir.join("pipe");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: mkfifo with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let run = cli(&[&fifo, &report], None, quick);
    assert!(
        run.took >= Duration::from_secs(4),
        "gave up too soon: {:?}",
        run.took
    );
    expect("fifo-no-writer", run, Expect::Refused(&["named pipe"]));
    // With a writer it is read like a file.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, cases::PROSE))
    };
    expect(
        "fifo-with-writer",
        cli(&[&fifo, &report], None, quick),
        Expect::Read,
    );
    let _ = writer.join();

    // Names: spaces, unicode, a leading dash (needs `--` or ./, and says so).
    for name in ["my report (final).txt", "rapport-évaluation-报告.txt"] {
        let path = write(&dir, name, cases::PROSE.as_bytes());
        expect(name, cli(&[&path, &report], None, quick), Expect::Read);
    }
    write(&dir, "-report.txt", cases::PROSE.as_bytes());
    let in_dir = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_report-compare"));
        child.current_dir(&dir).args(args).stdin(Stdio::null());
        child.output().expect("cli runs")
    };
    let out = in_dir(&["-report.txt", "report.txt"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.contains("./-report.txt") && said.contains("--"),
        "{said}"
    );
    let out = in_dir(&["--", "-report.txt", "report.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(failures.is_empty(), "{failures:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Real small fixtures (a short news article among them) stay readable: the refusal
/// of near-empty web pages must not catch them.
#[test]
fn real_small_fixtures_are_still_read() {
    for rel in [
        "luton-2021-2023/after.txt",
        "luton-2021-2023/before.txt",
        "hospital-2022-2024/after.md",
        "hospital-2022-2024/before.txt",
        "school-2019-2023/after.txt",
        "school-2019-2023/before.txt",
    ] {
        let path = format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect("fixture");
        let doc = ingest(&bytes, rel).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(!doc.blocks.is_empty(), "{rel}");
        // The same text as a bare web page is long enough to be a report.
        let html: String = String::from_utf8_lossy(&bytes)
            .split("\n\n")
            .map(|p| format!("<p>{}</p>", p.replace('&', "&amp;").replace('<', "&lt;")))
            .collect();
        let page = format!("<html><body><main>{html}</main></body></html>");
        ingest(page.as_bytes(), "page.html").unwrap_or_else(|e| panic!("{rel} as a page: {e}"));
    }
}

/// Writes the small cases as fuzz seeds (crates/engine/fuzz/seeds/hostile/): run by hand after
/// changing the corpus, `cargo test --test hostile -- --ignored write_fuzz_seeds`.
#[test]
#[ignore]
fn write_fuzz_seeds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/fuzz/seeds/hostile");
    std::fs::create_dir_all(&dir).expect("seed dir");
    for case in cases::small_cases() {
        let ext = case.file_name.rsplit_once('.').map_or("bin", |(_, e)| e);
        let name = format!("{}.{ext}", case.id.replace(' ', "-"));
        std::fs::write(dir.join(name), &case.bytes).expect("seed");
    }
}
