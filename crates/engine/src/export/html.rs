//! The briefing as one self-contained HTML file (see [`super::briefing`] for what it
//! says): inline CSS, no script, nothing fetched — its own Content-Security-Policy
//! (`default-src 'none'`) forbids loading anything, so even a mistake here could not make
//! it call out. Readable on a phone (the ratings table turns into one block per area below
//! 34 rem) and prints on A4 (`@page`, no breaks inside a quote). Every piece of report
//! text goes through [`escape`].

use super::briefing::{self, Briefing, Names, QuotedTopic, Reviewer};
use super::{plain, verdict_icon, verdict_words};
use crate::compare::{Comparison, Verdict};
use crate::overrides::Overrides;
use std::fmt::Write;

const CSS: &str = include_str!("briefing.css");

/// The briefing of a comparison as it stands.
pub fn to_html(c: &Comparison) -> String {
    render(&briefing::of(c))
}

/// The briefing with a person's corrections marked as theirs and listed at the end.
pub fn corrected(base: &Comparison, corrections: &Overrides) -> String {
    render(&briefing::corrected(base, corrections))
}

/// Text for an element or a quoted attribute: markup characters as references, and the
/// characters HTML can't carry (see [`plain`]) as spaces.
pub fn escape(s: &str) -> String {
    let s = plain(s);
    let mut out = String::with_capacity(s.len() + 16);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

fn verdict(v: Verdict) -> String {
    format!(
        "<span class=\"verdict\" data-verdict=\"{}\"><span aria-hidden=\"true\">{}</span> {}</span>",
        v.as_str(),
        verdict_icon(v),
        verdict_words(v)
    )
}

fn render(b: &Briefing) -> String {
    let e = escape;
    let mut o = String::with_capacity(32 * 1024);
    let title = format!("What changed: {} → {}", b.earlier.label(), b.later.label());
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"color-scheme\" content=\"light dark\">\n\
<meta name=\"generator\" content=\"report-compare {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        e(&title)
    );
    o.push_str("<header>\n<h1>What changed between two reports</h1>\n<dl class=\"reports\">\n");
    for (side, r) in [("Earlier", &b.earlier), ("Later", &b.later)] {
        let _ = write!(o, "<dt>{side}</dt><dd>");
        if let Some(t) = &r.title {
            let _ = write!(o, "<strong>{}</strong><br>", e(t));
        }
        let _ = write!(o, "<span class=\"file\">{}</span>", e(&r.name));
        match &r.date {
            Some(d) => {
                let _ = write!(o, " · <time datetime=\"{0}\">{0}</time>", e(d));
            }
            None => o.push_str(" · no date found"),
        }
        o.push_str("</dd>\n");
    }
    o.push_str("</dl>\n</header>\n");

    if !b.ratings.is_empty() {
        o.push_str("<section aria-labelledby=\"ratings\">\n<h2 id=\"ratings\">Ratings</h2>\n<table class=\"ratings\">\n<thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Earlier</th><th scope=\"col\">Later</th><th scope=\"col\">Change</th></tr></thead>\n<tbody>\n");
        for r in &b.ratings {
            let _ = write!(
                o,
                "<tr><th scope=\"row\">{}</th><td data-label=\"Earlier\">{}</td><td data-label=\"Later\">{}</td><td data-label=\"Change\">{}",
                e(&r.area),
                e(&r.earlier),
                e(&r.later),
                e(&r.change)
            );
            if let Some(note) = &r.note {
                let _ = write!(o, "<span class=\"note\">{}</span>", e(note));
            }
            o.push_str("</td></tr>\n");
        }
        o.push_str("</tbody>\n</table>\n</section>\n");
    }

    let _ = write!(
        o,
        "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<p class=\"headline\">{}.</p>\n",
        e(&b.headline)
    );
    if !b.movements.is_empty() {
        o.push_str("<ul class=\"movements\">\n");
        for (word, names) in &b.movements {
            let _ = writeln!(
                o,
                "<li><strong>{word}:</strong> {}</li>",
                e(&names.join("; "))
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");

    if let Some(p) = &b.points {
        o.push_str("<section aria-labelledby=\"points\">\n<h2 id=\"points\">What needed to improve, and now</h2>\n<ul class=\"points\">\n");
        for point in p.earlier.iter().chain(&p.later) {
            let _ = writeln!(
                o,
                "<li>{} — <strong>{}</strong></li>",
                e(&point.text),
                point.fate
            );
        }
        if p.earlier_more > 0 {
            let _ = writeln!(
                o,
                "<li>… and {} more points from the earlier report</li>",
                p.earlier_more
            );
        }
        if p.later_more > 0 {
            let _ = writeln!(o, "<li>… and {} more new points</li>", p.later_more);
        }
        o.push_str("</ul>\n</section>\n");
    }

    for (i, t) in b.themes.iter().enumerate() {
        let _ = write!(
            o,
            "<section class=\"theme\" aria-labelledby=\"theme-{i}\">\n<h2 id=\"theme-{i}\">{} <span class=\"dash\">—</span> {}",
            e(&t.label),
            verdict(t.verdict)
        );
        if t.reviewer.is_some() {
            o.push_str(" <span class=\"by-reviewer\">set by the reviewer</span>");
        }
        o.push_str("</h2>\n");
        if let Some(r) = &t.reviewer {
            reviewer(&mut o, "The reviewer set this theme’s verdict", r);
        }
        for tp in &t.quoted {
            topic(&mut o, tp);
        }
        names(&mut o, "Also", &t.also);
        names(&mut o, "New in the later report", &t.new);
        names(&mut o, "Not mentioned in the later report", &t.dropped);
        o.push_str("</section>\n");
    }

    if !b.corrections.is_empty() {
        o.push_str("<section class=\"corrections\" aria-labelledby=\"corrections\">\n<h2 id=\"corrections\">Corrections made by the reviewer</h2>\n<ol>\n");
        for c in &b.corrections {
            let _ = writeln!(o, "<li>{}</li>", e(c));
        }
        o.push_str("</ol>\n</section>\n");
    }
    let _ = write!(
        o,
        "<footer class=\"how\">\n<h2>How this was made</h2>\n<p>{}</p>\n</footer>\n</main>\n</body>\n</html>\n",
        e(&briefing::how_made())
    );
    o
}

fn reviewer(o: &mut String, what: &str, r: &Reviewer) {
    let _ = write!(o, "<p class=\"reviewer\"><strong>{what}.</strong>");
    if let Some(note) = &r.note {
        let _ = write!(o, " Their note: “{}”", escape(note));
    }
    o.push_str("</p>\n");
}

fn topic(o: &mut String, tp: &QuotedTopic) {
    let _ = write!(
        o,
        "<article class=\"topic\">\n<h3>{}</h3>\n<p class=\"verdict-line\">{}",
        escape(&tp.label),
        verdict(tp.verdict)
    );
    if !tp.why.is_empty() {
        let _ = write!(o, " <span class=\"why\">({})</span>", escape(&tp.why));
    }
    o.push_str("</p>\n");
    if let Some(r) = &tp.topic_reviewer {
        reviewer(o, "The reviewer set this topic’s verdict", r);
    }
    for (side, q) in [("Earlier", &tp.earlier), ("Later", &tp.later)] {
        if let Some(q) = q {
            let _ = write!(
                o,
                "<blockquote class=\"{}\"><p><span class=\"side\">{side}</span> “{}”</p>",
                side.to_lowercase(),
                escape(&q.text)
            );
            if let Some(whose) = q.speaker {
                let _ = write!(o, "<p class=\"whose\">({whose})</p>");
            }
            o.push_str("</blockquote>\n");
        }
    }
    if let Some(c) = &tp.caveat {
        let _ = writeln!(o, "<p class=\"caveat\">Note: {}.</p>", escape(c));
    }
    if let Some(r) = &tp.pair_reviewer {
        reviewer(o, "The reviewer corrected this pair", r);
    }
    o.push_str("</article>\n");
}

fn names(o: &mut String, what: &str, names: &Names) {
    if names.is_empty() {
        return;
    }
    let shown: Vec<String> = names
        .names
        .iter()
        .map(|n| {
            let mark = if n.reviewer {
                " <span class=\"by-reviewer\">(set by the reviewer)</span>"
            } else {
                ""
            };
            format!("{}{mark}", escape(&n.text))
        })
        .collect();
    let _ = write!(
        o,
        "<p class=\"names\"><strong>{what}:</strong> {}",
        shown.join("; ")
    );
    if names.more > 0 {
        let _ = write!(o, " (and {} more)", names.more);
    }
    o.push_str("</p>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{c}b"), "a b");
    }
}
