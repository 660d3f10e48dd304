//! A person's codebook, whatever it was written in: TOML or JSON (the engine's own format,
//! [`Codebook::parse`]) or a REFI-QDA `.qdc` from a QDA program or from us
//! ([`crate::export::qdc`]). Used by the CLI's `--codebook` and by the app when a codebook
//! is dropped on it.

use crate::export::qdc;
use crate::themes::{Codebook, CodebookError};

/// Codebooks larger than this are refused: the built-in one is 12 KB, a large NVivo
/// codebook a few hundred.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// Reads a codebook file's bytes: UTF-8 (a BOM is fine) or UTF-16 with a BOM, which some
/// Windows programs write.
pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Codebook, CodebookError> {
    if bytes.len() > MAX_BYTES {
        return Err(CodebookError(format!(
            "{name}: the codebook is {} KB; codebooks over {} KB are refused",
            bytes.len() / 1024,
            MAX_BYTES / 1024
        )));
    }
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
    .ok_or_else(|| {
        CodebookError(format!(
            "{name}: the codebook is not UTF-8 (or UTF-16) text"
        ))
    })?;
    read(text.trim_start_matches('\u{feff}'), name)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units).ok()
}

/// Reads a codebook's text: `.qdc` (by name, or XML inside), else TOML or JSON.
pub fn read(text: &str, name: &str) -> Result<Codebook, CodebookError> {
    if qdc::looks_like_qdc(text, name) {
        #[cfg(feature = "qdc")]
        return qdc::from_qdc(text, name);
        #[cfg(not(feature = "qdc"))]
        return Err(CodebookError(format!(
            "{name}: this build can't read REFI-QDA codebooks (Cargo feature `qdc`)"
        )));
    }
    Codebook::parse(text, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_json_and_qdc_are_all_read() {
        let toml = "[[theme]]\nid = \"x\"\nlabel = \"X\"\nterms = [\"xylophone\"]\n";
        assert_eq!(read(toml, "mine.toml").expect("toml").themes[0].id, "x");
        let json = r#"{"theme": [{"id": "y", "label": "Y", "terms": ["yarn"]}]}"#;
        assert_eq!(read(json, "mine.json").expect("json").themes[0].id, "y");
        let qdc = qdc::to_qdc(&read(toml, "mine.toml").expect("toml"), None, None);
        #[cfg(feature = "qdc")]
        assert_eq!(
            from_bytes(qdc.as_bytes(), "mine.qdc").expect("qdc").themes[0].id,
            "x"
        );
        #[cfg(not(feature = "qdc"))]
        assert!(read(&qdc, "mine.qdc").is_err());
    }

    #[test]
    fn encodings_and_sizes() {
        let toml = "[[theme]]\nid = \"x\"\nlabel = \"X\"\nterms = [\"xylophone\"]\n";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(toml.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            from_bytes(&utf16, "w.toml").expect("utf-16").themes[0].id,
            "x"
        );
        assert!(from_bytes(&[0xC3, 0x28], "bad.toml")
            .expect_err("not text")
            .0
            .contains("not UTF-8"));
        assert!(from_bytes(&vec![b' '; MAX_BYTES + 1], "big.toml")
            .expect_err("too big")
            .0
            .contains("refused"));
    }
}
