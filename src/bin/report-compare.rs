//! Native CLI over the engine.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--version" || a == "-V") {
        println!("report-compare {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    if args.len() != 2 {
        eprintln!("usage: report-compare BEFORE AFTER");
        std::process::exit(2);
    }
    let read = |p: &str| match std::fs::read(p) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("report-compare: cannot read {p}: {e}");
            std::process::exit(2);
        }
    };
    let (a, b) = (read(&args[0]), read(&args[1]));
    for span in report_compare::diff::word_diff(&a, &b) {
        match span.change {
            report_compare::diff::Change::Same => print!("{}", span.text),
            report_compare::diff::Change::Deleted => print!("[-{}-]", span.text),
            report_compare::diff::Change::Inserted => print!("{{+{}+}}", span.text),
        }
    }
    println!();
}
