//! `--format github`: GitHub Actions workflow commands, one per finding,
//! which show up as annotations on the changed files. Paths are relative
//! to the repository's root ([`super::paths`]), as GitHub places them.

use super::paths::Root;
use super::{Emitter, Report};
use crate::finding::Severity;

/// Escapes a command's message (data).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `--format github`.
pub struct Github;

impl Emitter for Github {
    fn emit(&self, r: &Report) -> String {
        render(r)
    }
}

fn render(r: &Report) -> String {
    let root = Root::of_run();
    let mut out = String::new();
    for f in &r.outcome.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        if let Some(q) = &f.question {
            message.push_str(&format!("\n(question: {q})"));
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},title={}::{}\n",
            property(&root.text(&f.path)),
            f.line,
            f.column,
            property(&format!("dubbelkoll {}", f.rule)),
            data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(data("50% klart\r\nrad två"), "50%25 klart%0D%0Arad två");
        assert_eq!(property("a:b,c.txt"), "a%3Ab%2Cc.txt");
    }
}
