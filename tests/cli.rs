//! The native CLI: formats, stdin, exit codes and messages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_report-compare"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cli runs");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("cli finishes")
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("report-compare-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file");
    path.to_string_lossy().into_owned()
}

#[test]
fn json_is_the_default_and_follows_the_schema() {
    let out = run(
        &[
            &fixture("luton-2021-2023/before.txt"),
            &fixture("luton-2021-2023/after.txt"),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["schema"], "report-compare/2");
    assert_eq!(v["before"]["date"], "2021-06-18");
    assert!(v["themes"].as_array().is_some_and(|t| !t.is_empty()));
}

#[test]
fn markdown_csv_and_output_file() {
    let (b, a) = (
        fixture("luton-2021-2023/before.txt"),
        fixture("luton-2021-2023/after.txt"),
    );
    let md = run(&[&b, &a, "--format", "md"], None);
    assert!(String::from_utf8_lossy(&md.stdout).starts_with("# What changed:"));
    let out_path = temp("out.csv", b"");
    let csv = run(&[&b, &a, "--format", "csv", "-o", &out_path], None);
    assert!(csv.status.success());
    assert!(csv.stdout.is_empty());
    let written = std::fs::read_to_string(&out_path).expect("output written");
    assert!(written.lines().count() > 10);
}

#[test]
fn dash_reads_stdin() {
    let after = std::fs::read(fixture("luton-2021-2023/after.txt")).unwrap();
    let out = run(&[&fixture("luton-2021-2023/before.txt"), "-"], Some(&after));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["after"]["name"], "stdin");
    assert!(v["after"]["findings"]
        .as_array()
        .is_some_and(|f| f.len() > 10));
}

#[test]
fn unreadable_or_unsupported_input_exits_2_with_one_line() {
    let good = fixture("luton-2021-2023/before.txt");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![good.clone(), "/no/such/file.txt".into()],
            "cannot read /no/such/file.txt",
        ),
        (vec![good.clone(), temp("empty.txt", b"")], "empty"),
        (
            vec![good.clone(), temp("x.pdf", b"%PDF-1.7\n%binary")],
            "PDF",
        ),
        (
            vec![good.clone(), temp("x.bin", &[0, 159, 146, 150, 0, 1, 2])],
            "binary",
        ),
        (vec![good.clone()], "expected two reports"),
        (
            vec![good.clone(), good.clone(), "--format".into(), "xml".into()],
            "unknown format",
        ),
        (
            vec![
                good.clone(),
                good.clone(),
                "--codebook".into(),
                temp("bad.toml", b"[[theme]]\nid = 1"),
            ],
            "codebook",
        ),
    ];
    for (args, needle) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("");
        assert!(
            first.starts_with("report-compare: ") && first.contains(needle),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn invalid_utf8_is_read_and_reported_in_notes() {
    let bad = temp(
        "latin1.txt",
        b"Staff morale is positive in the team\xe9s and visits are regular.\n",
    );
    let out = run(&[&fixture("luton-2021-2023/before.txt"), &bad], None);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["after"]["notes"][0]
        .as_str()
        .is_some_and(|n| n.contains("UTF-8")));
}

#[test]
fn version_and_help() {
    let v = run(&["--version"], None);
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("report-compare "));
    let h = run(&["--help"], None);
    assert!(h.status.success());
    assert!(String::from_utf8_lossy(&h.stdout).contains("--codebook"));
}
