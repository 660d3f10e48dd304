//! Themes: a codebook (data, editable) matched on word stems, sentence context for
//! follow-on sentences ("These adolescents now ..."), and discovery of themes for
//! findings no code fits, so reports from other fields still get sensible groups.

use crate::text::{all_stems, content_stems, words};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Why a codebook could not be read: the message names the file and what was wrong in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodebookError(pub String);

impl std::fmt::Display for CodebookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CodebookError {}

const BUILTIN: &str = include_str!("codebook.toml");

/// How a user codebook combines with the built-in one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The person's themes are added to the built-in ones (same id replaces).
    #[default]
    Extend,
    /// The person's themes are the only ones.
    Replace,
}

/// One theme of a codebook: what it is called and the words that place a finding in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeDef {
    /// Its id ("front-door"), unique in the codebook.
    pub id: String,
    /// Its name as a reader sees it.
    pub label: String,
    /// What it covers, for people reading the codebook.
    #[serde(default)]
    pub description: String,
    /// Words count 1, phrases of several words count 2.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Words or phrases that count 2 on their own.
    #[serde(default)]
    pub strong: Vec<String>,
}

/// The themes findings are sorted into, and the synonyms alignment treats as one word.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Codebook {
    /// Whether it adds to the built-in codebook or replaces it.
    #[serde(default)]
    pub mode: Mode,
    /// Canonical wording -> variants treated as the same words when aligning.
    #[serde(default)]
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// The themes, as `[[theme]]` tables.
    #[serde(default, rename = "theme")]
    pub themes: Vec<ThemeDef>,
}

impl Codebook {
    /// The codebook for children's services inspections shipped with the engine.
    pub fn builtin() -> Codebook {
        // The built-in file is tested; failing here would be a build defect.
        Codebook::parse(BUILTIN, "codebook.toml").unwrap_or_default()
    }

    /// Reads a codebook from TOML or JSON (by name, or a leading `{`).
    pub fn parse(text: &str, name: &str) -> Result<Codebook, CodebookError> {
        let json =
            name.to_ascii_lowercase().ends_with(".json") || text.trim_start().starts_with('{');
        let book: Codebook = if json {
            serde_json::from_str(text)
                .map_err(|e| CodebookError(format!("{name}: not a valid JSON codebook: {e}")))?
        } else {
            toml::from_str(text)
                .map_err(|e| CodebookError(format!("{name}: not a valid TOML codebook: {e}")))?
        };
        book.validate()
            .map_err(|e| CodebookError(format!("{name}: {e}")))?;
        Ok(book)
    }

    fn validate(&self) -> Result<(), String> {
        let mut seen = BTreeSet::new();
        for t in &self.themes {
            if t.id.trim().is_empty() || t.label.trim().is_empty() {
                return Err("every theme needs an `id` and a `label`".to_string());
            }
            if !seen.insert(t.id.as_str()) {
                return Err(format!(
                    "theme id \"{}\" appears twice; ids must be unique",
                    t.id
                ));
            }
            if t.terms.is_empty() && t.strong.is_empty() {
                return Err(format!(
                    "theme \"{}\" has no `terms`; give it words or phrases to match",
                    t.id
                ));
            }
        }
        Ok(())
    }

    /// `user` on top of `self`: extend (same id replaces) or replace entirely.
    pub fn with(mut self, user: Codebook) -> Codebook {
        if user.mode == Mode::Replace {
            return user;
        }
        for theme in user.themes {
            match self.themes.iter_mut().find(|t| t.id == theme.id) {
                Some(existing) => *existing = theme,
                None => self.themes.push(theme),
            }
        }
        self.synonyms.extend(user.synonyms);
        self
    }
}

/// A theme as the rest of the engine sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// Its id.
    pub id: String,
    /// Its name as a reader sees it.
    pub label: String,
    /// "codebook" or "discovered".
    pub source: String,
}

/// A term compiled to its stems, with its weight.
type Term = (Vec<String>, f32);

/// A codebook compiled to stem sequences.
pub struct Matcher {
    themes: Vec<(ThemeDef, Vec<Term>)>,
    /// First stem of a term -> (theme, term) indices, so a sentence is scanned once.
    by_first: HashMap<String, Vec<(usize, usize)>>,
    synonyms: Vec<(Vec<String>, Vec<String>)>,
}

impl Matcher {
    /// Compiles a codebook's terms to stems, once per comparison.
    pub fn new(book: &Codebook) -> Matcher {
        // Terms match on every word's stem, stop words included: "child in need" is a
        // legal status, "children who need help" is not.
        let compile = |term: &str, strong: bool| {
            let stems = all_stems(term);
            let weight = if strong || stems.len() > 1 { 2.0 } else { 1.0 };
            (stems, weight)
        };
        let themes: Vec<(ThemeDef, Vec<Term>)> = book
            .themes
            .iter()
            .map(|t| {
                let mut terms: Vec<Term> = Vec::new();
                for (term, strong) in t
                    .terms
                    .iter()
                    .map(|s| (s, false))
                    .chain(t.strong.iter().map(|s| (s, true)))
                {
                    let (stems, w) = compile(term, strong);
                    if stems.is_empty() {
                        continue;
                    }
                    match terms.iter_mut().find(|(s, _)| *s == stems) {
                        Some(existing) => existing.1 = existing.1.max(w),
                        None => terms.push((stems, w)),
                    }
                }
                (t.clone(), terms)
            })
            .collect();
        let mut by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (t, (_, terms)) in themes.iter().enumerate() {
            for (k, (stems, _)) in terms.iter().enumerate() {
                by_first.entry(stems[0].clone()).or_default().push((t, k));
            }
        }
        let mut synonyms = Vec::new();
        for (canonical, variants) in &book.synonyms {
            let to = content_stems(canonical);
            for v in variants {
                let from = content_stems(v);
                if !from.is_empty() && !to.is_empty() {
                    synonyms.push((from, to.clone()));
                }
            }
        }
        // Longest variants first, so "not consistently" wins over "not".
        synonyms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Matcher {
            themes,
            by_first,
            synonyms,
        }
    }

    /// How many codebook themes there are.
    pub fn theme_count(&self) -> usize {
        self.themes.len()
    }

    /// The codebook theme at index `i`.
    pub fn theme(&self, i: usize) -> Theme {
        let t = &self.themes[i].0;
        Theme {
            id: t.id.clone(),
            label: t.label.clone(),
            source: "codebook".to_string(),
        }
    }

    /// The (theme, term) pairs whose term occurs in one sentence's stems ([`all_stems`]).
    pub fn matches(&self, stems: &[String]) -> Vec<(usize, usize)> {
        let mut matched: Vec<(usize, usize)> = Vec::new();
        for (i, first) in stems.iter().enumerate() {
            for &(t, k) in self.by_first.get(first).into_iter().flatten() {
                if stems[i..].starts_with(&self.themes[t].1[k].0) && !matched.contains(&(t, k)) {
                    matched.push((t, k));
                }
            }
        }
        matched
    }

    /// Codebook score of each theme for one sentence's stems, each term counted once.
    pub fn scores(&self, stems: &[String]) -> Vec<f32> {
        self.score_matches(&self.matches(stems), |_| true)
    }

    fn score_matches(
        &self,
        matched: &[(usize, usize)],
        keep: impl Fn(&(usize, usize)) -> bool,
    ) -> Vec<f32> {
        let mut scores = vec![0.0; self.themes.len()];
        for m in matched.iter().filter(|m| keep(m)) {
            scores[m.0] += self.themes[m.0].1[m.1].1;
        }
        scores
    }

    /// Stems with codebook synonyms rewritten to their canonical wording.
    pub fn canonical(&self, stems: &[String]) -> Vec<String> {
        if self.synonyms.is_empty() {
            return stems.to_vec();
        }
        let mut out = Vec::with_capacity(stems.len());
        let mut i = 0;
        'outer: while i < stems.len() {
            for (from, to) in &self.synonyms {
                if stems[i..].starts_with(from) {
                    out.extend(to.iter().cloned());
                    i += from.len();
                    continue 'outer;
                }
            }
            out.push(stems[i].clone());
            i += 1;
        }
        out
    }
}

/// What the theme stage needs to know about one finding.
pub struct Input<'a> {
    /// The finding's text.
    pub text: &'a str,
    /// Paragraph/bullet it came from; context flows only within a block and to the next.
    pub block: usize,
    /// 0 = earlier report, 1 = later report.
    pub side: usize,
}

/// Themes of one finding: the main one first.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// Theme indices, main first.
    pub themes: Vec<usize>,
    /// Themes the finding is clearly about (a phrase, a strong term or several terms),
    /// not just touching through one common word. Discovered themes are never strong.
    pub strong: Vec<usize>,
}

/// Sentences that lean on the one before: "These ...", "However, ...", "They ...".
fn leans_back(text: &str) -> bool {
    let first = words(text).into_iter().next().unwrap_or_default();
    crate::text::opens_with_pronoun(text)
        || matches!(
            first.as_str(),
            "however" | "but" | "thus" | "although" | "while" | "as"
        )
}

const MAX_THEMES_PER_FINDING: usize = 4;
/// Share of all findings above which a codebook term stops counting.
const MAX_TERM_SHARE: f32 = 0.3;
/// Words too general to name a discovered theme: praise, criticism and light verbs.
const WEAK_ANCHORS: &[&str] = &[
    "know",
    "make",
    "use",
    "work",
    "ensur",
    "provid",
    "support",
    "help",
    "need",
    "get",
    "take",
    "includ",
    "develop",
    "improv",
    "say",
    "feel",
    "good",
    "well",
    "effect",
    "strong",
    "clear",
    "time",
    "way",
    "also",
    "year",
    "new",
    "often",
    "alway",
    "consist",
    "inconsist",
    "not",
    "leader",
    "manag",
    "staff",
    "arrang",
    "continu",
    "quick",
    "start",
    "area",
    "abl",
    "mani",
];
const MAX_DISCOVERED: usize = 20;

/// Assigns themes to every finding of both reports (indices into the returned theme
/// list). Codebook themes come first; discovered ones follow; every finding gets one.
pub fn assign(matcher: &Matcher, inputs: &[Input]) -> (Vec<Theme>, Vec<Assignment>) {
    let matched: Vec<Vec<(usize, usize)>> = inputs
        .iter()
        .map(|f| matcher.matches(&all_stems(f.text)))
        .collect();
    // A term in a large share of all findings ("school" in a school's report) says
    // nothing about which theme a finding belongs to.
    let mut term_df: HashMap<(usize, usize), usize> = HashMap::new();
    for m in matched.iter().flatten() {
        *term_df.entry(*m).or_default() += 1;
    }
    let too_common = (inputs.len() as f32 * MAX_TERM_SHARE).max(8.0) as usize;
    let own: Vec<Vec<f32>> = matched
        .iter()
        .map(|m| matcher.score_matches(m, |k| term_df[k] <= too_common))
        .collect();
    let stems: Vec<Vec<String>> = inputs.iter().map(|f| content_stems(f.text)).collect();
    let n_themes = matcher.theme_count();
    let mut assignments = Vec::with_capacity(inputs.len());
    for (i, f) in inputs.iter().enumerate() {
        let same_block = |j: usize| inputs[j].side == f.side && inputs[j].block == f.block;
        let prev = i
            .checked_sub(1)
            .filter(|&j| inputs[j].side == f.side && (same_block(j) || leans_back(f.text)));
        let next = Some(i + 1).filter(|&j| j < inputs.len() && same_block(j));
        let prev_weight = if leans_back(f.text) { 0.6 } else { 0.4 };
        // A paragraph's first sentence usually states its topic; the detail follows.
        let opens_block = i == 0 || !same_block(i - 1);
        let next_weight = if opens_block { 0.4 } else { 0.25 };
        let total: Vec<f32> = (0..n_themes)
            .map(|t| {
                own[i][t]
                    + prev.map_or(0.0, |j| prev_weight * own[j][t])
                    + next.map_or(0.0, |j| next_weight * own[j][t])
            })
            .collect();
        let best = total.iter().cloned().fold(0.0, f32::max);
        let mut themes: Vec<usize> = (0..n_themes)
            .filter(|&t| own[i][t] >= 1.0 || (total[t] >= 1.0 && total[t] >= 0.4 * best))
            .collect();
        // Main theme: the strongest own match, then the strongest with context.
        themes.sort_by(|&a, &b| {
            total[b]
                .partial_cmp(&total[a])
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(
                    own[i][b]
                        .partial_cmp(&own[i][a])
                        .unwrap_or(std::cmp::Ordering::Equal),
                )
                .then(a.cmp(&b))
        });
        themes.truncate(MAX_THEMES_PER_FINDING);
        let strong = themes
            .iter()
            .copied()
            .filter(|&t| own[i][t] >= 2.0 || total[t] >= 2.5)
            .collect();
        assignments.push(Assignment { themes, strong });
    }
    let mut themes: Vec<Theme> = (0..n_themes).map(|t| matcher.theme(t)).collect();
    discover(inputs, &stems, &mut themes, &mut assignments);
    (themes, assignments)
}

/// Groups findings no codebook theme fits by the content terms they share; labels each
/// group with its top terms. Deterministic: ties go to the alphabetically first term.
fn discover(
    inputs: &[Input],
    stems: &[Vec<String>],
    themes: &mut Vec<Theme>,
    assignments: &mut [Assignment],
) {
    let mut left: Vec<usize> = (0..inputs.len())
        .filter(|&i| assignments[i].themes.is_empty())
        .collect();
    if left.is_empty() {
        return;
    }
    // Terms in a quarter or more of all findings say nothing about a topic.
    let mut df: HashMap<&str, usize> = HashMap::new();
    for s in stems {
        for t in s.iter().collect::<BTreeSet<_>>() {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let common = (inputs.len() / 4).max(3);
    let usable = |t: &str| {
        t.len() >= 3 && df.get(t).copied().unwrap_or(0) < common && !WEAK_ANCHORS.contains(&t)
    };
    let term_sets: HashMap<usize, BTreeSet<&str>> = left
        .iter()
        .map(|&i| {
            (
                i,
                stems[i]
                    .iter()
                    .map(String::as_str)
                    .filter(|t| usable(t))
                    .collect(),
            )
        })
        .collect();
    let surface = surface_forms(inputs);
    // In long reports a topic shared by two sentences is chance; ask for more.
    let min_members = (inputs.len() / 100).max(2);
    // A finding may join two discovered themes, so reworded findings that share a second
    // topic word still meet ("key stage ... number facts" and "number facts ...").
    let mut covered: HashMap<usize, usize> = HashMap::new();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut discovered = 0;
    while discovered < MAX_DISCOVERED {
        let open = |i: &usize| covered.get(i).copied().unwrap_or(0) < 2;
        // term -> (findings, sides present, findings in no discovered theme yet)
        let mut counts: BTreeMap<&str, (usize, [bool; 2], usize)> = BTreeMap::new();
        for i in left.iter().filter(|i| open(i)) {
            for &t in term_sets[i].iter().filter(|t| !used.contains(*t)) {
                let e = counts.entry(t).or_default();
                e.0 += 1;
                e.1[inputs[*i].side.min(1)] = true;
                if !covered.contains_key(i) {
                    e.2 += 1;
                }
            }
        }
        // Prefer terms both reports use: those are the themes worth comparing.
        let best = counts
            .iter()
            .filter(|(_, (n, _, fresh))| *n >= min_members && *fresh > 0)
            .max_by(|a, b| {
                let score = |(n, sides, _): &(usize, [bool; 2], usize)| {
                    n + if sides[0] && sides[1] { 2 } else { 0 }
                };
                score(a.1).cmp(&score(b.1)).then(b.0.cmp(a.0))
            })
            .map(|(t, _)| *t);
        let Some(term) = best else { break };
        used.insert(term);
        let members: Vec<usize> = left
            .iter()
            .copied()
            .filter(|i| open(i) && term_sets[i].contains(term))
            .collect();
        // Label: the anchor term and the next most shared one.
        let mut inner: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in &members {
            for &t in &term_sets[&i] {
                if t != term {
                    *inner.entry(t).or_default() += 1;
                }
            }
        }
        let second = inner
            .iter()
            .filter(|(_, &n)| n >= 2)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(t, _)| *t);
        let word = |t: &str| surface.get(t).cloned().unwrap_or_else(|| t.to_string());
        let mut label = capitalise(&word(term));
        if let Some(s) = second {
            label = format!("{label} and {}", word(s));
        }
        let index = themes.len();
        themes.push(Theme {
            id: format!("topic-{term}"),
            label,
            source: "discovered".to_string(),
        });
        for &i in &members {
            assignments[i].themes.push(index);
            *covered.entry(i).or_default() += 1;
        }
        discovered += 1;
    }
    left.retain(|i| !covered.contains_key(i));
    if !left.is_empty() {
        let index = themes.len();
        themes.push(Theme {
            id: "other".to_string(),
            label: "Other findings".to_string(),
            source: "discovered".to_string(),
        });
        for i in left {
            assignments[i].themes.push(index);
        }
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// For each stem, the word form readers saw most often (for labels).
fn surface_forms(inputs: &[Input]) -> HashMap<String, String> {
    let mut counts: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    for f in inputs {
        for w in words(f.text) {
            *counts
                .entry(crate::text::stem(&w))
                .or_default()
                .entry(w)
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(stem, forms)| {
            let best = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((stem, best.0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str, block: usize, side: usize) -> Input<'_> {
        Input { text, block, side }
    }

    #[test]
    fn builtin_codebook_parses_and_is_substantial() {
        let book = Codebook::parse(BUILTIN, "codebook.toml").expect("built-in codebook");
        assert!(book.themes.len() >= 20);
        assert!(book.themes.iter().any(|t| t.id == "workforce"));
    }

    #[test]
    fn bad_codebooks_are_explained() {
        let err =
            Codebook::parse("[[theme]]\nid = \"a\"\nlabel = \"A\"\n", "mine.toml").unwrap_err();
        assert!(err.0.contains("no `terms`"), "{err}");
        let err = Codebook::parse("{\"theme\": [", "mine.json").unwrap_err();
        assert!(err.0.contains("JSON"), "{err}");
    }

    #[test]
    fn user_codebook_extends_or_replaces() {
        let user = Codebook::parse(
            "[[theme]]\nid = \"ofsted-grades\"\nlabel = \"Grades\"\nterms = [\"grade\"]\n",
            "u.toml",
        )
        .unwrap();
        let n = Codebook::builtin().themes.len();
        assert_eq!(Codebook::builtin().with(user.clone()).themes.len(), n + 1);
        let replace = Codebook {
            mode: Mode::Replace,
            ..user
        };
        assert_eq!(Codebook::builtin().with(replace).themes.len(), 1);
    }

    #[test]
    fn phrases_match_across_wording_and_context_flows_to_follow_on_sentences() {
        let m = Matcher::new(&Codebook::builtin());
        let inputs = [
            input(
                "Leaders responded to concerns for homeless 16- and 17-year-olds.",
                0,
                0,
            ),
            input(
                "These vulnerable adolescents now have quicker access to assessments.",
                0,
                0,
            ),
            input(
                "Some children still report changes of social workers.",
                1,
                0,
            ),
        ];
        let (themes, a) = assign(&m, &inputs);
        let ids = |i: usize| {
            a[i].themes
                .iter()
                .map(|&t| themes[t].id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(0)[0], "homeless-16-17");
        assert!(ids(1).contains(&"homeless-16-17"), "{:?}", ids(1));
        assert!(ids(1).contains(&"assessment"));
        assert_eq!(ids(2)[0], "workforce");
    }

    #[test]
    fn findings_outside_the_codebook_get_discovered_themes() {
        let m = Matcher::new(&Codebook::builtin());
        let inputs = [
            input("Pupils read widely and phonics teaching is strong.", 0, 0),
            input("Phonics teaching is now consistent across classes.", 0, 1),
            input("The library is small.", 1, 1),
        ];
        let (themes, a) = assign(&m, &inputs);
        let main = |i: usize| &themes[a[i].themes[0]];
        assert_eq!(main(0).id, "topic-phonic");
        assert_eq!(main(0).source, "discovered");
        assert_eq!(main(0).id, main(1).id);
        assert!(main(0).label.starts_with("Phonics"));
        assert_eq!(main(2).id, "other");
    }

    #[test]
    fn synonyms_rewrite_to_canonical_wording() {
        let m = Matcher::new(&Codebook::builtin());
        let a = m.canonical(&content_stems("children looked after"));
        let b = m.canonical(&content_stems("children in care"));
        assert_eq!(a, b);
        // One report says "strategy discussions" and "CSE", the next "strategy meetings"
        // and "child sexual exploitation": the same matters.
        let same = |x: &str, y: &str| {
            assert_eq!(
                m.canonical(&content_stems(x)),
                m.canonical(&content_stems(y)),
                "{x} / {y}"
            )
        };
        same("strategy discussions", "strategy meetings");
        same("risk of CSE", "risk of child sexual exploitation");
        same("housing for care leavers", "accommodation for care leavers");
        same("their PAs", "their personal advisers");
        same("CIN plans", "child in need plans");
        // A supervision order is the court's, not a manager's supervision of staff.
        let supervision = m.canonical(&content_stems("supervision of social workers"));
        let order = m.canonical(&content_stems("children subject to supervision orders"));
        assert!(!order.iter().any(|t| supervision.contains(t)), "{order:?}");
    }
}
