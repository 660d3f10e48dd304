//! Compressed, versioned, checksummed state for share links (`#c=...`) and `.rcmp` files.
//!
//! Format: `rc1.<checksum>.<data>` where data is base64url (no padding) of the raw-deflated
//! compact JSON of the payload, and checksum is FNV-1a 64 of that JSON in hex. The same
//! text is the content of a `.rcmp` file. Decoding checks every step and says what is
//! wrong; inflating is capped so a crafted link cannot exhaust memory.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;

pub const PREFIX: &str = "rc1";
/// Links longer than this are offered as a `.rcmp` download instead.
pub const LINK_LIMIT: usize = 64 * 1024;
/// Largest payload a link may inflate to.
const MAX_INFLATED: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Not a report-compare link at all, or cut short.
    Malformed(&'static str),
    /// Made by a newer (or unknown) version of report-compare.
    Version(String),
    /// The data does not match its checksum: truncated or altered on the way.
    Checksum,
    /// Decoded fine but is not a comparison this version understands.
    Content(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Malformed(what) => write!(f, "This link is incomplete or damaged ({what}). Ask for the link again, or for the .rcmp file."),
            ShareError::Version(v) => write!(f, "This link was made by another version of report-compare (format \"{v}\"). Open it with that version, or ask for the reports."),
            ShareError::Checksum => write!(f, "This link has been cut short or changed on the way (its checksum does not match). Ask for the link again, or for the .rcmp file."),
            ShareError::Content(e) => write!(f, "This link opened, but its contents are not a comparison this version can read ({e})."),
        }
    }
}

impl std::error::Error for ShareError {}

/// FNV-1a, 64 bit: a checksum against truncation and accidental edits (not a signature).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Encodes any serialisable state into link/file text.
pub fn encode<T: Serialize>(state: &T) -> String {
    // Plain data with string keys always serialises.
    let json = serde_json::to_vec(state).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!(
        "{PREFIX}.{:016x}.{}",
        fnv1a(&json),
        URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Decodes link/file text (a bare payload, `#c=...`, or a whole URL with that fragment).
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ShareError> {
    let text = text.trim();
    // "#c=" first: a URL's query may contain "c=" too ("?src=...").
    let payload = match (text.find("#c="), text.strip_prefix("c=")) {
        (Some(at), _) => &text[at + 3..],
        (None, Some(rest)) => rest,
        (None, None) => text,
    };
    let mut parts = payload.splitn(3, '.');
    let version = parts.next().unwrap_or_default();
    if version != PREFIX {
        return Err(if version.starts_with("rc") && version.len() <= 8 {
            ShareError::Version(version.to_string())
        } else {
            ShareError::Malformed("it does not start with rc1")
        });
    }
    let sum = parts.next().ok_or(ShareError::Malformed("no checksum"))?;
    let sum = u64::from_str_radix(sum, 16).map_err(|_| ShareError::Malformed("bad checksum"))?;
    let data = parts.next().ok_or(ShareError::Malformed("no data"))?;
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| ShareError::Malformed("not base64url"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| ShareError::Checksum)?;
    if fnv1a(&json) != sum {
        return Err(ShareError::Checksum);
    }
    serde_json::from_slice(&json).map_err(|e| ShareError::Content(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{compare, Comparison};
    use crate::ingest::ingest;
    use crate::themes::Codebook;

    fn seed() -> Comparison {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/luton-2021-2023/"
        );
        let read = |f: &str| std::fs::read(format!("{dir}{f}")).unwrap();
        let b = ingest(&read("before.txt"), "before.txt").unwrap();
        let a = ingest(&read("after.txt"), "after.txt").unwrap();
        compare(&b, &a, &Codebook::builtin())
    }

    #[test]
    fn round_trip_is_exact_and_fits_a_link() {
        let c = seed();
        let link = encode(&c);
        assert!(link.starts_with("rc1."));
        assert!(
            link.len() < LINK_LIMIT,
            "seed pair link is {} bytes",
            link.len()
        );
        assert!(link
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch)));
        let back: Comparison = decode(&link).unwrap();
        assert_eq!(back, c);
        let from_url: Comparison = decode(&format!(
            "https://intranet.example/tools/rc/?src=x#c={link}"
        ))
        .unwrap();
        assert_eq!(from_url, c);
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let link = encode(&seed());
        // Cut anywhere: either the base64 or the checksum gives it away.
        for cut in [
            &link[..link.len() / 2],
            &link[..link.len() - 1],
            &link[..link.len() - 2],
        ] {
            let result = decode::<Comparison>(cut);
            assert!(
                matches!(result, Err(ShareError::Checksum | ShareError::Malformed(_))),
                "cut to {}: {result:?}",
                cut.len()
            );
        }
        let mut tampered = link.clone().into_bytes();
        let n = tampered.len() - 10;
        tampered[n] = if tampered[n] == b'A' { b'B' } else { b'A' };
        assert!(decode::<Comparison>(std::str::from_utf8(&tampered).unwrap()).is_err());
        assert!(matches!(
            decode::<Comparison>("rc9.00.AAAA"),
            Err(ShareError::Version(_))
        ));
        assert!(matches!(
            decode::<Comparison>("hello"),
            Err(ShareError::Malformed(_))
        ));
        assert!(matches!(
            decode::<Comparison>("rc1.zz.AAAA"),
            Err(ShareError::Malformed(_))
        ));
        assert!(matches!(
            decode::<Comparison>(&encode(&vec![1, 2, 3])),
            Err(ShareError::Content(_))
        ));
        let msg = ShareError::Checksum.to_string();
        assert!(msg.contains("Ask for the link again"));
    }

    #[test]
    fn inflating_is_capped() {
        // A small link that would inflate past the cap.
        let bomb = vec![b' '; MAX_INFLATED + 1024];
        let packed = miniz_oxide::deflate::compress_to_vec(&bomb, 6);
        let link = format!(
            "rc1.{:016x}.{}",
            fnv1a(&bomb),
            URL_SAFE_NO_PAD.encode(packed)
        );
        assert!(link.len() < 200_000);
        assert!(decode::<Comparison>(&link).is_err());
    }
}
