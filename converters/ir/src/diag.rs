//! Diagnostics: the one way every stage reports what it could not do faithfully.
//!
//! A [`Diagnostic`] is data, never output: stages push them into a [`Diagnostics`] sink and the
//! CLI decides how to show them. Fatal problems are an [`Error`], which carries the same
//! diagnostic shape, so every failure the user sees has a stable code, a location and a fix.

use std::fmt;

use serde::{Serialize, Serializer};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: a choice was made that the user may want to know about.
    Info,
    /// Something was dropped, approximated or guessed; the output still works.
    Warning,
    /// The output cannot be produced, or would be rejected.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A stable diagnostic code such as `PM012`.
///
/// Codes are declared with [`codes!`](crate::codes) in the crate that emits them; each crate
/// exports the full list as `codes::ALL` so the README table can be checked against it.
/// A code is never reused for a different meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Code {
    id: &'static str,
    severity: Severity,
    summary: &'static str,
}

impl Code {
    /// Declares a code. Prefer the [`codes!`](crate::codes) macro.
    pub const fn new(id: &'static str, severity: Severity, summary: &'static str) -> Self {
        Code {
            id,
            severity,
            summary,
        }
    }

    /// The stable identifier, e.g. `PM012`.
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// The severity every diagnostic with this code has.
    pub const fn severity(&self) -> Severity {
        self.severity
    }

    /// One line saying what the code means, as listed in the README.
    pub const fn summary(&self) -> &'static str {
        self.summary
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

/// Declares a crate's diagnostic codes as constants plus the list `ALL`.
///
/// ```
/// connectorize_ir::codes! {
///     /// The input has no requests.
///     EMPTY = ("XX001", Error, "the input has no requests");
/// }
/// assert_eq!(EMPTY.id(), "XX001");
/// assert_eq!(ALL.len(), 1);
/// ```
#[macro_export]
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = ($id:literal, $severity:ident, $summary:literal);)+) => {
        $(
            $(#[$doc])*
            pub const $name: $crate::diag::Code =
                $crate::diag::Code::new($id, $crate::diag::Severity::$severity, $summary);
        )+
        /// Every code this crate can emit, in declaration order.
        pub const ALL: &[$crate::diag::Code] = &[$($name),+];
    };
}

/// Where a finding points: a file, a JSON pointer into it, and a line and column when known.
///
/// Paths are as the user gave them or relative to the input root, never made absolute, so
/// that reports are reproducible.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// The file, relative to the input root where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// An RFC 6901 JSON pointer (or an equivalent path for XML and YAML inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// 1-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

impl Location {
    /// A location in `file` with no position inside it yet.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: Some(file.into()),
            ..Location::default()
        }
    }

    /// Adds a JSON pointer.
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Adds a line and column.
    pub fn line_col(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Location {
    /// `file:line:col` followed by `#pointer`, omitting what is unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(file) = &self.file {
            f.write_str(file)?;
            wrote = true;
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
            wrote = true;
        }
        if let Some(pointer) = &self.pointer {
            if wrote {
                f.write_str(" ")?;
            }
            write!(f, "#{pointer}")?;
        }
        Ok(())
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Taken from the code.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// What happened, in plain words. Never contains a secret value.
    pub message: String,
    /// Where it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// How to fix it or what to do instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding with the code's severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            location: None,
            help: None,
        }
    }

    /// Sets the location.
    pub fn at(mut self, location: impl Into<Option<Location>>) -> Self {
        self.location = location.into();
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `warning[PM012]: message (at location)`; help is left to the caller's layout.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(location) = &self.location {
            write!(f, " (at {location})")?;
        }
        Ok(())
    }
}

/// The sink stages push findings into, in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty sink.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Records a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records every finding of another sink.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// The findings in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// How many findings there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any finding has at least this severity.
    pub fn any_at_least(&self, severity: Severity) -> bool {
        self.0.iter().any(|d| d.severity >= severity)
    }

    /// How many findings have exactly this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    /// The findings, consuming the sink.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl fmt::Display for Diagnostics {
    /// The text form used by golden files and the CLI: one block per finding,
    ///
    /// ```text
    /// warning[PM012]: message
    ///   --> file:line:col #/pointer
    ///   help: what to do
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{}[{}]: {}", d.severity, d.code, d.message)?;
            if let Some(location) = &d.location {
                writeln!(f, "  --> {location}")?;
            }
            if let Some(help) = &d.help {
                writeln!(f, "  help: {help}")?;
            }
        }
        Ok(())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        Diagnostics(list)
    }
}

/// A fatal problem: the stage could not produce its result.
///
/// It carries a full [`Diagnostic`] (code, location, help) so that the CLI reports fatal and
/// non-fatal findings the same way and batch scripts can match on the code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.message)]
pub struct Error(pub Box<Diagnostic>);

impl Error {
    /// A fatal error with this code and message.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Error(Box::new(Diagnostic::new(code, message)))
    }

    /// Sets the location.
    pub fn at(mut self, location: impl Into<Option<Location>>) -> Self {
        self.0.location = location.into();
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// The diagnostic behind the error.
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.0
    }
}

impl From<Error> for Diagnostic {
    fn from(error: Error) -> Self {
        *error.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::codes! {
        /// test code
        SAMPLE = ("XX999", Warning, "a sample");
    }

    #[test]
    fn location_display_orders_file_position_pointer() {
        let loc = Location::file("a.json").at("/item/0").line_col(3, 7);
        assert_eq!(loc.to_string(), "a.json:3:7 #/item/0");
        assert_eq!(Location::default().at("/x").to_string(), "#/x");
    }

    #[test]
    fn diagnostic_takes_severity_from_code_and_serializes_code_as_id() {
        let d = Diagnostic::new(SAMPLE, "msg").help("do this");
        assert_eq!(d.severity, Severity::Warning);
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"severity":"warning","code":"XX999","message":"msg","help":"do this"}"#
        );
        assert_eq!(ALL, &[SAMPLE]);
    }

    #[test]
    fn sink_counts_by_severity() {
        let mut sink = Diagnostics::new();
        sink.push(Diagnostic::new(SAMPLE, "a"));
        assert!(sink.any_at_least(Severity::Warning));
        assert!(!sink.any_at_least(Severity::Error));
        assert_eq!(sink.count(Severity::Warning), 1);
        sink.push(
            Diagnostic::new(SAMPLE, "b")
                .at(Location::file("c.json").at("/x"))
                .help("fix it"),
        );
        assert_eq!(
            sink.to_string(),
            "warning[XX999]: a\nwarning[XX999]: b\n  --> c.json #/x\n  help: fix it\n"
        );
    }
}
