//! The default report for a reviewer at a terminal: findings grouped by
//! file, each with its source line, then files that were not checked, a
//! summary table and the totals.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use comfy_table::{
    presets::UTF8_FULL_CONDENSED, ColumnConstraint, ContentArrangement, Table, Width,
};

use super::{paint, severity_style, Emitter, Report};
use crate::check::{Outcome, Status};
use crate::finding::{Change, Finding, Severity};
use crate::i18n::Lang;
use crate::round::{RollCall, State};
use crate::text::visible;

/// A path as the terminal shows it: lossy, control characters escaped.
fn shown(p: &std::path::Path) -> String {
    visible(&p.to_string_lossy()).into_owned()
}

/// The default report for a terminal.
pub struct Human;

impl Emitter for Human {
    fn emit(&self, r: &Report) -> String {
        render(r.outcome, r.color, r.summary, r.lang)
    }
}

/// The round's senders: how many stand where, who has not sent in, who has
/// a submission to complete, and the files no expected sender sent.
fn round(out: &mut String, outcome: &Outcome, rc: &RollCall, color: bool, lang: Lang) {
    let t = lang.texts();
    let (head, counts) = super::round_heading(rc, lang);
    let _ = writeln!(out, "{}", paint(color, Style::new().bold(), &head));
    let _ = writeln!(out, "  {counts}");
    for state in [State::Missing, State::ToComplete, State::Asked] {
        let said = super::standing(state, lang);
        for s in rc.in_state(state) {
            let _ = writeln!(out, "  {said}: {}", visible(&s.sender.name));
        }
    }
    for s in rc.senders.iter().filter(|s| s.submissions > 1) {
        let several = t.several.replace("{n}", &s.submissions.to_string());
        let _ = writeln!(out, "  {}: {several}", visible(&s.sender.name));
    }
    for (p, sender) in super::unexpected(outcome, rc) {
        let sender = sender
            .map(|s| format!(" ({})", visible(s)))
            .unwrap_or_default();
        let _ = writeln!(out, "  {}: {}{sender}", t.unexpected, shown(p));
    }
    out.push('\n');
}

/// Renders the findings; with `summary`, also the files not checked, the
/// summary table and the totals.
fn render(outcome: &Outcome, color: bool, summary: bool, lang: Lang) -> String {
    let mut out = String::new();
    let dim = Style::new().dimmed();
    let bold = Style::new().bold();
    let mut current: Option<&std::path::Path> = None;
    for f in &outcome.findings {
        if current != Some(f.path.as_path()) {
            if current.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", paint(color, bold.underline(), &shown(&f.path)));
            current = Some(&f.path);
        }
        render_finding(&mut out, f, color, dim, lang);
        decision(&mut out, outcome, f, color, lang);
    }
    versions(&mut out, outcome, color, lang);
    if !summary {
        return out;
    }
    let not_checked: Vec<_> = outcome
        .files
        .iter()
        .filter(|f| f.status != Status::Checked)
        .collect();
    if !not_checked.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        let heading = format!("{}:", lang.texts().not_checked);
        let _ = writeln!(out, "{}", paint(color, bold, &heading));
        for f in not_checked {
            let status = match f.status {
                Status::Error => paint(
                    color,
                    severity_style(Severity::Error),
                    lang.severity(Severity::Error),
                ),
                _ => paint(color, dim, lang.texts().skipped),
            };
            let _ = writeln!(
                out,
                "  {}: {status}: {}",
                shown(&f.path),
                visible(f.reason.as_deref().unwrap_or(""))
            );
        }
    }
    if outcome.any_checked() {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", summary_table(outcome, lang));
    }
    if let Some(rc) = &outcome.round {
        round(&mut out, outcome, rc, color, lang);
    }
    let count = |s: Severity| outcome.total(s);
    let checked = outcome
        .files
        .iter()
        .filter(|f| f.status == Status::Checked)
        .count();
    let totals = lang
        .texts()
        .totals
        .replace("{n}", &outcome.findings.len().to_string())
        .replace("{e}", &count(Severity::Error).to_string())
        .replace("{w}", &count(Severity::Warning).to_string())
        .replace("{i}", &count(Severity::Info).to_string())
        .replace("{c}", &checked.to_string())
        .replace("{f}", &outcome.files.len().to_string());
    let _ = writeln!(out, "{totals}");
    out
}

fn render_finding(out: &mut String, f: &Finding, color: bool, dim: Style, lang: Lang) {
    let label = format!("{}[{}]", lang.severity(f.severity), f.rule);
    let _ = writeln!(
        out,
        "{}:{}:{}: {} {}",
        shown(&f.path),
        f.line,
        f.column,
        paint(color, severity_style(f.severity), &label),
        visible(&crate::rules::message(f, lang))
    );
    let gutter = f.line.to_string().len().max(4);
    if let Some(line) = &f.source {
        // Long lines (a Word paragraph) are shown as a window around the
        // column; control characters as escapes, the caret moved past them.
        let chars: Vec<char> = line.trim_end().chars().collect();
        let from = (f.column as usize)
            .saturating_sub(1)
            .saturating_sub(60)
            .min(chars.len());
        let to = (from + 160).min(chars.len());
        let lead = if from > 0 { "…" } else { "" };
        let tail = if to < chars.len() { "…" } else { "" };
        let window: String = chars[from..to].iter().collect();
        let upto: String = chars[from..(f.column as usize).saturating_sub(1).clamp(from, to)]
            .iter()
            .collect();
        let shown = format!("{lead}{}{tail}", visible(&window));
        let column = visible(&upto).chars().count() + 1 + lead.chars().count();
        let _ = writeln!(
            out,
            "{} {shown}",
            paint(color, dim, &format!("{:>gutter$} |", f.line))
        );
        let pad = " ".repeat(column.saturating_sub(1));
        if column <= shown.chars().count() {
            let caret = paint(color, severity_style(f.severity), "^");
            let _ = writeln!(
                out,
                "{} {pad}{caret}",
                paint(color, dim, &format!("{:>gutter$} |", ""))
            );
        }
    }
    // The versions of a submission are shown together, in one block below.
    if f.group.is_some() {
        let _ = writeln!(
            out,
            "{} {}",
            paint(color, dim, &format!("{:>gutter$} =", "")),
            lang.texts().versions_below
        );
        return;
    }
    if let (Some(changes), Some(other)) = (&f.changes, f.related.first()) {
        let block = render_pair(
            &f.path,
            &other.path,
            f.similarity.unwrap_or(0.0),
            changes,
            color,
            lang,
        );
        for line in block.lines() {
            let _ = writeln!(out, "{:>gutter$}   {line}", "");
        }
        return;
    }
    if let Some(q) = &f.question {
        let _ = writeln!(
            out,
            "{} {}: {}",
            paint(color, dim, &format!("{:>gutter$} =", "")),
            lang.texts().question.to_lowercase(),
            visible(q)
        );
    }
    for r in &f.related {
        let _ = writeln!(
            out,
            "{} {} {}:{}:{}",
            paint(
                color,
                AnsiColor::Blue.on_default(),
                &format!("{:>gutter$} =", "")
            ),
            lang.texts().see,
            shown(&r.path),
            r.line,
            r.column
        );
    }
}

/// In a round, a finding's id (for `dubbelkoll mark`) and what was decided
/// about it.
fn decision(out: &mut String, outcome: &Outcome, f: &Finding, color: bool, lang: Lang) {
    let Some(line) = super::decision_line(outcome, f, lang) else {
        return;
    };
    let gutter = f.line.to_string().len().max(4);
    let dim = Style::new().dimmed();
    let _ = writeln!(
        out,
        "{} {}",
        paint(color, dim, &format!("{:>gutter$} =", "")),
        visible(&line)
    );
}

/// One block per group of versions: its members from the oldest to the
/// newest, then the changes along its tree, each pair once.
fn versions(out: &mut String, outcome: &Outcome, color: bool, lang: Lang) {
    let t = lang.texts();
    for (group, members) in super::version_groups(outcome) {
        if !out.is_empty() {
            out.push('\n');
        }
        let head = format!("{} ({})", t.versions, group.members.len());
        let _ = writeln!(out, "{}", paint(color, Style::new().bold(), &head));
        if group.by_similarity_only {
            let _ = writeln!(out, "  {}", lang.by_similarity_only());
        }
        for (i, path) in group.members.iter().enumerate() {
            let newest = if i + 1 == group.members.len() {
                format!(" ({})", group.newest_by.said(lang))
            } else {
                String::new()
            };
            let _ = writeln!(out, "  {}. {}{newest}", i + 1, shown(path));
        }
        for f in super::group_pairs(group, &members) {
            let Some(other) = f.related.first() else {
                continue;
            };
            match &f.changes {
                Some(changes) => {
                    let sim = f.similarity.unwrap_or(0.0);
                    let block = render_pair(&f.path, &other.path, sim, changes, color, lang);
                    for line in block.lines() {
                        let _ = writeln!(out, "  {line}");
                    }
                }
                None => {
                    let (a, b) = (shown(&f.path), shown(&other.path));
                    let _ = writeln!(out, "  {a} = {b}: {}", t.identical);
                }
            }
        }
    }
}

/// The summary table's width: a 100-column terminal's, wrapping by column.
const TABLE_WIDTH: u16 = 100;

/// One row per file: nämnd, contact, answered questions, errors, warnings.
/// It fits [`TABLE_WIDTH`] columns: the folder all the files share is said
/// once under the header, a path keeps its width (up to half the table) and
/// the names beside it wrap by words.
pub fn summary_table(outcome: &Outcome, lang: Lang) -> Table {
    let w = lang.texts();
    let rows = super::summary_rows(outcome);
    let paths: Vec<String> = rows.iter().map(|r| shown(r.path)).collect();
    let folder = shared_folder(&paths);
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(TABLE_WIDTH);
    let file_header = match folder {
        "" => w.file.to_string(),
        f => format!("{}\n{f}", w.file),
    };
    t.set_header([
        &file_header,
        w.sender,
        w.contact,
        w.answered,
        w.errors,
        w.warnings,
    ]);
    // A column is never narrower than its longest word (a path is one), up
    // to a share of the table, so that words wrap whole.
    let names: Vec<&str> = paths.iter().map(|p| &p[folder.len()..]).collect();
    let senders: Vec<&str> = rows.iter().map(|r| r.sender).collect();
    let contacts: Vec<&str> = rows.iter().map(|r| r.contact).collect();
    let limits = [TABLE_WIDTH / 2, TABLE_WIDTH / 3, TABLE_WIDTH / 5];
    for (i, (column, limit)) in [names, senders, contacts].iter().zip(limits).enumerate() {
        let word = column
            .iter()
            .flat_map(|c| c.split(' '))
            .map(|w| w.chars().count());
        let width = (word.max().unwrap_or(0) + 2).min(usize::from(limit)) as u16;
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
        }
    }
    for (row, path) in rows.iter().zip(&paths) {
        t.add_row([
            path[folder.len()..].to_string(),
            visible(row.sender).into_owned(),
            visible(row.contact).into_owned(),
            format!("{}/{}", row.answered, row.expected),
            row.errors.to_string(),
            row.warnings.to_string(),
        ]);
    }
    t
}

/// The folder every path lies in, with its final `/`: `a/b/` for `a/b/x`
/// and `a/b/c/y`; empty when they share none (or there is one path's name).
fn shared_folder(paths: &[String]) -> &str {
    let Some(first) = paths.first() else {
        return "";
    };
    let mut end = first.rfind('/').map_or(0, |i| i + 1);
    for p in &paths[1..] {
        while end > 0 && !(p.len() > end && p.as_bytes()[..end] == first.as_bytes()[..end]) {
            end = first[..end - 1].rfind('/').map_or(0, |i| i + 1);
        }
    }
    &first[..end]
}

/// A near-duplicate pair, like `git diff --word-diff`: a header with the
/// similarity, then each change under its question with both line numbers
/// and the words around it, `[-old-]{+new+}`.
pub fn render_pair(
    a: &std::path::Path,
    b: &std::path::Path,
    similarity: f64,
    changes: &[Change],
    color: bool,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let n = changes.len();
    let header = format!(
        "{} ~ {}  {}",
        shown(a),
        shown(b),
        lang.pair_summary(similarity, n)
    );
    let _ = writeln!(out, "{}", paint(color, Style::new().bold(), &header));
    let mut question: Option<&str> = None;
    for c in changes {
        if question != Some(c.question.as_str()) {
            let _ = writeln!(
                out,
                "  {}",
                paint(color, AnsiColor::Cyan.on_default(), &visible(&c.question))
            );
            question = Some(&c.question);
        }
        let old = if c.old.is_empty() {
            String::new()
        } else {
            paint(
                color,
                AnsiColor::Red.on_default(),
                &format!("[-{}-]", visible(&clip_words(&c.old))),
            )
        };
        let new = if c.new.is_empty() {
            String::new()
        } else {
            paint(
                color,
                AnsiColor::Green.on_default(),
                &format!("{{+{}+}}", visible(&clip_words(&c.new))),
            )
        };
        let before = if c.before.is_empty() {
            String::new()
        } else {
            format!("…{}", visible(&c.before))
        };
        let after = if c.after.is_empty() {
            String::new()
        } else {
            format!("{}…", visible(&c.after))
        };
        let _ = writeln!(
            out,
            "    {} ~ {}: {before}{old}{new}{after}",
            c.line, c.related_line
        );
    }
    out
}

/// Long insertions and deletions are shown by their first and last words.
fn clip_words(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() <= 24 {
        return s.to_string();
    }
    format!(
        "{} … {}",
        words[..12].join(" "),
        words[words.len() - 8..].join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Pos;
    use crate::rules::date001;

    #[test]
    fn long_lines_show_a_window_with_the_caret_under_the_column() {
        let line = format!(
            "{}kommer under 2021 att{}",
            "x".repeat(300),
            "y".repeat(300)
        );
        let mut f = date001::RULE.finding(
            std::path::Path::new("a.txt"),
            Pos {
                line: 3,
                column: 301,
            },
            crate::finding::Message::new("main"),
        );
        f.source = Some(line.clone());
        let mut out = String::new();
        render_finding(&mut out, &f, false, Style::new(), Lang::En);
        let lines: Vec<&str> = out.lines().collect();
        let text_at = lines[1].find("kommer").unwrap();
        let caret_at = lines[2].find('^').unwrap();
        assert_eq!(
            lines[1][..text_at].chars().count(),
            lines[2][..caret_at].chars().count()
        );
        assert!(lines[1].contains(" | …x") && lines[1].ends_with("…"));
    }
}
