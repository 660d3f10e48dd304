//! The native CLI: formats, stdin, exit codes and messages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fixture(rel: &str) -> String {
    format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
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

#[test]
fn word_and_html_briefings() {
    let (b, a) = (
        fixture("ilacs/luton-2022-09-05.txt"),
        fixture("ilacs/luton-2026-03-10.txt"),
    );
    let path = temp("briefing.docx", b"");
    let out = run(&[&b, &a, "--format", "docx", "-o", &path], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read(&path).expect("written");
    assert_eq!(&written[..2], b"PK", "a zip (the Word package)");
    // To a pipe (stdout is not a terminal here): the same bytes.
    let piped = run(&[&b, &a, "--format", "docx"], None);
    assert!(piped.status.success());
    assert_eq!(piped.stdout, written);
    let page = run(&[&b, &a, "--format", "html"], None);
    let page = String::from_utf8_lossy(&page.stdout);
    assert!(page.starts_with("<!doctype html>") && page.contains("<table class=\"ratings\">"));
}

/// A Word file is never written to a terminal: `script` gives the CLI one.
#[test]
fn word_briefing_to_a_terminal_is_refused_with_a_hint() {
    let (b, a) = (
        fixture("luton-2021-2023/before.txt"),
        fixture("luton-2021-2023/after.txt"),
    );
    let cmd = format!(
        "{} {b} {a} --format docx",
        env!("CARGO_BIN_EXE_report-compare")
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("script (util-linux) runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains("give -o FILE.docx"), "{said}");
    assert!(!said.contains("PK"), "no bytes on the terminal");
}

#[test]
fn codebook_export_and_import() {
    let mine = temp(
        "mine.toml",
        b"[[theme]]\nid = \"wellbeing\"\nlabel = \"Staff wellbeing\"\nterms = [\"wellbeing\", \"morale\"]\nstrong = [\"morale\"]\n",
    );
    let qdc = temp("mine.qdc", b"");
    // The codebook alone: nothing on stdout, the file written.
    let out = run(&["--codebook", &mine, "--export-codebook", &qdc], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&qdc).expect("written");
    assert!(text.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""));
    assert!(text.contains("name=\"Staff wellbeing\""));

    // Read back: the comparison has the same themes as with the TOML it came from.
    let (b, a) = (
        fixture("luton-2021-2023/before.txt"),
        fixture("luton-2021-2023/after.txt"),
    );
    let themes = |codebook: &str| {
        let out = run(&[&b, &a, "--codebook", codebook], None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        (v["themes"].clone(), v["after"]["findings"].clone())
    };
    let from_toml = themes(&mine);
    assert_eq!(themes(&qdc), from_toml);
    // "Staff morale is positive" in the later report: the person's theme is used.
    let findings = from_toml.1.as_array().expect("findings");
    assert!(findings.iter().any(|f| f["themes"]
        .as_array()
        .is_some_and(|t| t.contains(&"wellbeing".into()))));

    // With two reports, the topics are in it too; the comparison is written only if asked.
    let both = temp("both.qdc", b"");
    let out = run(&[&b, &a, "--export-codebook", &both], None);
    assert!(out.status.success() && out.stdout.is_empty());
    assert!(std::fs::read_to_string(&both)
        .expect("written")
        .contains("report-compare topic: "));
    let out = run(
        &[&b, &a, "--export-codebook", &both, "--format", "md"],
        None,
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# What changed:"));

    // A broken .qdc is refused in one line.
    let bad = temp(
        "bad.qdc",
        b"<CodeBook><Codes><Code name=\"x\" isCodable=\"true\">",
    );
    let out = run(&[&b, &a, "--codebook", &bad], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cut off") && err.lines().count() == 1, "{err}");
}

#[test]
fn corrections_from_the_app_reach_every_format() {
    let (b, a) = (
        fixture("luton-2021-2023/before.txt"),
        fixture("luton-2021-2023/after.txt"),
    );
    let json = run(&[&b, &a], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let theme = v["themes"][0]["id"].as_str().expect("a theme").to_string();
    let note = "Checked & confirmed <by us>";
    // The app's JSON export carries its corrections under "overrides".
    let saved = temp(
        "export.json",
        serde_json::json!({"schema": "report-compare/2", "overrides": [
            {"kind": "theme_verdict", "theme": theme, "verdict": "mixed", "note": note}
        ]})
        .to_string()
        .as_bytes(),
    );
    let md = run(&[&b, &a, "--format", "md", "--corrections", &saved], None);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("## Corrections made by the reviewer") && md.contains(note),
        "{md}"
    );
    let page = run(&[&b, &a, "--format", "html", "--corrections", &saved], None);
    let page = String::from_utf8_lossy(&page.stdout);
    assert!(page.contains("Checked &amp; confirmed &lt;by us&gt;"));
    let json = run(&[&b, &a, "--corrections", &saved], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["overrides"][0]["note"], note);

    let bad = temp("bad.json", b"{\"nothing\": 1}");
    let out = run(&[&b, &a, "--corrections", &bad], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no corrections in it"));
}
