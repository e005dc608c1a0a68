//! The reviewer's commands on a round's findings: `mark` records a
//! decision on one, `round export` writes them all. They check the round
//! first ([`crate::check`]) and keep decisions in [`crate::decisions`].

use std::path::{Path, PathBuf};

use crate::decisions::{self, State};

/// `dubbelkoll mark`: checks `paths`, finds the finding `id` names and
/// records the decision in the round's database (made if missing).
pub fn mark(
    paths: &[PathBuf],
    form: &crate::form::Form,
    options: &crate::check::Options,
    id: &str,
    decision: (State, Option<&str>, Option<&str>),
    lang: crate::i18n::Lang,
) -> Result<(), String> {
    let (state, note, by) = decision;
    let outcome = crate::check::check_paths(paths, form, options).map_err(|e| e.to_string())?;
    let root = decisions::root(options.ignores_base.as_deref());
    let ids = outcome.ids.clone().unwrap_or(decisions::Ids {
        root: root.clone(),
        ..decisions::Ids::default()
    });
    let found = decisions::find(&outcome.findings, &ids, id)?;
    let path = decisions::book_path(Some(&root));
    let book = decisions::Book::create(&path)?;
    let at = crate::versions::utc_minute(crate::versions::source_date());
    // Findings that share the id (one sender's versions) share the
    // decision: one row says it.
    let f = found[0];
    book.record(f, &ids, state, note, &decisions::who(by), &at)?;
    eprintln!(
        "dubbelkoll: {} {}: {} ({})",
        &ids.of(f)[..12],
        state.label(),
        crate::rules::message(f, lang),
        path.display()
    );
    Ok(())
}

/// `dubbelkoll round export`: writes every decision of the round whose
/// root is `root` to `output` (standard output without one).
pub fn export_to(root: Option<&Path>, json: bool, output: Option<&Path>) -> Result<(), String> {
    let text = decisions::export(&decisions::book_path(root), json)?;
    crate::report::output::write(output, &text, false)
}
