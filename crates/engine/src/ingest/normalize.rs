//! The one character normaliser, before the layout stage sees a line. Every path drops
//! the same invisible characters (soft hyphens, zero-width spaces and joiners, BOMs).
//!
//! - [`chars`], for text and HTML: ligatures spelled out, odd spaces made plain; nothing
//!   else changes, so a typed file keeps its spacing.
//! - [`line`], for text that comes out of PDF and DOCX files: NFKC (ligatures, full-width
//!   forms, non-breaking spaces), hyphen and minus variants to "-", private-use bullet
//!   glyphs (Symbol, Wingdings) to "•", spaces collapsed, trimmed.
//!
//! Curly quotes and en/em dashes are kept by both (they matter for speakers and display).

#[cfg(any(feature = "pdf", feature = "docx"))]
use unicode_normalization::UnicodeNormalization;

/// Characters that print as nothing: soft hyphens, zero-width spaces and joiners, BOMs.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Text and HTML lines: typographic variants that would make equal words differ are made
/// plain (ligatures, non-breaking and thin spaces, tabs), invisible characters dropped.
pub fn chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\t' => out.push(' '),
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\r' => {}
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One line of extracted text, normalised and trimmed (the PDF and Word readers').
#[cfg(any(feature = "pdf", feature = "docx"))]
pub fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkc() {
        let c = match c {
            '\u{2010}' | '\u{2011}' | '\u{2043}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{F0B7}' | '\u{F0A7}' | '\u{F0D8}' | '\u{F076}' | '\u{F0FC}' | '\u{F0A8}'
            | '\u{F06E}' | '\u{F071}' | '\u{F0B2}' => '•',
            c if is_invisible(c) => continue,
            c if c.is_whitespace() || c.is_control() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::chars;
    #[cfg(any(feature = "pdf", feature = "docx"))]
    use super::line;

    #[test]
    fn text_lines_lose_ligatures_soft_hyphens_and_odd_spaces_only() {
        assert_eq!(
            chars("e\u{FB00}ective re\u{00AD}view\u{00A0}now"),
            "effective review now"
        );
        assert_eq!(chars("two  spaces\u{2060} kept"), "two  spaces kept");
    }

    #[cfg(any(feature = "pdf", feature = "docx"))]
    #[test]
    fn ligatures_spaces_dashes_and_quotes() {
        assert_eq!(line("e\u{FB03}cient \u{FB01}nd"), "efficient find");
        assert_eq!(line("a\u{00A0}b\u{2009}c  \t d"), "a b c d");
        assert_eq!(
            line("cross\u{2010}sectional \u{2212}3"),
            "cross-sectional -3"
        );
        assert_eq!(
            line("it\u{2019}s \u{201C}good\u{201D} \u{2013} ok"),
            "it\u{2019}s \u{201C}good\u{201D} \u{2013} ok"
        );
        assert_eq!(line("\u{F0B7} item"), "• item");
        assert_eq!(line("co\u{00AD}operate"), "cooperate");
    }
}
