//! The finding model: what a rule reports, where, and how it is worded.
//!
//! A leaf module: it depends on nothing else in the crate, so the rules, the
//! pipeline, baselines and every renderer share one shape. A finding's
//! message is a key with typed arguments ([`Message`]); the rule that made
//! it renders it in each language, and its fingerprint is built from the
//! arguments that do not move (paths, names, quoted text), never from line
//! numbers or counts of the corpus.

use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A position in the original file: 1-based line and 1-based character
/// column (a Word file's lines are its paragraphs).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, serde::Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// Serialises a path as text (lossily for names that are not UTF-8).
pub fn serialize_path<S: Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

/// Paths as JSON strings, lossy where one is no UTF-8.
pub fn serialize_paths<S: Serializer>(paths: &[PathBuf], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(paths.len()))?;
    for p in paths {
        seq.serialize_element(&p.to_string_lossy())?;
    }
    seq.end()
}

/// The order paths are reported in: by their bytes.
pub fn path_bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Location {
    #[serde(serialize_with = "serialize_path")]
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
}

/// A value in a message. Text and paths identify a finding; numbers that
/// move when lines move or files are added (lines, counts, percentages,
/// lists of other files) do not.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Path(PathBuf),
    /// A number that belongs to the finding (a year).
    Number(i64),
    /// How many of something: words, changes, submissions.
    Count(usize),
    /// A line number.
    Line(u32),
    /// Another file the finding names that may change as files are added
    /// (the nearest version of a submission).
    Peer(PathBuf),
    /// A percentage (0–100) shown with `decimals` decimals.
    Percent {
        value: f64,
        decimals: u8,
    },
    /// Messages joined with ", ".
    List(Vec<Message>),
}

impl Arg {
    /// Whether the value stays the same when lines move or the corpus grows.
    pub fn is_stable(&self) -> bool {
        matches!(self, Arg::Text(_) | Arg::Path(_) | Arg::Number(_))
    }
}

/// A message as a key into the reporting rule's message table, with its
/// values. `key` is local to the rule (`"field"`, `"suggest"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    fn with(mut self, name: &'static str, arg: Arg) -> Message {
        self.args.push((name, arg));
        self
    }

    pub fn text(self, name: &'static str, value: impl Into<String>) -> Message {
        self.with(name, Arg::Text(value.into()))
    }

    pub fn path(self, name: &'static str, value: &Path) -> Message {
        self.with(name, Arg::Path(value.to_path_buf()))
    }

    pub fn peer(self, name: &'static str, value: &Path) -> Message {
        self.with(name, Arg::Peer(value.to_path_buf()))
    }

    pub fn number(self, name: &'static str, value: i64) -> Message {
        self.with(name, Arg::Number(value))
    }

    pub fn count(self, name: &'static str, value: usize) -> Message {
        self.with(name, Arg::Count(value))
    }

    pub fn line(self, name: &'static str, value: u32) -> Message {
        self.with(name, Arg::Line(value))
    }

    /// A ratio from 0 to 1, shown as a percentage.
    pub fn percent(self, name: &'static str, ratio: f64, decimals: u8) -> Message {
        self.with(
            name,
            Arg::Percent {
                value: ratio * 100.0,
                decimals,
            },
        )
    }

    pub fn list(self, name: &'static str, items: Vec<Message>) -> Message {
        self.with(name, Arg::List(items))
    }
}

/// One change between two submissions: `old` from the first, `new` from the
/// second (an insertion has an empty `old`, a deletion an empty `new`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub old: String,
    pub new: String,
    pub line: u32,
    pub related_line: u32,
    pub question: String,
    /// Words just before the change, for showing it in context.
    #[serde(skip)]
    pub before: String,
    /// Words just after the change.
    #[serde(skip)]
    pub after: String,
}

/// A piece of an answer's text, and whether it is part of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub changed: bool,
}

/// One question's answers of two submissions side by side, the changed
/// words marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedAnswer {
    pub question: String,
    pub left: Vec<Segment>,
    pub right: Vec<Segment>,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    #[serde(serialize_with = "serialize_path")]
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    /// The message in English (machine formats, fingerprints' tie-break).
    pub message: String,
    /// The template question the finding is about, if any.
    pub question: Option<String>,
    /// Other places the finding refers to (another file's copy).
    pub related: Vec<Location>,
    /// How alike the two submissions are (DUP rules).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// What differs between the two submissions (DUP001).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<Change>>,
    /// The group of versions of one submission (DUP001, DUP002): the same
    /// id on every member's finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The message as key and values, to be shown in another language.
    #[serde(skip)]
    pub text: Message,
    /// The source line the finding points at, captured during the check
    /// for the reports that quote it.
    #[serde(skip)]
    pub source: Option<String>,
    /// The two submissions' answers side by side (DUP001), captured during
    /// the check for the reports that show them.
    #[serde(skip)]
    pub aligned: Option<Vec<AlignedAnswer>>,
}

impl Finding {
    /// A finding of rule `rule`; `message` is `text` rendered in English.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        path: &Path,
        pos: Pos,
        text: Message,
        message: String,
    ) -> Finding {
        Finding {
            rule,
            severity,
            path: path.to_path_buf(),
            line: pos.line,
            column: pos.column,
            message,
            question: None,
            related: Vec::new(),
            similarity: None,
            changes: None,
            group: None,
            text,
            source: None,
            aligned: None,
        }
    }

    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    pub fn question(mut self, question: &str) -> Finding {
        self.question = Some(question.to_string());
        self
    }

    pub fn related(mut self, path: &Path, pos: Pos) -> Finding {
        self.related.push(Location {
            path: path.to_path_buf(),
            line: pos.line,
            column: pos.column,
        });
        self
    }

    /// A fingerprint that stays the same across runs, when lines move and
    /// when other files are added: a SHA-256 over the rule, the path, the
    /// question, the message key and its stable values, and the related
    /// paths (but for a group's findings: its other members come and go).
    /// Baselines and SARIF's `partialFingerprints` use it.
    pub fn fingerprint(&self) -> String {
        self.fingerprint_naming(&|p: &Path| path_bytes(p).to_vec())
    }

    /// The fingerprint with each file named by `name` (a round names a file
    /// by the sender it came from, so that a renamed file is the same).
    pub fn fingerprint_naming(&self, name: &dyn Fn(&Path) -> Vec<u8>) -> String {
        use sha2::{Digest, Sha256};
        fn message(h: &mut Sha256, m: &Message) {
            h.update(m.key.as_bytes());
            h.update([0]);
            for (name, arg) in m.args.iter().filter(|(_, a)| a.is_stable()) {
                h.update(name.as_bytes());
                h.update([1]);
                match arg {
                    Arg::Text(t) => h.update(t.as_bytes()),
                    Arg::Path(p) => h.update(path_bytes(p)),
                    Arg::Number(n) => h.update(n.to_le_bytes()),
                    _ => {}
                }
                h.update([0]);
            }
        }
        let mut h = Sha256::new();
        let path = name(&self.path);
        for part in [self.rule.as_bytes(), &path] {
            h.update(part);
            h.update([0]);
        }
        h.update(self.question.as_deref().unwrap_or("").as_bytes());
        h.update([0]);
        message(&mut h, &self.text);
        for r in self.related.iter().filter(|_| self.group.is_none()) {
            h.update(name(&r.path));
            h.update([0]);
        }
        h.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The order findings are reported in: path (by bytes), line, column,
    /// rule, message.
    pub fn sort_key(&self) -> (&[u8], u32, u32, &str, &str) {
        (
            path_bytes(&self.path),
            self.line,
            self.column,
            self.rule,
            &self.message,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: u32, msg: Message) -> Finding {
        Finding::new(
            "DUP003",
            Severity::Warning,
            Path::new("a.txt"),
            Pos { line, column: 1 },
            msg,
            String::new(),
        )
    }

    #[test]
    fn fingerprints_ignore_lines_and_counts_but_not_content() {
        let m = |q: &str, line: u32, n: usize| {
            Message::new("same")
                .text("question", q)
                .line("line", line)
                .count("n", n)
        };
        let a = finding(70, m("X", 66, 16));
        let b = finding(75, m("X", 71, 17));
        let c = finding(70, m("Y", 66, 16));
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
        assert_eq!(a.fingerprint().len(), 32);
        // Pinned: a change here breaks every stored baseline.
        assert_eq!(
            finding(1, Message::new("m")).fingerprint(),
            "6893b4a16451ae980cd3b0399e8ecd73"
        );
    }
}
