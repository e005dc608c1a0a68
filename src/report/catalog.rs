//! `dubbelkoll rules` and `dubbelkoll explain CODE`: the rule catalogue,
//! in English or Swedish.

use crate::i18n::Lang;
use crate::rules::{Rule, RULES};

/// One line per rule: code, default severity, name, summary.
pub fn list(lang: Lang) -> String {
    RULES
        .iter()
        .map(|r| {
            format!(
                "{:<8} {:<8} {:<22} {}\n",
                r.code,
                lang.severity(r.severity),
                r.name,
                r.title(lang)
            )
        })
        .collect()
}

/// One rule's full explanation.
pub fn explain(r: &Rule, lang: Lang) -> String {
    let default = match lang {
        Lang::En => "default severity",
        Lang::Sv => "standardnivå:",
    };
    format!(
        "{} ({}, {default} {})\n{}\n\n{}\n",
        r.code,
        r.name,
        lang.severity(r.severity),
        r.title(lang),
        r.explanation(lang)
    )
}
