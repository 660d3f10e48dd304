//! Words, stems and the small normalisations every stage shares.

use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// Lower-cased words of `text` (Unicode word boundaries; apostrophes unified, possessive
/// `'s` dropped). Hyphenated compounds come out as their parts.
pub fn words(text: &str) -> Vec<String> {
    text.unicode_words()
        .map(|w| {
            let w = w.to_lowercase().replace('\u{2019}', "'");
            match w.strip_suffix("'s") {
                Some(base) => base.to_string(),
                None => w.trim_end_matches('\'').to_string(),
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The Snowball stem of a lower-case word, with the few irregular plurals reports use.
/// Cached: reports repeat their vocabulary, and every stage stems.
pub fn stem(word: &str) -> String {
    thread_local! {
        static CACHE: std::cell::RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(word) {
            return s.clone();
        }
        let s = match word {
            "children" => "child".to_string(),
            "people" => "person".to_string(),
            "staff" | "staffing" | "staffed" => "staff".to_string(),
            // Snowball makes "carefully" "care", the matter of children in care.
            "careful" | "carefully" => "careful".to_string(),
            // Snowball makes "permanent" (posts, staff) "perman", the stem of a child's
            // "permanence": two matters.
            "permanent" | "permanently" => "permanent".to_string(),
            _ => stemmer().stem(word).into_owned(),
        };
        let mut cache = cache.borrow_mut();
        // Bounded: odd inputs (fuzzing, huge vocabularies) must not grow it forever.
        if cache.len() > 200_000 {
            cache.clear();
        }
        cache.insert(word.to_string(), s.clone());
        s
    })
}

/// Words that carry no topic. Kept short on purpose: IDF weighting handles the rest.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Content stems of `text`: stop words and numbers removed, everything stemmed. The
/// particles of "step-down", "out-of-hours" or "follow-up" are kept, and "not": they
/// carry meaning ("not consistently" is a synonym of "inconsistent").
pub fn content_stems(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| {
            (PARTICLES.contains(&w.as_str()) || !is_stopword(w))
                && !w.chars().all(|c| c.is_ascii_digit())
                && w.len() > 1
        })
        .map(|w| stem(&w))
        .collect()
}

const PARTICLES: &[&str] = &["up", "down", "out", "off", "over", "under", "not"];

/// All stems of `text` in order, stop words included (for phrase matching).
pub fn all_stems(text: &str) -> Vec<String> {
    words(text).iter().map(|w| stem(w)).collect()
}

/// Number of words, as a reader would count them (tokens with a letter or digit). Cheap:
/// layout and noise rules call it on every line.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Whether a sentence opens with a pronoun ("This means …", "They visit …", "These
/// meetings …"): it names its matter in the sentence before, so its own words say less
/// about what it is about.
pub fn opens_with_pronoun(text: &str) -> bool {
    let first = text
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    [
        "it", "its", "they", "their", "them", "this", "that", "these", "those", "such", "he",
        "she", "we",
    ]
    .iter()
    .any(|p| first.eq_ignore_ascii_case(p))
}

// Sorted, for binary search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "additionally",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "consequently",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "furthermore",
    "had",
    "has",
    "have",
    "having",
    "he",
    "hence",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "many",
    "may",
    "me",
    "might",
    "more",
    "moreover",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "nevertheless",
    "no",
    "nonetheless",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "she",
    "should",
    "similarly",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_opening_with_a_pronoun_refer_back() {
        assert!(opens_with_pronoun("This means that work is slower."));
        assert!(opens_with_pronoun("“They visit children often.”"));
        assert!(!opens_with_pronoun("Thresholds are applied well."));
        assert!(!opens_with_pronoun("Thematic audits are strong."));
        assert!(opens_with_pronoun("Their plans are clear."));
    }

    #[test]
    fn stopwords_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_unify_apostrophes_and_drop_possessives() {
        assert_eq!(
            words("Children’s services' plans"),
            ["children", "services", "plans"]
        );
    }

    #[test]
    fn content_stems_skip_stopwords_and_stem() {
        assert_eq!(
            content_stems("The caseloads of 12 social workers are rising"),
            ["caseload", "social", "worker", "rise"]
        );
        // A child's permanence is not a permanent post.
        assert_ne!(stem("permanence"), stem("permanent"));
        assert_eq!(stem("permanence"), stem("permanency"));
        // A connective links sentences; it names no matter two findings could share.
        assert_eq!(
            content_stems("However, plans are therefore clearer; similarly, reviews"),
            ["plan", "clearer", "review"]
        );
    }
}
