//! A saved web page -> lines of text, with navigation, scripts, ads, captions and
//! other page furniture left out. Headings come out as "# ", list items as "- ".

use html5gum::{DefaultEmitter, Token, Tokenizer};

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
        .map(|l| crate::text::normalize_chars(l.trim()))
        .collect();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    Page {
        title: (!title.is_empty()).then_some(title),
        lines,
    }
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
    fn unclosed_and_broken_markup_does_not_lose_text() {
        let t = text("<div><p>First point is clear.<p>Second <b>point</div></span> is here.");
        assert!(t.contains("First point is clear."));
        assert!(t.contains("Second point"));
    }
}
