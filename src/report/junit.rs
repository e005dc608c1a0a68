//! `--format junit`: JUnit XML, which GitLab, Jenkins and Azure Pipelines
//! show as test results. As markdownlint-cli2 and ruff write it, each
//! finding is a test case of its own (classname the file, name the rule and
//! its line), since consumers keep only one failure of a case (junit2html
//! the last, Jenkins the first): a finding at or above error fails its
//! case, one below passes with the finding in its output. A file with no
//! finding is one passing case; a file that could not be read is an error,
//! one that was skipped is skipped.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{Emitter, Report};
use crate::check::Status;
use crate::finding::Severity;
use crate::text::xml_text;

/// `--format junit`.
pub struct Junit;

impl Emitter for Junit {
    fn emit(&self, r: &Report) -> String {
        render(r).expect("writing XML to memory does not fail")
    }
}

/// One test case: its name, and what it holds.
struct Case {
    classname: String,
    name: String,
    kind: Kind,
}

enum Kind {
    Pass,
    /// A finding below error: passes, the finding in its output.
    Note(String),
    /// A finding at error: (message, rule, text).
    Failure(String, &'static str, String),
    /// A file that could not be read: its reason.
    Error(String),
    Skipped(String),
}

/// The test cases of a report, in its order.
fn cases(r: &Report) -> Vec<Case> {
    let outcome = r.outcome;
    let mut by_file: std::collections::HashMap<&std::path::Path, Vec<&crate::finding::Finding>> =
        std::collections::HashMap::new();
    for x in &outcome.findings {
        by_file.entry(x.path.as_path()).or_default().push(x);
    }
    let mut cases = Vec::new();
    for f in &outcome.files {
        let classname = xml_text(&f.path.to_string_lossy()).into_owned();
        let reason = || xml_text(f.reason.as_deref().unwrap_or("")).into_owned();
        let case = |name: String, kind: Kind| Case {
            classname: classname.clone(),
            name,
            kind,
        };
        match f.status {
            Status::Error => cases.push(case("READ001".into(), Kind::Error(reason()))),
            Status::Skipped => cases.push(case("skipped".into(), Kind::Skipped(reason()))),
            Status::Checked => {
                let mine = by_file.get(f.path.as_path()).map_or(&[][..], Vec::as_slice);
                if mine.is_empty() {
                    cases.push(case("dubbelkoll".into(), Kind::Pass));
                }
                let mut seen: std::collections::HashMap<String, usize> = Default::default();
                for x in mine {
                    let mut name = format!("{} line {}:{}", x.rule, x.line, x.column);
                    let n = seen.entry(name.clone()).or_default();
                    *n += 1;
                    if *n > 1 {
                        name = format!("{name} ({n})");
                    }
                    let message = xml_text(&x.message).into_owned();
                    let text = format!(
                        "{}:{}:{}: {}[{}] {}",
                        classname,
                        x.line,
                        x.column,
                        x.severity.as_str(),
                        x.rule,
                        message
                    );
                    let kind = if x.severity == Severity::Error {
                        Kind::Failure(message, x.rule, text)
                    } else {
                        Kind::Note(text)
                    };
                    cases.push(case(name, kind));
                }
            }
        }
    }
    cases
}

fn render(r: &Report) -> std::io::Result<String> {
    let outcome = r.outcome;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let cases = cases(r);
    let count = |k: fn(&Kind) -> bool| cases.iter().filter(|c| k(&c.kind)).count().to_string();
    let tests = cases.len().to_string();
    let failures = count(|k| matches!(k, Kind::Failure(..)));
    let errors = count(|k| matches!(k, Kind::Error(_)));
    let skipped = count(|k| matches!(k, Kind::Skipped(_)));
    let suite = BytesStart::new("testsuite").with_attributes([
        ("name", "dubbelkoll"),
        ("tests", tests.as_str()),
        ("failures", failures.as_str()),
        ("errors", errors.as_str()),
        ("skipped", skipped.as_str()),
    ]);
    w.write_event(Event::Start(BytesStart::new("testsuites")))?;
    w.write_event(Event::Start(suite))?;
    // The configuration in force, as the suite's property.
    if let Some(config) = &outcome.config {
        let lossy = config.to_string_lossy();
        let value = xml_text(&lossy);
        w.write_event(Event::Start(BytesStart::new("properties")))?;
        let property = BytesStart::new("property")
            .with_attributes([("name", "configuration"), ("value", value.as_ref())]);
        w.write_event(Event::Empty(property))?;
        w.write_event(Event::End(BytesEnd::new("properties")))?;
    }
    for c in &cases {
        let case = BytesStart::new("testcase").with_attributes([
            ("classname", c.classname.as_str()),
            ("name", c.name.as_str()),
        ]);
        if matches!(c.kind, Kind::Pass) {
            w.write_event(Event::Empty(case))?;
            continue;
        }
        w.write_event(Event::Start(case))?;
        match &c.kind {
            Kind::Pass => {}
            Kind::Error(reason) => {
                let e = BytesStart::new("error")
                    .with_attributes([("message", reason.as_str()), ("type", "READ001")]);
                w.write_event(Event::Empty(e))?;
            }
            Kind::Skipped(reason) => {
                let e = BytesStart::new("skipped").with_attributes([("message", reason.as_str())]);
                w.write_event(Event::Empty(e))?;
            }
            Kind::Failure(message, rule, text) => {
                let failure = BytesStart::new("failure")
                    .with_attributes([("message", message.as_str()), ("type", *rule)]);
                w.write_event(Event::Start(failure))?;
                w.write_event(Event::Text(BytesText::new(text)))?;
                w.write_event(Event::End(BytesEnd::new("failure")))?;
            }
            Kind::Note(text) => {
                w.write_event(Event::Start(BytesStart::new("system-out")))?;
                w.write_event(Event::Text(BytesText::new(text)))?;
                w.write_event(Event::End(BytesEnd::new("system-out")))?;
            }
        }
        w.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuite")))?;
    w.write_event(Event::End(BytesEnd::new("testsuites")))?;
    let mut s = String::from_utf8(w.into_inner()).expect("XML written from UTF-8 text");
    s.push('\n');
    Ok(s)
}
