//! The CLI with three or more reports: a series. The four real Luton inspections (2016
//! SIF, 2020, 2022 and 2026 ILACS) given out of order, and the messages for bad input.

use std::process::{Command, Output};

fn fixture(rel: &str) -> String {
    format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_report-compare"))
        .args(args)
        .output()
        .expect("cli runs")
}

fn westbrook() -> [String; 3] {
    ["2022", "2019", "2025"].map(|y| fixture(&format!("series/westbrook-{y}.txt")))
}

#[test]
fn four_luton_inspections_in_shuffled_order_read_in_date_order() {
    let files = ["2022-09-05", "2016-03-29", "2026-03-10", "2020-02-24"]
        .map(|d| fixture(&format!("ilacs/luton-{d}.pdf")));
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["schema"], "report-compare-series/1");
    let labels: Vec<&str> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2016", "2020", "2022", "2026"]);
    // Overall effectiveness: requires improvement (SIF, 2016), inadequate (2020),
    // requires improvement to be good (2022), good (2026).
    let overall = v["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["area"] == "Overall effectiveness")
        .expect("overall effectiveness");
    assert_eq!(overall["ranks"], serde_json::json!([2, 1, 2, 3]));
    let grades: Vec<&str> = overall["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert!(grades[0].starts_with("Requires improvement"), "{grades:?}");
    assert_eq!(grades[1], "Inadequate");
    assert!(grades[2].starts_with("Requires improvement"), "{grades:?}");
    assert_eq!(grades[3], "Good");
    // Three steps, each a full comparison of neighbours.
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    for (k, step) in steps.iter().enumerate() {
        assert_eq!(step["schema"], "report-compare/2");
        assert_eq!(step["before"]["name"], v["reports"][k]["name"]);
        assert_eq!(step["after"]["name"], v["reports"][k + 1]["name"]);
    }
    // Every track has a cell per step and a tone per report; some span all four.
    let tracks = v["tracks"].as_array().unwrap();
    assert!(tracks.len() > 50);
    for t in tracks {
        assert_eq!(t["cells"].as_array().unwrap().len(), 3);
        assert_eq!(t["tones"].as_array().unwrap().len(), 4);
    }
    assert!(tracks
        .iter()
        .any(|t| t["tones"].as_array().unwrap().iter().all(|x| !x.is_null())));
}

#[test]
fn markdown_is_a_short_briefing_and_csv_a_row_per_track_and_step() {
    let files = westbrook();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend(["--format", "md"]);
    let md = run(&args);
    assert!(md.status.success());
    let text = String::from_utf8_lossy(&md.stdout);
    assert!(
        text.starts_with("# A series of inspections: 2019 to 2025"),
        "{text}"
    );
    assert!(text.contains("## Ratings across the years"));
    assert!(text.contains("## Persistent concerns"));
    args.truncate(3);
    args.extend(["--format", "csv"]);
    let csv = run(&args);
    assert!(csv.status.success());
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(text.starts_with("track,track_label,kind,line,"));
    // Two steps: every track has two rows.
    assert_eq!((text.lines().count() - 1) % 2, 0);
}

#[test]
fn bad_series_input_exits_2_with_one_line() {
    let [a, b, c] = westbrook();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![&a, &b, &c, "--format", "diff"],
            "for a series use json, md or csv",
        ),
        (
            vec![&a, &b, "/no/such/report.pdf"],
            "cannot read /no/such/report.pdf",
        ),
        (
            vec![&a, &b, "-", "-"],
            "standard input ('-') can be given only once",
        ),
        (
            vec![&a, &b, &c, "--format", "docx"],
            "for a series use json, md or csv",
        ),
        (
            vec![&a, &b, &c, "--corrections", &a],
            "a series takes neither",
        ),
        (
            vec![&a],
            "expected two reports (BEFORE AFTER), or three or more for a series, got 1",
        ),
    ];
    for (args, needle) in cases {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("");
        assert!(
            first.starts_with("report-compare: ") && first.contains(needle),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
    let many: Vec<String> = (0..13).map(|_| a.clone()).collect();
    let args: Vec<&str> = many.iter().map(String::as_str).collect();
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 12 reports"));
}
