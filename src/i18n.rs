//! The words reports use, in English and Swedish: headings, labels and rule
//! titles, one table per language. `--lang` chooses; the default follows
//! `LANG` (`sv_SE.UTF-8` gives Swedish), else English.

use crate::rules::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Sv,
}

impl Lang {
    /// Swedish when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `sv`.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default();
        if var.to_ascii_lowercase().starts_with("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Sv => &SV,
        }
    }

    pub fn severity(self, s: Severity) -> &'static str {
        let t = self.texts();
        match s {
            Severity::Error => t.error,
            Severity::Warning => t.warning,
            Severity::Info => t.info,
        }
    }

    /// A rule's one-line title in this language.
    pub fn rule_title(self, code: &str) -> &'static str {
        match self {
            Lang::En => crate::rules::lookup(code).map_or("", |r| r.summary),
            Lang::Sv => SV_RULES
                .iter()
                .find(|(c, _)| *c == code)
                .map_or("", |(_, t)| t),
        }
    }
}

/// Every word a report prints that is not a finding's own message.
pub struct Texts {
    pub report_title: &'static str,
    pub files_checked: &'static str,
    pub findings: &'static str,
    pub summary: &'static str,
    pub file: &'static str,
    pub namnd: &'static str,
    pub contact: &'static str,
    pub answered: &'static str,
    pub errors: &'static str,
    pub warnings: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub info: &'static str,
    pub not_checked: &'static str,
    pub no_findings: &'static str,
    pub question: &'static str,
    pub similarity_map: &'static str,
    pub similarity_help: &'static str,
    pub most_alike: &'static str,
    pub near_duplicates: &'static str,
    pub similar: &'static str,
    pub changes: &'static str,
    pub identical: &'static str,
    pub line: &'static str,
    pub sort_hint: &'static str,
}

pub static EN: Texts = Texts {
    report_title: "Submission check",
    files_checked: "files checked",
    findings: "Findings",
    summary: "Summary",
    file: "File",
    namnd: "Nämnd",
    contact: "Contact",
    answered: "Answered",
    errors: "Errors",
    warnings: "Warnings",
    error: "error",
    warning: "warning",
    info: "info",
    not_checked: "Not checked",
    no_findings: "No findings.",
    question: "Question",
    similarity_map: "How alike the submissions are",
    similarity_help: "One row and one column per submission; the darker a cell, the more the two submissions' answers share. Dark red: near-duplicates. Hover for names.",
    most_alike: "Most alike pairs",
    near_duplicates: "Near-duplicates and copies",
    similar: "similar",
    changes: "changes",
    identical: "identical answers",
    line: "line",
    sort_hint: "Click a heading to sort.",
};

pub static SV: Texts = Texts {
    report_title: "Granskning av inlämningar",
    files_checked: "filer granskade",
    findings: "Anmärkningar",
    summary: "Sammanställning",
    file: "Fil",
    namnd: "Nämnd",
    contact: "Kontaktperson",
    answered: "Besvarade",
    errors: "Fel",
    warnings: "Varningar",
    error: "fel",
    warning: "varning",
    info: "info",
    not_checked: "Inte granskade",
    no_findings: "Inga anmärkningar.",
    question: "Fråga",
    similarity_map: "Hur lika inlämningarna är",
    similarity_help: "En rad och en kolumn per inlämning; ju mörkare ruta, desto mer har de två inlämningarnas svar gemensamt. Mörkröd: nästan dubbletter. Håll muspekaren över en ruta för namnen.",
    most_alike: "Mest lika par",
    near_duplicates: "Nästan dubbletter och kopior",
    similar: "lika",
    changes: "ändringar",
    identical: "identiska svar",
    line: "rad",
    sort_hint: "Klicka på en rubrik för att sortera.",
};

/// Rule titles in Swedish (the English ones are the rules' own summaries).
pub static SV_RULES: &[(&str, &str)] = &[
    (
        "CONT001",
        "Kontaktpersonens namn och e-postadressen stavar namnet olika",
    ),
    (
        "CONT002",
        "Felaktig e-postadress eller telefonnummer, eller avvikande e-postdomän",
    ),
    (
        "CONT003",
        "Samma kontaktperson har annat telefonnummer eller e-post i en annan inlämning",
    ),
    (
        "CONT004",
        "Fältet Nämnd har formulärets allmänna värde i stället för avsändarens nämnd",
    ),
    (
        "DATE001",
        "Texten talar i framtid om ett år som redan har varit",
    ),
    ("DUP001", "Två inlämningar med nästan samma svar"),
    ("DUP002", "Två inlämningar med samma svar"),
    ("DUP003", "Samma svar på två olika frågor"),
    (
        "DUP004",
        "Ett svarsstycke kopierat mellan olika nämnders inlämningar",
    ),
    (
        "MISS001",
        "Ett svar eller fält innehåller fortfarande formulärets platshållartext",
    ),
    (
        "MISS002",
        "Frågan finns men svaret är tomt eller säger ingenting",
    ),
    ("MISS003", "En fråga i formulärvarianten saknas"),
    (
        "MISS004",
        "Ett obligatoriskt fält i sidhuvudet saknas eller är tomt",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    #[test]
    fn every_rule_has_a_title_in_both_languages() {
        for r in RULES {
            assert!(!Lang::En.rule_title(r.code).is_empty(), "{}", r.code);
            assert!(
                !Lang::Sv.rule_title(r.code).is_empty(),
                "{} has no Swedish title",
                r.code
            );
        }
        assert_eq!(SV_RULES.len(), RULES.len());
    }
}
