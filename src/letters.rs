//! Letters back to senders: one e-mail draft (`.eml`, RFC 5322, UTF-8) per
//! sender with something to complete, addressed to the contact, that lists
//! question by question what is missing or unclear in the form's words,
//! with the round's deadline; and, in a round, a reminder to each expected
//! sender who has not sent in. Nothing is sent: a draft (`X-Unsent: 1`)
//! opens for editing in Outlook, and in Thunderbird as a message to edit
//! as new.
//!
//! A letter names only the sender's own files and findings: what another
//! sender wrote (a copied paragraph, a phone number shared across files)
//! is for the reviewer, never for a letter.

use std::path::{Path, PathBuf};

use mail_builder::headers::raw::Raw;
use mail_builder::MessageBuilder;

use crate::check::{FileReport, Outcome, Status};
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::round::{Round, State};

/// One letter: to whom, about what, and its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// The file name, from the sender's name: `01-farsta.eml`.
    pub name: String,
    /// The sender the letter is about.
    pub sender: String,
    /// The address it goes to, if any is known.
    pub to: Option<String>,
    /// Its subject and its text, as the message says them (a page shows
    /// them before the letter is downloaded).
    pub subject: String,
    pub body: String,
    /// The whole message, CRLF line ends.
    pub eml: String,
}

/// Rules whose findings concern other senders' files: never in a letter.
const NOT_FOR_SENDERS: &[&str] = &["DUP003", "DUP004", "CONT003"];

/// One thing to complete: the question it concerns (if any) and what.
struct Point {
    question: Option<String>,
    /// About the header's contact details, not a question.
    header: bool,
    what: String,
}

/// What a sender is asked to complete: the errors and warnings of their
/// files, the newest of each group of versions (an older version's gaps
/// are the newest's or already filled), each said once.
fn points(files: &[&Path], outcome: &Outcome, lang: Lang) -> Vec<Point> {
    let older =
        |p: &Path| (outcome.versions.iter()).any(|g| g.position(p).is_some() && g.newest() != p);
    let mut out: Vec<Point> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for f in &outcome.findings {
        let asked = f.severity >= Severity::Warning && !NOT_FOR_SENDERS.contains(&f.rule);
        if !asked || !files.contains(&f.path.as_path()) || older(&f.path) {
            continue;
        }
        // A finding the reviewer handled or accepted is asked about no more.
        let settled = (outcome.ids.as_ref())
            .filter(|_| !outcome.decisions.is_empty())
            .and_then(|ids| outcome.decisions.get(&ids.of(f)))
            .is_some_and(|d| d.state.settled());
        if settled {
            continue;
        }
        let what = said(f, lang);
        if seen.insert((f.question.clone(), what.clone())) {
            out.push(Point {
                question: f.question.clone(),
                header: f.rule.starts_with("CONT") || f.rule == "MISS004",
                what,
            });
        }
    }
    out
}

/// A finding as a sender reads it: versions of one submission are asked
/// about, not described by their similarity.
fn said(f: &Finding, lang: Lang) -> String {
    if f.group.is_some() {
        return match lang {
            Lang::Sv => "Vi har fått flera versioner av er inlämning. Bekräfta vilken som gäller.",
            Lang::En => "We have received several versions of your submission. Please confirm which one stands.",
        }
        .to_string();
    }
    crate::rules::message(f, lang)
}

/// The words of a letter.
struct Words {
    subject: &'static str,
    reminder_subject: &'static str,
    greeting: &'static str,
    thanks: &'static str,
    missing: &'static str,
    general: &'static str,
    contact: &'static str,
    deadline: &'static str,
    no_deadline: &'static str,
    reminder_deadline: &'static str,
    reminder_no_deadline: &'static str,
    close: &'static str,
}

const SV: Words = Words {
    subject: "Komplettering av er inlämning – {sender}",
    reminder_subject: "Påminnelse: er inlämning saknas – {sender}",
    greeting: "Hej {name},",
    thanks: "Tack för er inlämning ({files}). Vid granskningen har vi sett följande som behöver kompletteras eller förtydligas:",
    missing: "Vi har ännu inte fått någon inlämning från {sender}.",
    general: "Övrigt",
    contact: "Kontaktuppgifter",
    deadline: "Skicka gärna en kompletterad version senast {deadline}.",
    no_deadline: "Skicka gärna en kompletterad version så snart som möjligt.",
    reminder_deadline: "Sista dag att skicka in är {deadline}.",
    reminder_no_deadline: "Skicka in den så snart som möjligt.",
    close: "Med vänliga hälsningar",
};

const EN: Words = Words {
    subject: "Please complete your submission – {sender}",
    reminder_subject: "Reminder: your submission is missing – {sender}",
    greeting: "Dear {name},",
    thanks: "Thank you for your submission ({files}). Reviewing it, we found the following to complete or clarify:",
    missing: "We have not yet received a submission from {sender}.",
    general: "General",
    contact: "Contact details",
    deadline: "Please send a completed version by {deadline}.",
    no_deadline: "Please send a completed version as soon as you can.",
    reminder_deadline: "The last day to send it in is {deadline}.",
    reminder_no_deadline: "Please send it in as soon as you can.",
    close: "Kind regards",
};

/// A name as a header or a greeting may hold it: control characters
/// (line ends among them) made spaces, runs of space one.
fn clean(s: &str) -> String {
    s.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Who a letter is about and where it goes.
struct To<'a> {
    sender: &'a str,
    contact: Option<&'a str>,
    email: Option<&'a str>,
}

/// The letters of a checked folder: with a round, one per expected sender
/// with something to complete and one per sender who has not sent in;
/// without one, one per submission (a group of versions is one) with
/// something to complete, to the address in its header.
pub fn letters(outcome: &Outcome, round: Option<&Round>, lang: Lang, date: i64) -> Vec<Letter> {
    let w = match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    };
    let from = round.and_then(|r| r.from.as_deref());
    let report = |p: &Path| outcome.files.iter().find(|f| f.path == p);
    let mut out = Vec::new();
    let mut push = |to: To, body: String, subject: String| {
        let name = format!("{:02}-{}.eml", out.len() + 1, slug(to.sender));
        let subject = clean(&subject.replace("{sender}", to.sender));
        let eml = message(&to, from, &subject, &body, date);
        let address = to.email.filter(|e| crate::rules::cont002::is_email(e));
        out.push(Letter {
            name,
            sender: clean(to.sender),
            to: address.map(|e| e.trim().to_string()),
            subject,
            body,
            eml,
        });
    };
    match &outcome.round {
        Some(rc) => {
            for s in &rc.senders {
                // The list's contact details first, then the header's of
                // their last file (in path order).
                let theirs: Vec<&FileReport> = s.files.iter().filter_map(|p| report(p)).collect();
                let header =
                    |get: fn(&FileReport) -> Option<&str>| theirs.iter().rev().find_map(|f| get(f));
                let usable = |e: &&str| crate::rules::cont002::is_email(e);
                let to = To {
                    sender: &s.sender.name,
                    contact: s
                        .sender
                        .contact
                        .as_deref()
                        .or(header(|f| f.contact.as_deref())),
                    email: (s.sender.email.as_deref().filter(usable))
                        .or(header(|f| f.email.as_deref()).filter(usable)),
                };
                if s.state == State::Missing {
                    let (subject, body) = reminder(w, &to, round);
                    push(to, body, subject);
                    continue;
                }
                let files: Vec<&Path> = s.files.iter().map(PathBuf::as_path).collect();
                let points = points(&files, outcome, lang);
                if !points.is_empty() {
                    let (subject, body) = completion(w, &to, &files, &points, round);
                    push(to, body, subject);
                }
            }
        }
        None => {
            for f in outcome.files.iter().filter(|f| f.status == Status::Checked) {
                let group = outcome
                    .versions
                    .iter()
                    .find(|g| g.position(&f.path).is_some());
                if group.is_some_and(|g| g.newest() != f.path) {
                    continue;
                }
                let files: Vec<&Path> = match group {
                    Some(g) => g.members.iter().map(PathBuf::as_path).collect(),
                    None => vec![f.path.as_path()],
                };
                let points = points(&files, outcome, lang);
                if points.is_empty() {
                    continue;
                }
                // A sender field left at the form's generic value (CONT004)
                // names no one: the file does.
                let generic =
                    (outcome.findings.iter()).any(|x| x.path == f.path && x.rule == "CONT004");
                let name = f.path.file_name().map(|s| s.to_string_lossy().into_owned());
                let sender = match &f.sender {
                    Some(s) if !generic => s.clone(),
                    _ => name.unwrap_or_default(),
                };
                let to = To {
                    sender: &sender,
                    contact: f.contact.as_deref(),
                    email: f.email.as_deref(),
                };
                let (subject, body) = completion(w, &to, &files, &points, round);
                push(to, body, subject);
            }
        }
    }
    out
}

/// The letter asking a sender to complete: its subject and text, in the
/// round's wording when it has one.
fn completion(
    w: &Words,
    to: &To,
    files: &[&Path],
    points: &[Point],
    round: Option<&Round>,
) -> (String, String) {
    let names: Vec<String> = (files.iter())
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    // Point by point, in the form's order: a question once, what it lacks
    // under it.
    let mut problems = String::new();
    let mut last: Option<&str> = None;
    let mut n = 0;
    for p in points {
        let q = match (&p.question, p.header) {
            (Some(q), _) => q.as_str(),
            (None, true) => w.contact,
            (None, false) => w.general,
        };
        if last != Some(q) {
            n += 1;
            problems.push_str(&format!("{n}. {q}\n"));
            last = Some(q);
        }
        problems.push_str(&format!("   - {}\n", p.what));
    }
    let deadline = round.and_then(|r| r.deadline.as_deref());
    if let Some(wording) = round.and_then(|r| r.letter.as_ref()) {
        let (subject, body) = wording.fill(&[
            ("sender", to.sender),
            ("contact", &name_of(to)),
            ("files", &names.join(", ")),
            ("problems", problems.trim_end()),
            ("deadline", deadline.unwrap_or("")),
        ]);
        return (subject.unwrap_or_else(|| w.subject.to_string()), body);
    }
    let mut body = greeting(w, to);
    body.push_str(&w.thanks.replace("{files}", &names.join(", ")));
    body.push_str("\n\n");
    body.push_str(&problems);
    body.push('\n');
    body.push_str(&match deadline {
        Some(d) => w.deadline.replace("{deadline}", d),
        None => w.no_deadline.to_string(),
    });
    body.push_str(&closing(w, round.and_then(|r| r.from.as_deref())));
    (w.subject.to_string(), body)
}

/// The reminder to a sender who has not sent in, in the round's wording
/// when it has one.
fn reminder(w: &Words, to: &To, round: Option<&Round>) -> (String, String) {
    let deadline = round.and_then(|r| r.deadline.as_deref());
    if let Some(wording) = round.and_then(|r| r.reminder.as_ref()) {
        let (subject, body) = wording.fill(&[
            ("sender", to.sender),
            ("contact", &name_of(to)),
            ("deadline", deadline.unwrap_or("")),
        ]);
        return (
            subject.unwrap_or_else(|| w.reminder_subject.to_string()),
            body,
        );
    }
    let mut body = greeting(w, to);
    body.push_str(&w.missing.replace("{sender}", to.sender));
    body.push(' ');
    body.push_str(&match deadline {
        Some(d) => w.reminder_deadline.replace("{deadline}", d),
        None => w.reminder_no_deadline.to_string(),
    });
    body.push_str(&closing(w, round.and_then(|r| r.from.as_deref())));
    (w.reminder_subject.to_string(), body)
}

/// Who a letter greets: the contact, else the sender.
fn name_of(to: &To) -> String {
    clean(to.contact.unwrap_or(to.sender))
}

fn greeting(w: &Words, to: &To) -> String {
    format!("{}\n\n", w.greeting.replace("{name}", &name_of(to)))
}

fn closing(w: &Words, from: Option<&str>) -> String {
    let name = from
        .map(|f| f.split('<').next().unwrap_or(f).trim())
        .filter(|n| !n.is_empty() && !n.contains('@'));
    match name {
        Some(n) => format!("\n\n{}\n{n}\n", w.close),
        None => format!("\n\n{}\n", w.close),
    }
}

/// An address as "Name <address>" or a bare address: (name, address).
fn address(s: &str) -> (Option<&str>, &str) {
    match (s.find('<'), s.rfind('>')) {
        (Some(a), Some(b)) if a < b => {
            let name = s[..a].trim().trim_matches('"');
            ((!name.is_empty()).then_some(name), s[a + 1..b].trim())
        }
        _ => (None, s.trim()),
    }
}

/// The message: headers and a plain-text body, as a draft. The date is
/// given (a test's or a reproducible run's), and the message id comes from
/// the content, so the same letter is the same bytes.
fn message(to: &To, from: Option<&str>, subject: &str, body: &str, date: i64) -> String {
    let id = format!(
        "{:016x}.dubbelkoll@localhost",
        xxhash_rust::xxh3::xxh3_64(format!("{subject}\n{body}\n{:?}", to.email).as_bytes())
    );
    let mut m = MessageBuilder::new()
        .subject(clean(subject))
        .date(date)
        .message_id(id)
        .header("X-Unsent", Raw::new("1"))
        .text_body(body.replace('\n', "\r\n"));
    if let Some(f) = from {
        let (name, addr) = address(f);
        if crate::rules::cont002::is_email(addr) {
            m = match name {
                Some(n) => m.from((clean(n), addr.to_string())),
                None => m.from(addr.to_string()),
            };
        }
    }
    // Only a well-formed address: a value that holds more ("a@x.se>,
    // <b@y.se") adds no recipient.
    if let Some(e) = to.email.filter(|e| crate::rules::cont002::is_email(e)) {
        m = match to.contact {
            Some(c) => m.to((clean(c), e.trim().to_string())),
            None => m.to(e.trim().to_string()),
        };
    }
    m.write_to_string().expect("a message in memory is written")
}

/// A file name from a sender's name: letters and digits, folded, lower
/// case, dashes between words.
fn slug(name: &str) -> String {
    let folded = crate::normalize::fold_diacritics(name).to_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let s = words.join("-");
    let s: String = s.chars().take(60).collect();
    if s.is_empty() {
        "avsandare".into()
    } else {
        s
    }
}

/// Refuses a folder that already holds letters: a draft edited by hand is
/// never overwritten, and last run's letters never stand beside this
/// run's as if they were new.
fn unwritten(dir: &Path) -> Result<(), String> {
    let holds_letters = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("eml"))
        })
    });
    if holds_letters {
        return Err(format!(
            "{}: already holds letters (.eml): write into a new folder, or move them away first",
            dir.display()
        ));
    }
    Ok(())
}

/// Writes the letters into `dir` (made if missing, holding no letters);
/// says on standard error which sender has no address.
pub fn write(dir: &Path, letters: &[Letter]) -> Result<(), String> {
    unwritten(dir)?;
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot make the folder: {e}", dir.display()))?;
    for l in letters {
        let path = dir.join(&l.name);
        crate::report::output::replace(&path, l.eml.as_bytes())
            .map_err(|e| format!("{}: cannot write the letter: {e}", path.display()))?;
        if l.to.is_none() {
            eprintln!(
                "dubbelkoll: {}: no usable e-mail address for {} (fill in To:)",
                path.display(),
                l.sender
            );
        }
    }
    Ok(())
}

/// `dubbelkoll letters`: checks `paths`, then writes the letters into
/// `dir`, which must lie outside every scanned folder.
pub fn write_to(
    paths: &[PathBuf],
    form: &crate::form::Form,
    options: &crate::check::Options,
    dir: &Path,
    lang: Lang,
) -> Result<(), String> {
    let scanned = crate::guard::Scanned {
        roots: paths,
        exclude: &options.exclude,
    };
    if scanned.holds_dir(dir) {
        return Err(format!(
            "{}: will not write letters inside a scanned folder",
            dir.display()
        ));
    }
    unwritten(dir)?;
    let outcome = crate::check::check_paths(paths, form, options).map_err(|e| e.to_string())?;
    if let Some(why) = outcome.nothing_checked() {
        return Err(why);
    }
    let date = crate::versions::source_date() as i64;
    let today = crate::versions::utc_minute(date as u64)[..10].to_string();
    let deadline = options.round.as_ref().and_then(|r| r.deadline.as_deref());
    if let Some(d) = deadline.filter(|d| *d < today.as_str()) {
        eprintln!("dubbelkoll: the round's deadline {d} has passed: the letters still name it (set a new one in [round])");
    }
    let letters = letters(&outcome, options.round.as_ref(), lang, date);
    write(dir, &letters)?;
    eprintln!(
        "dubbelkoll: wrote {} letter(s) into {}",
        letters.len(),
        dir.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_a_sender_wrote_adds_no_recipient_and_no_header() {
        let to = To {
            sender: "Farsta\r\nBcc: evil@attacker.example",
            contact: Some("Per\r\nBcc: evil@attacker.example"),
            email: Some("per@x.se>, <evil@attacker.example"),
        };
        let eml = message(
            &to,
            Some("Granskning <g@x.se>"),
            "Ämne\r\nBcc: e@x",
            "Hej",
            0,
        );
        let m = mail_parser::MessageParser::default()
            .parse(eml.as_bytes())
            .unwrap();
        assert!(m.to().is_none(), "{eml}");
        assert!(m.bcc().is_none(), "{eml}");
        assert_eq!(m.subject(), Some("Ämne Bcc: e@x"));
        // A well-formed address goes through, the name on one line.
        let to = To {
            email: Some(" per@x.se "),
            ..to
        };
        let eml = message(&to, None, "Ämne", "Hej", 0);
        let m = mail_parser::MessageParser::default()
            .parse(eml.as_bytes())
            .unwrap();
        let addr = m.to().unwrap().first().unwrap();
        assert_eq!(addr.address(), Some("per@x.se"));
        assert_eq!(addr.name(), Some("Per Bcc: evil@attacker.example"));
        assert!(m.bcc().is_none());
    }
}
