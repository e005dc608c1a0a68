//! `--format html`: one self-contained page for reviewers — a sortable
//! summary table, a similarity heat map of the whole corpus, each
//! near-duplicate pair side by side with the changed words marked, and each
//! submission's findings with the offending text quoted. No network: the
//! style and script are inlined.

use std::fmt::Write;

use quick_xml::escape::escape;

use super::{Emitter, Report};
use crate::check::{Outcome, Status};
use crate::finding::{Finding, Segment, Severity};
use crate::i18n::Lang;

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");

/// Pairs whose estimated similarity reaches this are drawn on the heat map.
pub const HEAT_FLOOR: f64 = 0.2;
/// Pairs this alike are drawn dark red.
const HEAT_STRONG: f64 = 0.6;
/// At most this many pairs are listed by name.
const LISTED_PAIRS: usize = 100;
/// A quoted source line is shortened to at most this many characters.
pub(super) const QUOTE_CHARS: usize = 400;

/// `s` escaped for HTML, a character that would turn the direction of what
/// follows shown as an escape.
pub(super) fn esc(s: &str) -> String {
    escape(crate::text::bidi_visible(s).as_ref()).into_owned()
}

/// `s` shortened for display to at most `max` characters: cut at the last
/// word boundary that fits (mid-word only when one word fills it all), with
/// "…" where it was cut.
pub(super) fn shorten(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= max {
        return s.into();
    }
    // Room for the ellipsis.
    let end = s
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(s.len(), |(i, _)| i);
    let head = &s[..end];
    let at_boundary = s[end..].starts_with(char::is_whitespace);
    let kept = match head.rfind(char::is_whitespace) {
        Some(i) if !at_boundary && !head[..i].trim_end().is_empty() => &head[..i],
        _ => head,
    };
    format!("{}…", kept.trim_end()).into()
}

pub(super) fn sev_class(s: Severity) -> &'static str {
    s.as_str()
}

fn segments(out: &mut String, segs: &[Segment], tag: &str) {
    for s in segs {
        if s.changed {
            let _ = write!(out, "<{tag}>{}</{tag}>", esc(&s.text));
        } else {
            out.push_str(&esc(&s.text));
        }
    }
}

/// `--format html`.
pub struct Html;

impl Emitter for Html {
    fn emit(&self, r: &Report) -> String {
        render(r.outcome, r.lang)
    }
}

/// Renders the whole report.
/// The round's senders: each expected sender, where they stand and their
/// files; then the files no expected sender sent.
fn round(out: &mut String, outcome: &Outcome, rc: &crate::round::RollCall, lang: Lang) {
    let t = lang.texts();
    let (head, counts) = super::round_heading(rc, lang);
    let _ = writeln!(
        out,
        "<section id=\"round\"><h2>{}</h2><p>{}</p>\n<table class=\"sortable\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(&head),
        esc(&counts),
        t.sender,
        t.status,
        t.file,
        t.errors,
        t.warnings
    );
    for s in &rc.senders {
        let files: Vec<String> = (s.files.iter())
            .map(|p| esc(&p.to_string_lossy()))
            .collect();
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            s.state.label(),
            esc(&s.sender.name),
            super::standing(s.state, lang),
            files.join("<br>"),
            s.errors,
            s.warnings
        );
    }
    let _ = writeln!(out, "</tbody></table>");
    for (p, sender) in super::unexpected(outcome, rc) {
        let sender = sender.map(|s| format!(" ({})", esc(s))).unwrap_or_default();
        let _ = writeln!(
            out,
            "<p>{}: {}{sender}</p>",
            t.unexpected,
            esc(&p.to_string_lossy())
        );
    }
    let _ = writeln!(out, "</section>");
}

fn render(outcome: &Outcome, lang: Lang) -> String {
    let t = lang.texts();
    let checked: Vec<_> = outcome
        .files
        .iter()
        .filter(|f| f.status == Status::Checked)
        .collect();
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>dubbelkoll — {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>",
        lang.code(),
        esc(t.report_title)
    );
    let count = |s: Severity| outcome.total(s);
    let _ = writeln!(
        out,
        "<header><h1>dubbelkoll — {}</h1><p>{} {} · {} {} · {} {} · {} {}</p></header>\n<main>",
        esc(t.report_title),
        checked.len(),
        t.files_checked,
        count(Severity::Error),
        t.errors.to_lowercase(),
        count(Severity::Warning),
        t.warnings.to_lowercase(),
        outcome.findings.len(),
        t.findings.to_lowercase()
    );

    if let Some(rc) = &outcome.round {
        round(&mut out, outcome, rc, lang);
    }
    // Summary table.
    let _ = writeln!(
        out,
        "<section id=\"summary\"><h2>{}</h2><p class=\"muted\">{}</p>\n<table class=\"sortable worklist\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t.summary, t.sort_hint, t.status, t.file, t.sender, t.contact, t.answered, t.errors, t.warnings
    );
    // The most urgent first: unfinished, then versions of one submission,
    // then contact problems, then the rest.
    let by_file = super::by_file(outcome);
    let mine = |p: &std::path::Path| by_file.get(p).map_or(&[][..], Vec::as_slice);
    let mut rows: Vec<(usize, &'static str, super::Row)> = super::summary_rows(outcome)
        .into_iter()
        .map(|r| {
            let (rank, status) = status(mine(r.path), lang);
            (rank, status, r)
        })
        .collect();
    rows.sort_by_key(|(rank, _, r)| (*rank, crate::finding::path_bytes(r.path)));
    for (rank, status, f) in rows {
        let (e, w) = (f.errors, f.warnings);
        let has_findings = !mine(f.path).is_empty();
        let name = esc(&f.path.to_string_lossy());
        let link = if has_findings {
            format!("<a href=\"#f-{}\">{name}</a>", anchor(f.path))
        } else {
            name
        };
        let _ = write!(
            out,
            "<tr><td class=\"status s{rank}\" data-sort=\"{rank}\">{status}</td>"
        );
        let ratio = if f.expected == 0 {
            0.0
        } else {
            f.answered as f64 / f.expected as f64
        };
        let _ = writeln!(
            out,
            "<td>{link}</td><td>{}</td><td>{}</td><td class=\"num\" data-sort=\"{ratio:.3}\">{}/{}</td><td class=\"num errors{}\">{e}</td><td class=\"num warnings{}\">{w}</td></tr>",
            esc(f.sender),
            esc(f.contact),
            f.answered,
            f.expected,
            if e > 0 { " some" } else { "" },
            if w > 0 { " some" } else { "" },
        );
    }
    out.push_str("</tbody></table>\n");
    let skipped: Vec<_> = outcome
        .files
        .iter()
        .filter(|f| f.status != Status::Checked)
        .collect();
    if !skipped.is_empty() {
        let _ = write!(out, "<h3>{}</h3><ul>", t.not_checked);
        for f in skipped {
            let _ = write!(
                out,
                "<li><code>{}</code>: {}</li>",
                esc(&f.path.to_string_lossy()),
                esc(f.reason.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");

    heat_map(&mut out, outcome, lang);
    pairs(&mut out, outcome, lang);

    // Findings per submission.
    let _ = writeln!(out, "<section id=\"findings\"><h2>{}</h2>", t.findings);
    if outcome.findings.is_empty() {
        let _ = write!(out, "<p>{}</p>", t.no_findings);
    }
    for f in &checked {
        let mine = mine(&f.path);
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<details open id=\"f-{}\"><summary>{} — {} ({})</summary><ul class=\"findings\">",
            anchor(&f.path),
            esc(&f.path.to_string_lossy()),
            esc(f.sender.as_deref().unwrap_or("—")),
            mine.len()
        );
        for x in mine {
            let _ = write!(
                out,
                "<li class=\"{}\"><span class=\"sev\">{}</span> <code title=\"{}\">{}</code> <span class=\"muted\">{} {}:{}</span> {}",
                sev_class(x.severity),
                lang.severity(x.severity),
                esc(crate::rules::lookup(x.rule).map_or("", |r| r.title(lang))),
                x.rule,
                t.line,
                x.line,
                x.column,
                esc(&crate::rules::message(x, lang))
            );
            details(&mut out, outcome, x, lang);
            out.push_str("</li>\n");
        }
        out.push_str("</ul></details>\n");
    }
    out.push_str("</section>\n</main>\n");
    let _ = writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>");
    out
}

/// Under a finding: its question, the line it quotes (shortened), and in
/// a round its id and decision.
pub(super) fn details(out: &mut String, outcome: &Outcome, f: &Finding, lang: Lang) {
    if let Some(q) = &f.question {
        let t = lang.texts();
        let _ = write!(
            out,
            "<div class=\"question\">{}: {}</div>",
            t.question,
            esc(q)
        );
    }
    if let Some(line) = &f.source {
        let shown = shorten(line.trim(), QUOTE_CHARS);
        let _ = write!(out, "<blockquote>{}</blockquote>", esc(&shown));
    }
    if let Some(line) = super::decision_line(outcome, f, lang) {
        let _ = write!(out, "<div class=\"decision muted\">{}</div>", esc(&line));
    }
}

/// A checked file's status in the worklist, and its rank (most urgent 0):
/// unfinished (an error about an answer, a question or the header), a
/// version of a submission with others, a contact problem, or OK.
pub(super) fn status(mine: &[&Finding], lang: Lang) -> (usize, &'static str) {
    let t = lang.texts();
    let unfinished = mine.iter().any(|f| {
        f.severity == Severity::Error && (f.rule.starts_with("MISS") || f.rule.starts_with("FORM"))
    });
    if unfinished {
        (0, t.status_unfinished)
    } else if mine.iter().any(|f| f.group.is_some()) {
        (1, t.status_version)
    } else if mine
        .iter()
        .any(|f| f.rule.starts_with("CONT") && f.severity >= Severity::Warning)
    {
        (2, t.status_contact)
    } else {
        (3, t.status_ok)
    }
}

/// JSON to embed in a `<script>` element: nothing in it can end the
/// element or open a comment (`<`, `>`, `&` as escapes), and U+2028/U+2029,
/// line ends to older JavaScript, are escaped too.
fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A fragment identifier for a path.
fn anchor(path: &std::path::Path) -> String {
    crate::finding::path_bytes(path)
        .iter()
        .copied()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("_{b:02x}")
            }
        })
        .collect()
}

fn heat_map(out: &mut String, outcome: &Outcome, lang: Lang) {
    let t = lang.texts();
    // Heat-map rows are the checked files; pairs index all files.
    let rows: Vec<usize> = (0..outcome.files.len())
        .filter(|&i| outcome.files[i].status == Status::Checked)
        .collect();
    let row_of = |i: usize| rows.binary_search(&i).ok();
    let mut pairs: Vec<(usize, usize, f32)> = outcome
        .pairs
        .iter()
        .filter_map(|&(i, j, s)| Some((row_of(i)?, row_of(j)?, s)))
        .collect();
    pairs.sort_by_key(|p| (p.0, p.1));
    let names: Vec<String> = rows
        .iter()
        .map(|&i| outcome.files[i].path.to_string_lossy().into_owned())
        .collect();
    let data = serde_json::json!({
        "files": names,
        "pairs": pairs.iter().map(|(i, j, s)| serde_json::json!([i, j, (*s as f64 * 1000.0).round() / 1000.0])).collect::<Vec<_>>(),
        "floor": HEAT_FLOOR,
        "strong": HEAT_STRONG,
    });
    let _ = writeln!(
        out,
        "<section id=\"similarity\"><h2>{}</h2><p class=\"muted\">{}</p><div id=\"heat-wrap\"><div><canvas id=\"heat\" width=\"1\" height=\"1\" aria-label=\"{}\"></canvas><div id=\"heat-tip\"></div></div>",
        t.similarity_map,
        t.similarity_help,
        t.similarity_map
    );
    let mut top = pairs.clone();
    top.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    // A verified pair shows its verified similarity; the others the
    // estimate the heat map draws, marked as one.
    let verified: std::collections::BTreeMap<(String, String), f64> = (outcome.findings.iter())
        .filter_map(|f| {
            let other = f.related.first()?.path.to_string_lossy().into_owned();
            let me = f.path.to_string_lossy().into_owned();
            let key = if me < other { (me, other) } else { (other, me) };
            Some((key, f.similarity.filter(|_| f.group.is_some())?))
        })
        .collect();
    let _ = write!(
        out,
        "<div><h3 id=\"most-alike\">{}</h3><ol class=\"pairs\" tabindex=\"0\" aria-labelledby=\"most-alike\">",
        t.most_alike
    );
    for (i, j, s) in top.iter().take(LISTED_PAIRS) {
        let key = (names[*i].clone(), names[*j].clone());
        let shown = match verified.get(&key) {
            Some(v) => format!("{} %", lang.decimal(v * 100.0, 1)),
            None => format!("≈ {} %", lang.decimal(*s as f64 * 100.0, 0)),
        };
        let _ = write!(
            out,
            "<li>{} ~ {} <span class=\"muted\">{shown}</span></li>",
            esc(&names[*i]),
            esc(&names[*j]),
        );
    }
    out.push_str("</ol></div></div>\n");
    let json = script_json(&data.to_string());
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"heat-data\">{json}</script></section>"
    );
}

/// One block per group of versions: its members from the oldest to the
/// newest, then each pair of its tree side by side, once.
fn pairs(out: &mut String, outcome: &Outcome, lang: Lang) {
    let t = lang.texts();
    let groups = super::version_groups(outcome);
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(out, "<section id=\"pairs\"><h2>{}</h2>", t.near_duplicates);
    for (group, members) in groups {
        let _ = write!(
            out,
            "<div class=\"group\"><h3>{} ({})</h3>",
            t.versions,
            group.members.len()
        );
        if group.by_similarity_only {
            let _ = write!(out, "<p class=\"muted\">{}</p>", lang.by_similarity_only());
        }
        out.push_str("<ol class=\"versions\">");
        for (i, path) in group.members.iter().enumerate() {
            let newest = if i + 1 == group.members.len() {
                format!(" <strong>({})</strong>", esc(&group.newest_by.said(lang)))
            } else {
                String::new()
            };
            let _ = write!(out, "<li>{}{newest}</li>", esc(&path.to_string_lossy()));
        }
        out.push_str("</ol>\n");
        // Each pair as (older, newer), in the order of the versions.
        let mut shown: Vec<(&Finding, _)> = super::group_pairs(group, &members)
            .into_iter()
            .filter_map(|f| {
                let other = &f.related.first()?.path;
                let (a, b) = (group.position(&f.path), group.position(other));
                Some((f, (a.min(b), a.max(b))))
            })
            .collect();
        shown.sort_by_key(|&(_, key)| key);
        for (f, _) in shown {
            pair(out, f, group, lang);
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

/// One pair of versions: its similarity, and its changed answers side by
/// side, the older version on the left (its words that went struck
/// through) and the newer on the right (its new words marked), whichever
/// side's finding shows the pair.
pub(super) fn pair(
    out: &mut String,
    f: &Finding,
    group: &crate::versions::VersionGroup,
    lang: Lang,
) {
    let t = lang.texts();
    let Some(other) = f.related.first() else {
        return;
    };
    // A finding of the newer version (the older one's was filtered out)
    // sees the pair from the other side: turned round.
    let flip = group.position(&f.path) > group.position(&other.path);
    let (older, newer) = if flip {
        (&other.path, &f.path)
    } else {
        (&f.path, &other.path)
    };
    let head = match &f.changes {
        Some(c) => lang.pair_summary(f.similarity.unwrap_or(1.0), c.len()),
        None => t.identical.to_string(),
    };
    let _ = writeln!(
        out,
        "<div class=\"pair\"><h4>{} ~ {} <span class=\"muted\">{}</span></h4>",
        esc(&older.to_string_lossy()),
        esc(&newer.to_string_lossy()),
        head
    );
    if let (Some(_), Some(rows)) = (&f.changes, &f.aligned) {
        let _ = writeln!(
            out,
            "<table class=\"sbs\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            esc(&older.to_string_lossy()),
            esc(&newer.to_string_lossy())
        );
        let changed = rows
            .iter()
            .filter(|r| r.left.iter().chain(&r.right).any(|s| s.changed));
        for row in changed {
            let (old, new) = if flip {
                (&row.right, &row.left)
            } else {
                (&row.left, &row.right)
            };
            let _ = write!(
                out,
                "<tr><th class=\"q\" colspan=\"2\" scope=\"colgroup\">{}</th></tr><tr><td>",
                esc(&row.question)
            );
            segments(out, old, "del");
            out.push_str("</td><td>");
            segments(out, new, "ins");
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::finding::Pos;
    use crate::finding::{AlignedAnswer, Change, Location, Message};
    use crate::versions::{NewestBy, VersionGroup};

    fn finding(rule: &'static str, path: &str, line: u32) -> Finding {
        Finding::new(
            rule,
            Severity::Error,
            Path::new(path),
            Pos { line, column: 1 },
            Message::new("test"),
            "a test finding".into(),
        )
    }

    #[test]
    fn text_is_shortened_at_a_word_boundary_with_an_ellipsis() {
        assert_eq!(shorten("kort text", 9), "kort text");
        assert_eq!(shorten("det samordnande ansvaret", 20), "det samordnande…");
        // A cut that falls just before a space keeps the last word whole.
        assert_eq!(shorten("det samordnande ansvaret", 16), "det samordnande…");
        assert_eq!(shorten("ett, två tre", 6), "ett,…");
        // One word longer than the room: cut inside it, still marked.
        assert_eq!(shorten("Skärholmensspecifika", 8), "Skärhol…");
        for max in 2..40 {
            let s = "Stadsdelsförvaltningen har det samordnande ansvaret för platssamverkan";
            let short = shorten(s, max);
            assert!(short.chars().count() <= max, "{max}: {short}");
            assert!(short.ends_with('…'), "{max}: {short}");
        }
    }

    #[test]
    fn a_long_quoted_line_ends_with_a_whole_word_and_an_ellipsis() {
        let line =
            "Stadsdelsförvaltningen har det samordnande ansvaret för platssamverkan. ".repeat(8);
        let mut f = finding("MISS001", "a.txt", 3);
        f.source = Some(line.clone());
        let outcome = Outcome {
            files: vec![crate::check::FileReport {
                path: PathBuf::from("a.txt"),
                status: Status::Checked,
                reason: None,
                variant: None,
                sender: None,
                contact: None,
                email: None,
                answered: 0,
                expected: 0,
            }],
            findings: vec![f],
            ..Outcome::default()
        };
        let html = render(&outcome, Lang::Sv);
        let quote = html
            .split("<blockquote>")
            .nth(1)
            .and_then(|q| q.split("</blockquote>").next())
            .expect("the line quoted");
        let kept = quote
            .strip_suffix('…')
            .expect("an ellipsis where it was cut");
        assert!(quote.chars().count() <= QUOTE_CHARS, "{quote}");
        assert!(line.starts_with(kept), "{kept}");
        assert!(line[kept.len()..].starts_with(' '), "cut mid-word: {kept}");
    }

    #[test]
    fn the_worklist_is_not_in_a_scroll_box() {
        let html = render(&Outcome::default(), Lang::Sv);
        let summary = html
            .split("<section id=\"summary\">")
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .unwrap();
        assert!(summary.contains("<table class=\"sortable worklist\">"));
        assert!(!summary.contains("<div"), "{summary}");
        assert!(!STYLE.contains(".scroll"), "a scroll box in the style");
    }

    /// Two versions, their pair shown from the newer one's finding (the
    /// older one's filtered out, as `--only` does): still the older on the
    /// left with its words struck through, the newer on the right.
    #[test]
    fn a_pair_shown_from_its_newer_side_is_turned_round() {
        let (old, new) = ("b_old.txt", "a_new.txt");
        let mut f = finding("DUP001", new, 7);
        f.group = Some(new.into());
        f.similarity = Some(0.99);
        f.related = vec![Location {
            path: PathBuf::from(old),
            line: 7,
            column: 1,
        }];
        f.changes = Some(vec![Change {
            old: "samarbete".into(),
            new: "samverkan".into(),
            line: 7,
            related_line: 7,
            question: "Fråga".into(),
            before: String::new(),
            after: String::new(),
        }]);
        let seg = |text: &str, changed| Segment {
            text: text.into(),
            changed,
        };
        // As the newer file sees it: its own text on the left.
        f.aligned = Some(vec![AlignedAnswer {
            question: "Fråga".into(),
            left: vec![seg("i ", false), seg("samarbete", true), seg(".", false)],
            right: vec![seg("i ", false), seg("samverkan", true), seg(".", false)],
        }]);
        let outcome = Outcome {
            findings: vec![f],
            versions: vec![VersionGroup {
                id: new.into(),
                members: vec![PathBuf::from(old), PathBuf::from(new)],
                newest_by: NewestBy::Date {
                    date: "2022-05-09".into(),
                },
                by_similarity_only: false,
            }],
            ..Outcome::default()
        };
        let html = render(&outcome, Lang::Sv);
        assert!(
            html.contains(&format!("<h4>{old} ~ {new} <span class=\"muted\">")),
            "{html}"
        );
        assert!(html.contains(&format!(
            "<thead><tr><th scope=\"col\">{old}</th><th scope=\"col\">{new}</th></tr></thead>"
        )));
        assert!(
            html.contains("<td>i <del>samverkan</del>.</td><td>i <ins>samarbete</ins>.</td>"),
            "{html}"
        );
    }

    #[test]
    fn embedded_json_cannot_end_its_script() {
        let names = serde_json::json!({"files": ["<!--<script>.txt", "a</script>&\u{2028}.txt"]});
        let json = script_json(&names.to_string());
        assert!(!json.contains(['<', '>', '&', '\u{2028}']), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, names);
    }
}
