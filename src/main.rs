//! The `dubbelkoll` binary: parse flags, resolve the settings, run, map the
//! result to an exit code (0 clean, 1 findings at the fail level, 2 could
//! not run).

mod cli;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use cli::{CheckArgs, Cli, Command, ConfigArgs};
use dubbelkoll::config::{self, Layer, Settings};
use dubbelkoll::report::{self, output};
use dubbelkoll::{baseline, check, compile, form::Form, i18n::Lang, letters, review, rules, serve};

/// Parsing allocates many small strings and vectors; mimalloc is markedly
/// faster at that than the system allocator (see the benchmark in README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A child reading one PDF under limits, or a run that reads PDFs in
    // such children (see source::pdf).
    if let Some(code) = dubbelkoll::source::pdf::start(std::env::args_os()) {
        return ExitCode::from(code);
    }
    let cli = Cli::parse();
    output::exit_code(|| run(cli))
}

type Resolved = (Settings, Option<PathBuf>, Form);

/// The settings in force and the form they name.
fn resolve(args: &ConfigArgs, flags: Layer) -> Result<Resolved, String> {
    let template = args.template.clone();
    let flags = Layer { template, ..flags };
    let (s, file) = config::resolve(args.config.as_deref(), flags, &rules::is_known)?;
    let form = Form::load(s.template.as_deref()).map_err(|e| e.to_string())?;
    Ok((s, file, form))
}

/// The form and how to read files, for the commands that read one or two.
fn reading(args: &ConfigArgs) -> Result<(Form, dubbelkoll::source::ReadOptions), String> {
    let (s, _, form) = resolve(args, Layer::default())?;
    let read = check::Options::from_settings(&form, &s)?.read;
    Ok((form, read))
}

/// The form and options of a command that checks `paths` first.
fn checking(args: &ConfigArgs, paths: &[PathBuf]) -> Result<(Form, check::Options), String> {
    let (s, file, form) = resolve(args, Layer::default())?;
    check::configuration_in_force(paths, file.as_deref(), &s, false)?;
    let options = check::Options::from_settings(&form, &s)?;
    Ok((form, options))
}

/// Runs a command: `Ok(true)` when it found something (exit code 1).
fn run(cli: Cli) -> Result<bool, String> {
    let lang = cli.lang();
    let print = |text: String| output::to_stdout(&text).map(|()| false);
    match cli.command {
        Command::Check(args) => run_check(args, lang),
        Command::Report(args) => run_check(args.into(), lang),
        Command::Compile(a) => {
            let (form, options) = checking(&a.config, &a.paths)?;
            let (request, out) = (a.request(lang), &a.output);
            compile::write_to(&a.paths, &form, &options, &request, out, a.format).map(|_| false)
        }
        Command::Letters(a) => {
            let (form, options) = checking(&a.config, &a.paths)?;
            letters::write_to(&a.paths, &form, &options, &a.output, lang).map(|_| false)
        }
        Command::Show { file, config } => {
            let (form, read) = reading(&config)?;
            let parsed = check::read_named(&file, &form, &read)?;
            print(report::show::render(&parsed, &form, lang))
        }
        Command::Diff(x) => {
            let (form, read) = reading(&x.config)?;
            let d = check::diff_named(&x.a, &x.b, &form, &read)?;
            let (sim, changes, color) = (d.similarity, &d.changes, x.color.enabled());
            let text = report::human::render_pair(&x.a, &x.b, sim, changes, color, lang);
            print(text).map(|_| !d.changes.is_empty())
        }
        Command::Template(cli::TemplateCommand::Infer(a)) => {
            let (_, read) = reading(&a.config)?;
            dubbelkoll::infer::write_to(&a.paths, &read, a.output.as_deref()).map(|()| false)
        }
        Command::Mark(a) => {
            let (form, options) = checking(&a.config, &a.paths)?;
            let decision = (a.state, a.note.as_deref(), a.by.as_deref());
            review::mark(&a.paths, &form, &options, &a.id, decision, lang).map(|()| false)
        }
        Command::Serve(a) => checking(&a.config, &a.paths)
            .and_then(|(form, o)| serve::run(a.paths.clone(), form, o, &a.listen(), lang))
            .map(|()| false),
        Command::Round(cli::RoundCommand::Export(a)) => resolve(&a.config, Layer::default())
            .and_then(|(s, ..)| review::export_to(s.base.as_deref(), a.json, a.output.as_deref()))
            .map(|()| false),
        Command::Config { config } => resolve(&config, Layer::default())
            .and_then(|(s, file, _)| print(s.describe(file.as_deref()))),
        Command::Rules => print(report::catalog::list(lang)),
        Command::Explain { code } => match rules::lookup(&code) {
            Some(r) => print(report::catalog::explain(r, lang)),
            None => Err(format!("no rule {code:?}; `dubbelkoll rules` lists them")),
        },
        Command::Completions { shell } => print(cli::completions(shell)),
        Command::Man { subcommand } => print(cli::manual(subcommand.as_deref())?),
    }
}

fn run_check(args: CheckArgs, lang: Lang) -> Result<bool, String> {
    let (s, file, form) = resolve(&args.config, args.overrides())?;
    check::configuration_in_force(&args.paths, file.as_deref(), &s, args.quiet)?;
    let mut options = check::Options::from_settings(&form, &s)?;
    args.prepare(&mut options);
    options.cache_dir = check::cache_dir(&args.paths, args.cache_dir.as_deref(), args.no_cache)?;
    let bar = output::Bar::default();
    if !args.quiet && std::io::stderr().is_terminal() {
        options.progress = Some(std::sync::Arc::new(bar.clone()));
    }
    for out in args.written()? {
        check::check_output(&args.paths, &options, out)?;
    }
    check::stdin_submission(&args.paths, args.stdin_filename.clone(), &mut options.read)?;
    let only = args.only.as_deref().map(check::only_paths).transpose()?;
    let accepted = args.baseline.as_deref().map(baseline::read).transpose()?;
    let mut outcome =
        check::check_paths(&args.paths, &form, &options).map_err(|e| e.to_string())?;
    bar.finish();
    outcome.config = file;
    args.write_baseline
        .iter()
        .try_for_each(|p| baseline::write(p, &outcome.findings))?;
    if let Some(accepted) = &accepted {
        outcome.findings = baseline::new_findings(outcome.findings, accepted);
    }
    let nothing_checked = outcome.nothing_checked();
    if let Some(only) = &only {
        outcome = outcome.restrict(only)?;
    }
    args.write_reports(&outcome, lang)?;
    output::errors(&outcome);
    match nothing_checked {
        None => Ok(!args.exit_zero && outcome.findings.iter().any(|f| f.severity >= s.fail_on)),
        Some(why) => Err(why),
    }
}
