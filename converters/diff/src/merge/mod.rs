//! `update`: merging the new generation into a connector a maker has edited.
//!
//! With a base (what was generated last time) this is a three-way merge, field by field:
//! a field only one side changed takes that side's value; a field both changed the same way
//! takes it; a field both changed differently is a [`Conflict`]. Objects merge member by
//! member (the existing connector's member order, new members after it in the new
//! generation's order), arrays of scalars (`required`, `enum`, `scopes`…) as sets, arrays
//! of identified elements (parameters by `in:name`, policy instances by template and title,
//! connector metadata by property name) element by element, operations by operationId.
//! Without a base the ownership rules (module `ownership`) decide.

pub(crate) mod keys;
pub(crate) mod paths;
mod references;

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::change::Change;
use crate::connector::{Connector, File};
use crate::diff::diff;
use crate::ownership::stand_in_base;
use crate::pointer;

use keys::{element_keys, is_scalar_array};
use paths::{OPERATION, OPERATIONS, PATH_ITEMS};

/// Which side wins a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Prefer {
    /// The new generation (`--prefer source`).
    Source,
    /// The connector as edited (`--prefer existing`).
    Existing,
}

impl FromStr for Prefer {
    type Err = String;
    /// `source` or `existing`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "source" => Ok(Prefer::Source),
            "existing" => Ok(Prefer::Existing),
            other => Err(format!("expected source or existing, found {other}")),
        }
    }
}

impl fmt::Display for Prefer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Prefer::Source => "source",
            Prefer::Existing => "existing",
        })
    }
}

/// A field the maker and the source both changed, differently.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// The file the field is in.
    pub file: File,
    /// The field by identity, like a [`Change`] key: `operation GetUser / summary`.
    pub key: String,
    /// Where the field is in the existing file (or the new one when only it has it).
    pub pointer: String,
    /// The generated value last time; `None` when absent.
    pub base: Option<Value>,
    /// The existing (edited) value; `None` when the maker deleted it.
    pub ours: Option<Value>,
    /// The new generation's value; `None` when the source dropped it.
    pub theirs: Option<Value>,
    /// How it was resolved, or `None` when it is left for the user.
    pub resolution: Option<Prefer>,
}

/// The outcome of [`merge`].
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    /// The merged connector. When unresolved conflicts remain it holds the existing values
    /// for them and must not be written.
    pub merged: Connector,
    /// Every conflict met, resolved or not, in document order.
    pub conflicts: Vec<Conflict>,
    /// What the update changes in the existing connector: `diff(ours, merged)`; this is what
    /// `update --dry-run` shows.
    pub applied: Vec<Change>,
}

impl Merge {
    /// Whether some conflict is left for the user; then nothing may be written.
    pub fn has_unresolved(&self) -> bool {
        self.conflicts.iter().any(|c| c.resolution.is_none())
    }
}

/// Merges `theirs` (the new generation) into `ours` (the connector as edited), using `base`
/// (the previous generation) when there is one. `prefer` resolves conflicts; without it they
/// are listed and left.
pub fn merge(
    base: Option<&Connector>,
    ours: &Connector,
    theirs: &Connector,
    prefer: Option<Prefer>,
) -> Merge {
    let mut conflicts = Vec::new();

    let mut ours_def = paths::virtualize(&ours.definition);
    let theirs_def = paths::virtualize(&theirs.definition);
    let mut base_def = base.map(|b| paths::virtualize(&b.definition));
    let renames = paths::align_renames(base_def.as_mut(), &mut ours_def, &theirs_def);
    let base_def =
        base_def.unwrap_or_else(|| stand_in_base(File::Definition, &ours_def, &theirs_def));
    let mut walker = Walker::new(File::Definition, prefer);
    let mut definition = walker
        .node(
            &mut Vec::new(),
            Some(&base_def),
            Some(&ours_def),
            Some(&theirs_def),
        )
        .unwrap_or(Value::Null);
    paths::devirtualize(&mut definition, ours.definition.get("paths"));
    references::rename_in_definition(&mut definition, &renames);
    conflicts.append(&mut walker.conflicts);

    let base_props = base.map_or_else(
        || stand_in_base(File::Properties, &ours.properties, &theirs.properties),
        |b| b.properties.clone(),
    );
    let mut walker = Walker::new(File::Properties, prefer);
    let mut properties = walker
        .node(
            &mut Vec::new(),
            Some(&base_props),
            Some(&ours.properties),
            Some(&theirs.properties),
        )
        .unwrap_or(Value::Null);
    references::rename_in_properties(&mut properties, &renames);
    conflicts.append(&mut walker.conflicts);

    let merged = Connector::new(definition, properties);
    let applied = diff(ours, &merged);
    Merge {
        merged,
        conflicts,
        applied,
    }
}

/// One step of the walk: the name used by the ownership table, the label used in keys
/// (none for steps of the merge's own view of `paths`) and the pointer tokens it stands for.
struct Step {
    name: String,
    label: Option<String>,
    tokens: Vec<String>,
}

struct Walker {
    file: File,
    prefer: Option<Prefer>,
    conflicts: Vec<Conflict>,
}

impl Walker {
    fn new(file: File, prefer: Option<Prefer>) -> Self {
        Walker {
            file,
            prefer,
            conflicts: Vec::new(),
        }
    }

    fn node(
        &mut self,
        steps: &mut Vec<Step>,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        if ours == theirs || theirs == base {
            return ours.cloned();
        }
        if ours == base {
            return theirs.cloned();
        }
        match (ours, theirs) {
            (Some(Value::Object(o)), Some(Value::Object(t))) => {
                let b = base.and_then(Value::as_object);
                let mut out = Map::new();
                for key in o.keys().chain(t.keys().filter(|k| !o.contains_key(*k))) {
                    let (ov, tv) = (o.get(key), t.get(key));
                    steps.push(self.describe(steps, key, ov.or(tv)));
                    if let Some(v) = self.node(steps, b.and_then(|b| b.get(key)), ov, tv) {
                        out.insert(key.clone(), v);
                    }
                    steps.pop();
                }
                Some(Value::Object(out))
            }
            (Some(Value::Array(o)), Some(Value::Array(t))) => {
                let b = base.and_then(Value::as_array).map(Vec::as_slice);
                if is_scalar_array(o) && is_scalar_array(t) && b.into_iter().all(is_scalar_array) {
                    return Some(Value::Array(set_merge(b.unwrap_or_default(), o, t)));
                }
                match self.keyed(steps, b, o, t) {
                    Some(merged) => Some(merged),
                    None => self.conflict(steps, base, ours, theirs),
                }
            }
            _ => self.conflict(steps, base, ours, theirs),
        }
    }

    /// Element-by-element merge of arrays whose elements have an identity.
    fn keyed(
        &mut self,
        steps: &mut Vec<Step>,
        base: Option<&[Value]>,
        ours: &[Value],
        theirs: &[Value],
    ) -> Option<Value> {
        let name = steps.last().map(|s| s.name.clone()).unwrap_or_default();
        let ok = element_keys(&name, ours)?;
        let tk = element_keys(&name, theirs)?;
        let bk = base.and_then(|b| element_keys(&name, b).map(|k| (k, b)));
        let find = |keys: &[(String, String)], key: &str| keys.iter().position(|(k, _)| k == key);
        let mut order: Vec<(&str, &str)> =
            ok.iter().map(|(k, l)| (k.as_str(), l.as_str())).collect();
        for (k, l) in &tk {
            if find(&ok, k).is_none() {
                order.push((k, l));
            }
        }
        let mut out = Vec::new();
        for (key, label) in order {
            let oi = find(&ok, key);
            let ti = find(&tk, key);
            let index = oi.or(ti).unwrap_or_default();
            let bv = bk
                .as_ref()
                .and_then(|(keys, b)| find(keys, key).and_then(|i| b.get(i)));
            steps.push(Step {
                name: key.to_owned(),
                label: Some(label.to_owned()),
                tokens: vec![index.to_string()],
            });
            let merged = self.node(
                steps,
                bv,
                oi.and_then(|i| ours.get(i)),
                ti.and_then(|i| theirs.get(i)),
            );
            steps.pop();
            if let Some(v) = merged {
                out.push(v);
            }
        }
        Some(Value::Array(out))
    }

    /// Records a conflict and returns the value chosen for now.
    fn conflict(
        &mut self,
        steps: &[Step],
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        let key = steps
            .iter()
            .filter_map(|s| s.label.as_deref())
            .collect::<Vec<_>>()
            .join(" / ");
        let pointer = steps
            .iter()
            .flat_map(|s| s.tokens.iter())
            .fold(String::new(), |p, t| pointer::push(&p, t));
        // A whole operation entry of the merge's view is reported as the operation itself.
        let is_entry = self.file == File::Definition
            && matches!(steps, [p, o, _] if p.name == "paths" && o.name == OPERATIONS);
        let shown = |v: Option<&Value>| match v {
            Some(entry) if is_entry => entry.get(OPERATION).cloned(),
            other => other.cloned(),
        };
        self.conflicts.push(Conflict {
            file: self.file,
            key,
            pointer,
            base: shown(base),
            ours: shown(ours),
            theirs: shown(theirs),
            resolution: self.prefer,
        });
        match self.prefer {
            Some(Prefer::Source) => theirs.cloned(),
            Some(Prefer::Existing) | None => ours.cloned(),
        }
    }

    /// The step for member `key` of the object at `steps`; `value` is the member on either
    /// side, used to find where a virtual operation entry really is.
    fn describe(&self, steps: &[Step], key: &str, value: Option<&Value>) -> Step {
        let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
        let plain = |label: Option<String>, tokens: Vec<String>| Step {
            name: key.to_owned(),
            label,
            tokens,
        };
        if self.file == File::Properties && names.is_empty() && key == "properties" {
            // Changes name members of `properties` directly (`iconBrandColor`); so do conflicts.
            return plain(None, vec![key.to_owned()]);
        }
        if self.file == File::Definition {
            match names.as_slice() {
                [] if key == "paths" => return plain(None, vec![key.to_owned()]),
                ["paths"] => return plain(None, Vec::new()),
                ["paths", OPERATIONS] => {
                    let tokens = value
                        .and_then(paths::route)
                        .map(|(p, m)| vec![p.to_owned(), m.to_owned()])
                        .unwrap_or_default();
                    return plain(Some(format!("operation {key}")), tokens);
                }
                ["paths", OPERATIONS, _] if key == OPERATION => return plain(None, Vec::new()),
                ["paths", OPERATIONS, _] => return plain(Some(key.to_owned()), Vec::new()),
                ["paths", PATH_ITEMS] => {
                    return plain(Some(format!("path {key}")), vec![key.to_owned()])
                }
                _ => {}
            }
        }
        plain(Some(key.to_owned()), vec![key.to_owned()])
    }
}

/// Three-way merge of two sets: the existing order, minus what the source removed, plus
/// what it added.
fn set_merge(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = ours
        .iter()
        .filter(|v| !base.contains(v) || theirs.contains(v))
        .cloned()
        .collect();
    for v in theirs {
        if !base.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// The text form of a conflict list (`conflicts.txt`, the CLI's report):
///
/// ```text
/// conflict: operation GetUser / summary
///   --> apiDefinition.swagger.json #/paths/~1users/get/summary
///   base:     "Get a user"
///   existing: "Fetch one user"
///   source:   "Get user by id"
///   resolved: kept the existing value (--prefer existing)
/// ```
pub fn render_conflicts(conflicts: &[Conflict]) -> String {
    let mut out = String::new();
    let show = |v: &Option<Value>| {
        v.as_ref()
            .map(|v| serde_json::to_string(v).unwrap_or_default())
            .unwrap_or_else(|| "(absent)".to_owned())
    };
    for c in conflicts {
        let _ = writeln!(out, "conflict: {}", c.key);
        let _ = writeln!(out, "  --> {} #{}", c.file.name(), c.pointer);
        let _ = writeln!(out, "  base:     {}", show(&c.base));
        let _ = writeln!(out, "  existing: {}", show(&c.ours));
        let _ = writeln!(out, "  source:   {}", show(&c.theirs));
        let _ = match c.resolution {
            Some(Prefer::Source) => writeln!(out, "  resolved: took the source's value (--prefer source)"),
            Some(Prefer::Existing) => {
                writeln!(out, "  resolved: kept the existing value (--prefer existing)")
            }
            None => writeln!(out, "  unresolved: rerun with --prefer source or --prefer existing, or edit the connector"),
        };
    }
    let unresolved = conflicts.iter().filter(|c| c.resolution.is_none()).count();
    if !conflicts.is_empty() {
        let _ = writeln!(
            out,
            "\n{} conflict{}, {unresolved} unresolved",
            conflicts.len(),
            if conflicts.len() == 1 { "" } else { "s" }
        );
    }
    out
}
