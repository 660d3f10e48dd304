//! DOCX -> the line-oriented text the layout stage reads: `word/document.xml` in order,
//! paragraph styles (Heading N, Title, outline levels) -> "# " headings, bulleted
//! numbering -> "- " items, tables -> "| cell | cell |" rows (what `ratings` reads and
//! `noise` keeps out of findings) or, for cells of prose, one paragraph per cell.
//! Tracked deletions (`w:del`, `w:moveFrom`), field codes, headers, footers and
//! footnotes are not report text and are not read.
//!
//! The zip is read with caps, so a zip bomb posing as a document is refused: at most
//! [`MAX_ENTRIES`] entries and [`MAX_XML_BYTES`] decompressed per part.

use super::error::{IngestErrorKind as Kind, Refusal};
use super::normalize;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

pub struct DocxText {
    pub lines: Vec<String>,
    pub notes: Vec<String>,
}

/// More entries than any real document has (a Word file has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// Decompressed size allowed for one XML part (document, styles, numbering).
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

const DAMAGED: &str = "this Word (.docx) file is damaged or incomplete (it may not have finished downloading). Open it in Word and save it again, or download it again, and try again.";

pub fn read(bytes: &[u8]) -> Result<DocxText, Refusal> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| Refusal::new(Kind::Damaged, DAMAGED))?;
    if zip.len() > MAX_ENTRIES {
        return Err(Refusal::new(Kind::TooLarge, format!(
            "this .docx has {} parts inside; real Word files have a few dozen, so it was not opened (it may be a zip bomb). Save the report again from Word and try again.",
            zip.len()
        )));
    }
    let document = part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        Refusal::new(Kind::Unsupported, "this zip file has no Word document inside (no word/document.xml). Choose the .docx report itself.")
    })?;
    let styles = part(&mut zip, "word/styles.xml")?
        .map(|x| parse_styles(&x))
        .unwrap_or_default();
    let numbering = part(&mut zip, "word/numbering.xml")?
        .map(|x| parse_numbering(&x))
        .unwrap_or_default();
    let lines = body_lines(&document, &styles, &numbering)
        .map_err(|_| Refusal::new(Kind::Damaged, DAMAGED))?;
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(Refusal::new(Kind::NoText, "this Word document has no text in it (it may hold only pictures). If the text is in a picture, run OCR first, or paste the text, and try again."));
    }
    Ok(DocxText {
        lines,
        notes: Vec::new(),
    })
}

/// One part of the archive as text, decompressed under the cap.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, Refusal> {
    let entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(_)) => {
            return Err(Refusal::new(Kind::Unsupported, "this Word file is compressed or encrypted in a way that can't be read here (only standard .docx files are). Save it again from Word without a password and try again."))
        }
        Err(_) => return Err(Refusal::new(Kind::Damaged, DAMAGED)),
    };
    if entry.encrypted() {
        return Err(Refusal::new(Kind::Encrypted, "this Word document is password-protected. Open it in Word, remove the password (File > Info > Protect Document), save, and try again."));
    }
    let too_big = || {
        Refusal::new(Kind::TooLarge, format!(
            "this .docx expands to more than {} MB of text, far more than any report; it was not read (it may be a zip bomb). Save the report again from Word and try again.",
            MAX_XML_BYTES / 1_048_576
        ))
    };
    if entry.size() > MAX_XML_BYTES {
        return Err(too_big());
    }
    let mut buf = Vec::new();
    let read = entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|_| Refusal::new(Kind::Damaged, DAMAGED))?;
    if read as u64 > MAX_XML_BYTES {
        return Err(too_big());
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

#[derive(Debug, Default, Clone)]
struct Style {
    heading: bool,
    /// The style itself carries numbering (List Bullet, List Number).
    num_id: Option<String>,
    list_name: bool,
    based_on: Option<String>,
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        let key_local = key.rsplit(':').next().unwrap_or(key);
        (key_local == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

fn local(e: &BytesStart) -> String {
    let name: &str = e.as_ref();
    let name = name.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    name.rsplit(':').next().unwrap_or(name).to_string()
}

fn end_local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn parse_styles(xml: &str) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    let mut in_ppr = false;
    loop {
        let ev = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                "style" => {
                    if let Some((id, s)) = current.take() {
                        out.insert(id, s);
                    }
                    current = attr(&e, "styleId").map(|id| (id, Style::default()));
                }
                "name" => {
                    if let (Some((_, s)), Some(v)) = (current.as_mut(), attr(&e, "val")) {
                        let v = v.to_lowercase();
                        s.heading |= v.starts_with("heading") || v == "title" || v == "subtitle";
                        s.list_name = v.starts_with("list bullet");
                    }
                }
                "basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, "val");
                    }
                }
                "pPr" => in_ppr = true,
                "outlineLvl" if in_ppr => {
                    if let Some((_, s)) = current.as_mut() {
                        s.heading |= attr(&e, "val").is_some_and(|v| v != "9");
                    }
                }
                "numId" if in_ppr => {
                    if let Some((_, s)) = current.as_mut() {
                        s.num_id = attr(&e, "val").filter(|v| v != "0");
                    }
                }
                _ => {}
            },
            Event::End(e) => match end_local(e.as_ref()) {
                "pPr" => in_ppr = false,
                "style" => {
                    if let Some((id, s)) = current.take() {
                        out.insert(id, s);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    out
}

/// numId -> is it a bulleted list (rather than numbered paragraphs)?
fn parse_numbering(xml: &str) -> HashMap<String, bool> {
    let mut abstract_bullet: HashMap<String, bool> = HashMap::new();
    let mut num_to_abstract: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut abs: Option<String> = None;
    let mut num: Option<String> = None;
    let mut level: Option<String> = None;
    loop {
        let ev = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                "abstractNum" => abs = attr(&e, "abstractNumId"),
                "lvl" => level = attr(&e, "ilvl"),
                // The first level decides what the list looks like.
                "numFmt" if level.as_deref() == Some("0") => {
                    if let Some(a) = &abs {
                        let bullet = attr(&e, "val").is_some_and(|v| v == "bullet");
                        abstract_bullet.insert(a.clone(), bullet);
                    }
                }
                "num" => num = attr(&e, "numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(v)) = (&num, attr(&e, "val")) {
                        num_to_abstract.insert(n.clone(), v);
                    }
                }
                _ => {}
            },
            Event::End(e) => match end_local(e.as_ref()) {
                "abstractNum" => abs = None,
                "num" => num = None,
                "lvl" => level = None,
                _ => {}
            },
            _ => {}
        }
    }
    num_to_abstract
        .into_iter()
        .map(|(n, a)| {
            let bullet = abstract_bullet.get(&a).copied().unwrap_or(false);
            (n, bullet)
        })
        .collect()
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    /// Characters in bold runs and in all runs, for bold-line headings.
    bold_chars: usize,
    chars: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Vec<String>,
}

fn body_lines(
    xml: &str,
    styles: &HashMap<String, Style>,
    numbering: &HashMap<String, bool>,
) -> Result<Vec<String>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<String> = Vec::new();
    let mut para: Option<Para> = None;
    let mut tables: Vec<Table> = Vec::new();
    // Depth inside w:del / w:moveFrom / w:instrText: text there is skipped.
    let mut skip = 0usize;
    let mut in_text = false;
    let mut in_rpr = false;
    let mut run_bold = false;
    let mut in_ppr = false;
    loop {
        let ev = match reader.read_event() {
            Ok(Event::Eof) => break,
            Err(e) => {
                // A truncated or malformed document: keep what was read if it is something.
                if out.len() > 3 {
                    break;
                }
                return Err(e);
            }
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) => {
                let name = local(&e);
                match name.as_str() {
                    "del" | "moveFrom" | "instrText" | "delText" => skip += 1,
                    "p" => {
                        para = Some(Para::default());
                        in_ppr = false;
                    }
                    "pPr" => in_ppr = true,
                    "r" => run_bold = false,
                    "rPr" => in_rpr = true,
                    "t" => in_text = true,
                    "tbl" => tables.push(Table::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row.clear();
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell.clear();
                        }
                    }
                    _ => empty_element(&e, &name, &mut para, in_ppr, in_rpr, &mut run_bold, skip),
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                empty_element(&e, &name, &mut para, in_ppr, in_rpr, &mut run_bold, skip);
            }
            Event::Text(t) if in_text && skip == 0 => {
                let s: &str = t.as_ref();
                push_text(&mut para, s, run_bold);
            }
            Event::CData(t) if in_text && skip == 0 => {
                let s: &str = t.as_ref();
                push_text(&mut para, s, run_bold);
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let c = r.resolve_char_ref().ok().flatten().or(match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => None,
                });
                if let Some(c) = c {
                    push_text(&mut para, c.encode_utf8(&mut [0; 4]), run_bold);
                }
            }
            Event::End(e) => match end_local(e.as_ref()) {
                "del" | "moveFrom" | "instrText" | "delText" => skip = skip.saturating_sub(1),
                "t" => in_text = false,
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "p" => {
                    if let Some(p) = para.take() {
                        let line = render_para(&p, styles, numbering);
                        match tables.last_mut() {
                            Some(t) => {
                                if !line.is_empty() {
                                    t.cell.push(line);
                                }
                            }
                            None => {
                                if !line.is_empty() {
                                    out.extend(line.split('\n').map(str::to_string));
                                    out.push(String::new());
                                }
                            }
                        }
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = std::mem::take(&mut t.cell);
                        t.row.push(cell.join("\n"));
                    }
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        let row = std::mem::take(&mut t.row);
                        t.rows.push(row);
                    }
                }
                "tbl" => {
                    if let Some(t) = tables.pop() {
                        let lines = render_table(&t.rows);
                        match tables.last_mut() {
                            // A table inside a cell: its text joins the cell.
                            Some(outer) => outer
                                .cell
                                .extend(lines.into_iter().filter(|l| !l.is_empty())),
                            None => out.extend(lines),
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn empty_element(
    e: &BytesStart,
    name: &str,
    para: &mut Option<Para>,
    in_ppr: bool,
    in_rpr: bool,
    run_bold: &mut bool,
    skip: usize,
) {
    let Some(p) = para.as_mut() else { return };
    match name {
        "pStyle" if in_ppr => p.style = attr(e, "val"),
        "numId" if in_ppr => p.num_id = attr(e, "val"),
        "b" if in_rpr => *run_bold = attr(e, "val").is_none_or(|v| v != "0" && v != "false"),
        "tab" if !in_ppr && skip == 0 => p.text.push(' '),
        "br" | "cr" if skip == 0 => p.text.push('\n'),
        "noBreakHyphen" if skip == 0 => p.text.push('-'),
        "softHyphen" if skip == 0 => p.text.push('\u{AD}'),
        "sym" if skip == 0 => {
            if let Some(c) = attr(e, "char")
                .and_then(|h| u32::from_str_radix(&h, 16).ok())
                .and_then(|v| char::from_u32(if v < 0x100 { v + 0xF000 } else { v }))
            {
                p.text.push(c);
            }
        }
        _ => {}
    }
}

fn push_text(para: &mut Option<Para>, s: &str, bold: bool) {
    if let Some(p) = para.as_mut() {
        p.text.push_str(s);
        let n = s.chars().filter(|c| c.is_alphanumeric()).count();
        p.chars += n;
        if bold {
            p.bold_chars += n;
        }
    }
}

fn style_chain<'a>(styles: &'a HashMap<String, Style>, id: Option<&str>) -> Vec<&'a Style> {
    let mut out = Vec::new();
    let mut id = id.map(str::to_string);
    while let Some(i) = id {
        let Some(s) = styles.get(&i) else { break };
        out.push(s);
        if out.len() > 10 {
            break;
        }
        id = s.based_on.clone();
    }
    out
}

fn render_para(
    p: &Para,
    styles: &HashMap<String, Style>,
    numbering: &HashMap<String, bool>,
) -> String {
    let lines: Vec<String> = p
        .text
        .split('\n')
        .map(normalize::line)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    let chain = style_chain(styles, p.style.as_deref());
    let heading = chain.iter().any(|s| s.heading);
    let num_id = p
        .num_id
        .clone()
        .filter(|n| n != "0")
        .or_else(|| chain.iter().find_map(|s| s.num_id.clone()));
    let bullet = num_id
        .as_ref()
        .is_some_and(|n| numbering.get(n).copied().unwrap_or(true))
        || chain.iter().any(|s| s.list_name);
    let text = lines.join(" ");
    let words = crate::text::word_count(&text);
    let bold_line = p.chars > 0
        && p.bold_chars * 10 >= p.chars * 9
        && (1..=15).contains(&words)
        && !text.ends_with(['.', ',', ';']);
    if heading || (bold_line && !bullet) {
        format!("# {text}")
    } else if bullet {
        format!("- {}", lines.join("\n"))
    } else {
        lines.join("\n")
    }
}

/// Short cells: "| a | b |" rows; prose cells: one paragraph each.
fn render_table(rows: &[Vec<String>]) -> Vec<String> {
    let mut out = Vec::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                c.lines()
                    .map(|l| l.trim_start_matches("# ").trim())
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        let prose = filled.iter().any(|c| crate::text::word_count(c) > 20);
        if prose || filled.len() == 1 {
            for (raw, c) in row.iter().zip(&cells) {
                if !c.is_empty() {
                    for para in raw.split('\n') {
                        out.push(para.to_string());
                    }
                    out.push(String::new());
                }
            }
        } else {
            let row: Vec<&str> = filled.iter().map(|c| c.as_str()).collect();
            out.push(format!("| {} |", row.join(" | ").replace('\n', " ")));
        }
    }
    out.push(String::new());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
    }

    #[test]
    fn tracked_deletions_are_skipped_and_insertions_kept() {
        let xml = doc(
            r#"<w:p><w:r><w:t xml:space="preserve">Plans are </w:t></w:r><w:del w:id="1"><w:r><w:delText>not </w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>now </w:t></w:r></w:ins><w:r><w:t>clear &amp; timely.</w:t></w:r></w:p>"#,
        );
        let lines = body_lines(&xml, &HashMap::new(), &HashMap::new()).unwrap();
        assert_eq!(lines[0], "Plans are now clear & timely.");
    }

    #[test]
    fn headings_bullets_and_tables() {
        let mut styles = HashMap::new();
        styles.insert(
            "Heading1".to_string(),
            Style {
                heading: true,
                ..Style::default()
            },
        );
        let mut numbering = HashMap::new();
        numbering.insert("3".to_string(), true);
        let xml = doc(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Findings</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Visits are regular.</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Overall effectiveness</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Good</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        let lines = body_lines(&xml, &styles, &numbering).unwrap();
        let text: Vec<&str> = lines
            .iter()
            .map(String::as_str)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            text,
            [
                "# Findings",
                "- Visits are regular.",
                "| Overall effectiveness | Good |"
            ]
        );
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        for xml in [
            "<w:p><w:r><w:t>unclosed",
            "<<<>>>",
            "<w:tbl><w:tr><w:tc></w:tbl></w:p>",
        ] {
            let _ = body_lines(xml, &HashMap::new(), &HashMap::new());
        }
    }
}
