//! The codebook as a REFI-QDA codebook (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`), the
//! exchange format NVivo, ATLAS.ti, MAXQDA and QualCoder read, and back.
//!
//! Writing: each theme is a `<Code>` (its label the name; its description, id and terms in
//! the `<Description>`, since the standard has no place for terms), and with a comparison
//! each theme's topics are codes inside it, and the themes discovered in those two reports
//! follow the codebook's. Synonyms go in one code that can't be coded with. `<Sets>` says
//! which themes are built in, which are the person's own (`--codebook`) and which were
//! discovered. GUIDs are UUIDs version 5 of the theme id (topic: theme id and label), so
//! the same codebook always gets the same GUIDs and a QDA program sees the same codes.
//!
//! Reading (Cargo feature `qdc`): a file we wrote comes back as the codebook it was (terms,
//! strong terms and synonyms from the descriptions; topics, which belong to one pair of
//! reports, left out) and replaces the built-in one, since it holds all of it. A file from
//! another program is read as themes to add: each top-level code a theme (a code that
//! can't be coded with but has codes inside is a folder: those are read instead), named
//! and matched by its own name and the names of the codes inside it.

use super::plain;
use crate::compare::Comparison;
#[cfg(feature = "qdc")]
use crate::themes::CodebookError;
use crate::themes::{Codebook, ThemeDef};
#[cfg(feature = "qdc")]
use std::collections::BTreeSet;
use std::fmt::Write;
use uuid::Uuid;

/// The XML namespace of REFI-QDA codebooks.
pub const NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";
/// `origin` of the files we write; reading keys on it.
const ORIGIN: &str = "report-compare";
/// Description lines that carry data, not prose.
const THEME_LINE: &str = "report-compare theme: ";
const TOPIC_LINE: &str = "report-compare topic: ";
const SYNONYMS_LINE: &str = "report-compare synonyms";
const TERMS_LINE: &str = "Terms: ";
const STRONG_LINE: &str = "Strong terms: ";
const VARIANTS_LINE: &str = "Variants: ";
/// The theme findings no theme fits go to: not a code anyone would code with.
const LEFTOVERS: &str = "other";

fn guid(kind: &str, name: &str) -> String {
    // A namespace of our own, itself derived from a fixed name.
    let ns = Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        b"urn:report-compare:refi-qda-codebook",
    );
    Uuid::new_v5(&ns, format!("{kind}:{name}").as_bytes())
        .hyphenated()
        .to_string()
}

/// Element text: markup characters as references; see [`plain`].
fn text(s: &str) -> String {
    plain(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A quoted attribute value on one line (parsers turn newlines in attributes to spaces).
fn attr(s: &str) -> String {
    text(&s.replace(['\n', '\t'], " ")).replace('"', "&quot;")
}

/// A term list on one line. `;` separates terms, so one inside a term becomes a comma
/// (matching is word by word, so punctuation inside a term counts for nothing).
fn term_list(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| t.replace([';', '\n'], ","))
        .collect::<Vec<_>>()
        .join("; ")
}

struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, guid: &str, name: &str, codable: bool, description: &str) {
        self.indent();
        let _ = writeln!(
            self.out,
            "<Code guid=\"{guid}\" name=\"{}\" isCodable=\"{codable}\">",
            attr(name)
        );
        self.depth += 1;
        self.indent();
        let _ = writeln!(self.out, "<Description>{}</Description>", text(description));
    }

    fn close(&mut self) {
        self.depth -= 1;
        self.indent();
        self.out.push_str("</Code>\n");
    }
}

fn theme_description(t: &ThemeDef, prose: &str) -> String {
    let mut d = String::new();
    if !prose.trim().is_empty() {
        let _ = write!(d, "{}\n\n", prose.trim());
    }
    let _ = write!(
        d,
        "{THEME_LINE}{}\n{TERMS_LINE}{}",
        t.id,
        term_list(&t.terms)
    );
    if !t.strong.is_empty() {
        let _ = write!(d, "\n{STRONG_LINE}{}", term_list(&t.strong));
    }
    d
}

/// The codebook `book` (the built-in one with the person's own on top: see
/// [`Codebook::with`]) as a `.qdc` document. `yours`: the person's own codebook, whose
/// themes are marked as theirs. `comparison`: the topics each theme has in it, and the
/// themes discovered there.
pub fn to_qdc(
    book: &Codebook,
    yours: Option<&Codebook>,
    comparison: Option<&Comparison>,
) -> String {
    let mut w = Writer {
        out: String::with_capacity(64 * 1024),
        depth: 2,
    };
    let _ = write!(
        w.out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"{NAMESPACE}\" origin=\"{ORIGIN} {}\">\n  <Codes>\n",
        env!("CARGO_PKG_VERSION")
    );
    let reports = comparison.map(|c| {
        let side = |s: &crate::compare::Side| {
            let title = s.title.clone().unwrap_or_else(|| s.name.clone());
            match &s.date {
                Some(d) => format!("{title} ({d})"),
                None => title,
            }
        };
        format!("{} and {}", side(&c.before), side(&c.after))
    });
    let topics = |w: &mut Writer, theme: &str| {
        let Some(c) = comparison else { return };
        let Some(t) = c.themes.iter().find(|t| t.id == theme) else {
            return;
        };
        let mut seen: Vec<String> = Vec::new();
        for tp in &t.topics {
            // Two topics may share a label; the GUID still has to be unique.
            let n = seen.iter().filter(|l| **l == tp.label).count();
            seen.push(tp.label.clone());
            let key = match n {
                0 => format!("{theme}/{}", tp.label),
                n => format!("{theme}/{}#{}", tp.label, n + 1),
            };
            let why = if tp.why.is_empty() {
                String::new()
            } else {
                format!(" ({})", tp.why)
            };
            let description = format!(
                "A topic report-compare found in {}: {}{why}; {} earlier and {} later findings.\n\n{TOPIC_LINE}{}",
                reports.as_deref().unwrap_or("two reports"),
                super::verdict_words(tp.verdict),
                tp.before.len(),
                tp.after.len(),
                tp.id
            );
            w.open(&guid("topic", &key), &tp.label, true, &description);
            w.close();
        }
    };
    let mut discovered: Vec<String> = Vec::new();
    for t in &book.themes {
        w.open(
            &guid("theme", &t.id),
            &t.label,
            true,
            &theme_description(t, &t.description),
        );
        topics(&mut w, &t.id);
        w.close();
    }
    if let Some(c) = comparison {
        for t in c.themes.iter().filter(|t| {
            t.source == "discovered"
                && t.id != LEFTOVERS
                && !book.themes.iter().any(|b| b.id == t.id)
        }) {
            // Discovered themes are named by the phrase their findings share ("Young
            // people"); that phrase and their topics' names are their terms, so the
            // codebook finds the same matters again (a name cut short, "…", is no term).
            let mut terms: Vec<String> = Vec::new();
            for name in std::iter::once(&t.label).chain(t.topics.iter().map(|tp| &tp.label)) {
                let term = name.trim().to_lowercase();
                if !term.is_empty() && !term.ends_with('\u{2026}') && !terms.contains(&term) {
                    terms.push(term);
                }
            }
            let def = ThemeDef {
                id: t.id.clone(),
                label: t.label.clone(),
                description: String::new(),
                terms,
                strong: Vec::new(),
            };
            let prose = format!(
                "Discovered by report-compare in {}: findings no codebook theme fits, grouped by the words they share.",
                reports.as_deref().unwrap_or("two reports")
            );
            w.open(
                &guid("theme", &t.id),
                &t.label,
                true,
                &theme_description(&def, &prose),
            );
            topics(&mut w, &t.id);
            w.close();
            discovered.push(t.id.clone());
        }
    }
    if !book.synonyms.is_empty() {
        w.open(
            &guid("synonyms", ""),
            "Synonyms (report-compare)",
            false,
            &format!("Wordings report-compare treats as the same words when it pairs findings; not codes to code with.\n\n{SYNONYMS_LINE}"),
        );
        for (canonical, variants) in &book.synonyms {
            w.open(
                &guid("synonym", canonical),
                canonical,
                false,
                &format!("{VARIANTS_LINE}{}", term_list(variants)),
            );
            w.close();
        }
        w.close();
    }
    w.out.push_str("  </Codes>\n");

    let is_yours = |id: &str| yours.is_some_and(|y| y.themes.iter().any(|t| t.id == id));
    let builtin: Vec<&str> = book
        .themes
        .iter()
        .map(|t| t.id.as_str())
        .filter(|id| !is_yours(id))
        .collect();
    let own: Vec<&str> = book
        .themes
        .iter()
        .map(|t| t.id.as_str())
        .filter(|id| is_yours(id))
        .collect();
    let sets = [
        (
            "Built-in themes (report-compare)",
            "The themes of the codebook that comes with report-compare.",
            builtin,
        ),
        (
            "Your own themes",
            "Themes from your own codebook (given with --codebook, or dropped on the app).",
            own,
        ),
        (
            "Discovered in these two reports",
            "Themes report-compare found in the two reports, outside the codebook.",
            discovered.iter().map(String::as_str).collect(),
        ),
    ];
    if sets.iter().any(|(_, _, ids)| !ids.is_empty()) {
        w.out.push_str("  <Sets>\n");
        for (name, description, ids) in sets.iter().filter(|(_, _, ids)| !ids.is_empty()) {
            let _ = writeln!(
                w.out,
                "    <Set guid=\"{}\" name=\"{}\">\n      <Description>{}</Description>",
                guid("set", name),
                attr(name),
                text(description)
            );
            for id in ids {
                let _ = writeln!(w.out, "      <MemberCode guid=\"{}\"/>", guid("theme", id));
            }
            w.out.push_str("    </Set>\n");
        }
        w.out.push_str("  </Sets>\n");
    }
    w.out.push_str("</CodeBook>\n");
    w.out
}

/// Whether a codebook file is a `.qdc` (by name, or an XML start).
pub fn looks_like_qdc(text: &str, name: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    name.to_ascii_lowercase().ends_with(".qdc")
        || start.starts_with("<?xml")
        || start.starts_with("<CodeBook")
}

#[cfg(feature = "qdc")]
/// A `<Code>` as read.
#[derive(Debug, Default)]
struct Code {
    name: String,
    codable: bool,
    description: String,
    children: Vec<Code>,
}

/// How deep codes may nest before the file is refused (no QDA program nests this deep;
/// the limit keeps a hostile file from exhausting the stack when the tree is walked).
#[cfg(feature = "qdc")]
const MAX_DEPTH: usize = 64;

/// Reads a `.qdc` codebook: see the module's comment for how codes become themes.
#[cfg(feature = "qdc")]
pub fn from_qdc(text: &str, name: &str) -> Result<Codebook, CodebookError> {
    let (origin, codes) = parse(text).map_err(|e| CodebookError(format!("{name}: {e}")))?;
    let ours = origin.starts_with(ORIGIN);
    let mut book = Codebook {
        mode: if ours {
            crate::themes::Mode::Replace
        } else {
            crate::themes::Mode::Extend
        },
        ..Codebook::default()
    };
    let mut ids = BTreeSet::new();
    for code in &codes {
        read_code(code, &mut book, &mut ids);
    }
    if book.themes.is_empty() {
        return Err(CodebookError(format!(
            "{name}: the codebook has no code to use as a theme (codes that can't be coded with, and topics, are left out)"
        )));
    }
    // The engine's own checks (unique ids, every theme with terms), with its messages.
    let json = serde_json::to_string(&book).map_err(|e| CodebookError(format!("{name}: {e}")))?;
    Codebook::parse(&json, name)
}

#[cfg(feature = "qdc")]
fn read_code(code: &Code, book: &mut Codebook, ids: &mut BTreeSet<String>) {
    let data = Data::of(&code.description);
    if data.topic || code.name.trim().is_empty() {
        return;
    }
    if data.synonyms {
        for s in &code.children {
            let variants = Data::of(&s.description).variants;
            if !s.name.trim().is_empty() && !variants.is_empty() {
                book.synonyms.insert(s.name.trim().to_string(), variants);
            }
        }
        return;
    }
    if !code.codable {
        // A folder: the codes inside it are the themes.
        for child in &code.children {
            read_code(child, book, ids);
        }
        return;
    }
    let label = code.name.trim().to_string();
    let mut terms = data.terms;
    if data.id.is_none() && terms.is_empty() {
        // Someone else's code: its name, and the names of the codes inside it.
        let mut names = vec![label.to_lowercase()];
        collect_names(&code.children, &mut names, 0);
        for n in names {
            if !terms.contains(&n) {
                terms.push(n);
            }
        }
    }
    let id = unique(data.id.unwrap_or_else(|| slug(&label)), ids);
    book.themes.push(ThemeDef {
        id,
        label,
        description: data.prose,
        terms,
        strong: data.strong,
    });
}

#[cfg(feature = "qdc")]
fn collect_names(codes: &[Code], out: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in codes {
        if Data::of(&c.description).topic {
            continue;
        }
        let n = c.name.trim().to_lowercase();
        if !n.is_empty() {
            out.push(n);
        }
        collect_names(&c.children, out, depth + 1);
    }
}

/// "Staff wellbeing & support" → "staff-wellbeing-support".
#[cfg(feature = "qdc")]
fn slug(label: &str) -> String {
    let mut s = String::new();
    for w in label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w.to_lowercase());
    }
    if s.is_empty() {
        "code".to_string()
    } else {
        s
    }
}

#[cfg(feature = "qdc")]
fn unique(id: String, ids: &mut BTreeSet<String>) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while ids.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    ids.insert(candidate.clone());
    candidate
}

#[cfg(feature = "qdc")]
/// What a description says: prose, and the lines we write for data.
#[derive(Debug, Default)]
struct Data {
    prose: String,
    id: Option<String>,
    terms: Vec<String>,
    strong: Vec<String>,
    variants: Vec<String>,
    topic: bool,
    synonyms: bool,
}

#[cfg(feature = "qdc")]
impl Data {
    fn of(description: &str) -> Data {
        let list = |s: &str| -> Vec<String> {
            s.split(';')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect()
        };
        let mut d = Data::default();
        let mut prose: Vec<&str> = Vec::new();
        for line in description.lines() {
            let l = line.trim();
            if let Some(id) = l.strip_prefix(THEME_LINE) {
                d.id = Some(id.trim().to_string()).filter(|s| !s.is_empty());
            } else if l.starts_with(TOPIC_LINE.trim_end()) {
                d.topic = true;
            } else if l == SYNONYMS_LINE {
                d.synonyms = true;
            } else if let Some(t) = l.strip_prefix(TERMS_LINE) {
                d.terms.extend(list(t));
            } else if let Some(t) = l.strip_prefix(STRONG_LINE) {
                d.strong.extend(list(t));
            } else if let Some(t) = l.strip_prefix(VARIANTS_LINE) {
                d.variants.extend(list(t));
            } else {
                prose.push(line);
            }
        }
        d.prose = prose.join("\n").trim().to_string();
        d
    }
}

/// The root's `origin` and its top-level codes.
#[cfg(feature = "qdc")]
fn parse(xml: &str) -> Result<(String, Vec<Code>), String> {
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    fn local(name: &str) -> &str {
        let name = name.split(|c: char| c.is_whitespace()).next().unwrap_or("");
        name.rsplit(':').next().unwrap_or(name)
    }
    fn attr(e: &BytesStart, key: &str) -> Option<String> {
        e.attributes().with_checks(false).flatten().find_map(|a| {
            let k: &str = a.key.as_ref();
            (k == key).then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.to_string())
            })
        })
    }
    let code = |e: &BytesStart| Code {
        name: attr(e, "name").unwrap_or_default(),
        // The standard requires isCodable; a file without it means its codes for coding.
        codable: attr(e, "isCodable").is_none_or(|v| v.trim() != "false" && v.trim() != "0"),
        ..Code::default()
    };

    let mut reader = Reader::from_str(xml.trim_start_matches('\u{feff}'));
    let mut root: Option<String> = None;
    let mut origin = String::new();
    let mut top: Vec<Code> = Vec::new();
    // Codes open around the reader's position, outermost first.
    let mut open: Vec<Code> = Vec::new();
    let mut in_description = false;
    let close = |open: &mut Vec<Code>, top: &mut Vec<Code>| {
        if let Some(done) = open.pop() {
            match open.last_mut() {
                Some(parent) => parent.children.push(done),
                None => top.push(done),
            }
        }
    };
    loop {
        let ev = reader.read_event().map_err(|e| {
            format!(
                "not a valid REFI-QDA codebook: the XML is broken near byte {} ({e})",
                reader.buffer_position()
            )
        })?;
        match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if root.is_none() => {
                let name = local(e.as_ref()).to_string();
                if name != "CodeBook" {
                    return Err(match name.as_str() {
                        "Project" => "this is a REFI-QDA project (.qde), not a codebook: export the codebook from your QDA program as a .qdc file".to_string(),
                        _ => format!("not a REFI-QDA codebook: it starts with <{name}>, not <CodeBook>"),
                    });
                }
                origin = attr(&e, "origin").unwrap_or_default();
                root = Some(name);
            }
            Event::Start(e) => match local(e.as_ref()) {
                "Code" => {
                    if open.len() >= MAX_DEPTH {
                        return Err(format!(
                            "codes nest more than {MAX_DEPTH} deep; no codebook needs that"
                        ));
                    }
                    open.push(code(&e));
                }
                "Description" => in_description = true,
                _ => {}
            },
            Event::Empty(e) if local(e.as_ref()) == "Code" => {
                open.push(code(&e));
                close(&mut open, &mut top);
            }
            Event::End(e) => match local(e.as_ref()) {
                "Code" => close(&mut open, &mut top),
                "Description" => in_description = false,
                _ => {}
            },
            Event::Text(t) if in_description => {
                if let Some(c) = open.last_mut() {
                    let s: &str = t.as_ref();
                    c.description.push_str(s);
                }
            }
            Event::CData(t) if in_description => {
                if let Some(c) = open.last_mut() {
                    let s: &str = t.as_ref();
                    c.description.push_str(s);
                }
            }
            Event::GeneralRef(r) if in_description => {
                let ch = r.resolve_char_ref().ok().flatten().or(match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => None,
                });
                if let (Some(c), Some(ch)) = (open.last_mut(), ch) {
                    c.description.push(ch);
                }
            }
            _ => {}
        }
    }
    if root.is_none() {
        return Err("not a REFI-QDA codebook: there is no <CodeBook> in it".to_string());
    }
    if !open.is_empty() {
        return Err(
            "not a valid REFI-QDA codebook: it ends inside a <Code>; the file may be cut off"
                .to_string(),
        );
    }
    Ok((origin, top))
}

#[cfg(all(test, feature = "qdc"))]
mod tests {
    use super::*;

    #[test]
    fn guids_are_uuids_derived_from_names() {
        let a = guid("theme", "front-door");
        assert_eq!(a, guid("theme", "front-door"));
        assert_ne!(a, guid("theme", "assessment"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "5", "a version 5 UUID");
    }

    #[test]
    fn the_built_in_codebook_comes_back_the_same() {
        let book = Codebook::builtin();
        let back = from_qdc(&to_qdc(&book, None, None), "x.qdc").expect("reads back");
        assert_eq!(back.mode, crate::themes::Mode::Replace);
        assert_eq!(back.themes, book.themes);
        assert_eq!(back.synonyms, book.synonyms);
    }

    #[test]
    fn another_programs_codes_become_themes_to_add() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">
  <Codes>
    <Code guid="11111111-1111-1111-1111-111111111111" name="Themes" isCodable="false">
      <Code guid="22222222-2222-2222-2222-222222222222" name="Staff wellbeing &amp; support" isCodable="true">
        <Description>How staff are looked after.</Description>
        <Code guid="33333333-3333-3333-3333-333333333333" name="Supervision" isCodable="true"/>
      </Code>
      <Code guid="44444444-4444-4444-4444-444444444444" name="Staff wellbeing" isCodable="true"/>
    </Code>
    <Code guid="55555555-5555-5555-5555-555555555555" name="Unused" isCodable="false"/>
  </Codes>
</CodeBook>"#;
        let book = from_qdc(xml, "nvivo.qdc").expect("reads");
        assert_eq!(book.mode, crate::themes::Mode::Extend);
        let ids: Vec<&str> = book.themes.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["staff-wellbeing-support", "staff-wellbeing"]);
        assert_eq!(book.themes[0].label, "Staff wellbeing & support");
        assert_eq!(book.themes[0].description, "How staff are looked after.");
        assert_eq!(
            book.themes[0].terms,
            ["staff wellbeing & support", "supervision"]
        );
    }

    #[test]
    fn broken_or_foreign_files_are_explained() {
        let err = |xml: &str| from_qdc(xml, "c.qdc").expect_err("refused").0;
        assert!(err("<Project name=\"p\"/>").contains("project (.qde)"));
        assert!(err("<html><body/></html>").contains("starts with <html>"));
        assert!(err("plain text").contains("no <CodeBook>"));
        assert!(err("<CodeBook><Codes><Code name=\"a\" isCodable=\"true\">").contains("cut off"));
        assert!(err("<CodeBook><Codes></Codes></CodeBook>").contains("no code"));
        let deep = "<Code name=\"x\" isCodable=\"false\">".repeat(100);
        assert!(err(&format!("<CodeBook><Codes>{deep}")).contains("nest"));
    }
}
