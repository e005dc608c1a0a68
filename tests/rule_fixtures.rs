//! Every registered rule has a folder under `fixtures/rules/CODE/`: `fire/`
//! holds submissions that must raise that rule (and nothing else),
//! `near-miss/` submissions that look alike but are fine and must raise
//! nothing. Every message a rule raises there is defined in its own file.

use std::path::PathBuf;

use dubbelkoll::check::{check_paths, Options, Status};
use dubbelkoll::finding::{Arg, Message};
use dubbelkoll::form::Form;
use dubbelkoll::rules::{Rule, RULES};

/// Panics unless the rule defines the message's key (and its lists' keys).
fn defined(rule: &Rule, m: &Message) {
    assert!(
        rule.messages
            .iter()
            .chain(dubbelkoll::rules::SHARED)
            .any(|t| t.key == m.key),
        "{} raised message {:?}, which it does not define",
        rule.code,
        m.key
    );
    for (_, arg) in &m.args {
        if let Arg::List(items) = arg {
            items.iter().for_each(|i| defined(rule, i));
        }
    }
}

/// The findings in a fixture folder; with `all_checked`, every file in it
/// must have been read (a near miss that was skipped proves nothing). A
/// `previous/` folder beside it is the previous round's submissions.
fn rules_raised(dir: &PathBuf, all_checked: bool) -> Vec<String> {
    let previous = dir.parent().unwrap().join("previous");
    let options = Options {
        previous: previous.is_dir().then_some(previous),
        ..Options::default()
    };
    let outcome = check_paths(std::slice::from_ref(dir), &Form::builtin(), &options).unwrap();
    assert!(!outcome.files.is_empty(), "{} is empty", dir.display());
    assert!(
        !all_checked || outcome.files.iter().all(|f| f.status == Status::Checked),
        "{:?}",
        outcome.files
    );
    for f in &outcome.findings {
        defined(dubbelkoll::rules::lookup(f.rule).unwrap(), &f.text);
    }
    outcome
        .findings
        .iter()
        .map(|f| format!("{} {}:{} {}", f.rule, f.path.display(), f.line, f.message))
        .collect()
}

/// Rules that can only fire beside others: a contact change between
/// versions comes with the versions' own findings.
const COMPANIONS: &[(&str, &[&str])] = &[("CONT005", &["DUP001", "DUP002"])];

fn companion(code: &str, finding: &str) -> bool {
    (COMPANIONS.iter())
        .filter(|(c, _)| *c == code)
        .any(|(_, with)| with.iter().any(|w| finding.starts_with(w)))
}

#[test]
fn each_rule_fires_on_its_fixtures_and_not_on_the_near_misses() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    for rule in RULES {
        assert!(
            root.join(rule.code).join("fire").is_dir()
                && root.join(rule.code).join("near-miss").is_dir(),
            "{} has no fixtures: add fixtures/rules/{}/fire/ and near-miss/",
            rule.code,
            rule.code
        );
        let fire = rules_raised(&root.join(rule.code).join("fire"), false);
        assert!(!fire.is_empty(), "{} did not fire", rule.code);
        for f in fire.iter().filter(|f| !companion(rule.code, f)) {
            assert!(
                f.starts_with(rule.code),
                "{}'s fire fixture also raised: {f}",
                rule.code
            );
        }
        let near = rules_raised(&root.join(rule.code).join("near-miss"), true);
        let near: Vec<String> = near
            .into_iter()
            .filter(|f| !companion(rule.code, f))
            .collect();
        assert!(
            near.is_empty(),
            "{}'s near miss raised: {near:?}",
            rule.code
        );
    }
}
