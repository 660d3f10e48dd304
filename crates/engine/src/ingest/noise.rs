//! Generic rules for text that is not part of the report's argument: letterheads,
//! addresses, salutations, page furniture and web-page junk. Shapes and a small
//! boilerplate lexicon, never strings from a particular report.

use crate::text::word_count;
use unicode_segmentation::UnicodeSegmentation;

/// Web-page and publishing furniture, matched in short blocks only.
const JUNK_PHRASES: &[&str] = &[
    "hide ad",
    "advertisement",
    "sponsored content",
    "watch more",
    "related topics",
    "related articles",
    "related stories",
    "read more",
    "click here",
    "sign up",
    "subscribe",
    "newsletter",
    "cookie",
    "share this",
    "share on",
    "follow us",
    "(picture:",
    "picture:",
    "photo:",
    "image:",
    "(image",
    "credit:",
    "getty images",
    "all rights reserved",
    "skip to",
    "back to top",
    "privacy policy",
    "terms and conditions",
    "accept all",
    "most read",
    "trending",
    "download the app",
    "copy link",
    "share article",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "sign in",
    "log in",
    "listen to this article",
    "min read",
];

/// Photo credits: a block carrying one is a caption, however long.
const CAPTION_CREDITS: &[&str] = &[
    "(picture:",
    "(photo:",
    "(image:",
    "(credit:",
    "photo credit",
    "image credit",
    "picture credit",
];

/// Words that open a call to action ("Visit X now", "Watch our videos").
const CALL_TO_ACTION: &[&str] = &[
    "visit",
    "watch",
    "subscribe",
    "download",
    "follow",
    "join",
    "listen",
    "sign",
    "register",
    "buy",
    "shop",
    "get",
];

/// The publisher's licence, copyright and availability notices: back matter, never a
/// finding about the service. A block made only of such sentences is noise; in a mixed
/// block only the sentence carrying one is dropped (`findings`), so a notice glued to
/// report text by a page break takes no report sentence with it.
const PUBLISHING_NOTICES: &[&str] = &[
    "open government licence",
    "crown copyright",
    "copyright ©",
    "©",
    "(c) copyright",
    "all rights reserved",
    "you may reuse this",
    "you may re-use this",
    "you may copy all or parts",
    "may be reproduced",
    "for non-commercial",
    "this publication is available",
    "this document is available",
    "this report is available at",
    "this report is also available",
    "any enquiries regarding",
    "enquiries regarding this",
    "large print or braille",
];

/// Words that point a reader at an address ("available at www…", "visit…", "email…"):
/// with a web or e-mail address in the same sentence, the sentence is a signpost.
const POINTERS: &[&str] = &[
    "available at",
    "available from",
    "available on",
    "can be found at",
    "can be found on",
    "visit",
    "see ",
    "go to",
    "view ",
    "download",
    "contact",
    "write to",
    "email",
    "e-mail",
    "telephone",
    "website",
    "more information",
    "find out more",
];

/// News-page link markers that open a scrap of page furniture: "Read more: …".
const LINK_MARKERS: &[&str] = &[
    "read more",
    "related:",
    "related articles",
    "related stories",
    "related content",
    "related topics",
    "see also",
    "click here",
    "tap here",
    "more on this story",
    "share this",
    "share on",
    "follow us",
    "follow @",
    "sign up",
];

const SIGN_OFFS: &[&str] = &[
    "yours sincerely",
    "yours faithfully",
    "yours truly",
    "kind regards",
    "best wishes",
    "best regards",
    "with best wishes",
    "regards",
];

/// True for blocks that are noise whatever their neighbours.
pub fn is_noise(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    let words = word_count(t);
    words == 0
        || is_page_furniture(&lower)
        || is_contact(t, &lower, words)
        || is_salutation(&lower, words)
        || is_sign_off(&lower)
        || (words <= 25 && JUNK_PHRASES.iter().any(|p| lower.contains(p)))
        || CAPTION_CREDITS.iter().any(|p| lower.contains(p))
        || is_call_to_action(&lower, words)
        || is_doubled(t)
        || is_table_row(t)
        || is_byline(t, &lower, words)
        || is_furniture_block(t)
}

/// Every sentence of the block is furniture (see [`is_furniture_sentence`]).
fn is_furniture_block(text: &str) -> bool {
    let mut sentences = text
        .split_sentence_bounds()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .peekable();
    sentences.peek().is_some() && sentences.all(is_furniture_sentence)
}

/// Licence, copyright and availability notices ("© Crown copyright 2025", "You may
/// reuse this information … under the terms of the Open Government Licence").
pub fn is_publishing_notice(lower: &str) -> bool {
    PUBLISHING_NOTICES.iter().any(|p| lower.contains(p))
}

/// A word that is a web or e-mail address: "www.x.org", "https://…", "a@b.uk", and a
/// bare domain with a known top-level part ("reports.ofsted.gov.uk/").
pub fn is_address(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| {
            matches!(
                c,
                '(' | ')' | '[' | ']' | '<' | '>' | ',' | ';' | '"' | '\'' | '‘' | '’' | '“' | '”'
            )
        })
        .trim_end_matches(['.', ':']);
    let lower = w.to_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:") {
        return true;
    }
    if let Some((user, host)) = lower.split_once('@') {
        return !user.is_empty() && host.contains('.') && !host.starts_with('.');
    }
    let host = lower.split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .iter()
            .any(|l| l.chars().any(|c| c.is_ascii_alphabetic()))
        && matches!(
            labels.last().copied(),
            Some("uk" | "com" | "org" | "net" | "gov" | "eu" | "io" | "info")
        )
}

/// A sentence that is page furniture rather than a claim: a publishing notice, contact
/// details (any e-mail address), a web address with little else or with a pointer to it
/// ("This report is available at …", "To view this, visit …"), or a news-page link
/// marker ("Read more: …", "Related: …", "Click here to …").
pub fn is_furniture_sentence(sentence: &str) -> bool {
    let lower = sentence.trim().to_lowercase();
    if is_publishing_notice(&lower) {
        return true;
    }
    let opener = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if LINK_MARKERS.iter().any(|m| opener.starts_with(m)) {
        return true;
    }
    let tokens: Vec<&str> = sentence.split_whitespace().collect();
    let addresses: Vec<&str> = tokens.iter().copied().filter(|w| is_address(w)).collect();
    if addresses.is_empty() {
        return false;
    }
    let email = addresses.iter().any(|w| w.contains('@'));
    let rest = tokens.len() - addresses.len();
    email || rest < 4 || POINTERS.iter().any(|p| lower.contains(p))
}

/// "By Jane Smith", "Published 19 July 2023, 10:02 BST", "Updated 2 hours ago".
fn is_byline(text: &str, lower: &str, words: usize) -> bool {
    let capitalised_name = lower.starts_with("by ")
        && words <= 6
        && text
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with(char::is_uppercase));
    let stamp = (lower.starts_with("published")
        || lower.starts_with("updated")
        || lower.starts_with("last updated"))
        && words <= 10
        && !text.trim_end().ends_with('.');
    capitalised_name || stamp
}

/// "Yours sincerely" and friends: what follows is a signature.
pub fn is_sign_off(lower: &str) -> bool {
    let l = lower.trim_end_matches([',', '.', '!']);
    SIGN_OFFS.contains(&l)
}

/// Page numbers, "Page 3 of 12", "- 4 -", roman numerals.
fn is_page_furniture(lower: &str) -> bool {
    let core: String = lower
        .chars()
        .filter(|c| !matches!(c, '-' | '–' | '|' | '.' | ' ' | '(' | ')'))
        .collect();
    if core.is_empty() || core.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let rest = core.strip_prefix("page").unwrap_or(&core);
    if rest
        .split("of")
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    core.len() <= 5 && core.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

/// Phone lines, e-mail and web addresses, postal addresses.
fn is_contact(text: &str, lower: &str, words: usize) -> bool {
    if words > 12 {
        return false;
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let starts = |p: &str| lower.starts_with(p);
    if digits >= 9
        || starts("tel")
        || starts("t ") && digits >= 6
        || starts("fax")
        || starts("textphone")
        || starts("email")
        || starts("e-mail")
    {
        return true;
    }
    if has_postcode(text) {
        return true;
    }
    // Nothing left once links and addresses are taken out.
    let rest: Vec<&str> = text
        .split_whitespace()
        .filter(|w| {
            !(w.contains('@')
                || w.contains("://")
                || w.starts_with("www.")
                || w.starts_with("[www.")
                || w.contains("]("))
        })
        .collect();
    rest.len() < text.split_whitespace().count() && rest.len() <= 1
}

/// A UK postcode such as "M1 2WD" or "LU1 2BQ" as a pair of tokens.
pub fn has_postcode(text: &str) -> bool {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    tokens.windows(2).any(|w| {
        let (out, inw) = (w[0].as_bytes(), w[1].trim_end_matches('.').as_bytes());
        let letters = out.iter().take_while(|b| b.is_ascii_uppercase()).count();
        (2..=4).contains(&out.len())
            && (1..=2).contains(&letters)
            && out.len() > letters
            && out[letters].is_ascii_digit()
            && out
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && inw.len() == 3
            && inw[0].is_ascii_digit()
            && inw[1].is_ascii_uppercase()
            && inw[2].is_ascii_uppercase()
    })
}

fn is_salutation(lower: &str, words: usize) -> bool {
    words <= 6 && (lower.starts_with("dear ") || lower == "to whom it may concern")
}

fn is_call_to_action(lower: &str, words: usize) -> bool {
    words <= 10
        && !lower.ends_with('.')
        && CALL_TO_ACTION
            .iter()
            .any(|v| lower.split_whitespace().next() == Some(v))
}

/// "| Overall effectiveness | Good |" or "|---|---|": a table row, whose cells are not
/// sentences (graded tables are read from the raw lines by `ratings`).
fn is_table_row(text: &str) -> bool {
    text.starts_with('|') && text.matches('|').count() >= 2
}

/// A caption repeated back to back ("Photo X.Photo X.") is a scraping artefact.
fn is_doubled(text: &str) -> bool {
    let t = text.trim();
    let n = t.len();
    if n < 20 || !n.is_multiple_of(2) || !t.is_char_boundary(n / 2) {
        return false;
    }
    let (a, b) = t.split_at(n / 2);
    a.trim() == b.trim()
}

/// Key under which repeated short blocks (running headers, "Hide Ad") are counted:
/// case, digits and spacing do not matter.
pub fn repetition_key(text: &str) -> String {
    let mut key = String::new();
    for w in text.split_whitespace() {
        let w: String = w
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>()
            .to_lowercase();
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&w);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letterhead_and_address_lines_are_noise() {
        for line in [
            "T 0300 123 1231",
            "Textphone 0161 618 8524",
            "Manchester M1 2WD",
            "LU1 2BQ",
            "[enquiries@ofsted.gov.uk](mailto:enquiries@ofsted.gov.uk)",
            "www.example.gov.uk",
            "Dear Ms Lewis,",
            "Yours sincerely",
            "Page 3 of 12",
            "14",
        ] {
            assert!(is_noise(line), "{line}");
        }
    }

    #[test]
    fn web_junk_is_noise() {
        for line in [
            "Hide Ad",
            "Related topics:",
            "Visit Shots! now",
            "By Jane Smith",
            "Published 19 July 2023, 10:02 BST",
            "Share on Facebook Twitter WhatsApp Copy link",
            "A dog on a sofa. (Picture: Pexels)A dog on a sofa. (Picture: Pexels)",
        ] {
            assert!(is_noise(line), "{line}");
        }
    }

    #[test]
    fn report_sentences_are_not_noise() {
        for line in [
            "Staff morale is positive.",
            "Most decisions are timely and lead to the right response.",
            "Children in care are supported well to maintain relationships with their parents.",
            "Visits to children are regular and purposeful.",
            "By March, caseloads had fallen in every team.",
            "Published guidance is followed by most practitioners.",
        ] {
            assert!(!is_noise(line), "{line}");
        }
    }

    #[test]
    fn short_publishing_notices_are_noise() {
        for block in [
            "© Crown copyright 2019",
            "You may reuse this information free of charge under the terms of the Open Government Licence.",
            "This publication is available at www.example.gov.uk/reports/",
            "Any enquiries regarding this publication should be sent to us at the address below.",
            "You may copy all or parts of this document for non-commercial purposes.",
        ] {
            assert!(is_noise(block), "{block}");
        }
        // Mixed blocks are judged sentence by sentence (in `findings`), so report text
        // glued to a notice survives.
        let glued = "Leaders know their services well and act on what audits tell them about the quality of practice, and staff say they feel listened to. © Crown copyright 2019";
        assert!(!is_noise(glued));
        assert!(is_furniture_sentence("© Crown copyright 2019"));
    }

    #[test]
    fn addresses_are_told_from_words() {
        for w in [
            "www.example.org.",
            "https://reports.example.gov.uk/",
            "(help@example.com)",
            "reports.example.gov.uk/",
            "mailto:a@b.uk",
        ] {
            assert!(is_address(w), "{w}");
        }
        for w in [
            "e.g.",
            "i.e.",
            "2.5",
            "U.K.",
            "well-being.",
            "section 47.",
            "@home",
        ] {
            assert!(!is_address(w), "{w}");
        }
    }

    #[test]
    fn furniture_sentences_are_told_from_claims() {
        for s in [
            "To find out more, visit www.example.org/help.",
            "Read more: Council praised for its foster carers",
            "Related: Inspectors return to the town",
            "Click here to see the full report.",
            "If you have questions, please write to help@example.com or ring the office.",
            "www.example.gov.uk/children",
            "The full text is available at https://example.org/report.pdf.",
        ] {
            assert!(is_furniture_sentence(s), "{s}");
        }
        for s in [
            "Leaders have read more widely about practice elsewhere and adapted it.",
            "Care leavers can get help to apply for a driving licence and a passport.",
            "Children see their social workers often and know them well.",
            "The council's website gives families clear advice about early help.",
            "Plans are reviewed at least every 12 weeks, e.g. at a core group.",
        ] {
            assert!(!is_furniture_sentence(s), "{s}");
        }
    }

    #[test]
    fn repetition_key_ignores_page_numbers() {
        assert_eq!(
            repetition_key("Report  page 2"),
            repetition_key("report page 3")
        );
    }
}
