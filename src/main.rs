//! The `dubbelkoll` binary: parse flags, run, map the result to an exit code
//! (0 clean, 1 findings at the fail level, 2 could not run).

mod cli;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use cli::{CheckArgs, Cli, ColorChoice, Command, Format};
use dubbelkoll::check::{self, Status};
use dubbelkoll::form::{Form, Template};
use dubbelkoll::report;
use dubbelkoll::rules::{self, RULES};
use dubbelkoll::source;

/// Parsing allocates many small strings and vectors; mimalloc is markedly
/// faster at that than the system allocator (see the benchmark in README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_FINDINGS: u8 = 1;
const EXIT_TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    std::panic::set_hook(Box::new(|info| {
        eprintln!("dubbelkoll: internal error: {info}");
        eprintln!("dubbelkoll: this is a bug; please report it with the input that caused it");
    }));
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(msg)) => {
            eprintln!("dubbelkoll: {msg}");
            ExitCode::from(EXIT_TROUBLE)
        }
        Err(_) => ExitCode::from(EXIT_TROUBLE),
    }
}

fn load_form(template: Option<&Path>) -> Result<Form, String> {
    match template {
        Some(p) => Template::from_file(p)
            .map(Form::new)
            .map_err(|e| e.to_string()),
        None => Ok(Form::builtin()),
    }
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
fn emit(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Show { file, template } => {
            let form = load_form(template.as_deref())?;
            let parsed = parse_named(&file, &form)?;
            emit(&report::show::render(&parsed, &form))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            a,
            b,
            template,
            color,
        } => {
            let form = load_form(template.as_deref())?;
            let (pa, pb) = (parse_named(&a, &form)?, parse_named(&b, &form)?);
            let aa = dubbelkoll::corpus::answers::answers(&pa.sub, &form);
            let ba = dubbelkoll::corpus::answers::answers(&pb.sub, &form);
            let d = dubbelkoll::corpus::diff::compare(&pa.sub, &aa, &pb.sub, &ba);
            let text = report::human::render_pair(
                &pa.path,
                &pb.path,
                d.similarity,
                &d.changes,
                use_color(color),
            );
            emit(&text)?;
            Ok(if d.changes.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_FINDINGS)
            })
        }
        Command::Rules => {
            let mut s = String::new();
            for r in RULES {
                s.push_str(&format!(
                    "{:<8} {:<8} {:<22} {}\n",
                    r.code,
                    r.severity.as_str(),
                    r.name,
                    r.summary
                ));
            }
            emit(&s)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { code } => {
            let r = rules::lookup(&code)
                .ok_or_else(|| format!("no rule {code:?}; `dubbelkoll rules` lists them"))?;
            emit(&format!(
                "{} ({}, default severity {})\n{}\n\n{}\n",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary,
                r.explanation
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// Reads and parses one named file for `show` and `diff`.
fn parse_named(file: &Path, form: &Form) -> Result<check::Parsed, String> {
    if !file.is_file() {
        return Err(format!("{}: not a file", file.display()));
    }
    let office = check::Options::for_form(form).office;
    check::read_file(file, form, &office).map_err(|e| match e {
        source::LoadError::Skipped(r) | source::LoadError::Failed(r) => {
            format!("{}: {r}", file.display())
        }
    })
}

fn run_check(args: CheckArgs) -> Result<ExitCode, String> {
    let form = load_form(args.template.as_deref())?;
    let mut options = check::Options::for_form(&form);
    options.similarity = args.similarity;
    options.office.xml_limit = args.xml_limit * 1024 * 1024;
    let outcome = check::check_paths(&args.paths, &form, &options).map_err(|e| e.to_string())?;
    let text = match args.format {
        Format::Json => report::json::render(&outcome),
        Format::Sarif => report::sarif::render(&outcome),
        Format::Github => report::github::render(&outcome),
        Format::Markdown => report::markdown::render(&outcome),
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
                }
            };
            let cache = report::human::LineCache::new(options.office.clone());
            report::human::render(&outcome, &|p, l| cache.line(p, l), color)
        }
    };
    emit(&text)?;
    for f in outcome.files.iter().filter(|f| f.status == Status::Error) {
        eprintln!(
            "dubbelkoll: {}: {}",
            f.path,
            f.reason.as_deref().unwrap_or("error")
        );
    }
    if !outcome.any_checked() {
        return Err(if outcome.files.is_empty() {
            "no submissions found (looked for .txt and .md files)".to_string()
        } else {
            "no file could be checked".to_string()
        });
    }
    let fails = outcome.findings.iter().any(|f| f.severity >= args.fail_on);
    Ok(if fails {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}
