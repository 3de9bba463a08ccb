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
