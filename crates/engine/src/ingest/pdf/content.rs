//! Content streams -> positioned characters. A small tokenizer of our own (a bad token is
//! skipped, never fatal) and the text-state machine of the PDF spec (9.4): text and line
//! matrices, Tc/Tw/Tz/TL/Ts, TJ adjustments, q/Q and cm, form XObjects, and marked
//! content so that Word's pagination artifacts (running headers and footers) are known.

use super::font::{deref, number, Font, Glyph};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// One character on a page, in page space with y growing downwards.
#[derive(Debug, Clone)]
pub struct Char {
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    pub w: f64,
    pub size: f64,
    pub bold: bool,
    pub text: String,
    /// Inside a /Artifact of /Type /Pagination (running header or footer).
    pub pagination: bool,
}

/// What one page's content gave.
#[derive(Default)]
pub struct PageContent {
    pub chars: Vec<Char>,
    pub images: usize,
    /// Glyphs whose font gave no Unicode mapping.
    pub unmapped: usize,
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

#[derive(Debug, Clone)]
enum Operand {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    Dict(Vec<(Vec<u8>, Operand)>),
    Other,
}

/// Limits against hostile files: operations per document, characters per page, nesting.
const MAX_OPS: usize = 20_000_000;
const MAX_CHARS_PER_PAGE: usize = 400_000;
const MAX_FORM_DEPTH: usize = 8;

struct Lexer<'a> {
    data: &'a [u8],
    i: usize,
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

enum Token {
    Operand(Operand),
    Op(Vec<u8>),
    ArrayEnd,
    DictEnd,
}

impl<'a> Lexer<'a> {
    fn skip_space(&mut self) {
        while self.i < self.data.len() {
            let b = self.data[self.i];
            if b.is_ascii_whitespace() || b == 0 {
                self.i += 1;
            } else if b == b'%' {
                while self.i < self.data.len() && !matches!(self.data[self.i], b'\n' | b'\r') {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    fn next(&mut self, depth: usize) -> Option<Token> {
        self.skip_space();
        let data = self.data;
        let b = *data.get(self.i)?;
        match b {
            b'/' => {
                self.i += 1;
                let start = self.i;
                while self.i < data.len()
                    && !data[self.i].is_ascii_whitespace()
                    && !is_delim(data[self.i])
                {
                    self.i += 1;
                }
                Some(Token::Operand(Operand::Name(data[start..self.i].to_vec())))
            }
            b'(' => Some(Token::Operand(Operand::Str(self.literal()))),
            b'<' if data.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut entries = Vec::new();
                if depth >= 32 {
                    return Some(Token::Operand(Operand::Other));
                }
                loop {
                    match self.next(depth + 1)? {
                        Token::DictEnd => break,
                        Token::Operand(Operand::Name(k)) => match self.next(depth + 1)? {
                            Token::Operand(v) => entries.push((k, v)),
                            Token::DictEnd => break,
                            _ => {}
                        },
                        _ => {}
                    }
                }
                Some(Token::Operand(Operand::Dict(entries)))
            }
            b'>' if data.get(self.i + 1) == Some(&b'>') => {
                self.i += 2;
                Some(Token::DictEnd)
            }
            b'<' => {
                self.i += 1;
                let start = self.i;
                while self.i < data.len() && data[self.i] != b'>' {
                    self.i += 1;
                }
                let hex: Vec<u8> = data[start..self.i]
                    .iter()
                    .filter(|c| c.is_ascii_hexdigit())
                    .copied()
                    .collect();
                self.i += 1;
                let bytes = hex
                    .chunks(2)
                    .map(|p| {
                        let hi = (p[0] as char).to_digit(16).unwrap_or(0);
                        let lo = p
                            .get(1)
                            .and_then(|&c| (c as char).to_digit(16))
                            .unwrap_or(0);
                        (hi * 16 + lo) as u8
                    })
                    .collect();
                Some(Token::Operand(Operand::Str(bytes)))
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                if depth >= 32 {
                    return Some(Token::Operand(Operand::Other));
                }
                loop {
                    match self.next(depth + 1) {
                        None | Some(Token::ArrayEnd) => break,
                        Some(Token::Operand(o)) => items.push(o),
                        Some(Token::Op(_)) | Some(Token::DictEnd) => {}
                    }
                }
                Some(Token::Operand(Operand::Array(items)))
            }
            b']' => {
                self.i += 1;
                Some(Token::ArrayEnd)
            }
            b')' | b'>' | b'{' | b'}' => {
                self.i += 1;
                Some(Token::Operand(Operand::Other))
            }
            _ => {
                let start = self.i;
                while self.i < data.len()
                    && !data[self.i].is_ascii_whitespace()
                    && !is_delim(data[self.i])
                    && data[self.i] != 0
                {
                    self.i += 1;
                }
                let word = &data[start..self.i];
                if word
                    .first()
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.'))
                {
                    let n = std::str::from_utf8(word)
                        .ok()
                        .and_then(|s| s.parse::<f64>().ok())
                        .filter(|v| v.is_finite())
                        .unwrap_or(0.0);
                    return Some(Token::Operand(Operand::Num(n)));
                }
                match word {
                    b"true" | b"false" | b"null" => Some(Token::Operand(Operand::Other)),
                    _ => Some(Token::Op(word.to_vec())),
                }
            }
        }
    }

    fn literal(&mut self) -> Vec<u8> {
        let data = self.data;
        self.i += 1;
        let mut out = Vec::new();
        let mut depth = 1;
        while self.i < data.len() {
            let b = data[self.i];
            self.i += 1;
            match b {
                b'\\' => {
                    let Some(&e) = data.get(self.i) else { break };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if data.get(self.i) == Some(&b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match data.get(self.i) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// After `ID`: skip inline image data up to `EI`.
    fn skip_inline_image(&mut self) {
        let data = self.data;
        self.i += 1;
        while self.i + 2 <= data.len() {
            if data[self.i..].starts_with(b"EI")
                && data[self.i - 1].is_ascii_whitespace()
                && data.get(self.i + 2).is_none_or(|c| c.is_ascii_whitespace())
            {
                self.i += 2;
                return;
            }
            self.i += 1;
        }
        self.i = data.len();
    }
}

/// The six numbers of a `cm` or `Tm` operator as a matrix.
fn matrix(ops: &[Operand]) -> [f64; 6] {
    std::array::from_fn(|i| num(ops, i))
}

fn num(ops: &[Operand], i: usize) -> f64 {
    match ops.get(i) {
        Some(Operand::Num(n)) => *n,
        _ => 0.0,
    }
}

#[derive(Clone)]
struct TextState {
    font: Option<usize>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    text: TextState,
}

/// Interprets pages; fonts are cached per font dictionary.
pub struct Interpreter<'d> {
    doc: &'d Document,
    fonts: Vec<Font>,
    font_ids: HashMap<usize, usize>,
    pub ops: usize,
}

struct Run<'r> {
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    /// Marked-content stack: true where a pagination artifact starts.
    marks: Vec<bool>,
    page_height: f64,
    out: &'r mut PageContent,
}

impl<'d> Interpreter<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Interpreter {
            doc,
            fonts: Vec::new(),
            font_ids: HashMap::new(),
            ops: 0,
        }
    }

    pub fn page(
        &mut self,
        content: &[u8],
        resources: &Dictionary,
        page_box: [f64; 4],
        out: &mut PageContent,
    ) {
        let gs = GState {
            ctm: [1.0, 0.0, 0.0, 1.0, -page_box[0], -page_box[1]],
            text: TextState {
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
        };
        let mut run = Run {
            gs,
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            marks: Vec::new(),
            page_height: page_box[3] - page_box[1],
            out,
        };
        self.stream(content, resources, &mut run, 0);
    }

    fn font_for(&mut self, resources: &Dictionary, name: &[u8]) -> usize {
        let doc = self.doc;
        let dict = deref(doc, resources.get(b"Font").ok())
            .and_then(|o| o.as_dict().ok())
            .and_then(|fonts| deref(doc, fonts.get(name).ok()))
            .and_then(|o| o.as_dict().ok());
        let key = dict.map_or(0, |d| d as *const Dictionary as usize);
        if let Some(&i) = self.font_ids.get(&key) {
            return i;
        }
        let font = match dict {
            Some(d) => Font::load(doc, d),
            None => Font::fallback(),
        };
        self.fonts.push(font);
        self.font_ids.insert(key, self.fonts.len() - 1);
        self.fonts.len() - 1
    }

    fn stream(&mut self, content: &[u8], resources: &Dictionary, run: &mut Run, depth: usize) {
        let mut lx = Lexer {
            data: content,
            i: 0,
        };
        let mut operands: Vec<Operand> = Vec::new();
        let mut glyphs: Vec<Glyph> = Vec::new();
        while let Some(tok) = lx.next(0) {
            let op = match tok {
                Token::Operand(o) => {
                    if operands.len() < 64 {
                        operands.push(o);
                    }
                    continue;
                }
                Token::Op(op) => op,
                Token::ArrayEnd | Token::DictEnd => continue,
            };
            self.ops += 1;
            if self.ops > MAX_OPS || run.out.chars.len() > MAX_CHARS_PER_PAGE {
                return;
            }
            let o = &operands;
            match op.as_slice() {
                b"q" if run.stack.len() < 64 => run.stack.push(run.gs.clone()),
                b"Q" => {
                    if let Some(g) = run.stack.pop() {
                        run.gs = g;
                    }
                }
                b"cm" if o.len() >= 6 => {
                    run.gs.ctm = mul(&matrix(o), &run.gs.ctm);
                }
                b"BT" => {
                    run.tm = IDENTITY;
                    run.tlm = IDENTITY;
                }
                b"Tf" if o.len() >= 2 => {
                    if let Some(Operand::Name(n)) = o.first() {
                        run.gs.text.font = Some(self.font_for(resources, n));
                    }
                    run.gs.text.size = num(o, 1);
                }
                b"Tc" => run.gs.text.char_spacing = num(o, 0),
                b"Tw" => run.gs.text.word_spacing = num(o, 0),
                b"Tz" => run.gs.text.scale = num(o, 0) / 100.0,
                b"TL" => run.gs.text.leading = num(o, 0),
                b"Ts" => run.gs.text.rise = num(o, 0),
                b"Td" => {
                    run.tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(o, 0), num(o, 1)], &run.tlm);
                    run.tm = run.tlm;
                }
                b"TD" => {
                    run.gs.text.leading = -num(o, 1);
                    run.tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(o, 0), num(o, 1)], &run.tlm);
                    run.tm = run.tlm;
                }
                b"Tm" if o.len() >= 6 => {
                    run.tlm = matrix(o);
                    run.tm = run.tlm;
                }
                b"T*" => next_line(run),
                b"Tj" => {
                    if let Some(Operand::Str(s)) = o.first() {
                        self.show(s, run, &mut glyphs);
                    }
                }
                b"'" => {
                    next_line(run);
                    if let Some(Operand::Str(s)) = o.first() {
                        self.show(s, run, &mut glyphs);
                    }
                }
                b"\"" => {
                    run.gs.text.word_spacing = num(o, 0);
                    run.gs.text.char_spacing = num(o, 1);
                    next_line(run);
                    if let Some(Operand::Str(s)) = o.get(2) {
                        self.show(s, run, &mut glyphs);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Operand::Str(s) => self.show(s, run, &mut glyphs),
                                Operand::Num(n) => {
                                    let t = &run.gs.text;
                                    let tx = -n / 1000.0 * t.size * t.scale;
                                    run.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &run.tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"BMC" => run.marks.push(false),
                b"BDC" => {
                    let pagination = matches!(o.first(), Some(Operand::Name(n)) if n == b"Artifact")
                        && match o.get(1) {
                            Some(Operand::Dict(d)) => is_pagination(d),
                            _ => false,
                        };
                    run.marks.push(pagination);
                }
                b"EMC" => {
                    run.marks.pop();
                }
                b"ID" => lx.skip_inline_image(),
                b"BI" => run.out.images += 1,
                b"Do" => {
                    if let Some(Operand::Name(n)) = o.first() {
                        self.xobject(resources, n, run, depth);
                    }
                }
                _ => {}
            }
            operands.clear();
        }
    }

    fn xobject(&mut self, resources: &Dictionary, name: &[u8], run: &mut Run, depth: usize) {
        let doc = self.doc;
        let Some(stream) = deref(doc, resources.get(b"XObject").ok())
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| deref(doc, x.get(name).ok()))
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        match stream.dict.get(b"Subtype") {
            Ok(Object::Name(n)) if n == b"Image" => run.out.images += 1,
            Ok(Object::Name(n)) if n == b"Form" && depth < MAX_FORM_DEPTH => {
                let Ok(content) = stream.decompressed_content().or_else(|_| {
                    if stream.dict.has(b"Filter") {
                        Err(())
                    } else {
                        Ok(stream.content.clone())
                    }
                }) else {
                    return;
                };
                let inner = deref(doc, stream.dict.get(b"Resources").ok())
                    .and_then(|o| o.as_dict().ok())
                    .unwrap_or(resources);
                let saved = (run.gs.clone(), run.tm, run.tlm, run.stack.len());
                if let Some(m) = deref(doc, stream.dict.get(b"Matrix").ok())
                    .and_then(|o| o.as_array().ok())
                    .filter(|a| a.len() == 6)
                {
                    let v: Vec<f64> = m.iter().map(|x| number(x).unwrap_or(0.0)).collect();
                    let m = [v[0], v[1], v[2], v[3], v[4], v[5]];
                    run.gs.ctm = mul(&m, &run.gs.ctm);
                }
                self.stream(&content, inner, run, depth + 1);
                run.gs = saved.0;
                run.tm = saved.1;
                run.tlm = saved.2;
                run.stack.truncate(saved.3);
            }
            _ => {}
        }
    }

    fn show(&mut self, bytes: &[u8], run: &mut Run, glyphs: &mut Vec<Glyph>) {
        let t = run.gs.text.clone();
        let Some(font) = t.font.and_then(|i| self.fonts.get(i)) else {
            return;
        };
        glyphs.clear();
        font.decode(bytes, glyphs);
        let pagination = run.marks.iter().any(|&m| m);
        for g in glyphs.iter() {
            let trm = mul(
                &mul(&[t.size * t.scale, 0.0, 0.0, t.size, 0.0, t.rise], &run.tm),
                &run.gs.ctm,
            );
            let spacing = if g.is_space_code { t.word_spacing } else { 0.0 };
            let tx = (g.width * t.size + t.char_spacing + spacing) * t.scale;
            let m = mul(&run.tm, &run.gs.ctm);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            // Advance in page space along the baseline direction.
            let w = (g.width * t.size * t.scale) * (m[0] * m[0] + m[1] * m[1]).sqrt();
            if !g.mapped {
                run.out.unmapped += 1;
            } else if !g.text.is_empty() && size.is_finite() && size > 0.1 {
                run.out.chars.push(Char {
                    x: trm[4],
                    y: run.page_height - trm[5],
                    w: if w.is_finite() { w } else { 0.0 },
                    size,
                    bold: font.bold,
                    text: g.text.clone(),
                    pagination,
                });
            }
            run.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &run.tm);
        }
    }
}

fn next_line(run: &mut Run) {
    let l = run.gs.text.leading;
    run.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -l], &run.tlm);
    run.tm = run.tlm;
}

fn is_pagination(d: &[(Vec<u8>, Operand)]) -> bool {
    d.iter().any(|(k, v)| match (k.as_slice(), v) {
        (b"Type", Operand::Name(n)) => n == b"Pagination",
        (b"Subtype", Operand::Name(n)) => {
            matches!(n.as_slice(), b"Header" | b"Footer" | b"Watermark")
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexer_survives_junk() {
        for junk in [
            &b"BT /F1 12 Tf (unterminated"[..],
            b"[[[[[[[ <<<< >> ] ) ) ( \\",
            b"BI /W 4 ID \x00\x01\x02 EI Q Q Q ET",
            b"<< /A << /B [1 2 (x) <00ff>] >> >> BDC EMC 1e999 9999999999999999999999 Td",
        ] {
            let mut lx = Lexer { data: junk, i: 0 };
            let mut n = 0;
            while lx.next(0).is_some() {
                n += 1;
                assert!(n < 1000);
            }
        }
    }

    #[test]
    fn literal_strings_unescape() {
        let mut lx = Lexer {
            data: b"(a\\(b\\)c\\101\\\nd)",
            i: 0,
        };
        match lx.next(0) {
            Some(Token::Operand(Operand::Str(s))) => assert_eq!(s, b"a(b)cAd"),
            _ => panic!("string expected"),
        }
    }
}
