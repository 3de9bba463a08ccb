//! Printing diagnostics and summaries. Diagnostics go to standard error; results (summaries,
//! the IR) go to standard output.

use std::io::{IsTerminal, Write};

use connectorize::ir::{Diagnostic, Severity};

use super::args::MessageFormat;

/// Prints diagnostics as the user asked and counts them.
pub struct Reporter {
    format: MessageFormat,
    quiet: bool,
    color: bool,
    /// Warnings printed or suppressed, for `--deny-warnings`.
    pub warnings: usize,
    /// Errors reported.
    pub errors: usize,
}

impl Reporter {
    /// A reporter for this run. Colour only on a terminal and never with `NO_COLOR` set.
    pub fn new(format: MessageFormat, quiet: bool) -> Self {
        let color = std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Reporter {
            format,
            quiet,
            color,
            warnings: 0,
            errors: 0,
        }
    }

    /// Reports one diagnostic.
    pub fn report(&mut self, diagnostic: &Diagnostic) {
        match diagnostic.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => {}
        }
        if self.quiet && diagnostic.severity != Severity::Error {
            return;
        }
        let mut err = std::io::stderr().lock();
        let _ = match self.format {
            MessageFormat::Json => writeln!(
                err,
                "{}",
                serde_json::to_string(diagnostic).expect("diagnostics always serialize")
            ),
            MessageFormat::Human => write!(err, "{}", self.human(diagnostic)),
        };
    }

    /// Reports every diagnostic of a list.
    pub fn report_all<'a>(&mut self, diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
        for d in diagnostics {
            self.report(d);
        }
    }

    fn human(&self, d: &Diagnostic) -> String {
        let label = match (self.color, d.severity) {
            (true, Severity::Error) => "\x1b[1;31merror\x1b[0m".to_string(),
            (true, Severity::Warning) => "\x1b[1;33mwarning\x1b[0m".to_string(),
            (true, Severity::Info) => "\x1b[1;36minfo\x1b[0m".to_string(),
            (false, severity) => severity.to_string(),
        };
        let mut text = format!("{label}[{}]: {}\n", d.code, d.message);
        if let Some(location) = &d.location {
            text.push_str(&format!("  --> {location}\n"));
        }
        if let Some(help) = &d.help {
            text.push_str(&format!("  help: {help}\n"));
        }
        text
    }

    /// Whether the summary and other chatter should be printed.
    pub fn chatty(&self) -> bool {
        !self.quiet
    }
}

/// Prints a table with a header row, columns padded to their widest cell.
pub fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                if i + 1 == row.len() {
                    cell.clone()
                } else {
                    format!("{cell:<width$}", width = widths[i])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pads_all_but_the_last_column() {
        let rows = vec![
            vec!["API".to_string(), "ops".into(), "result".into()],
            vec!["Petstore".to_string(), "12".into(), "ok".into()],
        ];
        assert_eq!(table(&rows), "API       ops  result\nPetstore  12   ok\n");
    }
}
