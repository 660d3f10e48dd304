//! Lines -> blocks: paragraphs, bullets and headings; hard wraps, hyphenation and
//! page-break splits healed; noise removed.

use super::noise;
use super::{Block, BlockKind};
use crate::text::word_count;
use std::collections::{HashMap, HashSet};

pub struct LaidOut {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
}

/// A block while the layout is being worked out.
#[derive(Debug, Clone)]
struct Draft {
    kind: BlockKind,
    text: String,
    /// Marked as a heading by the source (Markdown `#`, bold line, HTML `<h1>`).
    explicit_heading: bool,
    /// Came from a stack of short lines (address, letterhead, junk list).
    line_group: Option<usize>,
    /// Opened by a paragraph number ("45." on its own line): body text, never a heading.
    numbered: bool,
    noise: bool,
}

pub fn blocks(lines: &[String]) -> LaidOut {
    let lines = drop_running_lines(lines);
    let mut drafts = group(&lines);
    mark_noise(&mut drafts);
    let title = find_title(&drafts);
    mark_repeats(&mut drafts);
    let mut drafts: Vec<Draft> = drafts.into_iter().filter(|d| !d.noise).collect();
    heal(&mut drafts);
    infer_headings(&mut drafts);
    attach_grades(&mut drafts);
    let blocks = drafts
        .into_iter()
        .filter(|d| !is_fragment(d))
        .flat_map(|d| {
            split_overlong(&d.text)
                .into_iter()
                .map(move |text| Block { kind: d.kind, text })
        })
        .collect();
    LaidOut { blocks, title }
}

/// Longest block kept whole, in bytes: several times the longest paragraph real reports
/// have (~250 words). Text with no paragraph breaks (a file that is one 15 MB line, a
/// million lines joined into one paragraph) would otherwise become a single finding
/// whose every later step (tone, topics, alignment) costs far more than its length.
pub const MAX_BLOCK_BYTES: usize = 4_000;

/// `text` in pieces of at most [`MAX_BLOCK_BYTES`], cut after a sentence where one ends
/// in the second half of a piece, else at a space, else at a character boundary.
fn split_overlong(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while rest.len() > MAX_BLOCK_BYTES {
        let mut limit = MAX_BLOCK_BYTES;
        while !rest.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &rest[..limit];
        let half = limit / 2;
        let sentence_end = window
            .rmatch_indices([' ', '\n'])
            .map(|(i, _)| i)
            .take_while(|&i| i > half)
            .find(|&i| ends_terminal(&window[..i]));
        let cut = sentence_end
            .or_else(|| window.rfind(char::is_whitespace).filter(|&i| i > 0))
            .unwrap_or(limit);
        pieces.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

/// Running headers and footers ("Inspection of X children's services", a date) repeat on
/// every page, often glued to the page's text. Short lines seen three or more times
/// become blank lines, so the paragraphs around them can heal. A line of a passage the
/// report repeats (a summary restated in the body) is not one: each time it comes, the
/// same words follow it, while a running line is followed by a different page's text.
fn drop_running_lines(lines: &[String]) -> Vec<String> {
    let candidate = |t: &str| !t.is_empty() && word_count(t) <= 12 && !ends_terminal(t);
    // Keys and flags are worked out once per line: a file of a million short lines
    // must cost a million key computations, not a million per line.
    let keys: Vec<Option<String>> = lines
        .iter()
        .map(|l| {
            let t = l.trim();
            candidate(t).then(|| noise::repetition_key(t))
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in keys.iter().flatten() {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    let repeated: Vec<bool> = keys
        .iter()
        .map(|k| k.as_deref().is_some_and(|k| counts[k] >= 3))
        .collect();
    // What follows each occurrence: the next line that is not blank, a page number or
    // another repeated line (found by one backward pass, so the cost stays linear).
    let mut next_content = vec![None; lines.len()];
    let mut after: Option<usize> = None;
    for i in (0..lines.len()).rev() {
        next_content[i] = after;
        let t = lines[i].trim();
        if !t.is_empty() && !repeated[i] && !noise::is_noise(t) {
            after = Some(i);
        }
    }
    let mut followers: HashMap<&str, HashSet<String>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let Some(k) = k.as_deref().filter(|_| repeated[i]) else {
            continue;
        };
        // Its opening words: a restated passage may be reworded further on.
        let next = next_content[i]
            .map(|n| {
                let opening = lines[n].split_whitespace().take(3).collect::<Vec<_>>();
                noise::repetition_key(&opening.join(" "))
            })
            .unwrap_or_default();
        followers.entry(k).or_default().insert(next);
    }
    let running = |i: usize| {
        repeated[i]
            && keys[i]
                .as_deref()
                .and_then(|k| followers.get(k))
                .is_none_or(|f| f.len() >= 2)
    };
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| if running(i) { String::new() } else { l.clone() })
        .collect()
}

fn ends_terminal(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '’', '”', ')', ']', '*', ' ']);
    t.ends_with(['.', '!', '?', ';', ':'])
}

fn starts_lowercase(s: &str) -> bool {
    s.trim_start_matches(['"', '\'', '‘', '“', '(', ' '])
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// "# Title" / "### **Title**" -> "Title".
fn markdown_heading(s: &str) -> Option<String> {
    let hashes = s.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with(' ') {
        return Some(strip_emphasis(s[hashes..].trim()));
    }
    None
}

/// A line that is entirely bold: "**Findings**".
fn bold_line(s: &str) -> Option<String> {
    for m in ["**", "__"] {
        if let Some(inner) = s.strip_prefix(m).and_then(|r| r.strip_suffix(m)) {
            if !inner.contains(m) && !inner.trim().is_empty() {
                return Some(inner.trim().to_string());
            }
        }
    }
    None
}

fn strip_emphasis(s: &str) -> String {
    s.replace("**", "").replace("__", "").trim().to_string()
}

/// Markdown links and emphasis to plain text: "[text](url)" -> "text".
fn plain_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find("](").and_then(|close| {
            after[close + 2..]
                .find(')')
                .map(|end| (close, close + 2 + end))
        }) {
            Some((close, end)) if !after[..close].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    strip_emphasis(&out).replace("\\", "")
}

/// Bullet glyphs and list numbers: returns the item text.
fn bullet_item(s: &str) -> Option<&str> {
    const GLYPHS: &[char] = &[
        '-', '*', '+', '•', '◼', '▪', '■', '●', '◦', '‣', '⁃', '–', '\u{f0a7}', '·', '○', '□',
    ];
    let mut chars = s.chars();
    let first = chars.next()?;
    if GLYPHS.contains(&first) {
        let rest = chars.as_str();
        if rest.starts_with(' ') && !rest.trim().is_empty() {
            return Some(rest.trim_start());
        }
        return None;
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &s[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            if !r.trim().is_empty() {
                return Some(r.trim_start());
            }
        }
    }
    None
}

/// "12." alone on a line: a numbered-paragraph marker (PDF text of inspection reports).
fn paragraph_number(s: &str) -> bool {
    s.strip_suffix('.')
        .is_some_and(|n| (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()))
}

/// A paragraph being gathered: its kind, its lines, and whether a paragraph number
/// ("12." alone on a line) opened it.
type Gathering = Option<(BlockKind, Vec<String>, bool)>;

/// Groups lines into drafts: blank lines end a paragraph; headings and bullets start one.
fn group(lines: &[String]) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut current: Gathering = None;
    // A paragraph number was just seen: the next paragraph is numbered body text.
    let mut numbered_next = false;
    let flush = |current: &mut Gathering, drafts: &mut Vec<Draft>| {
        if let Some((kind, lines, numbered)) = current.take() {
            push_lines(kind, lines, numbered, drafts);
        }
    };
    for line in lines {
        let s = line.trim();
        if s.is_empty() {
            flush(&mut current, &mut drafts);
            continue;
        }
        if let Some(h) = markdown_heading(s).or_else(|| bold_line(s)) {
            flush(&mut current, &mut drafts);
            drafts.push(heading(plain_inline(&h)));
            numbered_next = false;
            continue;
        }
        let underline =
            s.len() >= 3 && (s.chars().all(|c| c == '=') || s.chars().all(|c| c == '-'));
        if underline {
            if let Some((BlockKind::Paragraph, lines, false)) = &current {
                if lines.len() == 1 {
                    let h = lines[0].clone();
                    current = None;
                    drafts.push(heading(h));
                    continue;
                }
            }
            flush(&mut current, &mut drafts);
            continue;
        }
        // "affected by COVID-" + "19. Practitioners …": a word split at a line-end hyphen
        // goes on, even when the next line opens with what looks like a list number.
        let split_word = s.starts_with(|c: char| c.is_ascii_digit())
            && matches!(&current, Some((_, lines, _)) if lines.last().is_some_and(|l| ends_split_word(l)));
        if !split_word {
            if paragraph_number(s) {
                flush(&mut current, &mut drafts);
                numbered_next = true;
                continue;
            }
            if let Some(item) = bullet_item(s) {
                flush(&mut current, &mut drafts);
                current = Some((BlockKind::Bullet, vec![plain_inline(item)], false));
                numbered_next = false;
                continue;
            }
        }
        // "What needs to improve?" straight after a sentence, with no blank line between.
        let heading_after_sentence = matches!(&current, Some((_, lines, _)) if lines.last().is_some_and(|l| ends_terminal(l)))
            && is_question_heading(s);
        if heading_after_sentence {
            flush(&mut current, &mut drafts);
        }
        match &mut current {
            Some((_, lines, _)) => lines.push(plain_inline(s)),
            None => {
                current = Some((BlockKind::Paragraph, vec![plain_inline(s)], numbered_next));
                numbered_next = false;
            }
        }
    }
    flush(&mut current, &mut drafts);
    let dictionary = dictionary(&drafts);
    for d in &mut drafts {
        d.text = dehyphenate(&d.text, &dictionary);
    }
    drafts
}

/// "… affected by COVID-": a line ending in a hyphen straight after a letter or digit.
fn ends_split_word(line: &str) -> bool {
    line.trim_end()
        .strip_suffix('-')
        .and_then(|rest| rest.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

fn heading(text: String) -> Draft {
    Draft {
        kind: BlockKind::Heading,
        text,
        explicit_heading: true,
        line_group: None,
        numbered: false,
        noise: false,
    }
}

/// A paragraph of short unpunctuated lines is a stack (address, letterhead, menu):
/// each line stands alone. Otherwise the lines are one wrapped paragraph.
fn push_lines(kind: BlockKind, lines: Vec<String>, numbered: bool, drafts: &mut Vec<Draft>) {
    // In wrapped prose most lines run on into a lower-case word; in an address, a
    // letterhead or a menu almost every line starts afresh.
    let starts_afresh = |l: &String| {
        l.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let breaks = lines.windows(2).filter(|w| starts_afresh(&w[1])).count();
    // Wrapped prose whose lines happen to open on capitals ("… across the Health and
    // Wellbeing" + "Board, the LSCB …"): long lines, the last one ending a sentence. A
    // stack's lines are short and its last line ends no sentence.
    let words: usize = lines.iter().map(|l| word_count(l)).sum();
    let prose = words >= 8 * lines.len() && lines.last().is_some_and(|l| ends_terminal(l));
    let stacked = kind == BlockKind::Paragraph
        && !numbered
        && !prose
        && lines.len() >= 2
        && breaks * 10 >= (lines.len() - 1) * 6;
    let draft = |text: String, line_group| Draft {
        kind,
        text,
        explicit_heading: false,
        line_group,
        numbered,
        noise: false,
    };
    if stacked {
        let id = drafts.len();
        let mut items: Vec<String> = Vec::new();
        for l in lines {
            match items.last_mut() {
                // A line that starts lower-case continues the one before it.
                Some(prev) if starts_lowercase(&l) => {
                    prev.push(' ');
                    prev.push_str(&l);
                }
                _ => items.push(l),
            }
        }
        drafts.extend(items.into_iter().map(|t| draft(t, Some(id))));
    } else {
        drafts.push(draft(join_wrapped(&lines), None));
    }
}

/// Joins hard-wrapped lines. A line ending in "word-" keeps its hyphen for now;
/// [`dehyphenate`] decides once the whole document's vocabulary is known.
fn join_wrapped(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        if !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        } else if out.ends_with('-') {
            out.push('\u{1}'); // marks a line-end hyphen
        }
        out.push_str(l.trim());
    }
    out
}

/// Lower-case words of the document, for deciding line-end hyphens.
fn dictionary(drafts: &[Draft]) -> HashSet<String> {
    drafts
        .iter()
        .flat_map(|d| d.text.split(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// "assess-\u{1}ment" -> "assessment" when the document uses the joined word elsewhere;
/// otherwise ("cross-\u{1}sectional") the hyphen stays.
fn dehyphenate(text: &str, dictionary: &HashSet<String>) -> String {
    if !text.contains('\u{1}') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split('\u{1}');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        let head: String = out
            .chars()
            .rev()
            .skip(1)
            .take_while(|c| c.is_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = part.chars().take_while(|c| c.is_alphanumeric()).collect();
        let joined = format!("{head}{tail}").to_lowercase();
        let hyphenated = format!("{head}-{tail}").to_lowercase();
        let lower_tail = tail.chars().next().is_some_and(char::is_lowercase);
        // Unknown either way: keep the hyphen ("awareness-raising" is likelier than a
        // word split by justification in these reports, and a kept hyphen loses nothing).
        let drop_hyphen =
            lower_tail && !dictionary.contains(&hyphenated) && dictionary.contains(&joined);
        if drop_hyphen {
            out.pop();
        }
        out.push_str(part);
    }
    out
}

fn mark_noise(drafts: &mut [Draft]) {
    let mut signed_off = false;
    let mut noisy_groups = HashSet::new();
    for d in drafts.iter_mut() {
        let lower = d.text.to_lowercase();
        if signed_off && word_count(&d.text) <= 12 {
            d.noise = true;
            continue;
        }
        if noise::is_sign_off(&lower) {
            signed_off = true;
        }
        d.noise = noise::is_noise(&d.text);
        if let (true, Some(g)) = (d.noise, d.line_group) {
            if noise::has_postcode(&d.text) || d.text.contains('@') {
                noisy_groups.insert(g);
            }
        }
    }
    // An address stack goes as a whole once one of its lines is an address.
    for d in drafts.iter_mut() {
        if d.line_group.is_some_and(|g| noisy_groups.contains(&g)) {
            d.noise = true;
        }
    }
    // Lines that are only a date belong to the metadata, not to the findings.
    for d in drafts.iter_mut() {
        if super::date::is_date_line(&d.text) {
            d.noise = true;
        }
    }
}

/// Short blocks repeated in the document are running headers, footers and ads.
fn mark_repeats(drafts: &mut [Draft]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for d in drafts.iter() {
        if word_count(&d.text) <= 15 {
            *counts.entry(noise::repetition_key(&d.text)).or_default() += 1;
        }
    }
    for d in drafts.iter_mut() {
        // A heading the source marks ("Summary", "Recommendations" under each judgement)
        // structures the report each time it recurs; it is not an ad or a footer.
        if !d.explicit_heading
            && word_count(&d.text) <= 15
            && counts[&noise::repetition_key(&d.text)] >= 2
        {
            d.noise = true;
        }
    }
}

/// The source's first explicit heading, else the first heading-shaped line near the top.
fn find_title(drafts: &[Draft]) -> Option<String> {
    let early = || drafts.iter().filter(|d| !d.noise).take(12);
    early()
        .find(|d| d.explicit_heading)
        .or_else(|| early().find(|d| looks_like_heading(&d.text) && word_count(&d.text) >= 3))
        .map(|d| d.text.clone())
}

/// Joins a paragraph cut by a page break or a stray blank line: the first part does not
/// end a sentence and the next starts lower-case ("Changes in" + "culture, more ...").
fn heal(drafts: &mut Vec<Draft>) {
    let mut i = 0;
    while i + 1 < drafts.len() {
        let (a, b) = (&drafts[i], &drafts[i + 1]);
        let joinable = a.kind != BlockKind::Heading
            && b.kind == BlockKind::Paragraph
            && !a.explicit_heading
            && !b.explicit_heading
            && !ends_terminal(&a.text)
            && starts_lowercase(&b.text);
        if joinable {
            let b = drafts.remove(i + 1);
            let a = &mut drafts[i];
            if a.text.ends_with('-') && !starts_lowercase(&b.text) {
                a.text.push_str(&b.text);
            } else {
                a.text.push(' ');
                a.text.push_str(&b.text);
            }
            a.line_group = None;
        } else {
            i += 1;
        }
    }
}

/// "What needs to improve?1", "Next steps:": a short line ending in ? or : (and perhaps
/// a footnote mark).
fn is_question_heading(s: &str) -> bool {
    let core = s.trim_end_matches(|c: char| c.is_ascii_digit());
    let starts_upper = s.chars().next().is_some_and(char::is_uppercase);
    // "The experiences and progress of children in care: requires" (wrapped grade).
    let graded = core.rsplit_once(": ").is_some_and(|(_, grade)| {
        let g = grade.to_lowercase();
        ["outstanding", "good", "requires", "require", "inadequate"]
            .iter()
            .any(|w| g.starts_with(w))
    });
    (core.ends_with(['?', ':']) || graded) && word_count(core) <= 16 && starts_upper
}

/// Short, capitalised, not a sentence: "Findings", "What needs to improve?".
fn looks_like_heading(text: &str) -> bool {
    let t = text.trim();
    let words = word_count(t);
    let first_upper = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let ends_question = t
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .ends_with(['?', ':']);
    let limit = if ends_question || t.contains(": ") {
        18
    } else {
        14
    };
    first_upper
        && (1..=limit).contains(&words)
        && (ends_question || !ends_terminal(t))
        && !t.ends_with(',')
        && t.chars().any(char::is_alphabetic)
}

fn infer_headings(drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        if d.kind == BlockKind::Paragraph
            && !d.explicit_heading
            && !d.numbered
            && looks_like_heading(&d.text)
        {
            d.kind = BlockKind::Heading;
            // "What needs to improve?1": drop the footnote mark.
            let t = d.text.trim_end();
            let core = t.trim_end_matches(|c: char| c.is_ascii_digit());
            if core.ends_with(['?', ':']) && core.len() < t.len() {
                d.text = core.to_string();
            }
        }
        if d.explicit_heading {
            d.kind = BlockKind::Heading;
        }
    }
}

/// "Requires improvement to be good", "Good": a grade standing alone.
fn is_grade(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(['.', ':'])
        .trim()
        .to_lowercase();
    matches!(
        t.as_str(),
        "outstanding"
            | "good"
            | "adequate"
            | "inadequate"
            | "requires improvement"
            | "requires improvement to be good"
            | "require improvement"
            | "require improvement to be good"
    )
}

/// A grade set as its own heading under the judgement it grades ("The experiences and
/// progress of children in care" + "Requires improvement to be good") belongs to that
/// heading, as it does when both share a line: "…children in care: requires improvement
/// to be good". Otherwise the grade would become the section of the findings below it.
fn attach_grades(drafts: &mut Vec<Draft>) {
    let mut i = 1;
    while i < drafts.len() {
        let (prev, d) = (&drafts[i - 1], &drafts[i]);
        let attach = d.kind == BlockKind::Heading
            && is_grade(&d.text)
            && prev.kind == BlockKind::Heading
            && !is_grade(&prev.text)
            && !prev.text.contains(": ");
        if attach {
            let grade = drafts.remove(i).text.trim().to_lowercase();
            let prev = &mut drafts[i - 1];
            let head = prev.text.trim_end().trim_end_matches(':').to_string();
            prev.text = format!("{head}: {grade}");
        } else {
            i += 1;
        }
    }
}

/// A lower-case scrap that healing could not attach to anything.
fn is_fragment(d: &Draft) -> bool {
    d.kind == BlockKind::Paragraph
        && starts_lowercase(&d.text)
        && word_count(&d.text) < 8
        && !ends_terminal(&d.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lay(text: &str) -> LaidOut {
        blocks(&text.lines().map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn page_break_split_sentence_is_rejoined() {
        let out = lay(
            "- Leaders act. Changes in\n\nculture, and managers, are viewed positively by staff.\n",
        );
        assert_eq!(out.blocks.len(), 1);
        assert_eq!(
            out.blocks[0].text,
            "Leaders act. Changes in culture, and managers, are viewed positively by staff."
        );
        assert_eq!(out.blocks[0].kind, BlockKind::Bullet);
    }

    #[test]
    fn address_stack_and_salutation_are_dropped() {
        let out = lay("Amanda Lewis\nCorporate Director\nTown Hall\nLuton\nLU1 2BQ\n\nDear Ms Lewis,\n\nStaff morale is positive.\n");
        let texts: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Staff morale is positive."]);
    }

    #[test]
    fn headings_bullets_and_markdown_are_recognised() {
        let out = lay("### **Findings**\n\n- Most decisions are [timely](http://x).\n\nWhat needs to improve?1\n\n◼ The quality of plans\nfor children.\n");
        let kinds: Vec<BlockKind> = out.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Bullet,
                BlockKind::Heading,
                BlockKind::Bullet
            ]
        );
        assert_eq!(out.blocks[1].text, "Most decisions are timely.");
        assert_eq!(out.blocks[2].text, "What needs to improve?");
        assert_eq!(out.blocks[3].text, "The quality of plans for children.");
        assert_eq!(out.title.as_deref(), Some("Findings"));
    }

    #[test]
    fn judgement_headings_glued_to_paragraphs_stand_alone() {
        let out = lay("29. Care leavers benefit from the interview\nscheme.\nThe impact of leaders on social work practice with children and families:\nrequires improvement to be good\n30. The local authority is outward-facing.\n");
        let kinds: Vec<(BlockKind, &str)> = out
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(kinds[1], (BlockKind::Heading, "The impact of leaders on social work practice with children and families: requires improvement to be good"));
        assert_eq!(kinds.len(), 3);
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let page = |n: usize, body: &str| {
            format!("Inspection of Somewhere children's services\n\n{n}\n\n{body}\n\n")
        };
        let out = lay(&(page(1, "Plans are clear and children are seen often.")
            + &page(2, "Visits are regular and purposeful for most children.")));
        assert!(out.blocks.iter().all(|b| !b.text.contains("Inspection of")));
        assert_eq!(out.blocks.len(), 2);
    }

    #[test]
    fn numbered_paragraphs_are_paragraphs_not_headings() {
        let out = lay("12.\nStaff are proud to work here and say that managers know them well\n\n13.\nThe Virtual School Team Works Closely With Partners\n\nVisits to children are regular and purposeful.\n");
        assert!(
            out.blocks.iter().all(|b| b.kind == BlockKind::Paragraph),
            "{:?}",
            out.blocks
        );
    }

    #[test]
    fn wrapped_prose_opening_lines_on_capitals_is_one_paragraph() {
        let out = lay("Improve joint planning across the Health and Wellbeing\nBoard, the Youth Partnership Board and the Corporate Parenting\nPanel to agree shared priorities for children.\n\n7.\nThe last visit to the service was in May\n2019. The one before that was in\nJune 2016. Both found weaknesses.\n");
        let texts: Vec<(BlockKind, &str)> = out
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts.iter().all(|(k, _)| *k == BlockKind::Paragraph));
        assert!(texts[1]
            .1
            .starts_with("The last visit to the service was in May 2019."));
        // An address stack is still a stack.
        let out = lay(
            "Jo Bloggs\nDirector of Children's Services\nTown Hall\nAB1 2CD\n\nPlans are clear.\n",
        );
        assert_eq!(out.blocks.len(), 1, "{:?}", out.blocks);
    }

    #[test]
    fn a_word_split_before_a_number_is_not_a_list_item() {
        let out = lay("40.\nFamilies were badly affected by COVID-\n19. Staff kept visiting children throughout the pandemic.\n");
        assert_eq!(out.blocks.len(), 1, "{:?}", out.blocks);
        assert_eq!(out.blocks[0].kind, BlockKind::Paragraph);
        assert!(out.blocks[0].text.contains("COVID-19. Staff kept"));
    }

    #[test]
    fn a_grade_under_its_judgement_joins_the_heading() {
        let out = lay("# The experiences and progress of care leavers\n\n# Requires improvement to be good\n\n# Summary\n\nPathway plans are clear.\n\n# Summary\n\nVisits are regular.\n");
        let texts: Vec<(BlockKind, &str)> = out
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    BlockKind::Heading,
                    "The experiences and progress of care leavers: requires improvement to be good"
                ),
                (BlockKind::Heading, "Summary"),
                (BlockKind::Paragraph, "Pathway plans are clear."),
                (BlockKind::Heading, "Summary"),
                (BlockKind::Paragraph, "Visits are regular."),
            ]
        );
    }

    #[test]
    fn a_passage_the_report_repeats_is_not_a_running_line() {
        let para = |verb: &str| {
            format!("Close working between the council and the police, and good awareness\nof the risks among partners, {verb} led to more referrals.\n\n")
        };
        let text = format!(
            "{}Other text comes here.\n\n{}More text comes here.\n\n{}",
            para("has"),
            para("have"),
            para("has")
        );
        let out = lay(&text);
        let full = out
            .blocks
            .iter()
            .filter(|b| b.text.starts_with("Close working between the council"))
            .count();
        assert_eq!(full, 3, "{:?}", out.blocks);
    }

    #[test]
    fn overlong_text_is_cut_into_pieces_at_sentence_ends() {
        let sentence = "Plans for children are clear and reviewed often. ";
        let text = sentence.repeat(2_000);
        let pieces = split_overlong(&text);
        assert!(
            pieces.len() >= text.len() / MAX_BLOCK_BYTES,
            "{}",
            pieces.len()
        );
        for p in &pieces {
            assert!(p.len() <= MAX_BLOCK_BYTES && p.ends_with('.'), "{p}");
        }
        // No sentence end and no space: cut at a char boundary, nothing lost.
        let word = "é".repeat(5_000);
        let pieces = split_overlong(&word);
        assert_eq!(pieces.concat(), word);
        assert!(pieces.iter().all(|p| p.len() <= MAX_BLOCK_BYTES));
        assert_eq!(split_overlong("Short."), ["Short."]);
    }

    #[test]
    fn line_end_hyphens_follow_the_document_vocabulary() {
        let out = lay("A cross-sectional review and an assess-\nment were done. The cross-\nsectional view held. The assessment was good.\n");
        let t = &out.blocks[0].text;
        assert!(t.contains("an assessment were"), "{t}");
        assert!(t.contains("The cross-sectional view"), "{t}");
    }
}
