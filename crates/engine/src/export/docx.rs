//! The briefing as a Word document (see [`super::briefing`] for what it says), written
//! with docx-rs: Word's own styles (Title, Heading 1 and 2, Quote), so the navigation pane
//! and a table of contents work, and the ratings as a real table. A4, deterministic (the
//! package's dates are fixed and its ids numbered from the start each time).
//!
//! docx-rs makes the package's parts; `pack` zips them with the `zip` crate the DOCX
//! reader already uses, deflated. (docx-rs's own packer stores them uncompressed, a file
//! twice the size, and brings a second zip crate with three compressors into the worker's
//! wasm, about 200 KB gzipped, for no gain.)
//!
//! Report text only ever goes into text runs (`w:t`), which Word never reads as fields,
//! so "{ MERGEFIELD x }" in a finding stays those characters; [`plain`] takes out the
//! control characters XML can't carry.

use super::briefing::{self, Briefing, Names, QuotedTopic, Reviewer};
use super::{plain, verdict_icon, verdict_words};
use crate::compare::{Comparison, Verdict};
use crate::overrides::Overrides;

/// Why the Word file could not be written (a defect here, never the reports' fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordError(pub String);

impl std::fmt::Display for WordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WordError {}
use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts, Shading, SpecialIndentType,
    Start, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

/// The numbering the bullet paragraphs use.
const BULLETS: usize = 1;
/// Column widths of the ratings table, in twentieths of a point (A4 text width ≈ 9,638).
const RATING_COLUMNS: [usize; 4] = [2_900, 2_250, 2_250, 2_238];

/// The Word briefing of a comparison as it stands.
pub fn to_docx(c: &Comparison) -> Result<Vec<u8>, WordError> {
    render(&briefing::of(c))
}

/// The Word briefing with a person's corrections marked as theirs and listed at the end.
pub fn corrected(base: &Comparison, corrections: &Overrides) -> Result<Vec<u8>, WordError> {
    render(&briefing::corrected(base, corrections))
}

/// Report text for a run: see [`plain`]; a line break inside a finding reads as a space.
fn text(s: &str) -> String {
    plain(s).replace('\n', " ")
}

fn run(s: &str) -> Run {
    Run::new().add_text(text(s))
}

/// A paragraph of the Normal style, named: docx-rs writes no default style, and readers
/// other than Word (python-docx, for one) then see a paragraph with no style at all.
fn normal() -> Paragraph {
    Paragraph::new().style("Normal")
}

fn para(s: &str) -> Paragraph {
    normal().add_run(run(s))
}

fn heading(level: usize, s: &str) -> Paragraph {
    para(s).style(&format!("Heading{level}")).keep_next(true)
}

fn bullet(p: Paragraph) -> Paragraph {
    p.numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
}

fn verdict(v: Verdict) -> String {
    format!("{} {}", verdict_icon(v), verdict_words(v))
}

fn styles(doc: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, outline: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .bold()
            .size(size)
            .color("1F3864")
            .outline_lvl(outline)
    };
    doc.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .size(40)
            .bold(),
    )
    .add_style(heading("Heading1", "heading 1", 28, 0))
    .add_style(heading("Heading2", "heading 2", 24, 1))
    .add_style(
        Style::new("Quote", StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .indent(Some(567), None, None, None),
    )
}

fn render(b: &Briefing) -> Result<Vec<u8>, WordError> {
    let mut doc = styles(Docx::new())
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .default_size(22)
        .page_margin(
            PageMargin::new()
                .top(1_134)
                .bottom(1_134)
                .left(1_134)
                .right(1_134),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(567),
                    Some(SpecialIndentType::Hanging(283)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS));

    doc = doc.add_paragraph(para("What changed between two reports").style("Title"));
    for (side, r) in [("Earlier", &b.earlier), ("Later", &b.later)] {
        let mut p = normal().add_run(Run::new().add_text(format!("{side}: ")).bold());
        if let Some(t) = &r.title {
            p = p.add_run(run(t)).add_run(Run::new().add_text(" — "));
        }
        let date = r.date.as_deref().unwrap_or("no date found");
        p = p.add_run(run(&format!("{}, {date}", r.name)));
        doc = doc.add_paragraph(p);
    }

    if !b.ratings.is_empty() {
        doc = doc.add_paragraph(heading(1, "Ratings"));
        doc = doc.add_table(ratings(b));
    }

    doc = doc
        .add_paragraph(heading(1, "Summary"))
        .add_paragraph(para(&format!("{}.", b.headline)));
    for (word, names) in &b.movements {
        doc = doc.add_paragraph(bullet(
            normal()
                .add_run(Run::new().add_text(format!("{word}: ")).bold())
                .add_run(run(&names.join("; "))),
        ));
    }

    if let Some(p) = &b.points {
        doc = doc.add_paragraph(heading(1, "What needed to improve, and now"));
        for point in p.earlier.iter().chain(&p.later) {
            doc = doc.add_paragraph(bullet(
                para(&format!("{} — ", point.text)).add_run(Run::new().add_text(point.fate).bold()),
            ));
        }
        if p.earlier_more > 0 {
            doc = doc.add_paragraph(bullet(para(&format!(
                "… and {} more points from the earlier report",
                p.earlier_more
            ))));
        }
        if p.later_more > 0 {
            doc = doc.add_paragraph(bullet(para(&format!(
                "… and {} more new points",
                p.later_more
            ))));
        }
    }

    for t in &b.themes {
        let mut h = heading(1, &format!("{} — {}", t.label, verdict(t.verdict)));
        if t.reviewer.is_some() {
            h = h.add_run(Run::new().add_text(" (set by the reviewer)"));
        }
        doc = doc.add_paragraph(h);
        if let Some(r) = &t.reviewer {
            doc = doc.add_paragraph(reviewer("The reviewer set this theme’s verdict.", r));
        }
        for tp in &t.quoted {
            doc = topic(doc, tp);
        }
        for (what, list) in [
            ("Also", &t.also),
            ("New in the later report", &t.new),
            ("Not mentioned in the later report", &t.dropped),
        ] {
            if let Some(p) = names(what, list) {
                doc = doc.add_paragraph(p);
            }
        }
    }

    if !b.corrections.is_empty() {
        doc = doc.add_paragraph(heading(1, "Corrections made by the reviewer"));
        for c in &b.corrections {
            doc = doc.add_paragraph(bullet(para(c)));
        }
    }
    doc = doc
        .add_paragraph(heading(1, "How this was made"))
        .add_paragraph(para(&briefing::how_made()));

    pack(doc.build()).map_err(|e| WordError(format!("could not write the Word file: {e}")))
}

/// The package's parts in a zip, as docx-rs's own packer lays them out (same names, same
/// order), deflated and dated 1980-01-01 so the same briefing is the same bytes. This
/// briefing has no headers, footers, images, task panes or custom XML: a part of those
/// kinds would be a defect here, so it is refused rather than dropped.
fn pack(xml: docx_rs::XMLDocx) -> Result<Vec<u8>, String> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    if !(xml.headers.is_empty()
        && xml.footers.is_empty()
        && xml.media.is_empty()
        && xml.taskpanes.is_none()
        && xml.custom_items.is_empty())
    {
        return Err("the document has parts this packer does not write".to_string());
    }
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts: [(&str, &[u8]); 14] = [
        ("[Content_Types].xml", &xml.content_type),
        ("_rels/.rels", &xml.rels),
        ("docProps/app.xml", &xml.doc_props.app),
        ("docProps/core.xml", &xml.doc_props.core),
        ("docProps/custom.xml", &xml.doc_props.custom),
        ("word/_rels/document.xml.rels", &xml.document_rels),
        ("word/document.xml", &xml.document),
        ("word/styles.xml", &xml.styles),
        ("word/settings.xml", &xml.settings),
        ("word/fontTable.xml", &xml.font_table),
        ("word/comments.xml", &xml.comments),
        ("word/numbering.xml", &xml.numberings),
        ("word/commentsExtended.xml", &xml.comments_extended),
        ("word/footnotes.xml", &xml.footnotes),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    let out = zip.finish().map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn ratings(b: &Briefing) -> Table {
    let cell = |p: Paragraph, width: usize| {
        TableCell::new()
            .add_paragraph(p)
            .width(width, WidthType::Dxa)
    };
    let head = TableRow::new(
        ["Area", "Earlier", "Later", "Change"]
            .iter()
            .zip(RATING_COLUMNS)
            .map(|(h, w)| {
                cell(normal().add_run(Run::new().add_text(*h).bold()), w)
                    .shading(Shading::new().fill("E7E6E6"))
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![head];
    for r in &b.ratings {
        let [w0, w1, w2, w3] = RATING_COLUMNS;
        let mut change = TableCell::new()
            .add_paragraph(para(&r.change))
            .width(w3, WidthType::Dxa);
        if let Some(note) = &r.note {
            change = change
                .add_paragraph(normal().add_run(run(&format!("Note: {note}")).italic().size(18)));
        }
        rows.push(
            TableRow::new(vec![
                cell(para(&r.area), w0),
                cell(para(&r.earlier), w1),
                cell(para(&r.later), w2),
                change,
            ])
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(RATING_COLUMNS.to_vec())
        .width(RATING_COLUMNS.iter().sum(), WidthType::Dxa)
}

fn reviewer(what: &str, r: &Reviewer) -> Paragraph {
    let mut p = normal().add_run(Run::new().add_text(what).bold().color("1F3864"));
    if let Some(note) = &r.note {
        p = p.add_run(run(&format!(" Their note: “{note}”")));
    }
    p
}

fn topic(mut doc: Docx, tp: &QuotedTopic) -> Docx {
    doc = doc.add_paragraph(heading(2, &tp.label));
    let mut line = normal()
        .add_run(Run::new().add_text(verdict(tp.verdict)).bold())
        .keep_next(true);
    if !tp.why.is_empty() {
        line = line.add_run(run(&format!(" ({})", tp.why)));
    }
    doc = doc.add_paragraph(line);
    if let Some(r) = &tp.topic_reviewer {
        doc = doc.add_paragraph(reviewer("The reviewer set this topic’s verdict.", r));
    }
    for (side, q) in [("Earlier", &tp.earlier), ("Later", &tp.later)] {
        if let Some(q) = q {
            let mut p = normal()
                .style("Quote")
                .keep_lines(true)
                .add_run(Run::new().add_text(format!("{side}: ")).bold())
                .add_run(run(&format!("“{}”", q.text)));
            if let Some(whose) = q.speaker {
                p = p.add_run(Run::new().add_text(format!(" ({whose})")).italic());
            }
            doc = doc.add_paragraph(p);
        }
    }
    if let Some(c) = &tp.caveat {
        doc = doc.add_paragraph(normal().add_run(run(&format!("Note: {c}.")).italic()));
    }
    if let Some(r) = &tp.pair_reviewer {
        doc = doc.add_paragraph(reviewer("The reviewer corrected this pair.", r));
    }
    doc
}

fn names(what: &str, list: &Names) -> Option<Paragraph> {
    if list.is_empty() {
        return None;
    }
    let mut p = normal().add_run(Run::new().add_text(format!("{what}: ")).bold());
    for (i, n) in list.names.iter().enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_text("; "));
        }
        p = p.add_run(run(&n.text));
        if n.reviewer {
            p = p.add_run(Run::new().add_text(" (set by the reviewer)").italic());
        }
    }
    if list.more > 0 {
        p = p.add_run(Run::new().add_text(format!(" (and {} more)", list.more)));
    }
    Some(p.align(AlignmentType::Left))
}
