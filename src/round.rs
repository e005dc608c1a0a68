//! The reviewer's round: the senders `[round]` in dubbelkoll.toml expects,
//! matched to the submissions that came in, and where each sender stands.
//!
//! A submission is matched by its sender field, with the names versions
//! are grouped by ("Skärholmen" is "Skärholmens stadsdelsnämnd", word order
//! and the organisation's kind aside), else by its e-mail address. A sender
//! with no file has not sent in; one whose files hold an error has a
//! submission to complete; a file matched to no one is listed apart.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::sender::{name_key, same_name, Sender};
use crate::decisions::State as DecisionState;
use crate::finding::{Finding, Severity};
use crate::form::learn::role_of_label;
use crate::form::Role;
use crate::versions::VersionGroup;

/// A sender the round expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expected {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// What a round expects: its senders, its deadline, who writes to them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Round {
    pub expected: Vec<Expected>,
    /// `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// Who letters come from: "Name <address>" or an address.
    pub from: Option<String>,
    /// The reviewer's own wording of the letter asking for completion,
    /// and of the reminder.
    pub letter: Option<Wording>,
    pub reminder: Option<Wording>,
}

/// A letter's wording from a file: its subject (a first line `Subject:` or
/// `Ämne:`), and its text with places for what each letter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub subject: Option<String>,
    pub text: String,
}

impl Wording {
    /// Reads a wording; a place it names that a letter does not fill
    /// (`{namn}` for `{contact}`) is an error naming the file and the
    /// place, so that no letter goes out with a brace in it.
    pub fn read(path: &Path, places: &[&str]) -> Result<Wording, String> {
        let bytes = crate::bounded::read(path, crate::bounded::SETTINGS_MAX)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let (text, _) = crate::source::decode::decode(bytes)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let text = text.replace("\r\n", "\n");
        let first = text.lines().next().unwrap_or("");
        let subject = ["Subject:", "Ämne:"]
            .iter()
            .find_map(|k| first.strip_prefix(k))
            .map(|s| s.trim().to_string());
        let text = match subject {
            Some(_) => text.split_once('\n').map_or("", |(_, rest)| rest),
            None => text.as_str(),
        };
        let text = text.trim_matches('\n').to_string();
        let named = regex::Regex::new(r"\{([^{}\s]*)\}").expect("a valid pattern");
        let all = subject.iter().chain([&text]);
        for place in all.flat_map(|t| named.captures_iter(t).map(|c| c[1].to_string())) {
            if !places.contains(&place.as_str()) {
                return Err(format!(
                    "{}: {{{place}}} is no place a letter fills (it has {})",
                    path.display(),
                    places
                        .iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        if text.trim().is_empty() {
            return Err(format!("{}: the letter's wording is empty", path.display()));
        }
        Ok(Wording { subject, text })
    }

    /// The wording with its places filled.
    pub fn fill(&self, values: &[(&str, &str)]) -> (Option<String>, String) {
        let put = |t: &str| {
            values
                .iter()
                .fold(t.to_string(), |t, (k, v)| t.replace(&format!("{{{k}}}"), v))
        };
        (self.subject.as_deref().map(put), put(&self.text))
    }
}

/// The places a letter asking for completion fills, and a reminder's.
pub const LETTER_PLACES: &[&str] = &["sender", "contact", "files", "problems", "deadline"];
pub const REMINDER_PLACES: &[&str] = &["sender", "contact", "deadline"];

impl Round {
    /// The round `[round]` describes: the senders it names, then the rows
    /// of its senders file. An unreadable or malformed file is an error
    /// naming the file and the line.
    pub fn load(cfg: &crate::config::Round) -> Result<Round, String> {
        let mut expected: Vec<Expected> = (cfg.senders.iter())
            .filter(|n| !n.trim().is_empty())
            .map(|n| Expected {
                name: n.trim().to_string(),
                contact: None,
                email: None,
            })
            .collect();
        if let Some(path) = &cfg.senders_file {
            expected.extend(read_senders(path)?);
        }
        let wording = |p: &Option<PathBuf>, places| p.as_deref().map(|p| Wording::read(p, places));
        Ok(Round {
            expected: once_each(expected),
            deadline: cfg.deadline.clone(),
            from: cfg.from.clone(),
            letter: wording(&cfg.letter, LETTER_PLACES).transpose()?,
            reminder: wording(&cfg.reminder, REMINDER_PLACES).transpose()?,
        })
    }
}

/// The senders, each once: a sender listed again (in another form of its
/// name, or with the same address) is said on standard error and counted
/// once, its contact details filling what the first listing lacks.
fn once_each(expected: Vec<Expected>) -> Vec<Expected> {
    let mut once: Vec<Expected> = Vec::new();
    for e in expected {
        let key = name_key(&e.name);
        let same = |m: &Expected| {
            let by_name = key
                .as_ref()
                .zip(name_key(&m.name))
                .is_some_and(|(a, b)| same_name(a, &b));
            by_name || (e.email.is_some() && m.email == e.email)
        };
        match once.iter_mut().find(|m| same(m)) {
            Some(m) => {
                eprintln!(
                    "dubbelkoll: round: {} is listed again as {}: counted once",
                    m.name, e.name
                );
                m.contact = m.contact.take().or(e.contact);
                m.email = m.email.take().or(e.email);
            }
            None => once.push(e),
        }
    }
    once
}

/// The senders of a CSV file: a row a sender, its name, contact person and
/// e-mail address. A first row without an address that names an e-mail or
/// contact column is a header saying which column is which; without one,
/// the columns are in that order. Commas or semicolons (Excel's Swedish
/// CSV) separate them.
fn read_senders(path: &Path) -> Result<Vec<Expected>, String> {
    // Excel saves CSV in Windows-1252 or UTF-16 as readily as in UTF-8.
    let bytes = crate::bounded::read(path, crate::bounded::SETTINGS_MAX)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let (text, _) = crate::source::decode::decode(bytes)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| format!("{}: {e}", path.display()))?;
        // A quote left open swallows the lines after it into one cell: no
        // sender's name holds a line end.
        if row.iter().any(|c| c.contains('\n')) {
            let line = row.position().map_or(0, |p| p.line());
            return Err(format!(
                "{}: line {line}: a quote (\") opened here is not closed on its line",
                path.display()
            ));
        }
        // Excel's "sep=;" line and comment lines are no senders.
        let first = row.get(0).unwrap_or("");
        if first.starts_with('#') || first.to_ascii_lowercase().starts_with("sep=") {
            continue;
        }
        rows.push(row);
    }
    let header = rows.first().and_then(columns);
    let (name, contact, email) = header.unwrap_or((0, Some(1), Some(2)));
    let cell = |row: &csv::StringRecord, i: Option<usize>| {
        i.and_then(|i| row.get(i))
            .filter(|c| !c.is_empty())
            .map(str::to_string)
    };
    let body = &rows[usize::from(header.is_some())..];
    Ok(body
        .iter()
        .filter_map(|row| {
            Some(Expected {
                name: cell(row, Some(name))?,
                contact: cell(row, contact),
                email: cell(row, email).map(|e| e.to_lowercase()),
            })
        })
        .collect())
}

/// The columns a header row names: the sender's, the contact's, the
/// e-mail's. `None` when the row is no header.
fn columns(row: &csv::StringRecord) -> Option<(usize, Option<usize>, Option<usize>)> {
    if row.iter().any(|c| c.contains('@')) {
        return None;
    }
    let roles: Vec<Option<Role>> = row.iter().map(role_of_label).collect();
    let at = |role: Role| roles.iter().position(|r| *r == Some(role));
    let (contact, email) = (at(Role::Contact), at(Role::Email));
    // A column named as a kind of sender and nothing else ("Avsändare",
    // "Nämnd") heads the names.
    const HEADS: &[&str] = &[
        "avsändare",
        "nämnd",
        "förvaltning",
        "sender",
        "name",
        "namn",
        "organisation",
    ];
    let heads_names = row.len() == 1 && HEADS.contains(&row[0].trim().to_lowercase().as_str());
    if contact.is_none() && email.is_none() && !heads_names {
        return None;
    }
    let name = at(Role::Sender)
        .or_else(|| (0..roles.len()).find(|i| Some(*i) != contact && Some(*i) != email))?;
    Some((name, contact, email))
}

/// Where an expected sender stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Sent in, no error open.
    Complete,
    /// Sent in, with an error to complete.
    ToComplete,
    /// Sent in, and asked to complete every error left open.
    Asked,
    /// Nothing sent in.
    Missing,
}

impl State {
    /// The state as JSON and the HTML report's row class name it.
    pub fn label(self) -> &'static str {
        match self {
            State::Complete => "complete",
            State::ToComplete => "to-complete",
            State::Asked => "asked",
            State::Missing => "missing",
        }
    }
}

/// An expected sender and what came in from them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    #[serde(flatten)]
    pub sender: Expected,
    pub state: State,
    /// Their files, in path order.
    #[serde(serialize_with = "crate::finding::serialize_paths")]
    pub files: Vec<PathBuf>,
    /// Their submissions: a group of versions is one.
    pub submissions: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// The round's senders, each with what came in, and the files from senders
/// the round does not expect.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RollCall {
    pub senders: Vec<Standing>,
    #[serde(serialize_with = "crate::finding::serialize_paths")]
    pub unexpected: Vec<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
}

impl RollCall {
    /// The senders in a state.
    pub fn in_state(&self, state: State) -> impl Iterator<Item = &Standing> {
        self.senders.iter().filter(move |s| s.state == state)
    }
}

/// Matches the checked files, each with what its header says of its
/// sender, to the round's senders: by name (where the sender field holds
/// the form's generic value, the committee the text names), else by the
/// header's e-mail address, else by any address the text holds. A finding
/// decided handled or accepted is no longer open; a sender whose open
/// errors have all been asked about is waiting for a completion.
pub fn roll_call(
    round: &Round,
    arrivals: &[(&Path, &Sender)],
    findings: &[Finding],
    decided: &[Option<DecisionState>],
    versions: &[VersionGroup],
) -> RollCall {
    let open: Vec<(&Finding, Option<DecisionState>)> = (findings.iter())
        .zip(decided.iter().copied().chain(std::iter::repeat(None)))
        .filter(|(_, d)| !d.is_some_and(DecisionState::settled))
        .collect();
    let keys: Vec<Option<Vec<String>>> = round.expected.iter().map(|e| name_key(&e.name)).collect();
    let mut mine: Vec<Vec<PathBuf>> = vec![Vec::new(); round.expected.len()];
    let mut unexpected = Vec::new();
    for &(path, sender) in arrivals {
        let by_name = sender
            .name
            .as_ref()
            .and_then(|k| (keys.iter()).position(|e| e.as_ref().is_some_and(|e| same_name(e, k))));
        let mail = |m: &str| (round.expected.iter()).position(|e| e.email.as_deref() == Some(m));
        let by_mail = || sender.email.as_deref().and_then(mail);
        let by_address = || sender.addresses.iter().find_map(|a| mail(a));
        match by_name.or_else(by_mail).or_else(by_address) {
            Some(i) => mine[i].push(path.to_path_buf()),
            None => unexpected.push(path.to_path_buf()),
        }
    }
    unexpected.sort();
    let group_of = |p: &Path| versions.iter().position(|g| g.position(p).is_some());
    let senders = (round.expected.iter().zip(mine))
        .map(|(e, mut files)| {
            files.sort();
            let theirs: Vec<&(&Finding, Option<DecisionState>)> = (open.iter())
                .filter(|(f, _)| files.binary_search(&f.path).is_ok())
                .collect();
            let count = |s: Severity| theirs.iter().filter(|(f, _)| f.severity == s).count();
            let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
            let asked = (theirs.iter())
                .filter(|(f, _)| f.severity == Severity::Error)
                .all(|(_, d)| *d == Some(DecisionState::Asked));
            let mut units: Vec<Result<usize, &PathBuf>> =
                files.iter().map(|p| group_of(p).ok_or(p)).collect();
            units.sort();
            units.dedup();
            let state = match (files.is_empty(), errors) {
                (true, _) => State::Missing,
                (false, 0) => State::Complete,
                (false, _) if asked => State::Asked,
                (false, _) => State::ToComplete,
            };
            Standing {
                sender: e.clone(),
                state,
                submissions: units.len(),
                files,
                errors,
                warnings,
            }
        })
        .collect();
    RollCall {
        senders,
        unexpected,
        deadline: round.deadline.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sender(name: Option<&str>, email: Option<&str>) -> Sender {
        Sender::new((name, false), None, email, &[])
    }

    fn expected(name: &str, email: Option<&str>) -> Expected {
        Expected {
            name: name.into(),
            contact: None,
            email: email.map(str::to_string),
        }
    }

    #[test]
    fn senders_are_matched_by_name_forms_then_by_address() {
        let round = Round {
            expected: vec![
                expected("Skärholmens stadsdelsnämnd", None),
                expected("Kulturnämnden", Some("kultur@example.se")),
                expected("Bromma stadsdelsnämnd", None),
            ],
            ..Round::default()
        };
        let (a, b, c) = (
            sender(Some("Skärholmen"), None),
            sender(None, Some("Kultur@Example.se")),
            sender(Some("Idrottsnämnden"), None),
        );
        let files = [
            (Path::new("a.docx"), &a),
            (Path::new("b.docx"), &b),
            (Path::new("c.docx"), &c),
        ];
        let r = roll_call(&round, &files, &[], &[], &[]);
        let got: Vec<(&str, State, usize)> = (r.senders.iter())
            .map(|s| (s.sender.name.as_str(), s.state, s.files.len()))
            .collect();
        assert_eq!(
            got,
            [
                ("Skärholmens stadsdelsnämnd", State::Complete, 1),
                ("Kulturnämnden", State::Complete, 1),
                ("Bromma stadsdelsnämnd", State::Missing, 0)
            ]
        );
        assert_eq!(r.unexpected, [PathBuf::from("c.docx")]);
    }

    #[test]
    fn a_sender_listed_twice_is_counted_once() {
        let got = once_each(vec![
            expected("Farsta stadsdelsnämnd", None),
            expected("Farsta", Some("anna@x.se")),
            expected("Bromma", Some("per@x.se")),
            expected("Bromma sdn", Some("per@x.se")),
        ]);
        assert_eq!(
            got,
            [
                expected("Farsta stadsdelsnämnd", Some("anna@x.se")),
                expected("Bromma", Some("per@x.se"))
            ]
        );
    }

    #[test]
    fn decisions_settle_errors_or_wait_for_the_sender() {
        let round = Round {
            expected: vec![expected("Farsta", None)],
            ..Round::default()
        };
        let a = sender(Some("Farsta stadsdelsnämnd"), None);
        let files = [(Path::new("a.docx"), &a)];
        let error = crate::rules::miss002::RULE.finding(
            Path::new("a.docx"),
            crate::finding::Pos::START,
            crate::finding::Message::new("empty"),
        );
        let state = |decided: Option<DecisionState>| {
            let errors = std::slice::from_ref(&error);
            roll_call(&round, &files, errors, &[decided], &[]).senders[0].state
        };
        assert_eq!(state(None), State::ToComplete);
        assert_eq!(state(Some(DecisionState::Asked)), State::Asked);
        assert_eq!(state(Some(DecisionState::Handled)), State::Complete);
        assert_eq!(state(Some(DecisionState::Open)), State::ToComplete);
    }

    #[test]
    fn a_csv_of_senders_with_or_without_a_header_row() {
        let dir = tempfile::tempdir().unwrap();
        let with = dir.path().join("with.csv");
        std::fs::write(
            &with,
            "E-post;Nämnd;Kontaktperson\nanna@x.se;Farsta stadsdelsnämnd;Anna Berg\n;Bromma;\n",
        )
        .unwrap();
        let got = read_senders(&with).unwrap();
        assert_eq!(
            got,
            [
                Expected {
                    name: "Farsta stadsdelsnämnd".into(),
                    contact: Some("Anna Berg".into()),
                    email: Some("anna@x.se".into())
                },
                expected("Bromma", None)
            ]
        );
        let without = dir.path().join("without.csv");
        std::fs::write(
            &without,
            "Farsta, Anna Berg, Anna@X.se\n\"Hägersten, Liljeholmen\"\n",
        )
        .unwrap();
        let got = read_senders(&without).unwrap();
        assert_eq!(got[0].email.as_deref(), Some("anna@x.se"));
        // As Swedish Excel saves it: Windows-1252, "sep=;" first.
        let excel = dir.path().join("excel.csv");
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("sep=;\nNämnd;E-post\nSkärholmen;s@x.se\n");
        std::fs::write(&excel, bytes).unwrap();
        assert_eq!(
            read_senders(&excel).unwrap(),
            [expected("Skärholmen", Some("s@x.se"))]
        );
        assert_eq!(got[1], expected("Hägersten, Liljeholmen", None));
        let one = dir.path().join("one.csv");
        std::fs::write(&one, "Avsändare\nFarsta\n").unwrap();
        assert_eq!(read_senders(&one).unwrap(), [expected("Farsta", None)]);
        // A quote left open would make the rest of the file one sender.
        let open = dir.path().join("open.csv");
        std::fs::write(&open, "Farsta;\"Anna;anna@x.se\nBromma;Bo;bo@x.se\n").unwrap();
        let err = read_senders(&open).unwrap_err();
        assert!(
            err.ends_with("open.csv: line 1: a quote (\") opened here is not closed on its line"),
            "{err}"
        );
        let err = read_senders(&dir.path().join("none.csv")).unwrap_err();
        assert!(err.contains("none.csv: cannot read"), "{err}");
    }
}
