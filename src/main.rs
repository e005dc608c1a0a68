//! The `dubbelkoll` binary: parse flags, resolve the configuration, run,
//! map the result to an exit code (0 clean, 1 findings at the fail level,
//! 2 could not run).

mod cli;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{CommandFactory, Parser};
use cli::{CheckArgs, Cli, ColorChoice, Command, ConfigArgs, Format};
use dubbelkoll::check::{self, Outcome, Status};
use dubbelkoll::config::{self, Settings};
use dubbelkoll::form::{Form, Template};
use dubbelkoll::rules::{self, RULES};
use dubbelkoll::{baseline, report, source};

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

/// Defaults, then the configuration file, then `--template`.
fn settings(args: &ConfigArgs) -> Result<(Settings, Option<PathBuf>), String> {
    let mut s = Settings::default();
    let file = match &args.config {
        Some(p) if !p.is_file() => {
            return Err(format!("{}: no such configuration file", p.display()))
        }
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d)),
    };
    if let Some(path) = &file {
        s.merge_file(config::read(path)?, path)?;
    }
    if let Some(t) = &args.template {
        s.template = Some(t.clone());
    }
    Ok((s, file))
}

fn load_form(s: &Settings) -> Result<Form, String> {
    match &s.template {
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
fn parse_named(file: &Path, form: &Form, s: &Settings) -> Result<check::Parsed, String> {
    if !file.is_file() {
        return Err(format!("{}: not a file", file.display()));
    }
    let read = check::Options::from_settings(form, s)?.read;
    check::read_file(file, form, &read).map_err(|e| match e {
        source::LoadError::Skipped(r) | source::LoadError::Failed(r) => {
            format!("{}: {r}", file.display())
        }
    })
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Show { file, config } => {
            let (s, _) = settings(&config)?;
            let form = load_form(&s)?;
            let parsed = parse_named(&file, &form, &s)?;
            emit(&report::show::render(&parsed, &form))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            a,
            b,
            config,
            color,
        } => {
            let (s, _) = settings(&config)?;
            let form = load_form(&s)?;
            let (pa, pb) = (parse_named(&a, &form, &s)?, parse_named(&b, &form, &s)?);
            let aa = dubbelkoll::corpus::answers::answers(&pa.sub, &form);
            let ba = dubbelkoll::corpus::answers::answers(&pb.sub, &form);
            let d = dubbelkoll::corpus::diff::compare(&pa.sub, &aa, &pb.sub, &ba);
            let text = report::human::render_pair(
                &pa.path,
                &pb.path,
                d.similarity,
                &d.changes,
                use_color(color),
                dubbelkoll::i18n::Lang::from_env(),
            );
            emit(&text)?;
            Ok(if d.changes.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_FINDINGS)
            })
        }
        Command::Report {
            dir,
            output,
            config,
            lang,
        } => run_check(CheckArgs {
            paths: vec![dir],
            format: Format::Html,
            config,
            output: Some(output),
            lang,
            ..CheckArgs::default()
        }),
        Command::Config { config } => {
            let (s, file) = settings(&config)?;
            let origin = match file {
                Some(f) => format!("# from {}\n", f.display()),
                None => format!("# no {} found: built-in defaults\n", config::FILE_NAME),
            };
            emit(&format!("{origin}{}", s.to_toml()))?;
            Ok(ExitCode::SUCCESS)
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
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "dubbelkoll", &mut out);
            emit(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| format!("cannot write the manual: {e}"))?;
            emit(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A progress bar on stderr, drawn only on a terminal and for scans of more
/// than a moment.
struct Bar(indicatif::ProgressBar);

impl check::Progress for Bar {
    fn start(&self, files: usize) {
        if files >= 500 {
            self.0.set_length(files as u64);
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn advance(&self) {
        self.0.inc(1);
    }
}

/// The file names `--only` names (`-`: read from standard input).
fn only_paths(only: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in only {
        if p.as_os_str() == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read file names from standard input: {e}"))?;
            out.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from),
            );
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// A path as `--only` compares it: canonical if it exists.
fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.components().collect())
}

/// Keeps the findings about the `only` files (as the file of the finding or
/// as its related file) and lists only those files.
fn restrict(outcome: Outcome, only: &[PathBuf]) -> Outcome {
    let wanted: std::collections::BTreeSet<PathBuf> = only.iter().map(|p| canonical(p)).collect();
    let hit = |p: &str| wanted.contains(&canonical(Path::new(p)));
    Outcome {
        findings: outcome
            .findings
            .into_iter()
            .filter(|f| hit(&f.path) || f.related.iter().any(|r| hit(&r.path)))
            .collect(),
        files: outcome.files.into_iter().filter(|f| hit(&f.path)).collect(),
        // Pairs index the full file list: none when it is cut down.
        pairs: Vec::new(),
    }
}

fn run_check(args: CheckArgs) -> Result<ExitCode, String> {
    let (mut s, _) = settings(&args.config)?;
    if let Some(v) = args.fail_on {
        s.fail_on = v;
    }
    if let Some(v) = &args.select {
        s.select = v.clone();
    }
    if let Some(v) = &args.ignore {
        s.ignore = v.clone();
    }
    if let Some(v) = args.similarity {
        s.similarity = v;
    }
    if let Some(v) = args.min_words {
        s.min_words = v;
    }
    if let Some(v) = &args.email_domain {
        s.email_domain = Some(v.clone());
    }
    if let Some(v) = args.xml_limit {
        s.xml_limit = v;
    }
    if let Some(v) = args.max_file_size {
        s.max_file_size = v;
    }
    s.exclude.extend(args.exclude.iter().cloned());
    s.validate()?;
    let form = load_form(&s)?;
    let mut options = check::Options::from_settings(&form, &s)?;
    let lang = args.lang.unwrap_or_else(dubbelkoll::i18n::Lang::from_env);
    if args.format == Format::Html {
        options.pair_floor = Some(report::html::HEAT_FLOOR);
    }
    let bar = indicatif::ProgressBar::hidden();
    if !args.quiet && std::io::stderr().is_terminal() {
        options.progress = Some(Arc::new(Bar(bar.clone())));
    }
    let only = args.only.as_deref().map(only_paths).transpose()?;
    let accepted = args.baseline.as_deref().map(baseline::read).transpose()?;

    let mut outcome =
        check::check_paths(&args.paths, &form, &options).map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    outcome.findings = s.apply(outcome.findings);
    if let Some(path) = &args.write_baseline {
        baseline::write(path, &outcome.findings)?;
    }
    if let Some(accepted) = &accepted {
        outcome.findings = baseline::new_findings(outcome.findings, accepted);
    }
    let (scanned_any, found_any) = (outcome.any_checked(), !outcome.files.is_empty());
    if let Some(only) = &only {
        outcome = restrict(outcome, only);
    }

    let text = match args.format {
        Format::Json => report::json::render(&outcome),
        Format::Sarif => report::sarif::render(&outcome),
        Format::Github => report::github::render(&outcome),
        Format::Markdown => report::markdown::render(&outcome),
        Format::Human => {
            let cache = report::human::LineCache::new(options.read.clone());
            report::human::render(
                &outcome,
                &|p, l| cache.line(p, l),
                use_color(args.color),
                !args.quiet,
                lang,
            )
        }
        Format::Html => {
            let cache = report::human::LineCache::new(options.read.clone());
            let view = |a: &str, b: &str| {
                let pa = check::read_file(Path::new(a), &form, &options.read).ok()?;
                let pb = check::read_file(Path::new(b), &form, &options.read).ok()?;
                let aa = dubbelkoll::corpus::answers::answers(&pa.sub, &form);
                let ba = dubbelkoll::corpus::answers::answers(&pb.sub, &form);
                Some(dubbelkoll::corpus::diff::side_by_side(
                    &pa.sub, &aa, &pb.sub, &ba,
                ))
            };
            report::html::render(&outcome, &|p, l| cache.line(p, l), &view, lang)
        }
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &text)
                .map_err(|e| format!("{}: cannot write the report: {e}", path.display()))?;
            if !args.quiet {
                eprintln!("dubbelkoll: wrote {}", path.display());
            }
        }
        None => emit(&text)?,
    }
    for f in outcome.files.iter().filter(|f| f.status == Status::Error) {
        eprintln!(
            "dubbelkoll: {}: {}",
            f.path,
            f.reason.as_deref().unwrap_or("error")
        );
    }
    if !scanned_any {
        return Err(if !found_any {
            format!(
                "no submissions found (looked for {})",
                source::EXTENSIONS.join(", ")
            )
        } else {
            "no file could be checked".to_string()
        });
    }
    let fails = outcome.findings.iter().any(|f| f.severity >= s.fail_on);
    Ok(if fails {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}
