//! Command-line definitions (clap). Parsing only: no work is done here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use dubbelkoll::rules::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "dubbelkoll",
    version,
    about = "Checks questionnaire submissions before they are compiled: \
near-duplicates, missing answers and mismatched contact details."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every submission under the given paths (default: .)
    Check(CheckArgs),
    /// Show how one submission was understood: decoding, variant, header, questions and answers
    Show {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
    },
    /// Show the word-level differences between the answers of two submissions
    Diff {
        a: PathBuf,
        b: PathBuf,
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// List all rules
    Rules,
    /// Explain a rule: what it finds, why it matters, an example
    Explain { code: String },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and directories to check
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding reaches this severity
    #[arg(long, value_enum, default_value_t = Severity::Error, value_name = "SEVERITY")]
    pub fail_on: Severity,
    /// A form template (TOML) to use instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// The least similarity (0 to 1) of answers that makes two submissions near-duplicates
    #[arg(long, value_name = "RATIO", default_value_t = dubbelkoll::check::DEFAULT_SIMILARITY, value_parser = parse_ratio)]
    pub similarity: f64,
    /// The most XML (in MiB) read from one Word or OpenDocument file
    #[arg(long, value_name = "MIB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub xml_limit: u64,
    /// When to colour the human report
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_ratio(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}
