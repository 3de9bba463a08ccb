//! State shared by the lowering steps: the document, the diagnostics sink, and `$ref`
//! resolution with loop detection.

use connectorize_ir::{pointer, Code, Diagnostic, Diagnostics, Extensions, Location, Origin};
use indexmap::IndexMap;
use serde_json::Value;

use crate::codes;
use crate::model::{Document, Version};
use crate::Options;

/// Longest `$ref` chain followed before giving up (a chain this long is a mistake).
const MAX_HOPS: usize = 64;

/// Lowering state. `'a` is the document's lifetime: resolved values borrow from it.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub options: &'a Options,
    /// Reading an existing connector: keep ids and spelling, never rebuild.
    pub faithful: bool,
    pub diagnostics: &'a mut Diagnostics,
    /// Pointers of the non-component schemas being inlined, to break cycles.
    pub inlining: Vec<String>,
    /// In faithful mode, members the IR cannot hold, by pointer, for `Api::layout.verbatim`.
    pub kept: IndexMap<String, Value>,
}

impl<'a> Context<'a> {
    pub fn version(&self) -> Version {
        self.doc.version
    }

    /// The location of `pointer` in the input, with line and column when known.
    /// The position is the node's own or, for a member the input lacks, its nearest parent's.
    pub fn location(&self, at: &str) -> Location {
        let location = Location::file(self.doc.file.clone()).at(at);
        let mut probe = at;
        loop {
            if let Some(&(line, column)) = self.doc.positions.get(probe) {
                return location.line_col(line, column);
            }
            match probe.rfind('/') {
                Some(slash) if slash > 0 => probe = &probe[..slash],
                _ => return location,
            }
        }
    }

    pub fn origin(&self, at: &str) -> Origin {
        Origin::new(self.doc.file.clone(), at)
    }

    /// Records a finding at `at`.
    pub fn report(&mut self, code: Code, at: &str, message: impl Into<String>) {
        let location = self.location(at);
        self.diagnostics
            .push(Diagnostic::new(code, message).at(location));
    }

    /// Records a finding with a help line.
    pub fn report_help(
        &mut self,
        code: Code,
        at: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let location = self.location(at);
        self.diagnostics
            .push(Diagnostic::new(code, message).at(location).help(help));
    }

    /// A member the IR cannot hold: reported as dropped or, when reading an existing connector
    /// back, kept verbatim for the backend to write back (then nothing is lost or reported).
    pub fn unmapped(&mut self, code: Code, at: &str, value: &Value, message: impl Into<String>) {
        if self.faithful {
            self.kept.insert(at.to_owned(), value.clone());
        } else {
            self.report(code, at, message);
        }
    }

    /// Runs `f` with findings discarded (used when a schema is lowered a second time only to
    /// inspect it, so its findings are not reported twice).
    pub fn quietly<T>(&mut self, f: impl FnOnce(&mut Context<'a>) -> T) -> T {
        let mut scratch = Diagnostics::new();
        std::mem::swap(self.diagnostics, &mut scratch);
        let out = f(self);
        std::mem::swap(self.diagnostics, &mut scratch);
        out
    }

    /// Looks up a local reference (`#/a/b`) without following further references.
    pub fn target(&self, reference: &str) -> Result<(&'a Value, String), RefProblem> {
        let Some(fragment) = reference.strip_prefix('#') else {
            return Err(RefProblem::External);
        };
        let fragment = percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(RefProblem::Missing);
        }
        self.doc
            .root
            .pointer(&fragment)
            .map(|value| (value, fragment))
            .ok_or(RefProblem::Missing)
    }

    /// Follows `value`'s `$ref` chain (if any) to a value that is not a reference, reporting
    /// external, missing and looping references. `None` when the chain cannot be followed.
    pub fn resolve(&mut self, value: &'a Value, at: &str) -> Option<(&'a Value, String)> {
        let mut current = (value, at.to_owned());
        let mut seen: Vec<String> = Vec::new();
        while let Some(reference) = ref_of(current.0) {
            let ref_at = pointer::push(&current.1, "$ref");
            if seen.iter().any(|s| s == reference) || seen.len() > MAX_HOPS {
                self.report(
                    codes::CIRCULAR_REF,
                    &ref_at,
                    format!("`$ref: {reference}` leads back to itself; the reference is dropped"),
                );
                return None;
            }
            seen.push(reference.to_owned());
            match self.target(reference) {
                Ok(next) => current = next,
                Err(problem) => {
                    self.report_ref_problem(problem, reference, &ref_at);
                    return None;
                }
            }
        }
        Some(current)
    }

    pub fn report_ref_problem(&mut self, problem: RefProblem, reference: &str, at: &str) {
        match problem {
            RefProblem::External => self.report_help(
                codes::EXTERNAL_REF,
                at,
                format!("`$ref: {reference}` points outside this document and is not followed; the referenced part is left out"),
                "bundle the document into one file (for example with `redocly bundle`) before converting",
            ),
            RefProblem::Missing => self.report(
                codes::UNRESOLVED_REF,
                at,
                format!("`$ref: {reference}` names nothing in this document; the referenced part is left out"),
            ),
        }
    }

    /// Copies every `x-` member of `object` verbatim.
    pub fn extensions(&self, object: &'a Value) -> Extensions {
        object
            .as_object()
            .map(|map| {
                map.iter()
                    .filter(|(k, _)| k.starts_with("x-"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A string member; numbers and booleans are converted with a finding (YAML reads an
    /// unquoted `1.0` as a number), other types are ignored with a finding.
    pub fn string(&mut self, object: &'a Value, key: &str, at: &str) -> Option<String> {
        let value = object.get(key)?;
        let member_at = pointer::push(at, key);
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(_) | Value::Bool(_) => {
                let text = value.to_string();
                self.report_help(
                    codes::WRONG_TYPE,
                    &member_at,
                    format!(
                        "`{key}` should be a string but is `{text}`; read as the text `{text}`"
                    ),
                    "quote the value (YAML reads an unquoted `1.10` as the number 1.1)",
                );
                Some(text)
            }
            Value::Null => {
                // A connector's `null` comes back as written.
                if self.faithful {
                    self.kept.insert(member_at, Value::Null);
                }
                None
            }
            _ => {
                self.unmapped(
                    codes::WRONG_TYPE,
                    &member_at,
                    value,
                    format!("`{key}` should be a string; ignored"),
                );
                None
            }
        }
    }

    /// A boolean member; anything else is reported and read as `false`.
    pub fn boolean(&mut self, object: &'a Value, key: &str, at: &str) -> bool {
        match object.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) if s == "true" || s == "false" => {
                self.report(
                    codes::WRONG_TYPE,
                    &pointer::push(at, key),
                    format!("`{key}` should be a boolean but is the text `{s}`; read as {s}"),
                );
                s == "true"
            }
            Some(other) => {
                self.unmapped(
                    codes::WRONG_TYPE,
                    &pointer::push(at, key),
                    other,
                    format!("`{key}` should be a boolean; read as false"),
                );
                false
            }
        }
    }

    /// An object member's entries, reporting a member of another type.
    pub fn entries(
        &mut self,
        object: &'a Value,
        key: &str,
        at: &str,
    ) -> Vec<(&'a String, &'a Value)> {
        match object.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(map)) => map.iter().collect(),
            Some(other) => {
                self.unmapped(
                    codes::WRONG_TYPE,
                    &pointer::push(at, key),
                    other,
                    format!("`{key}` should be an object; ignored"),
                );
                Vec::new()
            }
        }
    }

    /// An array member's items, reporting a member of another type.
    pub fn items(&mut self, object: &'a Value, key: &str, at: &str) -> &'a [Value] {
        match object.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.unmapped(
                    codes::WRONG_TYPE,
                    &pointer::push(at, key),
                    other,
                    format!("`{key}` should be a list; ignored"),
                );
                &[]
            }
        }
    }

    /// A list of strings (`consumes`, `tags`, `schemes`), skipping and reporting other items.
    pub fn strings(&mut self, object: &'a Value, key: &str, at: &str) -> Vec<String> {
        let list_at = pointer::push(at, key);
        let mut out = Vec::new();
        for (index, item) in self.items(object, key, at).iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.clone()),
                _ => self.report(
                    codes::WRONG_TYPE,
                    &pointer::push(&list_at, &index.to_string()),
                    format!("items of `{key}` should be strings; ignored"),
                ),
            }
        }
        out
    }
}

/// Why a reference could not be followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefProblem {
    External,
    Missing,
}

/// The `$ref` string of an object, if it has one.
pub fn ref_of(value: &Value) -> Option<&str> {
    value.get("$ref").and_then(Value::as_str)
}

/// Decodes one RFC 6901 reference token.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Decodes `%XX` escapes of a URI fragment (`#/paths/~1users~1%7Bid%7D`).
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes_in_fragments() {
        assert_eq!(percent_decode("/paths/~1a~1%7Bid%7D"), "/paths/~1a~1{id}");
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
    }
}
