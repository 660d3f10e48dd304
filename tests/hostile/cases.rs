//! The hostile corpus: inputs that are empty, binary, misnamed, cut off, huge, looping or
//! built to exhaust a parser, with what `ingest` must make of each. Pure builders (no
//! files, no clock), so the same cases run natively (crates/cli/tests/hostile.rs, which also writes
//! the small ones as fuzz seeds) and in a browser (crates/worker/tests/engine_in_browser.rs can `#[path]`-include
//! this file and loop over [`small_cases`]).
//!
//! `small_cases()`: every case under 100 KB, cheap in a debug build or in wasm.
//! `large_cases()`: builders for the big ones (tens of MB, a million lines), generated
//! only when a test runs them, never committed.

#![allow(dead_code)]

use std::io::Write;

/// What `ingest` must do with a case.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// Read, with at least one block of text.
    Read,
    /// Refused; the reason contains one of these words.
    Refused(&'static [&'static str]),
    /// Either, as long as it returns (a repairable file may be read in part).
    Either,
}

pub struct Case {
    /// Short id, also the seed file's stem.
    pub id: &'static str,
    /// The file name given to `ingest` (the extension steers sniffing).
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

/// Checks one outcome against what the case expects; returns a failure, if any.
pub fn judge(case_id: &str, expect: Expect, outcome: Result<usize, String>) -> Option<String> {
    match (expect, outcome) {
        (Expect::Read, Ok(blocks)) if blocks > 0 => None,
        (Expect::Read, Ok(_)) => Some(format!("{case_id}: read with no blocks")),
        (Expect::Read, Err(e)) => Some(format!("{case_id}: refused: {e}")),
        (Expect::Refused(words), Err(e)) if words.iter().any(|w| e.contains(w)) => None,
        (Expect::Refused(words), Err(e)) => {
            Some(format!("{case_id}: refused, but not with {words:?}: {e}"))
        }
        (Expect::Refused(_), Ok(blocks)) => Some(format!(
            "{case_id}: read ({blocks} blocks), should be refused"
        )),
        (Expect::Either, _) => None,
    }
}

fn case(id: &'static str, file_name: &str, bytes: Vec<u8>, expect: Expect) -> Case {
    Case {
        id,
        file_name: file_name.to_string(),
        bytes,
        expect,
    }
}

const TOO_LARGE: Expect = Expect::Refused(&["the limit is"]);
const DAMAGED_PDF: Expect = Expect::Refused(&["damaged or incomplete", "no text"]);

/// Prose that reads as a report (a few findings), for the cases that must be read.
pub const PROSE: &str = "Leaders have strengthened oversight of front door decisions this year.\n\nMost children receive timely help from skilled and caring practitioners.\n\nPlans for children in care are not consistently clear about next steps.\n";

/// A longer report (well over the 100 words a web page needs), for the web-page cases.
pub const REPORT: &str = "Leaders have strengthened oversight of front door decisions this year, and managers now review every contact within a day.\n\nMost children receive timely help from skilled and caring practitioners who know their families well.\n\nPlans for children in care are not consistently clear about next steps, and some reviews are late.\n\nSocial workers say that caseloads are manageable and that supervision helps them to reflect on their practice.\n\nThe quality of assessments has improved since the last inspection, although a small number still lack analysis of risk.\n\nCare leavers are supported into education, training and work by personal advisers who stay in touch.\n";

/// Deterministic noise (no rand crate): a multiplicative hash of the index.
pub fn noise(n: usize) -> Vec<u8> {
    (0..n as u64)
        .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8)
        .collect()
}

fn utf16(text: &str, be: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if be { b"\xfe\xff" } else { b"\xff\xfe" });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

/// One start tag carrying `n` attributes made by `attr(i)`.
pub fn many_attributes(n: usize, attr: impl Fn(usize) -> String) -> Vec<u8> {
    let mut html = String::from("<!DOCTYPE html><html><body><p ");
    for i in 0..n {
        html.push_str(&attr(i));
        html.push(' ');
    }
    html.push('>');
    html.push_str(&REPORT.replace("\n\n", "</p><p>"));
    html.push_str("</p></body></html>");
    html.into_bytes()
}

/// A saved "page not found": the page furniture of a real site around two sentences.
pub fn not_found_page() -> Vec<u8> {
    b"<!DOCTYPE html><html><head><title>Report not found - Find an Inspection Report</title></head><body>\
<div class=\"cookie-banner\"><p>We use cookies to collect information about how you use this website.</p><button>Accept all cookies</button></div>\
<header><a href=\"/\">Homepage</a></header><ol class=\"breadcrumbs\"><li><a href=\"/\">Home</a></li><li>Report not found</li></ol>\
<main><h1>Report not found</h1><p>Sorry, the document you requested no longer exists.</p><p>To find the report you are looking for:</p>\
<ul><li>Go to our homepage</li><li>Use our search to find inspection reports for schools, colleges, childcare or social care.</li></ul>\
<p>We recommend linking to a page instead of a pdf report.</p></main><footer><ul><li>Terms of use</li><li>Privacy</li></ul></footer></body></html>".to_vec()
}

// ---------------------------------------------------------------- PDF

/// A PDF from numbered object bodies (1 = catalog, 2 = pages), with a correct xref.
pub fn pdf(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        write!(out, "{} 0 obj\n{body}\nendobj\n", i + 1).expect("vec write");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).expect("vec write");
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").expect("vec write");
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R /ID [<0123456789abcdef> <0123456789abcdef>] >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .expect("vec write");
    out
}

fn stream(dict: &str, data: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{data}\nendstream",
        data.len()
    )
}

const HELVETICA: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// The objects of a one-page PDF of `lines` in Helvetica, 14 pt apart.
fn page_objects(lines: &[String], contents_dict: &str) -> Vec<String> {
    let body: String = lines.iter().map(|l| format!("({l}) Tj T*\n")).collect();
    let content = format!("BT /F1 11 Tf 14 TL 72 770 Td\n{body}ET");
    let contents = if contents_dict.is_empty() {
        stream("", &content)
    } else {
        format!("<< {contents_dict} >>\nstream\n{content}\nendstream")
    };
    vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        contents,
        HELVETICA.to_string(),
    ]
}

/// [`REPORT`] wrapped at ~70 characters, blank lines between paragraphs: a page of
/// distinct lines (repeated ones would be taken for running headers), ~1.5 KB as a PDF.
pub fn report_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in REPORT.split("\n\n") {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if line.len() + word.len() > 70 {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
        lines.push(String::new());
    }
    lines
}

pub fn good_pdf() -> Vec<u8> {
    pdf(&page_objects(&report_lines(), ""))
}

/// The good PDF with its contents stream's /Length replaced.
fn pdf_with_length(length: &str) -> Vec<u8> {
    pdf(&page_objects(&report_lines(), &format!("/Length {length}")))
}

/// The good PDF without its xref table, trailer and startxref.
fn pdf_without_xref() -> Vec<u8> {
    let bytes = good_pdf();
    let at = bytes
        .windows(5)
        .rposition(|w| w == b"xref\n")
        .unwrap_or(bytes.len());
    let mut cut = bytes[..at].to_vec();
    cut.extend_from_slice(b"%%EOF\n");
    cut
}

/// A page tree whose /Kids point back at itself (and a page whose parent is itself).
fn pdf_page_tree_loop() -> Vec<u8> {
    let mut objects = page_objects(&report_lines(), "");
    objects[1] = "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_string();
    objects[2] = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string();
    pdf(&objects)
}

/// The good PDF encrypted (RC4 128) with the given user password ("" opens it).
pub fn encrypted_pdf(user_password: &str) -> Vec<u8> {
    use lopdf::{Document as Pdf, EncryptionState, EncryptionVersion, Permissions};
    let mut doc = Pdf::load_mem(&good_pdf()).expect("plain PDF loads");
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: Permissions::PRINTABLE,
    })
    .expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    bytes
}

// ---------------------------------------------------------------- DOCX

/// A zip archive of (name, method, data, declared size) entries, written by hand:
/// method 0 = stored, 8 = deflated (data already deflated).
pub fn zip(entries: &[(&str, u16, Vec<u8>, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, size) in entries {
        let offset = out.len() as u32;
        let crc = if *method == 0 { crc32(data) } else { 0 };
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&[0, 0, 0x21, 0]);
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central {
                h.extend_from_slice(&[0; 6]);
                h.extend_from_slice(&0u32.to_le_bytes());
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    let n = (entries.len().min(0xFFFF) as u16).to_le_bytes();
    out.extend_from_slice(&n);
    out.extend_from_slice(&n);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Raw deflate of `n` zero bytes: one fixed-Huffman block of a literal 0 and 258-byte
/// back-references at distance 1, as zip bombs are made.
pub fn deflated_zeros(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u64, 0u32);
    let mut put = |value: u32, len: u32, reversed: bool, out: &mut Vec<u8>| {
        let v = if reversed {
            value.reverse_bits() >> (32 - len)
        } else {
            value
        };
        acc |= (v as u64) << bits;
        bits += len;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    };
    put(1, 1, false, &mut out);
    put(1, 2, false, &mut out);
    put(0x30, 8, true, &mut out);
    for _ in 0..n.saturating_sub(1) / 258 {
        put(0b1100_0101, 8, true, &mut out);
        put(0, 5, true, &mut out);
    }
    put(0, 7, true, &mut out);
    put(0, 7, false, &mut out);
    out
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn paragraphs_xml() -> String {
    PROSE
        .split("\n\n")
        .map(|p| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", p.trim()))
        .collect()
}

/// A minimal Word document with `document_xml` as its body part, plus `extra` entries.
pub fn docx(document_xml: &str, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut entries: Vec<(&str, u16, Vec<u8>, u32)> =
        vec![("[Content_Types].xml", 0, b"<Types/>".to_vec(), 8)];
    for (name, data) in extra {
        entries.push((name, 0, data.clone(), data.len() as u32));
    }
    let xml = document_xml.as_bytes().to_vec();
    let len = xml.len() as u32;
    entries.push(("word/document.xml", 0, xml, len));
    zip(&entries)
}

pub fn good_docx() -> Vec<u8> {
    docx(
        &format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            paragraphs_xml()
        ),
        &[],
    )
}

fn billion_laughs_docx() -> Vec<u8> {
    let mut dtd = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push(']');
    dtd.push('>');
    docx(
        &format!("<?xml version=\"1.0\"?>{dtd}<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>{}</w:body></w:document>", paragraphs_xml()),
        &[],
    )
}

// ---------------------------------------------------------------- the corpus

/// Every small case (each under 100 KB), in a fixed order.
pub fn small_cases() -> Vec<Case> {
    let mut cases = vec![
        case("empty", "empty.txt", Vec::new(), Expect::Refused(&["empty"])),
        case("whitespace", "blank.txt", b" \n\t\r\n   \n".to_vec(), Expect::Refused(&["empty"])),
        case("invalid-utf8", "latin1.txt", b"Leaders are effective \xe9\xe8 in their work with children and families.\n".to_vec(), Expect::Read),
        case("utf16le-bom", "utf16le-bom.txt", utf16(PROSE, false, true), Expect::Read),
        case("utf16be-bom", "utf16be-bom.txt", utf16(PROSE, true, true), Expect::Read),
        case("utf16le-nobom", "utf16le.txt", utf16(PROSE, false, false), Expect::Read),
        case("utf16be-nobom", "utf16be.txt", utf16(PROSE, true, false), Expect::Read),
        case("script-only", "script.html", b"<html><head><script>var report = 'Leaders are effective.';</script><style>p{}</style></head><body><script>document.write('x')</script></body></html>".to_vec(), Expect::Refused(&["no report text"])),
        case("not-found-page", "rotherham-2012-08-10.pdf", not_found_page(), Expect::Refused(&["no report text"])),
        case("attrs-20k-empty", "attrs.html", many_attributes(20_000, |_| "a".to_string()), Expect::Read),
        case("attrs-10k-slash", "attrs-slash.html", many_attributes(10_000, |i| format!("a{i}=v/")), Expect::Read),
        case("nested-divs-5k", "nested.html", {
            let mut h = "<div>".repeat(5_000);
            h.push_str(&REPORT.replace("\n\n", "</p><p>"));
            h.push_str(&"</div>".repeat(5_000));
            h.into_bytes()
        }, Expect::Read),
        case("pdf-good", "good.pdf", good_pdf(), Expect::Read),
        case("pdf-header-only", "header.pdf", b"%PDF-".to_vec(), DAMAGED_PDF),
        case("pdf-no-xref", "noxref.pdf", pdf_without_xref(), Expect::Either),
        case("pdf-huge-length", "length.pdf", pdf_with_length("999999999999"), Expect::Either),
        case("pdf-u64max-length", "length-max.pdf", pdf_with_length("18446744073709551615"), Expect::Either),
        case("pdf-negative-length", "length-neg.pdf", pdf_with_length("-5"), Expect::Either),
        case("pdf-page-tree-loop", "loop.pdf", pdf_page_tree_loop(), Expect::Either),
        case("docx-good", "good.docx", good_docx(), Expect::Read),
        case("docx-malformed-xml", "malformed.docx", docx(&format!("<w:document {W}><w:body><w:p><w:r><w:t>Plans are clear.</w:r></w:t></w:p"), &[]), Expect::Either),
        case("docx-billion-laughs", "laughs.docx", billion_laughs_docx(), Expect::Either),
        case("docx-path-traversal", "traversal.docx", docx(
            &format!("<w:document {W}><w:body>{}</w:body></w:document>", paragraphs_xml()),
            &[("../../../../tmp/report-compare-evil.txt", b"evil".to_vec()), ("/etc/evil", b"evil".to_vec())],
        ), Expect::Read),
        case("docx-bomb-small-declared", "bomb-small.docx", zip(&[
            ("[Content_Types].xml", 0, b"<Types/>".to_vec(), 8),
            ("word/document.xml", 8, deflated_zeros(8 * 1024 * 1024), 1000),
        ]), Expect::Refused(&["damaged", "zip bomb"])),
        case("zip-not-word", "archive.zip", zip(&[("readme.txt", 0, b"hello".to_vec(), 5)]), Expect::Refused(&["zip archive"])),
        case("name with spaces", "my report (final).txt", PROSE.as_bytes().to_vec(), Expect::Read),
        case("name-unicode", "rapport-évaluation-报告.txt", PROSE.as_bytes().to_vec(), Expect::Read),
        case("name-leading-dash", "-report.txt", PROSE.as_bytes().to_vec(), Expect::Read),
    ];
    for ext in ["txt", "md", "html", "pdf", "docx", "bin"] {
        let id: &'static str = match ext {
            "txt" => "binary-txt",
            "md" => "binary-md",
            "html" => "binary-html",
            "pdf" => "binary-pdf",
            "docx" => "binary-docx",
            _ => "binary-noext",
        };
        let name = if ext == "bin" {
            "random".to_string()
        } else {
            format!("random.{ext}")
        };
        let expect = match ext {
            "pdf" => Expect::Refused(&["not a valid PDF"]),
            "docx" => Expect::Refused(&["not a Word document"]),
            _ => Expect::Refused(&["binary"]),
        };
        cases.push(Case {
            id,
            file_name: name,
            bytes: noise(8192),
            expect,
        });
    }
    let good = good_pdf();
    for (id, cut) in [
        ("pdf-cut-1k", 1024.min(good.len() - 1)),
        ("pdf-cut-half", good.len() / 2),
        ("pdf-cut-minus-10", good.len() - 10),
    ] {
        cases.push(case(id, "cut.pdf", good[..cut].to_vec(), Expect::Either));
    }
    {
        cases.push(case(
            "pdf-encrypted-user-password",
            "locked.pdf",
            encrypted_pdf("secret"),
            Expect::Refused(&["password-protected"]),
        ));
        cases.push(case(
            "pdf-encrypted-empty-password",
            "restricted.pdf",
            encrypted_pdf(""),
            Expect::Read,
        ));
    }
    cases
}

/// A big case, built only when run.
pub struct Large {
    pub id: &'static str,
    pub build: fn() -> Case,
}

/// Sizes for the big text cases: full size in release builds (`cargo test --release`);
/// a tenth in debug builds, where the engine runs ~10x slower (the size caps are
/// tested at full size either way: they refuse before reading).
pub fn scale(n: usize) -> usize {
    if cfg!(debug_assertions) {
        n / 10
    } else {
        n
    }
}

pub fn large_cases() -> Vec<Large> {
    vec![
        Large {
            id: "text-50mb",
            build: || case("text-50mb", "big.txt", vec![b'a'; 50 << 20], TOO_LARGE),
        },
        Large {
            id: "pdf-200mb",
            build: || {
                let mut b = b"%PDF-1.7\n".to_vec();
                b.resize(200 << 20, b' ');
                case("pdf-200mb", "big.pdf", b, TOO_LARGE)
            },
        },
        Large {
            id: "pdf-50mb-garbage",
            build: || {
                let mut b = b"%PDF-1.7\n".to_vec();
                b.extend(noise(50 << 20));
                case("pdf-50mb-garbage", "garbage.pdf", b, DAMAGED_PDF)
            },
        },
        Large {
            id: "line-20mb",
            build: || case("line-20mb", "line.txt", words(20 << 20), TOO_LARGE),
        },
        Large {
            id: "line-15mb",
            build: || {
                case(
                    "line-15mb",
                    "line.txt",
                    words(scale(15 << 20)),
                    Expect::Read,
                )
            },
        },
        Large {
            id: "million-lines",
            build: || {
                case(
                    "million-lines",
                    "lines.txt",
                    b"word\n".repeat(scale(1_000_000)),
                    Expect::Read,
                )
            },
        },
        Large {
            id: "million-capitalised-lines",
            build: || {
                case(
                    "million-capitalised-lines",
                    "lines.txt",
                    b"Word\n".repeat(scale(1_000_000)),
                    Expect::Either,
                )
            },
        },
        Large {
            id: "nested-divs-100k",
            build: || {
                let mut h = "<div>".repeat(100_000);
                h.push_str(&REPORT.replace("\n\n", "</p><p>"));
                h.push_str(&"</div>".repeat(100_000));
                case(
                    "nested-divs-100k",
                    "nested.html",
                    h.into_bytes(),
                    Expect::Read,
                )
            },
        },
        Large {
            id: "attrs-50k-distinct",
            build: || {
                case(
                    "attrs-50k-distinct",
                    "attrs.html",
                    many_attributes(50_000, |i| format!("a{i}=\"x\"")),
                    Expect::Read,
                )
            },
        },
        Large {
            id: "attrs-50k-duplicate-empty",
            build: || {
                case(
                    "attrs-50k-duplicate-empty",
                    "attrs.html",
                    many_attributes(50_000, |_| "a=\"\"".to_string()),
                    Expect::Read,
                )
            },
        },
        Large {
            id: "docx-bomb-200mb",
            build: || {
                case(
                    "docx-bomb-200mb",
                    "bomb.docx",
                    zip(&[
                        ("[Content_Types].xml", 0, b"<Types/>".to_vec(), 8),
                        ("word/document.xml", 8, deflated_zeros(200 << 20), 200 << 20),
                    ]),
                    Expect::Refused(&["zip bomb"]),
                )
            },
        },
        Large {
            id: "docx-100k-entries",
            build: || {
                let names: Vec<String> = (0..100_000)
                    .map(|i| format!("word/media/{i}.xml"))
                    .collect();
                let mut entries: Vec<(&str, u16, Vec<u8>, u32)> = names
                    .iter()
                    .map(|n| (n.as_str(), 0, Vec::new(), 0))
                    .collect();
                entries.push(("word/document.xml", 0, b"<w:document/>".to_vec(), 13));
                case(
                    "docx-100k-entries",
                    "many.docx",
                    zip(&entries),
                    Expect::Refused(&["zip bomb", "damaged"]),
                )
            },
        },
    ]
}

/// `n` bytes of words and spaces with no line break and no full stop.
pub fn words(n: usize) -> Vec<u8> {
    let unit = b"staff morale is positive and leaders are effective in their work ";
    unit.iter().copied().cycle().take(n).collect()
}
