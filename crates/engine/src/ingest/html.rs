//! A saved web page -> lines of text, with navigation, scripts, ads, captions and
//! other page furniture left out. Headings come out as "# ", list items as "- ".

use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::borrow::Cow;

pub struct Page {
    pub title: Option<String>,
    pub lines: Vec<String>,
}

/// Elements whose whole content is never report text.
const SKIP_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "figure",
    "figcaption",
    "dialog",
    "object",
    "canvas",
    "video",
    "audio",
    "menu",
];

/// Class/id words that mark furniture ("ad-slot", "cookie-banner", "related-links").
const SKIP_MARKERS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "promo",
    "promotion",
    "cookie",
    "cookies",
    "consent",
    "newsletter",
    "related",
    "share",
    "sharing",
    "social",
    "sidebar",
    "nav",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "masthead",
    "subscribe",
    "comments",
    "caption",
    "byline",
    "popup",
    "modal",
    "banner",
    "outbrain",
    "taboola",
    "recommended",
];

const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "blockquote",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "pre",
    "address",
    "hr",
    "td",
    "th",
    "body",
];

const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn name(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

fn is_furniture(attrs: &[(String, String)]) -> bool {
    attrs.iter().any(|(k, v)| {
        let v = v.to_ascii_lowercase();
        match k.as_str() {
            "class" | "id" => v
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| SKIP_MARKERS.contains(&w)),
            "role" => matches!(
                v.as_str(),
                "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert"
            ),
            "aria-hidden" => v == "true",
            "hidden" => true,
            _ => false,
        }
    })
}

pub fn to_lines(html: &str) -> Page {
    let html = cap_tags(html);
    let html = html.as_ref();
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut out = String::new();
    let mut title = String::new();
    let mut in_title = false;
    // Open <article>/<main> elements: a <header> inside one is the article's own.
    let mut in_content = 0usize;
    // Depth inside a skipped element: (its tag name, nesting count of that name).
    let mut skipping: Option<(String, usize)> = None;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let tag_name = name(&tag.name);
                if let Some((skip_name, depth)) = &mut skipping {
                    if *skip_name == tag_name && !tag.self_closing {
                        *depth += 1;
                    }
                    continue;
                }
                let attrs: Vec<(String, String)> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (name(k), String::from_utf8_lossy(v).into_owned()))
                    .collect();
                let void = VOID_ELEMENTS.contains(&tag_name.as_str()) || tag.self_closing;
                let page_furniture =
                    tag_name == "footer" || (tag_name == "header" && in_content == 0);
                let skip = SKIP_ELEMENTS.contains(&tag_name.as_str())
                    || page_furniture
                    || (tag_name != "body"
                        && tag_name != "html"
                        && tag_name != "main"
                        && tag_name != "article"
                        && is_furniture(&attrs));
                if skip && !void {
                    skipping = Some((tag_name, 1));
                    continue;
                }
                match tag_name.as_str() {
                    "title" => in_title = true,
                    "article" | "main" => {
                        in_content += 1;
                        out.push_str("\n\n");
                    }
                    "br" => out.push('\n'),
                    "li" => out.push_str("\n\n- "),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => out.push_str("\n\n# "),
                    n if BLOCK_ELEMENTS.contains(&n) => out.push_str("\n\n"),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let tag_name = name(&tag.name);
                if let Some((skip_name, depth)) = &mut skipping {
                    if *skip_name == tag_name {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                    }
                    continue;
                }
                match tag_name.as_str() {
                    "title" => in_title = false,
                    "article" | "main" => {
                        in_content = in_content.saturating_sub(1);
                        out.push_str("\n\n");
                    }
                    "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => out.push_str("\n\n"),
                    n if BLOCK_ELEMENTS.contains(&n) => out.push_str("\n\n"),
                    _ => {}
                }
            }
            Token::String(s) if skipping.is_none() => {
                let s = String::from_utf8_lossy(&s);
                if in_title {
                    title.push_str(&s);
                } else {
                    // Source whitespace (including newlines) is layout, not text.
                    let mut last_space = out.ends_with([' ', '\n']);
                    for c in s.chars() {
                        if c.is_whitespace() {
                            if !last_space {
                                out.push(' ');
                                last_space = true;
                            }
                        } else {
                            out.push(c);
                            last_space = false;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let lines = out
        .lines()
        .map(|l| super::normalize::chars(l.trim()))
        .collect();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    Page {
        title: (!title.is_empty()).then_some(title),
        lines,
    }
}

/// Steps allowed inside one tag (between names, `=`, values, slashes), about a hundred
/// attributes. html5gum's tokenizer recurses once per attribute of a tag, so a tag with
/// tens of thousands of them overflows the stack and aborts the process (or kills the
/// browser's worker); no real page comes near this (a busy tag has a dozen or two).
const MAX_TAG_STEPS: usize = 400;

/// Where the pre-pass is inside a start tag; the states of the HTML tokenizer's tag
/// section, as far as they decide where a quoted value and the tag end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagState {
    Name,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
}

/// Elements whose content the tokenizer reads as raw text, where a `<` opens no tag:
/// exactly html5gum's list (`naive_next_state`), typo included, since skipping more than
/// the tokenizer does would let an uncapped tag through.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "iframe", "xmp", "noembed", "noframe", "noscript",
];

/// `html` with the part of any start tag beyond [`MAX_TAG_STEPS`] left out (up to its
/// closing `>`), so the tokenizer never recurses deeper than that. Borrowed unchanged
/// when no tag comes near the cap, which is every real page.
fn cap_tags(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(open) = find_byte(bytes, b'<', i) {
        i = open + 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let (end, cut_from) = scan_tag(bytes, i);
        if let Some(from) = cut_from {
            cuts.push((from, end));
        }
        i = end;
        if end == bytes.len() {
            break;
        }
        // The name as the tokenizer reads it: up to a space, `/` or `>`.
        let name_end = bytes[open + 1..end]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/'))
            .map_or(end, |p| open + 1 + p);
        let name = html[open + 1..name_end].to_ascii_lowercase();
        if name == "plaintext" {
            break; // the rest of the page is text to the tokenizer
        }
        if RAW_TEXT.contains(&name.as_str()) {
            i = raw_text_end(bytes, end, &name);
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut kept = 0;
    for (from, to) in cuts {
        out.push_str(&html[kept..from]);
        kept = to;
    }
    out.push_str(&html[kept..]);
    Cow::Owned(out)
}

fn find_byte(bytes: &[u8], b: u8, from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&c| c == b)
        .map(|p| from + p)
}

/// From the first byte of a tag name: (where the tag ends, just before its `>` or at
/// the end of input; where to cut it if it takes more than [`MAX_TAG_STEPS`] steps).
/// Cuts fall on ASCII bytes, so they are char boundaries.
fn scan_tag(bytes: &[u8], start: usize) -> (usize, Option<usize>) {
    use TagState::*;
    let mut state = Name;
    let mut steps = 0usize;
    let mut cut_from = None;
    for (offset, &b) in bytes[start..].iter().enumerate() {
        let at = start + offset;
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
        if b == b'>' && !matches!(state, Quoted(_)) {
            return (at, cut_from);
        }
        let next = match (state, b) {
            (Quoted(q), c) if c == q => AfterQuoted,
            (Quoted(q), _) => Quoted(q),
            (AttrName, _) if space => AfterAttrName,
            (Name | AfterQuoted | Unquoted, _) if space => BeforeAttrName,
            (_, b'/') if !matches!(state, Unquoted) => BeforeAttrName,
            (Name, _) => Name,
            (AttrName | AfterAttrName, b'=') => BeforeValue,
            (AttrName, _) => AttrName,
            (BeforeAttrName | AfterAttrName, _) if space => state,
            (BeforeAttrName | AfterAttrName | AfterQuoted, _) => AttrName,
            (BeforeValue, _) if space => BeforeValue,
            (BeforeValue, b'"' | b'\'') => Quoted(b),
            (BeforeValue | Unquoted, _) => Unquoted,
        };
        if next != state {
            steps += 1;
            if steps > MAX_TAG_STEPS && cut_from.is_none() {
                cut_from = Some(at);
            }
        }
        state = next;
    }
    (bytes.len(), cut_from)
}

/// Where the `</name` closing a raw-text element opened at `from` starts (or the end).
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    bytes[from..]
        .windows(close.len())
        .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
        .map_or(bytes.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        to_lines(html).lines.join("\n")
    }

    #[test]
    fn scripts_nav_ads_and_captions_are_left_out() {
        let html = r#"<html><head><title>Council  praised</title><script>var x = "<p>no</p>";</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Council praised</h1>
<p>Inspectors found that staff morale is positive.</p>
<div class="ad-slot">Buy now</div><figure><img src=x><figcaption>A dog</figcaption></figure>
<ul><li>Plans are clear.</li></ul></article><footer>Cookie settings</footer></body></html>"#;
        let page = to_lines(html);
        let t = page.lines.join("\n");
        assert_eq!(page.title.as_deref(), Some("Council praised"));
        assert!(t.contains("# Council praised"));
        assert!(t.contains("Inspectors found that staff morale is positive."));
        assert!(t.contains("- Plans are clear."));
        for junk in ["var x", "Home", "Buy now", "A dog", "Cookie"] {
            assert!(!t.contains(junk), "{junk} in {t}");
        }
    }

    #[test]
    fn entities_are_decoded_and_markup_in_text_stays_text() {
        let t = text("<p>Tom &amp; Jerry &lt;script&gt; said &#8220;hi&#8221;</p>");
        assert!(
            t.contains("Tom & Jerry <script> said \u{201c}hi\u{201d}"),
            "{t}"
        );
    }

    #[test]
    fn a_tag_with_tens_of_thousands_of_attributes_is_cut_not_a_crash() {
        for attr in ["a{i}=\"x\"", "a=\"\"", "a{i}", "a{i}=v/"] {
            let attrs: String = (0..50_000)
                .map(|i| attr.replace("{i}", &i.to_string()) + " ")
                .collect();
            let t = text(&format!(
                "<html><body><p {attrs}>Staff morale is positive.</p><p>Plans are clear.</p></body></html>"
            ));
            assert!(t.contains("Staff morale is positive."), "{attr}: {t}");
            assert!(t.contains("Plans are clear."), "{attr}: {t}");
        }
    }

    #[test]
    fn ordinary_tags_and_scripts_pass_the_cap_untouched() {
        let script: String = (0..2_000).map(|i| format!("x<y{i} = 'a' / ")).collect();
        let html = format!(
            "<p class=\"a b\" id=x data-x='1>2'>Kept text.</p><script>{script}</script><p>After.</p>"
        );
        assert!(matches!(cap_tags(&html), Cow::Borrowed(_)));
        let t = text(&html);
        assert!(t.contains("Kept text.") && t.contains("After."), "{t}");
    }

    #[test]
    fn unclosed_and_broken_markup_does_not_lose_text() {
        let t = text("<div><p>First point is clear.<p>Second <b>point</div></span> is here.");
        assert!(t.contains("First point is clear."));
        assert!(t.contains("Second point"));
    }
}
