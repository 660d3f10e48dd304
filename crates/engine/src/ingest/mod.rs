//! Bytes + file name -> [`Document`]: decoding, format sniffing, layout, noise removal.
//!
//! Every format ends up as plain lines handed to `layout::blocks`, so the noise rules,
//! sentence healing and date/title detection are shared by TXT, Markdown, HTML, PDF
//! (`pdf.rs`) and DOCX (`docx.rs`).

mod date;
#[cfg(feature = "docx")]
mod docx;
mod error;
mod html;
mod layout;
pub(crate) mod noise;
pub(crate) mod normalize;
#[cfg(feature = "pdf")]
mod pdf;

use serde::{Deserialize, Serialize};

pub use date::{DateConfidence, FoundDate};
use error::Refusal;
pub use error::{IngestError, IngestErrorKind};
use IngestErrorKind as Kind;

/// Larger inputs are refused with a message rather than processed for minutes.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// PDF and DOCX files carry images and fonts besides their text, so they may be larger.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// What this build reads, for messages.
const SUPPORTED: &str = if cfg!(all(feature = "pdf", feature = "docx")) {
    ".txt, .md, .html, .pdf and .docx"
} else if cfg!(feature = "pdf") {
    ".txt, .md, .html and .pdf"
} else if cfg!(feature = "docx") {
    ".txt, .md, .html and .docx"
} else {
    ".txt, .md and .html"
};

/// What a block of text is, as the layout shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A heading ("# " in the text the readers give).
    Heading,
    /// Running text.
    Paragraph,
    /// A list item.
    Bullet,
}

/// One heading, paragraph or bullet item, after noise removal and healing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its text, normalised, on one line.
    pub text: String,
}

/// The formats this build reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (.txt, or anything that is text and not HTML).
    Text,
    /// Markdown (.md): read as text, its heading marks kept as headings.
    Markdown,
    /// A web page.
    Html,
    /// A PDF (Cargo feature `pdf`).
    Pdf,
    /// A Word document (Cargo feature `docx`).
    Docx,
}

/// A report reduced to what the engine reads: metadata and blocks in reading order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// The file name, as given.
    pub name: String,
    /// The format it was read as (the bytes decide, not the name).
    pub format: Format,
    /// The report's title, when one was found.
    pub title: Option<String>,
    /// The report's date, with how sure it is and the words it came from.
    pub date: Option<FoundDate>,
    /// Headings, paragraphs and bullets in reading order.
    pub blocks: Vec<Block>,
    /// Graded judgements found in the text (judgement tables, "rated good overall").
    pub ratings: Vec<crate::ratings::Rating>,
    /// Things the user should know about how the file was read (e.g. lossy decoding).
    pub notes: Vec<String>,
}

/// Reads one report. Never panics on any input; unreadable input gives an [`IngestError`].
pub fn ingest(bytes: &[u8], name: &str) -> Result<Document, IngestError> {
    ingest_with_progress(bytes, name, &mut |_, _| {})
}

/// [`ingest`], calling `on_page(done, total)` as the pages of a PDF are read (other
/// formats have no pages to report).
pub fn ingest_with_progress(
    bytes: &[u8],
    name: &str,
    on_page: &mut dyn FnMut(usize, usize),
) -> Result<Document, IngestError> {
    #[cfg(not(feature = "pdf"))]
    let _ = on_page;
    let fail = |refusal: Refusal| refusal.of(name);
    let limit = size_limit(bytes);
    if bytes.len() > limit {
        return Err(too_large(name, Some(bytes.len()), limit));
    }
    let format = sniff(bytes, name).map_err(fail)?;
    let mut notes = Vec::new();
    #[cfg(feature = "pdf")]
    if format == Format::Pdf {
        return ingest_pdf_with_progress(bytes, name, on_page);
    }
    #[cfg(feature = "docx")]
    if format == Format::Docx {
        let read = docx::read(bytes).map_err(fail)?;
        notes.extend(read.notes);
        return Ok(from_lines(name, format, &read.lines, None, notes));
    }
    let ext = extension(name);
    if format == Format::Html && !matches!(ext.as_str(), "html" | "htm" | "xhtml") {
        notes.push(format!(
            "This file is named .{ext} but is a web page (HTML); it was read as a web page. If it is not the report you meant, download the report again."
        ));
    }
    let text = decode(bytes, &mut notes);
    if text.trim().is_empty() {
        return Err(fail(Refusal::new(
            Kind::Empty,
            "the file is empty (no text in it). Choose the report itself, or paste its text.",
        )));
    }
    let (lines, html_title) = match format {
        Format::Html => {
            let page = html::to_lines(&text);
            (page.lines, page.title)
        }
        Format::Text | Format::Markdown | Format::Pdf | Format::Docx => {
            (text.lines().map(normalize::chars).collect(), None)
        }
    };
    let doc = from_lines(name, format, &lines, html_title, notes);
    if format == Format::Html {
        no_report_on_page(&doc).map_err(fail)?;
    }
    Ok(doc)
}

/// Fewest words of running text (paragraphs and list items, headings aside) a web page
/// must keep once its menus, banners and footers are left out to be read as a report.
/// The shortest real ones (a news story on an inspection) run to a few hundred words; a
/// "page not found", a login wall or a list of links keeps a few dozen.
pub const MIN_PAGE_WORDS: usize = 100;

/// A saved web page is often the page *about* a report (or an error page where the PDF
/// link was dead), not the report: comparing its leftovers would be a comparison of
/// nothing, so it is refused with what to do instead.
fn no_report_on_page(doc: &Document) -> Result<(), Refusal> {
    let words: usize = doc
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
        .map(|b| crate::text::word_count(&b.text))
        .sum();
    if words >= MIN_PAGE_WORDS {
        return Ok(());
    }
    let title = doc
        .title
        .as_deref()
        .map(|t| format!(", titled \"{t}\""))
        .unwrap_or_default();
    Err(Refusal::new(Kind::NoReport, format!(
        "no report text found: this looks like a web page without a report in it{title} (only {words} words of text once menus, banners and links are left out; a report has at least {MIN_PAGE_WORDS}). If the page links to the report (often a PDF), download that and try again."
    )))
}

/// The size limit for a file that starts with `head` (its first 1 KB is enough): PDF and
/// Word files may be larger than text. Readers of streams use it to stop reading early.
pub fn size_limit(head: &[u8]) -> usize {
    if is_pdf(head) || head.starts_with(b"PK\x03\x04") {
        MAX_DOCUMENT_BYTES
    } else {
        MAX_BYTES
    }
}

/// The refusal of an input over `limit` bytes: `size` is its size, or `None` when only
/// "more than the limit" is known (a stream that was not read to its end).
pub fn too_large(name: &str, size: Option<usize>, limit: usize) -> IngestError {
    let document = limit == MAX_DOCUMENT_BYTES;
    let size = match size {
        Some(n) => format!("{:.1} MB", n as f64 / 1_048_576.0),
        None => format!("more than {} MB", limit / 1_048_576),
    };
    IngestError {
        name: name.to_string(),
        kind: Kind::TooLarge,
        reason: format!(
            "the file is {size}; the limit is {} MB{}. Split the report or remove appendices and try again.",
            limit / 1_048_576,
            if document { " for PDF and Word files" } else { "" }
        ),
    }
}

/// A line without its Markdown heading marks and emphasis, for date and grade rules:
/// "### **Report published: 29 March 2016**" -> "Report published: 29 March 2016".
fn unmarked(line: &str) -> String {
    line.trim_start()
        .trim_start_matches('#')
        .replace("**", "")
        .replace("__", "")
        .trim()
        .to_string()
}

/// Layout, title, date and ratings from the lines any format gives.
fn from_lines(
    name: &str,
    format: Format,
    lines: &[String],
    html_title: Option<String>,
    mut notes: Vec<String>,
) -> Document {
    let meta_lines: Vec<String> = lines.iter().map(|l| unmarked(l)).collect();
    let meta_lines = &meta_lines;
    let laid_out = layout::blocks(lines);
    let title = html_title
        .filter(|t| !t.trim().is_empty())
        .or(laid_out.title)
        .map(|t| t.trim().to_string());
    let date = date::find(meta_lines);
    let ratings = crate::ratings::extract(meta_lines);
    if laid_out.blocks.is_empty() {
        notes.push("No paragraphs of report text were found in this file.".to_string());
    }
    Document {
        name: name.to_string(),
        format,
        title,
        date,
        blocks: laid_out.blocks,
        ratings,
        notes,
    }
}

/// Reads a PDF, reporting each page read (`on_page(done, total)`): the PDF branch of
/// [`ingest_with_progress`], and all that the app's PDF reader calls, so its bundle
/// carries no other reader. For bytes that [`is_pdf`].
#[cfg(feature = "pdf")]
pub fn ingest_pdf_with_progress(
    bytes: &[u8],
    name: &str,
    on_page: &mut dyn FnMut(usize, usize),
) -> Result<Document, IngestError> {
    let limit = size_limit(bytes);
    if bytes.len() > limit {
        return Err(too_large(name, Some(bytes.len()), limit));
    }
    let read = pdf::read(bytes, on_page).map_err(|refusal| refusal.of(name))?;
    Ok(from_lines(name, Format::Pdf, &read.lines, None, read.notes))
}

/// "%PDF-" near the start (the spec allows a little junk before it). The page asks too, to
/// send a PDF to the worker that has the PDF reader.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Decides the format from the first bytes (which win) and the file name.
fn sniff(bytes: &[u8], name: &str) -> Result<Format, Refusal> {
    let head = &bytes[..bytes.len().min(4096)];
    let ext = extension(name);
    if is_pdf(bytes) {
        return if cfg!(feature = "pdf") {
            Ok(Format::Pdf)
        } else {
            Err(Refusal::new(Kind::Unsupported, format!("this is a PDF. This page reads {SUPPORTED}; copy the PDF's text into a .txt file (or paste it) and try again.")))
        };
    }
    if head.starts_with(b"PK\x03\x04") {
        return zipped_format(bytes, &ext);
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(Refusal::new(Kind::Unsupported, format!("this is an old-style Word (.doc) or Office file, which can't be read here. Supported formats: {SUPPORTED}; in Word use File > Save As > Word Document (.docx) or PDF, and try again.")));
    }
    if head.starts_with(b"{\\rtf") {
        return Err(Refusal::new(Kind::Unsupported, format!("this is a Rich Text (.rtf) file, which can't be read here. Supported formats: {SUPPORTED}; save it as .docx or plain text and try again.")));
    }
    if ext == "docx" && cfg!(feature = "docx") {
        return Err(Refusal::new(Kind::Damaged, "this .docx file is not a Word document inside (a .docx is a zip archive; this one is not). It may be damaged or renamed: open it in Word and save it again."));
    }
    if matches!(
        ext.as_str(),
        "doc" | "docx" | "odt" | "pages" | "rtf" | "xls" | "xlsx"
    ) {
        return Err(Refusal::new(Kind::Unsupported, format!(
            "\".{ext}\" files can't be read here. Supported formats: {SUPPORTED}; save the report as one of those."
        )));
    }
    if looks_binary(head) {
        if ext == "pdf" {
            return Err(Refusal::new(Kind::Damaged, "this .pdf file is not a valid PDF (it does not start as a PDF does; it may be damaged, or another kind of file renamed). Download it again, or open it in a PDF viewer and save a new copy, and try again."));
        }
        return Err(Refusal::new(
            Kind::Unsupported,
            format!(
                "this looks like a binary file, not a text report. Supported formats: {SUPPORTED}."
            ),
        ));
    }
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = lower.trim_start_matches('\u{feff}').trim_start();
    if matches!(ext.as_str(), "html" | "htm" | "xhtml")
        || start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with('<') && (lower.contains("<body") || lower.contains("<head")))
    {
        return Ok(Format::Html);
    }
    if matches!(ext.as_str(), "md" | "markdown") {
        return Ok(Format::Markdown);
    }
    Ok(Format::Text)
}

/// A zip archive: Word (.docx) is read; OpenDocument, Pages and other zips are named.
fn zipped_format(bytes: &[u8], ext: &str) -> Result<Format, Refusal> {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let head = &bytes[..bytes.len().min(512)];
    let within_head = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if within_head(b"application/vnd.oasis.opendocument") || ext == "odt" {
        return Err(Refusal::new(Kind::Unsupported, format!("this is an OpenDocument (.odt) file, which can't be read here. Supported formats: {SUPPORTED}; in LibreOffice use File > Save As > Word (.docx) or export as PDF, and try again.")));
    }
    if ext == "pages" || has(b"Index/Document.iwa") {
        return Err(Refusal::new(Kind::Unsupported, format!("this is an Apple Pages file, which can't be read here. Supported formats: {SUPPORTED}; in Pages use File > Export To > Word (.docx) or PDF, and try again.")));
    }
    if has(b"word/") || ext == "docx" {
        return if cfg!(feature = "docx") {
            Ok(Format::Docx)
        } else {
            Err(Refusal::new(Kind::Unsupported, format!("this is a Word (.docx) document. This page reads {SUPPORTED}; save it as plain text (or paste its text) and try again.")))
        };
    }
    if has(b"xl/") || has(b"ppt/") {
        return Err(Refusal::new(Kind::Unsupported, format!("this is an Excel or PowerPoint file, not a report document. Supported formats: {SUPPORTED}.")));
    }
    Err(Refusal::new(
        Kind::Unsupported,
        format!(
        "this is a zip archive, not a report. Unzip it and choose the report inside ({SUPPORTED})."
    ),
    ))
}

/// NUL bytes or many control characters: not a text report.
fn looks_binary(head: &[u8]) -> bool {
    if head.len() >= 2 && (head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff")) {
        return false; // UTF-16 text, decoded below
    }
    if utf16_without_bom(head).is_some() {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    head.contains(&0) || controls * 20 > head.len().max(1)
}

/// UTF-16 saved without a byte-order mark (as some editors and Windows tools do), told
/// by its zero bytes: text in Latin script has a zero high byte in almost every unit, so
/// every other byte is zero, on the odd side (little-endian) or the even side (big-endian),
/// and the other side holds printable characters. `Some(true)` is big-endian.
fn utf16_without_bom(head: &[u8]) -> Option<bool> {
    // A few dozen units at least: short binary could show the pattern by chance.
    let units = head.len() / 2;
    if units < 16 {
        return None;
    }
    let zeros = |side: usize| head.chunks_exact(2).filter(|u| u[side] == 0).count();
    let printable = |side: usize| {
        head.chunks_exact(2)
            .filter(|u| u[side] >= 0x20 || matches!(u[side], b'\n' | b'\r' | b'\t'))
            .count()
    };
    let mostly = |n: usize| n * 10 >= units * 9;
    let hardly = |n: usize| n * 20 <= units;
    if mostly(zeros(1)) && hardly(zeros(0)) && mostly(printable(0)) {
        Some(false)
    } else if mostly(zeros(0)) && hardly(zeros(1)) && mostly(printable(1)) {
        Some(true)
    } else {
        None
    }
}

/// UTF-8 (with or without BOM), UTF-16 with BOM or with the zero-byte pattern of one,
/// else lossy UTF-8 with a note.
fn decode(bytes: &[u8], notes: &mut Vec<String>) -> String {
    let utf16 = |be: bool, skip: usize| -> String {
        let units: Vec<u16> = bytes[skip..]
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if bytes.starts_with(b"\xff\xfe") {
        return utf16(false, 2);
    }
    if bytes.starts_with(b"\xfe\xff") {
        return utf16(true, 2);
    }
    if let Some(be) = utf16_without_bom(&bytes[..bytes.len().min(4096)]) {
        return utf16(be, 0);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let s = String::from_utf8_lossy(bytes).into_owned();
            let bad = s.matches('\u{FFFD}').count();
            notes.push(format!(
                "The file is not valid UTF-8 text; {bad} unreadable character(s) were replaced with \u{FFFD}. Save it as UTF-8 for exact quotes."
            ));
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_say_their_kind() {
        let kind = |bytes: &[u8], name: &str| ingest(bytes, name).map(|_| ()).unwrap_err().kind;
        assert_eq!(kind(b"   \n", "a.txt"), IngestErrorKind::Empty);
        assert_eq!(kind(b"{\\rtf1 x}", "a.rtf"), IngestErrorKind::Unsupported);
        assert_eq!(
            kind(&vec![b'a'; MAX_BYTES + 1], "a.txt"),
            IngestErrorKind::TooLarge
        );
        assert_eq!(kind(b"\0\x01binary", "a.pdf"), IngestErrorKind::Damaged);
    }

    #[test]
    fn empty_and_blank_files_are_refused_with_a_reason() {
        for bytes in [&b""[..], b"   \n\n  "] {
            let err = ingest(bytes, "empty.txt").unwrap_err();
            assert!(err.reason.contains("empty"), "{err}");
        }
    }

    #[test]
    fn pdf_docx_and_binary_are_refused_with_what_to_do() {
        assert!(ingest(b"%PDF-1.7 ...", "a.pdf")
            .unwrap_err()
            .reason
            .contains("PDF"));
        assert!(ingest(b"PK\x03\x04....", "a.docx")
            .unwrap_err()
            .reason
            .contains("Word"));
        let err = ingest(&[0u8, 1, 2, 3, 0, 200, 17], "a.bin").unwrap_err();
        assert!(err.reason.contains("binary"), "{err}");
        assert!(ingest(b"text", "a.odt")
            .unwrap_err()
            .reason
            .contains("Supported formats"));
    }

    #[test]
    fn a_web_page_named_pdf_is_read_as_html_and_flagged() {
        let story = "<p>Inspectors found that leaders have improved the help children receive, and that most plans are now clear and reviewed often.</p>".repeat(6);
        let page = format!("<!DOCTYPE html><html><body>{story}</body></html>");
        let doc = ingest(page.as_bytes(), "r.pdf").unwrap();
        assert_eq!(doc.format, Format::Html);
        assert!(doc.notes[0].contains("web page"), "{:?}", doc.notes);
    }

    #[test]
    fn a_web_page_with_no_report_in_it_is_refused() {
        let page = b"<!DOCTYPE html><html><head><title>Report not found</title></head><body><nav>Home</nav><h1>Report not found</h1><p>Sorry, the document you requested no longer exists.</p><ul><li>Go to our homepage</li></ul><footer>Cookies</footer></body></html>";
        let err = ingest(page, "r.pdf").unwrap_err();
        assert!(
            err.reason.starts_with("no report text found")
                && err.reason.contains("Report not found"),
            "{err}"
        );
        // The same few words as plain text are still read: a pasted note is not a page.
        assert!(ingest(
            b"Sorry, the document you requested no longer exists.",
            "n.txt"
        )
        .is_ok());
    }

    #[test]
    fn utf16_without_a_bom_is_read_and_a_binary_pdf_is_not_a_pdf() {
        let text = "Staff morale is positive in every team this year.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            let doc = ingest(&bytes, "a.txt").unwrap();
            assert_eq!(doc.blocks[0].text, text);
        }
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let err = ingest(&noise, "report.pdf").unwrap_err();
        assert!(err.reason.contains("not a valid PDF"), "{err}");
        assert!(ingest(&noise, "report.txt")
            .unwrap_err()
            .reason
            .contains("binary"));
    }

    #[test]
    fn markdown_headings_carry_dates_and_grades() {
        let doc = ingest(b"# Report published: 29 March 2016\n\n## **Children's services are good**\n\nPlans are clear for most children.\n", "r.md").unwrap();
        assert_eq!(doc.date.map(|d| d.iso), Some("2016-03-29".to_string()));
        assert_eq!(doc.ratings.first().map(|r| r.grade.as_str()), Some("Good"));
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_and_says_so() {
        let doc = ingest(
            b"Leaders are effective \xff\xfe in their work here.\n",
            "a.txt",
        )
        .unwrap();
        assert_eq!(doc.notes.len(), 1);
        assert!(doc.notes[0].contains("UTF-8"));
        assert!(doc.blocks[0].text.contains("Leaders are effective"));
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Staff morale is positive in every team.".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let doc = ingest(&bytes, "a.txt").unwrap();
        assert_eq!(
            doc.blocks[0].text,
            "Staff morale is positive in every team."
        );
    }

    #[test]
    fn oversized_input_is_refused() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(ingest(&big, "big.txt")
            .unwrap_err()
            .reason
            .contains("limit"));
    }
}
