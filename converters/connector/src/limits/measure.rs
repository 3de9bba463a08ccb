//! Minified sizes of definition fragments. Each fragment is measured once; the size of any
//! document assembled from fragments is then a sum: an object is its braces, its
//! members (`"key":value`) and the commas between them.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::graph::Graph;
use crate::emit::examples;
use crate::emit::fragments::Fragments;
use crate::emit::schema::Examples;

/// A writer that only counts.
struct ByteCounter(usize);

impl std::io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Minified JSON size of a value, exactly as `serde_json` writes it. Worked out by walking the
/// value rather than by serializing it to a counter: measuring is most of what trimming and
/// splitting do, and the walk takes a fraction of the time.
pub(crate) fn bytes(value: &Value) -> usize {
    match value {
        Value::Null => 4,
        Value::Bool(true) => 4,
        Value::Bool(false) => 5,
        Value::Number(n) => {
            let mut counter = ByteCounter(0);
            serde_json::to_writer(&mut counter, n).map_or(usize::MAX, |()| counter.0)
        }
        Value::String(s) => string(s),
        Value::Array(items) => container(items.iter().map(bytes).sum(), items.len()),
        Value::Object(members) => container(
            members.iter().map(|(k, v)| member(k, bytes(v))).sum(),
            members.len(),
        ),
    }
}

/// Minified JSON size of a string: its quotes, its bytes, and what escaping adds (`\"`, `\\`,
/// `\n` and the like take two bytes, other control characters six, as `\u001f`).
pub(crate) fn string(s: &str) -> usize {
    let escaped = |b: &u8| *b < 0x20 || *b == b'"' || *b == b'\\';
    // Most strings need no escape; counting them first is a loop the compiler vectorizes.
    if s.as_bytes().iter().filter(|b| escaped(b)).count() == 0 {
        return 2 + s.len();
    }
    let extra: usize = s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | 0x08 | 0x09 | 0x0a | 0x0c | 0x0d => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    2 + s.len() + extra
}

/// A writer that counts up to a limit and fails past it.
struct Capped {
    count: usize,
    limit: usize,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.count += buf.len();
        if self.count > self.limit {
            return Err(std::io::ErrorKind::FileTooLarge.into());
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether a value's minified size is over `limit` bytes. It stops serializing as soon as it
/// is: deciding that a 100 kB example is over 1 kB reads only its first kilobyte.
pub(crate) fn exceeds(value: &(impl Serialize + ?Sized), limit: usize) -> bool {
    let mut capped = Capped { count: 0, limit };
    serde_json::to_writer(&mut capped, value).is_err()
}

/// Size of `"key":value` for a value of `value` bytes.
pub(crate) fn member(key: &str, value: usize) -> usize {
    string(key) + 1 + value
}

/// Size of an object (or array) whose `count` members (or items) add up to `sum` bytes.
pub(crate) fn container(sum: usize, count: usize) -> usize {
    2 + sum + count.saturating_sub(1)
}

/// An operation's measurements: its rendered value, where with [`Examples::Deferred`] each
/// placeholder counts as `null`, and each deferred example, in [`examples::deferred`] order.
/// Trimming keeps them up to date ([`examples::prune`]) instead of measuring again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Measured {
    pub(crate) rendered: usize,
    pub(crate) examples: Vec<usize>,
}

impl Measured {
    pub(crate) fn new(
        op: &connectorize_ir::Operation,
        rendered: &serde_json::Value,
        mode: Examples,
    ) -> Self {
        let mut examples = Vec::new();
        if mode == Examples::Deferred {
            examples::deferred(op, |example| examples.push(bytes(example)));
        }
        Measured {
            rendered: bytes(rendered),
            examples,
        }
    }

    /// The operation as written, as a member of its path item (`"get":{...}`).
    fn member(&self, method: &str) -> usize {
        let examples: usize = self.examples.iter().sum();
        member(
            method,
            self.rendered + examples - NULL * self.examples.len(),
        )
    }
}

/// Size of `null`, the placeholder of a deferred example.
const NULL: usize = 4;

/// The members of a definition that every part holds the same: key and member size.
pub(crate) type Members = Vec<(String, usize)>;

/// Member sizes of every fragment of an API's definition, by the index of its item.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sizes {
    /// Each operation as a member of its path item (`"get":{...}`).
    pub(crate) operations: Vec<usize>,
    /// Each operation's measurements, which `operations` is worked out from.
    pub(crate) measured: Vec<Measured>,
    /// Each path's key, by [`Graph`] path id, colon excluded.
    pub(crate) path_keys: Vec<usize>,
    /// Each entry of `path_extensions`: its members.
    pub(crate) path_extensions: Vec<Members>,
    /// Each named schema as a member of `definitions`.
    pub(crate) schemas: Vec<usize>,
    /// Each shared parameter as a member of `parameters`.
    pub(crate) shared_parameters: Vec<usize>,
    /// Each shared response as a member of `responses`.
    pub(crate) shared_responses: Vec<usize>,
    /// Each tag as an item of `tags`.
    pub(crate) tags: Vec<usize>,
    /// `swagger`, the server and media type members, `securityDefinitions` and `security`.
    pub(crate) fixed: Members,
    /// `x-ms-connector-metadata` and the root extensions, written where their key is free.
    pub(crate) tail: Members,
}

impl Sizes {
    /// Measures every fragment once.
    pub(crate) fn new(api: &connectorize_ir::Api, graph: &Graph, fragments: &Fragments) -> Self {
        let measured: Vec<Measured> = api
            .operations
            .par_iter()
            .zip(fragments.operations.values())
            .map(|(op, v)| Measured::new(op, v, fragments.examples))
            .collect();
        Self::with_operations(api, graph, fragments, measured)
    }

    /// [`Sizes::new`], given the operations' measurements (taken as they were rendered,
    /// [`Fragments::render_deferred_inspecting`]).
    pub(crate) fn with_operations(
        api: &connectorize_ir::Api,
        graph: &Graph,
        fragments: &Fragments,
        measured: Vec<Measured>,
    ) -> Self {
        let named = |keys: Vec<&String>, values: &[serde_json::Value]| -> Vec<usize> {
            keys.into_iter()
                .zip(values)
                .map(|(k, v)| member(k, bytes(v)))
                .collect()
        };
        let members = |list: &[(String, serde_json::Value)]| -> Members {
            list.iter()
                .map(|(k, v)| (k.clone(), member(k, bytes(v))))
                .collect()
        };
        let mut fixed = vec![("swagger".to_string(), member("swagger", string("2.0")))];
        fixed.extend(members(&fragments.server));
        fixed.extend(members(&fragments.security));
        Sizes {
            operations: api
                .operations
                .iter()
                .zip(&measured)
                .map(|(op, m)| m.member(op.method.as_lower()))
                .collect(),
            measured,
            path_keys: graph.paths.iter().map(|p| string(p)).collect(),
            path_extensions: api
                .path_extensions
                .values()
                .map(|extensions| {
                    extensions
                        .iter()
                        .map(|(k, v)| (k.clone(), member(k, bytes(v))))
                        .collect()
                })
                .collect(),
            schemas: named(api.schemas.keys().collect(), fragments.schemas.values()),
            shared_parameters: named(
                api.shared_parameters.keys().collect(),
                fragments.shared_parameters.values(),
            ),
            shared_responses: named(
                api.shared_responses.keys().collect(),
                fragments.shared_responses.values(),
            ),
            tags: fragments.tags.values().iter().map(bytes).collect(),
            fixed,
            tail: members(&fragments.tail),
        }
    }

    /// Takes in changes to the operations `changed` and the named schemas `schemas`: those in
    /// `unmeasured` (some of `changed`) are measured again, the others' measurements were kept
    /// up to date.
    pub(crate) fn update(
        &mut self,
        api: &connectorize_ir::Api,
        fragments: &Fragments,
        changed: &[usize],
        unmeasured: &[usize],
        schemas: &[usize],
    ) {
        let measured: Vec<Measured> = unmeasured
            .par_iter()
            .map(|&i| {
                let rendered = &fragments.operations.values()[i];
                Measured::new(&api.operations[i], rendered, fragments.examples)
            })
            .collect();
        for (&i, m) in unmeasured.iter().zip(measured) {
            self.measured[i] = m;
        }
        for &i in changed.iter().chain(unmeasured) {
            self.operations[i] = self.measured[i].member(api.operations[i].method.as_lower());
        }
        for &i in schemas {
            if let Some((name, _)) = api.schemas.get_index(i) {
                self.schemas[i] = member(name, bytes(&fragments.schemas.values()[i]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_measure_as_serde_json_writes_them() {
        let every_byte: String = (0u8..=0x7f).map(char::from).collect();
        let values = [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(0.1),
            json!(-0.0),
            json!(1e300),
            json!(2.5e-8),
            json!(""),
            json!(every_byte),
            json!("héllo \u{2028} 😀 \"quoted\" back\\slash\ttab"),
            json!([]),
            json!({}),
            json!([1, [2, [3, {"a": []}]], "x"]),
            json!({"k\n": {"nested": [null, {"\u{1}": "\u{1f}"}]}, "": 1.5}),
        ];
        for value in values {
            let written = serde_json::to_vec(&value).unwrap().len();
            assert_eq!(bytes(&value), written, "{value}");
            if let Value::String(s) = &value {
                assert_eq!(string(s), written, "{value}");
            }
        }
    }

    #[test]
    fn containers_add_braces_members_and_commas() {
        let doc = json!({"a": [1, 22], "b\"": {}});
        let items = [bytes(&json!(1)), bytes(&json!(22))];
        let a = member("a", container(items.iter().sum(), items.len()));
        let b = member("b\"", container(0, 0));
        assert_eq!(container(a + b, 2), serde_json::to_vec(&doc).unwrap().len());
    }
}
