//! Scoring a span of words: each word's reading, then negation and quantifiers over it.

use super::clauses::Tok;
use super::lexicon::*;
use super::negation::*;
use super::word_readings::*;
use super::Reading;

/// Praise and criticism of the words `range` of `t`, after negation and quantifiers.
pub(super) fn score_span(t: &[Tok], range: std::ops::Range<usize>, r: &mut Reading) {
    let (lo, hi) = (range.start, range.end);
    let mut items: Vec<Item> = Vec::new();
    let mut used = vec![false; t.len()];
    let is_negator = |i: usize| NEGATORS.contains(&t[i].w.as_str());
    // Phrases first: they claim their words.
    let mut claimed = vec![false; t.len()];
    for i in lo..hi {
        for p in NEUTRAL_PHRASES {
            let p: Vec<&str> = p.split(' ').collect();
            if i + p.len() <= hi && starts_with(t, i, &p) {
                claimed[i..i + p.len()].iter_mut().for_each(|c| *c = true);
            }
        }
        for p in CONCERN_PHRASES {
            let p: Vec<&str> = p.split(' ').collect();
            // "longer than is needed" is a comparison, not a need.
            let compared = i > 0 && t[i - 1].w == "than";
            // "the guidance they need to respond": what someone needs, not a shortfall
            // (as against "They need to improve", where the pronoun opens the clause).
            let what_is_needed = p[0].starts_with("need")
                && i >= 2
                && matches!(t[i - 1].w.as_str(), "they" | "she" | "he" | "we" | "you")
                && t[i - 2].clause == t[i].clause;
            if i + p.len() <= hi
                && starts_with(t, i, &p)
                && !compared
                && !what_is_needed
                && !embedded_need(t, i)
            {
                items.push(Item {
                    fixed: true,
                    ..Item::new(i, -1.0)
                });
                for (j, c) in claimed[i..i + p.len()].iter_mut().enumerate() {
                    *c = true;
                    used[i + j] = true;
                }
            }
        }
        // Praise in a phrase ("at the heart of", "go the extra mile"); a negation before it
        // turns it round ("are not listened to").
        for p in PRAISE_PHRASES {
            let p: Vec<&str> = p.split(' ').collect();
            if i + p.len() <= hi && starts_with(t, i, &p) && !claimed[i] {
                items.push(Item::new(i, 1.0));
                for c in &mut claimed[i..i + p.len()] {
                    *c = true;
                }
            }
        }
        // "not all", "not every": most but not all, a partial reservation.
        if t[i].w == "not" && t.get(i + 1).is_some_and(|x| x.w == "all" || x.w == "every") {
            r.tentative = true;
            items.push(Item {
                fixed: true,
                soft: true,
                ..Item::new(i, -0.5)
            });
            used[i] = true;
        }
        // "does not have an impact on", "without affecting": a problem contained.
        if is_negator(i) && !used[i] {
            let fillers = [
                "have",
                "has",
                "had",
                "an",
                "a",
                "any",
                "significant",
                "adverse",
                "negative",
                "direct",
                "real",
                "noticeable",
                "been",
            ];
            let mut j = i + 1;
            while j < hi && j < i + 5 && fillers.contains(&t[j].w.as_str()) {
                j += 1;
            }
            if j < hi && (t[j].s == "impact" || t[j].s == "affect" || t[j].s == "compromis") {
                items.push(Item {
                    fixed: true,
                    ..Item::new(j, 0.5)
                });
                used[i] = true;
                claimed[j] = true;
            }
        }
    }
    let mut purpose_until = 0;
    // Where the first aim starts: a negation before it does not reach into it ("do not
    // always include a focus on histories to ensure an understanding of vulnerabilities").
    let mut purpose_from = hi;
    let mut consumed = vec![false; t.len()];
    for i in lo..hi {
        // An aim runs to the end of the part.
        if PURPOSE
            .iter()
            .any(|p| i + p.len() <= hi && starts_with(t, i, p))
            && !is_result(t, lo, i)
            && !embedded_need(t, i)
        {
            purpose_until = hi;
            purpose_from = purpose_from.min(i);
        }
        if claimed[i] || consumed[i] {
            continue;
        }
        if let Some((v, j)) = change(t, i).filter(|(_, j)| (lo..hi).contains(j)) {
            // "reduce drift or delay": the change reaches coordinated things.
            let mut things = vec![j];
            while let Some(&last) = things.last() {
                let coordinated = t.get(last + 1).is_some_and(|x| x.w == "or" || x.w == "and")
                    && t.get(last + 2).is_some_and(|x| {
                        BAD_THINGS.contains(&x.s.as_str()) || GOOD_THINGS.contains(&x.s.as_str())
                    });
                if !coordinated || last + 2 >= hi {
                    break;
                }
                things.push(last + 2);
            }
            for &j in &things {
                consumed[j] = true;
                items.retain(|it| it.at != j);
            }
            if v < 0.0 || i >= purpose_until {
                items.push(Item::new(i, v));
            }
            continue;
        }
        if let Some(item) = lexical(t, i) {
            if item.v > 0.0 && !item.latent && i < purpose_until {
                continue;
            }
            items.push(item);
        }
    }
    // A praise phrase inside an aim is the aim ("to ensure an in-depth understanding").
    items.retain(|it| !(it.v > 0.0 && claimed[it.at] && it.at >= purpose_from));
    // "poor performance": a counted thing already judged by its modifier.
    let judged: Vec<usize> = items
        .iter()
        .filter(|it| !it.latent)
        .map(|it| it.at + 1)
        .collect();
    items.retain(|it| !(it.latent && judged.contains(&it.at)));
    // "less meaningful": inferiority turns the praise round.
    let less: Vec<usize> = (lo..hi.saturating_sub(1))
        .filter(|&i| t[i].w == "less")
        .collect();
    for i in less {
        // "less than good": the comparison reaches past its "than".
        let judged = if t[i + 1].w == "than" { i + 2 } else { i + 1 };
        if let Some(n) = items
            .iter()
            .position(|it| it.at == judged && it.v > 0.0 && !it.latent)
        {
            items[n].flip();
            items.retain(|it| it.at != i);
        }
    }
    // "a lack of purpose", "the absence of effective plans", "plans lack detail": the
    // lacked praise is the lack; hindered praise ("difficult to maintain") likewise.
    for i in lo..hi {
        let of = t.get(i + 1).is_some_and(|x| x.w == "of");
        let lacks = matches!(t[i].w.as_str(), "lack" | "lacks" | "lacked" | "lacking");
        if hinders(t, i) {
            let end = (i + 1..hi).find(|&j| t[j].sub != t[i].sub).unwrap_or(hi);
            items.retain(|it| !(it.at > i && it.at < end && it.v > 0.0 && !it.latent));
            if !items.iter().any(|it| it.at == i) {
                items.push(Item::new(i, -1.0));
            }
        } else if (matches!(t[i].s.as_str(), "lack" | "absenc") && of) || (lacks && !of) {
            let end = content_end(t, i, if of { 3 } else { 2 }, hi);
            items.retain(|it| !(it.at > i && it.at < end && it.v > 0.0 && !it.latent));
        } else if denies_what_follows(t, i) {
            // "insufficient detail", "limited evidence of comprehensive matching": the
            // praise named is what falls short; within the modifier's own clause.
            let end = content_end(t, i, 3, hi);
            let end = (i + 1..end).find(|&j| t[j].sub != t[i].sub).unwrap_or(end);
            items.retain(|it| !(it.at > i && it.at < end && it.v > 0.0 && !it.latent));
        }
    }
    let reach = |k: usize| if k < purpose_from { purpose_from } else { hi };
    let clause_rest = |k: usize| (k + 1..reach(k)).take_while(move |&j| t[j].clause == t[k].clause);
    let sub_rest = |k: usize| (k + 1..reach(k)).take_while(move |&j| t[j].sub == t[k].sub);
    // Quantifiers: a minority marks an exception; "few" denies; "most" counts.
    for i in lo..hi {
        let prev = i.checked_sub(1).map(|j| t[j].w.as_str());
        let only = prev == Some("only")
            || (prev == Some("a") && i >= 2 && t[i - 2].w == "only")
            || (prev == Some("very") && i >= 3 && t[i - 2].w == "a" && t[i - 3].w == "only");
        if let Some(q) = MINORITY.iter().find(|q| starts_with(t, i, q)) {
            let unit = t
                .get(i + q.len())
                .is_some_and(|x| UNITS.contains(&x.s.as_str()));
            if unit {
                continue;
            }
            if only {
                // "only a few files showed ...": fewer than there should be.
                deny(&mut items, clause_rest(i + q.len() - 1), true, i);
            } else {
                r.tentative = true;
                items.push(Item {
                    fixed: true,
                    ..Item::new(i, -1.0)
                });
                count(&mut items, sub_rest(i));
            }
        } else if (t[i].w == "few" || t[i].w == "little")
            && !matches!(prev, Some("a" | "the" | "too"))
            && !(prev == Some("very") && i >= 2 && matches!(t[i - 2].w.as_str(), "a" | "the"))
        {
            // "few children", "few care leavers".
            let people = people_follow(t, i, 2, hi);
            deny(&mut items, clause_rest(i), only || people, i);
        } else if MAJORITY.contains(&t[i].w.as_str()) {
            count(&mut items, sub_rest(i));
            // "Most children who go missing have a return home interview": most people
            // having a thing says they get it, as "few children have …" says too few do.
            let people = people_follow(t, i, 3, hi);
            let judged = items.iter().any(|it| it.at > i && it.at < hi && !it.latent);
            if people && !judged {
                if let Some(j) = clause_rest(i).find(|&j| HAVING.contains(&t[j].w.as_str())) {
                    items.push(Item::new(j, 1.0));
                }
            }
        } else if prev == Some("only") && is_number(&t[i].w) {
            // "only one child has been excluded": fewer than might be.
            deny(&mut items, clause_rest(i), true, i);
        }
    }
    // Negators, innermost (rightmost) first, so "no cases where ... should not have been"
    // denies a denial.
    for k in (lo..hi).rev() {
        if !is_negator(k) || used[k] {
            continue;
        }
        let next = t.get(k + 1).map(|x| x.w.as_str());
        if next == Some("only") {
            continue;
        }
        // "not always", "not routinely": a denied frequency says it sometimes fails, so
        // the rest of the clause is what fails ("do not always receive timely support").
        if matches!(
            next,
            Some(
                "always"
                    | "routinely"
                    | "consistently"
                    | "regularly"
                    | "reliably"
                    | "systematically"
            )
        ) {
            // Only its good things fail: a bad thing in it is what the practice is about
            // ("not routinely offered a chance to talk about the risks they faced").
            let bad: Vec<usize> = items
                .iter()
                .filter(|it| it.v < 0.0)
                .map(|it| it.at)
                .collect();
            deny(
                &mut items,
                sub_rest(k).filter(|j| !bad.contains(j)),
                true,
                k,
            );
            continue;
        }
        let stopped = t[k].w == "no" && next == Some("longer");
        let evaluative_next = items.iter().any(|it| it.at == k + 1 && !it.latent);
        let any = (k + 1..(k + 3).min(hi)).find(|&j| t[j].w == "any" && t[k].clause == t[j].clause);
        let evidential = t
            .get(k + 1)
            .is_some_and(|x| EVIDENTIAL.contains(&x.s.as_str()));
        if !stopped
            && ((EXISTENTIAL.contains(&t[k].w.as_str()) && (!evaluative_next || evidential))
                || any.is_some())
        {
            // "no child is left at risk", "did not see any cases where ...".
            // "no evidence of drift": the evidence is what is denied, not what it would show.
            let from = any.unwrap_or(if evidential { k + 1 } else { k });
            deny(&mut items, clause_rest(from), true, k);
            continue;
        }
        // Local scope: three words on, through "or"/"nor" and "and <evaluative>", plus
        // manner adverbs, "enough" and excess later in the clause.
        let mut until = content_end(t, k, 2, hi);
        let mut j = k + 1;
        while j < hi && j <= until && t[j].clause == t[k].clause {
            let coordinated = matches!(t[j].w.as_str(), "or" | "nor")
                || (t[j].w == "and" && items.iter().any(|it| it.at == j + 1 && !it.latent));
            if coordinated {
                until = content_end(t, j, 2, hi);
            } else if j == until {
                break;
            }
            j += 1;
        }
        let local_end = j;
        let mut hit = false;
        let has_plain = items
            .iter()
            .any(|it| it.at > k && it.at < local_end && !it.latent && !it.fixed);
        for it in items.iter_mut() {
            if it.fixed || it.at <= k || it.at >= reach(k) || t[it.at].clause != t[k].clause {
                continue;
            }
            if it.at >= 1 && t[it.at - 1].w == "only" {
                continue;
            }
            let near = it.at < local_end && (!it.latent || !has_plain);
            let w = t[it.at].w.as_str();
            // "well enough", "quickly enough": the degree word goes with its "enough".
            let before_enough = t.get(it.at + 1).is_some_and(|x| x.w == "enough");
            // A reading further on that a nearer negation already turned round is that
            // negation's ("when it is not met, children are not routinely referred").
            let far = t[it.at].sub == t[k].sub
                && !it.latent
                && !it.denied
                && (w.ends_with("ly")
                    || w == "enough"
                    || w == "longer"
                    || w == "more"
                    || before_enough);
            if near || far {
                it.flip();
                hit = true;
            }
        }
        if stopped && !hit {
            // "patients are no longer cared for in corridors": a problem that stopped.
            items.push(Item::new(k, 1.0));
        } else if !hit && !describes_situation(t, k) {
            // "do not become involved soon enough": a negation with nothing evaluative near.
            items.push(Item::new(k, -1.0));
        }
    }
    // "rarely": the whole clause, subject included, mostly does not happen.
    for k in lo..hi {
        if RARELY.contains(&t[k].w.as_str()) {
            // "… say that bullying is rare and that adults sort it out quickly": a second
            // reported claim ("and that …") is not what is rare.
            let second_claim =
                |j: usize| t[j].w == "and" && t.get(j + 1).is_some_and(|x| x.w == "that");
            let from = (lo..k).rev().find(|&j| second_claim(j)).unwrap_or(lo);
            let to = (k..hi).find(|&j| second_claim(j)).unwrap_or(hi);
            let clause: Vec<usize> = (from..to).filter(|&j| t[j].clause == t[k].clause).collect();
            let mut hit = false;
            for it in items.iter_mut() {
                if !it.fixed && it.at != k && clause.contains(&it.at) {
                    it.flip();
                    hit = true;
                }
            }
            if !hit {
                items.push(Item::new(k, -1.0));
            }
        }
    }
    for it in items.iter().filter(|it| !it.latent) {
        if it.v > 0.0 {
            r.positive += it.v;
        } else {
            r.negative -= it.v;
            if it.soft {
                r.soft -= it.v;
            }
        }
    }
}

/// "Mothers and babies are placed together so that children are kept safe": after a
/// done, affirmative main clause, "so that" (or "managed to", "helped to") says what it
/// achieves, which is praise. After
/// an intention, an obligation, a negation or work in progress it stays an aim.
fn is_result(t: &[Tok], lo: usize, i: usize) -> bool {
    // "Leaders have managed to achieve tangible improvements", "this has helped to
    // improve attendance": what was done, not what is aimed at.
    let achieved = t[i].w == "to"
        && i > lo
        && matches!(
            t[i - 1].w.as_str(),
            "managed"
                | "manages"
                | "able"
                | "succeeded"
                | "succeeds"
                | "helped"
                | "helps"
                // "services have continued to improve", "allows children to develop".
                | "continued"
                | "continues"
                | "continue"
                | "allowed"
                | "allows"
                | "enabled"
                | "enables"
        );
    let so_that = t[i].w == "so" && t.get(i + 1).is_some_and(|x| x.w == "that");
    (achieved || so_that)
        && i > lo
        && !t[lo..i].iter().any(|x| {
            NEGATORS.contains(&x.w.as_str())
                || INTENDING.contains(&x.w.as_str())
                || RARELY.contains(&x.w.as_str())
        })
        // "is revising these so that …": work in progress, its end not yet reached.
        && !(lo + 1..i).any(|j| {
            t[j].w.ends_with("ing") && matches!(t[j - 1].w.as_str(), "is" | "are" | "being")
        })
}

/// Whether a "need" at `i` is inside a clause saying who or what needs something, not a
/// shortfall of the practice judged: "children who need to come into care do so at the
/// right time", "a focus on what needs to happen", "support where it is needed".
fn embedded_need(t: &[Tok], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|j| t[j].w.as_str());
    let opens = |w: Option<&str>| matches!(w, Some("what" | "who" | "where" | "when" | "which"));
    (t[i].w.starts_with("need") && opens(before(1)))
        || (matches!(t[i].w.as_str(), "is" | "are")
            && t.get(i + 1).is_some_and(|x| x.w == "needed")
            && matches!(before(1), Some("it" | "they"))
            && (opens(before(2)) || matches!(before(2), Some("as" | "if"))))
}

/// A criticism that qualifies what follows it: "insufficient detail", "limited evidence",
/// "poor quality", "rather than promoting stability". ("Little evidence of …" is a
/// quantifier's, which turns the praise round.)
fn denies_what_follows(t: &[Tok], i: usize) -> bool {
    matches!(
        t[i].w.as_str(),
        "insufficient" | "limited" | "poor" | "weak"
    ) || (t[i].w == "rather" && t.get(i + 1).is_some_and(|x| x.w == "than"))
}

/// Whether the word at `i` hinders what follows it in its clause, which is then no
/// praise: "makes it difficult to maintain an effective overview", "makes it harder for
/// staff to be assured", "which limits their ability to form relationships"; not "staff
/// work hard to keep in touch" (effort).
fn hinders(t: &[Tok], i: usize) -> bool {
    let judging = |k: usize| {
        matches!(
            t[k].w.as_str(),
            "it" | "is" | "are" | "was" | "were" | "be" | "been" | "them" | "find"
        )
    };
    let judged = i > 0
        && (judging(i - 1)
            || (i > 1 && matches!(t[i - 1].w.as_str(), "very" | "too" | "so") && judging(i - 2)));
    // "… which limits their ability to form relationships"; "makes it harder for staff
    // to be assured".
    let to_follows = t.get(i + 1).is_some_and(|x| x.w == "to")
        || (t.get(i + 1).is_some_and(|x| x.w == "for")
            && (i + 2..(i + 5).min(t.len())).any(|k| t[k].w == "to"));
    matches!(t[i].s.as_str(), "undermin" | "hinder" | "imped")
        || matches!(t[i].w.as_str(), "limits")
        || (matches!(t[i].w.as_str(), "difficult" | "hard" | "harder") && to_follows && judged)
}

/// Whether a negation at `k` describes the situation rather than failing a practice: in
/// a fronted circumstance ("When this is not possible, alternatives are explored") or in
/// a "who" clause about the people served ("children who do not speak English"). Such a
/// negation turns round what it reaches, but says nothing by itself.
fn describes_situation(t: &[Tok], k: usize) -> bool {
    let in_circumstance = super::circumstance_end(t).is_some_and(|c| k < c);
    // The negation is the relative clause's own verb ("who do not", "who may not have"),
    // and no negation before it in the clause is what it answers ("did not see any cases
    // where children were looked after who should not have been").
    let opener = t
        .iter()
        .position(|x| x.sub == t[k].sub)
        .filter(|&j| j > 0 && t[j - 1].clause == t[k].clause && k <= j + 3)
        .map(|j| t[j].w.as_str());
    let answers = (0..k).any(|j| t[j].clause == t[k].clause && NEGATORS.contains(&t[j].w.as_str()));
    in_circumstance || (matches!(opener, Some("who" | "whom" | "whose")) && !answers)
}

/// Whether one of the `n` words after `i` (before `hi`) names people a report counts:
/// "few children", "most care leavers who …".
fn people_follow(t: &[Tok], i: usize, n: usize, hi: usize) -> bool {
    t[(i + 1).min(hi)..(i + 1 + n).min(hi)]
        .iter()
        .any(|x| PEOPLE.contains(&x.s.as_str()))
}
