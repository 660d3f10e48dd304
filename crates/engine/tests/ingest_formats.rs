//! PDF and DOCX through `ingest`: real reports, realistic generated files
//! (tests/make-format-fixtures.py), and bad files that each test builds itself.
#![cfg(all(feature = "pdf", feature = "docx"))]

mod common;

#[path = "../../../tests/hostile/cases.rs"]
mod cases;
use cases::{deflated_zeros, zip};
use common::{assert_scores, fixture};
use engine::compare::{compare, Comparison};
use engine::findings;
use engine::ingest::{ingest, Document, Format};
use engine::themes::Codebook;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;

fn doc(rel: &str) -> Document {
    ingest(&fixture(rel), rel).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn pair(before: &str, after: &str) -> Comparison {
    compare(&doc(before), &doc(after), &Codebook::builtin())
}

fn gold(pair: &str) -> Value {
    serde_json::from_slice(&fixture(&format!("{pair}/gold.json"))).expect("gold parses")
}

/// The same floor as the text path's (tests/engine.rs): a PDF or DOCX must read as well.
fn assert_gold(c: &Comparison, pair: &str) {
    assert_scores(c, &gold(pair), 0.85, pair);
}

fn err(bytes: &[u8], name: &str) -> String {
    match ingest(bytes, name) {
        Ok(d) => panic!(
            "{name}: read as {:?} with {} blocks",
            d.format,
            d.blocks.len()
        ),
        Err(e) => e.reason,
    }
}

fn finding_texts(d: &Document) -> Vec<String> {
    findings::extract(d).into_iter().map(|s| s.text).collect()
}

/// Findings compared as a reader would: case, quotes and spacing ignored.
fn key(s: &str) -> String {
    s.to_lowercase()
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Share of the text path's findings found word for word among the PDF path's, and the
/// other way round.
fn overlap(pdf: &[String], txt: &[String]) -> (f64, f64) {
    let p: BTreeSet<String> = pdf.iter().map(|s| key(s)).collect();
    let t: BTreeSet<String> = txt.iter().map(|s| key(s)).collect();
    let common = p.intersection(&t).count() as f64;
    (
        common / t.len().max(1) as f64,
        common / p.len().max(1) as f64,
    )
}

// ---------------------------------------------------------------- real and realistic

#[test]
fn seed_letter_as_pdf_and_docx_scores_like_its_text() {
    for before in ["formats/luton-before.pdf", "formats/luton-before.docx"] {
        let c = pair(before, "luton-2021-2023/after.txt");
        assert_gold(&c, "luton-2021-2023");
    }
    let d = doc("formats/luton-before.pdf");
    assert_eq!(d.format, Format::Pdf);
    assert_eq!(d.date.as_ref().map(|d| d.iso.as_str()), Some("2021-06-18"));
}

#[test]
fn school_report_as_pdf_and_docx_scores_like_its_text() {
    for before in ["formats/school-before.pdf", "formats/school-before.docx"] {
        let c = pair(before, "school-2019-2023/after.txt");
        assert_gold(&c, "school-2019-2023");
    }
}

/// Real Ofsted PDF pairs with hand-labelled gold (tests/fixtures/ilacs-gold/, the same as
/// ../shared/fixtures/ilacs-gold/): each must stay at or above its floor, just below
/// today's score.
#[test]
fn real_ofsted_pdf_pairs_meet_their_gold_floors() {
    for (name, floor) in [
        ("dorset-2021-11-19_2025-05-09", 0.80),
        ("luton-2016-03-29_2020-02-24", 0.88),
        ("luton-2020-02-24_2022-09-05", 0.80),
        ("rotherham-2014-11-19_2018-01-29", 0.86),
    ] {
        let (la, dates) = name.split_once('-').expect("pair name");
        let (from, to) = dates.split_once('_').expect("two dates");
        let c = pair(
            &format!("ilacs/{la}-{from}.pdf"),
            &format!("ilacs/{la}-{to}.pdf"),
        );
        let gold: Value =
            serde_json::from_slice(&fixture(&format!("ilacs-gold/{name}.json"))).expect("gold");
        assert_scores(&c, &gold, floor, name);
    }
}

#[test]
fn generated_pdf_keeps_page_furniture_out_and_reads_columns_in_order() {
    let d = doc("formats/luton-before.pdf");
    let texts = finding_texts(&d);
    for t in &texts {
        for junk in ["Ofsted focused visit", "Page 2 of", "Page 3 of", "of 5"] {
            assert!(!t.contains(junk), "page furniture in a finding: {t}");
        }
    }
    // In the two-column section: a sentence wrapped over five short column lines.
    assert!(
        texts.iter().any(|t| t
            == "Timely oversight of contacts coming into the multi-agency safeguarding hub (MASH) helps to ensure that children\u{2019}s circumstances are appropriately assessed."),
        "{texts:#?}"
    );
    // The page break after "Changes in" (as in the original letter) is healed.
    assert!(texts
        .iter()
        .any(|t| t.contains("Changes in culture, more accessible senior managers")));
    // A hyphenated compound at a line end in the columns stays a compound.
    assert!(texts
        .iter()
        .any(|t| t.contains("are evidence-based and appropriate")));
}

#[test]
fn docx_reads_styles_bullets_tables_and_skips_tracked_deletions() {
    let d = doc("formats/school-before.docx");
    assert_eq!(d.format, Format::Docx);
    let grades: Vec<(&str, &str)> = d
        .ratings
        .iter()
        .map(|r| (r.area.as_str(), r.grade.as_str()))
        .collect();
    assert!(
        grades.contains(&("Overall effectiveness", "Requires improvement")),
        "{grades:?}"
    );
    let luton = doc("formats/luton-before.docx");
    let all: String = luton
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all.contains("DELETEDWORDS"), "tracked deletion read");
    assert!(all.contains("Inserted words."), "tracked insertion lost");
    assert!(luton
        .blocks
        .iter()
        .any(|b| b.kind == engine::ingest::BlockKind::Bullet
            && b.text.starts_with("Signposting and referrals")));
    assert!(luton
        .blocks
        .iter()
        .any(|b| b.kind == engine::ingest::BlockKind::Heading && b.text == "Findings"));
}

#[test]
fn luton_2022_to_2026_as_pdfs_compares_like_the_text() {
    let c = pair("ilacs/luton-2022-09-05.pdf", "ilacs/luton-2026-03-10.pdf");
    // A councillor's reading time: the briefing of two ~45-page reports stays short.
    let words = engine::export::to_markdown(&c).split_whitespace().count();
    assert!(words <= 2_500, "briefing is {words} words");
    // The footnote of "What needs to improve?1" in 2026 is not a finding either.
    common::assert_luton_2022_2026(
        &c,
        &[
            "cross-referenced with the outcomes",
            "National Framework. This statutory guidance",
        ],
    );

    // The findings match the text path's (pdftotext output of the same files).
    for (pdf, txt) in [
        ("ilacs/luton-2022-09-05.pdf", "ilacs/luton-2022-09-05.txt"),
        ("ilacs/luton-2026-03-10.pdf", "ilacs/luton-2026-03-10.txt"),
    ] {
        let (p, t) = (finding_texts(&doc(pdf)), finding_texts(&doc(txt)));
        let (of_text, of_pdf) = overlap(&p, &t);
        eprintln!(
            "{pdf}: {} findings (text {}); {:.1}% of the text path's found, {:.1}% of the PDF path's in the text path",
            p.len(),
            t.len(),
            of_text * 100.0,
            of_pdf * 100.0
        );
        assert!(
            of_text >= 0.95 && of_pdf >= 0.95,
            "{pdf}: overlap {of_text:.3} / {of_pdf:.3}"
        );
    }
}

// ---------------------------------------------------------------- hand-built PDFs

/// A PDF from numbered object bodies (1 = catalog, 2 = pages), with a correct xref.
fn pdf(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        write!(out, "{} 0 obj\n{body}\nendobj\n", i + 1).unwrap();
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R /ID [<0123456789abcdef> <0123456789abcdef>] >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

fn stream(dict: &str, data: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{data}\nendstream",
        data.len()
    )
}

/// One A4 page with the given fonts, XObjects and content.
fn one_page(fonts: &str, xobjects: &str, content: &str, extra: &[String]) -> Vec<u8> {
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << {fonts} >> /XObject << {xobjects} >> >> /Contents 4 0 R >>"),
        stream("", content),
    ];
    objs.extend(extra.iter().cloned());
    pdf(&objs)
}

const HELVETICA: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// Lines of text, 14 pt apart, in Helvetica.
fn text_page(lines: &[&str]) -> Vec<u8> {
    let body: String = lines
        .iter()
        .map(|l| format!("({}) Tj T*\n", l.replace('(', "\\(").replace(')', "\\)")))
        .collect();
    one_page(
        "/F1 5 0 R",
        "",
        &format!("BT /F1 11 Tf 14 TL 72 770 Td\n{body}ET"),
        &[HELVETICA.to_string()],
    )
}

const LETTER: [&str; 6] = [
    "Leaders have strengthened oversight of front door decisions this year.",
    "",
    "Most children receive timely help from skilled and caring practitioners.",
    "",
    "Plans for children in care are not consistently clear about next steps.",
    "",
];

#[test]
fn a_plain_hand_built_pdf_reads() {
    let d = ingest(&text_page(&LETTER), "letter.pdf").expect("reads");
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts[0].starts_with("Leaders have strengthened oversight"));
}

#[test]
fn password_protected_pdf_says_so() {
    use lopdf::{Document as Pdf, EncryptionState, EncryptionVersion, Permissions};
    let mut doc = Pdf::load_mem(&text_page(&LETTER)).expect("plain PDF loads");
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: Permissions::default(),
    })
    .expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    let reason = err(&bytes, "locked.pdf");
    assert!(reason.contains("password-protected"), "{reason}");
}

#[test]
fn pdf_encrypted_with_an_empty_password_is_read() {
    use lopdf::{Document as Pdf, EncryptionState, EncryptionVersion, Permissions};
    let mut doc = Pdf::load_mem(&text_page(&LETTER)).expect("plain PDF loads");
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "",
        key_length: 128,
        permissions: Permissions::PRINTABLE,
    })
    .expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    let d = ingest(&bytes, "restricted.pdf").expect("owner-restricted PDFs open");
    assert!(d.blocks[0]
        .text
        .starts_with("Leaders have strengthened oversight"));
}

#[test]
fn scanned_pdf_without_text_says_run_ocr() {
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode",
        "00FF FF00>",
    );
    let bytes = one_page("", "/Im1 5 0 R", "q 595 0 0 842 0 0 cm /Im1 Do Q", &[image]);
    let reason = err(&bytes, "scan.pdf");
    assert!(
        reason.contains("this PDF is an image") && reason.contains("OCR"),
        "{reason}"
    );
}

#[test]
fn truncated_and_corrupt_pdfs_are_refused_clearly() {
    let real = fixture("ilacs/luton-2022-09-05.pdf");
    for (bytes, what) in [
        (real[..real.len() / 3].to_vec(), "cut to a third"),
        (real[..2000].to_vec(), "first 2 KB"),
        (
            b"%PDF-1.7\n\x00\x01garbage that is not a PDF at all\n%%EOF".to_vec(),
            "garbage",
        ),
        (b"%PDF-".to_vec(), "header only"),
    ] {
        match ingest(&bytes, "cut.pdf") {
            Err(e) => assert!(
                e.reason.contains("damaged or incomplete") || e.reason.contains("no text"),
                "{what}: {}",
                e.reason
            ),
            // A repairable truncation gives what it can, and says so.
            Ok(d) => assert!(
                !d.blocks.is_empty() && d.notes.iter().any(|n| n.contains("incomplete")),
                "{what}: {:?}",
                d.notes
            ),
        }
    }
}

#[test]
fn a_pdf_that_is_really_a_web_page_without_a_report_is_refused() {
    // The real file: a saved Ofsted "Report not found" page, named as the PDF it replaced.
    let page = fixture("ilacs/rotherham-2012-08-10.pdf");
    let reason = err(&page, "rotherham-2012-08-10.pdf");
    assert!(
        reason.starts_with("no report text found") && reason.contains("web page"),
        "{reason}"
    );
    // A web page that does hold a report, misnamed .pdf, is read as HTML with a note.
    let story = "<p>Inspectors found that leaders have improved the help children receive, and that most plans are now clear and reviewed often.</p>".repeat(6);
    let html = format!(
        "<!DOCTYPE html>\n<html><head><title>Ofsted</title></head><body>{story}</body></html>"
    );
    let d = ingest(html.as_bytes(), "rotherham-2012-08-10.pdf").expect("read as HTML");
    assert_eq!(d.format, Format::Html);
    assert!(
        d.notes.iter().any(|n| n.contains("web page")),
        "{:?}",
        d.notes
    );
}

#[test]
fn two_hundred_megabytes_are_refused_with_the_limit() {
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(200 * 1024 * 1024, b' ');
    let reason = err(&big, "huge.pdf");
    assert!(
        reason.contains("200.0 MB") && reason.contains("limit is 64 MB"),
        "{reason}"
    );
    big[..9].copy_from_slice(b"plain txt");
    let reason = err(&big, "huge.txt");
    assert!(reason.contains("limit is 16 MB"), "{reason}");
}

#[test]
fn one_bad_font_mapping_does_not_lose_the_page() {
    let broken_cmap = stream(
        "",
        "begincmap beginbfrange <0001> [ <zz endbfchar )( garbage",
    );
    let bad_font = "<< /Type /Font /Subtype /Type0 /BaseFont /Broken /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>";
    let cid = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Broken /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>";
    let content = "BT /F2 11 Tf 72 790 Td <0001000200030004> Tj ET\n\
                   BT /F1 11 Tf 14 TL 72 770 Td (Visits to children are regular and purposeful in every team.) Tj T* ET\n\
                   BT /F9 11 Tf 72 700 Td (Unknown font name still shows its text here.) Tj ET";
    let bytes = one_page(
        "/F1 5 0 R /F2 8 0 R",
        "",
        content,
        &[
            HELVETICA.to_string(),
            broken_cmap,
            cid.to_string(),
            bad_font.to_string(),
        ],
    );
    let d = ingest(&bytes, "fonts.pdf").expect("page still read");
    let all: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(
        all.iter()
            .any(|t| t.contains("Visits to children are regular and purposeful")),
        "{all:?}"
    );
    assert!(
        all.iter()
            .any(|t| t.contains("Unknown font name still shows")),
        "{all:?}"
    );
}

/// A composite font whose codes are ASCII plus ligatures, soft hyphen and curly quotes.
fn typographic_pdf(lines: &[&str]) -> Vec<u8> {
    let specials = [
        ('\u{FB01}', 0xC0u16),
        ('\u{FB02}', 0xC1),
        ('\u{AD}', 0xC2),
        ('\u{2019}', 0xC3),
        ('\u{201C}', 0xC4),
        ('\u{201D}', 0xC5),
    ];
    let hex = |s: &str| -> String {
        s.chars()
            .map(|c| {
                let code = specials
                    .iter()
                    .find(|(ch, _)| *ch == c)
                    .map_or(c as u16, |(_, code)| *code);
                format!("{code:04X}")
            })
            .collect()
    };
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfrange <0020> <007E> <0020> endbfrange\n6 beginbfchar\n",
    );
    for (ch, code) in specials {
        cmap.push_str(&format!("<{code:04X}> <{:04X}>\n", ch as u32));
    }
    cmap.push_str("endbfchar endcmap");
    // Widths: 500 for all but the space (250) and the ligatures (556).
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /Carlito /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>";
    let cid = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Carlito /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [32 [250] 192 [556 556]] >>";
    let body: String = lines
        .iter()
        .map(|l| format!("<{}> Tj T*\n", hex(l)))
        .collect();
    one_page(
        "/F1 5 0 R",
        "",
        &format!("BT /F1 11 Tf 14 TL 72 770 Td\n{body}ET"),
        &[font.to_string(), stream("", &cmap), cid.to_string()],
    )
}

#[test]
fn ligatures_soft_hyphens_quotes_and_compounds() {
    let bytes = typographic_pdf(&[
        "The \u{FB01}rst \u{FB02}exible pro\u{FB01}le made an assess\u{AD}",
        "ment of the cross-sectional data that was \u{201C}outstanding\u{201D} and the",
        "council\u{2019}s cross-",
        "sectional review was thorough and timely for every child.",
    ]);
    let d = ingest(&bytes, "typography.pdf").expect("reads");
    let all: String = d
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        all.contains("The first flexible profile made an assessment of the"),
        "{all}"
    );
    assert!(all.contains("\u{201C}outstanding\u{201D}"), "{all}");
    assert!(
        all.contains("council\u{2019}s cross-sectional review"),
        "{all}"
    );
    assert!(
        !all.contains('\u{AD}') && !all.contains('\u{FB01}'),
        "{all}"
    );
}

// ---------------------------------------------------------------- bad DOCX and others

// zip() and deflated_zeros() are the hostile corpus's builders (tests/hostile/cases.rs).

#[test]
fn zip_bomb_posing_as_docx_is_refused() {
    let bomb = deflated_zeros(200 * 1024 * 1024);
    assert!(
        bomb.len() < 2 * 1024 * 1024,
        "a bomb is small: {}",
        bomb.len()
    );
    // Declaring its real size, or a small one (then inflating is stopped at the cap or
    // at the size, and the checksum fails).
    for (declared, says) in [(200 * 1024 * 1024, "zip bomb"), (1000, "damaged")] {
        let bytes = zip(&[
            ("[Content_Types].xml", 0, b"<Types/>".to_vec(), 8),
            ("word/document.xml", 8, bomb.clone(), declared),
        ]);
        let reason = err(&bytes, "report.docx");
        assert!(reason.contains(says), "{reason}");
    }

    let many: Vec<(String, Vec<u8>)> = (0..12_000)
        .map(|i| (format!("word/media/{i}.xml"), Vec::new()))
        .collect();
    let mut entries: Vec<(&str, u16, Vec<u8>, u32)> = many
        .iter()
        .map(|(n, d)| (n.as_str(), 0, d.clone(), 0))
        .collect();
    entries.push(("word/document.xml", 0, b"<w:document/>".to_vec(), 13));
    let reason = err(&zip(&entries), "many.docx");
    assert!(
        reason.contains("12001 parts") && reason.contains("zip bomb"),
        "{reason}"
    );
}

#[test]
fn other_document_formats_name_what_works() {
    let supported = ".txt, .md, .html, .pdf and .docx";
    let odt = zip(&[
        (
            "mimetype",
            0,
            b"application/vnd.oasis.opendocument.text".to_vec(),
            39,
        ),
        ("content.xml", 0, b"<office:document-content/>".to_vec(), 26),
    ]);
    let pages = zip(&[("Index/Document.iwa", 0, vec![1, 2, 3], 3)]);
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let not_word = zip(&[("readme.txt", 0, b"hello".to_vec(), 5)]);
    for (bytes, name, says) in [
        (&odt, "report.odt", "OpenDocument (.odt)"),
        (&odt, "report.docx", "OpenDocument (.odt)"),
        (&pages, "report.pages", "Apple Pages"),
        (&ole, "report.doc", "old-style Word (.doc)"),
        (&b"{\\rtf1\\ansi Hello}".to_vec(), "report.rtf", "Rich Text"),
        (&not_word, "archive.zip", "zip archive"),
        (&not_word, "report.docx", "no Word document inside"),
        (
            &b"<html>not really</html>".to_vec(),
            "fake.docx",
            "not a Word document inside",
        ),
    ] {
        let reason = err(bytes, name);
        assert!(reason.contains(says), "{name}: {reason}");
        if !name.ends_with(".docx") || says.contains("OpenDocument") {
            assert!(reason.contains(supported), "{name}: {reason}");
        }
    }
}

#[test]
fn truncated_docx_is_refused_clearly() {
    let real = fixture("formats/luton-before.docx");
    for cut in [real.len() / 2, 100] {
        let reason = err(&real[..cut], "cut.docx");
        assert!(reason.contains("damaged or incomplete"), "{reason}");
    }
}

#[test]
fn pdf_pages_are_reported_as_they_are_read() {
    let bytes = fixture("ilacs/luton-2022-09-05.pdf");
    let mut seen = Vec::new();
    let doc = engine::ingest::ingest_with_progress(&bytes, "luton.pdf", &mut |done, total| {
        seen.push((done, total))
    })
    .expect("reads");
    assert!(!doc.blocks.is_empty());
    let total = seen.first().map(|s| s.1).expect("progress reported");
    assert!(total >= 10, "{total} pages");
    assert_eq!(seen, (1..=total).map(|d| (d, total)).collect::<Vec<_>>());
}
