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
pub mod pages;
pub mod paths;
pub mod rdjson;
pub mod sarif;
pub mod show;
pub mod statistics;

use anstyle::{AnsiColor, Style};

use std::path::Path;

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
    /// quoted source lines (human, HTML; rdjson counts its columns in the
    /// line's bytes), near-duplicates side by side and the corpus's
    /// similarity (HTML). Adds to what other formats of the same scan asked
    /// for, never takes it away: one scan can feed several formats.
    pub fn prepare(self, options: &mut crate::check::Options) {
        options.quote |= matches!(self, Format::Human | Format::Html | Format::Rdjson);
        if self == Format::Html {
            options.corpus.side_by_side = true;
            options.pair_floor = Some(html::HEAT_FLOOR);
        }
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
/// In a round, a finding's id (for `dubbelkoll mark`) and what was decided
/// about it: "id 700e2b6aec22 · handled by anna 2026-12-02 16:48: note".
pub(crate) fn decision_line(
    outcome: &Outcome,
    f: &Finding,
    lang: crate::i18n::Lang,
) -> Option<String> {
    use crate::decisions::State;
    let ids = outcome.ids.as_ref()?;
    let t = lang.texts();
    let id = ids.of(f);
    let mut line = format!("id {}", &id[..12]);
    if let Some(d) = outcome.decisions.get(&id) {
        let state = match d.state {
            State::Handled => t.decided_handled,
            State::Accepted => t.decided_accepted,
            State::Asked => t.decided_asked,
            State::Open => t.decided_open,
        };
        let said = (t.decided)
            .replace("{state}", state)
            .replace("{by}", &d.by)
            .replace("{at}", &d.at);
        line = format!("{line} · {said}");
        if let Some(note) = &d.note {
            line = format!("{line}: {note}");
        }
    }
    Some(line)
}

/// Where a sender of the round stands, in words.
pub(crate) fn standing(state: crate::round::State, lang: crate::i18n::Lang) -> &'static str {
    use crate::round::State;
    let t = lang.texts();
    match state {
        State::Complete => t.state_complete,
        State::ToComplete => t.state_to_complete,
        State::Asked => t.decided_asked,
        State::Missing => t.state_missing,
    }
}

/// The round's heading and its counts: "Senders of the round (deadline
/// …)", "5 expected: 1 complete, 2 to complete, 2 not sent in".
pub(crate) fn round_heading(
    rc: &crate::round::RollCall,
    lang: crate::i18n::Lang,
) -> (String, String) {
    use crate::round::State;
    let t = lang.texts();
    let mut head = t.round.to_string();
    if let Some(d) = &rc.deadline {
        head = format!("{head} ({})", t.round_deadline.replace("{deadline}", d));
    }
    let n = |s: State| rc.in_state(s).count();
    let counts = (t.round_counts)
        .replace("{x}", &rc.senders.len().to_string())
        .replace("{c}", &n(State::Complete).to_string())
        .replace("{t}", &(n(State::ToComplete) + n(State::Asked)).to_string())
        .replace("{m}", &n(State::Missing).to_string());
    (head, counts)
}

/// Where the round's senders stand, in lines: "Senders of the round
/// (deadline …): 5 expected: 1 complete, …", then each state with its
/// senders, the most urgent first ("not sent in: Trafikkontoret, …").
pub(crate) fn round_summary(rc: &crate::round::RollCall, lang: crate::i18n::Lang) -> Vec<String> {
    use crate::round::State;
    let (head, counts) = round_heading(rc, lang);
    let mut out = vec![format!("{head}: {counts}")];
    for state in [
        State::Missing,
        State::ToComplete,
        State::Asked,
        State::Complete,
    ] {
        let names: Vec<&str> = (rc.in_state(state))
            .map(|s| s.sender.name.as_str())
            .collect();
        if !names.is_empty() {
            out.push(format!("{}: {}", standing(state, lang), names.join(", ")));
        }
    }
    out
}

/// The files no expected sender sent, each with its sender field's value.
pub(crate) fn unexpected<'a>(
    outcome: &'a Outcome,
    rc: &'a crate::round::RollCall,
) -> impl Iterator<Item = (&'a std::path::Path, Option<&'a str>)> {
    rc.unexpected.iter().map(|p| {
        let sender = (outcome.files.iter())
            .find(|f| &f.path == p)
            .and_then(|f| f.sender.as_deref());
        (p.as_path(), sender)
    })
}

pub(crate) fn summary_rows(outcome: &Outcome) -> Vec<Row<'_>> {
    use crate::check::Status;
    let mine = by_file(outcome);
    let count = |p: &Path, s: Severity| {
        let theirs = mine.get(p).map_or(&[][..], Vec::as_slice);
        theirs.iter().filter(|f| f.severity == s).count()
    };
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
            errors: count(&f.path, Severity::Error),
            warnings: count(&f.path, Severity::Warning),
        })
        .collect()
}

/// Each file's findings, in one pass (a table of a thousand files looks
/// each up, never all findings again).
pub(crate) fn by_file(outcome: &Outcome) -> std::collections::HashMap<&Path, Vec<&Finding>> {
    let mut mine: std::collections::HashMap<&Path, Vec<&Finding>> = Default::default();
    for f in &outcome.findings {
        mine.entry(f.path.as_path()).or_default().push(f);
    }
    mine
}

/// The groups of versions with their members' findings, each from the
/// oldest version to the newest (a member whose finding was filtered out,
/// by `--only` or a per-file ignore, is left out).
pub(crate) fn version_groups(
    outcome: &Outcome,
) -> Vec<(
    &crate::versions::VersionGroup,
    Vec<&crate::finding::Finding>,
)> {
    outcome
        .versions
        .iter()
        .map(|g| {
            let mut members: Vec<&crate::finding::Finding> = (outcome.findings.iter())
                .filter(|f| f.group.as_deref() == Some(g.id.as_str()))
                .collect();
            members.sort_by_key(|f| g.position(&f.path));
            (g, members)
        })
        .filter(|(_, m)| !m.is_empty())
        .collect()
}

/// The findings that show each pair of a group's tree once: from the
/// older version's side, so the changes read from older to newer.
pub(crate) fn group_pairs<'a>(
    group: &crate::versions::VersionGroup,
    members: &[&'a crate::finding::Finding],
) -> Vec<&'a crate::finding::Finding> {
    let mut seen = std::collections::BTreeSet::new();
    let older = |f: &crate::finding::Finding, other: &std::path::Path| {
        group.position(&f.path) < group.position(other)
    };
    // A pair whose older side's finding was filtered out shows from the
    // newer side.
    let shown: Vec<&'a crate::finding::Finding> = (members.iter().copied())
        .filter(|f| f.related.first().is_some_and(|o| older(f, &o.path)))
        .chain(members.iter().copied())
        .collect();
    shown
        .into_iter()
        .filter(|f| {
            let Some(other) = f.related.first() else {
                return false;
            };
            let pair = if older(f, &other.path) {
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
