//! The report's date: a letter's date line, "Inspection dates: 19 to 30 January 2026",
//! or for an article any dated statement — with how sure we are and the words it came from.

use serde::{Deserialize, Serialize};

/// How sure the date is, from where it was read. Serialised as "high", "medium", "low".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateConfidence {
    /// A date line or the inspection dates.
    High,
    /// A full date in the text, or a weekday that fixes the year.
    Medium,
    /// Month and year only.
    Low,
}

impl DateConfidence {
    /// The word the JSON uses: "high", "medium", "low".
    pub fn as_str(self) -> &'static str {
        match self {
            DateConfidence::High => "high",
            DateConfidence::Medium => "medium",
            DateConfidence::Low => "low",
        }
    }
}

/// The date of a report, how sure it is, and the words it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundDate {
    /// ISO 8601: "2021-06-18", or "2022-07" when only the month is known.
    pub iso: String,
    /// How sure the date is (see [`DateConfidence`]).
    pub confidence: DateConfidence,
    /// The words the date was read from.
    pub evidence: String,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ymd {
    y: i32,
    m: u32,
    d: Option<u32>,
}

impl Ymd {
    fn iso(self) -> String {
        match self.d {
            Some(d) => format!("{:04}-{:02}-{:02}", self.y, self.m, d),
            None => format!("{:04}-{:02}", self.y, self.m),
        }
    }
}

fn month(word: &str) -> Option<u32> {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept"))
        .map(|i| i as u32 + 1)
        .filter(|_| w != "may" || word.starts_with('M'))
}

fn day(word: &str) -> Option<u32> {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    (w.len() == 4 && word.trim_matches(|c: char| !c.is_alphanumeric()).len() == 4)
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1950..=2100).contains(y))
}

/// Every date mention in a line, in order: full dates, ranges ("19 to 30 January 2026"
/// gives the 30th), "June 18, 2021", ISO and d/m/yyyy dates, and month-year.
fn dates_in(line: &str) -> Vec<Ymd> {
    // "11 January 2016–4 February 2016": dashes join ranges, not words.
    let spaced = line.replace(['–', '—'], " ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if let Some(d) = iso_or_numeric(w) {
            found.push(d);
        } else if let Some(m) = month(w) {
            let y = words.get(i + 1).and_then(|w| year(w));
            let y2 = words.get(i + 2).and_then(|w| year(w));
            let before = i.checked_sub(1).and_then(|j| day(words[j]));
            let after = words
                .get(i + 1)
                .and_then(|w| day(w))
                .filter(|_| y.is_none());
            match (before, after, y, y2) {
                (Some(d), _, Some(y), _) => found.push(Ymd { y, m, d: Some(d) }),
                (_, Some(d), _, Some(y)) => found.push(Ymd { y, m, d: Some(d) }),
                (None, _, Some(y), _) => found.push(Ymd { y, m, d: None }),
                _ => {}
            }
        }
        i += 1;
    }
    found.retain(|d| d.d.is_none_or(|day| day <= days_in_month(d.y, d.m)));
    found
}

fn iso_or_numeric(word: &str) -> Option<Ymd> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = w.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0].parse().ok()?, n(parts[1])?, n(parts[2])?)
    } else if parts[2].len() == 4 {
        // British order: day/month/year.
        (parts[2].parse().ok()?, n(parts[1])?, n(parts[0])?)
    } else {
        return None;
    };
    ((1..=12).contains(&m) && (1950..=2100).contains(&y) && (1..=31).contains(&d)).then_some(Ymd {
        y,
        m,
        d: Some(d),
    })
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// 0 = Sunday (Sakamoto's method).
fn weekday(y: i32, m: u32, d: u32) -> usize {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    ((y + y / 4 - y / 100 + y / 400 + T[m as usize - 1] + d as i32).rem_euclid(7)) as usize
}

/// True when a line is nothing but a date ("18 June 2021").
pub fn is_date_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=4).contains(&words) && dates_in(line).iter().any(|d| d.d.is_some())
}

/// "Wednesday (July 19)" or "Wednesday 19 July": day and month named with a weekday but
/// no year. Returns (weekday, month, day).
fn weekday_dates(line: &str) -> Vec<(usize, u32, u32)> {
    let words: Vec<String> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(wd) = WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(w)) else {
            continue;
        };
        let a = words.get(i + 1).map(String::as_str).unwrap_or("");
        let b = words.get(i + 2).map(String::as_str).unwrap_or("");
        let (m, d) = match (month(a), day(b), day(a), month(b)) {
            (Some(m), Some(d), _, _) => (m, d),
            (_, _, Some(d), Some(m)) => (m, d),
            _ => continue,
        };
        if words.get(i + 3).and_then(|w| year(w)).is_none() {
            out.push((wd, m, d));
        }
    }
    out
}

pub fn find(lines: &[String]) -> Option<FoundDate> {
    let found = |d: Ymd, confidence: DateConfidence, evidence: &str| FoundDate {
        iso: d.iso(),
        confidence,
        evidence: evidence.trim().chars().take(160).collect(),
    };
    // 1. Near the top: a publication line, else a letter's date line, else the
    //    inspection dates (their last day).
    let top: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(60)
        .collect();
    let labelled = |prefixes: &[&str]| {
        top.iter().find_map(|t| {
            let lower = t.to_lowercase();
            prefixes
                .iter()
                .any(|p| lower.starts_with(p))
                .then(|| {
                    dates_in(t)
                        .into_iter()
                        .filter(|d| d.d.is_some())
                        .max()
                        .map(|d| (d, *t))
                })
                .flatten()
        })
    };
    let published = labelled(&[
        "report published",
        "published",
        "date of publication",
        "publication date",
    ]);
    let letter = || {
        top.iter().find(|t| is_date_line(t)).and_then(|t| {
            dates_in(t)
                .into_iter()
                .find(|d| d.d.is_some())
                .map(|d| (d, *t))
        })
    };
    let inspected = || {
        labelled(&[
            "inspection date",
            "date of inspection",
            "dates of inspection",
        ])
    };
    if let Some((d, t)) = published.or_else(letter).or_else(inspected) {
        return Some(found(d, DateConfidence::High, t));
    }
    // 2. The latest full date the text mentions.
    let mut best: Option<(Ymd, &str)> = None;
    let mut latest_year = None;
    for line in lines {
        for d in dates_in(line) {
            latest_year = latest_year.max(Some(d.y));
            if d.d.is_some() && best.is_none_or(|(b, _)| d > b) {
                best = Some((d, line));
            }
        }
    }
    if let Some((d, line)) = best {
        return Some(found(d, DateConfidence::Medium, line));
    }
    // 3. A weekday with day and month fixes the year: the first year, from the latest
    //    one mentioned, on which that date falls on that weekday.
    if let Some(from) = latest_year {
        for line in lines {
            for (wd, m, d) in weekday_dates(line) {
                if let Some(y) =
                    (from..from + 7).find(|&y| d <= days_in_month(y, m) && weekday(y, m, d) == wd)
                {
                    return Some(found(
                        Ymd { y, m, d: Some(d) },
                        DateConfidence::Medium,
                        line,
                    ));
                }
            }
        }
    }
    // 4. Month and year only.
    lines
        .iter()
        .flat_map(|l| dates_in(l).into_iter().map(move |d| (d, l)))
        .max_by_key(|(d, _)| *d)
        .map(|(d, l)| found(d, DateConfidence::Low, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    #[test]
    fn letter_date_line_wins() {
        let d = find(&lines(
            "Ofsted\n\n18 June 2021\n\nThe visit on 28 and 29 April 2021 found...",
        ))
        .unwrap();
        assert_eq!(
            (d.iso.as_str(), d.confidence.as_str()),
            ("2021-06-18", "high")
        );
    }

    #[test]
    fn publication_date_wins_over_inspection_dates() {
        let text =
            "Inspection date: 11 January 2016–4 February 2016\nReport published: 29 March 2016\n";
        assert_eq!(find(&lines(text)).unwrap().iso, "2016-03-29");
    }

    #[test]
    fn inspection_dates_give_the_last_day() {
        let d = find(&lines(
            "Inspection of X\nInspection dates: 19 to 30 January 2026\n",
        ))
        .unwrap();
        assert_eq!(d.iso, "2026-01-30");
    }

    #[test]
    fn weekday_fixes_the_year_of_an_article() {
        let text =
            "The last inspection was in July 2022.\nIt released its report on Wednesday (July 19).";
        let d = find(&lines(text)).unwrap();
        assert_eq!(
            (d.iso.as_str(), d.confidence.as_str()),
            ("2023-07-19", "medium")
        );
    }

    #[test]
    fn month_year_only_is_low_confidence() {
        let d = find(&lines("Since March 2019 and in May 2020, things moved.")).unwrap();
        assert_eq!((d.iso.as_str(), d.confidence.as_str()), ("2020-05", "low"));
        assert!(find(&lines("no dates here at all")).is_none());
    }

    #[test]
    fn weekday_arithmetic_is_right() {
        assert_eq!(weekday(2023, 7, 19), 3); // a Wednesday
        assert_eq!(weekday(2000, 1, 1), 6); // a Saturday
    }
}
