//! Command-line definitions (clap). Parsing only: no work is done here.
//!
//! Flags that the configuration file can also set are `Option`s: a flag
//! given overrides the file, a flag left out leaves it alone.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use dubbelkoll::config::Layer;
use dubbelkoll::finding::Severity;
pub use dubbelkoll::report::Format;

/// The exit codes, after the help and as the manual's EXIT STATUS.
const EXIT_CODES: &str = "Exit codes: 0 no finding at the fail level (or --exit-zero), 1 findings at the fail level, 2 could not run.";

#[derive(Debug, Parser)]
#[command(
    name = "dubbelkoll",
    version,
    about = "Checks questionnaire submissions before they are compiled: \
near-duplicates, missing answers and mismatched contact details.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of reports, rule texts and `show` [default: from LC_ALL, LC_MESSAGES or LANG, else English]
    #[arg(long, value_enum, global = true)]
    pub lang: Option<dubbelkoll::i18n::Lang>,
}

#[derive(Debug, Subcommand)]
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once per run; boxing buys nothing"
)]
pub enum Command {
    /// Check every submission under the given paths (default: .)
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Show how one submission was understood: decoding, variant, header, questions and answers
    Show {
        file: PathBuf,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Show the word-level differences between the answers of two submissions
    Diff(DiffArgs),
    /// Write the HTML report of the submissions under PATHS (like `check --format html --output FILE`)
    Report(ReportArgs),
    /// Check the submissions under PATHS and compile them into one document:
    /// per form variant, area and question, every sender's answer (one
    /// version per sender), gaps marked, an appendix of findings
    Compile(CompileArgs),
    /// Write a letter (an e-mail draft, .eml) to each sender with something
    /// to complete, and in a round a reminder to each expected sender who
    /// has not sent in; in Swedish unless `--lang` or `lang` says otherwise
    Letters(LettersArgs),
    /// Record a decision on a finding (handled, accepted, sender asked),
    /// kept between runs in the round's database
    Mark(MarkArgs),
    /// Serve the round as a local web page to work in: senders, findings
    /// beside the answers, decisions, letters, the compiled document; it
    /// follows the folder as submissions arrive (loopback only)
    Serve(ServeArgs),
    /// The round's records: `round export` writes every decision
    #[command(subcommand)]
    Round(RoundCommand),
    /// Learn form templates from blank forms and submissions
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Print the effective configuration (defaults, dubbelkoll.toml, flags)
    Config {
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// List all rules
    Rules,
    /// Explain a rule: what it finds, why it matters, an example
    Explain {
        /// The rule's code (`dubbelkoll rules` lists them)
        #[arg(value_parser = rule_codes(), ignore_case = true)]
        code: String,
    },
    /// Print a shell completion script
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), or a subcommand's (`dubbelkoll man check`)
    Man {
        /// The subcommand whose page to print
        subcommand: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Learn a template from blank forms (.docx, .odt, .txt with answer slots)
    /// and filled submissions, and write it as commented TOML
    Infer(InferArgs),
}

#[derive(Debug, clap::Args)]
pub struct InferArgs {
    /// Blank forms, submissions, or folders of them
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the template to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    pub a: PathBuf,
    pub b: PathBuf,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The round's files and folders
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The port to listen on [default: any free port]
    #[arg(long, default_value_t = 0, hide_default_value = true)]
    pub port: u16,
    /// The address to listen on: a loopback address only
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the page in the system's browser
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

impl ServeArgs {
    pub fn listen(&self) -> dubbelkoll::serve::Listen {
        dubbelkoll::serve::Listen {
            bind: self.bind.clone(),
            port: self.port,
            open: self.open,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    /// The finding's id, as the report shows it (`id 3f2a9c1b7e04`; six
    /// hex digits or more)
    pub id: String,
    /// The round's files and folders, checked to find the finding
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// What was decided
    #[arg(long, value_enum)]
    pub state: dubbelkoll::decisions::State,
    /// A note to keep with the decision
    #[arg(long)]
    pub note: Option<String>,
    /// Who decided [default: the login name]
    #[arg(long)]
    pub by: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Write every decision recorded in the round, oldest first, as CSV
    /// (or JSON) for archiving or review
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// JSON instead of CSV
    #[arg(long)]
    pub json: bool,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Files and directories to check
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Where to write the report
    #[arg(long, short, value_name = "FILE", default_value = "report.html")]
    pub output: PathBuf,
    #[command(flatten)]
    pub config: ConfigArgs,
}

impl From<ReportArgs> for CheckArgs {
    fn from(r: ReportArgs) -> CheckArgs {
        CheckArgs {
            paths: r.paths,
            format: Format::Html,
            output: Some(r.output),
            config: r.config,
            ..CheckArgs::default()
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct LettersArgs {
    /// Files and directories to check
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The folder to write the letters into (never inside a scanned folder)
    #[arg(long, short, value_name = "DIR", required = true)]
    pub output: PathBuf,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, clap::Args)]
pub struct CompileArgs {
    /// Files and directories to compile
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Where to write the document (never where the scan reads)
    #[arg(long, short, value_name = "FILE", required = true)]
    pub output: PathBuf,
    /// The document's format [default: from the output's extension]
    #[arg(long, value_enum)]
    pub format: Option<dubbelkoll::compile::Kind>,
    /// Compile this version of a submission instead of the newest of its
    /// versions (repeatable)
    #[arg(long, value_name = "FILE")]
    pub version_from: Vec<PathBuf>,
    /// A document to send on: no file paths, no rule codes, no versions,
    /// files left out or findings; a sender field left generic replaced by
    /// the committee its text names (said once in the front matter)
    #[arg(long)]
    pub clean: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

impl CompileArgs {
    /// What the reviewer asks of the compilation.
    pub fn request(&self, lang: dubbelkoll::i18n::Lang) -> dubbelkoll::compile::Request<'_> {
        dubbelkoll::compile::Request {
            pick: &self.version_from,
            lang,
            clean: self.clean,
        }
    }
}

/// Where the configuration comes from.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigArgs {
    /// Configuration file (default: dubbelkoll.toml here or in a parent directory)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A form template (TOML) to use instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
}

#[derive(Debug, Default, clap::Args)]
pub struct CheckArgs {
    /// Files and directories to check
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The report format: human (terminal), json, sarif (code scanning),
    /// github (workflow annotations), markdown (merge-request comment), html,
    /// junit (test results), gitlab (Code Quality), rdjson (reviewdog)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Exit with 1 when a finding reaches this severity [default: error]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,
    /// Exit with 0 whatever is found (2 still when the tool cannot run)
    #[arg(long, conflicts_with = "fail_on")]
    pub exit_zero: bool,
    /// Leave out the findings the round's decisions mark handled or
    /// accepted (`dubbelkoll mark`): reports and exit code see only the
    /// open ones
    #[arg(long)]
    pub hide_decided: bool,
    /// Print how many findings each rule raised instead of the findings
    #[arg(long, conflicts_with = "format")]
    pub statistics: bool,
    /// Only these rules (codes or prefixes, comma-separated)
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Not these rules (codes or prefixes, comma-separated)
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Option<Vec<String>>,
    /// The least similarity (0 to 1) of answers that makes two submissions near-duplicates [default: 0.85]
    #[arg(long, value_name = "RATIO", value_parser = parse_ratio)]
    pub similarity: Option<f64>,
    /// The least words of an answer or paragraph compared by DUP003 and DUP004 [default: 8]
    #[arg(long, value_name = "N")]
    pub min_words: Option<usize>,
    /// The e-mail domain every contact should use [default: the one most submissions use]
    #[arg(long, value_name = "DOMAIN")]
    pub email_domain: Option<String>,
    /// Paths not to scan (glob, below each scanned directory; repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// The most XML (in MiB) read from one Word or OpenDocument file [default: 64]
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub xml_limit: Option<u64>,
    /// Files larger than this (in MB) are skipped [default: 20]
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_size: Option<u64>,
    /// The name of the submission read from standard input when a path is `-`
    /// (what every report calls it; it replaces a file of that name)
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Follow symbolic links met in the walk (each directory is walked once)
    #[arg(long)]
    pub follow: bool,
    /// Keep the cache of per-file results here [default: $XDG_CACHE_HOME/dubbelkoll,
    /// else ~/.cache/dubbelkoll; never in a scanned folder]
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the cache: check every file from scratch
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// Report only findings that are not in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the findings in this baseline file (written atomically)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report findings only for these files, compared against every submission under PATHS
    /// (`-` reads the file names from standard input)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub only: Option<Vec<PathBuf>>,
    /// Write the report to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the same scan's report in FORMAT to FILE (repeatable:
    /// `--output-format sarif=scan.sarif --output-format junit=tests.xml`)
    #[arg(long = "output-format", value_name = "FORMAT=FILE", value_parser = parse_output)]
    pub also: Vec<(Format, PathBuf)>,
    /// No progress bar, and only the findings in the human report (no
    /// files not checked, summary table, round or totals)
    #[arg(long, short)]
    pub quiet: bool,
    /// When to colour the human report
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// The completion script for a shell.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "dubbelkoll",
        &mut out,
    );
    String::from_utf8_lossy(&out).into_owned()
}

/// The rule codes, for `explain` and its shell completion.
fn rule_codes() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(dubbelkoll::rules::RULES.iter().map(|r| r.code))
}

/// The manual page (roff) of dubbelkoll, or of one of its subcommands
/// (`dubbelkoll-check(1)`).
pub fn manual(subcommand: Option<&str>) -> Result<String, String> {
    let mut top = <Cli as clap::CommandFactory>::command();
    top.build(); // gives every subcommand the global options
    let man = match subcommand {
        None => clap_mangen::Man::new(top),
        Some(name) => {
            let sub = top
                .find_subcommand(name)
                .ok_or_else(|| format!("no subcommand {name:?}; `dubbelkoll --help` lists them"))?;
            let usage = synopsis(&format!("dubbelkoll {name}"), sub);
            let sub = sub.clone().override_usage(usage);
            clap_mangen::Man::new(sub).title(format!("dubbelkoll-{name}"))
        }
    };
    let mut out = Vec::new();
    man.render(&mut out)
        .map_err(|e| format!("cannot write the manual: {e}"))?;
    // The exit codes (the command's after-help) are the page's EXIT STATUS,
    // where man pages keep them.
    let page = String::from_utf8_lossy(&out).replace(".SH EXTRA", ".SH \"EXIT STATUS\"");
    Ok(page)
}

/// A man page's SYNOPSIS line: every option with the value it takes
/// (`[--format <FORMAT>]`), then the arguments.
fn synopsis(name: &str, cmd: &clap::Command) -> String {
    let mut line = name.to_string();
    let shown = cmd.get_arguments().filter(|a| !a.is_hide_set());
    let (positional, options): (Vec<_>, Vec<_>) = shown.partition(|a| a.is_positional());
    for a in options {
        let flag = match (a.get_short(), a.get_long()) {
            (Some(s), Some(l)) => format!("-{s}|--{l}"),
            (None, Some(l)) => format!("--{l}"),
            (Some(s), None) => format!("-{s}"),
            (None, None) => continue,
        };
        let takes = a.get_num_args().is_some_and(|n| n.takes_values());
        let value = match (takes, a.get_value_names()) {
            (false, _) => String::new(),
            (true, Some([v, ..])) => format!(" <{v}>"),
            (true, _) => format!(" <{}>", a.get_id().as_str().to_uppercase()),
        };
        line.push_str(&format!(" [{flag}{value}]"));
    }
    for a in positional {
        let v = a.get_value_names().and_then(|v| v.first().cloned());
        let v = v.map_or_else(|| a.get_id().as_str().to_uppercase(), |v| v.to_string());
        let many = a.get_num_args().is_some_and(|n| n.max_values() > 1);
        line.push_str(&format!(" [{v}]{}", if many { "..." } else { "" }));
    }
    line
}

impl Cli {
    /// The language of this run: `--lang`, else the configuration file's
    /// `lang`, else the environment's.
    pub fn lang(&self) -> dubbelkoll::i18n::Lang {
        let config = match &self.command {
            Command::Check(a) => Some(&a.config),
            Command::Report(a) => Some(&a.config),
            Command::Compile(a) => Some(&a.config),
            Command::Letters(a) => Some(&a.config),
            Command::Mark(a) => Some(&a.config),
            Command::Serve(a) => Some(&a.config),
            Command::Round(RoundCommand::Export(a)) => Some(&a.config),
            Command::Template(TemplateCommand::Infer(a)) => Some(&a.config),
            Command::Diff(a) => Some(&a.config),
            Command::Show { config, .. } => Some(config),
            Command::Config { config } => Some(config),
            _ => None,
        };
        let explicit = config.and_then(|c| c.config.as_deref());
        // Letters go to Swedish senders, and the round's pages are for
        // Swedish reviewers, unless told otherwise.
        let fallback = match self.command {
            Command::Letters(_) | Command::Serve(_) => || dubbelkoll::i18n::Lang::Sv,
            _ => dubbelkoll::i18n::Lang::from_env,
        };
        (self.lang)
            .or_else(|| dubbelkoll::config::lang(explicit))
            .unwrap_or_else(fallback)
    }
}

impl ColorChoice {
    /// Whether to colour standard output: `auto` colours a terminal unless
    /// `NO_COLOR` is set.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}

impl CheckArgs {
    /// What renders the report: the format, or the counts per rule.
    pub fn emitter(&self) -> &'static dyn dubbelkoll::report::Emitter {
        match self.statistics {
            true => &dubbelkoll::report::statistics::Statistics,
            false => self.format.emitter(),
        }
    }

    /// Writes every report of this scan: the format to `--output` (or
    /// standard output, in colour when asked), then each `--output-format
    /// FORMAT=FILE`, plain.
    pub fn write_reports(
        &self,
        outcome: &dubbelkoll::check::Outcome,
        lang: dubbelkoll::i18n::Lang,
    ) -> Result<(), String> {
        let also = self
            .also
            .iter()
            .map(|(f, p)| (f.emitter(), Some(p.as_path())));
        let all = std::iter::once((self.emitter(), self.output.as_deref())).chain(also);
        for (i, (emitter, path)) in all.enumerate() {
            let r = dubbelkoll::report::Report {
                outcome,
                lang,
                color: i == 0 && self.color.enabled(),
                summary: !self.quiet,
            };
            dubbelkoll::report::output::write(path, &emitter.emit(&r), self.quiet)?;
        }
        Ok(())
    }

    /// Every file this scan writes: its reports and the baseline, each
    /// named once (two reports to one file would leave only the last).
    pub fn written(&self) -> Result<Vec<&PathBuf>, String> {
        let also = self.also.iter().map(|(_, p)| p);
        let all: Vec<&PathBuf> = self
            .output
            .iter()
            .chain(also)
            .chain(&self.write_baseline)
            .collect();
        match all.iter().enumerate().find(|(i, p)| all[..*i].contains(p)) {
            Some((_, p)) => Err(format!("{}: named as the output twice", p.display())),
            None => Ok(all),
        }
    }

    /// Asks the check for what every format of this scan shows.
    pub fn prepare(&self, options: &mut dubbelkoll::check::Options) {
        options.hide_decided = self.hide_decided;
        std::iter::once(self.format)
            .chain(self.also.iter().map(|(f, _)| *f))
            .for_each(|f| f.prepare(options));
    }

    /// The flags that override the configuration file.
    pub fn overrides(&self) -> Layer {
        Layer {
            fail_on: self.fail_on,
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            similarity: self.similarity,
            min_words: self.min_words,
            email_domain: self.email_domain.clone(),
            xml_limit: self.xml_limit,
            max_file_size: self.max_file_size,
            follow: self.follow.then_some(true),
            template: None,
            exclude: Some(self.exclude.clone()),
            ..Layer::default()
        }
    }
}

/// `FORMAT=FILE` of `--output-format`.
fn parse_output(s: &str) -> Result<(Format, PathBuf), String> {
    let (format, file) = s
        .split_once('=')
        .filter(|(_, f)| !f.is_empty())
        .ok_or_else(|| format!("{s:?} is not FORMAT=FILE (say `sarif=scan.sarif`)"))?;
    let format = Format::from_str(format, true)?;
    Ok((format, PathBuf::from(file)))
}

fn parse_ratio(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}
