//! The words reports use, in English and Swedish: headings and labels, one
//! table per language (each rule keeps its own titles and messages). `--lang` chooses; the default follows
//! `LANG` (`sv_SE.UTF-8` gives Swedish), else English.

use crate::finding::Severity;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
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

    /// A number with `decimals` decimals: a decimal point in English, a
    /// decimal comma in Swedish.
    pub fn decimal(self, value: f64, decimals: u8) -> String {
        let s = format!("{value:.*}", decimals as usize);
        match self {
            Lang::En => s,
            Lang::Sv => s.replace('.', ","),
        }
    }

    /// A share as a percentage: "99.7%" in English, "99,7 %" in Swedish.
    pub fn percent(self, share: f64, decimals: u8) -> String {
        let p = self.decimal(share * 100.0, decimals);
        match self {
            Lang::En => format!("{p}%"),
            Lang::Sv => format!("{p} %"),
        }
    }

    /// How alike a pair is: "99.7% similar, 4 changes".
    pub fn pair_summary(self, similarity: f64, changes: usize) -> String {
        let p = self.percent(similarity, 1);
        match (self, changes) {
            (Lang::En, 1) => format!("{p} similar, 1 change"),
            (Lang::En, n) => format!("{p} similar, {n} changes"),
            (Lang::Sv, 1) => format!("{p} lika, 1 ändring"),
            (Lang::Sv, n) => format!("{p} lika, {n} ändringar"),
        }
    }

    /// Said of a group that no header ties to one sender.
    pub fn by_similarity_only(self) -> &'static str {
        match self {
            Lang::En => "no sender field tells: grouped by similarity only",
            Lang::Sv => "inget avsändarfält säger vem som skickat: grupperade enbart efter likhet",
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
    pub sender: &'static str,
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
    pub identical: &'static str,
    pub line: &'static str,
    pub sort_hint: &'static str,
    /// Under a version's finding: its changes are in the versions block.
    pub versions_below: &'static str,
    pub status: &'static str,
    pub status_unfinished: &'static str,
    pub status_version: &'static str,
    pub status_contact: &'static str,
    pub status_ok: &'static str,
    pub versions: &'static str,
    pub newest: &'static str,
    pub skipped: &'static str,
    /// Before a related place: "see a.txt:3:1".
    pub see: &'static str,
    /// The human report's last line: `{n}` findings, `{e}` errors, `{w}`
    /// warnings, `{i}` info, `{c}` files checked of `{f}`.
    pub totals: &'static str,
    /// The round's heading; `{deadline}` the round's last day.
    pub round: &'static str,
    pub round_deadline: &'static str,
    /// `{x}` senders expected, `{c}` complete, `{t}` to complete, `{m}`
    /// not sent in.
    pub round_counts: &'static str,
    pub state_complete: &'static str,
    pub state_to_complete: &'static str,
    pub state_missing: &'static str,
    pub unexpected: &'static str,
    /// `{n}` submissions of one sender that are no versions of one.
    pub several: &'static str,
    /// A decision on a finding: `{state}` by `{by}` at `{at}`.
    pub decided: &'static str,
    pub decided_handled: &'static str,
    pub decided_accepted: &'static str,
    pub decided_asked: &'static str,
    pub decided_open: &'static str,
}

pub static EN: Texts = Texts {
    report_title: "Submission check",
    files_checked: "files checked",
    findings: "Findings",
    summary: "Summary",
    file: "File",
    sender: "Sender",
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
    identical: "identical answers",
    line: "line",
    sort_hint: "Click a heading to sort.",
    versions_below: "the versions and their changes are shown together below",
    status: "Status",
    status_unfinished: "unfinished",
    status_version: "one of several versions",
    status_contact: "contact problem",
    status_ok: "OK",
    versions: "Versions of one submission",
    newest: "newest",
    skipped: "skipped",
    see: "see",
    totals: "{n} findings ({e} errors, {w} warnings, {i} info) in {c} of {f} files",
    round: "Senders of the round",
    round_deadline: "deadline {deadline}",
    round_counts: "{x} expected: {c} complete, {t} to complete, {m} not sent in",
    state_complete: "complete",
    state_to_complete: "to complete",
    state_missing: "not sent in",
    unexpected: "from no expected sender",
    several: "{n} submissions, not versions of one",
    decided: "{state} by {by} {at}",
    decided_handled: "handled",
    decided_accepted: "accepted",
    decided_asked: "sender asked",
    decided_open: "reopened",
};

pub static SV: Texts = Texts {
    report_title: "Granskning av inlämningar",
    files_checked: "filer granskade",
    findings: "Anmärkningar",
    summary: "Arbetslista",
    file: "Fil",
    sender: "Avsändare",
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
    identical: "identiska svar",
    line: "rad",
    sort_hint: "Klicka på en rubrik för att sortera.",
    versions_below: "versionerna och deras ändringar visas tillsammans nedan",
    status: "Status",
    status_unfinished: "ofullständig",
    status_version: "flera versioner inkomna",
    status_contact: "kontrollera kontaktuppgifter",
    status_ok: "OK",
    versions: "Versioner av samma inlämning",
    newest: "senaste",
    skipped: "hoppades över",
    see: "se",
    totals: "{n} anmärkningar ({e} fel, {w} varningar, {i} info) i {c} av {f} filer",
    round: "Omgångens avsändare",
    round_deadline: "sista dag {deadline}",
    round_counts: "{x} väntade: {c} kompletta, {t} att komplettera, {m} ej inkomna",
    state_complete: "komplett",
    state_to_complete: "att komplettera",
    state_missing: "ej inkommen",
    unexpected: "från ingen väntad avsändare",
    several: "{n} inlämningar, inte versioner av en",
    decided: "{state} av {by} {at}",
    decided_handled: "hanterad",
    decided_accepted: "godtagen",
    decided_asked: "komplettering begärd",
    decided_open: "öppnad igen",
};
