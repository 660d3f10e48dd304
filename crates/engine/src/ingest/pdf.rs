//! PDF -> the line-oriented text the layout stage reads ("# " headings, "- " bullets,
//! blank lines between paragraphs), in reading order.
//!
//! lopdf parses the file (cross-references, object streams, filters, decryption with the
//! empty password). Everything after that is ours: fonts -> Unicode and widths
//! (`font.rs`), content streams -> positioned characters (`content.rs`), then here:
//! characters -> lines -> segments (split at wide gaps), running headers/footers and
//! page numbers dropped (Word's pagination artifacts, and lines repeated in the page
//! margins), footnotes dropped (small print at the foot of a page opening with a
//! superscript mark), reading order by recursive XY-cut that tells two-column text
//! from table rows, headings from weight and size, bullets from glyphs.

mod content;
mod font;
mod page_layout;

use super::error::{IngestErrorKind as Kind, Refusal};
use content::{Interpreter, PageContent};
use lopdf::{Document, Object};

/// What a PDF gave: text lines for the layout stage, and notes for the user.
pub struct PdfText {
    pub lines: Vec<String>,
    pub notes: Vec<String>,
}

/// Reads a PDF; the error is a reason a user can act on. `on_page(done, total)` is
/// called after each page, for progress bars.
pub fn read(bytes: &[u8], on_page: &mut dyn FnMut(usize, usize)) -> Result<PdfText, Refusal> {
    let options = lopdf::LoadOptions {
        // Decompressed size of any one stream: a flate bomb is refused, not inflated.
        max_decompressed_size: Some(64 * 1024 * 1024),
        ..Default::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) => return Err(load_error(bytes, &e)),
    };
    if doc.is_encrypted() && !doc.was_encrypted() {
        return Err(Refusal::new(Kind::Encrypted, PASSWORD));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(Refusal::new(Kind::Damaged, DAMAGED));
    }
    // Resources are cloned per page and kept until the end: fonts are cached by address.
    let resources: Vec<lopdf::Dictionary> = pages
        .values()
        .map(|&page_id| {
            doc.get_page_resources(page_id)
                .ok()
                .and_then(|(own, inherited)| {
                    own.cloned().or_else(|| {
                        inherited
                            .iter()
                            .find_map(|id| doc.get_dictionary(*id).ok().cloned())
                    })
                })
                .unwrap_or_default()
        })
        .collect();
    let mut interp = Interpreter::new(&doc);
    let mut contents = Vec::with_capacity(pages.len());
    let mut boxes = Vec::with_capacity(pages.len());
    for ((_, &page_id), res) in pages.iter().zip(&resources) {
        let mut out = PageContent::default();
        let page_box = page_box(&doc, page_id);
        let content = page_content(&doc, page_id);
        interp.page(&content, res, page_box, &mut out);
        contents.push(out);
        boxes.push(page_box);
        on_page(contents.len(), pages.len());
    }
    let chars: usize = contents.iter().map(|c| c.chars.len()).sum();
    let images: usize = contents.iter().map(|c| c.images).sum();
    let unmapped: usize = contents.iter().map(|c| c.unmapped).sum();
    let text_chars = contents
        .iter()
        .flat_map(|c| &c.chars)
        .filter(|c| c.text.chars().any(char::is_alphanumeric))
        .count();
    // A complete PDF ends with %%EOF; lopdf rebuilds what it can of a cut-off one.
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let truncated = find(tail, b"%%EOF").is_none();
    if text_chars < 20 {
        if truncated {
            return Err(Refusal::new(Kind::Damaged, DAMAGED));
        }
        if unmapped > 20 {
            return Err(Refusal::new(Kind::NoText, "this PDF's text uses fonts without a character map, so its words can't be read (copying text from it in a PDF viewer gives gibberish too). Export the report again as PDF from the original document, or run OCR on it, and try again."));
        }
        if images > 0 {
            return Err(Refusal::new(Kind::Scanned, "this PDF is an image (a scan or photo of pages) with no text layer; run OCR first (for example `ocrmypdf in.pdf out.pdf`, or \"Recognise text\" in a PDF editor) and try again."));
        }
        return Err(Refusal::new(Kind::NoText, "this PDF has no text in it. If it shows text in a PDF viewer, it is drawn as shapes: run OCR first and try again."));
    }
    let mut notes = Vec::new();
    if truncated {
        notes.push("This PDF is incomplete (it is cut off before its end, perhaps an unfinished download); only the pages that survive were read. Download it again for the whole report.".to_string());
    }
    if unmapped * 50 > chars + unmapped {
        notes.push(format!(
            "{unmapped} character(s) in this PDF use fonts without a character map and were left out; some words may be missing."
        ));
    }
    let lines = page_layout::lay_out(&contents, &boxes);
    Ok(PdfText { lines, notes })
}

const PASSWORD: &str = "this PDF is password-protected. Open it with its password in a PDF viewer, save or print it to a new PDF without a password, and try again.";
const DAMAGED: &str = "this PDF is damaged or incomplete (it may not have finished downloading). Download it again, or open it in a PDF viewer and save a new copy, and try again.";

fn load_error(bytes: &[u8], e: &lopdf::Error) -> Refusal {
    let text = format!("{e:?}").to_lowercase();
    let encrypted = text.contains("password")
        || text.contains("decrypt")
        || text.contains("encrypt")
        || (find(bytes, b"/Encrypt").is_some() && !text.contains("xref"));
    if encrypted {
        Refusal::new(Kind::Encrypted, PASSWORD)
    } else {
        Refusal::new(Kind::Damaged, DAMAGED)
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The page's CropBox (else MediaBox), inherited through the page tree.
fn page_box(doc: &Document, page_id: lopdf::ObjectId) -> [f64; 4] {
    let mut id = Some(page_id);
    for _ in 0..32 {
        let Some(d) = id.and_then(|i| doc.get_dictionary(i).ok()) else {
            break;
        };
        for key in [&b"CropBox"[..], b"MediaBox"] {
            if let Some(a) = font::deref(doc, d.get(key).ok()).and_then(|o| o.as_array().ok()) {
                let v: Vec<f64> = a
                    .iter()
                    .filter_map(|o| font::deref(doc, Some(o)).and_then(font::number))
                    .collect();
                if v.len() == 4 {
                    let b = [
                        v[0].min(v[2]),
                        v[1].min(v[3]),
                        v[0].max(v[2]),
                        v[1].max(v[3]),
                    ];
                    if b[2] - b[0] > 1.0 && b[3] - b[1] > 1.0 {
                        return b;
                    }
                }
            }
        }
        id = d.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
    }
    [0.0, 0.0, 612.0, 792.0]
}

/// The page's content streams, decompressed and concatenated; a broken stream is skipped.
fn page_content(doc: &Document, page_id: lopdf::ObjectId) -> Vec<u8> {
    let mut out = Vec::new();
    for id in doc.get_page_contents(page_id) {
        if let Ok(Object::Stream(s)) = doc.get_object(id) {
            let bytes = if s.dict.has(b"Filter") {
                s.decompressed_content_with_limit(64 * 1024 * 1024).ok()
            } else {
                Some(s.content.clone())
            };
            if let Some(b) = bytes {
                out.extend_from_slice(&b);
                out.push(b'\n');
            }
        }
    }
    out
}
