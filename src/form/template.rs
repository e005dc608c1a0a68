//! The form template: header labels, focus areas and questions of each form
//! variant, and the form's own filler texts. The default is embedded; a TOML
//! file of the same shape replaces it (`--template FILE`, see README).

use serde::Deserialize;
use std::path::Path;

/// The embedded default template's source.
pub const DEFAULT_TEMPLATE: &str = include_str!("default_template.toml");

/// Placeholders of Word content controls, in Swedish and English.
pub const DEFAULT_PLACEHOLDERS: &[&str] = &[
    "Klicka här för att ange text.",
    "Klicka eller tryck här för att ange text.",
    "Click here to enter text.",
    "Click or tap here to enter text.",
    // Word's placeholders for date and drop-down controls.
    "Klicka här för att ange datum.",
    "Klicka eller tryck här för att ange datum.",
    "Välj ett objekt.",
    "Click here to enter a date.",
    "Click or tap to enter a date.",
    "Choose an item.",
];

/// Answers that say nothing, whatever the form.
pub const DEFAULT_NON_ANSWERS: &[&str] = &[
    "N/A",
    "NA",
    "-",
    "—",
    "–",
    "Ej aktuellt",
    "Inte aktuellt",
    "Ej tillämpligt",
    "Inte tillämpligt",
    "Se ovan",
    "Se nedan",
    "Inget",
    "Inga",
    "Nej",
    "x",
    "?",
    "Not applicable",
    "See above",
    "See below",
    "None",
];

/// Closing sections that any form lets a sender leave empty.
pub const DEFAULT_OPTIONAL: &[&str] = &[
    "Övriga upplysningar",
    "Övriga kommentarer",
    "Övriga synpunkter",
    "Övrigt",
    "Other comments",
];

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn default_placeholders() -> Vec<String> {
    strings(DEFAULT_PLACEHOLDERS)
}

fn default_non_answers() -> Vec<String> {
    strings(DEFAULT_NON_ANSWERS)
}

fn default_optional() -> Vec<String> {
    strings(DEFAULT_OPTIONAL)
}

fn yes() -> bool {
    true
}

/// A form template as written in TOML.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    /// Regular expression whose first capture group is the report year.
    /// Where it finds nothing, and without it, the report year is the first
    /// year (1990–2099) in the form's own text (title, instructions,
    /// headings, questions).
    #[serde(default)]
    pub report_year: Option<String>,
    /// Text the form shows in an empty field (MISS001). Left out, the usual
    /// Word placeholders; `[]` turns them off.
    #[serde(default = "default_placeholders")]
    pub placeholders: Vec<String>,
    /// Answers that say nothing (MISS002). Left out, the usual ones; `[]`
    /// turns them off (and the cross-references with them).
    #[serde(default = "default_non_answers")]
    pub non_answers: Vec<String>,
    /// Short answers that only point elsewhere ("Se svaret på fråga 1
    /// ovan") count as non-answers too, while `non_answers` is not empty.
    #[serde(default = "yes")]
    pub cross_references: bool,
    /// Values of the sender field that the form was sent out with.
    #[serde(default, alias = "generic_sender")]
    pub generic_namnd: Vec<String>,
    #[serde(default)]
    pub districts: Vec<String>,
    /// Sections that may be left out or empty. Left out, the usual closing
    /// sections; `[]` turns them off.
    #[serde(default = "default_optional")]
    pub optional: Vec<String>,
    /// The header fields, in form order.
    #[serde(default, rename = "field")]
    pub fields: Vec<FieldSpec>,
    /// The older way to write the four fields of "Uppföljningsrapport
    /// näringsliv": `[header]` with `namnd`, `kontaktperson`, `telefon` and
    /// `epost` label lists. Read into `fields`.
    #[serde(default)]
    header: Option<HeaderLabels>,
    #[serde(rename = "variant")]
    pub variants: Vec<Variant>,
}

/// What a header field holds, as the rules that check it know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Who sends the submission (a committee, a board).
    Sender,
    /// The contact person's name.
    Contact,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
}

/// A header field: its name as messages print it, the labels that
/// introduce it in the text (the most specific first), and its role.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub name: String,
    pub labels: Vec<String>,
    #[serde(default)]
    pub role: Option<Role>,
}

/// The older `[header]` table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderLabels {
    namnd: Vec<String>,
    kontaktperson: Vec<String>,
    telefon: Vec<String>,
    epost: Vec<String>,
}

impl HeaderLabels {
    fn into_fields(self) -> Vec<FieldSpec> {
        let field = |name: &str, labels, role| FieldSpec {
            name: name.to_string(),
            labels,
            role: Some(role),
        };
        vec![
            field("Nämnd", self.namnd, Role::Sender),
            field("Kontaktperson", self.kontaktperson, Role::Contact),
            field("Telefon", self.telefon, Role::Phone),
            field("E-post", self.epost, Role::Email),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Stable identifier, shown in JSON (`"variant"`).
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    /// The variant's own header fields; empty: the template's.
    #[serde(default, rename = "field")]
    pub fields: Vec<FieldSpec>,
    #[serde(rename = "area")]
    pub areas: Vec<Area>,
    /// Form text that is never an answer: instructions, and a model text's
    /// sentences every sender keeps. Left out when answers are compared.
    #[serde(default)]
    pub instructions: Vec<String>,
    /// A model text's sentences, by the words they keep whoever fills them
    /// in: what a sender puts in such a sentence is the answer, the rest is
    /// the form's.
    #[serde(default)]
    pub models: Vec<String>,
    /// A variant learned during a check that has no header of its own
    /// (its labels stand inline, or it has none): it is not given the
    /// template's.
    #[serde(skip)]
    pub headerless: bool,
}

/// A numbered focus area and its questions.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub heading: String,
    pub questions: Vec<String>,
}

impl Variant {
    /// The questions in form order with the index of their focus area.
    pub fn questions(&self) -> impl Iterator<Item = (usize, &str)> {
        self.areas
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.questions.iter().map(move |q| (i, q.as_str())))
    }

    pub fn question_count(&self) -> usize {
        self.areas.iter().map(|a| a.questions.len()).sum()
    }
}

/// The most entries a template's placeholders or non-answers may have, and
/// the most characters of one: a form's filler is a short phrase.
pub const MAX_FILLERS: usize = 500;
pub const MAX_FILLER_CHARS: usize = 500;

/// A template that could not be read or is not valid.
#[derive(Debug)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

impl Template {
    /// What reports call variant `v`: its title, with its name added when
    /// another variant has the same title; its name when it has no title.
    pub fn variant_label(&self, v: usize) -> String {
        let variant = &self.variants[v];
        match &variant.title {
            Some(t)
                if self
                    .variants
                    .iter()
                    .filter(|o| o.title.as_ref() == Some(t))
                    .count()
                    > 1 =>
            {
                format!("{t} ({})", variant.name)
            }
            Some(t) => t.clone(),
            None => variant.name.clone(),
        }
    }

    /// A template with a name and nothing else: the usual fillers, no
    /// fields, no variants.
    pub fn new(name: &str) -> Template {
        Template {
            name: name.to_string(),
            report_year: None,
            placeholders: default_placeholders(),
            non_answers: default_non_answers(),
            cross_references: true,
            generic_namnd: Vec::new(),
            districts: Vec::new(),
            optional: default_optional(),
            fields: Vec::new(),
            header: None,
            variants: Vec::new(),
        }
    }

    /// The template as TOML a reviewer can read and edit, with `notes`
    /// (what was learned, what could not be told) as comments on top.
    /// Lists left at their defaults are left out (and read back so).
    pub fn to_toml(&self, notes: &[String]) -> String {
        use std::fmt::Write;
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let list = |v: &[String]| {
            let items: Vec<String> = v.iter().map(|s| format!("    {},\n", q(s))).collect();
            format!("[\n{}]", items.concat())
        };
        let mut out = String::new();
        for n in notes {
            let _ = writeln!(out, "# {n}");
        }
        if !notes.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "name = {}", q(&self.name));
        match &self.report_year {
            Some(re) => {
                let _ = writeln!(out, "report_year = {}", q(re));
            }
            None => out.push_str(
                "# The report year: the first year in the form's own text (title,\n\
                 # instructions). To take it from elsewhere, a regular expression whose\n\
                 # first group is the year: report_year = '(?i)budget\\s+(\\d{4})'\n",
            ),
        }
        if self.placeholders != default_placeholders() {
            let _ = writeln!(out, "# Text the form shows in an empty field (MISS001).");
            let _ = writeln!(out, "placeholders = {}", list(&self.placeholders));
        }
        if self.non_answers != default_non_answers() {
            let _ = writeln!(out, "non_answers = {}", list(&self.non_answers));
        }
        if !self.cross_references {
            out.push_str("cross_references = false\n");
        }
        if self.optional != default_optional() {
            let _ = writeln!(out, "optional = {}", list(&self.optional));
        }
        if !self.generic_namnd.is_empty() {
            let _ = writeln!(
                out,
                "# The sender field's value as the form was sent out (CONT004).\ngeneric_sender = {}",
                list(&self.generic_namnd)
            );
        }
        if !self.districts.is_empty() {
            let _ = writeln!(out, "districts = {}", list(&self.districts));
        }
        let field = |out: &mut String, table: &str, f: &FieldSpec| {
            let _ = writeln!(
                out,
                "\n[[{table}]]\nname = {}\nlabels = {}",
                q(&f.name),
                list(&f.labels)
            );
            match f.role {
                Some(r) => {
                    let _ = writeln!(out, "role = \"{}\"", format!("{r:?}").to_lowercase());
                }
                None => out.push_str(
                    "# role = \"sender\" | \"contact\" | \"phone\" | \"email\" (not told)\n",
                ),
            }
        };
        if !self.fields.is_empty() {
            out.push_str("\n# Header fields: the name messages use, the labels before the value, and\n# the role the rules check it by.");
        }
        for f in &self.fields {
            field(&mut out, "field", f);
        }
        for v in &self.variants {
            let _ = writeln!(out, "\n[[variant]]\nname = {}", q(&v.name));
            if let Some(t) = &v.title {
                let _ = writeln!(out, "title = {}", q(t));
            }
            if !v.instructions.is_empty() {
                out.push_str(
                    "# Form text that is never an answer (left out when answers are compared).\n",
                );
                let _ = writeln!(out, "instructions = {}", list(&v.instructions));
            }
            if !v.models.is_empty() {
                out.push_str("# A model text's sentences, by the words every sender keeps: only what a\n# sender puts in them is compared.\n");
                let _ = writeln!(out, "models = {}", list(&v.models));
            }
            for f in &v.fields {
                field(&mut out, "variant.field", f);
            }
            for a in &v.areas {
                let _ = writeln!(
                    out,
                    "\n[[variant.area]]\nheading = {}\nquestions = {}",
                    q(&a.heading),
                    list(&a.questions)
                );
            }
        }
        out
    }

    /// The header fields of a variant (its own, else the template's).
    pub fn fields_of(&self, variant: Option<usize>) -> &[FieldSpec] {
        match variant.map(|v| &self.variants[v]) {
            Some(v) if !v.fields.is_empty() || v.headerless => &v.fields,
            _ => &self.fields,
        }
    }

    /// The embedded default template.
    pub fn builtin() -> Template {
        Template::parse(DEFAULT_TEMPLATE, "built-in template")
            .expect("the built-in template is valid")
    }

    /// Reads a template file.
    pub fn from_file(path: &Path) -> Result<Template, TemplateError> {
        let text = crate::bounded::read_text(path)
            .map_err(|e| TemplateError(format!("{}: cannot read template: {e}", path.display())))?;
        Template::parse(&text, &path.display().to_string())
    }

    /// Parses and validates template TOML; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Template, TemplateError> {
        let mut t: Template = toml::from_str(text).map_err(|e| {
            TemplateError(format!(
                "{origin}: invalid template: {}",
                crate::text::toml_error(text, &e)
            ))
        })?;
        if let Some(h) = t.header.take() {
            if !t.fields.is_empty() {
                return Err(TemplateError(format!(
                    "{origin}: invalid template: both [header] and [[field]]; keep one"
                )));
            }
            t.fields = h.into_fields();
        }
        if t.variants.is_empty() {
            return Err(TemplateError(format!(
                "{origin}: invalid template: no [[variant]]"
            )));
        }
        for v in &t.variants {
            if v.question_count() == 0 {
                return Err(TemplateError(format!(
                    "{origin}: invalid template: variant {:?} has no questions",
                    v.name
                )));
            }
        }
        for f in t
            .fields
            .iter()
            .chain(t.variants.iter().flat_map(|v| &v.fields))
        {
            if f.labels.iter().all(|l| l.trim().is_empty()) {
                return Err(TemplateError(format!(
                    "{origin}: invalid template: field {:?} needs a label",
                    f.name
                )));
            }
        }
        for (what, list) in [
            ("placeholders", &t.placeholders),
            ("non_answers", &t.non_answers),
        ] {
            if list.len() > MAX_FILLERS {
                return Err(TemplateError(format!(
                    "{origin}: invalid template: {what} has {} entries; at most {MAX_FILLERS}",
                    list.len()
                )));
            }
            if let Some(long) = list.iter().find(|p| p.chars().count() > MAX_FILLER_CHARS) {
                return Err(TemplateError(format!(
                    "{origin}: invalid template: an entry of {what} has {} characters; at most {MAX_FILLER_CHARS}",
                    long.chars().count()
                )));
            }
        }
        if let Some(re) = &t.report_year {
            regex::Regex::new(re).map_err(|e| {
                TemplateError(format!("{origin}: invalid template: report_year: {e}"))
            })?;
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_template_has_both_variants() {
        let t = Template::builtin();
        let counts: Vec<(&str, usize)> = t
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.question_count()))
            .collect();
        assert_eq!(counts, vec![("stadsdelsnamnd", 8), ("kulturnamnd", 3)]);
    }

    #[test]
    fn the_older_header_table_gives_four_fields_with_roles() {
        let t = Template::parse(
            "name = \"x\"\n[header]\nnamnd=[\"N\"]\nkontaktperson=[\"K\"]\ntelefon=[\"T\"]\nepost=[\"E\"]\n\
             [[variant]]\nname = \"v\"\n[[variant.area]]\nheading = \"1.\"\nquestions = [\"Q?\"]\n",
            "t.toml",
        )
        .unwrap();
        let fields: Vec<(&str, Option<Role>)> =
            t.fields.iter().map(|f| (f.name.as_str(), f.role)).collect();
        assert_eq!(
            fields,
            [
                ("Nämnd", Some(Role::Sender)),
                ("Kontaktperson", Some(Role::Contact)),
                ("Telefon", Some(Role::Phone)),
                ("E-post", Some(Role::Email))
            ]
        );
    }

    #[test]
    fn unknown_keys_and_empty_variants_are_errors() {
        let err = Template::parse("name = \"x\"\nbogus = 1\n", "t.toml").unwrap_err();
        assert!(err.0.starts_with("t.toml: invalid template"), "{err}");
        // The unknown key and where: no value of the file is quoted.
        assert!(err.0.contains("unknown field `bogus` at line 2"), "{err}");
        let no_variant = "name = \"x\"\nvariant = []\n[[field]]\nname = \"N\"\nlabels = [\"N\"]\n";
        assert!(Template::parse(no_variant, "t.toml")
            .unwrap_err()
            .0
            .contains("no [[variant]]"));
    }
}
