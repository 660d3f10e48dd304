//! Applying the corrections: each edit in turn on a copy of the comparison, then `compare::refresh`.

use super::edits::{Edit, Overrides};
use crate::compare::{self, Comparison, Finding, Link, Verdict};
use crate::findings::Speaker;
use crate::polarity;

/// The comparison with every correction applied, theme verdicts, counts and summary
/// recomputed (via [`compare::refresh`]).
pub fn apply(base: &Comparison, overrides: &Overrides) -> Comparison {
    apply_checked(base, overrides).0
}

/// [`apply`], plus the indexes of edits that could not be applied (their theme or
/// findings are not in this comparison).
pub fn apply_checked(base: &Comparison, overrides: &Overrides) -> (Comparison, Vec<usize>) {
    let mut c = base.clone();
    let mut skipped = Vec::new();
    for (i, edit) in overrides.edits.iter().enumerate() {
        let ok = match edit {
            Edit::Move {
                finding,
                from,
                to,
                note,
            } => move_finding(&mut c, finding, from, to, note),
            Edit::Link {
                theme,
                before,
                after,
                note,
            } => link(&mut c, theme, before, after, note),
            Edit::Unlink {
                theme,
                before,
                after,
                note,
            } => unlink(&mut c, theme, before, after, note),
            Edit::LinkVerdict {
                theme,
                before,
                after,
                verdict,
                note,
            } => link_verdict(&mut c, theme, before, after, *verdict, note),
            // Applied after the recount below: refresh recomputes theme verdicts.
            Edit::ThemeVerdict { theme, .. } => c.themes.iter().any(|t| &t.id == theme),
            // Likewise topics: refresh moves findings between them and settles verdicts.
            Edit::TopicVerdict { verdict, .. } => topic_verdict_allowed(*verdict),
        };
        if !ok {
            skipped.push(i);
        }
    }
    compare::refresh(&mut c);
    let mut changed = false;
    for (i, edit) in overrides.edits.iter().enumerate() {
        if let Edit::ThemeVerdict { theme, verdict, .. } = edit {
            match c.themes.iter_mut().find(|t| &t.id == theme) {
                Some(t) => {
                    t.verdict = *verdict;
                    changed = true;
                }
                None if !skipped.contains(&i) => skipped.push(i),
                None => {}
            }
        }
        if let Edit::TopicVerdict {
            theme,
            topic,
            verdict,
            note,
        } = edit
        {
            let found = c
                .themes
                .iter_mut()
                .filter(|t| &t.id == theme)
                .flat_map(|t| t.topics.iter_mut())
                .find(|x| &x.id == topic && !x.before.is_empty() && !x.after.is_empty());
            match found {
                Some(x) if topic_verdict_allowed(*verdict) => {
                    x.verdict = *verdict;
                    x.overridden = true;
                    x.note = note.clone();
                }
                _ if !skipped.contains(&i) => skipped.push(i),
                _ => {}
            }
        }
    }
    if changed {
        recount(&mut c);
    }
    skipped.sort_unstable();
    (c, skipped)
}

/// A topic both reports discuss is improved, regressed, persisted or mixed; "new" and
/// "not mentioned later" belong to one-sided topics, which follow their findings.
pub(super) fn topic_verdict_allowed(verdict: Verdict) -> bool {
    matches!(
        verdict,
        Verdict::Improved | Verdict::Regressed | Verdict::Persisted | Verdict::Mixed
    )
}

/// Theme counts per verdict from the themes' (possibly overridden) verdicts.
pub(super) fn recount(c: &mut Comparison) {
    let s = &mut c.summary;
    (
        s.improved,
        s.regressed,
        s.persisted,
        s.new,
        s.dropped,
        s.mixed,
    ) = (0, 0, 0, 0, 0, 0);
    for t in &c.themes {
        match t.verdict {
            Verdict::Improved => s.improved += 1,
            Verdict::Regressed => s.regressed += 1,
            Verdict::Persisted => s.persisted += 1,
            Verdict::New => s.new += 1,
            Verdict::Dropped => s.dropped += 1,
            Verdict::Mixed => s.mixed += 1,
        }
    }
}

pub(super) fn find<'a>(c: &'a Comparison, id: &str) -> Option<&'a Finding> {
    c.before
        .findings
        .iter()
        .chain(&c.after.findings)
        .find(|f| f.id == id)
}

pub(super) fn find_mut<'a>(c: &'a mut Comparison, id: &str) -> Option<&'a mut Finding> {
    c.before
        .findings
        .iter_mut()
        .chain(c.after.findings.iter_mut())
        .find(|f| f.id == id)
}

pub(super) fn is_before(c: &Comparison, id: &str) -> bool {
    c.before.findings.iter().any(|f| f.id == id)
}

pub(super) fn theme_index(c: &Comparison, id: &str) -> Option<usize> {
    c.themes.iter().position(|t| t.id == id)
}

pub(super) fn mentions(link: &Link, id: &str) -> bool {
    link.before.as_deref() == Some(id) || link.after.as_deref() == Some(id)
}

pub(super) fn anywhere(c: &Comparison, id: &str) -> bool {
    c.themes
        .iter()
        .any(|t| t.links.iter().any(|l| mentions(l, id)))
}

/// A finding on its own under a theme: not mentioned later (earlier side) or new.
pub(super) fn unpaired(c: &Comparison, id: &str, note: &Option<String>) -> Link {
    let mut link = if is_before(c, id) {
        Link::new(
            Some(id.to_string()),
            None,
            Verdict::Dropped,
            0.0,
            Speaker::Inspectors,
        )
    } else {
        let speaker = find(c, id).map_or(Speaker::Inspectors, |f| f.speaker);
        Link::new(None, Some(id.to_string()), Verdict::New, 0.0, speaker)
    };
    link.overridden = true;
    link.note = note.clone();
    link
}

pub(super) fn move_finding(
    c: &mut Comparison,
    id: &str,
    from: &str,
    to: &str,
    note: &Option<String>,
) -> bool {
    let (Some(fi), Some(ti)) = (theme_index(c, from), theme_index(c, to)) else {
        return false;
    };
    if fi == ti || find(c, id).is_none() {
        return false;
    }
    let (removed, kept): (Vec<Link>, Vec<Link>) = std::mem::take(&mut c.themes[fi].links)
        .into_iter()
        .partition(|l| mentions(l, id));
    c.themes[fi].links = kept;
    for partner in removed
        .iter()
        .flat_map(|l| [&l.before, &l.after])
        .flatten()
        .filter(|p| p.as_str() != id)
    {
        if !anywhere(c, partner) {
            let link = unpaired(c, partner, note);
            c.themes[fi].links.push(link);
        }
    }
    if !c.themes[ti].links.iter().any(|l| mentions(l, id)) {
        let link = unpaired(c, id, note);
        c.themes[ti].links.push(link);
    }
    if let Some(f) = find_mut(c, id) {
        f.themes.retain(|t| t != from && t != to);
        f.themes.insert(0, to.to_string());
        f.theme = to.to_string();
    }
    true
}

pub(super) fn link(
    c: &mut Comparison,
    theme: &str,
    before: &str,
    after: &str,
    note: &Option<String>,
) -> bool {
    let Some(ti) = theme_index(c, theme) else {
        return false;
    };
    let (Some(b), Some(a)) = (find(c, before), find(c, after)) else {
        return false;
    };
    if !is_before(c, before) || is_before(c, after) {
        return false;
    }
    let verdict = compare::link_verdict(b.polarity, a.polarity, polarity::direction(&a.text));
    let speaker = a.speaker;
    // Paired now, so neither is "new" or "not mentioned later" anywhere.
    for t in &mut c.themes {
        t.links.retain(|l| {
            let lone_before = l.after.is_none() && l.before.as_deref() == Some(before);
            let lone_after = l.before.is_none() && l.after.as_deref() == Some(after);
            !(lone_before || lone_after)
        });
    }
    let links = &mut c.themes[ti].links;
    match links
        .iter_mut()
        .find(|l| l.before.as_deref() == Some(before) && l.after.as_deref() == Some(after))
    {
        Some(existing) => {
            existing.overridden = true;
            existing.note = note.clone().or(existing.note.take());
        }
        None => {
            let mut l = Link::new(
                Some(before.to_string()),
                Some(after.to_string()),
                verdict,
                0.0,
                speaker,
            );
            l.overridden = true;
            l.note = note.clone();
            links.push(l);
        }
    }
    for id in [before, after] {
        if let Some(f) = find_mut(c, id) {
            if !f.themes.iter().any(|t| t == theme) {
                f.themes.push(theme.to_string());
            }
        }
    }
    true
}

pub(super) fn unlink(
    c: &mut Comparison,
    theme: &str,
    before: &str,
    after: &str,
    note: &Option<String>,
) -> bool {
    let Some(ti) = theme_index(c, theme) else {
        return false;
    };
    let links = &mut c.themes[ti].links;
    let Some(i) = links
        .iter()
        .position(|l| l.before.as_deref() == Some(before) && l.after.as_deref() == Some(after))
    else {
        return false;
    };
    links.remove(i);
    // A finding left in no link at all is listed on its own under this theme.
    for id in [before, after] {
        if !anywhere(c, id) {
            let link = unpaired(c, id, note);
            c.themes[ti].links.push(link);
        }
    }
    true
}

pub(super) fn link_verdict(
    c: &mut Comparison,
    theme: &str,
    before: &str,
    after: &str,
    verdict: Verdict,
    note: &Option<String>,
) -> bool {
    // Mixed, new and not-mentioned describe themes or lone findings, not a pair.
    if !matches!(
        verdict,
        Verdict::Improved | Verdict::Regressed | Verdict::Persisted
    ) {
        return false;
    }
    let Some(ti) = theme_index(c, theme) else {
        return false;
    };
    match c.themes[ti]
        .links
        .iter_mut()
        .find(|l| l.before.as_deref() == Some(before) && l.after.as_deref() == Some(after))
    {
        Some(l) => {
            l.verdict = verdict;
            l.overridden = true;
            l.note = note.clone();
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_data::*;
    use super::*;
    use crate::compare::{self, Verdict};

    #[test]
    fn no_overrides_changes_nothing() {
        let c = sample();
        assert_eq!(apply(&c, &Overrides::default()), c);
        assert_eq!(c.summary.improved, 1);
        assert_eq!(c.summary.persisted, 1);
    }

    #[test]
    fn theme_verdict_is_set_kept_after_refresh_and_counted() {
        let c = sample();
        let o = with(vec![Edit::ThemeVerdict {
            theme: "caseloads".into(),
            verdict: Verdict::Regressed,
            note: Some("Caseloads rose per the 2023 data".into()),
        }]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert!(skipped.is_empty());
        let t = applied.themes.iter().find(|t| t.id == "caseloads").unwrap();
        assert_eq!(t.verdict, Verdict::Regressed);
        assert_eq!(applied.summary.regressed, 1);
        assert_eq!(applied.summary.persisted, 0);
        assert_eq!(applied.summary.improved, 1);
        assert_eq!(applied.summary.themes, 2);
        assert_eq!(
            o.theme_verdict("caseloads"),
            Some((Verdict::Regressed, Some("Caseloads rose per the 2023 data")))
        );
        assert_eq!(o.theme_verdict("staff"), None);
    }

    #[test]
    fn a_second_verdict_for_the_same_theme_replaces_the_first() {
        let mut o = Overrides::default();
        for v in [Verdict::Regressed, Verdict::Mixed] {
            o.push(Edit::ThemeVerdict {
                theme: "staff".into(),
                verdict: v,
                note: None,
            });
        }
        assert_eq!(o.edits.len(), 1);
        assert_eq!(o.theme_verdict("staff").unwrap().0, Verdict::Mixed);
    }

    #[test]
    fn link_verdict_marks_the_link_and_recomputes_the_theme() {
        let c = sample();
        let o = with(vec![Edit::LinkVerdict {
            theme: "staff".into(),
            before: "b1".into(),
            after: "a1".into(),
            verdict: Verdict::Persisted,
            note: Some("Agency use is still high".into()),
        }]);
        let applied = apply(&c, &o);
        let t = applied.themes.iter().find(|t| t.id == "staff").unwrap();
        let l = &t.links[0];
        assert_eq!(l.verdict, Verdict::Persisted);
        assert!(l.overridden);
        assert_eq!(l.note.as_deref(), Some("Agency use is still high"));
        assert_eq!(t.verdict, Verdict::Persisted);
        assert_eq!(applied.summary.improved, 0);
        assert_eq!(applied.summary.persisted, 2);
        // A pair can't be "mixed" or "new": refused (skipped), nothing changes.
        let bad = with(vec![Edit::LinkVerdict {
            theme: "staff".into(),
            before: "b1".into(),
            after: "a1".into(),
            verdict: Verdict::Mixed,
            note: None,
        }]);
        let (applied, skipped) = apply_checked(&c, &bad);
        assert_eq!(skipped, vec![0]);
        assert_eq!(applied, c);
    }

    #[test]
    fn unlink_leaves_both_findings_listed_on_their_own() {
        let c = sample();
        let o = with(vec![Edit::Unlink {
            theme: "staff".into(),
            before: "b1".into(),
            after: "a1".into(),
            note: None,
        }]);
        let applied = apply(&c, &o);
        let got = links(&applied, "staff");
        assert!(
            got.contains(&(Some("b1"), None, Verdict::Dropped)),
            "{got:?}"
        );
        assert!(got.contains(&(None, Some("a1"), Verdict::New)), "{got:?}");
        assert!(!got.iter().any(|l| l.0.is_some() && l.1.is_some()));
        let t = applied.themes.iter().find(|t| t.id == "staff").unwrap();
        assert_eq!(
            t.verdict,
            Verdict::Mixed,
            "new and not-mentioned-later together"
        );
        assert_eq!(applied.summary.new_findings, 2);
        assert_eq!(applied.summary.dropped_findings, 2);
    }

    #[test]
    fn link_pairs_two_lone_findings_with_the_engine_verdict() {
        let c = sample();
        let o = with(vec![Edit::Link {
            theme: "staff".into(),
            before: "b2".into(),
            after: "a3".into(),
            note: Some("same point about managers".into()),
        }]);
        let applied = apply(&c, &o);
        let staff = links(&applied, "staff");
        assert!(
            staff.contains(&(Some("b2"), Some("a3"), Verdict::Improved)),
            "{staff:?}"
        );
        assert!(!staff.contains(&(Some("b2"), None, Verdict::Dropped)));
        // a3 was "new" under caseloads: paired now, so no longer new anywhere.
        assert!(!links(&applied, "caseloads").contains(&(None, Some("a3"), Verdict::New)));
        assert_eq!(applied.summary.new_findings, 0);
        assert_eq!(applied.summary.dropped_findings, 0);
        let l = applied.themes[0]
            .links
            .iter()
            .find(|l| l.overridden)
            .unwrap();
        assert_eq!(l.note.as_deref(), Some("same point about managers"));
        let a3 = applied
            .after
            .findings
            .iter()
            .find(|f| f.id == "a3")
            .unwrap();
        assert!(a3.themes.contains(&"staff".to_string()));
        // Wrong way round (a later finding as "before") is skipped.
        let bad = with(vec![Edit::Link {
            theme: "staff".into(),
            before: "a3".into(),
            after: "b2".into(),
            note: None,
        }]);
        assert_eq!(apply_checked(&c, &bad).1, vec![0]);
    }

    #[test]
    fn link_then_unlink_cancels_out() {
        let mut o = Overrides::default();
        let (theme, before, after) = ("staff".to_string(), "b2".to_string(), "a3".to_string());
        o.push(Edit::Link {
            theme: theme.clone(),
            before: before.clone(),
            after: after.clone(),
            note: None,
        });
        o.push(Edit::Unlink {
            theme,
            before,
            after,
            note: None,
        });
        assert!(o.is_empty());
    }

    #[test]
    fn move_takes_a_finding_to_another_theme_and_leaves_its_partner_listed() {
        let c = sample();
        let o = with(vec![Edit::Move {
            finding: "b1".into(),
            from: "staff".into(),
            to: "caseloads".into(),
            note: Some("this is about caseloads".into()),
        }]);
        let applied = apply(&c, &o);
        let staff = links(&applied, "staff");
        assert!(!staff.iter().any(|l| l.0 == Some("b1")), "{staff:?}");
        assert!(
            staff.contains(&(None, Some("a1"), Verdict::New)),
            "partner stays, alone"
        );
        assert!(links(&applied, "caseloads").contains(&(Some("b1"), None, Verdict::Dropped)));
        let b1 = applied
            .before
            .findings
            .iter()
            .find(|f| f.id == "b1")
            .unwrap();
        assert_eq!(b1.theme, "caseloads");
        assert_eq!(b1.themes, vec!["caseloads".to_string()]);
        let caseloads = applied.themes.iter().find(|t| t.id == "caseloads").unwrap();
        assert_eq!(caseloads.before_count, 2);
        // Moving it straight back cancels the move.
        let mut o = o;
        o.push(Edit::Move {
            finding: "b1".into(),
            from: "caseloads".into(),
            to: "staff".into(),
            note: None,
        });
        assert!(o.is_empty());
    }

    #[test]
    fn moving_every_finding_out_removes_the_theme() {
        let c = sample();
        let o = with(vec![
            Edit::Move {
                finding: "b1".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
            Edit::Move {
                finding: "a1".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
            Edit::Move {
                finding: "b2".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
            Edit::Link {
                theme: "caseloads".into(),
                before: "b1".into(),
                after: "a1".into(),
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(applied.themes.len(), 1);
        assert_eq!(applied.summary.themes, 1);
        assert!(links(&applied, "caseloads").contains(&(
            Some("b1"),
            Some("a1"),
            Verdict::Improved
        )));
    }

    #[test]
    fn edits_naming_missing_themes_or_findings_are_skipped() {
        let c = sample();
        let o = with(vec![
            Edit::ThemeVerdict {
                theme: "gone".into(),
                verdict: Verdict::Improved,
                note: None,
            },
            Edit::Move {
                finding: "b99".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
            Edit::Unlink {
                theme: "staff".into(),
                before: "b2".into(),
                after: "a1".into(),
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert_eq!(skipped, vec![0, 1, 2]);
        assert_eq!(applied, c);
    }

    #[test]
    fn on_the_seed_pair_every_finding_stays_in_some_link() {
        let doc = |bytes: &[u8], name| crate::ingest::ingest(bytes, name).unwrap();
        let c = compare::compare(
            &doc(
                include_bytes!("../../../../tests/fixtures/luton-2021-2023/before.txt"),
                "before.txt",
            ),
            &doc(
                include_bytes!("../../../../tests/fixtures/luton-2021-2023/after.txt"),
                "after.txt",
            ),
            &crate::themes::Codebook::builtin(),
        );
        // Unpair the first pair, move its earlier finding to the last theme, then pair it
        // with the first later finding there and set that theme's verdict.
        let t0 = &c.themes[0];
        let p = t0
            .links
            .iter()
            .find(|l| l.before.is_some() && l.after.is_some())
            .unwrap();
        let (b, a) = (p.before.clone().unwrap(), p.after.clone().unwrap());
        let last = c.themes.last().unwrap().id.clone();
        let later = &c.after.findings[0].id;
        let o = with(vec![
            Edit::Unlink {
                theme: t0.id.clone(),
                before: b.clone(),
                after: a,
                note: None,
            },
            Edit::Move {
                finding: b.clone(),
                from: t0.id.clone(),
                to: last.clone(),
                note: None,
            },
            Edit::Link {
                theme: last.clone(),
                before: b.clone(),
                after: later.clone(),
                note: None,
            },
            Edit::ThemeVerdict {
                theme: last.clone(),
                verdict: Verdict::Regressed,
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        // The move is skipped only if unpairing already left b outside the first theme.
        assert!(skipped.iter().all(|&i| i == 1), "{skipped:?}");
        for f in applied
            .before
            .findings
            .iter()
            .chain(&applied.after.findings)
        {
            assert!(anywhere(&applied, &f.id), "{} is in no link", f.id);
        }
        let t = applied.themes.iter().find(|t| t.id == last).unwrap();
        assert_eq!(t.verdict, Verdict::Regressed);
        assert!(t
            .links
            .iter()
            .any(|l| l.before.as_deref() == Some(b.as_str())
                && l.after.as_deref() == Some(later.as_str())
                && l.overridden));
        let s = &applied.summary;
        assert_eq!(
            s.improved + s.regressed + s.persisted + s.new + s.dropped + s.mixed,
            s.themes
        );
    }

    #[test]
    fn topic_verdict_is_set_after_refresh_marked_and_noted() {
        let c = sample();
        let staff = topic_of(&c, "staff", "b1");
        assert_eq!(topic(&c, "staff", &staff).verdict, Verdict::Improved);
        assert!(!topic(&c, "staff", &staff).overridden);
        let o = with(vec![
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: staff.clone(),
                verdict: Verdict::Regressed,
                note: Some("Agency use rose again".into()),
            },
            // A later correction that refreshes the topics does not undo it.
            Edit::LinkVerdict {
                theme: "staff".into(),
                before: "b1".into(),
                after: "a1".into(),
                verdict: Verdict::Persisted,
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert!(skipped.is_empty(), "{skipped:?}");
        let x = topic(&applied, "staff", &staff);
        assert_eq!(x.verdict, Verdict::Regressed);
        assert!(x.overridden);
        assert_eq!(x.note.as_deref(), Some("Agency use rose again"));
        // Only that topic is the person's; the theme's verdict still follows its links.
        let theme = applied.themes.iter().find(|t| t.id == "staff").unwrap();
        assert!(theme.topics.iter().filter(|t| t.overridden).count() == 1);
        assert_eq!(theme.verdict, Verdict::Persisted);
        assert_eq!(
            o.topic_verdict("staff", &staff),
            Some((Verdict::Regressed, Some("Agency use rose again")))
        );
        assert_eq!(o.topic_verdict("caseloads", &staff), None);
        // A second verdict for the same topic replaces the first.
        let mut o = o;
        o.push(Edit::TopicVerdict {
            theme: "staff".into(),
            topic: staff.clone(),
            verdict: Verdict::Mixed,
            note: None,
        });
        assert_eq!(o.edits.len(), 2);
        assert_eq!(
            o.topic_verdict("staff", &staff),
            Some((Verdict::Mixed, None))
        );
        let applied = apply(&c, &o);
        assert_eq!(topic(&applied, "staff", &staff).verdict, Verdict::Mixed);
        assert_eq!(topic(&applied, "staff", &staff).note, None);
    }

    #[test]
    fn topic_verdicts_that_do_not_fit_are_skipped() {
        let c = sample();
        let staff = topic_of(&c, "staff", "b1");
        let lone = topic_of(&c, "staff", "b2");
        let o = with(vec![
            // "new" is no verdict for a topic both reports discuss
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: staff.clone(),
                verdict: Verdict::New,
                note: None,
            },
            // a topic only the earlier report discusses follows its findings
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: lone,
                verdict: Verdict::Improved,
                note: None,
            },
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: "t999".into(),
                verdict: Verdict::Improved,
                note: None,
            },
            // the topic under another theme
            Edit::TopicVerdict {
                theme: "caseloads".into(),
                topic: staff,
                verdict: Verdict::Improved,
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert_eq!(skipped, vec![0, 1, 2, 3]);
        assert_eq!(applied, c);
        // Unpairing the topic's only pair leaves it one-sided: its verdict edit is skipped.
        let staff = topic_of(&c, "staff", "b1");
        let o = with(vec![
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: staff,
                verdict: Verdict::Regressed,
                note: None,
            },
            Edit::Unlink {
                theme: "staff".into(),
                before: "b1".into(),
                after: "a1".into(),
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert_eq!(skipped, vec![0]);
        assert!(applied
            .themes
            .iter()
            .flat_map(|t| &t.topics)
            .all(|t| !t.overridden));
    }
}
