//! Document -> findings: one per sentence, with section, block, bullet flag and speaker.

use crate::ingest::{noise, BlockKind, Document};
use crate::text::word_count;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// Who is making a statement. A verdict that rests only on the organisation's own claim
/// must be shown as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// The inspectorate: the report itself, or quoted/reported inspectors.
    Inspectors,
    /// The inspected organisation speaking about itself (a council leader's quote).
    Organisation,
    /// A journalist's own narration.
    Writer,
}

/// One sentence-level claim from a report, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// The sentence, as the report has it.
    pub text: String,
    /// The heading it sits under.
    pub section: Option<String>,
    /// Index into `Document::blocks` of the paragraph or bullet it came from.
    pub block: usize,
    /// It is a list item, not running text.
    pub bullet: bool,
    /// Whose words they are.
    pub speaker: Speaker,
    /// Under a heading such as "What needs to improve": an area for improvement.
    pub improvement_area: bool,
}

/// Statements about the inspection process rather than the service (letter boilerplate).
const PROCESS_PHRASES: &[&str] = &[
    "this letter summarises",
    "copying this letter",
    "will be published",
    "the methodology for",
    "was carried out remotely",
    "in line with the inspection",
    "lead inspector",
    "inspectors were ",
    "is leading ofsted",
    "released its report",
    "published its report",
    "your next inspection",
    "arrangements to deliver this",
    "delivery model was adapted",
    "inspectors used video",
    "this report summarises",
    "inspection was carried out",
    // The publisher's back page.
    "interested in our work",
    "you may reuse this",
    "subscribe to our",
    "this report is available at",
    "this publication is available",
    "crown copyright",
    "open government licence",
    "office for standards in education",
    "it regulates and inspects",
    "it assesses council",
    "in a different format",
    // How to complain about, and the legal basis of, the inspection itself.
    "complaints about the inspection",
    "making complaints about",
    "carried out under section",
    "the inspection team consisted",
    "produces this report",
];

/// Headings over text about the inspection itself (who, how, under which law): no
/// sentence under them is a finding about the service.
const PROCESS_HEADINGS: &[&str] = &[
    "information about this inspection",
    "about this inspection",
    "about this report",
    "the inspection team",
    "how this inspection was carried out",
];

/// Headings whose items are areas for improvement.
const IMPROVEMENT_HEADINGS: &[&str] = &[
    "what needs to improve",
    "what needs improving",
    "areas for improvement",
    "areas for development",
    "areas to improve",
    "areas that need",
    "recommendations",
    "priorities for improvement",
    "next steps",
    "what the school should do",
    "what does the school need to do",
    "what the provider needs to do",
    "what the local authority needs",
    "things to improve",
];

const INSPECTORATE: &[&str] = &[
    "ofsted",
    "inspector",
    "inspectors",
    "inspectorate",
    "the report",
    "regulator",
    "watchdog",
    "cqc",
    "care quality commission",
    "estyn",
    "hmi",
    "the inspection",
    "inspection report",
];

const ORGANISATION: &[&str] = &[
    "cllr",
    "councillor",
    "council leader",
    "leader of",
    "mayor",
    "director",
    "chief executive",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "headteacher",
    "head teacher",
    "principal",
    "cabinet member",
    "portfolio holder",
    "chair of",
    "the council said",
    "council said",
    "the trust said",
    "chief officer",
];

const REPORTING_VERBS: &[&str] = &[
    " said",
    " added",
    " stated",
    " explained",
    " continued",
    " noted",
    " told",
    " says",
    " adds",
    " commented",
    " according to",
    " wrote",
    " concluded",
    " found",
    " praised",
    " highlighted",
    " warned",
];

/// Words an attribution may run to before its colon or "that" ("Council leader Cllr Jo
/// Bloggs added:").
const MAX_ATTRIBUTION_WORDS: usize = 8;

/// The words of a finding that make its claim: without a leading attribution
/// ("Inspectors said: “The quality of …”", "The report explained that processes …"),
/// which says who speaks, not what the finding is about.
pub fn claim(text: &str) -> &str {
    let lower = text.to_lowercase();
    let cut = [":", " that "]
        .iter()
        .filter_map(|mark| lower.find(mark).map(|i| (i, i + mark.len())))
        .min();
    let Some((end, rest)) = cut else {
        return text;
    };
    // Lower-casing can move byte offsets (rare letters); then keep the text whole.
    if lower.len() != text.len() || !text.is_char_boundary(rest) {
        return text;
    }
    let lead = format!(" {}", &lower[..end]);
    let attributed = word_count(&lead) <= MAX_ATTRIBUTION_WORDS
        && REPORTING_VERBS.iter().any(|v| lead.ends_with(v));
    if !attributed {
        return text;
    }
    let claim = text[rest..].trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’')
    });
    if claim.is_empty() {
        text
    } else {
        claim
    }
}

fn is_process_heading(heading: &str) -> bool {
    let h = heading.trim().to_lowercase();
    PROCESS_HEADINGS.iter().any(|p| h.starts_with(p))
}

/// "Margaret Burke, Michael Ferguson, Tony Gallagher,": every word capitalised, as in a
/// list of names or a title; a claim has lower-case words in it.
fn is_name_list(sentence: &str) -> bool {
    !sentence.split_whitespace().any(|w| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
    })
}

/// "(Outcome 4, national framework)": a sentence wholly in brackets is a reference or an
/// aside to the sentence before it, not a claim of its own.
fn is_aside(sentence: &str) -> bool {
    let s = sentence.trim().trim_end_matches('.');
    s.starts_with('(') && s.ends_with(')') && s.find(')') == Some(s.len() - 1)
}

fn is_improvement_heading(heading: &str) -> bool {
    let h = heading.to_lowercase();
    IMPROVEMENT_HEADINGS.iter().any(|p| h.starts_with(p))
}

fn is_process_statement(sentence: &str) -> bool {
    let s = sentence.to_lowercase();
    PROCESS_PHRASES.iter().any(|p| s.contains(p))
}

/// Who a piece of attribution text ("Inspectors said:", "Cllr Smith added:") names.
fn speaker_named(text: &str) -> Option<Speaker> {
    let t = format!(" {} ", text.to_lowercase());
    let has = |list: &[&str]| {
        list.iter().any(|w| {
            t.match_indices(w).any(|(i, _)| {
                // Whole words only: "inspector" must not match "inspectorate's" partially.
                let before = t[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after = t[i + w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                before && after
            })
        })
    };
    if has(ORGANISATION) {
        Some(Speaker::Organisation)
    } else if has(INSPECTORATE) {
        Some(Speaker::Inspectors)
    } else {
        None
    }
}

/// First-person plural inside a quote: the organisation talking about itself.
fn speaks_as_we(text: &str) -> bool {
    crate::text::words(text).iter().any(|w| {
        matches!(
            w.as_str(),
            "we" | "our" | "us" | "we're" | "we've" | "ourselves"
        )
    })
}

/// Splits a block into sentences. Abbreviations and tiny scraps stay attached.
pub fn sentences(text: &str) -> Vec<String> {
    const ABBREVIATIONS: &[&str] = &[
        "mr.", "mrs.", "ms.", "dr.", "cllr.", "st.", "no.", "prof.", "e.g.", "i.e.", "etc.", "vs.",
        "cf.", "approx.", "para.", "fig.", "p.",
    ];
    let mut out: Vec<String> = Vec::new();
    let mut glue = false;
    for seg in text.split_sentence_bounds() {
        let s = seg.trim();
        if s.is_empty() {
            continue;
        }
        let tiny = word_count(s) < 3 && !out.is_empty();
        match out.last_mut() {
            Some(prev) if glue || tiny => {
                prev.push(' ');
                prev.push_str(s);
            }
            _ => out.push(s.to_string()),
        }
        let last_word = out
            .last()
            .and_then(|s| s.split_whitespace().last())
            .unwrap_or("")
            .to_lowercase();
        glue = ABBREVIATIONS.contains(&last_word.as_str());
    }
    out
}

/// Quote state across a document: open/closed and whose words are inside.
#[derive(Default)]
struct Quotes {
    open: bool,
    speaker: Option<Speaker>,
}

impl Quotes {
    /// Walks `text`, returning whether it started inside a quote and whether a quote
    /// opened in it (with the words before that quote).
    fn scan<'a>(&mut self, text: &'a str) -> (bool, Option<&'a str>) {
        let started_open = self.open;
        let mut opened_at = None;
        for (i, c) in text.char_indices() {
            match c {
                '“' => {
                    self.open = true;
                    opened_at.get_or_insert(i);
                }
                '”' => self.open = false,
                '"' => {
                    self.open = !self.open;
                    if self.open {
                        opened_at.get_or_insert(i);
                    }
                }
                _ => {}
            }
        }
        (started_open, opened_at.map(|i| &text[..i]))
    }
}

/// Is this document an article quoting people (rather than the report itself)?
fn is_article(doc: &Document) -> bool {
    let attributions = doc
        .blocks
        .iter()
        .filter(|b| {
            let t = b.text.to_lowercase();
            (t.contains('“') || t.contains('"')) && REPORTING_VERBS.iter().any(|v| t.contains(v))
        })
        .count();
    attributions >= 2
}

/// The sentences of a document that make claims, in reading order.
pub fn extract(doc: &Document) -> Vec<Sentence> {
    let article = is_article(doc);
    let mut out = Vec::new();
    let mut section: Option<String> = None;
    let mut improvement = false;
    let mut process = false;
    let mut quotes = Quotes::default();
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            section = Some(block.text.clone());
            improvement = is_improvement_heading(&block.text);
            process = is_process_heading(&block.text);
            quotes = Quotes::default();
            continue;
        }
        // A paragraph that opens with a quote and names nobody continues the last speaker.
        let continues_quote = {
            let t = block.text.trim_start();
            (t.starts_with('“') || t.starts_with('"')) && quotes.speaker.is_some()
        };
        // A quote left open by the last paragraph goes on if this one closes it first.
        let closes_first = quotes.open && {
            let t = &block.text;
            t.find('”')
                .is_some_and(|close| t.find('“').is_none_or(|open| close < open))
        };
        if !continues_quote && !closes_first {
            quotes.open = false;
        }
        for sentence in sentences(&block.text) {
            let (inside, opened) = quotes.scan(&sentence);
            let speaker = if !article {
                Speaker::Inspectors
            } else if inside {
                quotes.speaker.unwrap_or(Speaker::Writer)
            } else if let Some(prefix) = opened {
                let who = speaker_named(prefix)
                    .or_else(|| continues_quote.then_some(quotes.speaker).flatten());
                let who = match who {
                    Some(s) => s,
                    None if speaks_as_we(&sentence) => Speaker::Organisation,
                    None => speaker_named(&sentence).unwrap_or(Speaker::Writer),
                };
                quotes.speaker = Some(who);
                who
            } else {
                speaker_named(&sentence).unwrap_or(Speaker::Writer)
            };
            let speaker = if article
                && speaker != Speaker::Organisation
                && speaks_as_we(&sentence)
                && (inside || opened.is_some())
            {
                Speaker::Organisation
            } else {
                speaker
            };
            if word_count(&sentence) < 4
                || process
                || is_process_statement(&sentence)
                || is_name_list(&sentence)
                || is_aside(&sentence)
                || noise::is_furniture_sentence(&sentence)
            {
                continue;
            }
            if !sentence.chars().any(char::is_lowercase) {
                continue;
            }
            out.push(Sentence {
                text: sentence,
                section: section.clone(),
                block: index,
                bullet: block.kind == BlockKind::Bullet,
                speaker,
                improvement_area: improvement,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::ingest;

    #[test]
    fn a_claim_is_what_is_said_not_who_says_it() {
        assert_eq!(
            claim("Inspectors said: “The quality of single assessments is inconsistent."),
            "The quality of single assessments is inconsistent."
        );
        assert_eq!(
            claim("The report explained that processes to assure quality have grown."),
            "processes to assure quality have grown."
        );
        // No attribution: the text stays whole, even with a colon or a "that".
        for text in [
            "Leaders know that caseloads are high.",
            "Two areas need work: plans and reviews.",
            "The local authority designated officer service in Dorset, which inspectors found effective last time, has said little: nothing.",
        ] {
            assert_eq!(claim(text), text);
        }
    }

    fn doc(text: &str) -> Document {
        ingest(text.as_bytes(), "t.txt").unwrap()
    }

    #[test]
    fn sentences_keep_abbreviations_and_split_claims() {
        let s = sentences(
            "Cllr. Smith met Dr. Jones, e.g. at noon. Plans are clear. Visits are regular.",
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[0].starts_with("Cllr. Smith met Dr. Jones"));
    }

    #[test]
    fn improvement_headings_mark_their_items() {
        let d = doc("# What needs to improve\n\n- The quality of plans for children.\n\n# Findings\n\n- Plans are clear and timely.\n");
        let f = extract(&d);
        assert_eq!(f.len(), 2);
        assert!(f[0].improvement_area && f[0].bullet);
        assert!(!f[1].improvement_area);
        assert_eq!(f[1].section.as_deref(), Some("Findings"));
    }

    #[test]
    fn article_speakers_are_tagged() {
        let d = doc("Council praised\n\nInspectors said: “Staff morale is positive in the teams.”\n\nCouncil leader Cllr Jo Bloggs said: “We are proud of our staff and their work.\n\n“We will keep improving our services for families.”\n\nThe paper understands the visit lasted two days in June.\n");
        let f = extract(&d);
        let by = |needle: &str| f.iter().find(|s| s.text.contains(needle)).unwrap().speaker;
        assert_eq!(by("Staff morale"), Speaker::Inspectors);
        assert_eq!(by("proud of our staff"), Speaker::Organisation);
        assert_eq!(by("keep improving"), Speaker::Organisation);
        assert_eq!(by("visit lasted"), Speaker::Writer);
    }

    #[test]
    fn contact_links_and_licence_lines_are_not_findings() {
        let d = doc("Leaders act quickly on concerns. To learn more, visit www.example.org/about. Questions go to help@example.com in the first instance.\n\nRead more: Leaders praised for their work with schools\n\nFoster carers feel valued and well supported. You may reuse this information under the terms of the Open Government Licence.\n");
        let texts: Vec<String> = extract(&d).into_iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            [
                "Leaders act quickly on concerns.",
                "Foster carers feel valued and well supported."
            ]
        );
    }

    #[test]
    fn text_about_the_inspection_itself_is_not_a_finding() {
        let d = doc("# Findings\n\nFoster carers feel valued and well supported.\n\nAnna Smith, Ben Jones, Carl Brown,\n\n# Information about this inspection\n\nInspectors read case files and spoke to many families.\n\nThe visit took place under the relevant regulations of 2010.\n");
        let texts: Vec<String> = extract(&d).into_iter().map(|s| s.text).collect();
        assert_eq!(texts, ["Foster carers feel valued and well supported."]);
    }

    #[test]
    fn a_bracketed_reference_is_not_a_finding() {
        let d = doc("# What needs to improve\n\n- The quality of pathway plans for care leavers.\n- (Outcome 4, national framework)\n- The timeliness of assessments (within 45 days) for children in need.\n");
        let texts: Vec<String> = extract(&d).into_iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            [
                "The quality of pathway plans for care leavers.",
                "The timeliness of assessments (within 45 days) for children in need."
            ]
        );
    }

    #[test]
    fn letter_boilerplate_is_not_a_finding() {
        let d = doc("Leaders act quickly on concerns.\n\nThis letter summarises the findings of a visit.\n\nI am copying this letter to the Department for Education.\n");
        let f = extract(&d);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].speaker, Speaker::Inspectors);
    }
}
