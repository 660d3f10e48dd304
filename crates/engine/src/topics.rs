//! Topics: the matters a reader judges ("return home interviews", "caseloads"). A report
//! states each matter several times (headline, "what needs to improve", the body), so a
//! topic gathers the findings of both reports on one matter: the pairs alignment kept,
//! plus restatements within each report. Small by design: a topic that swallows its
//! neighbours says nothing.

use crate::text::{is_stopword, stem, words};
use crate::themes::capitalise;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Most findings one topic holds; past this, a merge would join two matters.
const MAX_TOPIC: usize = 6;
/// Label phrases are at most this many words.
const MAX_LABEL_WORDS: usize = 4;
/// Words that judge or report rather than name: never part of a topic's name.
const JUDGING: &[&str] = &[
    "able",
    "acted",
    "alongside",
    "although",
    "concern",
    "concerns",
    "continue",
    "direct",
    "example",
    "get",
    "help",
    "helps",
    "identify",
    "include",
    "includes",
    // The report's own frame ("since the last inspection"), never the matter.
    "inspection",
    "inspections",
    "inspectors",
    "inform",
    "means",
    "meet",
    "provide",
    "provides",
    "put",
    "result",
    "results",
    "receive",
    "receives",
    "share",
    "since",
    "support",
    "supports",
    "take",
    "understand",
    "visit",
    "work",
    "works",
    "continues",
    "given",
    "know",
    "known",
    "made",
    "make",
    "makes",
    "seen",
    "use",
    "uses",
    "already",
    "also",
    "always",
    "appropriate",
    "appropriately",
    "better",
    "clear",
    "clearly",
    "consistent",
    "consistently",
    "effective",
    "effectively",
    "ensure",
    "ensures",
    "good",
    "high",
    "however",
    "improve",
    "improved",
    "improving",
    "inconsistent",
    "less",
    "many",
    "more",
    "most",
    "much",
    "never",
    "new",
    "not",
    "now",
    "often",
    "poor",
    "recent",
    "recently",
    "some",
    "sometimes",
    "still",
    "strong",
    "strongly",
    "sufficient",
    "sufficiently",
    "timely",
    "too",
    "variable",
    "very",
    "well",
    "within",
    // Linking words a name never holds: "office settings rather", "in place across".
    "across",
    "despite",
    "including",
    "rather",
];
/// Words ending in "-ly" that name when, not how: "monthly supervision", "elderly carers".
const TIME_ADJECTIVES: &[&str] = &[
    "elderly",
    "fortnightly",
    "monthly",
    "quarterly",
    "weekly",
    "yearly",
];
/// Small words allowed inside a name ("children in care", "changes of social worker").
const JOINERS: &[&str] = &["of", "in", "for", "and", "to", "from"];

/// One topic as built: indices into the earlier and later findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Indices of the earlier report's findings in the topic.
    pub before: Vec<usize>,
    /// Indices of the later report's findings in the topic.
    pub after: Vec<usize>,
}

/// Groups findings into topics. `pairs` are (earlier, later, similarity) kept by
/// alignment; `restated_before`/`restated_after` are (i, j, similarity) within one report.
/// The strongest ties join first and no topic grows past `MAX_TOPIC` (a pair refused
/// for size puts its earlier finding in the later one's topic too); every finding ends in
/// at least one topic. Deterministic: ties go to the lowest indices.
pub fn build(
    n_before: usize,
    n_after: usize,
    pairs: &[(usize, usize, f32)],
    restated_before: &[(usize, usize, f32)],
    restated_after: &[(usize, usize, f32)],
) -> Vec<Draft> {
    let by_strength = |x: &(f32, usize, usize), y: &(f32, usize, usize)| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then((x.1, x.2).cmp(&(y.1, y.2)))
    };
    // Pairs across the reports first: they are what a topic is for; restatements then
    // gather the other mentions of each matter.
    let mut across: Vec<(f32, usize, usize)> = pairs
        .iter()
        .map(|&(b, a, s)| (s, b, n_before + a))
        .collect();
    crate::sort::sort_by(&mut across, by_strength);
    let mut within: Vec<(f32, usize, usize)> = Vec::new();
    within.extend(restated_before.iter().map(|&(i, j, s)| (s, i, j)));
    within.extend(
        restated_after
            .iter()
            .map(|&(i, j, s)| (s, n_before + i, n_before + j)),
    );
    crate::sort::sort_by(&mut within, by_strength);
    let mut sets = Sets::new(n_before + n_after);
    let mut refused: Vec<(usize, usize)> = Vec::new();
    for &(_, b, a) in &across {
        if !sets.join_if_small(b, a, MAX_TOPIC) {
            refused.push((b, a));
        }
    }
    for (_, i, j) in within {
        sets.join_if_small(i, j, MAX_TOPIC);
    }
    let mut groups: BTreeMap<usize, Draft> = BTreeMap::new();
    for node in 0..n_before + n_after {
        let root = sets.find(node);
        // Keyed by the group's first member, so topics come in reading order.
        let key = *sets.first.get(root).unwrap_or(&node);
        let draft = groups.entry(key).or_insert(Draft {
            before: Vec::new(),
            after: Vec::new(),
        });
        if node < n_before {
            draft.before.push(node);
        } else {
            draft.after.push(node - n_before);
        }
    }
    // A pair whose topics were both full still pairs: the earlier finding sits in the
    // later one's topic too (a finding may sit in more than one).
    for (b, a) in refused {
        let root = sets.find(a);
        let key = sets.first[root];
        if let Some(draft) = groups.get_mut(&key) {
            if !draft.before.contains(&b) {
                draft.before.push(b);
                draft.before.sort_unstable();
            }
        }
    }
    groups.into_values().collect()
}

/// Union-find with sizes; `first[root]` is the group's lowest member.
struct Sets {
    parent: Vec<usize>,
    size: Vec<usize>,
    first: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n).collect(),
            size: vec![1; n],
            first: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the groups of `a` and `b` unless that makes one larger than `max`; false
    /// when refused (true when they already share a group).
    fn join_if_small(&mut self, a: usize, b: usize, max: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if self.size[ra] + self.size[rb] > max {
            return false;
        }
        let (keep, gone) = if self.size[ra] >= self.size[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[gone] = keep;
        self.size[keep] += self.size[gone];
        self.first[keep] = self.first[keep].min(self.first[gone]);
        true
    }
}

/// How the reports use one word.
#[derive(Default)]
struct Uses {
    uses: usize,
    /// As the last word of a noun phrase.
    head: usize,
    /// Right after "to" ("to develop", "to disrupt").
    after_to: usize,
    /// Opening a clause or after a determiner or preposition: where a noun phrase starts.
    opened: bool,
}

/// How many findings each label phrase (stemmed key) occurs in, over both reports: the
/// rarer a phrase, the more it names one matter.
pub struct PhraseCounts {
    counts: HashMap<String, usize>,
    total: usize,
    /// Each counted text's phrases, so naming a topic does not find them again.
    seen: HashMap<String, Vec<(String, String)>>,
    /// Per word: how the reports use it.
    heads: HashMap<String, Uses>,
}

impl PhraseCounts {
    /// Counts the phrases of `texts` (every finding of both reports), for naming topics.
    pub fn new<'a>(texts: impl Iterator<Item = &'a str>) -> PhraseCounts {
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut seen: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut heads: HashMap<String, Uses> = HashMap::new();
        let mut total = 0;
        for text in texts {
            total += 1;
            count_heads(text, &mut heads);
            let found = phrases(text);
            let keys: HashSet<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
            for k in keys {
                *counts.entry(k.to_string()).or_default() += 1;
            }
            seen.insert(text.to_string(), found);
        }
        PhraseCounts {
            counts,
            total,
            seen,
            heads,
        }
    }

    /// Whether the reports use `word` as a noun often enough for it to end a name:
    /// "available", "diverse", "maintain" and "told" end no matter's name, though they
    /// are no stop words. Unknown words pass.
    fn ends_names(&self, word: &str) -> bool {
        self.heads
            .get(word)
            .is_none_or(|u| u.head as f32 >= HEAD_SHARE * u.uses as f32)
    }

    /// Whether a word may open a name: not a verb, as far as the reports show. "Disrupt
    /// networks", "Develop ways": a word often after "to" is one; so is "led" or
    /// "helped", never where a noun phrase starts. Unknown words pass.
    fn opens_names(&self, word: &str) -> bool {
        let Some(u) = self.heads.get(word) else {
            return true;
        };
        // "-en": "undertaken", "given", "written"; a noun so ending ("children",
        // "garden") is found where noun phrases start.
        // "-s" of a verb the reports use after "to": "oversees" ("to oversee"), never
        // where a noun phrase starts (as "the reviews" is).
        let verb = |w: &str| {
            self.heads
                .get(w)
                .is_some_and(|b| b.after_to * VERB_AFTER_TO >= b.uses)
        };
        let third_person = [word.strip_suffix("es"), word.strip_suffix('s')]
            .into_iter()
            .flatten()
            .any(verb);
        let inflected =
            word.ends_with("ed") || word.ends_with("ing") || word.ends_with("en") || third_person;
        u.after_to * VERB_AFTER_TO < u.uses && (u.opened || !inflected)
    }

    /// Whether a surface form's first word may open a name and its last end one, and no
    /// word of it is a verb that ends a subject ("Children live outside Rotherham",
    /// "Families benefit" name no matter). A hyphenated compound always may: "out-of-hours".
    fn names_a_matter(&self, form: &str) -> bool {
        let last = form.split_whitespace().last().unwrap_or_default();
        let first = form.split_whitespace().next().unwrap_or_default();
        let opens = first.contains('-') || words(first).first().is_none_or(|w| self.opens_names(w));
        let no_verb = form
            .split_whitespace()
            .filter(|w| !w.contains('-'))
            .flat_map(words)
            .all(|w| !SUBJECT_ENDS.contains(&w.as_str()));
        opens
            && no_verb
            && (last.contains('-') || words(last).last().is_none_or(|w| self.ends_names(w)))
    }

    /// The phrases of a text (found once when it was counted).
    fn of(&self, text: &str) -> std::borrow::Cow<'_, [(String, String)]> {
        match self.seen.get(text) {
            Some(found) => std::borrow::Cow::Borrowed(found.as_slice()),
            None => std::borrow::Cow::Owned(phrases(text)),
        }
    }

    /// Whether a phrase is in so many findings that it names the reports' people, not a
    /// matter ([`GENERIC_SHARE`]).
    fn is_generic(&self, key: &str) -> bool {
        let df = self.counts.get(key).copied().unwrap_or(0);
        df as f32 > GENERIC_SHARE * self.total as f32
    }

    fn idf(&self, key: &str) -> f32 {
        let df = self.counts.get(key).copied().unwrap_or(1) as f32;
        ((1.0 + self.total as f32) / (1.0 + df)).ln()
    }
}

/// A word ends names when at least this share of its uses are the last word of a noun
/// phrase.
const HEAD_SHARE: f32 = 0.35;
/// A word used right after "to" in one in this many of its uses is a verb.
const VERB_AFTER_TO: usize = 3;

/// Words after which a noun phrase starts for sure: determiners and prepositions, not
/// "and" or "to", which verbs follow too.
const NOUN_PHRASE_OPENERS: &[&str] = &[
    "the", "a", "an", "their", "its", "his", "her", "our", "this", "these", "those", "each",
    "every", "any", "no", "of", "for", "in", "with", "on", "about", "from", "by",
];

/// Counts each word's uses in `text`, and those where it ends a noun phrase: followed by
/// a small word or the end of a clause, and preceded by a naming word or a word that
/// opens a noun phrase ("the quality | of", "personal advisers | .", not "is | available").
fn count_heads(text: &str, heads: &mut HashMap<String, Uses>) {
    for clause in text.split([',', ';', ':', '(', ')', '.', '\u{2013}', '\u{2014}']) {
        let ws = words(clause);
        for (i, w) in ws.iter().enumerate() {
            let next_small = ws.get(i + 1).is_none_or(|n| is_stopword(n));
            let prev_opens = i == 0
                || NOUN_PHRASE_OPENERS.contains(&ws[i - 1].as_str())
                || ws[i - 1] == "and"
                || !is_stopword(&ws[i - 1]);
            let entry = heads.entry(w.clone()).or_default();
            if i == 0 || NOUN_PHRASE_OPENERS.contains(&ws[i - 1].as_str()) {
                entry.opened = true;
            }
            if i > 0 && ws[i - 1] == "to" {
                entry.after_to += 1;
            }
            entry.uses += 1;
            if next_small && prev_opens {
                entry.head += 1;
            }
        }
    }
}

/// Candidate names in a text: runs of naming words (no stop word at either end, no
/// judging word) of one to four words, as (stemmed key, surface form).
fn phrases(text: &str) -> Vec<(String, String)> {
    // A name never runs over punctuation ("… capture family relationships, matters …").
    text.split([',', ';', ':', '(', ')', '.', '\u{2013}', '\u{2014}'])
        .flat_map(clause_phrases)
        .collect()
}

/// [`phrases`] within one stretch of text free of punctuation. A hyphenated compound
/// ("out-of-hours") is one word of a name.
fn clause_phrases(text: &str) -> Vec<(String, String)> {
    // (word, its surface form: a possessive keeps its "’s", "children’s lives"; an
    // acronym or a name keeps its capitals, "MASH", "Family Partnership").
    let (ws, surfaces): (Vec<String>, Vec<String>) = text
        .split_whitespace()
        .enumerate()
        .flat_map(|(i, w)| {
            if w.contains('-') && w.chars().any(char::is_alphabetic) {
                let joined = words(w).join("-");
                (!joined.is_empty())
                    .then(|| (joined.clone(), joined))
                    .into_iter()
                    .collect()
            } else {
                let found = words(w);
                let trimmed = w
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .replace('\u{2019}', "'");
                let possessive = found.len() == 1 && trimmed.to_lowercase().ends_with("'s");
                let cased = (found.len() == 1).then(|| kept_case(w, i == 0)).flatten();
                found
                    .into_iter()
                    .map(|x| {
                        let shown = cased.clone().unwrap_or_else(|| x.clone());
                        let surface = if possessive {
                            format!("{shown}\u{2019}s")
                        } else {
                            shown
                        };
                        (x, surface)
                    })
                    .collect::<Vec<_>>()
            }
        })
        .unzip();
    // Per word, once: (may name, may join, may end a name, stem).
    let kinds: Vec<(bool, bool, bool, String)> = ws
        .iter()
        .map(|w| {
            // "PAs talk openly to …": an adverb says how, never what ("early help" and
            // "monthly visits" are named by theirs).
            let adverb = w.len() > 5
                && w.ends_with("ly")
                && !w.ends_with("ily")
                && !TIME_ADJECTIVES.contains(&w.as_str());
            let naming = !is_stopword(w)
                && !JUDGING.contains(&w.as_str())
                && !adverb
                && w.len() > 2
                && !w.chars().any(|c| c.is_ascii_digit());
            // A name ends on a noun, not on "used" or "quickly".
            let verb_like = w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed");
            let adverb_like = w.len() > 6 && w.ends_with("ly") && !w.ends_with("ily");
            let joiner = JOINERS.contains(&w.as_str());
            let stem = if naming { stem(w) } else { String::new() };
            (naming, joiner, naming && !verb_like && !adverb_like, stem)
        })
        .collect();
    let mut out = Vec::new();
    for start in 0..ws.len() {
        // "Benefit from thorough assessment", "Maintain close oversight": a verb opens a
        // predicate, not a name.
        if !kinds[start].0
            || SUBJECT_ENDS.contains(&ws[start].as_str())
            || NAMES_NEVER_OPEN.contains(&ws[start].as_str())
        {
            continue;
        }
        let mut key = String::new();
        for end in start..ws.len().min(start + MAX_LABEL_WORDS) {
            let (naming, joiner, ends, stem) = &kinds[end];
            if !naming && !joiner {
                break;
            }
            if *naming {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(stem);
            }
            // "quality of children’s": a possessive needs what it owns after it.
            if *ends && !surfaces[end].ends_with("\u{2019}s") {
                out.push((key.clone(), surfaces[start..=end].join(" ")));
            }
        }
    }
    out
}

/// A word's own capitals, when a name should keep them: an acronym anywhere ("MASH",
/// "PAs"), a capitalised word where a sentence or clause does not start ("Luton",
/// "Family Partnership"). None for a plain word, whose name is lower case.
fn kept_case(token: &str, starts_clause: bool) -> Option<String> {
    let word: String = token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace('\u{2019}', "'");
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("'S"))
        .unwrap_or(&word);
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    let opens_quote = token.starts_with(['\u{201c}', '"', '\u{2018}', '\'']);
    let acronym = capitals >= 2 && word.chars().all(char::is_alphanumeric);
    let named = capitals == 1
        && word.chars().next().is_some_and(char::is_uppercase)
        && !starts_clause
        && !opens_quote;
    (acronym || named).then(|| word.to_string())
}

/// Verbs, besides [`SUBJECT_ENDS`], that a name never opens with.
const NAMES_NEVER_OPEN: &[&str] = &[
    "maintain",
    "maintains",
    "need",
    "needs",
    "achieve",
    "achieves",
];

/// A subject longer than this many words is a clause, not a name.
const MAX_SUBJECT_SPAN: usize = 8;
/// Words that end a sentence's subject: "Caseloads | are too high".
const SUBJECT_ENDS: &[&str] = &[
    "are",
    "is",
    "was",
    "were",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "can",
    "cannot",
    "could",
    "will",
    "would",
    "should",
    "may",
    "might",
    "must",
    "remain",
    "remains",
    "continue",
    "continues",
    "now",
    "not",
    "also",
    "still",
    // Main verbs reports use after a subject ("Almost all care leavers live in …").
    "live",
    "receive",
    "receives",
    "benefit",
    "benefits",
    "know",
    "knows",
    "provide",
    "provides",
    "bring",
    "brings",
    "ensure",
    "ensures",
    "understand",
    "understands",
    "demonstrate",
    "demonstrates",
    "attend",
    "attends",
    "enjoy",
    "enjoys",
    "feel",
    "feels",
    "speak",
    "speaks",
    "get",
    "gets",
    "include",
    "includes",
    "take",
    "takes",
    "give",
    "gives",
];
/// Leading words a name leaves out: "The | quality of plans", "Most | care leavers".
const SUBJECT_LEADS: &[&str] = &[
    "the", "a", "an", "most", "many", "some", "all", "few", "several", "these", "this", "their",
    "its", "almost", "nearly", "too", "very", "however", "overall", "in", "for", "not", "only",
    "both", "each", "every", "there", "they", "it", "such",
];

/// The words before a sentence's first verb of being or having, when there are a few:
/// where a finding names its matter ("Pathway plans | are not …"), as against the
/// judgement that follows.
pub fn subject_span(text: &str) -> Option<String> {
    let ws: Vec<&str> = main_clause(text)
        .split_whitespace()
        .take(MAX_SUBJECT_SPAN + 1)
        .collect();
    let end = ws.iter().position(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        SUBJECT_ENDS.contains(&w.as_str())
    })?;
    (end > 0).then(|| ws[..end].join(" "))
}

/// Words that open a clause set before the main one ("While progress is evident, leaders
/// are aware …", "Since the last inspection, leaders have …"): its subject is not the
/// sentence's.
const FRONTED_OPENERS: &[&str] = &[
    "while",
    "whilst",
    "although",
    "though",
    "despite",
    "when",
    "whenever",
    "where",
    "if",
    "once",
    "since",
    "because",
    "after",
    "before",
    "following",
    "until",
    "unless",
];
/// A fronted clause longer than this many words is not taken for one: its comma may be
/// a list's.
const MAX_FRONTED: usize = 16;

/// The sentence from its main clause on: a fronted clause ("While progress is evident,")
/// left out when it ends at a comma soon enough; the whole sentence otherwise.
fn main_clause(text: &str) -> &str {
    let first = text.split_whitespace().next().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    if !first.is_some_and(|w| FRONTED_OPENERS.contains(&w.as_str())) {
        return text;
    }
    let mut words = 0;
    for (i, c) in text.char_indices() {
        match c {
            ',' => return text[i + 1..].trim_start(),
            c if c.is_whitespace() => {
                words += 1;
                if words > MAX_FRONTED {
                    break;
                }
            }
            _ => {}
        }
    }
    text
}

/// The subject of a sentence, when it is short enough to name a matter: the words
/// before its first verb of being or having, without leading articles and quantifiers
/// ("The quality of plans is variable" → "quality of plans").
fn subject(text: &str) -> Option<String> {
    let ws: Vec<&str> = main_clause(text)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let end = ws
        .iter()
        .position(|w| SUBJECT_ENDS.contains(&w.to_lowercase().as_str()))?;
    let start = ws[..end]
        .iter()
        .position(|w| !SUBJECT_LEADS.contains(&w.to_lowercase().as_str()))?;
    let name = &ws[start..end];
    let names = |w: &&str| {
        let w = w.to_lowercase();
        !is_stopword(&w) && !JUDGING.contains(&w.as_str()) && w.len() > 2
    };
    // Naming words joined by "of", "in", "and" …: no other small word, no clause.
    // "Activities in the hub": an article may follow a joiner.
    let plain = name.iter().enumerate().all(|(i, w)| {
        let lower = w.to_lowercase();
        names(w)
            || JOINERS.contains(&lower.as_str())
            || (lower == "the" && i > 0 && JOINERS.contains(&name[i - 1].to_lowercase().as_str()))
    });
    (plain && name.last().is_some_and(names) && name.len() <= 6).then(|| name.join(" "))
}

/// A subject found in more than this share of all findings names the reports' people
/// ("care leavers", "leaders", "the local authority"), not one matter: what is said of
/// them names the topic better.
const GENERIC_SHARE: f32 = 0.06;

/// A topic's name: the phrase its findings share that best names one matter (found in
/// more of them, on both sides, rarer in the reports, longer), in the words the reports
/// use. Falls back to the opening words of the first finding.
pub fn label(before: &[&str], after: &[&str], counts: &PhraseCounts) -> String {
    // A sentence's own subject names its matter best ("Return home interviews are …"),
    // when the other findings of the topic share one of its words.
    let members: Vec<&str> = before.iter().chain(after).copied().collect();
    let shares_a_word = |name: &str| {
        let stems: HashSet<String> = phrases(name).into_iter().map(|(k, _)| k).collect();
        members.len() == 1
            || members.iter().skip(1).any(|m| {
                counts
                    .of(m)
                    .iter()
                    .any(|(k, _)| stems.contains(k) && counts.idf(k) > 1.5)
            })
    };
    if let Some(name) = members
        .first()
        .and_then(|t| subject(crate::findings::claim(t)))
    {
        if shares_a_word(&name)
            && counts.names_a_matter(&name)
            && !counts.is_generic(&key_of(&name))
        {
            return capitalise(&name);
        }
    }
    // key -> (findings before, findings after, surface forms seen)
    let mut seen: BTreeMap<String, (usize, usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for (side, texts) in [(0, before), (1, after)] {
        for text in texts {
            let mut once: HashSet<String> = HashSet::new();
            for (key, surface) in counts.of(text).iter().cloned() {
                let entry = seen.entry(key.clone()).or_default();
                *entry.2.entry(surface).or_default() += 1;
                if once.insert(key) {
                    if side == 0 {
                        entry.0 += 1;
                    } else {
                        entry.1 += 1;
                    }
                }
            }
        }
    }
    let members = (before.len() + after.len()).max(1) as f32;
    let best = seen
        .iter()
        .filter(|(_, (_, _, forms))| forms.keys().any(|f| counts.names_a_matter(f)))
        .map(|(key, (b, a, forms))| {
            let share = (b + a) as f32 / members;
            let both = if *b > 0 && *a > 0 { 1.5 } else { 1.0 };
            let words = key.split(' ').count() as f32;
            // A phrase in one finding of many only names that finding.
            let spread = if b + a > 1 || members <= 1.0 {
                1.0
            } else {
                0.5
            };
            let score = share * both * spread * counts.idf(key) * (1.0 + 0.35 * (words - 1.0));
            (score, key, forms)
        })
        .filter(|(score, _, _)| *score > 0.0)
        .max_by(|x, y| {
            x.0.partial_cmp(&y.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(y.1.cmp(x.1))
        });
    match best {
        Some((_, _, forms)) => {
            // The form most used of those that name a matter ("oversees" may, "oversee"
            // may not).
            let form = forms
                .iter()
                .filter(|(f, _)| counts.names_a_matter(f))
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
                .map(|(f, _)| f.as_str())
                .unwrap_or_default();
            capitalise(form)
        }
        None => opening(
            before
                .first()
                .or(after.first())
                .copied()
                .unwrap_or_default(),
        ),
    }
}

/// Names for a discovered theme, best first: the phrases holding its anchor word (a stem)
/// that most of its findings use, longer phrases preferred ("young people" for "people",
/// "local authority" for "authority"); then, for an anchor no such phrase holds
/// ("addressed"), the phrases most of its findings share, but for the reports' people
/// ("children"). Only phrases naming a matter in two findings or more, in the words the
/// reports use.
pub fn theme_names(anchor: &str, texts: &[&str], counts: &PhraseCounts) -> Vec<String> {
    // key -> (findings using it, surface forms seen)
    let mut seen: BTreeMap<&str, (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    let found: Vec<_> = texts.iter().map(|t| counts.of(t)).collect();
    for phrases in &found {
        let mut once: HashSet<&str> = HashSet::new();
        for (key, surface) in phrases.iter() {
            if !counts.names_a_matter(surface) {
                continue;
            }
            let entry = seen.entry(key.as_str()).or_default();
            *entry.1.entry(surface.as_str()).or_default() += 1;
            if once.insert(key.as_str()) {
                entry.0 += 1;
            }
        }
    }
    let holds_anchor = |key: &str| key.split(' ').any(|k| k == anchor);
    let score =
        |key: &str, n: usize| n as f32 * (1.0 + 0.35 * (key.split(' ').count() as f32 - 1.0));
    let mut ranked: Vec<(bool, f32, &str, &BTreeMap<&str, usize>)> = seen
        .iter()
        .filter(|(key, (n, _))| *n >= 2 && (holds_anchor(key) || !counts.is_generic(key)))
        .map(|(key, (n, forms))| (holds_anchor(key), score(key, *n), *key, forms))
        .collect();
    crate::sort::sort_by(&mut ranked, |x, y| {
        y.0.cmp(&x.0)
            .then(y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal))
            .then(x.2.cmp(y.2))
    });
    ranked
        .into_iter()
        .filter_map(|(_, _, _, forms)| {
            let form = forms
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))?
                .0;
            Some(capitalise(form))
        })
        .collect()
}

/// Most words of a name made from a sentence's opening when nothing in it names a matter.
const OPENING_WORDS: usize = 6;

/// A sentence's opening words, marked as cut ("This means that some work is …") so that
/// they read as a quotation, not as a name.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut shown = words[..words.len().min(OPENING_WORDS)].join(" ");
    if words.len() > OPENING_WORDS {
        shown = shown
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        shown.push_str(" \u{2026}");
    }
    shown
}

/// The stemmed key of a name: its naming words' stems.
fn key_of(name: &str) -> String {
    words(name)
        .iter()
        .filter(|w| !JOINERS.contains(&w.as_str()) && !is_stopword(w))
        .map(|w| stem(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_hyphenated_compounds_and_stop_at_punctuation() {
        let found: Vec<String> =
            phrases("Genograms capture family relationships, matters of out-of-hours work.")
                .into_iter()
                .map(|(_, surface)| surface)
                .collect();
        assert!(
            found.contains(&"family relationships".to_string()),
            "{found:?}"
        );
        assert!(found.contains(&"out-of-hours".to_string()), "{found:?}");
        assert!(
            !found.iter().any(|f| f.contains("relationships matters")),
            "{found:?}"
        );
        assert!(!found.contains(&"hours".to_string()), "{found:?}");
    }

    #[test]
    fn a_discovered_theme_is_named_by_the_phrase_holding_its_anchor() {
        let texts = [
            "Young people are listened to by staff.",
            "Many young people have a trusted adult.",
            "The voices of young people shape the service.",
            "Other people visit them.",
        ];
        let counts = PhraseCounts::new(texts.into_iter());
        let names = theme_names(&stem("people"), &texts, &counts);
        assert_eq!(
            names.first().map(String::as_str),
            Some("Young people"),
            "{names:?}"
        );
        // An anchor no phrase holds: the phrases the findings share instead.
        let names = theme_names("absent", &texts, &counts);
        assert!(names.iter().all(|n| n != "Absent"), "{names:?}");
    }

    #[test]
    fn a_verb_that_ends_a_subject_is_in_no_name() {
        let counts = PhraseCounts::new(
            [
                "Children live outside the borough.",
                "Families benefit from help.",
                "Checks are undertaken for the children.",
            ]
            .into_iter(),
        );
        assert!(
            !counts.names_a_matter("Undertaken"),
            "a participle, never a name"
        );
        assert!(!counts.names_a_matter("Children live outside"));
        assert!(!counts.names_a_matter("Families benefit"));
        assert!(counts.names_a_matter("Children in care"));
        let counts = PhraseCounts::new(
            [
                "A panel oversees this work.",
                "Processes are in place to oversee children missing education.",
                "The reviews are timely.",
                "Managers plan to review cases.",
            ]
            .into_iter(),
        );
        assert!(
            !counts.names_a_matter("Oversees"),
            "a verb's -s, never a name"
        );
        assert!(counts.names_a_matter("Reviews"), "a noun found after 'the'");
    }

    #[test]
    fn names_keep_acronyms_and_proper_names_but_not_a_sentence_capital() {
        let found: Vec<String> = phrases(
            "Strategy discussions held by the MASH involve the Family Partnership service, as IROs in Luton see.",
        )
        .into_iter()
        .map(|(_, surface)| surface)
        .collect();
        assert!(
            found.contains(&"strategy discussions".to_string()),
            "{found:?}"
        );
        assert!(found.contains(&"MASH".to_string()), "{found:?}");
        assert!(
            found.contains(&"Family Partnership service".to_string()),
            "{found:?}"
        );
        assert!(found.contains(&"IROs".to_string()), "{found:?}");
        assert!(found.contains(&"Luton".to_string()), "{found:?}");
    }

    #[test]
    fn names_leave_out_adverbs_and_never_end_on_a_possessive() {
        let found: Vec<String> = phrases(
            "PAs talk openly to young people about the quality of children\u{2019}s plans and monthly visits.",
        )
        .into_iter()
        .map(|(_, surface)| surface)
        .collect();
        assert!(!found.iter().any(|f| f.contains("openly")), "{found:?}");
        assert!(found.contains(&"young people".to_string()), "{found:?}");
        assert!(found.contains(&"monthly visits".to_string()), "{found:?}");
        assert!(!found.iter().any(|f| f.ends_with("\u{2019}s")), "{found:?}");
        assert!(
            found.contains(&"children\u{2019}s plans".to_string()),
            "{found:?}"
        );
        // A subject may hold an article after a joiner.
        assert_eq!(
            subject("Activities in the hub provide young people with a safe space."),
            Some("Activities in the hub".to_string())
        );
    }

    #[test]
    fn names_end_on_words_the_reports_use_as_nouns_and_keep_possessives() {
        let counts = PhraseCounts::new(
            [
                "The service is available to families.",
                "Help is available when it is needed.",
                "The quality of plans is good.",
                "Plans are reviewed, and children’s lives improve.",
            ]
            .into_iter(),
        );
        assert!(!counts.names_a_matter("service available"));
        assert!(counts.names_a_matter("quality of plans"));
        assert!(counts.names_a_matter("out-of-hours"));
        let found: Vec<String> = phrases("Children’s lives improve.")
            .into_iter()
            .map(|(_, surface)| surface)
            .collect();
        assert!(found.contains(&"children’s lives".to_string()), "{found:?}");
    }

    #[test]
    fn pairs_and_restatements_form_small_topics_and_strangers_stay_alone() {
        // before 0 restates before 1; before 1 pairs with after 0; before 2 and after 1
        // have nothing to do with anything.
        let topics = build(3, 2, &[(1, 0, 0.4)], &[(0, 1, 0.5)], &[]);
        assert_eq!(
            topics,
            vec![
                Draft {
                    before: vec![0, 1],
                    after: vec![0]
                },
                Draft {
                    before: vec![2],
                    after: vec![]
                },
                Draft {
                    before: vec![],
                    after: vec![1]
                },
            ]
        );
    }

    #[test]
    fn no_topic_grows_past_its_cap() {
        let n = 20;
        let chain: Vec<(usize, usize, f32)> = (0..n - 1).map(|i| (i, i + 1, 0.5)).collect();
        let topics = build(n, 0, &[], &chain, &[]);
        assert!(topics.iter().all(|t| t.before.len() <= MAX_TOPIC));
        assert_eq!(topics.iter().map(|t| t.before.len()).sum::<usize>(), n);
    }

    #[test]
    fn a_subject_ends_at_its_main_verb() {
        assert_eq!(
            subject_span("Almost all unaccompanied asylum-seeking care leavers live in flats.")
                .as_deref(),
            Some("Almost all unaccompanied asylum-seeking care leavers")
        );
        assert_eq!(
            subject_span("Care leavers receive help from their advisers.").as_deref(),
            Some("Care leavers")
        );
    }

    #[test]
    fn a_verb_never_opens_a_name() {
        for text in [
            "Children benefit from thorough assessments.",
            "Leaders maintain close oversight.",
        ] {
            let found: Vec<String> = phrases(text).into_iter().map(|(_, f)| f).collect();
            assert!(
                !found
                    .iter()
                    .any(|f| f.starts_with("benefit") || f.starts_with("maintain")),
                "{found:?}"
            );
            assert!(!found.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_fronted_clause_is_not_the_subject() {
        assert_eq!(
            subject_span("While progress is evident, leaders are aware of what is left to do.")
                .as_deref(),
            Some("leaders")
        );
        assert_eq!(
            subject("Since the last inspection, return home interviews are offered promptly.")
                .as_deref(),
            Some("return home interviews")
        );
        // No comma soon after the opener: no fronted clause to leave out.
        assert_eq!(
            subject_span("When children are placed far away is recorded.").as_deref(),
            Some("When children")
        );
    }

    #[test]
    fn labels_name_the_shared_matter_not_the_judgement() {
        let before = ["Return home interviews are not always offered to children."];
        let after = [
            "Return home interviews are now completed quickly.",
            "Most children who go missing have a return home interview.",
        ];
        let others = [
            "Leaders know their services well.",
            "Children are seen quickly.",
            "Plans for children are reviewed regularly.",
        ];
        let counts = PhraseCounts::new(before.iter().chain(&after).chain(&others).copied());
        assert_eq!(label(&before, &after, &counts), "Return home interviews");
        let lone = ["The pupil premium is used creatively."];
        let counts = PhraseCounts::new(lone.iter().chain(&others).copied());
        assert_eq!(label(&lone, &[], &counts), "Pupil premium");
    }

    #[test]
    fn a_subject_common_to_many_findings_does_not_name_one_and_verbs_open_no_name() {
        let others = [
            "Care leavers have good advisers.",
            "Care leavers live in suitable homes.",
            "Care leavers are in education.",
            "Leaders want to develop the service.",
            "Plans help to develop skills.",
        ];
        let lone = ["Care leavers receive a generous setting-up-home grant."];
        let counts = PhraseCounts::new(lone.iter().chain(&others).copied());
        let name = label(&lone, &[], &counts);
        assert_ne!(name, "Care leavers");
        assert!(name.to_lowercase().contains("grant"), "{name}");
        // "develop" follows "to" wherever it is used: a verb, so it opens no name.
        assert!(!counts.names_a_matter("develop skills"));
        assert!(counts.names_a_matter("advisers"));
        // Nothing naming a matter: the opening words, marked as cut.
        let vague = ["This means that some work is less focused and effective."];
        let counts = PhraseCounts::new(vague.iter().copied());
        assert_eq!(
            label(&vague, &[], &counts),
            "This means that some work is \u{2026}"
        );
    }
}
