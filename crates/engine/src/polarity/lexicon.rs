//! The word lists polarity reads from: stems that praise or criticise, negators,
//! quantifiers, change and degree words, contrast and purpose phrases.

/// Stems of evaluative words that praise.
pub(super) const POSITIVE: &[&str] = &[
    "kind",
    "compass",
    "dedic",
    "reduc",
    "effect",
    "good",
    "strong",
    "strength",
    "posit",
    "appropri",
    "improv",
    "clear",
    "prompt",
    "robust",
    "thorough",
    // "assessments fully consider …": doing all of a thing is praise, and "not fully" its lack.
    "fulli",
    // "their needs are understood": being understood is what a report praises.
    "understood",
    "comprehens",
    "success",
    "swift",
    // "managers act quickly", and "not quickly enough" its lack.
    "quick",
    "skill",
    "commit",
    "proud",
    "prais",
    "benefit",
    "thrive",
    "sustain",
    "stabl",
    "stabil",
    "consist",
    "impress",
    "excel",
    "outstand",
    "secur",
    "safe",
    "confid",
    "embed",
    "enabl",
    "better",
    "help",
    "product",
    "collabor",
    "determin",
    "dilig",
    "care",
    "manag",
    "evid",
    "quicker",
    "support",
    "access",
    "regular",
    "meaning",
    "suitabl",
    "inform",
    "purpos",
    "valu",
    "trust",
    "warm",
    "nurtur",
    "sensit",
    "proportion",
    "seamless",
    "strengthen",
    "wide",
    "routin",
    "well",
    "increas",
    "enhanc",
    "resili",
    "insight",
    "focus",
    "engag",
    "attun",
    "creativ",
    "tenaci",
    "persist",
    "detail",
    "right",
    "achiev",
    "progress",
    "maintain",
    "protect",
    // Praise a report gives without the stock words: "health needs are prioritised",
    // "leaders are ambitious for children", "an invaluable resource".
    "prioritis",
    "ambiti",
    "passion",
    "invalu",
    "proactiv",
    "innov",
    "relentless",
    "exemplari",
];

/// Praise words whose stems are shared with neutral words ("timely" -> "time",
/// "carefully" -> "care", "considerate" -> "consider").
pub(super) const POSITIVE_WORDS: &[&str] = &[
    "timely",
    "timeliness",
    "careful",
    "carefully",
    "considerate",
    "skilfully",
    "skilful",
    "confidently",
    "effective",
    "manageable",
    "exceptional",
    "exceptionally",
    "accurate",
    "accurately",
    "thoughtful",
    "thoughtfully",
    // Praise without the stock words, read in a blind audit of other reports.
    "happy",
    "knowledgeable",
    "curious",
    "timelier",
    "tangible",
    "motivated",
    "tailored",
    "admirable",
    "tenacity",
    "tenacious",
    "rigorous",
    "rigorously",
    "meticulous",
    "meticulously",
    "suited",
    "aspirational",
    "reflective",
    // Adequacy: "not soon enough" is a negated "enough".
    "enough",
];

/// Criticism words whose stems are shared with other words.
pub(super) const NEGATIVE_WORDS: &[&str] = &[
    "unnecessary",
    "unnecessarily",
    "excessive",
    "excessively",
    "inappropriate",
    "inappropriately",
];

/// Stems of evaluative words that criticise.
pub(super) const NEGATIVE: &[&str] = &[
    "inconsist",
    "variabl",
    "vari",
    "poor",
    "weak",
    "insuffici",
    "inadequ",
    "limit",
    "lack",
    "delay",
    "drift",
    "superfici",
    "negat",
    "challeng",
    "difficult",
    "harder",
    "fluctuat",
    "fail",
    "unclear",
    "unabl",
    "ineffect",
    "gap",
    "slow",
    "late",
    "miss",
    "wors",
    "worsen",
    "deterior",
    "declin",
    "shortfal",
    "vacanc",
    "turnov",
    "instabl",
    "unstabl",
    "overdu",
    "backlog",
    "serious",
    "loss",
    "uncertain",
    "fragil",
    "fragment",
    "disjoint",
    "reliant",
    "less",
    "rise",
    "rising",
    "detriment",
    "concern",
    "shortag",
    "high",
    "higher",
    "frustrat",
    "confus",
    "incomplet",
    "unsaf",
    "undermin",
    "absent",
    "lost",
    "absenc",
    "struggl",
    "vagu",
    "behind",
    "below",
    "error",
    "crash",
    "bug",
    "outag",
    "timeout",
    "broken",
    "defect",
    // "disadvantaged", not the children's "vulnerability" or a "crisis" they face: those
    // describe whom a service is for, and count only as counted things (below).
    "disadvantag",
    "leak",
    // "Complaints" name a process ("lessons from complaints", "support with
    // complaints"): they count only as a counted thing, when more or fewer.
    "breakdown",
    "illus",
    "doubt",
    "slippag",
    "reactiv",
];

/// Things reports want fewer of.
pub(super) const BURDENS: &[&str] = &[
    "caseload", "workload", "turnov", "vacanc", "risk", "agenc", "delay", "exclus", "absenc",
    "harm", "backlog", "drift",
];

/// Words whose evaluative stem depends on its neighbour ("high" is bad only for caseloads,
/// "concern"/"miss"/"protect" are the domain's nouns). Counted only next to these.
pub(super) fn contextual_negative(
    stem: &str,
    next: Option<&str>,
    prev: Option<&str>,
    window: &[String],
) -> bool {
    let near = |s: &str| window.iter().any(|w| w == s);
    match stem {
        "high" | "higher" | "rise" | "rising" => [
            "caseload", "workload", "turnov", "vacanc", "demand", "absenc", "exclus",
        ]
        .iter()
        .any(|s| near(s)),
        "concern" => prev.is_some_and(|p| {
            [
                "rais", "signific", "serious", "real", "some", "remain", "main", "key",
            ]
            .contains(&p)
        }),
        "miss" => next.is_some_and(|n| {
            [
                "opportun", "appoint", "visit", "deadlin", "lesson", "class", "school", "session",
                "meet", "medic", "dose",
            ]
            .contains(&n)
        }),
        "less" => next
            .is_some_and(|n| ["well", "effect", "consist", "clear", "robust", "time"].contains(&n)),
        _ => true,
    }
}

/// Praise words that only praise in some company ("care" is also the domain's noun).
pub(super) fn contextual_positive(
    stem: &str,
    prev: Option<&str>,
    next: Option<&str>,
    window: &[String],
) -> bool {
    match stem {
        "care" => next.is_some_and(|n| n == "select" || n == "consider") || prev == Some("care"),
        "manag" => next == Some("well") || prev == Some("well"),
        "well" => !matches!(next, Some("as")) && !matches!(prev, Some("as")),
        "help" => next.is_some_and(|n| n.starts_with("ensur") || n == "reduc" || n == "maintain"),
        "support" => {
            prev.is_some_and(|p| ["well", "strong", "good", "effect"].contains(&p))
                || next.is_some_and(|n| n == "well" || n == "effect")
        }
        "inform" => prev.is_some_and(|p| p == "well" || p == "are" || p == "cultur"),
        "access" => {
            prev.is_some_and(|p| p == "more" || p == "quicker" || p == "easili" || p == "readili")
        }
        "protect" => next.is_some_and(|n| n.starts_with("factor")),
        "focus" => {
            prev.is_some_and(|p| p == "well" || p == "clear" || p == "sharp" || p == "child")
        }
        "progress" => {
            prev.is_some_and(|p| {
                [
                    "good", "strong", "clear", "signific", "evid", "consider", "made",
                ]
                .contains(&p)
            }) || next.is_some_and(|n| n == "made" || n == "evid")
        }
        "persist" => !next.is_some_and(|n| n.starts_with("absen")),
        // Fewer of a bad thing: "caseloads have reduced", "reduce risk".
        "reduc" => window.iter().any(|w| BURDENS.contains(&w.as_str())),
        "increas" => next.is_some_and(|n| {
            ["reach", "effect", "stabil", "confid", "qualiti", "number"].contains(&n)
        }),
        "maintain" => next
            .is_some_and(|n| n == "contact" || n == "relationship" || n == "safe" || n == "child"),
        "right" => {
            prev == Some("the")
                || next.is_some_and(|n| n == "time" || n == "support" || n == "help")
        }
        _ => true,
    }
}

pub(super) const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "nor", "neither", "cannot", "can't", "don't", "doesn't",
    "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "didn't", "won't", "nothing",
    "none", "nobody",
];

/// Negators that deny that anything of a kind exists ("no child", "none of", "nobody").
pub(super) const EXISTENTIAL: &[&str] = &["no", "none", "nobody", "nothing"];

/// Nouns after "no" that introduce what was (not) found: "no evidence of drift".
pub(super) const EVIDENTIAL: &[&str] = &["evid", "sign", "indic", "instanc", "exampl", "case"];

/// Adverbs of frequency that deny most occurrences: they negate the whole clause, subject
/// included ("restraint is rarely used").
pub(super) const RARELY: &[&str] = &["rarely", "seldom", "rare", "infrequently", "infrequent"];

/// Things a report counts that are bad to have: latent until a quantifier, a frequency,
/// a negation or a change ("exclusions are falling") makes their amount the point.
pub(super) const BAD_THINGS: &[&str] = &[
    "exclus",
    "exclud",
    "absenc",
    "harm",
    "delay",
    "backlog",
    "drift",
    "breakdown",
    "complaint",
    "incid",
    "restraint",
    "injuri",
    "assault",
    "violenc",
    "offend",
    "reoffend",
    "homeless",
    "exploit",
    "abus",
    "neglect",
    "risk",
    "caseload",
    "workload",
    "turnov",
    "vacanc",
    "wait",
    "sick",
    "mortal",
    "infect",
    "readmiss",
    "readmit",
    "miss",
    "bulli",
    "isol",
    "error",
    "unmet",
    "vulner",
    "crisi",
    "disrupt",
    "absente",
];

/// Things a report counts that are good to have.
pub(super) const GOOD_THINGS: &[&str] = &[
    "attend",
    "attain",
    "stabil",
    "particip",
    "engag",
    "retent",
    "uptak",
    "satisfact",
    "recruit",
    "achiev",
    "outcom",
    "qualiti",
    "perform",
    "complianc",
    "capac",
    "confid",
    "moral",
    "surviv",
    "recoveri",
    "reach",
    "access",
    // "the proportion of care leavers in education and employment is higher": being in
    // education or work is what a report counts as a good outcome.
    "educ",
    "employ",
];

/// Words of change: "rising", "reduced", "fewer".
pub(super) const UP: &[&str] = &[
    "increas", "rise", "rising", "risen", "rose", "grow", "grown", "higher",
];
pub(super) const DOWN: &[&str] = &[
    "fall", "fallen", "fell", "decreas", "declin", "drop", "dropped", "reduc", "lower", "fewer",
    // "less delay", "less isolated"; "less access" is a loss.
    "less",
    // Keeping a bad thing away is praise ("preventing placement breakdown"), a good thing
    // away a concern ("prevents children from attending").
    "prevent", "avoid", "mitig", "minimis",
];

/// Processes that ought to happen: "un" before them ("unassessed", "unregistered") is a gap.
pub(super) const DUE_PROCESS: &[&str] = &[
    "assess", "regist", "alloc", "review", "plan", "monitor", "supervis", "address", "resolv",
    "identifi", "authoris", "check", "record", "report", "met", "visit", "seen", "treat",
    "inspect", "regul", "vet", "manag",
];

/// Words before an evaluative word that strengthen it.
pub(super) const INTENSIFIERS: &[&str] = &[
    "very",
    "highly",
    "exceptionally",
    "particularly",
    "extremely",
    "notably",
    "especially",
    "remarkably",
    "deeply",
    "thoroughly",
    "really",
];

/// Evaluative stems that are strong in themselves ("strong" > "effective").
pub(super) const STRONG: &[&str] = &["strong", "excel", "outstand", "impress", "exceptional"];

/// Words before praise that weaken it ("some effective work").
pub(super) const DOWNTONERS: &[&str] = &[
    "some",
    "partly",
    "partially",
    "fairly",
    "reasonably",
    "relatively",
    "somewhat",
    "moderately",
    "adequately",
    "largely",
];

/// Words before a criticism that make it minor ("a short delay", "minor errors").
pub(super) const MINOR: &[&str] = &[
    "short",
    "slight",
    "slightly",
    "minor",
    "small",
    "brief",
    "occasional",
    "isolated",
    "marginal",
    "marginally",
];

/// Phrases that make a finding at least partly a concern.
/// Praise a report words as a phrase, no word of which praises alone.
pub(super) const PRAISE_PHRASES: &[&str] = &[
    "at the heart of",
    "take pride",
    "takes pride",
    "as soon as possible",
    "every effort",
    "extra mile",
    "above and beyond",
    "listened to",
    "in depth",
    "made it easier",
    "makes it easier",
    // "high-quality work" (words split at hyphens) and "of high quality".
    "high quality",
    "spoke highly",
    "speak highly",
    "speaks highly",
    "ready access",
    "deep understanding",
    "vital role",
    "key role",
    "crucial role",
    // A difficulty met: "has risen to the challenge of providing accommodation".
    "rise to the challenge",
    "rises to the challenge",
    "rose to the challenge",
    "risen to the challenge",
    "rising to the challenge",
];

/// Names of processes, services and cohorts whose words would otherwise judge: a
/// "serious case review" is a statutory review, "harder-to-place children" are whom a
/// service finds homes for. Their words say nothing.
pub(super) const NEUTRAL_PHRASES: &[&str] = &[
    "serious case review",
    "serious case reviews",
    "serious incident notification",
    "serious incident notifications",
    "crash pad",
    "crash pads",
    "drop in",
    "harder to place",
    "hard to place",
    "hard to reach",
    "achieving permanence",
    "complaints process",
    "complaints processes",
];

pub(super) const CONCERN_PHRASES: &[&str] = &[
    "more to do",
    "more work to do",
    "still needs",
    "still need",
    "need to",
    "needs to",
    "is needed",
    "are needed",
    "further work",
    "would benefit from",
    "area to improve",
    "areas to improve",
    "area for improvement",
    "areas for improvement",
    // The grade's words as a verb phrase: "most plans require improvement".
    "requires improvement",
    "require improvement",
    "required improvement",
    "requiring improvement",
    "need improvement",
    "needs improvement",
    "need improving",
    "needs improving",
    "times out",
    "timed out",
    "an area to",
    "room for improvement",
];

/// Phrases that make praise tentative.
pub(super) const TENTATIVE_PHRASES: &[&str] = &[
    "beginning to",
    "begun to",
    "starting to",
    "early stages",
    "gradually",
    "some progress",
    // "practice is emerging", not "families who have emerging needs".
    "is emerging",
    "are emerging",
    "still emerging",
    "only emerging",
    "emerging strength",
    "emerging practice",
    "emerging impact",
    "in its infancy",
    "too early to",
    "too soon to",
    "not yet fully",
    "partially",
    "although some progress",
];

/// Quantifiers over a minority of cases: what follows is an exception, and reports single out
/// exceptions that are problems ("a small number of children have experienced harm").
pub(super) const MINORITY: &[&[&str]] = &[
    &["a", "small", "number"],
    &["a", "very", "small", "number"],
    &["a", "minority"],
    &["a", "small", "minority"],
    &["a", "handful"],
    &["a", "small", "proportion"],
    &["a", "few"],
    &["a", "very", "few"],
];

/// Quantifiers over most or many cases: the counted thing is the point ("most pupils attend").
pub(super) const MAJORITY: &[&str] = &["most", "many", "majority", "nearly", "almost"];

/// People a report counts the lot of: "few children have …" says too few do, even with
/// nothing judged in what they have.
pub(super) const PEOPLE: &[&str] = &[
    "child",
    "young",
    "famili",
    "parent",
    "carer",
    "leaver",
    "pupil",
    "student",
    "learner",
    "patient",
    "resid",
    "adult",
    "staff",
    "worker",
    "practition",
    "adopt",
];

/// Verbs of having a service: what most people "have" or "receive" they get.
pub(super) const HAVING: &[&str] = &["have", "has", "receive", "receives", "get", "gets"];

/// Units that "a few" counts without counting cases ("within a few days").
pub(super) const UNITS: &[&str] = &[
    "day", "week", "month", "year", "hour", "minut", "time", "moment", "step", "word", "mile",
];

/// Words after which praise describes an aim, not what is so ("to ensure consistency").
pub(super) const PURPOSE: &[&[&str]] = &[
    &["to", "ensure"],
    &["in", "ensuring"],
    &["in", "improving"],
    &["should", "ensure"],
    &["must", "ensure"],
    &["to", "improve"],
    &["to", "strengthen"],
    &["to", "drive"],
    &["to", "build"],
    &["to", "develop"],
    &["to", "embed"],
    &["to", "achieve"],
    &["so", "that"],
    &["in", "order"],
    &["to", "make"],
    &["to", "secure"],
    &["to", "maximise"],
    &["to", "better"],
    &["need", "for"],
    &["need", "to"],
    &["needs", "to"],
];

pub(super) const CONTRAST: &[&str] = &[
    "but",
    "however",
    "although",
    "while",
    "though",
    "whilst",
    "despite",
    "yet",
    "notwithstanding",
    "nevertheless",
    "nonetheless",
    "albeit",
];

/// Contrast words that open a subordinate clause: fronted, they end at its comma.
pub(super) const SUBORDINATORS: &[&str] = &[
    "although",
    "though",
    "while",
    "whilst",
    "despite",
    "notwithstanding",
];

/// Relative words: negation does not reach across them, a quantifier's scope does.
pub(super) const RELATIVES: &[&str] = &["which", "who", "whom", "whose", "where", "when"];

/// Words that make what follows "so that" an aim, not a result: an intention, an
/// obligation or a plan ("leaders are working to …, so that", "plans should …").
pub(super) const INTENDING: &[&str] = &[
    "aim",
    "aims",
    "aiming",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "working",
    "seek",
    "seeks",
    "seeking",
    "should",
    "must",
    "will",
    "would",
    "could",
    "action",
    "actions",
    "recommend",
    "try",
    "trying",
];
