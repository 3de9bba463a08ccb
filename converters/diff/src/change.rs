//! One semantic difference between two connectors, and how much it matters.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::connector::File;

/// What happened to the thing a [`Change`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// It exists only in the new connector.
    Added,
    /// It exists only in the old connector.
    Removed,
    /// It exists in both with a different value.
    Modified,
    /// The same operation (same method and path) has a new identifier.
    Renamed,
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Modified => "modified",
            ChangeKind::Renamed => "renamed",
        })
    }
}

/// What a change does to the apps and flows already built on the connector.
///
/// Ordered from harmless to harmful, so `max()` over a change list is its worst class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Only text or presentation changes (summaries, descriptions, colours); nothing built on
    /// the connector behaves differently.
    Cosmetic,
    /// Behaviour or surface changes that existing apps and flows survive (a new operation, an
    /// optional parameter, a new response property).
    NonBreaking,
    /// Existing apps or flows fail, lose data or must be edited (a removed operation, a renamed
    /// operationId, a new required parameter, a removed response property, a new host).
    Breaking,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Cosmetic => "cosmetic",
            Class::NonBreaking => "non-breaking",
            Class::Breaking => "breaking",
        })
    }
}

/// One semantic difference.
///
/// Keys name the thing by identity, not position: `operation GetUser / parameter query:top /
/// type`. Operations are named by operationId, parameters by `in:name`, schema properties by
/// a dotted path (`items[].id`), connection parameters and definitions by name.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Added, removed, modified or renamed.
    pub kind: ChangeKind,
    /// Breaking, non-breaking or cosmetic.
    pub class: Class,
    /// What changed, by identity; the list is sorted by it.
    pub key: String,
    /// Why the change has its class, in plain words.
    pub reason: String,
    /// The file the pointers point into.
    pub file: File,
    /// Where the old value is in the old file (RFC 6901), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_pointer: Option<String>,
    /// Where the new value is in the new file, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_pointer: Option<String>,
    /// The old value, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The new value, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

/// How many changes of each class a list holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Breaking changes.
    pub breaking: usize,
    /// Non-breaking changes.
    pub non_breaking: usize,
    /// Cosmetic changes.
    pub cosmetic: usize,
}

impl Summary {
    /// Counts the classes of `changes`.
    pub fn of(changes: &[Change]) -> Self {
        let mut summary = Summary::default();
        for change in changes {
            match change.class {
                Class::Breaking => summary.breaking += 1,
                Class::NonBreaking => summary.non_breaking += 1,
                Class::Cosmetic => summary.cosmetic += 1,
            }
        }
        summary
    }

    /// All changes counted.
    pub fn total(&self) -> usize {
        self.breaking + self.non_breaking + self.cosmetic
    }
}

impl fmt::Display for Summary {
    /// `3 changes: 1 breaking, 1 non-breaking, 1 cosmetic`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.total();
        write!(
            f,
            "{total} change{}: {} breaking, {} non-breaking, {} cosmetic",
            if total == 1 { "" } else { "s" },
            self.breaking,
            self.non_breaking,
            self.cosmetic
        )
    }
}

/// Which changes make `diff` exit with status 1 (`--fail-on`).
///
/// The CLI exits 0 when `fails` is false, 1 when it is true, 2 on an error (an unreadable
/// file, a source that does not convert), so scripts can gate on breaking changes only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FailOn {
    /// Any change at all, cosmetic included (the default, like diff(1)).
    #[default]
    Any,
    /// Only breaking changes.
    Breaking,
}

impl FailOn {
    /// Whether `changes` should make the command fail.
    pub fn fails(self, changes: &[Change]) -> bool {
        match self {
            FailOn::Any => !changes.is_empty(),
            FailOn::Breaking => changes.iter().any(|c| c.class == Class::Breaking),
        }
    }
}

impl std::str::FromStr for FailOn {
    type Err = String;
    /// `any` or `breaking`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "any" => Ok(FailOn::Any),
            "breaking" => Ok(FailOn::Breaking),
            other => Err(format!("expected any or breaking, found {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(class: Class) -> Change {
        Change {
            kind: ChangeKind::Modified,
            class,
            key: "host".to_owned(),
            reason: String::new(),
            file: File::Definition,
            old_pointer: None,
            new_pointer: None,
            old: None,
            new: None,
        }
    }

    #[test]
    fn fail_on_breaking_ignores_other_classes() {
        let cosmetic = [change(Class::Cosmetic)];
        let breaking = [change(Class::Cosmetic), change(Class::Breaking)];
        assert!(!FailOn::Any.fails(&[]));
        assert!(FailOn::Any.fails(&cosmetic));
        assert!(!FailOn::Breaking.fails(&cosmetic));
        assert!(FailOn::Breaking.fails(&breaking));
        assert_eq!("breaking".parse(), Ok(FailOn::Breaking));
        assert!("all".parse::<FailOn>().is_err());
        assert_eq!(
            Summary::of(&breaking).to_string(),
            "2 changes: 1 breaking, 0 non-breaking, 1 cosmetic"
        );
    }
}
