//! Character normalisation for text that comes out of PDF and DOCX files, before the
//! layout stage sees it: NFKC (ligatures, full-width forms, non-breaking spaces), hyphen
//! and minus variants to "-", private-use bullet glyphs (Symbol, Wingdings) to "•",
//! soft hyphens and zero-width characters removed, spaces collapsed. Curly quotes and
//! en/em dashes are kept, as the text path keeps them.

use unicode_normalization::UnicodeNormalization;

/// One line of extracted text, normalised and trimmed.
pub fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkc() {
        let c = match c {
            '\u{2010}' | '\u{2011}' | '\u{2043}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{F0B7}' | '\u{F0A7}' | '\u{F0D8}' | '\u{F076}' | '\u{F0FC}' | '\u{F0A8}'
            | '\u{F06E}' | '\u{F071}' | '\u{F0B2}' => '•',
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
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
    use super::line;

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
