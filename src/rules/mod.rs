//! The checks. Each rule is one module holding its [`Rule`]: code, name,
//! default severity, titles and explanation, its messages in English and
//! Swedish, and the function that finds it. [`RULES`] lists them all; a
//! [`Selection`] decides which of them run. Rules never print.
//!
//! Per-file rules see one [`FileContext`]; corpus rules see every checked
//! submission at once through a [`Corpus`] (CONT002's domain check, CONT003,
//! the DUP rules, which use [`crate::corpus`] for signatures and diffs).

pub mod choice001;
pub mod cont001;
pub mod cont002;
pub mod cont003;
pub mod cont004;
pub mod cont005;
pub mod date001;
pub mod dup001;
pub mod dup002;
pub mod dup003;
pub mod dup004;
pub mod dup005;
pub mod form001;
pub mod form002;
pub mod miss001;
pub mod miss002;
pub mod miss003;
pub mod miss004;
pub mod miss005;
pub mod read001;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::corpus::answers::Answer;
use crate::corpus::{Duplicates, Edge, Entry, Fingerprint, Group, Loader};
use crate::finding::{Arg, Finding, Message, Pos, Severity};
use crate::form::{Form, Role, Submission};
use crate::i18n::Lang;

/// A message of a rule in both languages; `{name}` stands for a value.
#[derive(Debug)]
pub struct Text {
    pub key: &'static str,
    pub en: &'static str,
    pub sv: &'static str,
}

/// Finds a rule's findings in one submission.
pub type FileCheck = fn(&FileContext, &mut Vec<Finding>);
/// Finds a rule's findings across all submissions.
pub type CorpusCheck = fn(&Corpus, &mut Vec<Finding>);

/// A rule: its identity, documentation, messages and checks.
#[derive(Debug)]
pub struct Rule {
    /// Stable code: `MISS001`.
    pub code: &'static str,
    /// Short kebab-case name: `placeholder-text`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds, in English.
    pub summary: &'static str,
    /// The same line in Swedish.
    pub summary_sv: &'static str,
    /// What it finds, why it matters, an example.
    pub explanation: &'static str,
    /// The same in Swedish.
    pub explanation_sv: &'static str,
    /// Its messages.
    pub messages: &'static [Text],
    /// Its check of one submission, if it has one.
    pub file: Option<FileCheck>,
    /// Its check across submissions, if it has one.
    pub corpus: Option<CorpusCheck>,
}

/// Every rule, in code order. A new rule is a new module and a line here.
pub static RULES: &[&Rule] = &[
    &choice001::RULE,
    &cont001::RULE,
    &cont002::RULE,
    &cont003::RULE,
    &cont004::RULE,
    &cont005::RULE,
    &date001::RULE,
    &dup001::RULE,
    &dup002::RULE,
    &dup003::RULE,
    &dup004::RULE,
    &dup005::RULE,
    &form001::RULE,
    &form002::RULE,
    &miss001::RULE,
    &miss002::RULE,
    &miss003::RULE,
    &miss004::RULE,
    &miss005::RULE,
    &read001::RULE,
];

/// Finds a rule by code, case-insensitively.
pub fn lookup(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The `&'static` spelling of a message key or value name that a rule's
/// messages use (`"suggest"`, `"district"`), for findings read back from
/// the cache; `None` for a name no message has.
pub fn static_name(name: &str) -> Option<&'static str> {
    static NAMES: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let texts = RULES.iter().flat_map(|r| r.messages).chain(SHARED);
        let mut names = std::collections::HashSet::new();
        for t in texts {
            names.insert(t.key);
            for part in t.en.split('{').skip(1) {
                if let Some(end) = part.find('}') {
                    names.insert(&part[..end]);
                }
            }
        }
        names
    });
    names.get(name).copied()
}

/// Whether `code` names a rule or a prefix of rule codes (`MISS`).
pub fn is_known(code: &str) -> bool {
    let code = code.to_ascii_uppercase();
    !code.is_empty() && RULES.iter().any(|r| r.code.starts_with(&code))
}

impl Rule {
    /// The one-line summary in a language.
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.summary,
            Lang::Sv => self.summary_sv,
        }
    }

    /// What it finds, why it matters, an example, in `lang`.
    pub fn explanation(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.explanation,
            Lang::Sv => self.explanation_sv,
        }
    }

    /// Renders one of this rule's messages in a language. A key the rule
    /// does not define shows as the key with its values (a test keeps every
    /// message defined).
    pub fn render(&self, m: &Message, lang: Lang) -> String {
        let all = self.messages.iter().chain(SHARED);
        let Some(text) = all.into_iter().find(|t| t.key == m.key) else {
            let values: Vec<String> = m
                .args
                .iter()
                .map(|(n, a)| format!("{n}={}", self.value(a, lang)))
                .collect();
            return format!("{}.{} {}", self.code, m.key, values.join(" "));
        };
        let mut out = match lang {
            Lang::En => text.en,
            Lang::Sv => text.sv,
        }
        .to_string();
        for (name, arg) in &m.args {
            out = out.replace(&format!("{{{name}}}"), &self.value(arg, lang));
        }
        out
    }

    fn value(&self, arg: &Arg, lang: Lang) -> String {
        match arg {
            Arg::Text(t) => t.clone(),
            Arg::Path(p) | Arg::Peer(p) => p.to_string_lossy().into_owned(),
            Arg::Number(n) => n.to_string(),
            Arg::Count(n) => n.to_string(),
            Arg::Line(n) => n.to_string(),
            Arg::Percent { value, decimals } => lang.decimal(*value, *decimals),
            Arg::List(items) => items
                .iter()
                .map(|m| self.render(m, lang))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// A finding of this rule at its default severity.
    pub fn finding(&'static self, path: &Path, pos: Pos, msg: Message) -> Finding {
        let english = self.render(&msg, Lang::En);
        Finding::new(self.code, self.severity, path, pos, msg, english)
    }
}

/// A finding's message in a language.
pub fn message(f: &Finding, lang: Lang) -> String {
    match (lang, lookup(f.rule)) {
        (Lang::En, _) | (_, None) => f.message.clone(),
        (_, Some(r)) => r.render(&f.text, lang),
    }
}

/// A rule code or prefix that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown rule {:?} (`dubbelkoll rules` lists them)",
            self.0
        )
    }
}

/// The rules that run: those `select` names (all when it is empty) but not
/// those `ignore` names, by code or prefix.
#[derive(Debug, Clone)]
pub struct Selection(Vec<&'static Rule>);

impl Default for Selection {
    fn default() -> Selection {
        Selection(RULES.to_vec())
    }
}

impl Selection {
    pub fn new(select: &[String], ignore: &[String]) -> Result<Selection, UnknownRule> {
        if let Some(bad) = select.iter().chain(ignore).find(|c| !is_known(c)) {
            return Err(UnknownRule(bad.clone()));
        }
        let names = |list: &[String], code: &str| {
            list.iter()
                .any(|p| code.starts_with(&p.to_ascii_uppercase()))
        };
        Ok(Selection(
            RULES
                .iter()
                .copied()
                .filter(|r| select.is_empty() || names(select, r.code))
                .filter(|r| !names(ignore, r.code))
                .collect(),
        ))
    }

    /// Exactly these rules.
    pub fn of(rules: &[&'static Rule]) -> Selection {
        Selection(rules.to_vec())
    }

    pub fn rules(&self) -> &[&'static Rule] {
        &self.0
    }

    pub fn contains(&self, code: &str) -> bool {
        self.0.iter().any(|r| r.code == code)
    }

    /// Whether any selected rule works across submissions.
    pub fn has_corpus_rules(&self) -> bool {
        self.0.iter().any(|r| r.corpus.is_some())
    }
}

/// A checked submission as per-file rules see it.
pub struct FileContext<'a> {
    pub path: &'a Path,
    pub sub: &'a Submission,
    pub form: &'a Form,
    /// Its real answers, tokenised once for every rule that compares them.
    pub answers: Vec<Answer>,
    /// The least words of an answer that DUP003 compares.
    pub min_words: usize,
}

impl<'a> FileContext<'a> {
    pub fn new(path: &'a Path, sub: &'a Submission, form: &'a Form) -> FileContext<'a> {
        FileContext {
            path,
            sub,
            form,
            answers: crate::corpus::answers::answers(sub, form),
            min_words: crate::corpus::MIN_PARAGRAPH_WORDS,
        }
    }
}

/// Runs the selected per-file rules on one submission.
pub fn check_file(c: &FileContext, selection: &Selection) -> Vec<Finding> {
    let mut out = Vec::new();
    for check in selection.rules().iter().filter_map(|r| r.file) {
        check(c, &mut out);
    }
    out
}

/// A header value as corpus rules keep it: its text and where it starts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Value {
    pub text: String,
    pub pos: Pos,
}

/// What the corpus rules keep of a submission once its text is dropped.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub path: PathBuf,
    /// The contact person.
    pub contact: Option<Value>,
    /// The phone value.
    pub phone: Option<Value>,
    /// The e-mail address in the e-mail value (the whole value if it holds
    /// no address).
    pub email: Option<Value>,
    /// Its signatures for near-duplicate detection.
    pub fingerprint: Fingerprint,
    /// Set when it fits no form variant (FORM001).
    pub unfit: Option<Unfit>,
    /// When the file was last modified (seconds since the epoch).
    pub modified: Option<u64>,
    /// Who sent it, as far as its header tells.
    pub sender: crate::corpus::sender::Sender,
    /// The report year its form states (FORM002).
    pub report_year: Option<u32>,
}

/// How a submission that fits no variant stands (FORM001).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Unfit {
    /// The closest variant: its label, the questions of it found, and all.
    pub closest: Option<(String, usize, usize)>,
    /// Lines that ask something and are no question of the form.
    pub unknown: usize,
}

impl Unfit {
    /// How a parsed submission fits, `None` when it does.
    pub fn of(sub: &Submission, form: &Form) -> Option<Unfit> {
        if sub.fits() {
            return None;
        }
        let found = sub.questions.iter().filter(|q| q.found.is_some()).count();
        let closest = sub
            .variant
            .map(|v| (form.template.variant_label(v), found, sub.questions.len()));
        let mut known = vec![false; sub.doc.units.len()];
        for f in sub.questions.iter().filter_map(|q| q.found.as_ref()) {
            known[f.units.clone()].iter_mut().for_each(|k| *k = true);
        }
        let unknown = (0..sub.doc.units.len())
            .filter(|&u| !known[u] && crate::form::learn::asks(sub.doc.unit_text(u)))
            .count();
        Some(Unfit { closest, unknown })
    }
}

impl Summary {
    /// What the corpus rules keep of a parsed submission; the caller sets
    /// `modified` from the metadata it read the file with.
    pub fn of(path: &Path, sub: &Submission, form: &Form, fingerprint: Fingerprint) -> Summary {
        let value = |role| {
            let (_, r) = sub.filled(role)?;
            Some(Value {
                text: sub.doc.text[r.clone()].to_string(),
                pos: sub.doc.pos(r.start),
            })
        };
        let email = sub.filled(Role::Email).map(|(_, r)| {
            let v = &sub.doc.text[r.clone()];
            match cont001::address(v) {
                Some(a) => Value {
                    text: a.to_string(),
                    pos: sub.doc.pos(r.start + v.find(a).unwrap_or(0)),
                },
                None => Value {
                    text: v.to_string(),
                    pos: sub.doc.pos(r.start),
                },
            }
        });
        Summary {
            path: path.to_path_buf(),
            contact: value(Role::Contact),
            phone: value(Role::Phone),
            email,
            fingerprint,
            unfit: Unfit::of(sub, form),
            modified: None,
            sender: sender_of(sub, form),
            report_year: sub.report_year,
        }
    }
}

/// What a parsed submission says of its sender: its sender field, or the
/// committee its text names where the field holds the form's generic
/// value (CONT004); its contact person and e-mail address; and its title
/// fields.
pub fn sender_of(sub: &Submission, form: &Form) -> crate::corpus::sender::Sender {
    use crate::corpus::sender::Sender;
    let filled = |role| {
        sub.value(role)
            .map(str::trim)
            .filter(|v| !v.is_empty() && !form.is_placeholder(v) && !form.is_non_answer(v))
    };
    let suggested =
        cont004::generic_sender(sub, form).map(|g| g.district.map(|(d, _)| cont004::committee(d)));
    let name = match &suggested {
        Some(committee) => committee.as_deref(),
        None => filled(Role::Sender),
    };
    let email = filled(Role::Email).map(|v| cont001::address(v).unwrap_or(v));
    let titles: Vec<&str> = (sub.header.iter())
        .filter(|h| h.role.is_none() && Sender::is_title_field(&h.name))
        .filter_map(|h| h.value.clone())
        .map(|r| sub.doc.text[r].trim())
        .filter(|v| !v.is_empty() && !form.is_placeholder(v))
        .collect();
    let mut sender = Sender::new(
        (name, suggested.is_some()),
        filled(Role::Contact),
        email,
        &titles,
    );
    // The words around each `@` (most texts have one or two).
    let text = &sub.doc.text;
    let words = memchr::memchr_iter(b'@', text.as_bytes()).map(|at| {
        let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i);
        &text[start..end]
    });
    let addresses = words.filter_map(cont001::address).filter(|a| a.len() > 3);
    sender.addresses = addresses
        .map(|a| a.trim_end_matches('.').to_lowercase())
        .collect();
    sender.addresses.sort();
    sender.addresses.dedup();
    sender
}

/// When a file was last modified, in seconds since the epoch.
pub fn modified_at(meta: &std::fs::Metadata) -> Option<u64> {
    let t = meta.modified().ok()?;
    Some(t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs())
}

/// Settings of the corpus rules.
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// The least similarity of a near-duplicate (DUP001).
    pub similarity: f64,
    /// The e-mail domain every contact should use (CONT002).
    pub email_domain: Option<String>,
    /// Keep each near-duplicate pair's answers side by side (HTML report).
    pub side_by_side: bool,
}

/// Every checked submission, as corpus rules see them. The duplicate
/// analysis the DUP rules share is made once, by the first that asks.
pub struct Corpus<'a> {
    /// Sorted by path.
    pub files: &'a [Summary],
    /// The files that could not be read, with the reason, sorted by path.
    pub unreadable: &'a [(PathBuf, String)],
    /// The previous round's submissions, sorted by path.
    pub previous: &'a [Summary],
    pub options: &'a CorpusOptions,
    load: &'a Loader<'a>,
    duplicates: OnceLock<Duplicates>,
}

impl<'a> Corpus<'a> {
    pub fn new(files: &'a [Summary], options: &'a CorpusOptions, load: &'a Loader) -> Corpus<'a> {
        Corpus {
            files,
            unreadable: &[],
            previous: &[],
            options,
            load,
            duplicates: OnceLock::new(),
        }
    }

    /// Identical and near-duplicate submissions (indices into `files`).
    pub fn duplicates(&self) -> &Duplicates {
        self.duplicates.get_or_init(|| {
            let entries: Vec<Entry> = self
                .files
                .iter()
                .map(|f| Entry {
                    path: &f.path,
                    fp: &f.fingerprint,
                    sender: &f.sender,
                })
                .collect();
            crate::corpus::find_duplicates(
                &entries,
                self.options.similarity,
                self.load,
                self.options.side_by_side,
            )
        })
    }
}

/// Messages any rule may use besides its own: where a version stands among
/// its group's and why the newest is the newest (DUP001 and DUP002 word it
/// so).
pub const SHARED: &[Text] = &[
    Text {
        key: "version",
        en: "version {n} of {total} of one submission{alone}",
        sv: "version {n} av {total} av samma inlämning{alone}",
    },
    Text {
        key: "newest-date",
        en: "version {n} of {total} of one submission, the newest by the date in its header ({date}){alone}",
        sv: "version {n} av {total} av samma inlämning, den senaste enligt datumet i uppgifterna om avsändaren ({date}){alone}",
    },
    Text {
        key: "newest-time",
        en: "version {n} of {total} of one submission, the newest by its modification time ({date} UTC){alone}",
        sv: "version {n} av {total} av samma inlämning, den senaste enligt när filen senast ändrades ({date} UTC){alone}",
    },
    Text {
        key: "newest-name",
        en: "version {n} of {total} of one submission, the newest by its file name only — check{alone}",
        sv: "version {n} av {total} av samma inlämning, den senaste bara enligt filnamnet – kontrollera{alone}",
    },
    Text {
        key: "similarity-only",
        en: " (no sender field tells: grouped by similarity only)",
        sv: " (inget avsändarfält säger vem som skickat: grupperade enbart efter likhet)",
    },
];

impl Corpus<'_> {
    /// Every version of every group with its nearest version and the edge
    /// between them: (group, member, nearest, edge).
    pub fn versions_and_nearest(&self) -> impl Iterator<Item = (usize, usize, usize, &Edge)> {
        let groups = &self.duplicates().groups;
        groups.iter().enumerate().flat_map(|(g, group)| {
            group.members.iter().filter_map(move |&m| {
                let (near, edge) = group.nearest(m)?;
                Some((g, m, near, edge))
            })
        })
    }

    /// A group's members from the oldest version to the newest, and why
    /// the last is the newest ([`crate::versions::order`]).
    pub fn versions(&self, g: &Group) -> (Vec<usize>, crate::versions::NewestBy) {
        let dated: Vec<crate::versions::Dated> = (g.members.iter())
            .map(|&i| crate::versions::Dated {
                path: &self.files[i].path,
                stated: self.files[i].fingerprint.stated,
                modified: self.files[i].modified,
            })
            .collect();
        let (order, by) = crate::versions::order(&dated);
        (order.into_iter().map(|k| g.members[k]).collect(), by)
    }

    /// Every group of versions, as the scan's outcome carries them.
    pub fn version_groups(&self) -> Vec<crate::versions::VersionGroup> {
        (self.duplicates().groups.iter())
            .map(|g| {
                let (order, newest_by) = self.versions(g);
                crate::versions::VersionGroup {
                    id: group_id(&self.files[g.members[0]].path),
                    members: order.iter().map(|&i| self.files[i].path.clone()).collect(),
                    newest_by,
                    by_similarity_only: g.by_similarity_only(),
                }
            })
            .collect()
    }

    /// Member `m`'s finding in group `g`: where it stands among the
    /// versions (`{version}` of `msg`), its nearest version first among the
    /// related places, then the others, and the group's id.
    pub fn version_finding(
        &self,
        rule: &'static Rule,
        g: usize,
        m: usize,
        nearest: (usize, Pos),
        pos: Pos,
        msg: Message,
    ) -> Finding {
        use crate::versions::NewestBy;
        let group = &self.duplicates().groups[g];
        let (order, newest_by) = self.versions(group);
        let n = order.iter().position(|&i| i == m).unwrap_or(0) + 1;
        let (key, date) = match (n == order.len(), &newest_by) {
            (false, _) => ("version", ""),
            (true, NewestBy::Date { date }) => ("newest-date", date.as_str()),
            (true, NewestBy::Modified { time }) => ("newest-time", time.as_str()),
            (true, NewestBy::Name) => ("newest-name", ""),
        };
        let alone = if group.by_similarity_only() {
            vec![Message::new("similarity-only")]
        } else {
            Vec::new()
        };
        let mut version = Message::new(key).count("n", n).count("total", order.len());
        if !date.is_empty() {
            version = version.text("date", date);
        }
        let version = version.list("alone", alone);
        let mut f = rule.finding(&self.files[m].path, pos, msg.list("version", vec![version]));
        f = f.related(&self.files[nearest.0].path, nearest.1);
        // The other versions, newest first, so many that a group of
        // hundreds does not make findings of megabytes.
        let others = order.iter().rev().filter(|&&o| o != m && o != nearest.0);
        for &o in others.take(OTHER_VERSIONS) {
            f = f.related(&self.files[o].path, self.files[o].fingerprint.first);
        }
        f.group = Some(group_id(&self.files[group.members[0]].path));
        f
    }
}

/// The most other versions a version's finding lists besides its nearest.
const OTHER_VERSIONS: usize = 6;

/// A group's id: from the path of its first member (in sort order).
fn group_id(first: &Path) -> String {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(crate::finding::path_bytes(first));
    h[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs the selected corpus rules.
pub fn check_corpus(c: &Corpus, selection: &Selection) -> Vec<Finding> {
    let mut out = Vec::new();
    for check in selection.rules().iter().filter_map(|r| r.corpus) {
        check(c, &mut out);
    }
    out
}

pub(crate) use crate::form::fold_filler;

/// Shortens text for a message: at most `max` characters, with an ellipsis.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let mut it = s.chars();
    let head: String = it.by_ref().take(max).collect();
    if it.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule tests: parse a text and run one rule on it.
    use super::*;
    use crate::normalize::normalize;

    pub fn parse(src: &str) -> Submission {
        Form::builtin().parse(normalize(src))
    }

    /// Runs one rule's per-file check on a text.
    pub fn run(src: &str, rule: &'static Rule) -> Vec<Finding> {
        let form = Form::builtin();
        let sub = form.parse(normalize(src));
        check_file(
            &FileContext::new(Path::new("t.txt"), &sub, &form),
            &Selection::of(&[rule]),
        )
    }

    /// What the corpus rules keep of each (path, text).
    pub fn summaries(files: &[(&str, String)]) -> Vec<Summary> {
        let form = Form::builtin();
        files
            .iter()
            .map(|(path, src)| {
                let sub = form.parse(normalize(src));
                let answers = crate::corpus::answers::answers(&sub, &form);
                let fp = crate::corpus::fingerprint(&sub, &answers, 8);
                Summary::of(Path::new(path), &sub, &form, fp)
            })
            .collect()
    }

    /// Runs one corpus rule (with no near-duplicate verification).
    pub fn run_corpus(files: &[Summary], rule: &'static Rule) -> Vec<Finding> {
        let options = CorpusOptions {
            similarity: 0.85,
            email_domain: None,
            side_by_side: false,
        };
        check_corpus(
            &Corpus::new(files, &options, &|_| None),
            &Selection::of(&[rule]),
        )
    }

    pub use crate::form::testing::complete;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(t: &str) -> Vec<&str> {
        let mut v: Vec<&str> = t
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn every_rule_is_documented_in_both_languages() {
        for r in RULES {
            assert!(
                !r.summary.is_empty() && !r.summary_sv.is_empty(),
                "{}",
                r.code
            );
            for heading in ["What it finds:", "Why it matters:", "Example:"] {
                assert!(r.explanation.contains(heading), "{}: {heading}", r.code);
            }
            for heading in ["Vad den hittar:", "Varför det är viktigt:", "Exempel:"] {
                assert!(r.explanation_sv.contains(heading), "{}: {heading}", r.code);
            }
            // Both languages point at the same rules and options.
            let refs = |t: &str| {
                let mut v: Vec<String> = t
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .filter(|w| RULES.iter().any(|r| r.code == *w) || w.starts_with("--"))
                    .map(String::from)
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            assert_eq!(refs(r.explanation), refs(r.explanation_sv), "{}", r.code);
            assert!(!r.messages.is_empty(), "{} has no messages", r.code);
            for t in r.messages {
                assert!(!t.en.is_empty() && !t.sv.is_empty(), "{}.{}", r.code, t.key);
                assert_eq!(
                    placeholders(t.en),
                    placeholders(t.sv),
                    "{}.{}",
                    r.code,
                    t.key
                );
            }
            assert!(
                r.file.is_some() || r.corpus.is_some(),
                "{} checks nothing",
                r.code
            );
        }
        let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len(), "duplicate rule codes");
    }

    #[test]
    fn selection_by_code_and_prefix() {
        let codes = |s: &Selection| s.rules().iter().map(|r| r.code).collect::<Vec<_>>();
        let s = Selection::new(&["cont".into()], &["CONT003".into()]).unwrap();
        assert_eq!(codes(&s), ["CONT001", "CONT002", "CONT004", "CONT005"]);
        assert_eq!(
            Selection::new(&[], &["NOPE1".into()]).unwrap_err(),
            UnknownRule("NOPE1".into())
        );
        assert_eq!(Selection::default().rules().len(), RULES.len());
    }

    static RAN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    fn counting(_: &FileContext, _: &mut Vec<Finding>) {
        RAN.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    static COUNTING: Rule = Rule {
        code: "TEST001",
        name: "test",
        severity: Severity::Info,
        summary: "",
        summary_sv: "",
        explanation: "",
        explanation_sv: "",
        messages: &[],
        file: Some(counting),
        corpus: None,
    };

    #[test]
    fn a_rule_that_is_not_selected_does_not_run() {
        let form = Form::builtin();
        let sub = testing::parse(&testing::complete());
        let c = FileContext::new(Path::new("t.txt"), &sub, &form);
        check_file(&c, &Selection::of(&[&miss001::RULE]));
        assert_eq!(RAN.load(std::sync::atomic::Ordering::SeqCst), 0);
        check_file(&c, &Selection::of(&[&miss001::RULE, &COUNTING]));
        assert_eq!(RAN.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
