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

/// A finding's message as a key into the message tables and its values, so
/// that it can be shown in either language. The values (names, paths,
/// numbers) are the same in both.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl From<String> for Message {
    /// Text shown as it is in every language.
    fn from(text: String) -> Message {
        Message {
            key: "",
            args: vec![("text", Arg::Text(text))],
        }
    }
}

/// A value in a message: text, or a list of messages joined with ", ".
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    List(Vec<Message>),
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// Adds a value.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Message {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds a list of messages.
    pub fn list(mut self, name: &'static str, items: Vec<Message>) -> Message {
        self.args.push((name, Arg::List(items)));
        self
    }

    /// The message in a language.
    pub fn render(&self, lang: Lang) -> String {
        if self.key.is_empty() {
            // Plain text, the same in every language.
            return match self.args.first() {
                Some((_, Arg::Text(t))) => t.clone(),
                _ => String::new(),
            };
        }
        let table = match lang {
            Lang::En => EN_MESSAGES,
            Lang::Sv => SV_MESSAGES,
        };
        let template = table
            .iter()
            .find(|(k, _)| *k == self.key)
            .map(|(_, t)| *t)
            .unwrap_or_else(|| panic!("no {lang:?} text for message {}", self.key));
        let mut out = template.to_string();
        for (name, arg) in &self.args {
            let value = match arg {
                Arg::Text(t) => t.clone(),
                Arg::List(items) => items
                    .iter()
                    .map(|m| m.render(lang))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        out
    }
}

/// Finding messages in English: `{name}` stands for a value.
pub static EN_MESSAGES: &[(&str, &str)] = &[
    ("MISS001.field", "{field} is not filled in: it still holds the form's placeholder"),
    ("MISS001.field_beside", "{field} holds the form's placeholder beside its value"),
    ("MISS001.optional", "\"{title}\" holds only the form's placeholder"),
    ("MISS001.answer", "answer not filled in: it still holds the form's placeholder"),
    ("MISS001.answer_beside", "the form's placeholder is left in the answer"),
    ("MISS002.empty", "the question has no answer"),
    ("MISS002.non_answer", "the answer is a non-answer: \"{answer}\""),
    ("MISS003.missing", "question {n} of the {variant} form (under \"{area}\") is missing"),
    ("MISS003.none", "none of the form's questions was found: are they deleted, or is this another form?"),
    ("MISS004.missing", "header field {field} is missing"),
    ("MISS004.empty", "header field {field} is empty"),
    ("CONT001", "contact \"{name}\" and e-mail \"{address}\" spell the name differently: {ours} vs {theirs}"),
    ("CONT002.email", "E-post \"{value}\" is not an e-mail address"),
    ("CONT002.phone", "Telefon \"{value}\" is not a Swedish phone number"),
    ("CONT002.usual", "e-mail domain {domain} differs from {usual}, used by {n} of {total} submissions"),
    ("CONT002.usual_typo", "e-mail domain {domain} differs from {usual}, used by {n} of {total} submissions (misspelled?)"),
    ("CONT002.configured", "e-mail domain {domain} differs from {usual}, the configured e-mail domain"),
    ("CONT002.configured_typo", "e-mail domain {domain} differs from {usual}, the configured e-mail domain (misspelled?)"),
    ("CONT003.phone", "{name} has phone number \"{value}\" here but {others}"),
    ("CONT003.email", "{name} has e-mail address \"{value}\" here but {others}"),
    ("CONT003.other", "\"{value}\" in {path}"),
    ("CONT003.more", "{n} more files"),
    ("CONT004", "Nämnd holds the form's generic value \"{value}\", not the sender's committee"),
    ("CONT004.suggest", "Nämnd holds the form's generic value \"{value}\", not the sender's committee; the text names {district} {n} times: {district} stadsdelsnämnd?"),
    ("DATE001", "future tense about {year} in a report for {report_year}: \"{text}\"; copied from an earlier report?"),
    ("DUP001.one", "near-duplicate of {path}: {percent}% similar, 1 change"),
    ("DUP001.many", "near-duplicate of {path}: {percent}% similar, {n} changes"),
    ("DUP002", "identical answers to {path}: only formatting differs ({n} words)"),
    ("DUP003.same", "this answer repeats the answer to \"{question}\" (line {line})"),
    ("DUP003.alike", "this answer is {percent}% like the answer to \"{question}\" (line {line})"),
    ("DUP004", "answer paragraph also in {path} (line {line}), sent by another committee"),
    ("PAIR.one", "{percent}% similar, 1 change"),
    ("PAIR.many", "{percent}% similar, {n} changes"),
];

/// Finding messages in Swedish.
pub static SV_MESSAGES: &[(&str, &str)] = &[
    ("MISS001.field", "{field} är inte ifyllt: fältet har kvar formulärets platshållartext"),
    ("MISS001.field_beside", "{field} har kvar formulärets platshållartext bredvid värdet"),
    ("MISS001.optional", "\"{title}\" innehåller bara formulärets platshållartext"),
    ("MISS001.answer", "svaret är inte ifyllt: det har kvar formulärets platshållartext"),
    ("MISS001.answer_beside", "formulärets platshållartext finns kvar i svaret"),
    ("MISS002.empty", "frågan saknar svar"),
    ("MISS002.non_answer", "svaret säger ingenting: \"{answer}\""),
    ("MISS003.missing", "fråga {n} i formuläret {variant} (under \"{area}\") saknas"),
    ("MISS003.none", "ingen av formulärets frågor hittades: är de borttagna, eller är detta ett annat formulär?"),
    ("MISS004.missing", "fältet {field} saknas"),
    ("MISS004.empty", "fältet {field} är tomt"),
    ("CONT001", "kontaktpersonen \"{name}\" och e-postadressen \"{address}\" stavar namnet olika: {ours} mot {theirs}"),
    ("CONT002.email", "E-post \"{value}\" är ingen e-postadress"),
    ("CONT002.phone", "Telefon \"{value}\" är inget svenskt telefonnummer"),
    ("CONT002.usual", "e-postdomänen {domain} skiljer sig från {usual}, som {n} av {total} inlämningar använder"),
    ("CONT002.usual_typo", "e-postdomänen {domain} skiljer sig från {usual}, som {n} av {total} inlämningar använder (felstavad?)"),
    ("CONT002.configured", "e-postdomänen {domain} skiljer sig från {usual}, den angivna e-postdomänen"),
    ("CONT002.configured_typo", "e-postdomänen {domain} skiljer sig från {usual}, den angivna e-postdomänen (felstavad?)"),
    ("CONT003.phone", "{name} har telefonnumret \"{value}\" här men {others}"),
    ("CONT003.email", "{name} har e-postadressen \"{value}\" här men {others}"),
    ("CONT003.other", "\"{value}\" i {path}"),
    ("CONT003.more", "{n} filer till"),
    ("CONT004", "Nämnd har formulärets allmänna värde \"{value}\", inte avsändarens nämnd"),
    ("CONT004.suggest", "Nämnd har formulärets allmänna värde \"{value}\", inte avsändarens nämnd; texten nämner {district} {n} gånger: {district} stadsdelsnämnd?"),
    ("DATE001", "framtidsform om {year} i en rapport för {report_year}: \"{text}\"; kopierat från en tidigare rapport?"),
    ("DUP001.one", "nästan dubblett av {path}: {percent} % lika, 1 ändring"),
    ("DUP001.many", "nästan dubblett av {path}: {percent} % lika, {n} ändringar"),
    ("DUP002", "samma svar som {path}: bara formateringen skiljer ({n} ord)"),
    ("DUP003.same", "svaret upprepar svaret på \"{question}\" (rad {line})"),
    ("DUP003.alike", "svaret är till {percent} % likt svaret på \"{question}\" (rad {line})"),
    ("DUP004", "svarsstycket finns också i {path} (rad {line}), från en annan nämnd"),
    ("PAIR.one", "{percent} % lika, 1 ändring"),
    ("PAIR.many", "{percent} % lika, {n} ändringar"),
];

#[cfg(test)]
mod message_tests {
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
    fn every_message_has_both_languages_with_the_same_values() {
        assert_eq!(EN_MESSAGES.len(), SV_MESSAGES.len());
        for (key, en) in EN_MESSAGES {
            let sv = SV_MESSAGES
                .iter()
                .find(|(k, _)| k == key)
                .unwrap_or_else(|| panic!("{key} has no Swedish text"))
                .1;
            assert_eq!(placeholders(en), placeholders(sv), "{key}");
        }
        // Every rule has at least one message.
        for r in crate::rules::RULES {
            assert!(
                EN_MESSAGES
                    .iter()
                    .any(|(k, _)| k.split('.').next() == Some(r.code)),
                "{}",
                r.code
            );
        }
    }

    #[test]
    fn messages_render_values_and_lists() {
        let m = Message::new("CONT003.phone")
            .arg("name", "Anna Berg")
            .arg("value", "08-1")
            .list(
                "others",
                vec![Message::new("CONT003.other")
                    .arg("value", "08-2")
                    .arg("path", "b.txt")],
            );
        assert_eq!(
            m.render(Lang::En),
            "Anna Berg has phone number \"08-1\" here but \"08-2\" in b.txt"
        );
        assert_eq!(
            m.render(Lang::Sv),
            "Anna Berg har telefonnumret \"08-1\" här men \"08-2\" i b.txt"
        );
    }
}
