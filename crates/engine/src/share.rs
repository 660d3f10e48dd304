//! Compressed, versioned, checksummed state for share links (`#c=...`) and `.rcmp` files.
//!
//! Format: `rc1.<checksum>.<data>` where data is base64url (no padding) of the raw-deflated
//! compact JSON of the payload, and checksum is FNV-1a 64 of that JSON in hex. The same
//! text is the content of a `.rcmp` file. Decoding checks every step and says what is
//! wrong; inflating is capped so a crafted link cannot exhaust memory.
//!
//! What is shared carries the comparison in this version's schema ([`compare::SCHEMA`],
//! `report-compare/2`, with topics). A comparison shared by an earlier version
//! (`report-compare/1`, before topics) still opens: [`upgrade`] gives it topics from its
//! links. A schema this version does not know says so ([`ShareError::Schema`]).

use crate::compare::{self, Comparison};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;

/// The first part of every link and `.rcmp` file: the format's version.
pub const PREFIX: &str = "rc1";
/// Links longer than this are offered as a `.rcmp` download instead.
pub const LINK_LIMIT: usize = 64 * 1024;
/// Largest payload a link may inflate to.
pub const MAX_INFLATED: usize = 32 * 1024 * 1024;
/// Comparison schemas of earlier versions that still open, brought up to
/// [`compare::SCHEMA`] by [`upgrade`].
pub const OLDER_SCHEMAS: &[&str] = &["report-compare/1"];

/// Why a link or `.rcmp` file could not be opened; each says what to do instead.
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
    /// A comparison in a schema this version neither uses nor can bring up to date.
    Schema(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Malformed(what) => write!(f, "This link is incomplete or damaged ({what}). Ask for the link again, or for the .rcmp file."),
            ShareError::Version(v) => write!(f, "This link was made by another version of report-compare (format \"{v}\"). Open it with that version, or ask for the reports."),
            ShareError::Checksum => write!(f, "This link has been cut short or changed on the way (its checksum does not match). Ask for the link again, or for the .rcmp file."),
            ShareError::Content(e) => write!(f, "This link opened, but its contents are not a comparison this version can read ({e})."),
            ShareError::Schema(v) => write!(f, "This link holds a comparison in the format \"{v}\", which this version of report-compare cannot read (it reads \"{}\" and the older \"report-compare/1\"). It was probably made by a newer version: open it with that version, or ask for the reports.", compare::SCHEMA),
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
    serde_json::from_str(&decode_json(text)?).map_err(|e| ShareError::Content(e.to_string()))
}

/// The JSON a link or file holds, checked but not parsed: a reader that wants one type out
/// of several parses it once with `serde_json::from_str`, as it parses everything else
/// (the page: each extra deserializer, such as a `serde_json::Value` in between, brings a
/// second copy of every type's `Deserialize` code into the bundle).
pub fn decode_json(text: &str) -> Result<String, ShareError> {
    let (sum, data) = parts(text)?;
    let packed = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| ShareError::Malformed("not base64url"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| ShareError::Checksum)?;
    checked(json, sum)
}

/// The first steps of [`decode_json`]: the checksum and the base64url data (padding cut
/// off) of link/file text, its version checked. The page inflates the data with the
/// browser's own `DecompressionStream`, then calls [`checked`].
pub fn parts(text: &str) -> Result<(u64, &str), ShareError> {
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
    Ok((sum, data.trim_end_matches('=')))
}

/// The last step of [`decode_json`]: the inflated JSON, if it matches its checksum and is
/// UTF-8 text.
pub fn checked(json: Vec<u8>, sum: u64) -> Result<String, ShareError> {
    if fnv1a(&json) != sum {
        return Err(ShareError::Checksum);
    }
    String::from_utf8(json).map_err(|_| ShareError::Content("the data is not UTF-8 text".into()))
}

/// Brings a shared comparison up to this version's schema. One of `report-compare/1`
/// (from before topics) gets its topics from its links ([`compare::refresh`]: each
/// finding joins its partner's topic or gets its own), so every finding is in a topic;
/// `Ok(true)` says it was brought up to date. Any other unknown schema is an error that
/// says why it cannot be shown.
pub fn upgrade(c: &mut Comparison) -> Result<bool, ShareError> {
    if !is_older(c)? {
        return Ok(false);
    }
    c.schema = compare::SCHEMA.to_string();
    compare::refresh(c);
    Ok(true)
}

/// Whether [`upgrade`] would bring `c` up to date (`Ok(true)`), has nothing to do
/// (`Ok(false)`), or refuses it: what the page checks on opening a link, as it has no
/// recount code of its own (the worker upgrades).
pub fn is_older(c: &Comparison) -> Result<bool, ShareError> {
    if c.schema == compare::SCHEMA {
        return Ok(false);
    }
    if !OLDER_SCHEMAS.contains(&c.schema.as_str()) {
        let mut shown: String = c.schema.chars().take(40).collect();
        if shown.is_empty() {
            shown = "none given".to_string();
        }
        return Err(ShareError::Schema(shown));
    }
    Ok(true)
}

/// Decodes a shared bare comparison and brings it up to date ([`upgrade`]).
pub fn decode_comparison(text: &str) -> Result<Comparison, ShareError> {
    let mut c: Comparison = decode(text)?;
    upgrade(&mut c)?;
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;
    use crate::ingest::ingest;
    use crate::themes::Codebook;

    fn seed() -> Comparison {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/luton-2021-2023/"
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

    /// A comparison as `report-compare/1` wrote it: today's without topics.
    fn as_schema_1(c: &Comparison) -> serde_json::Value {
        let mut v = serde_json::to_value(c).unwrap();
        v["schema"] = "report-compare/1".into();
        for t in v["themes"].as_array_mut().unwrap() {
            t.as_object_mut().unwrap().remove("topics");
        }
        v
    }

    #[test]
    fn what_is_shared_carries_schema_2_with_topics() {
        let c = seed();
        assert_eq!(c.schema, compare::SCHEMA);
        assert_eq!(compare::SCHEMA, "report-compare/2");
        let back = decode_comparison(&encode(&c)).unwrap();
        assert_eq!(
            back, c,
            "a /2 comparison opens as it was shared, topics and all"
        );
        assert!(back.themes.iter().all(|t| !t.topics.is_empty()));
        let json: serde_json::Value = decode(&encode(&c)).unwrap();
        assert_eq!(json["schema"], "report-compare/2");
        assert!(json["themes"][0]["topics"]
            .as_array()
            .is_some_and(|t| !t.is_empty()));
    }

    #[test]
    fn a_schema_1_comparison_round_trips_and_opens_with_topics_for_every_finding() {
        let c = seed();
        let old = as_schema_1(&c);
        let link = encode(&old);
        // Through the share format unchanged.
        let raw: serde_json::Value = decode(&link).unwrap();
        assert_eq!(raw["schema"], "report-compare/1");
        assert!(raw["themes"][0].get("topics").is_none());
        let plain: Comparison = decode(&link).unwrap();
        assert_eq!(plain.schema, "report-compare/1");
        assert!(plain.themes.iter().all(|t| t.topics.is_empty()));

        let opened = decode_comparison(&link).unwrap();
        assert_eq!(opened.schema, compare::SCHEMA);
        // The same findings, links and finding counts as shared. (Theme verdicts follow
        // the topics, which a /1 comparison gets from its links: they may differ.)
        assert_eq!(opened.before, c.before);
        assert_eq!(opened.after, c.after);
        assert_eq!(opened.summary.themes, c.summary.themes);
        assert_eq!(opened.summary.new_findings, c.summary.new_findings);
        assert_eq!(opened.summary.dropped_findings, c.summary.dropped_findings);
        assert_eq!(opened.themes.len(), c.themes.len());
        for (t, was) in opened.themes.iter().zip(&c.themes) {
            assert_eq!(t.id, was.id);
            assert_eq!(t.links, was.links, "{}", t.id);
            // Every finding of the theme is in exactly one of its topics.
            let mut ids: Vec<&String> = t
                .links
                .iter()
                .flat_map(|l| [&l.before, &l.after])
                .flatten()
                .collect();
            ids.sort();
            ids.dedup();
            assert!(!t.topics.is_empty(), "{}", t.id);
            for id in ids {
                let homes = t
                    .topics
                    .iter()
                    .filter(|x| x.before.contains(id) || x.after.contains(id))
                    .count();
                assert_eq!(homes, 1, "{id} under {} is in {homes} topics", t.id);
            }
            for x in &t.topics {
                assert!(!x.label.trim().is_empty(), "{} has no label", x.id);
            }
        }
        // Every finding of either report is in some topic.
        for f in c.before.findings.iter().chain(&c.after.findings) {
            assert!(
                opened
                    .themes
                    .iter()
                    .flat_map(|t| &t.topics)
                    .any(|x| x.before.contains(&f.id) || x.after.contains(&f.id)),
                "{} is in no topic",
                f.id
            );
        }
        // Shared again, it is a /2 link that opens as it is.
        assert_eq!(decode_comparison(&encode(&opened)).unwrap(), opened);
    }

    #[test]
    fn an_unknown_schema_says_why_it_cannot_open() {
        let mut v = as_schema_1(&seed());
        v["schema"] = "report-compare/9".into();
        let err = decode_comparison(&encode(&v)).unwrap_err();
        assert_eq!(err, ShareError::Schema("report-compare/9".into()));
        let msg = err.to_string();
        assert!(msg.contains("\"report-compare/9\""), "{msg}");
        assert!(msg.contains("newer version"), "{msg}");
        v["schema"] = "".into();
        let err = decode_comparison(&encode(&v)).unwrap_err();
        assert_eq!(err, ShareError::Schema("none given".into()));
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
