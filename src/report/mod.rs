//! Renderers: one module per output format, each an [`Emitter`]. They take
//! the scan's outcome, with everything captured during the check (quoted
//! source lines, answers side by side), and write text; none of them reads
//! a file or decides anything about the findings.

pub mod catalog;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod output;
pub mod rdjson;
pub mod sarif;
pub mod show;

use anstyle::{AnsiColor, Style};

use crate::check::Outcome;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;

/// What an emitter renders: the outcome and how to show it.
pub struct Report<'a> {
    pub outcome: &'a Outcome,
    /// Headings and messages of the human and HTML reports.
    pub lang: Lang,
    /// Colour (the human report on a terminal).
    pub color: bool,
    /// The files not checked, the summary table and the totals (human).
    pub summary: bool,
}

/// Renders a report in one format.
pub trait Emitter: Sync {
    fn emit(&self, report: &Report) -> String;
}

/// The output formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
    Html,
    Junit,
    Gitlab,
    Rdjson,
}

impl Format {
    pub fn emitter(self) -> &'static dyn Emitter {
        match self {
            Format::Human => &human::Human,
            Format::Json => &json::Json,
            Format::Sarif => &sarif::Sarif,
            Format::Github => &github::Github,
            Format::Markdown => &markdown::Markdown,
            Format::Html => &html::Html,
            Format::Junit => &junit::Junit,
            Format::Gitlab => &gitlab::Gitlab,
            Format::Rdjson => &rdjson::Rdjson,
        }
    }

    /// Renders an outcome in English, without colour, with the summary.
    pub fn render(self, outcome: &Outcome) -> String {
        self.emitter().emit(&Report {
            outcome,
            lang: Lang::En,
            color: false,
            summary: true,
        })
    }

    /// Asks the check for what this format shows beyond the findings: the
    /// quoted source lines (human, HTML), near-duplicates side by side and
    /// the corpus's similarity (HTML).
    pub fn prepare(self, options: &mut crate::check::Options) {
        options.quote = matches!(self, Format::Human | Format::Html);
        options.corpus.side_by_side = self == Format::Html;
        options.pair_floor = (self == Format::Html).then_some(html::HEAT_FLOOR);
    }
}

/// The style of a severity's label.
pub(crate) fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Cyan.on_default().bold(),
    }
}

/// Wraps `text` in `style` when colour is on.
pub(crate) fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// One row of the summary table every report shows: a checked file.
pub(crate) struct Row<'a> {
    pub path: &'a std::path::Path,
    pub sender: &'a str,
    pub contact: &'a str,
    pub answered: usize,
    pub expected: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// The summary table's rows: the checked files, in order.
pub(crate) fn summary_rows(outcome: &Outcome) -> Vec<Row<'_>> {
    use crate::check::Status;
    outcome
        .files
        .iter()
        .filter(|f| f.status == Status::Checked)
        .map(|f| Row {
            path: &f.path,
            sender: f.sender.as_deref().unwrap_or("—"),
            contact: f.contact.as_deref().unwrap_or("—"),
            answered: f.answered,
            expected: f.expected,
            errors: outcome.count(&f.path, Severity::Error),
            warnings: outcome.count(&f.path, Severity::Warning),
        })
        .collect()
}

/// Where a version stands among its group's: `n` of "version n of m".
pub(crate) fn version_of(f: &crate::finding::Finding) -> usize {
    use crate::finding::Arg;
    let list = f.text.args.iter().find_map(|(name, a)| match a {
        Arg::List(items) if *name == "version" => items.first(),
        _ => None,
    });
    let n = list.and_then(|m| m.args.iter().find(|(name, _)| *name == "n"));
    match n {
        Some((_, Arg::Count(n))) => *n,
        _ => 0,
    }
}

/// The groups of versions among the findings, by their first file, each
/// from the oldest version to the newest.
pub(crate) fn version_groups(outcome: &Outcome) -> Vec<Vec<&crate::finding::Finding>> {
    let mut by_id: std::collections::BTreeMap<&str, Vec<&crate::finding::Finding>> =
        Default::default();
    for f in &outcome.findings {
        if let Some(g) = &f.group {
            by_id.entry(g).or_default().push(f);
        }
    }
    let mut groups: Vec<Vec<&crate::finding::Finding>> = by_id.into_values().collect();
    for g in &mut groups {
        g.sort_by_key(|f| version_of(f));
    }
    groups.sort_by(|a, b| {
        let first = |g: &[&crate::finding::Finding]| g.iter().map(|f| f.path.clone()).min();
        first(a).cmp(&first(b))
    });
    groups
}

/// The findings that show each pair of a group's tree once: from the
/// older version's side, so the changes read from older to newer.
pub(crate) fn group_pairs<'a>(
    members: &[&'a crate::finding::Finding],
) -> Vec<&'a crate::finding::Finding> {
    let mut seen = std::collections::BTreeSet::new();
    members
        .iter()
        .copied()
        .filter(|f| {
            let Some(other) = f.related.first() else {
                return false;
            };
            let pair = if f.path < other.path {
                (f.path.clone(), other.path.clone())
            } else {
                (other.path.clone(), f.path.clone())
            };
            seen.insert(pair)
        })
        .collect()
}

/// A finding as one text, for the formats that show nothing else: its
/// message, the words a near-duplicate changed, and its question.
pub(crate) fn full_message(f: &Finding) -> String {
    let mut text = f.message.clone();
    if let Some(changes) = f.changes.as_ref().filter(|c| !c.is_empty()) {
        let shown: Vec<String> = (changes.iter().take(5))
            .map(|c| format!("\"{}\" → \"{}\" (line {})", c.old, c.new, c.line))
            .collect();
        text.push_str(&format!(": {}", shown.join(", ")));
        let more = changes.len() - shown.len();
        if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
    }
    if let Some(q) = &f.question {
        text.push_str(&format!(" (question: {q})"));
    }
    text
}
