//! Decisions that last: a reviewer marks a finding handled, accepted or
//! asked about (with a note), and the mark stays between runs. Decisions
//! are kept in one SQLite database at the round's root
//! (`.dubbelkoll/round.sqlite`, beside dubbelkoll.toml), made only by the
//! command that records one: every decision is a new row (who, what, when),
//! so the history stays when a finding goes away. A finding is known by
//! its fingerprint ([`Finding::fingerprint`]), which survives re-runs, moved
//! lines and new files.
//!
//! The database runs in WAL mode and waits for a writer that holds it, so
//! two reviewers recording at once lose nothing. A file that is no such
//! database is an error naming it, never reset.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags};
use serde::Serialize;

use crate::finding::Finding;

/// Where a round keeps its decisions, below its root.
pub const FILE: &str = ".dubbelkoll/round.sqlite";

/// What a reviewer decided about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Dealt with (the sender completed it, the reviewer fixed it).
    Handled,
    /// Not a problem: left as it is.
    Accepted,
    /// The sender has been asked (komplettering begärd).
    Asked,
    /// Open again.
    Open,
}

impl State {
    /// The state as recorded and exported.
    pub fn label(self) -> &'static str {
        match self {
            State::Handled => "handled",
            State::Accepted => "accepted",
            State::Asked => "asked",
            State::Open => "open",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        [State::Handled, State::Accepted, State::Asked, State::Open]
            .into_iter()
            .find(|st| st.label() == s)
    }

    /// Whether the finding needs nothing more from the reviewer.
    pub fn settled(self) -> bool {
        matches!(self, State::Handled | State::Accepted)
    }
}

/// One recorded decision, with what the finding said when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub fingerprint: String,
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub by: String,
    /// UTC, `yyyy-mm-dd hh:mm`.
    pub at: String,
    pub rule: String,
    pub path: String,
    pub message: String,
}

/// The decisions database of a round.
pub struct Book {
    conn: Connection,
    path: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS decision (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    note TEXT,
    by TEXT NOT NULL,
    at TEXT NOT NULL,
    rule TEXT NOT NULL,
    path TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decision_fingerprint ON decision (fingerprint, id);
";

impl Book {
    /// The database at `path`, made (with its folder) if missing.
    pub fn create(path: &Path) -> Result<Book, String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("{}: cannot make the folder: {e}", dir.display()))?;
        }
        Book::open_with(path, OpenFlags::default())
    }

    /// The database at `path` if there is one (a check only reads it).
    pub fn existing(path: &Path) -> Result<Option<Book>, String> {
        if !path.is_file() {
            return Ok(None);
        }
        Book::open_with(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map(Some)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Book, String> {
        let err = |e: rusqlite::Error| {
            format!(
                "{}: not a dubbelkoll decisions database, or damaged: {e}",
                path.display()
            )
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(err)?;
        if !flags.contains(OpenFlags::SQLITE_OPEN_READ_ONLY) {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(err)?;
            conn.execute_batch(SCHEMA).map_err(err)?;
        }
        // A damaged file fails here, not silently later.
        conn.query_row("SELECT count(*) FROM decision", [], |r| r.get::<_, i64>(0))
            .map_err(err)?;
        Ok(Book {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn failed(&self, e: rusqlite::Error) -> String {
        format!("{}: {e}", self.path.display())
    }

    /// Records a decision about a finding of the round (`ids` names it).
    pub fn record(
        &self,
        f: &Finding,
        ids: &Ids,
        state: State,
        note: Option<&str>,
        by: &str,
        at: &str,
    ) -> Result<(), String> {
        self.conn
            .execute(
                "INSERT INTO decision (fingerprint, state, note, by, at, rule, path, message)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    ids.of(f),
                    state.label(),
                    note,
                    by,
                    at,
                    f.rule,
                    f.path.to_string_lossy(),
                    f.message
                ],
            )
            .map(|_| ())
            .map_err(|e| self.failed(e))
    }

    /// Every decision, oldest first.
    pub fn history(&self) -> Result<Vec<Decision>, String> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT fingerprint, state, note, by, at, rule, path, message
                 FROM decision ORDER BY id",
            )
            .map_err(|e| self.failed(e))?;
        let rows = stmt
            .query_map([], |r| {
                let state: String = r.get(1)?;
                Ok(Decision {
                    fingerprint: r.get(0)?,
                    state: State::parse(&state).unwrap_or(State::Open),
                    note: r.get(2)?,
                    by: r.get(3)?,
                    at: r.get(4)?,
                    rule: r.get(5)?,
                    path: r.get(6)?,
                    message: r.get(7)?,
                })
            })
            .map_err(|e| self.failed(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.failed(e))
    }

    /// The latest decision per fingerprint.
    pub fn current(&self) -> Result<BTreeMap<String, Decision>, String> {
        let mut by_finding = BTreeMap::new();
        for d in self.history()? {
            by_finding.insert(d.fingerprint.clone(), d);
        }
        Ok(by_finding)
    }
}

/// The decisions database of the round whose root is `root` (the
/// configuration file's folder, else the working directory).
pub fn book_path(root: Option<&Path>) -> PathBuf {
    root.unwrap_or(Path::new(".")).join(FILE)
}

/// Who records a decision: `--by`, else the login name.
pub fn who(by: Option<&str>) -> String {
    by.map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// How a round names findings: a file an expected sender sent by that
/// sender (so a renamed file, or a new version, keeps its findings' ids
/// and their decisions), any other by its path under the round's root,
/// however the folder was named ([`Finding::fingerprint_naming`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ids {
    pub root: PathBuf,
    /// The expected sender each matched file came from.
    pub senders: BTreeMap<PathBuf, String>,
}

impl Ids {
    /// A finding's id.
    pub fn of(&self, f: &Finding) -> String {
        f.fingerprint_naming(&|p: &Path| match self.senders.get(p) {
            Some(sender) => format!("sender:{sender}").into_bytes(),
            None => {
                let full = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
                let rel = full.strip_prefix(&self.root).unwrap_or(&full);
                rel.as_os_str().as_encoded_bytes().to_vec()
            }
        })
    }
}

/// The folder a round's ids and database are relative to: the
/// configuration file's, else the working directory, resolved on disk.
pub fn root(base: Option<&Path>) -> PathBuf {
    let dir = base.unwrap_or(Path::new("."));
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// The findings an id names: a fingerprint or its first characters (at
/// least six). Findings that share the whole id (one sender's versions
/// with the same gap) are one; none, or two different ids, is an error
/// saying so.
pub fn find<'a>(
    findings: &'a [Finding],
    ids: &Ids,
    wanted: &str,
) -> Result<Vec<&'a Finding>, String> {
    let wanted = wanted.trim().to_ascii_lowercase();
    if wanted.len() < 6 || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!(
            "{wanted:?} is no finding id: give at least six of its hex digits, as the report shows them"
        ));
    }
    let hits: Vec<(String, &Finding)> = (findings.iter())
        .map(|f| (ids.of(f), f))
        .filter(|(id, _)| id.starts_with(&wanted))
        .collect();
    match hits.first() {
        None => Err(format!("no finding {wanted} in this round")),
        Some((first, _)) if hits.iter().any(|(id, _)| id != first) => Err(format!(
            "{wanted} names more than one finding: give more of its digits"
        )),
        Some(_) => Ok(hits.into_iter().map(|(_, f)| f).collect()),
    }
}

/// Every decision in the database at `path`, oldest first, as CSV or JSON.
pub fn export(path: &Path, json: bool) -> Result<String, String> {
    let history = match Book::existing(path)? {
        Some(book) => book.history()?,
        None => Vec::new(),
    };
    if json {
        let mut s = serde_json::to_string_pretty(&history).expect("decisions serialise");
        s.push('\n');
        return Ok(s);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let head = [
        "fingerprint",
        "state",
        "note",
        "by",
        "at",
        "rule",
        "path",
        "message",
    ];
    let fail = |e: csv::Error| e.to_string();
    w.write_record(head).map_err(fail)?;
    for d in &history {
        // What a reviewer or a sender wrote never starts a formula when a
        // spreadsheet opens the file.
        let text = |s: &str| -> String {
            let s: String = s
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            if s.starts_with(['=', '+', '-', '@']) {
                format!("'{s}")
            } else {
                s
            }
        };
        w.write_record([
            d.fingerprint.clone(),
            d.state.label().to_string(),
            text(d.note.as_deref().unwrap_or("")),
            text(&d.by),
            d.at.clone(),
            d.rule.clone(),
            text(&d.path),
            text(&d.message),
        ])
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Message, Pos};

    fn finding(path: &str) -> Finding {
        crate::rules::miss002::RULE.finding(Path::new(path), Pos::START, Message::new("empty"))
    }

    #[test]
    fn the_latest_decision_stands_and_the_history_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let book = Book::create(&path).unwrap();
        let f = finding("a.txt");
        let ids = Ids {
            root: dir.path().to_path_buf(),
            ..Ids::default()
        };
        let (asked, handled) = ("2026-12-01 10:00", "2026-12-02 09:00");
        book.record(&f, &ids, State::Asked, Some("mejlat"), "anna", asked)
            .unwrap();
        book.record(&f, &ids, State::Handled, None, "anna", handled)
            .unwrap();
        drop(book);
        let book = Book::existing(&path).unwrap().unwrap();
        let now = book.current().unwrap();
        assert_eq!(now[&ids.of(&f)].state, State::Handled);
        assert_eq!(book.history().unwrap().len(), 2);
    }

    #[test]
    fn an_exported_note_starts_no_formula_and_holds_no_control_character() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let book = Book::create(&path).unwrap();
        let ids = Ids::default();
        let note = "=HYPERLINK(\"http://x\")\u{1b}[2J";
        book.record(
            &finding("a.txt"),
            &ids,
            State::Accepted,
            Some(note),
            "bo",
            "t",
        )
        .unwrap();
        let csv = export(&path, false).unwrap();
        assert!(csv.contains("\"'=HYPERLINK"), "{csv}");
        assert!(!csv.contains('\u{1b}'), "{csv}");
    }

    #[test]
    fn a_damaged_database_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("round.sqlite");
        std::fs::write(&path, b"not a database at all, just text ".repeat(200)).unwrap();
        for err in [
            Book::create(&path).err().unwrap(),
            Book::existing(&path).err().unwrap(),
        ] {
            assert!(
                err.contains("round.sqlite: not a dubbelkoll decisions database"),
                "{err}"
            );
        }
        // Left as it was.
        assert!(std::fs::read(&path).unwrap().starts_with(b"not a database"));
    }

    #[test]
    fn an_id_names_one_finding_or_says_why_not() {
        let dir = tempfile::tempdir().unwrap();
        let ids = Ids {
            root: root(Some(dir.path())),
            ..Ids::default()
        };
        let fs = [finding("a.txt"), finding("b.txt")];
        let fp = ids.of(&fs[0]);
        assert_eq!(
            find(&fs, &ids, &fp[..8]).unwrap()[0].path,
            Path::new("a.txt")
        );
        assert!(find(&fs, &ids, "abc").unwrap_err().contains("at least six"));
        assert!(find(&fs, &ids, "000000000000")
            .unwrap_err()
            .contains("no finding"));
        // Two files of one sender with the same gap are one finding.
        let one = Ids {
            senders: BTreeMap::from([
                (PathBuf::from("a.txt"), "Farsta".to_string()),
                (PathBuf::from("b.txt"), "Farsta".to_string()),
            ]),
            ..ids
        };
        assert_eq!(find(&fs, &one, &one.of(&fs[0])).unwrap().len(), 2);
    }

    #[test]
    fn an_id_is_the_same_however_the_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("subs")).unwrap();
        std::fs::write(dir.path().join("subs/a.txt"), "x").unwrap();
        let ids = Ids {
            root: root(Some(dir.path())),
            ..Ids::default()
        };
        let spelled = [
            dir.path().join("subs/a.txt"),
            dir.path().join("subs/./a.txt"),
            dir.path().join("subs/../subs/a.txt"),
        ];
        let all: Vec<String> = (spelled.iter())
            .map(|p| ids.of(&finding(&p.to_string_lossy())))
            .collect();
        assert!(all.iter().all(|i| *i == all[0]), "{all:?}");
    }
}
