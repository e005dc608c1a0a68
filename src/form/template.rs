//! The form template: header labels, focus areas and questions of each form
//! variant, and the form's own filler texts. The default is embedded; a TOML
//! file of the same shape replaces it (`--template FILE`, see README).

use serde::Deserialize;
use std::path::Path;

/// The embedded default template's source.
pub const DEFAULT_TEMPLATE: &str = include_str!("default_template.toml");

/// A form template as written in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    /// Regular expression whose first capture group is the report year.
    #[serde(default)]
    pub report_year: Option<String>,
    #[serde(default)]
    pub placeholders: Vec<String>,
    #[serde(default)]
    pub non_answers: Vec<String>,
    #[serde(default)]
    pub generic_namnd: Vec<String>,
    #[serde(default)]
    pub districts: Vec<String>,
    #[serde(default)]
    pub optional: Vec<String>,
    pub header: HeaderLabels,
    #[serde(rename = "variant")]
    pub variants: Vec<Variant>,
}

/// Labels for each header field, the most specific first.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderLabels {
    pub namnd: Vec<String>,
    pub kontaktperson: Vec<String>,
    pub telefon: Vec<String>,
    pub epost: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Stable identifier, shown in JSON (`"variant"`).
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(rename = "area")]
    pub areas: Vec<Area>,
}

/// A numbered focus area and its questions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub heading: String,
    pub questions: Vec<String>,
}

/// The header fields every submission must fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Namnd,
    Kontaktperson,
    Telefon,
    Epost,
}

impl Field {
    pub const ALL: [Field; 4] = [
        Field::Namnd,
        Field::Kontaktperson,
        Field::Telefon,
        Field::Epost,
    ];

    /// The label as the form prints it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Namnd => "Nämnd",
            Field::Kontaktperson => "Kontaktperson",
            Field::Telefon => "Telefon",
            Field::Epost => "E-post",
        }
    }
}

impl HeaderLabels {
    pub fn labels(&self, field: Field) -> &[String] {
        match field {
            Field::Namnd => &self.namnd,
            Field::Kontaktperson => &self.kontaktperson,
            Field::Telefon => &self.telefon,
            Field::Epost => &self.epost,
        }
    }
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
    /// The embedded default template.
    pub fn builtin() -> Template {
        Template::parse(DEFAULT_TEMPLATE, "built-in template")
            .expect("the built-in template is valid")
    }

    /// Reads a template file.
    pub fn from_file(path: &Path) -> Result<Template, TemplateError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| TemplateError(format!("{}: cannot read template: {e}", path.display())))?;
        Template::parse(&text, &path.display().to_string())
    }

    /// Parses and validates template TOML; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Template, TemplateError> {
        let t: Template = toml::from_str(text)
            .map_err(|e| TemplateError(format!("{origin}: invalid template: {e}")))?;
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
        for f in Field::ALL {
            if t.header.labels(f).iter().all(|l| l.trim().is_empty()) {
                return Err(TemplateError(format!(
                    "{origin}: invalid template: header.{} needs a label",
                    format!("{f:?}").to_lowercase()
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
    fn unknown_keys_and_empty_variants_are_errors() {
        let err = Template::parse("name = \"x\"\nbogus = 1\n", "t.toml").unwrap_err();
        assert!(err.0.starts_with("t.toml: invalid template"), "{err}");
        assert!(err.0.contains("bogus"), "{err}");
        let no_variant = "name = \"x\"\nvariant = []\n[header]\nnamnd=[\"N\"]\nkontaktperson=[\"K\"]\ntelefon=[\"T\"]\nepost=[\"E\"]\n";
        assert!(Template::parse(no_variant, "t.toml")
            .unwrap_err()
            .0
            .contains("no [[variant]]"));
    }
}
