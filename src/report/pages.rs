//! The pages of `dubbelkoll serve`: the round's senders
//! and submissions, one submission with its findings beside its answers,
//! one finding with its versions' changes and the form that records a
//! decision, and a letter before it is downloaded. Plain HTML rendered from
//! what the check kept; every link is under the run's secret base, every
//! value escaped, and things are named by ids, never by paths.

use std::fmt::Write;
use std::path::Path;

use super::html::{details, esc, pair, sev_class, status};
use crate::check::{Outcome, Status};
use crate::finding::Finding;
use crate::i18n::Lang;

/// The pages' own stylesheet, after the HTML report's.
pub const STYLE: &str = concat!(
    include_str!("html/style.css"),
    include_str!("html/pages.css")
);
/// The pages' script: each page follows the round as it changes.
pub const SCRIPT: &str = include_str!("html/pages.js");

/// What every page needs: the base of its links (`/TOKEN`), the check it
/// shows (a number that grows with each check) and the language.
pub struct Page<'a> {
    pub base: &'a str,
    pub generation: u64,
    pub lang: Lang,
    /// Why the last check failed, if it did: the page shows the one before.
    pub trouble: Option<&'a str>,
}

/// A letter as a page shows it.
pub struct LetterView<'a> {
    pub id: &'a str,
    pub sender: &'a str,
    pub to: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
}

struct Words {
    title: &'static str,
    submissions: &'static str,
    overview: &'static str,
    letters: &'static str,
    no_letters: &'static str,
    compile: &'static str,
    compile_hint: &'static str,
    docx: &'static str,
    xlsx: &'static str,
    answers: &'static str,
    decision: &'static str,
    state: &'static str,
    note: &'static str,
    by: &'static str,
    save: &'static str,
    undecided: &'static str,
    explanation: &'static str,
    to: &'static str,
    no_address: &'static str,
    download: &'static str,
    not_found: &'static str,
    updated: &'static str,
    saved: &'static str,
    stale: &'static str,
    how_read: &'static str,
}

const SV: Words = Words {
    title: "Granskningsomgång",
    submissions: "Inlämningar",
    overview: "Översikt",
    letters: "Brev till avsändarna",
    no_letters: "Inget brev behövs.",
    compile: "Sammanställning",
    compile_hint: "Alla avsändares svar, en version per avsändare, luckorna markerade.",
    docx: "Ladda ner som Word (.docx)",
    xlsx: "Ladda ner som Excel (.xlsx)",
    answers: "Svar",
    decision: "Beslut",
    state: "Beslut om anmärkningen",
    note: "Anteckning",
    by: "Beslutat av",
    save: "Spara beslutet",
    undecided: "Inget beslut än.",
    explanation: "Om regeln",
    to: "Till",
    no_address: "ingen användbar adress: fyll i Till i brevet",
    download: "Ladda ner brevet (.eml)",
    not_found: "Det här finns inte (längre) i omgången.",
    updated: "Sidan uppdaterades med de senaste inlämningarna.",
    saved: "Beslutet är sparat.",
    stale: "Omgången kunde inte läsas om; sidan visar den senaste läsningen. Orsak:",
    how_read: "Så lästes filen",
};

const EN: Words = Words {
    title: "Review round",
    submissions: "Submissions",
    overview: "Overview",
    letters: "Letters to senders",
    no_letters: "No letter is needed.",
    compile: "Compilation",
    compile_hint: "Every sender's answers, one version per sender, the gaps marked.",
    docx: "Download as Word (.docx)",
    xlsx: "Download as Excel (.xlsx)",
    answers: "Answers",
    decision: "Decision",
    state: "Decision on the finding",
    note: "Note",
    by: "Decided by",
    save: "Save the decision",
    undecided: "No decision yet.",
    explanation: "About the rule",
    to: "To",
    no_address: "no usable address: fill in To in the letter",
    download: "Download the letter (.eml)",
    not_found: "This is not (or no longer) in the round.",
    updated: "The page was updated with the latest submissions.",
    saved: "The decision is saved.",
    stale: "The round could not be read again; the page shows the last reading. Why:",
    how_read: "How the file was read",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// A file's id in the pages' links: the first 16 hex digits of the
/// SHA-256 of its path as the check names it.
pub fn file_id(path: &Path) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(crate::finding::path_bytes(path));
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The page around `body`: its title, the style and script from the
/// server, a way back to the senders, and a live region that says when the
/// page followed a change.
fn frame(page: &Page, title: &str, body: &str) -> String {
    let w = words(page.lang);
    let base = esc(page.base);
    let trouble = page.trouble.map_or(String::new(), |t| {
        format!(
            "<p class=\"trouble\" role=\"alert\">{} {}</p>\n",
            w.stale,
            esc(t)
        )
    });
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} — dubbelkoll</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"{base}/style.css\">\n<script src=\"{base}/app.js\" defer></script>\n</head>\n<body data-base=\"{base}\" data-generation=\"{g}\">\n<header><p class=\"brand\"><a href=\"{base}/\">dubbelkoll — {round}</a></p></header>\n<main>\n{trouble}{body}</main>\n<p id=\"live\" class=\"muted\" role=\"status\" aria-live=\"polite\" data-updated=\"{updated}\"></p>\n</body>\n</html>\n",
        lang = page.lang.code(),
        title = esc(title),
        g = page.generation,
        round = esc(w.title),
        updated = esc(w.updated),
    )
}

/// A link to a page of the round.
fn link(page: &Page, to: &str, text: &str) -> String {
    format!(
        "<a href=\"{}/{}\">{}</a>",
        esc(page.base),
        esc(to),
        esc(text)
    )
}

/// A page for an id that names nothing in the round.
pub fn not_found(page: &Page) -> String {
    let w = words(page.lang);
    let body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        esc(w.not_found),
        link(page, "", w.overview)
    );
    frame(page, w.not_found, &body)
}

/// The first page: where the round's senders stand, every submission with
/// its counts, the letters to write and the compilation to download.
pub fn senders(page: &Page, outcome: &Outcome, letters: &[LetterView]) -> String {
    let (w, t) = (words(page.lang), page.lang.texts());
    let mut out = format!("<h1>{}</h1>\n", esc(w.title));
    let file_link = |p: &Path| link(page, &format!("file/{}", file_id(p)), &p.to_string_lossy());
    if let Some(rc) = &outcome.round {
        let (head, counts) = super::round_heading(rc, page.lang);
        let _ = writeln!(
            out,
            "<section id=\"round\" aria-labelledby=\"round-h\"><h2 id=\"round-h\">{}</h2><p>{}</p>\n<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            esc(&head),
            esc(&counts),
            t.sender,
            t.status,
            t.file,
            t.errors,
            t.warnings
        );
        for s in &rc.senders {
            let files: Vec<String> = s.files.iter().map(|p| file_link(p)).collect();
            let _ = writeln!(
                out,
                "<tr class=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                s.state.label(),
                esc(&s.sender.name),
                super::standing(s.state, page.lang),
                files.join("<br>"),
                s.errors,
                s.warnings
            );
        }
        out.push_str("</tbody></table>\n");
        for (p, sender) in super::unexpected(outcome, rc) {
            let sender = sender.map(|s| format!(" ({})", esc(s))).unwrap_or_default();
            let _ = writeln!(out, "<p>{}: {}{sender}</p>", t.unexpected, file_link(p));
        }
        out.push_str("</section>\n");
    }
    let _ = writeln!(
        out,
        "<section id=\"submissions\" aria-labelledby=\"submissions-h\"><h2 id=\"submissions-h\">{}</h2>\n<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        w.submissions, t.file, t.status, t.sender, t.contact, t.answered, t.errors, t.warnings
    );
    let by_file = super::by_file(outcome);
    for r in super::summary_rows(outcome) {
        let mine = by_file.get(r.path).map_or(&[][..], Vec::as_slice);
        let (rank, said) = status(mine, page.lang);
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"status s{rank}\">{said}</td><td>{}</td><td>{}</td><td class=\"num\">{}/{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            file_link(r.path),
            esc(r.sender),
            esc(r.contact),
            r.answered,
            r.expected,
            r.errors,
            r.warnings
        );
    }
    out.push_str("</tbody></table>\n");
    let skipped: Vec<_> = (outcome.files.iter())
        .filter(|f| f.status != Status::Checked)
        .collect();
    if !skipped.is_empty() {
        let _ = write!(out, "<h3>{}</h3><ul>", t.not_checked);
        for f in skipped {
            let _ = write!(
                out,
                "<li>{}: {}</li>",
                file_link(&f.path),
                esc(f.reason.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    let _ = writeln!(
        out,
        "<section id=\"letters\" aria-labelledby=\"letters-h\"><h2 id=\"letters-h\">{}</h2>",
        w.letters
    );
    if letters.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", w.no_letters);
    } else {
        out.push_str("<ul>\n");
        for l in letters {
            let to =
                l.to.map_or_else(|| w.no_address.to_string(), str::to_string);
            let _ = writeln!(
                out,
                "<li>{} <span class=\"muted\">({}: {})</span></li>",
                link(page, &format!("letter/{}", l.id), l.sender),
                w.to,
                esc(&to)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    let _ = writeln!(
        out,
        "<section id=\"compile\" aria-labelledby=\"compile-h\"><h2 id=\"compile-h\">{}</h2><p>{}</p><ul><li>{}</li><li>{}</li></ul></section>",
        w.compile,
        w.compile_hint,
        link(page, "compiled.docx", w.docx),
        link(page, "compiled.xlsx", w.xlsx)
    );
    frame(page, w.title, &out)
}

/// One finding as a list item: its severity, rule (a link to its page),
/// message, question, quoted line and decision.
fn finding_item(out: &mut String, page: &Page, outcome: &Outcome, f: &Finding) {
    let t = page.lang.texts();
    let code = match &outcome.ids {
        Some(ids) => link(page, &format!("finding/{}", ids.of(f)), f.rule),
        None => esc(f.rule),
    };
    let _ = write!(
        out,
        "<li class=\"{}\"><span class=\"sev\">{}</span> {code} <span class=\"muted\">{} {}:{}</span> {}",
        sev_class(f.severity),
        page.lang.severity(f.severity),
        t.line,
        f.line,
        f.column,
        esc(&crate::rules::message(f, page.lang))
    );
    details(out, outcome, f, page.lang);
    out.push_str("</li>\n");
}

/// One submission: its answers as the check understood them (`answers`:
/// the HTML of its fields and answers, and the text `dubbelkoll show`
/// prints, shown folded) beside its findings.
pub fn submission(
    page: &Page,
    outcome: &Outcome,
    path: &Path,
    answers: &(String, String),
) -> String {
    let (w, t) = (words(page.lang), page.lang.texts());
    let name = path.to_string_lossy();
    let file = outcome.files.iter().find(|f| f.path == path);
    let sender = file.and_then(|f| f.sender.as_deref()).unwrap_or("—");
    let mine: Vec<&Finding> = (outcome.findings.iter())
        .filter(|f| f.path == path)
        .collect();
    let mut out = format!(
        "<p>{}</p>\n<h1>{}</h1>\n<p>{}: {}</p>\n<div class=\"beside\">\n<section aria-labelledby=\"answers-h\" class=\"answers\"><h2 id=\"answers-h\">{}</h2>{}<details><summary>{}</summary><pre class=\"answers\" tabindex=\"0\">{}</pre></details></section>\n<section aria-labelledby=\"findings-h\"><h2 id=\"findings-h\">{} ({})</h2>\n",
        link(page, "", w.overview),
        esc(&name),
        t.sender,
        esc(sender),
        w.answers,
        answers.0,
        w.how_read,
        esc(&answers.1),
        t.findings,
        mine.len()
    );
    if mine.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", t.no_findings);
    } else {
        out.push_str("<ul class=\"findings\">\n");
        for f in mine {
            finding_item(&mut out, page, outcome, f);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n</div>\n");
    frame(page, &name, &out)
}

/// One finding: what it says, the changes between its versions when it is
/// about two versions, its decision and the form that records a new one,
/// and the rule's explanation.
pub fn finding(page: &Page, outcome: &Outcome, f: &Finding, id: &str, saved: bool) -> String {
    use crate::decisions::State;
    let (w, t) = (words(page.lang), page.lang.texts());
    let rule = crate::rules::lookup(f.rule);
    let title = format!("{} {}", f.rule, rule.map_or("", |r| r.title(page.lang)));
    let path = f.path.to_string_lossy();
    let mut out = format!(
        "<p>{} › {}</p>\n<h1>{}</h1>\n<ul class=\"findings\">\n",
        link(page, "", w.overview),
        link(page, &format!("file/{}", file_id(&f.path)), &path),
        esc(&title)
    );
    finding_item(&mut out, page, outcome, f);
    out.push_str("</ul>\n");
    let group = (f.group.as_ref()).and_then(|_| {
        outcome
            .versions
            .iter()
            .find(|g| g.members.contains(&f.path))
    });
    if let Some(g) = group {
        pair(&mut out, f, g, page.lang);
    }
    let decided = outcome.decisions.get(id);
    let current = decided.map(|d| d.state);
    if saved {
        let _ = writeln!(out, "<p class=\"saved\" role=\"status\">{}</p>", w.saved);
    }
    let _ = write!(
        out,
        "<section aria-labelledby=\"decision-h\"><h2 id=\"decision-h\">{}</h2>\n<form method=\"post\" action=\"{}/finding/{}\">\n<fieldset><legend>{}</legend>\n",
        w.decision,
        esc(page.base),
        esc(id),
        w.state
    );
    if current.is_none() {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", w.undecided);
    }
    let states = [
        (State::Handled, t.decided_handled),
        (State::Accepted, t.decided_accepted),
        (State::Asked, t.decided_asked),
        (State::Open, t.decided_open),
    ];
    for (state, said) in states {
        let checked = if current == Some(state) {
            " checked"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<label><input type=\"radio\" name=\"state\" value=\"{}\" required{checked}> {}</label>",
            state.label(),
            esc(said)
        );
    }
    let _ = write!(
        out,
        "</fieldset>\n<p><label for=\"note\">{}</label><br><textarea id=\"note\" name=\"note\" rows=\"3\" cols=\"60\">{}</textarea></p>\n<p><label for=\"by\">{}</label><br><input id=\"by\" name=\"by\" autocomplete=\"name\" value=\"{}\"></p>\n<p><button type=\"submit\">{}</button></p>\n</form></section>\n",
        w.note,
        esc(decided.and_then(|d| d.note.as_deref()).unwrap_or("")),
        w.by,
        esc(decided.map_or("", |d| d.by.as_str())),
        w.save
    );
    if let Some(r) = rule {
        let _ = writeln!(
            out,
            "<section aria-labelledby=\"rule-h\"><h2 id=\"rule-h\">{}</h2><div class=\"explain\">{}</div></section>",
            w.explanation,
            esc(&super::catalog::explain(r, page.lang))
        );
    }
    frame(page, &title, &out)
}

/// A letter before it is sent: to whom, its subject and text, and the
/// link that downloads it as an e-mail draft.
pub fn letter(page: &Page, l: &LetterView) -> String {
    let w = words(page.lang);
    let to =
        l.to.map_or_else(|| w.no_address.to_string(), str::to_string);
    let body = format!(
        "<p>{}</p>\n<h1>{}</h1>\n<p>{}: {}</p>\n<pre class=\"letter\" tabindex=\"0\">{}</pre>\n<p>{}</p>\n",
        link(page, "", w.overview),
        esc(l.subject),
        w.to,
        esc(&to),
        esc(l.body),
        link(page, &format!("letter/{}/eml", l.id), w.download)
    );
    frame(page, l.subject, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_a_sender_wrote_is_escaped_and_links_stay_under_the_base() {
        let page = Page {
            base: "/t0k3n",
            generation: 7,
            lang: Lang::Sv,
            trouble: Some("in: <gone>"),
        };
        let l = LetterView {
            id: "01-x.eml",
            sender: "<script>alert(1)</script>",
            to: Some("\"><img src=x onerror=alert(1)>"),
            subject: "Ämne <b>",
            body: "Hej </pre><script>x()</script>",
        };
        let html = letter(&page, &l);
        assert!(!html.contains("<script>x()"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;/pre&gt;&lt;script&gt;"), "{html}");
        assert!(
            html.contains("href=\"/t0k3n/letter/01-x.eml/eml\""),
            "{html}"
        );
        assert!(html.contains("data-generation=\"7\""));
        assert!(html.contains("role=\"alert\">Omgången kunde inte läsas om; sidan visar den senaste läsningen. Orsak: in: &lt;gone&gt;</p>"), "{html}");
        let list = senders(&page, &Outcome::default(), &[l]);
        assert!(!list.contains("<script>alert"), "{list}");
        // A character that turns the text round shows as an escape.
        let turned = LetterView {
            id: "x",
            sender: "Farsta\u{202E}moc.live@",
            to: None,
            subject: "s",
            body: "b",
        };
        let list = senders(&page, &Outcome::default(), &[turned]);
        assert!(list.contains("Farsta\\u{202e}moc.live@"), "{list}");
        assert!(list.contains("href=\"/t0k3n/compiled.docx\""), "{list}");
    }

    #[test]
    fn a_file_id_is_short_stable_and_differs_between_paths() {
        let a = file_id(Path::new("in/a.docx"));
        assert_eq!(a.len(), 16);
        assert_eq!(a, file_id(Path::new("in/a.docx")));
        assert_ne!(a, file_id(Path::new("in/b.docx")));
    }
}
