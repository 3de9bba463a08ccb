//! The command-line interface: parses arguments, calls the library, prints, and chooses the
//! exit code. Nothing here converts anything.

pub mod args;
mod maintain;
pub mod report;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use connectorize::connector::Split;
use connectorize::ir::{self, Diagnostic, Severity};
use connectorize::{codes, input, output, registry, Options};
use serde_json::json;

use args::{Cli, Command, RenderFlags, SourceArgs, SplitArg, Target};
use report::Reporter;

/// The exit codes, as documented in `--help` and the README.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked.
    Success = 0,
    /// Differences were found (`diff`).
    Differences = 1,
    /// An input, output or argument error.
    Error = 2,
    /// Warnings were reported and `--deny-warnings` was given.
    WarningsDenied = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Exit {
    let mut reporter = Reporter::new(cli.global.message_format, cli.global.quiet);
    let outcome = match cli.command {
        Command::Convert(a) => {
            let options = options(&a.source, &a.render);
            convert(
                &a.inputs,
                &a.out,
                a.force,
                a.report.as_deref(),
                &options,
                &mut reporter,
            )
        }
        Command::Render(a) => {
            let mut options = options_for_render(&a.render);
            options.from = Some("ir".into());
            convert(&[a.ir], &a.out, a.force, None, &options, &mut reporter)
        }
        Command::Validate(a) => maintain::validate(&a, &mut reporter),
        Command::Diff(a) => maintain::diff(&a, &options(&a.source, &a.render), &mut reporter),
        Command::Update(a) => maintain::update(&a, &options(&a.source, &a.render), &mut reporter),
        Command::Ir(a) => {
            let options = options(
                &a.source,
                &RenderFlags {
                    split: SplitArg::Auto,
                },
            );
            print_ir(&a.input, &options, &mut reporter)
        }
    };
    match outcome {
        Exit::Success if cli.global.deny_warnings && reporter.warnings > 0 => Exit::WarningsDenied,
        exit => exit,
    }
}

fn options(source: &SourceArgs, render: &RenderFlags) -> Options {
    let mut options = options_for_render(render);
    options.from = source.from.clone();
    options.variables = source.variables.clone();
    options.environment = source.environment.clone();
    options.auth = source.auth.clone();
    options.split_by_host = source.split_by_host;
    options.gateway_host = source.gateway_host.clone();
    options.target_backend = source.target == Target::Backend;
    options.apim_environment = source.apim_environment.clone();
    options.revision = source.revision.clone();
    options.apis = source.apis.clone();
    options.max_input_bytes = source.max_input_size;
    options
}

fn options_for_render(render: &RenderFlags) -> Options {
    let mut options = Options::default();
    options.render.split = match render.split {
        SplitArg::Auto => Split::Auto,
        SplitArg::Tag => Split::Tag,
        SplitArg::None => Split::None,
    };
    options
}

/// One row of the summary and one entry of the JSON report.
struct Outcome {
    api: String,
    input: String,
    operations: usize,
    warnings: usize,
    errors: usize,
    result: Result<Vec<(String, PathBuf, usize)>, String>,
    skipped: bool,
    diagnostics: Vec<Diagnostic>,
}

fn convert(
    inputs: &[PathBuf],
    out: &Path,
    force: bool,
    report_file: Option<&Path>,
    options: &Options,
    reporter: &mut Reporter,
) -> Exit {
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut folders: HashSet<String> = HashSet::new();
    for path in inputs {
        let name = path.display().to_string();
        let bar = progress_bar(reporter);
        let converted = input::load(path, options.max_input_bytes).and_then(|s| {
            connectorize::convert_files_with_progress(s, options, &|done, total| {
                if let Some(bar) = &bar {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                }
            })
        });
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let list = match converted {
            Ok(list) => list,
            Err(e) => {
                reporter.report(e.diagnostic());
                outcomes.push(failure(&name, &name, &e, Vec::new()));
                continue;
            }
        };
        let units = name_folders(list, &mut folders);
        let mut written = write_in_parallel(&units, out, force);
        for (unit, results) in units.into_iter().zip(&mut written) {
            let mut diagnostics = unit.diagnostics;
            let connectors = match unit.outcome {
                Ok(connectors) => connectors,
                Err(e) => {
                    reporter.report_all(&diagnostics);
                    reporter.report(e.diagnostic());
                    let mut outcome = failure(&unit.name, &name, &e, diagnostics);
                    outcome.skipped = unit.skipped;
                    outcomes.push(outcome);
                    continue;
                }
            };
            let mut done = Vec::new();
            let mut error = None;
            for (connector, result) in connectors.iter().zip(results.drain(..)) {
                match result {
                    Ok((folder, findings)) => {
                        diagnostics.extend(findings.into_vec());
                        done.push((connector.title.clone(), folder, connector.operations));
                    }
                    Err(e) => {
                        error = Some(e);
                        break;
                    }
                }
            }
            reporter.report_all(&diagnostics);
            if let Some(e) = error {
                reporter.report(e.diagnostic());
                outcomes.push(failure(&unit.name, &name, &e, diagnostics));
                continue;
            }
            outcomes.push(Outcome {
                api: unit.name,
                input: name.clone(),
                operations: done.iter().map(|w| w.2).sum(),
                warnings: count(&diagnostics, Severity::Warning),
                errors: count(&diagnostics, Severity::Error),
                result: Ok(done),
                skipped: false,
                diagnostics,
            });
        }
    }
    if reporter.chatty() {
        print!("{}", summary(&outcomes));
    }
    let failed = outcomes.iter().any(|o| o.result.is_err() && !o.skipped);
    if let Some(file) = report_file {
        if let Err(e) = output::write_file(file, &report_json(&outcomes)) {
            reporter.report(e.diagnostic());
            return Exit::Error;
        }
    }
    if failed {
        Exit::Error
    } else {
        Exit::Success
    }
}

/// One API of an input whose connectors have their final folder names.
struct Named {
    name: String,
    outcome: Result<Vec<connectorize::connector::ConnectorFiles>, ir::Error>,
    skipped: bool,
    diagnostics: Vec<Diagnostic>,
}

/// Gives every connector of an input a folder no earlier connector of the run has, in input
/// order, so that names never depend on which write finishes first.
fn name_folders(
    list: Vec<connectorize::Converted<connectorize::connector::ConnectorFiles>>,
    folders: &mut HashSet<String>,
) -> Vec<Named> {
    list.into_iter()
        .map(|converted| {
            let mut diagnostics = converted.diagnostics.into_vec();
            let outcome = converted.outcome.map(|mut connectors| {
                for connector in &mut connectors {
                    let unique = connectorize::connector::naming::unique(&connector.folder, |f| {
                        folders.contains(&f.to_ascii_lowercase())
                    });
                    if unique != connector.folder {
                        diagnostics.push(Diagnostic::new(
                            codes::OUTPUT_CLASH,
                            format!(
                                "folder `{}` was already written in this run; using `{unique}`",
                                connector.folder
                            ),
                        ));
                        connector.folder = unique;
                    }
                    folders.insert(connector.folder.to_ascii_lowercase());
                }
                connectors
            });
            Named {
                name: converted.name,
                outcome,
                skipped: converted.skipped,
                diagnostics,
            }
        })
        .collect()
}

/// Validates and writes every connector of an input on every core: the files are already
/// rendered and each goes to its own folder, so the writes are independent. Results keep the
/// input's order.
#[allow(clippy::type_complexity)]
fn write_in_parallel(
    units: &[Named],
    out: &Path,
    force: bool,
) -> Vec<Vec<Result<(PathBuf, ir::Diagnostics), ir::Error>>> {
    use rayon::prelude::*;
    units
        .par_iter()
        .map(|unit| match &unit.outcome {
            Ok(connectors) => connectors
                .par_iter()
                .map(|connector| {
                    let findings = connectorize::check::rendered(
                        &connector.files,
                        &out.join(&connector.folder).display().to_string(),
                    );
                    output::write(out, connector, force).map(|folder| (folder, findings))
                })
                .collect(),
            Err(_) => Vec::new(),
        })
        .collect()
}

/// A progress bar on standard error when it is a terminal and the user did not ask for quiet.
fn progress_bar(reporter: &Reporter) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !reporter.chatty() || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} APIs ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn failure(api: &str, input: &str, error: &ir::Error, diagnostics: Vec<Diagnostic>) -> Outcome {
    let mut diagnostics = diagnostics;
    diagnostics.push(error.diagnostic().clone());
    Outcome {
        api: api.to_string(),
        input: input.to_string(),
        operations: 0,
        warnings: count(&diagnostics, Severity::Warning),
        errors: count(&diagnostics, Severity::Error),
        result: Err(format!("{} {}", error.diagnostic().code, error)),
        skipped: false,
        diagnostics,
    }
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

fn summary(outcomes: &[Outcome]) -> String {
    let mut rows = vec![vec![
        "API".to_string(),
        "operations".into(),
        "warnings".into(),
        "result".into(),
    ]];
    for o in outcomes {
        let result = match &o.result {
            Ok(written) => written
                .iter()
                .map(|(_, folder, _)| format!("wrote {}", folder.display()))
                .collect::<Vec<_>>()
                .join(", "),
            Err(message) if o.skipped => format!("skipped: {message}"),
            Err(message) => format!("failed: {message}"),
        };
        rows.push(vec![
            o.api.clone(),
            o.operations.to_string(),
            o.warnings.to_string(),
            result,
        ]);
    }
    report::table(&rows)
}

fn report_json(outcomes: &[Outcome]) -> String {
    let apis: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| {
            let (status, connectors, error) = match &o.result {
                Ok(written) => (
                    "ok",
                    written
                        .iter()
                        .map(|(title, folder, ops)| json!({"title": title, "folder": folder.display().to_string(), "operations": ops}))
                        .collect::<Vec<_>>(),
                    None,
                ),
                Err(message) if o.skipped => ("skipped", Vec::new(), Some(message.clone())),
                Err(message) => ("failed", Vec::new(), Some(message.clone())),
            };
            json!({
                "api": o.api,
                "input": o.input,
                "status": status,
                "operations": o.operations,
                "warnings": o.warnings,
                "errors": o.errors,
                "connectors": connectors,
                "error": error,
                "diagnostics": o.diagnostics,
            })
        })
        .collect();
    let ok = outcomes.iter().filter(|o| o.result.is_ok()).count();
    let skipped = outcomes.iter().filter(|o| o.skipped).count();
    connectorize::connector::to_pretty(&json!({
        "tool": "connectorize",
        "version": env!("CARGO_PKG_VERSION"),
        "converted": ok,
        "skipped": skipped,
        "failed": outcomes.len() - ok - skipped,
        "apis": apis,
    }))
}

fn print_ir(path: &Path, options: &Options, reporter: &mut Reporter) -> Exit {
    let units = match input::load(path, options.max_input_bytes)
        .and_then(|s| registry::read(&s, options))
        .map(|pending| {
            pending
                .into_iter()
                .map(registry::Pending::run)
                .collect::<Vec<_>>()
        }) {
        Ok(units) => units,
        Err(e) => {
            reporter.report(e.diagnostic());
            return Exit::Error;
        }
    };
    let mut apis = Vec::new();
    let mut failed = false;
    for unit in units {
        reporter.report_all(&unit.diagnostics);
        match unit.result {
            Ok(api) => apis.push(api),
            Err(e) => {
                reporter.report(e.diagnostic());
                failed = true;
            }
        }
    }
    if failed {
        return Exit::Error;
    }
    let text = match apis.as_slice() {
        [one] => ir::to_json(one),
        many => {
            let values: Vec<serde_json::Value> = many
                .iter()
                .map(|a| serde_json::to_value(a).expect("the IR always serializes"))
                .collect();
            connectorize::connector::to_pretty(&serde_json::Value::Array(values))
        }
    };
    print!("{text}");
    Exit::Success
}
