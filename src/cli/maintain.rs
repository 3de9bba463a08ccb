//! `validate`, `diff` and `update`: the commands that work on existing connector folders.

use std::io::IsTerminal;

use connectorize::update::{self, Comparison};
use connectorize::{folder, Options};
use connectorize_diff::{FailOn, Prefer};

use super::args::{DiffArgs, DiffFormat, FailOnArg, PreferArg, UpdateArgs, ValidateArgs};
use super::report::Reporter;
use super::Exit;

fn stdout_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `validate`: exit 2 when any error was found (3 on warnings is left to `--deny-warnings`).
pub fn validate(args: &ValidateArgs, reporter: &mut Reporter) -> Exit {
    let mut failed = false;
    for path in &args.paths {
        match folder::load(path, args.max_input_size) {
            Ok(found) => {
                let findings = connectorize::check::folder(&found, args.certification);
                failed |= findings.any_at_least(connectorize::ir::Severity::Error);
                reporter.report_all(&findings);
            }
            Err(e) => {
                reporter.report(e.diagnostic());
                failed = true;
            }
        }
    }
    if failed {
        Exit::Error
    } else {
        Exit::Success
    }
}

fn print_texts(texts: &[(String, String, String)], color: bool) {
    for (label, old, new) in texts {
        if old != new {
            print!("{}", connectorize_diff::text_diff(old, new, label, color));
        }
    }
}

/// `diff`: 0 without changes, 1 when the changes meet `--fail-on`, 2 on errors.
pub fn diff(args: &DiffArgs, options: &Options, reporter: &mut Reporter) -> Exit {
    let Comparison {
        changes,
        texts,
        diagnostics,
    } = match update::compare(&args.new, &args.existing, options) {
        Ok(comparison) => comparison,
        Err(e) => {
            reporter.report(e.diagnostic());
            return Exit::Error;
        }
    };
    reporter.report_all(&diagnostics);
    let color = stdout_color();
    match args.format {
        DiffFormat::Human => {
            print!("{}", connectorize_diff::render_human(&changes, color));
            print_texts(&texts, color);
        }
        DiffFormat::Json => print!("{}", connectorize_diff::render_json(&changes)),
        DiffFormat::Markdown => print!("{}", connectorize_diff::render_markdown(&changes)),
    }
    let fail_on = match args.fail_on {
        FailOnArg::Any => FailOn::Any,
        FailOnArg::Breaking => FailOn::Breaking,
    };
    if fail_on.fails(&changes) {
        Exit::Differences
    } else {
        Exit::Success
    }
}

/// `update`: 0 when written (or nothing to do), 1 when conflicts are left or `--dry-run` found
/// changes, 2 on errors.
pub fn update(args: &UpdateArgs, options: &Options, reporter: &mut Reporter) -> Exit {
    let prefer = args.prefer.map(|p| match p {
        PreferArg::Source => Prefer::Source,
        PreferArg::Existing => Prefer::Existing,
    });
    let updated = match update::update(&args.new, &args.existing, options, prefer, args.dry_run) {
        Ok(updated) => updated,
        Err(e) => {
            reporter.report(e.diagnostic());
            return Exit::Error;
        }
    };
    reporter.report_all(&updated.diagnostics);
    let color = stdout_color();
    if !updated.merge.conflicts.is_empty() {
        print!(
            "{}",
            connectorize_diff::render_conflicts(&updated.merge.conflicts)
        );
    }
    if updated.merge.has_unresolved() {
        eprintln!(
            "connectorize: {} conflict(s) left unresolved; nothing was written. Use --prefer source or --prefer existing, or edit the folder.",
            updated.merge.conflicts.iter().filter(|c| c.resolution.is_none()).count()
        );
        return Exit::Differences;
    }
    print!(
        "{}",
        connectorize_diff::render_human(&updated.merge.applied, color)
    );
    if args.dry_run {
        print_texts(&updated.texts, color);
        return if updated.merge.applied.is_empty() {
            Exit::Success
        } else {
            Exit::Differences
        };
    }
    if updated
        .diagnostics
        .any_at_least(connectorize::ir::Severity::Error)
    {
        return Exit::Error;
    }
    Exit::Success
}
