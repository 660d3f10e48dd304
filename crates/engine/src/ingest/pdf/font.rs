//! Fonts as text extraction needs them: character codes -> Unicode, code -> advance
//! width, and whether the face is bold. A font that cannot be read decodes to nothing
//! (its glyphs are counted as undecodable); it never fails the page.

use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// One font of a page's resources, ready to decode strings.
#[derive(Debug, Clone)]
pub struct Font {
    /// Byte lengths of codes: simple fonts use 1, composite (Type0) fonts usually 2.
    codespace: Vec<(u8, u32, u32)>,
    to_unicode: Option<CMap>,
    /// Simple fonts: the base encoding with /Differences applied.
    simple: Option<Box<[Option<String>; 256]>>,
    widths: Widths,
    /// Glyph space -> text space (1/1000 except Type3).
    scale: f64,
    pub bold: bool,
    /// Symbol fonts (Wingdings, Symbol): codes without a mapping are bullet glyphs.
    symbolic: bool,
}

#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    Cid {
        default: f64,
        map: HashMap<u32, f64>,
    },
}

/// One decoded character code.
pub struct Glyph {
    /// Unicode text; empty when the font gives no mapping.
    pub text: String,
    /// Advance in text space units (already scaled by 1/1000).
    pub width: f64,
    /// The single byte 32 (word spacing applies to it).
    pub is_space_code: bool,
    pub mapped: bool,
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(dict.get(b"Subtype").ok());
        let base = name_of(dict.get(b"BaseFont").ok()).unwrap_or_default();
        let composite = subtype.as_deref() == Some("Type0");
        let descendant = if composite {
            deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, Some(o)))
                .and_then(|o| o.as_dict().ok())
        } else {
            None
        };
        let descriptor = deref(
            doc,
            descendant
                .unwrap_or(dict)
                .get(b"FontDescriptor")
                .ok()
                .or_else(|| dict.get(b"FontDescriptor").ok()),
        )
        .and_then(|o| o.as_dict().ok());
        let flags = descriptor
            .and_then(|d| d.get(b"Flags").ok())
            .and_then(number)
            .unwrap_or(0.0) as i64;
        let weight = descriptor
            .and_then(|d| d.get(b"FontWeight").ok())
            .and_then(number)
            .unwrap_or(0.0);
        let lower = base.to_ascii_lowercase();
        let bold = ["bold", "black", "heavy", "semibold", "demi"]
            .iter()
            .any(|w| lower.contains(w))
            || weight >= 600.0
            || flags & (1 << 18) != 0;
        let symbolic = ["wingdings", "symbol", "dingbats", "webdings"]
            .iter()
            .any(|w| lower.contains(w));

        let to_unicode = deref(doc, dict.get(b"ToUnicode").ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| {
                s.decompressed_content()
                    .ok()
                    .or_else(|| Some(s.content.clone()))
            })
            .map(|bytes| CMap::parse(&bytes))
            .filter(|c| !c.is_empty());

        let scale = if subtype.as_deref() == Some("Type3") {
            deref(doc, dict.get(b"FontMatrix").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(number)
                .filter(|v| v.is_finite() && *v != 0.0)
                .map(f64::abs)
                .unwrap_or(0.001)
        } else {
            0.001
        };

        if composite {
            let encoding_cmap = deref(doc, dict.get(b"Encoding").ok())
                .and_then(|o| o.as_stream().ok())
                .and_then(|s| s.decompressed_content().ok())
                .map(|b| CMap::parse(&b));
            let codespace = encoding_cmap
                .as_ref()
                .map(|c| c.codespace.clone())
                .filter(|c| !c.is_empty())
                .or_else(|| {
                    to_unicode
                        .as_ref()
                        .map(|c| c.codespace.clone())
                        .filter(|c| !c.is_empty())
                })
                .unwrap_or_else(|| vec![(2, 0, 0xFFFF)]);
            let widths = cid_widths(doc, descendant);
            Font {
                codespace,
                to_unicode,
                simple: None,
                widths,
                scale: 0.001,
                bold,
                symbolic,
            }
        } else {
            let simple = simple_encoding(doc, dict);
            let first = dict
                .get(b"FirstChar")
                .ok()
                .and_then(number)
                .unwrap_or(0.0)
                .clamp(0.0, 255.0) as u32;
            let widths: Vec<f64> = deref(doc, dict.get(b"Widths").ok())
                .and_then(|o| o.as_array().ok())
                .map(|a| {
                    a.iter()
                        .take(256)
                        .map(|w| deref(doc, Some(w)).and_then(number).unwrap_or(0.0))
                        .collect()
                })
                .unwrap_or_default();
            let missing = descriptor
                .and_then(|d| {
                    d.get(b"MissingWidth")
                        .ok()
                        .or_else(|| d.get(b"AvgWidth").ok())
                })
                .and_then(number)
                .filter(|w| *w > 0.0)
                .unwrap_or_else(|| standard_width(&lower));
            Font {
                codespace: vec![(1, 0, 0xFF)],
                to_unicode,
                simple: Some(simple),
                widths: Widths::Simple {
                    first,
                    widths,
                    missing,
                },
                scale,
                bold,
                symbolic,
            }
        }
    }

    /// A font for a name the resources lack: decodes bytes as Latin-1 with an average width.
    pub fn fallback() -> Font {
        let mut table: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|_| None));
        for (code, slot) in table.iter_mut().enumerate().skip(32) {
            *slot = char::from_u32(code as u32).map(String::from);
        }
        Font {
            codespace: vec![(1, 0, 0xFF)],
            to_unicode: None,
            simple: Some(table),
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
                missing: 500.0,
            },
            scale: 0.001,
            bold: false,
            symbolic: false,
        }
    }

    /// Splits a shown string into glyphs.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Glyph>) {
        let mut i = 0;
        while i < bytes.len() {
            let (code, len) = self.next_code(&bytes[i..]);
            i += len.max(1);
            let mapped_text = self
                .to_unicode
                .as_ref()
                .and_then(|c| c.get(code, len as u8))
                .filter(|t| !t.is_empty() && !t.contains('\u{FFFD}'))
                .or_else(|| {
                    self.simple
                        .as_ref()
                        .and_then(|s| s.get(code as usize).cloned().flatten())
                });
            let (text, mapped) = match mapped_text {
                Some(t) => (t, true),
                None if self.symbolic => ("•".to_string(), true),
                None => (String::new(), false),
            };
            let width = self.width(code) * self.scale;
            out.push(Glyph {
                text,
                width,
                is_space_code: len == 1 && code == 32,
                mapped,
            });
        }
    }

    fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        if self.codespace.len() == 1 {
            let n = (self.codespace[0].0 as usize).clamp(1, 4).min(bytes.len());
            return (be(&bytes[..n]), n);
        }
        for len in 1..=4usize.min(bytes.len()) {
            let code = be(&bytes[..len]);
            if self
                .codespace
                .iter()
                .any(|&(l, lo, hi)| l as usize == len && (lo..=hi).contains(&code))
            {
                return (code, len);
            }
        }
        let n = (self.codespace[0].0 as usize).clamp(1, 4).min(bytes.len());
        (be(&bytes[..n]), n)
    }

    fn width(&self, code: u32) -> f64 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .filter(|w| *w > 0.0)
                .unwrap_or(*missing),
            Widths::Cid { default, map } => map.get(&code).copied().unwrap_or(*default),
        }
    }
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

pub fn deref<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Option<&'a Object> {
    let mut obj = obj?;
    for _ in 0..8 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            _ => return Some(obj),
        }
    }
    None
}

pub fn number(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

fn name_of(obj: Option<&Object>) -> Option<String> {
    match obj? {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// Width of a glyph in a standard-14 font without /Widths (a rough average).
fn standard_width(base: &str) -> f64 {
    if base.contains("courier") {
        600.0
    } else if base.contains("times") {
        480.0
    } else {
        540.0
    }
}

fn cid_widths(doc: &Document, descendant: Option<&Dictionary>) -> Widths {
    let Some(d) = descendant else {
        return Widths::Cid {
            default: 1000.0,
            map: HashMap::new(),
        };
    };
    let default = d.get(b"DW").ok().and_then(number).unwrap_or(1000.0);
    let mut map = HashMap::new();
    if let Some(w) = deref(doc, d.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
        let mut i = 0;
        // Bounded: a hostile /W could name billions of codes.
        while i < w.len() && map.len() < 70_000 {
            let Some(first) = deref(doc, Some(&w[i])).and_then(number) else {
                break;
            };
            match w.get(i + 1).and_then(|o| deref(doc, Some(o))) {
                Some(Object::Array(list)) => {
                    for (k, v) in list.iter().enumerate() {
                        if let Some(v) = deref(doc, Some(v)).and_then(number) {
                            map.insert(first as u32 + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(v)) = (
                        number(last),
                        w.get(i + 2)
                            .and_then(|o| deref(doc, Some(o)))
                            .and_then(number),
                    ) else {
                        break;
                    };
                    let (a, b) = (first.max(0.0) as u32, last.max(0.0) as u32);
                    for c in a..=b.min(a.saturating_add(70_000)) {
                        map.insert(c, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    Widths::Cid { default, map }
}

/// Base encoding and /Differences, as lopdf knows them, code by code.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> Box<[Option<String>; 256]> {
    let mut table: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|_| None));
    // lopdf prefers /Encoding and falls back to StandardEncoding; a font dictionary
    // without /Type /Font is refused, so give it one.
    let mut d = dict.clone();
    d.set("Type", Object::Name(b"Font".to_vec()));
    d.remove(b"ToUnicode");
    if let Ok(enc) = d.get_font_encoding(doc) {
        for (code, slot) in table.iter_mut().enumerate() {
            if let Ok(s) = enc.bytes_to_string(&[code as u8]) {
                if !s.is_empty() && !s.contains('\u{FFFD}') && !s.chars().all(char::is_control) {
                    *slot = Some(s);
                }
            }
        }
    }
    table
}

/// A ToUnicode (or encoding) CMap: codespace ranges, single codes and ranges.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    codespace: Vec<(u8, u32, u32)>,
    chars: HashMap<(u8, u32), String>,
    ranges: Vec<(u8, u32, u32, RangeTarget)>,
}

#[derive(Debug, Clone)]
enum RangeTarget {
    /// UTF-16 units of the first code's string; the last unit counts up.
    Base(Vec<u16>),
    List(Vec<String>),
}

#[derive(Debug)]
enum Tok {
    Hex(Vec<u8>),
    Word(String),
    Open,
    Close,
    Num,
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() < 2_000_000 {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| start + p);
                let hex: Vec<u8> = data[start..end]
                    .iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let mut bytes = Vec::with_capacity(hex.len() / 2 + 1);
                for pair in hex.chunks(2) {
                    let hi = (pair[0] as char).to_digit(16).unwrap_or(0);
                    let lo = pair
                        .get(1)
                        .and_then(|&b| (b as char).to_digit(16))
                        .unwrap_or(0);
                    bytes.push((hi * 16 + lo) as u8);
                }
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings are rare in CMaps; skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() || c == 0 => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !matches!(data[i], b'<' | b'>' | b'[' | b']' | b'(' | b'%')
                {
                    i += 1;
                    if data[i - 1] == b'/' && i - 1 > start {
                        break;
                    }
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let w = String::from_utf8_lossy(&data[start..i]).into_owned();
                match w.parse::<f64>() {
                    Ok(_) => out.push(Tok::Num),
                    Err(_) => out.push(Tok::Word(w)),
                }
            }
        }
    }
    out
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                c[0] as u16
            }
        })
        .collect()
}

fn unicode(bytes: &[u8]) -> String {
    char::decode_utf16(utf16(bytes))
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut cmap = CMap::default();
        let mut i = 0;
        let code = |b: &[u8]| (b.len().clamp(1, 4) as u8, be(&b[..b.len().min(4)]));
        while i < toks.len() {
            let Tok::Word(w) = &toks[i] else {
                i += 1;
                continue;
            };
            i += 1;
            match w.as_str() {
                "begincodespacerange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if !lo.is_empty() && lo.len() == hi.len() {
                            cmap.codespace.push((code(lo).0, code(lo).1, code(hi).1));
                        }
                        i += 2;
                    }
                }
                "beginbfchar" | "begincidchar" => {
                    while let (Some(Tok::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                        if src.is_empty() {
                            i += 2;
                            continue;
                        }
                        let text = match dst {
                            Tok::Hex(d) => unicode(d),
                            _ => String::new(),
                        };
                        cmap.chars.insert(code(src), text);
                        i += 2;
                    }
                }
                "beginbfrange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        i += 2;
                        let (len, lo_c) = code(lo);
                        let hi_c = code(hi).1;
                        match toks.get(i) {
                            Some(Tok::Hex(d)) => {
                                if !lo.is_empty() && hi_c >= lo_c {
                                    cmap.ranges.push((
                                        len,
                                        lo_c,
                                        hi_c,
                                        RangeTarget::Base(utf16(d)),
                                    ));
                                }
                                i += 1;
                            }
                            Some(Tok::Open) => {
                                i += 1;
                                let mut list = Vec::new();
                                while let Some(Tok::Hex(d)) = toks.get(i) {
                                    list.push(unicode(d));
                                    i += 1;
                                }
                                if matches!(toks.get(i), Some(Tok::Close)) {
                                    i += 1;
                                }
                                if !lo.is_empty() && hi_c >= lo_c {
                                    cmap.ranges.push((len, lo_c, hi_c, RangeTarget::List(list)));
                                }
                            }
                            _ => break,
                        }
                    }
                }
                _ => {}
            }
        }
        cmap
    }

    fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    pub fn get(&self, code: u32, len: u8) -> Option<String> {
        if let Some(s) = self.chars.get(&(len, code)) {
            return Some(s.clone());
        }
        self.ranges
            .iter()
            .rev()
            .find(|(l, lo, hi, _)| *l == len && (*lo..=*hi).contains(&code))
            .and_then(|(_, lo, _, target)| {
                let offset = code - lo;
                match target {
                    RangeTarget::List(list) => list.get(offset as usize).cloned(),
                    RangeTarget::Base(units) => {
                        let mut units = units.clone();
                        let last = units.last_mut()?;
                        *last = last.wrapping_add(offset as u16);
                        Some(
                            char::decode_utf16(units)
                                .map(|r| r.unwrap_or('\u{FFFD}'))
                                .collect(),
                        )
                    }
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_ranges_and_ligatures() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <00B6> <2019> endbfchar\n\
              2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<FB01> <00660066>] endbfrange\n\
              endcmap",
        );
        assert_eq!(cmap.get(3, 2).as_deref(), Some(" "));
        assert_eq!(cmap.get(0xB6, 2).as_deref(), Some("\u{2019}"));
        assert_eq!(cmap.get(0x11, 2).as_deref(), Some("B"));
        assert_eq!(cmap.get(0x20, 2).as_deref(), Some("\u{FB01}"));
        assert_eq!(cmap.get(0x21, 2).as_deref(), Some("ff"));
        assert_eq!(cmap.get(0x22, 2), None);
        assert_eq!(cmap.codespace, vec![(2, 0, 0xFFFF)]);
    }

    #[test]
    fn garbage_cmap_is_empty_not_a_panic() {
        for junk in [
            &b"beginbfrange <00> [ endbfrange"[..],
            b"<<<<>>>>[[[",
            b"begincodespacerange <",
        ] {
            let _ = CMap::parse(junk);
        }
    }
}
