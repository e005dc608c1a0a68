//! The checks. Each rule is a module with its [`Rule`] (code, default
//! severity, explanation) and a function that returns [`Finding`]s; this
//! module holds the registry and the finding model. Rules never print.
//!
//! Per-file rules see one [`Submission`]; corpus rules see every checked
//! submission at once (CONT002's domain check, CONT003).

pub mod cont001;
pub mod cont002;
pub mod cont003;
pub mod cont004;
pub mod date001;
pub mod dup001;
pub mod dup002;
pub mod dup003;
pub mod dup004;
pub mod miss001;
pub mod miss002;
pub mod miss003;
pub mod miss004;

use serde::Serialize;

use crate::form::{Form, Submission};
use crate::i18n::Lang;
pub use crate::i18n::Message;
use crate::normalize::Pos;

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

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct Rule {
    /// Stable code: `MISS001`.
    pub code: &'static str,
    /// Short kebab-case name: `placeholder-text`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// What it finds, why it matters, an example.
    pub explanation: &'static str,
}

/// Every rule, in code order.
pub const RULES: &[&Rule] = &[
    &cont001::RULE,
    &cont002::RULE,
    &cont003::RULE,
    &cont004::RULE,
    &date001::RULE,
    &dup001::RULE,
    &dup002::RULE,
    &dup003::RULE,
    &dup004::RULE,
    &miss001::RULE,
    &miss002::RULE,
    &miss003::RULE,
    &miss004::RULE,
];

/// Finds a rule by code, case-insensitively.
pub fn lookup(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub path: String,
    pub line: u32,
    pub column: u32,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: String,
    pub line: u32,
    pub column: u32,
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
    pub changes: Option<Vec<crate::corpus::diff::Change>>,
    /// The message, to be shown in another language; `message` is English.
    #[serde(skip)]
    pub text: Message,
}

impl Finding {
    pub fn new(rule: &Rule, path: &str, pos: Pos, message: impl Into<Message>) -> Finding {
        let text: Message = message.into();
        Finding {
            rule: rule.code,
            severity: rule.severity,
            path: path.to_string(),
            line: pos.line,
            column: pos.column,
            message: text.render(Lang::En),
            text,
            question: None,
            related: Vec::new(),
            similarity: None,
            changes: None,
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

    /// The message in a language.
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.message.clone(),
            _ => self.text.render(lang),
        }
    }

    /// A fingerprint that stays the same across runs and when lines move:
    /// a SHA-256 over the rule, the path, the question, the message with its
    /// line numbers taken out, and the related paths. Baselines and SARIF's
    /// `partialFingerprints` use it.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        static LINES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"\blines? \d+(-\d+)?|:\d+:\d+").unwrap()
        });
        let mut h = Sha256::new();
        for part in [
            self.rule,
            &self.path,
            self.question.as_deref().unwrap_or(""),
            &LINES.replace_all(&self.message, ""),
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        for r in &self.related {
            h.update(r.path.as_bytes());
            h.update([0]);
        }
        h.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The order findings are reported in: path, line, column, rule, message.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (&self.path, self.line, self.column, self.rule, &self.message)
    }
}

/// A checked submission as the rules see it.
pub struct Checked<'a> {
    pub path: &'a str,
    pub sub: &'a Submission,
    /// Its real answers, tokenised once for every rule that compares them.
    pub answers: Vec<crate::corpus::answers::Answer>,
    /// The least words of an answer that DUP003 compares.
    pub min_words: usize,
}

impl<'a> Checked<'a> {
    pub fn new(path: &'a str, sub: &'a Submission, form: &Form) -> Checked<'a> {
        Checked {
            path,
            sub,
            answers: crate::corpus::answers::answers(sub, form),
            min_words: crate::corpus::MIN_PARAGRAPH_WORDS,
        }
    }
}

/// Runs the per-file rules on one submission.
pub fn check_file(c: &Checked, form: &Form) -> Vec<Finding> {
    let mut out = Vec::new();
    miss001::check(c, form, &mut out);
    miss002::check(c, form, &mut out);
    miss003::check(c, form, &mut out);
    miss004::check(c, form, &mut out);
    cont001::check(c, &mut out);
    cont002::check(c, form, &mut out);
    cont004::check(c, form, &mut out);
    date001::check(c, &mut out);
    dup003::check(c, form, &mut out);
    out
}

/// A header value as corpus rules keep it: its text and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub text: String,
    pub pos: Pos,
}

/// What the corpus rules keep of a submission once its text is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub path: String,
    pub contact: Option<String>,
    /// The Telefon value.
    pub phone: Option<Value>,
    /// The e-mail address in the E-post value (the whole value if it holds
    /// no address).
    pub email: Option<Value>,
}

impl Facts {
    pub fn of(path: &str, sub: &Submission) -> Facts {
        let value = |f: crate::form::Field| {
            let r = sub.field(f).value.clone()?;
            Some(Value {
                text: sub.doc.text[r.clone()].to_string(),
                pos: sub.doc.pos(r.start),
            })
        };
        let email = sub.field(crate::form::Field::Epost).value.clone().map(|r| {
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
        Facts {
            path: path.to_string(),
            contact: sub
                .value(crate::form::Field::Kontaktperson)
                .map(str::to_string),
            phone: value(crate::form::Field::Telefon),
            email,
        }
    }
}

/// Runs the rules that compare submissions with each other; `email_domain`
/// is the domain every address should have, if one is set.
pub fn check_corpus(all: &[Facts], email_domain: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    cont002::check_corpus(all, email_domain, &mut out);
    cont003::check_corpus(all, &mut out);
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

    pub fn run(src: &str, rule: fn(&Checked, &Form, &mut Vec<Finding>)) -> Vec<Finding> {
        let form = Form::builtin();
        let sub = form.parse(normalize(src));
        let mut out = Vec::new();
        rule(
            &Checked::new("t.txt", &sub, &crate::form::Form::builtin()),
            &form,
            &mut out,
        );
        out
    }

    /// A complete stadsdelsnämnd submission with every answer given.
    pub fn complete() -> String {
        let t = crate::form::Template::builtin();
        let mut s = String::from(
            "Nämnd\nFarsta stadsdelsnämnd\nKontaktperson för eventuella frågor\nAnna Berg\n\
             Telefon\n08-508 18 000\nE-post\nanna.berg@stockholm.se\n\n\
             Uppföljning av direktiv och aktiviteter med näringslivskoppling i budget 2022\n\n",
        );
        for (a, area) in t.variants[0].areas.iter().enumerate() {
            s.push_str(&format!("{}\n\n", area.heading));
            for (q, question) in area.questions.iter().enumerate() {
                s.push_str(&format!(
                    "{question}\n\nFörvaltningen arbetar med område {a} fråga {q} tillsammans med lokala företag i Farsta.\n\n"
                ));
            }
        }
        s
    }
}

#[cfg(test)]
mod fingerprint_tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_line_shifts_but_not_content() {
        let f = |line: u32, msg: &str| {
            Finding::new(
                &dup003::RULE,
                "a.txt",
                Pos { line, column: 1 },
                msg.to_string(),
            )
        };
        let a = f(70, "this answer repeats the answer to \"X\" (line 66)");
        let b = f(75, "this answer repeats the answer to \"X\" (line 71)");
        let c = f(70, "this answer repeats the answer to \"Y\" (line 66)");
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
        assert_eq!(a.fingerprint().len(), 32);
        // Pinned: a change here breaks every stored baseline.
        assert_eq!(f(1, "m").fingerprint(), "6893b4a16451ae980cd3b0399e8ecd73");
    }
}
