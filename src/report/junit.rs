//! `--format junit`: JUnit XML, which GitLab, Jenkins and Azure Pipelines
//! show as test results: one test case per file, a failure per finding at
//! or above error, the file's other findings in its output; a file that
//! could not be read is an error, one that was skipped is skipped.

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

fn render(r: &Report) -> std::io::Result<String> {
    let outcome = r.outcome;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let files = outcome.files.len().to_string();
    let errors_in = |status: Status| outcome.files.iter().filter(|f| f.status == status).count();
    let failed = (outcome.files.iter())
        .filter(|f| f.status == Status::Checked && outcome.count(&f.path, Severity::Error) > 0)
        .count()
        .to_string();
    let (errors, skipped) = (
        errors_in(Status::Error).to_string(),
        errors_in(Status::Skipped).to_string(),
    );
    let suite = BytesStart::new("testsuite").with_attributes([
        ("name", "dubbelkoll"),
        ("tests", files.as_str()),
        ("failures", failed.as_str()),
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
    for f in &outcome.files {
        let lossy = f.path.to_string_lossy();
        let name = xml_text(&lossy);
        let case = BytesStart::new("testcase")
            .with_attributes([("classname", "dubbelkoll"), ("name", name.as_ref())]);
        w.write_event(Event::Start(case))?;
        let reason = xml_text(f.reason.as_deref().unwrap_or(""));
        let reason = reason.as_ref();
        match f.status {
            Status::Error => {
                let e = BytesStart::new("error")
                    .with_attributes([("message", reason), ("type", "READ001")]);
                w.write_event(Event::Empty(e))?;
            }
            Status::Skipped => {
                w.write_event(Event::Empty(
                    BytesStart::new("skipped").with_attributes([("message", reason)]),
                ))?;
            }
            Status::Checked => {
                let mine: Vec<_> = outcome
                    .findings
                    .iter()
                    .filter(|x| x.path == f.path)
                    .collect();
                for x in mine.iter().filter(|x| x.severity == Severity::Error) {
                    let message = xml_text(&x.message);
                    let text = format!("{}:{}:{}: {}", name, x.line, x.column, message);
                    let failure = BytesStart::new("failure")
                        .with_attributes([("message", message.as_ref()), ("type", x.rule)]);
                    w.write_event(Event::Start(failure))?;
                    w.write_event(Event::Text(BytesText::new(&text)))?;
                    w.write_event(Event::End(BytesEnd::new("failure")))?;
                }
                let others: Vec<String> = (mine.iter())
                    .filter(|x| x.severity < Severity::Error)
                    .map(|x| {
                        format!(
                            "{}:{}:{}: {}[{}] {}",
                            name,
                            x.line,
                            x.column,
                            x.severity.as_str(),
                            x.rule,
                            xml_text(&x.message)
                        )
                    })
                    .collect();
                if !others.is_empty() {
                    w.write_event(Event::Start(BytesStart::new("system-out")))?;
                    w.write_event(Event::Text(BytesText::new(&others.join("\n"))))?;
                    w.write_event(Event::End(BytesEnd::new("system-out")))?;
                }
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
