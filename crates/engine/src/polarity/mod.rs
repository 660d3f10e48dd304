//! Strength / concern / mixed / neutral for one finding, with negation, purpose clauses
//! and the hedges inspection reports live on ("not consistently", "more to do",
//! "beginning to"). Also the direction words that refine a verdict ("still", "now").

mod clauses;
mod lexicon;
mod negation;
mod span;
mod word_readings;

use crate::text::words;
use clauses::{is_contrast, tokens, Tok};
use lexicon::*;
use serde::{Deserialize, Serialize};
use span::score_span;

/// The tone of one finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// It praises.
    Strength,
    /// It criticises.
    Concern,
    /// It does both ("X is good, but Y is slow").
    Mixed,
    /// It neither praises nor criticises (a fact, a description).
    Neutral,
}

/// Which way a sentence says things are moving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// "still", "continues to", "remains", "persist".
    Persisting,
    /// "no longer", "has improved"; "now", "increasingly" when the sentence is not a concern.
    Improving,
    /// "rising", "worse", "deteriorated", "declined"; "now" in a sentence that is only a concern.
    Worsening,
}

/// The evidence a polarity was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reading {
    /// Weight of praise read in the sentence.
    pub positive: f32,
    /// Weight of criticism read in the sentence.
    pub negative: f32,
    /// The part of `negative` that is minor or partial ("a short delay", "not all").
    pub soft: f32,
    /// Hedged ("beginning to", "some"): a step, not yet a strength.
    pub tentative: bool,
    /// A contrast word splits the sentence ("but", "although").
    pub contrast: bool,
    /// Two halves of a contrast lean opposite ways ("X is good, but Y is slow").
    pub opposed: bool,
}

impl Reading {
    /// The tone these weights add up to.
    pub fn polarity(&self) -> Polarity {
        let (p, n) = (self.positive, self.negative);
        if self.opposed {
            return Polarity::Mixed;
        }
        if p == 0.0 && n == 0.0 {
            // "...; however, this is in its early stages": a hedge alone is not neutral.
            return if self.tentative {
                Polarity::Mixed
            } else {
                Polarity::Neutral
            };
        }
        if n == 0.0 {
            return if self.tentative {
                Polarity::Mixed
            } else {
                Polarity::Strength
            };
        }
        if p == 0.0 {
            // Only a minor or partial reservation: "not all children receive ...".
            return if self.soft >= n {
                Polarity::Mixed
            } else {
                Polarity::Concern
            };
        }
        // A contrast ("but", "however") with both sides present is mixed unless one side
        // clearly outweighs the other.
        let margin = if self.contrast { 3.0 } else { 2.0 };
        if p >= margin * n {
            if self.tentative {
                Polarity::Mixed
            } else {
                Polarity::Strength
            }
        } else if n >= margin * p {
            Polarity::Concern
        } else {
            Polarity::Mixed
        }
    }

    /// +1 praise, -1 criticism, 0 neither or both about equally.
    fn leaning(&self) -> i8 {
        if self.positive > self.negative {
            1
        } else if self.negative > self.positive {
            -1
        } else {
            0
        }
    }
}

/// Reads the praise and criticism in one sentence, after negation, quantifiers and purpose clauses.
pub fn read(text: &str) -> Reading {
    let t = tokens(text);
    let lower = format!(
        " {} ",
        t.iter().map(|x| x.w.as_str()).collect::<Vec<_>>().join(" ")
    );
    let mut r = Reading {
        tentative: TENTATIVE_PHRASES.iter().any(|p| lower.contains(p)),
        ..Reading::default()
    };
    // Parts split at contrasts; a fronted "although A, B" ends at its comma.
    let mut starts = vec![0];
    for i in 1..t.len() {
        if t[i].clause != t[i - 1].clause {
            let prev = Some(t[i - 1].w.as_str());
            let next = t.get(i + 1).map(|x| x.w.as_str());
            if is_contrast(&t[i].w, prev, next) || (t[i].w == "while" && i > 0) {
                starts.push(i);
            }
        }
    }
    // "When care leavers find themselves in a housing crisis, the service responds
    // quickly": a fronted circumstance names the situation the rest is judged in.
    if let Some(c) = circumstance_end(&t) {
        let mut rest = Reading::default();
        score_span(&t, c..t.len(), &mut rest);
        if rest.positive + rest.negative > 0.0 {
            starts.retain(|&s| s >= c);
            starts.insert(0, c);
            starts.dedup();
        }
    }
    let mut parts: Vec<(usize, usize, f32)> = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let e = starts.get(n + 1).copied().unwrap_or(t.len());
        let lead = t.get(s).map(|x| x.w.as_str()).unwrap_or("");
        let weight = if matches!(lead, "despite" | "notwithstanding") {
            0.25
        } else {
            1.0
        };
        // Fronted: at the start, or after a one- or two-word opener ("However, although").
        let fronted = SUBORDINATORS.contains(&lead) && (s == 0 || s <= 2);
        let first_comma = (s + 1..e).find(|&j| t[j].clause != t[s].clause);
        match first_comma.filter(|_| fronted) {
            Some(c) => {
                parts.push((s, c, weight));
                parts.push((c, e, 1.0));
            }
            None => parts.push((s, e, weight)),
        }
    }
    r.contrast = parts.len() > 1 || t.first().is_some_and(|x| CONTRAST.contains(&x.w.as_str()));
    let mut leanings = Vec::new();
    for &(s, e, weight) in &parts {
        let mut part = Reading::default();
        score_span(&t, s..e, &mut part);
        r.positive += weight * part.positive;
        r.negative += weight * part.negative;
        r.soft += weight * part.soft;
        r.tentative |= part.tentative;
        if weight == 1.0 {
            leanings.push(part.leaning());
        }
    }
    r.opposed = leanings.contains(&1) && leanings.contains(&-1);
    r
}

/// Where a fronted circumstance ("When …,", "Where …,", "If …,") ends: the first
/// clause break after a circumstance word opening the sentence.
fn circumstance_end(t: &[Tok]) -> Option<usize> {
    let opens = t
        .first()
        .is_some_and(|x| matches!(x.w.as_str(), "when" | "where" | "if" | "once" | "whenever"));
    if !opens {
        return None;
    }
    (1..t.len()).find(|&j| t[j].clause != t[0].clause)
}

/// Polarity of a finding; items listed under "what needs to improve", and
/// recommendations written as instructions ("Ensure that …", "Improve the …"), are
/// concerns: they name what is not yet good enough, whatever praise words they use.
pub fn classify(text: &str, improvement_area: bool) -> Polarity {
    if improvement_area || is_recommendation(text) {
        return Polarity::Concern;
    }
    read(text).polarity()
}

/// Verbs that open an instruction to the organisation. Only words that are not also
/// nouns or adjectives at the start of a sentence ("Review meetings …", "Secure
/// placements …" are findings, not instructions).
const INSTRUCTING_VERBS: &[&str] = &[
    "address",
    "develop",
    "embed",
    "ensure",
    "establish",
    "implement",
    "improve",
    "increase",
    "prioritise",
    "reduce",
    "strengthen",
];

/// A sentence that opens with a bare instructing verb: a recommendation.
fn is_recommendation(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let first = words
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .unwrap_or("");
    // Capitalised as a sentence opening, and the verb itself, not "Improved" or "Ensuring".
    first.chars().next().is_some_and(char::is_uppercase)
        && INSTRUCTING_VERBS.contains(&first.to_lowercase().as_str())
        && words.next().is_some()
}

/// The direction a sentence signals, if any.
pub fn direction(text: &str) -> Option<Direction> {
    let lower = format!(" {} ", words(text).join(" "));
    let has = |list: &[&str]| list.iter().any(|p| lower.contains(p));
    if has(&[
        " rising ",
        " worse",
        " deteriorat",
        " declined ",
        " declining ",
        " fallen ",
        " increasingly difficult",
        " slipped ",
        " no longer effective",
    ]) {
        Some(Direction::Worsening)
    } else if has(&[
        " still ",
        " continue to ",
        " continues to ",
        " remain ",
        " remains ",
        " persist",
        " again ",
    ]) {
        Some(Direction::Persisting)
    } else if has(&[
        " no longer ",
        " has improved",
        " have improved",
        " improved ",
        " better than",
    ]) {
        Some(Direction::Improving)
    } else if has(&[" now ", " increasingly ", " since the last inspection"]) {
        // These say that it changed; the tone says which way. "There is now a shortage
        // of adopters" changed for the worse; "despite improvements since the last
        // inspection, plans do not …" says both, so neither.
        let reading = read(text);
        match reading.polarity() {
            Polarity::Concern if reading.positive == 0.0 => Some(Direction::Worsening),
            Polarity::Concern => None,
            _ => Some(Direction::Improving),
        }
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Polarity::*;

    #[test]
    fn what_people_need_is_not_a_shortfall() {
        assert_eq!(
            classify(
                "Social workers have the guidance they need to respond to concerns without delay.",
                false
            ),
            Strength
        );
        assert_eq!(
            classify("They need to improve the quality of plans.", false),
            Concern
        );
    }

    #[test]
    fn a_bad_thing_a_denied_practice_is_about_is_not_turned_round() {
        // "the risks" is what the missing conversation would be about, not praise.
        assert_eq!(
            classify(
                "When children go missing, they are not routinely offered an opportunity to talk about why they went missing and the risks they faced.",
                false
            ),
            Concern
        );
        // The good thing in it still fails.
        assert_eq!(
            classify("Children do not always receive timely support.", false),
            Concern
        );
    }

    #[test]
    fn fragmented_arrangements_are_a_concern() {
        assert_eq!(
            classify(
                "Arrangements to tackle child sexual exploitation are fragmented.",
                false
            ),
            Concern
        );
        assert_eq!(
            classify("Services for care leavers are disjointed.", false),
            Concern
        );
    }

    #[test]
    fn recommendations_are_concerns_whatever_their_words() {
        assert_eq!(
            classify(
                "Improve the sufficiency of placements so that good planning ensures enough places.",
                false
            ),
            Concern
        );
        assert_eq!(
            classify(
                "Ensure that all child protection work is managed robustly.",
                false
            ),
            Concern
        );
        // A finding that starts with a past participle or a noun is read as usual.
        assert_eq!(
            classify("Improved practice means that children are safer.", false),
            Strength
        );
        assert_eq!(
            classify(
                "Reviews of children's plans are timely and effective.",
                false
            ),
            Strength
        );
    }

    #[test]
    fn praise_and_criticism() {
        assert_eq!(classify("Staff morale is positive.", false), Strength);
        assert_eq!(
            classify("The quality of single assessments is inconsistent.", false),
            Concern
        );
        assert_eq!(
            classify(
                "The out-of-hours service gives effective responses to children.",
                false
            ),
            Strength
        );
        assert_eq!(
            classify(
                "Challenges include rising and fluctuating caseloads in some teams.",
                false
            ),
            Concern
        );
    }

    #[test]
    fn challenge_is_oversight_unless_it_is_a_difficulty_faced() {
        for text in [
            "Conference chairs challenge workers and managers about the progress of plans.",
            "IROs provide robust challenge and oversight of plans.",
            "The board supports and challenges its providers well.",
        ] {
            assert_ne!(classify(text, false), Concern, "{text}");
        }
        for text in [
            "The recruitment of social workers remains a real challenge.",
            "The service has experienced challenges in recruiting foster carers.",
            "Many young people find the move to independent living challenging.",
        ] {
            assert_eq!(classify(text, false), Concern, "{text}");
        }
        // Oversight that is missing is still a concern.
        assert_eq!(
            classify(
                "Managers do not provide sufficient challenge to workers.",
                false
            ),
            Concern
        );
    }

    #[test]
    fn a_negation_describing_the_situation_is_not_a_failing() {
        for text in [
            "When this is not possible, alternatives are explored with urgency.",
            "Interpreters are used for children who do not speak English.",
            "Interpreters are provided for families, many of whom do not speak English.",
        ] {
            assert_ne!(classify(text, false), Concern, "{text}");
        }
        // The practice itself failing still is.
        assert_eq!(
            classify(
                "The list of children who are at risk of exploitation is not reliable.",
                false
            ),
            Concern
        );
        // A denial of a denial is praise.
        assert_eq!(
            classify(
                "Inspectors did not see any cases where children were looked after who should not have been.",
                false
            ),
            Strength
        );
    }

    #[test]
    fn so_that_after_a_done_thing_is_its_result_and_after_a_plan_its_aim() {
        assert_eq!(
            classify(
                "Mothers and babies are placed together so that children are kept safe.",
                false
            ),
            Strength
        );
        for text in [
            "The local authority is revising the letters so that they are clear.",
            "Leaders plan to recruit more carers so that children have a good choice of home.",
        ] {
            assert_eq!(classify(text, false), Neutral, "{text}");
        }
    }

    #[test]
    fn whom_a_service_is_for_is_no_criticism() {
        for text in [
            "Care leavers readily turn to their PAs when they need support in times of crisis.",
            "Intensive support is provided to those children who are vulnerable to placement disruption.",
        ] {
            assert_eq!(classify(text, false), Neutral, "{text}");
        }
        assert_ne!(
            classify(
                "Workers are conscious of children’s additional vulnerability and take steps to keep them safer.",
                false
            ),
            Concern
        );
        // Left exposed, or worse off, it is.
        assert_eq!(
            classify("Unless care leavers ask, they are disadvantaged.", false),
            Concern
        );
    }

    #[test]
    fn praise_in_a_phrase() {
        for text in [
            "Children’s voices are listened to.",
            "Staff take pride in their work.",
            "Children are placed at the heart of the service.",
            "The council has risen to the challenge of housing unaccompanied children.",
            "They undertake high-quality direct work with children.",
            "Care leavers spoke highly of the virtual school.",
            "IROs have a deep understanding of each child.",
            "Accommodation options are tailored to need.",
            "Social workers are professionally curious.",
            // Done, not aimed at: "managed to", "helped to".
            "Leaders have managed to achieve tangible improvements.",
            "This has helped to improve attendance.",
        ] {
            assert_eq!(classify(text, false), Strength, "{text}");
        }
        assert_eq!(classify("Children are not listened to.", false), Concern);
        assert_eq!(classify("Plans are not tailored to need.", false), Concern);
        assert_eq!(
            classify("Leaders have not managed to improve practice.", false),
            Concern
        );
        // A challenge faced without the phrase stays a difficulty.
        assert_eq!(
            classify("The challenge of recruiting remains.", false),
            Concern
        );
        // Inside an aim it is the aim.
        assert_eq!(
            classify(
                "Assessments do not always include a focus on histories to ensure an in-depth understanding of needs.",
                false
            ),
            Concern
        );
    }

    #[test]
    fn a_bad_thing_that_practice_handles_is_no_failing() {
        for text in [
            "Most assessments identify risks and are of good quality.",
            "This team demonstrates insight and understanding of the challenges of the work.",
        ] {
            assert_eq!(classify(text, false), Strength, "{text}");
        }
        let text = "Risks to children are not identified quickly enough.";
        assert_eq!(classify(text, false), Concern, "{text}");
    }

    #[test]
    fn a_level_is_judged_by_what_it_is_the_level_of() {
        for text in [
            "Disruption rates in Rotherham are very low.",
            "Staff morale is high, and turnover is stable, with low use of agency staff.",
            "As a result, overall attendance for children looked after is high.",
        ] {
            assert_eq!(classify(text, false), Strength, "{text}");
        }
        for text in [
            "Caseloads in the duty teams are high.",
            "Attendance at school is low.",
        ] {
            assert_eq!(classify(text, false), Concern, "{text}");
        }
        let text = "The team works with children at high risk of exploitation.";
        assert_eq!(classify(text, false), Neutral, "{text}");
    }

    #[test]
    fn enabling_someone_and_continuing_to_improve_are_praise_but_an_aim_is_not() {
        for text in [
            "This helps workers to know how best to help children.",
            "This influential group supports children in care to have a voice.",
            "As a result, services have continued to improve over the past five years.",
        ] {
            assert_eq!(classify(text, false), Strength, "{text}");
        }
        for text in [
            "Early help services have been restructured to strengthen the interface with social care.",
            "Leaders plan to use the new tool, which will help workers to record visits.",
        ] {
            assert_eq!(classify(text, false), Neutral, "{text}");
        }
    }

    #[test]
    fn names_of_processes_and_cohorts_do_not_judge_and_plain_praise_words_do() {
        for text in [
            "Five serious case reviews have been completed.",
            "This includes children who are considered harder to place.",
            "Lessons from complaints are used by managers.",
        ] {
            assert_eq!(classify(text, false), Neutral, "{text}");
        }
        for text in [
            "The fostering panel provides a rigorous quality-assurance function.",
            "Children are visited at frequencies suited to their needs.",
            "There is a good range of accommodation options, including emergency crash pads.",
        ] {
            assert_eq!(classify(text, false), Strength, "{text}");
        }
        let text = "There has been some recent slippage in the timetable.";
        assert_eq!(classify(text, false), Concern, "{text}");
    }

    #[test]
    fn a_need_inside_a_clause_about_who_or_what_needs_it_is_no_shortfall() {
        for text in [
            "Disabled children who need to come into care do so at the right time.",
            "The rapid allocation of early help workers is providing swift interventions and support where it is needed.",
            "Parental engagement is meaningful, helping parents to understand what needs to improve.",
        ] {
            assert_eq!(classify(text, false), Strength, "{text}");
        }
        for text in [
            "Leaders need to improve the timeliness of assessments.",
            "More work is needed to ensure plans are specific.",
        ] {
            assert_eq!(classify(text, false), Concern, "{text}");
        }
    }

    #[test]
    fn what_is_hindered_or_lacked_is_not_praise() {
        for text in [
            "The absence of a shared database makes it difficult to maintain an effective overview.",
            "Care plans lack clear, focused outcomes.",
            "Attendance at these meetings is less than good.",
            "Staff find it hard to get good advice.",
            "This makes it harder for staff to be assured that children are safe and well.",
            "Children experience too many changes in social worker, which limits their ability to form meaningful relationships.",
            "There is insufficient detail or action regarding how to take this forward.",
            "There is limited evidence of comprehensive completed matching.",
            // The grade's words as a verb phrase, after a quantifier that praises.
            "Most child protection plans require improvement.",
        ] {
            assert_eq!(classify(text, false), Concern, "{text}");
        }
        // What a service falls back on "rather than" is no praise of it.
        let text = "Young people are referred to an agency rather than a dedicated worker.";
        assert_ne!(classify(text, false), Strength, "{text}");
    }

    #[test]
    fn praise_without_stock_words() {
        for text in [
            "Children’s health needs are prioritised.",
            "The virtual school is ambitious for children in care.",
            "Care leavers are supported to be healthy.",
            "Children are helped to understand their life story.",
            "Active family finding means that children have permanent homes with less delay.",
            "Meetings are held regularly to avoid placement breakdowns.",
        ] {
            assert_eq!(classify(text, false), Strength, "{text}");
        }
        // Effort, not difficulty.
        assert_ne!(
            classify(
                "Social workers work very hard to keep in contact with care leavers.",
                false
            ),
            Concern
        );
        for text in [
            "Children are not always supported to understand their care plans.",
            "Leaders have been ineffective in prioritising.",
            "In other cases, less acute risks are not fully explored.",
        ] {
            assert_eq!(classify(text, false), Concern, "{text}");
        }
    }

    #[test]
    fn no_longer_ends_a_problem_or_a_strength() {
        assert_eq!(
            classify("Patients are no longer cared for in corridors.", false),
            Strength
        );
        assert_eq!(
            classify("The panel is no longer effective.", false),
            Concern
        );
    }

    #[test]
    fn a_denied_frequency_turns_round_the_rest_of_its_clause() {
        for text in [
            "Families do not always receive timely and effective support.",
            "Pupils are not routinely given helpful and clear feedback.",
            "Patients do not consistently get prompt and safe discharge plans.",
        ] {
            assert_eq!(classify(text, false), Concern, "{text}");
        }
    }

    #[test]
    fn a_negation_does_not_reach_into_an_aim() {
        // The vulnerabilities are what the understanding is of, not what is denied.
        assert_eq!(
            classify(
                "Assessments do not always include sufficient focus on histories to ensure an \
                 in-depth understanding of children’s needs and vulnerabilities.",
                false
            ),
            Concern
        );
        assert_eq!(
            classify(
                "Leaders should ensure that plans are fully reviewed.",
                false
            ),
            Neutral
        );
        // "in ensuring that …" is an aim too: the praise in it is what is not achieved.
        assert_eq!(
            classify(
                "Management oversight is not consistent in ensuring that they receive the right \
                 support and services at the right time.",
                false
            ),
            Concern
        );
        assert_eq!(
            classify(
                "Leaders are effective in ensuring that children are safe.",
                false
            ),
            Strength
        );
    }

    #[test]
    fn a_reading_turned_round_by_a_negation_is_not_turned_again_by_an_earlier_one() {
        assert_eq!(
            classify(
                "When the threshold is not met children are not routinely referred on to other \
                 services.",
                false
            ),
            Concern
        );
    }

    #[test]
    fn doing_a_thing_fully_is_praise_and_emerging_needs_are_no_hedge() {
        assert_eq!(
            classify(
                "Assessments fully consider children’s circumstances and their history.",
                false
            ),
            Strength
        );
        assert_eq!(classify("Plans are not fully implemented.", false), Concern);
        assert_eq!(
            classify(
                "The health needs of care leavers are understood by PAs.",
                false
            ),
            Strength
        );
        assert_eq!(classify("Their needs are not understood.", false), Concern);
        assert_eq!(
            classify(
                "A multi-agency team is available to support families who have emerging needs.",
                false
            ),
            Neutral
        );
        assert_eq!(classify("Practice in this area is emerging.", false), Mixed);
    }

    #[test]
    fn negation_flips_praise() {
        assert_eq!(
            classify("Plans are not consistently given sufficient weight.", false),
            Concern
        );
        assert_eq!(
            classify(
                "Personal advisers do not become involved soon enough.",
                false
            ),
            Concern
        );
        assert_eq!(
            classify("Inspectors found no detriment to services.", false),
            Strength
        );
    }

    #[test]
    fn hedges_and_contrasts_make_mixed() {
        assert_eq!(
            classify(
                "Steps to create a stable workforce are beginning to produce good results.",
                false
            ),
            Mixed
        );
        assert_eq!(
            classify(
                "While progress is evident, leaders know they still have more work to do.",
                false
            ),
            Mixed
        );
        assert_eq!(
            classify("Leaders are proud of their improvements but accept that they still have more to do to ensure consistency and quality.", false),
            Mixed
        );
    }

    #[test]
    fn improvement_areas_are_concerns_and_plain_facts_neutral() {
        assert_eq!(
            classify("Placement planning decisions and records.", true),
            Concern
        );
        assert_eq!(
            classify("The visit took place over two days in June.", false),
            Neutral
        );
    }

    #[test]
    fn directions() {
        assert_eq!(
            direction("Caseloads are rising."),
            Some(Direction::Worsening)
        );
        assert_eq!(
            direction("Some children still face changes."),
            Some(Direction::Persisting)
        );
        assert_eq!(
            direction("Stability is increasingly evident."),
            Some(Direction::Improving)
        );
        assert_eq!(direction("Plans are clear."), None);
        // "now" and "since the last inspection" say that it changed; the tone says which way.
        assert_eq!(
            direction("Social workers now visit children regularly."),
            Some(Direction::Improving)
        );
        assert_eq!(
            direction("There is now a shortage of adopters for older children."),
            Some(Direction::Worsening)
        );
        assert_eq!(
            direction(
                "Despite improvements since the last inspection, plans do not set clear targets."
            ),
            None
        );
    }

    fn all(cases: &[(&str, Polarity)]) {
        for (text, want) in cases {
            assert_eq!(classify(text, false), *want, "{text}");
        }
    }

    #[test]
    fn negation_reaches_adverbs_excess_and_coordination() {
        all(&[
            ("Pupils are not excluded unnecessarily.", Strength),
            (
                "Patients do not wait longer than necessary for treatment.",
                Strength,
            ),
            (
                "Prisoners are not held in segregation for longer than is needed.",
                Strength,
            ),
            (
                "Assessments are not completed quickly enough or reviewed regularly.",
                Concern,
            ),
            (
                "Care plans are not timely or sufficiently detailed.",
                Concern,
            ),
            (
                "Leaders do not understand the impact of poor practice.",
                Concern,
            ),
        ]);
    }

    #[test]
    fn denying_a_kind_denies_what_it_would_hold() {
        all(&[
            ("No pupils are left without a suitable place.", Strength),
            ("Inspectors found no evidence of drift in plans.", Strength),
            (
                "Inspectors saw no cases where risk had not been assessed.",
                Strength,
            ),
            ("Nobody was left without a bed overnight.", Strength),
            ("Inspectors found no plans that were up to date.", Concern),
        ]);
    }

    #[test]
    fn few_denies_and_a_minority_is_an_exception() {
        all(&[
            (
                "Very few children and young people have been excluded from school.",
                Strength,
            ),
            ("Very few patients are readmitted within 30 days.", Strength),
            (
                "Very few pupils have access to an independent mentor.",
                Concern,
            ),
            (
                "Only a small number of staff have completed the training.",
                Concern,
            ),
            ("A small number of children have experienced harm.", Concern),
            (
                "A minority of prisoners are held in cells that are unsuitable.",
                Concern,
            ),
            (
                "A few pupils have been persistently absent this year.",
                Concern,
            ),
            (
                "A small number of children benefit from intensive therapeutic support.",
                Mixed,
            ),
            // Time, not cases.
            ("Children are seen within a few days of referral.", Neutral),
            // Few people having a thing says too few do, even with nothing judged in it.
            ("Very few children have an up-to-date plan.", Concern),
            ("Few care leavers live in their own flat.", Concern),
        ]);
    }

    #[test]
    fn a_fronted_circumstance_is_the_situation_not_the_judgement() {
        all(&[
            (
                "When care leavers find themselves in a housing crisis, the service responds quickly and effectively.",
                Strength,
            ),
            (
                "When children need to be protected from harm, social workers act very quickly.",
                Strength,
            ),
            ("If risks increase, the response is not always timely.", Concern),
            // Nothing judged after it: the circumstance is all there is to read.
            (
                "When placements are unstable, children move to a new home.",
                Concern,
            ),
            ("Some interviews are not undertaken quickly enough.", Concern),
        ]);
    }

    #[test]
    fn most_people_having_a_thing_is_praise_and_slow_progress_a_concern() {
        all(&[
            ("Most care leavers have a personal adviser.", Strength),
            (
                "Most children who go missing from care have a return home interview, although some interviews are not undertaken quickly enough.",
                Mixed,
            ),
            ("Most children do not have an up-to-date plan.", Concern),
            // Something else judged: the count only says how many.
            ("Most children have plans that are not good enough.", Concern),
            // Improving is the aim whose progress is judged.
            (
                "Progress in improving the delivery of return home interviews is stubbornly slow.",
                Concern,
            ),
            (
                "The local authority has made good progress in improving the quality of assessments.",
                Strength,
            ),
        ]);
    }

    #[test]
    fn rarely_negates_the_whole_clause() {
        all(&[
            ("Restraint is rarely used on the ward.", Strength),
            ("Pupils rarely miss lessons.", Strength),
            ("Unregistered homes are rarely used.", Strength),
            ("Managers rarely check the quality of records.", Concern),
            ("Staff are rarely available at weekends.", Concern),
            // A second reported claim is not what is rare.
            (
                "Pupils say that bullying is rare and that adults sort it out quickly.",
                Strength,
            ),
        ]);
    }

    #[test]
    fn changes_are_judged_by_what_changes() {
        all(&[
            ("Attendance has risen and exclusions have fallen.", Strength),
            ("Complaints from patients have reduced.", Strength),
            (
                "Waiting times have fallen since the last inspection.",
                Strength,
            ),
            ("Attendance has declined over the past year.", Concern),
            ("Staff turnover has increased sharply.", Concern),
            // Being in education or work is the outcome a report counts.
            (
                "The proportion of care leavers in education, training and employment is higher than in similar areas.",
                Strength,
            ),
            (
                "The number of care leavers in employment has fallen.",
                Concern,
            ),
            // A condition is not a change.
            (
                "When risks increase, cases are escalated appropriately.",
                Strength,
            ),
        ]);
    }

    #[test]
    fn halves_of_a_contrast_that_differ_are_mixed() {
        all(&[
            (
                "Caseloads are manageable, although they are higher in some teams.",
                Mixed,
            ),
            ("Teaching is strong, but marking is inconsistent.", Mixed),
            (
                "Leaders are ambitious and committed, although some plans lack detail.",
                Mixed,
            ),
            (
                "Despite staffing pressures, the ward provides safe and effective care.",
                Strength,
            ),
            (
                "Despite some improvements, record keeping remains poor.",
                Concern,
            ),
        ]);
    }

    #[test]
    fn partial_and_minor_reservations_are_mixed() {
        all(&[
            ("There is a slight delay in issuing some reports, although this does not affect pupils.", Mixed),
            ("Not every ward has a named safeguarding lead.", Mixed),
            ("Most, but not all, pupils make good progress in reading.", Mixed),
            ("There are minor errors in the recording of meetings.", Mixed),
            ("There are serious errors in records.", Concern),
        ]);
    }

    #[test]
    fn lack_little_and_less_turn_praise_round() {
        all(&[
            (
                "Files show little evidence of purposeful work with pupils.",
                Concern,
            ),
            ("There is a lack of effective oversight.", Concern),
            ("Subsequent work is less meaningful.", Concern),
        ]);
    }

    #[test]
    fn degree_orders_praise() {
        let some = read("There is some effective work.").positive;
        let plain = read("There is effective work.").positive;
        let strong = read("There is strong work.").positive;
        let very = read("There is very strong work.").positive;
        assert!(
            some < plain && plain < strong && strong < very,
            "{some} {plain} {strong} {very}"
        );
        let minor = read("There is a minor delay.").negative;
        let delay = read("There is a delay.").negative;
        assert!(minor < delay, "{minor} {delay}");
    }

    #[test]
    fn counted_things_count_only_when_quantified() {
        all(&[
            (
                "Arrangements for tracking children missing education are strong.",
                Strength,
            ),
            ("Leaders monitor exclusions.", Neutral),
            ("Most pupils attend regularly.", Strength),
            ("Children do not go missing from care.", Strength),
        ]);
    }
}
