//! Configuration, layered: built-in defaults, then `dubbelkoll.toml` (found
//! by walking up from the working directory, or named by `--config`), then
//! command-line flags. Every key is optional; an unknown key is an error
//! that names the key and the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::finding::Severity;
use crate::i18n::Lang;

/// The default least similarity of a near-duplicate.
pub const DEFAULT_SIMILARITY: f64 = 0.85;

/// The name of the configuration file.
pub const FILE_NAME: &str = "dubbelkoll.toml";

/// One layer of settings, every key optional: `dubbelkoll.toml` as written,
/// or the flags given on the command line. [`Settings::update`] lays one
/// over the settings so far (defaults, then the file, then the flags).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Layer {
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub severity: Option<BTreeMap<String, Severity>>,
    pub fail_on: Option<Severity>,
    pub similarity: Option<f64>,
    pub min_words: Option<usize>,
    pub email_domain: Option<String>,
    pub template: Option<PathBuf>,
    /// Added to the layers' below: a flag's globs join the file's.
    pub exclude: Option<Vec<String>>,
    pub xml_limit: Option<u64>,
    pub max_file_size: Option<u64>,
    pub follow: Option<bool>,
    /// Rule codes or prefixes not reported for paths matching a glob.
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    /// The language of reports and messages.
    pub lang: Option<Lang>,
    /// The round: the senders expected, the deadline.
    pub round: Option<Round>,
}

/// A TOML date (`2027-03-31`) or a string, as the string.
fn date_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Date(toml::value::Datetime),
        Text(String),
    }
    Ok(Some(match Either::deserialize(d)? {
        Either::Date(date) => date.to_string(),
        Either::Text(text) => text,
    }))
}

/// `[round]`: what a reviewer's round of submissions expects. Every key is
/// optional; without the table, no sender is expected.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Round {
    /// The senders expected, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub senders: Vec<String>,
    /// A CSV file of the senders expected: sender, contact, e-mail (a
    /// header row naming them, or the columns in that order), relative to
    /// the configuration file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub senders_file: Option<PathBuf>,
    /// The last day to send in or complete a submission, `YYYY-MM-DD`
    /// (a TOML date, or a string).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date_or_string"
    )]
    pub deadline: Option<String>,
    /// Who letters come from: "Name <address>" or an address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The previous round's folder of submissions, relative to the
    /// configuration file: answers left unchanged since are DUP005.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<PathBuf>,
    /// A text file with the wording of the letter asking a sender to
    /// complete (`{sender}`, `{contact}`, `{files}`, `{problems}`,
    /// `{deadline}`; a first line `Subject:` or `Ämne:` sets the subject),
    /// relative to the configuration file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter: Option<PathBuf>,
    /// The same for the reminder to a sender who has not sent in
    /// (`{sender}`, `{contact}`, `{deadline}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminder: Option<PathBuf>,
}

impl Layer {
    /// The keys of this layer that widen what a scan reads beyond the
    /// defaults.
    fn widening(&self) -> Vec<&'static str> {
        let d = Settings::default();
        [
            ("follow", self.follow == Some(true)),
            ("xml-limit", self.xml_limit.is_some_and(|v| v > d.xml_limit)),
            (
                "max-file-size",
                self.max_file_size.is_some_and(|v| v > d.max_file_size),
            ),
        ]
        .into_iter()
        .filter_map(|(k, widens)| widens.then_some(k))
        .collect()
    }
}

/// The effective settings of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Settings {
    /// Rule codes or prefixes to run (`MISS`, `CONT001`); empty: all.
    pub select: Vec<String>,
    /// Rule codes or prefixes not to report.
    pub ignore: Vec<String>,
    /// Severity per rule code, replacing the rule's own.
    pub severity: BTreeMap<String, Severity>,
    /// The least severity that makes the exit code 1.
    pub fail_on: Severity,
    /// The least similarity of a near-duplicate (DUP001).
    pub similarity: f64,
    /// The least words of an answer or paragraph that DUP003 and DUP004 compare.
    pub min_words: usize,
    /// The e-mail domain every contact should use (CONT002); without it, the
    /// domain most submissions use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_domain: Option<String>,
    /// A form template replacing the built-in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<PathBuf>,
    /// Globs of paths not to scan, matched against the path below each
    /// scanned directory (`arkiv/**`, `*.md`).
    pub exclude: Vec<String>,
    /// The most XML, in MiB, read from one Word or OpenDocument file.
    pub xml_limit: u64,
    /// Files larger than this many MB are skipped.
    pub max_file_size: u64,
    /// Follow symbolic links met in the walk.
    pub follow: bool,
    /// Glob → rule codes or prefixes not reported for the paths it matches
    /// (the paths as dubbelkoll prints them).
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// The keys the configuration file set that widen what a scan reads
    /// (`follow`, or `xml-limit`/`max-file-size` above the defaults), not
    /// overridden by a flag.
    #[serde(skip)]
    pub widened_by_file: Vec<&'static str>,
    /// The configuration file's folder: per-file-ignores globs are
    /// relative to it.
    #[serde(skip)]
    pub base: Option<PathBuf>,
    /// The language of reports and messages; without it, the environment's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<Round>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            select: Vec::new(),
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            fail_on: Severity::Error,
            similarity: DEFAULT_SIMILARITY,
            min_words: 8,
            email_domain: None,
            template: None,
            exclude: Vec::new(),
            xml_limit: 64,
            max_file_size: 20,
            follow: false,
            per_file_ignores: BTreeMap::new(),
            widened_by_file: Vec::new(),
            base: None,
            lang: None,
            round: None,
        }
    }
}

/// Finds `dubbelkoll.toml` in `start` or the nearest directory above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// The settings in force: the defaults, then the configuration file
/// (`explicit`, else the one found from the working directory), then the
/// flags. Returns them with the file they came from. `known` tells rule
/// codes (and prefixes) that exist.
pub fn resolve(
    explicit: Option<&Path>,
    flags: Layer,
    known: &dyn Fn(&str) -> bool,
) -> Result<(Settings, Option<PathBuf>), String> {
    let mut s = Settings::default();
    let file = match explicit {
        Some(p) if !p.is_file() => {
            return Err(format!("{}: no such configuration file", p.display()))
        }
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| discover(&d)),
    };
    if let Some(path) = &file {
        let layer = read(path)?;
        s.widened_by_file = layer.widening();
        s.update(layer);
        s.validate(known)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        s.base = std::path::absolute(dir.unwrap_or(Path::new("."))).ok();
    }
    let flagged = [
        ("follow", flags.follow.is_some()),
        ("xml-limit", flags.xml_limit.is_some()),
        ("max-file-size", flags.max_file_size.is_some()),
    ];
    (s.widened_by_file).retain(|k| !flagged.iter().any(|(f, set)| f == k && *set));
    s.update(flags);
    s.validate(known)?;
    Ok((s, file))
}

/// Reads a configuration file; errors name the file. A template path in it
/// is relative to the file.
pub fn read(path: &Path) -> Result<Layer, String> {
    let text = crate::bounded::read_text(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let mut layer: Layer = toml::from_str(&text)
        .map_err(|e| format!("{}: {}", path.display(), crate::text::toml_error(&text, &e)))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    layer.template = layer.template.map(|t| dir.join(t)); // an absolute `t` stays
    if let Some(r) = &mut layer.round {
        r.senders_file = r.senders_file.take().map(|f| dir.join(f));
        r.previous = r.previous.take().map(|f| dir.join(f));
        r.letter = r.letter.take().map(|f| dir.join(f));
        r.reminder = r.reminder.take().map(|f| dir.join(f));
    }
    Ok(layer)
}

/// The language a configuration file sets: the one named, else the one
/// found walking up from here. Read before the command runs, so that its
/// messages follow it; a file that cannot be read sets none (the command
/// itself reports why).
pub fn lang(explicit: Option<&Path>) -> Option<Lang> {
    let file = match explicit {
        Some(p) => p.to_path_buf(),
        None => discover(&std::env::current_dir().ok()?)?,
    };
    read(&file).ok()?.lang
}

impl Settings {
    /// Lays `layer` over these settings: each key it sets replaces the
    /// current value, except `exclude`, whose globs are added.
    pub fn update(&mut self, layer: Layer) {
        fn set<T>(into: &mut T, v: Option<T>) {
            if let Some(v) = v {
                *into = v;
            }
        }
        set(&mut self.select, layer.select);
        set(&mut self.ignore, layer.ignore);
        let upper = |m: BTreeMap<String, Severity>| {
            m.into_iter()
                .map(|(k, s)| (k.to_ascii_uppercase(), s))
                .collect()
        };
        set(&mut self.severity, layer.severity.map(upper));
        set(&mut self.fail_on, layer.fail_on);
        set(&mut self.similarity, layer.similarity);
        set(&mut self.min_words, layer.min_words);
        set(&mut self.email_domain, layer.email_domain.map(Some));
        set(&mut self.template, layer.template.map(Some));
        self.exclude.extend(layer.exclude.unwrap_or_default());
        set(&mut self.xml_limit, layer.xml_limit);
        set(&mut self.max_file_size, layer.max_file_size);
        set(&mut self.follow, layer.follow);
        set(&mut self.per_file_ignores, layer.per_file_ignores);
        set(&mut self.lang, layer.lang.map(Some));
        set(&mut self.round, layer.round.map(Some));
    }

    /// Checks values that TOML's types do not; `known` tells rule codes
    /// (and prefixes) that exist.
    pub fn validate(&self, known: &dyn Fn(&str) -> bool) -> Result<(), String> {
        for code in self
            .select
            .iter()
            .chain(&self.ignore)
            .chain(self.severity.keys())
        {
            if !known(code) {
                return Err(format!(
                    "unknown rule {code:?} (`dubbelkoll rules` lists them)"
                ));
            }
        }
        if !(0.0..=1.0).contains(&self.similarity) {
            return Err(format!("similarity {} is not from 0 to 1", self.similarity));
        }
        if !(1..=4096).contains(&self.xml_limit) {
            return Err(format!(
                "xml-limit {} is not from 1 to 4096 (MiB)",
                self.xml_limit
            ));
        }
        if self.max_file_size == 0 {
            return Err("max-file-size must be at least 1 (MB)".into());
        }
        for (glob, codes) in &self.per_file_ignores {
            if let Some(code) = codes.iter().find(|c| !known(c)) {
                return Err(format!(
                    "per-file-ignores.{glob:?}: unknown rule {code:?} (`dubbelkoll rules` lists them)"
                ));
            }
        }
        if let Some(d) = self.round.as_ref().and_then(|r| r.deadline.as_deref()) {
            let shape = d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| match i {
                    4 | 7 => b == b'-',
                    _ => b.is_ascii_digit(),
                });
            // A day the calendar has.
            let number = |r: std::ops::Range<usize>| d.get(r).and_then(|n| n.parse::<u32>().ok());
            let (y, m, day) = (number(0..4), number(5..7), number(8..10));
            let days = |y: u32, m: u32| match m {
                2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            let ok = shape
                && matches!((y, m, day), (Some(y), Some(m), Some(day))
                    if y >= 1900 && (1..=12).contains(&m) && (1..=days(y, m)).contains(&day));
            if !ok {
                return Err(format!("round.deadline {d:?} is no date (YYYY-MM-DD)"));
            }
        }
        self.per_file_ignores()?;
        self.exclude_set().map(|_| ())
    }

    /// The per-file ignores, compiled: (glob, rule codes or prefixes).
    pub fn per_file_ignores(&self) -> Result<Vec<(globset::GlobMatcher, Vec<String>)>, String> {
        self.per_file_ignores
            .iter()
            .map(|(glob, codes)| {
                let g = globset::Glob::new(glob)
                    .map_err(|e| format!("per-file-ignores: {glob:?}: {e}"))?;
                let codes = codes.iter().map(|c| c.to_ascii_uppercase()).collect();
                Ok((g.compile_matcher(), codes))
            })
            .collect()
    }

    /// The exclude globs, compiled.
    pub fn exclude_set(&self) -> Result<globset::GlobSet, String> {
        let mut b = globset::GlobSetBuilder::new();
        for g in &self.exclude {
            b.add(globset::Glob::new(g).map_err(|e| format!("exclude: {e}"))?);
        }
        b.build().map_err(|e| format!("exclude: {e}"))
    }

    /// The settings as `dubbelkoll config` prints them: where they came
    /// from, then TOML.
    pub fn describe(&self, file: Option<&Path>) -> String {
        let origin = match file {
            Some(f) => format!("# from {}\n", f.display()),
            None => format!("# no {FILE_NAME} found: built-in defaults\n"),
        };
        format!("{origin}{}", self.to_toml())
    }

    /// The settings as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("settings serialise")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(text: &str) -> Result<Settings, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, text).unwrap();
        let known = |c: &str| {
            ["MISS", "CONT", "DUP"]
                .iter()
                .any(|p| c.to_ascii_uppercase().starts_with(p))
        };
        let (mut s, _) = resolve(Some(&path), Layer::default(), &known)
            .map_err(|e| e.replace(&path.display().to_string(), "/repo/dubbelkoll.toml"))?;
        s.template = s
            .template
            .map(|t| Path::new("/repo").join(t.strip_prefix(dir.path()).unwrap()));
        Ok(s)
    }

    #[test]
    fn file_values_replace_defaults_and_templates_are_relative_to_the_file() {
        let s = merged("select = [\"MISS\", \"DUP\"]\nfail-on = \"warning\"\ntemplate = \"form.toml\"\n[severity]\ndup003 = \"error\"\n").unwrap();
        assert_eq!(s.fail_on, Severity::Warning);
        assert_eq!(s.template.as_deref(), Some(Path::new("/repo/form.toml")));
        assert_eq!(s.select, ["MISS", "DUP"]);
        assert_eq!(s.severity.get("DUP003"), Some(&Severity::Error));
        assert_eq!(s.similarity, 0.85);
    }

    #[test]
    fn unknown_keys_rules_and_values_are_errors() {
        let e = merged("simlarity = 0.9\n").unwrap_err();
        assert!(e.contains("unknown field `simlarity`"), "{e}");
        let e = merged("ignore = [\"NOPE1\"]\n").unwrap_err();
        assert!(
            e.starts_with("/repo/dubbelkoll.toml: unknown rule \"NOPE1\""),
            "{e}"
        );
        assert!(merged("similarity = 1.5\n")
            .unwrap_err()
            .contains("not from 0 to 1"));
        assert!(merged("exclude = [\"[\"]\n")
            .unwrap_err()
            .contains("exclude"));
        let e = merged("[per-file-ignores]\n\"arkiv/**\" = [\"CONT\", \"NOPE9\"]\n").unwrap_err();
        assert!(
            e.contains("per-file-ignores.\"arkiv/**\": unknown rule \"NOPE9\""),
            "{e}"
        );
        let s = merged("[per-file-ignores]\n\"arkiv/**\" = [\"cont\"]\n").unwrap();
        let compiled = s.per_file_ignores().unwrap();
        assert!(compiled[0].0.is_match("arkiv/2021/a.txt"));
        assert_eq!(compiled[0].1, ["CONT"]);
    }
}
