//! A tolerant serde model of Postman collections v2.0 and v2.1.
//!
//! Real exports drift from the schema (see `postman-format.md` §15): scalars of the wrong type,
//! `null` where arrays belong, strings where objects belong, unknown enum values. The model
//! therefore never uses closed enums, reads every "string" through [`text`] (which accepts any
//! scalar), every list through [`list`] (which accepts `null`) and keeps free-form parts as
//! [`Value`]. Field names follow the Postman schema.

use indexmap::IndexMap;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Any scalar as text; objects, arrays and `null` as `None`.
///
/// Reads exactly what `Value` would read (the same structures, with the same limits and
/// errors) without building a `Value` for a scalar and copying its text again.
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct TextVisitor;
    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any valid JSON value")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(serde_json::Number::from(v).to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(serde_json::Number::from(v).to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(serde_json::Number::from_f64(v).map(|n| n.to_string()))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Value::deserialize(SeqAccessDeserializer::new(seq)).map(|_| None)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Value::deserialize(MapAccessDeserializer::new(map)).map(|_| None)
        }
    }
    deserializer.deserialize_any(TextVisitor)
}

/// The text of a scalar JSON value.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list that may be `null`, or a single entry given without the array; entries that are
/// not objects are skipped.
///
/// Streams the entries: an untagged enum would buffer the whole list first, and `item` lists
/// hold the entire collection (several times its size in memory, once per folder level).
fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ListVisitor<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of objects")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(Lenient(entry)) = seq.next_element::<Lenient<T>>()? {
                out.extend(entry);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map)).map(|one| vec![one])
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    deserializer.deserialize_any(ListVisitor(PhantomData))
}

/// One list entry: an object read as `T`, anything else skipped without buffering.
struct Lenient<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for EntryVisitor<T> {
            type Value = Lenient<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|t| Lenient(Some(t)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
        }
        deserializer.deserialize_any(EntryVisitor(PhantomData))
    }
}

/// One entry of an `item` list read on its own, exactly as [`list`] reads it in place: an
/// object is an [`Item`], anything else is skipped (`None`).
pub fn item_entry(text: &str) -> Result<Option<Item>, serde_json::Error> {
    serde_json::from_str::<Lenient<Item>>(text).map(|Lenient(item)| item)
}

/// `true` only for JSON `true` (or the string `"true"`); anything else is `false`.
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Bool(b) => b,
        Value::String(s) => s.eq_ignore_ascii_case("true"),
        _ => false,
    })
}

/// The top level of a file: a collection, the `{"collection": …}` envelope, or a v1 file.
#[derive(Debug, Default, Deserialize)]
pub struct Document {
    /// Collection metadata (absent in the envelope and in v1).
    #[serde(default)]
    pub info: Option<Info>,
    /// Items; `None` distinguishes "no `item` key" from an empty list.
    #[serde(default, deserialize_with = "optional_list")]
    pub item: Option<Vec<Item>>,
    /// Collection scripts.
    #[serde(default, deserialize_with = "list")]
    pub event: Vec<Event>,
    /// Collection variables.
    #[serde(default, deserialize_with = "list")]
    pub variable: Vec<Variable>,
    /// Collection default auth.
    #[serde(default)]
    pub auth: Option<Auth>,
    /// The Postman API envelope.
    #[serde(default)]
    pub collection: Option<Box<Document>>,
    /// v1 marker.
    #[serde(default)]
    pub requests: Option<Value>,
    /// v1 marker.
    #[serde(default)]
    pub order: Option<Value>,
}

fn optional_list<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    list(deserializer).map(Some)
}

/// `info`.
#[derive(Debug, Default, Deserialize)]
pub struct Info {
    /// Collection name.
    #[serde(default, deserialize_with = "text")]
    pub name: Option<String>,
    /// Schema URL.
    #[serde(default, deserialize_with = "text")]
    pub schema: Option<String>,
    /// Schema URL as the SDK example writes it.
    #[serde(default, rename = "_postman_schema", deserialize_with = "text")]
    pub postman_schema: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<Description>,
    /// A string or `{major, minor, patch}`.
    #[serde(default)]
    pub version: Option<Value>,
}

/// A description: a string, `{content, type}`, or anything else (ignored).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Description {
    /// Plain string.
    Text(String),
    /// `{content: …}`.
    Object {
        /// The text.
        #[serde(default, deserialize_with = "text")]
        content: Option<String>,
    },
    /// Anything else.
    /// (Skipped without being stored.)
    Other(#[allow(dead_code)] serde::de::IgnoredAny),
}

impl Description {
    /// The text, trimmed, when non-empty.
    pub fn text(&self) -> Option<String> {
        let text = match self {
            Description::Text(s) => s.as_str(),
            Description::Object { content: Some(s) } => s.as_str(),
            _ => return None,
        };
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }
}

/// Text of an optional description.
pub fn describe(description: &Option<Description>) -> Option<String> {
    description.as_ref().and_then(Description::text)
}

/// An item: a folder when it has an `item` list, otherwise a request.
#[derive(Debug, Default, Deserialize)]
pub struct Item {
    /// Name.
    #[serde(default, deserialize_with = "text")]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<Description>,
    /// Children (folders only).
    #[serde(default, deserialize_with = "optional_list")]
    pub item: Option<Vec<Item>>,
    /// The request (requests only).
    #[serde(default)]
    pub request: Option<Request>,
    /// Saved examples.
    #[serde(default, deserialize_with = "list")]
    pub response: Vec<Example>,
    /// Scoped variables.
    #[serde(default, deserialize_with = "list")]
    pub variable: Vec<Variable>,
    /// Scripts.
    #[serde(default, deserialize_with = "list")]
    pub event: Vec<Event>,
    /// Folder auth.
    #[serde(default)]
    pub auth: Option<Auth>,
}

/// A request: a URL string (GET) or an object.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Request {
    /// Just the URL.
    Url(String),
    /// The full form.
    Object(Box<RequestObject>),
    /// Anything else (treated as no request).
    /// (Skipped without being stored.)
    Other(#[allow(dead_code)] serde::de::IgnoredAny),
}

/// The object form of a request.
#[derive(Debug, Default, Deserialize)]
pub struct RequestObject {
    /// URL.
    #[serde(default)]
    pub url: Option<Url>,
    /// Method; absent means GET.
    #[serde(default, deserialize_with = "text")]
    pub method: Option<String>,
    /// Headers.
    #[serde(default)]
    pub header: Option<Headers>,
    /// Body.
    #[serde(default)]
    pub body: Option<Body>,
    /// Auth; `None` or typeless means inherit.
    #[serde(default)]
    pub auth: Option<Auth>,
    /// Description.
    #[serde(default)]
    pub description: Option<Description>,
}

/// A URL: raw text or the parsed object.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Url {
    /// Raw text.
    Text(String),
    /// Parsed parts.
    Object(Box<UrlObject>),
    /// Anything else (no URL).
    /// (Skipped without being stored.)
    Other(#[allow(dead_code)] serde::de::IgnoredAny),
}

/// The object form of a URL.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UrlObject {
    /// The URL as typed.
    #[serde(default, deserialize_with = "text")]
    pub raw: Option<String>,
    /// Scheme.
    #[serde(default, deserialize_with = "text")]
    pub protocol: Option<String>,
    /// Host as a string or dot-split labels.
    #[serde(default)]
    pub host: Option<Value>,
    /// Port.
    #[serde(default, deserialize_with = "text")]
    pub port: Option<String>,
    /// Path as a string or segments (strings or `{value}` objects).
    #[serde(default)]
    pub path: Option<Value>,
    /// Query parameters.
    #[serde(default, deserialize_with = "list")]
    pub query: Vec<QueryParam>,
    /// Path variable values.
    #[serde(default, deserialize_with = "list")]
    pub variable: Vec<Variable>,
}

/// One query parameter.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct QueryParam {
    /// Name (may be null).
    #[serde(default, deserialize_with = "text")]
    pub key: Option<String>,
    /// Value (may be null).
    #[serde(default, deserialize_with = "text")]
    pub value: Option<String>,
    /// Documented but not sent.
    #[serde(default, deserialize_with = "flag")]
    pub disabled: bool,
    /// Description.
    #[serde(default)]
    pub description: Option<Description>,
}

/// Headers: a list of entries or a raw `Key: Value` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Headers {
    /// Entries (objects or `Key: Value` strings).
    List(Vec<HeaderEntry>),
    /// A raw block.
    Text(String),
    /// Anything else.
    /// (Skipped without being stored.)
    Other(#[allow(dead_code)] serde::de::IgnoredAny),
}

/// One header entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum HeaderEntry {
    /// The object form.
    Object(Header),
    /// `Key: Value`.
    Text(String),
    /// Anything else.
    /// (Skipped without being stored.)
    Other(#[allow(dead_code)] serde::de::IgnoredAny),
}

/// A header.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Header {
    /// Name.
    #[serde(default, deserialize_with = "text")]
    pub key: Option<String>,
    /// Value.
    #[serde(default, deserialize_with = "text")]
    pub value: Option<String>,
    /// Documented but not sent.
    #[serde(default, deserialize_with = "flag")]
    pub disabled: bool,
    /// Description.
    #[serde(default)]
    pub description: Option<Description>,
}

impl Headers {
    /// The headers as objects, in order; a raw block is split into lines.
    pub fn entries(&self) -> Vec<Header> {
        let from_line = |line: &str| {
            let (key, value) = line.split_once(':')?;
            let key = key.trim();
            let (key, disabled) = match key.strip_prefix("//") {
                Some(rest) => (rest.trim(), true),
                None => (key, false),
            };
            (!key.is_empty()).then(|| Header {
                key: Some(key.to_string()),
                value: Some(value.trim().to_string()),
                disabled,
                description: None,
            })
        };
        match self {
            Headers::List(entries) => entries
                .iter()
                .filter_map(|entry| match entry {
                    HeaderEntry::Object(header) => Some(header.clone()),
                    HeaderEntry::Text(line) => from_line(line),
                    HeaderEntry::Other(_) => None,
                })
                .collect(),
            Headers::Text(block) => block.lines().filter_map(from_line).collect(),
            Headers::Other(_) => Vec::new(),
        }
    }
}

/// A request body.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Body {
    /// `raw`, `urlencoded`, `formdata`, `file`, `graphql` or absent.
    #[serde(default, deserialize_with = "text")]
    pub mode: Option<String>,
    /// Raw text.
    #[serde(default, deserialize_with = "text")]
    pub raw: Option<String>,
    /// `{raw: {language}}`.
    #[serde(default)]
    pub options: Option<Value>,
    /// URL-encoded fields.
    #[serde(default, deserialize_with = "list")]
    pub urlencoded: Vec<FormParam>,
    /// Multipart fields.
    #[serde(default, deserialize_with = "list")]
    pub formdata: Vec<FormParam>,
    /// Binary file body.
    #[serde(default)]
    pub file: Option<Value>,
    /// `{query, variables}`.
    #[serde(default)]
    pub graphql: Option<Value>,
    /// Not sent.
    #[serde(default, deserialize_with = "flag")]
    pub disabled: bool,
}

impl Body {
    /// `options.raw.language`, lower-cased.
    pub fn language(&self) -> Option<String> {
        self.options
            .as_ref()?
            .get("raw")?
            .get("language")?
            .as_str()
            .map(str::to_ascii_lowercase)
    }
}

/// A URL-encoded or multipart field.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FormParam {
    /// Name.
    #[serde(default, deserialize_with = "text")]
    pub key: Option<String>,
    /// Text value.
    #[serde(default, deserialize_with = "text")]
    pub value: Option<String>,
    /// `text` or `file`.
    #[serde(default, rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    /// File source(s); present on file fields.
    #[serde(default)]
    pub src: Option<Value>,
    /// Not sent.
    #[serde(default, deserialize_with = "flag")]
    pub disabled: bool,
    /// Description.
    #[serde(default)]
    pub description: Option<Description>,
}

/// Auth settings: a type and that type's parameters (array in v2.1, map in v2.0).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Auth {
    /// The type; a missing type means "inherit".
    #[serde(default, rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    /// Every other key, among them the parameters under the type's name.
    #[serde(flatten)]
    pub rest: IndexMap<String, Value>,
}

impl Auth {
    /// The parameters of the auth's own type as `(key, value)` pairs, whichever shape they have.
    pub fn params(&self) -> Vec<(String, Value)> {
        let Some(kind) = &self.kind else {
            return Vec::new();
        };
        match self.rest.get(kind) {
            Some(Value::Array(entries)) => entries
                .iter()
                .filter_map(|entry| {
                    let key = entry.get("key").and_then(Value::as_str)?;
                    Some((
                        key.to_string(),
                        entry.get("value").cloned().unwrap_or(Value::Null),
                    ))
                })
                .collect(),
            Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => Vec::new(),
        }
    }

    /// One parameter's text value.
    pub fn param(&self, key: &str) -> Option<String> {
        self.params()
            .into_iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| scalar_text(&v))
    }
}

/// A variable (collection, folder, item, URL or environment).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Variable {
    /// Name (v2.1).
    #[serde(default, deserialize_with = "text")]
    pub key: Option<String>,
    /// Name (older files).
    #[serde(default, deserialize_with = "text")]
    pub id: Option<String>,
    /// Value.
    #[serde(default)]
    pub value: Option<Value>,
    /// `string`, `secret`, `default`, …
    #[serde(default, rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    /// Ignored when resolving.
    #[serde(default, deserialize_with = "flag")]
    pub disabled: bool,
    /// Description.
    #[serde(default)]
    pub description: Option<Description>,
}

impl Variable {
    /// `key`, else `id`.
    pub fn name(&self) -> Option<&str> {
        self.key
            .as_deref()
            .or(self.id.as_deref())
            .filter(|n| !n.is_empty())
    }

    /// The value as text (`null` and structures give `None`).
    pub fn text(&self) -> Option<String> {
        self.value.as_ref().and_then(scalar_text)
    }
}

/// A script hook.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Event {
    /// `prerequest` or `test`.
    #[serde(default, deserialize_with = "text")]
    pub listen: Option<String>,
    /// A script object or a string.
    #[serde(default)]
    pub script: Option<Value>,
    /// Not run.
    #[serde(default, deserialize_with = "flag")]
    pub disabled: bool,
}

impl Event {
    /// The script source, lines joined; empty when there is none.
    pub fn source(&self) -> String {
        let exec = match &self.script {
            Some(Value::String(s)) => return s.clone(),
            Some(script) => script.get("exec"),
            None => None,
        };
        match exec {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(lines)) => lines
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        }
    }
}

/// Response headers that describe the transport rather than the API. They are dropped while
/// parsing because they make up much of a saved example (`Content-Type` is kept: it gives the
/// media type).
const TRANSPORT_HEADERS: &[&str] = &[
    "content-length",
    "date",
    "connection",
    "server",
    "transfer-encoding",
    "keep-alive",
    "vary",
    "set-cookie",
    "content-encoding",
    "cache-control",
    "expires",
    "pragma",
    "age",
    "via",
    "strict-transport-security",
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-headers",
    "access-control-allow-methods",
    "access-control-expose-headers",
    "x-content-type-options",
    "x-frame-options",
    "x-xss-protection",
    "content-security-policy",
    "referrer-policy",
    "etag",
    "last-modified",
    "alt-svc",
    "cf-ray",
    "nel",
    "report-to",
];

fn example_headers<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Header>, D::Error> {
    let headers = Option::<Headers>::deserialize(deserializer)?;
    Ok(headers
        .map(|h| h.entries())
        .unwrap_or_default()
        .into_iter()
        .filter(|h| {
            h.key.as_deref().is_some_and(|k| {
                !TRANSPORT_HEADERS.contains(&k.trim().to_ascii_lowercase().as_str())
            })
        })
        .collect())
}

/// The parts of a saved example's original request that add samples; the rest is dropped
/// while parsing (large collections hold one per example).
#[derive(Debug, Default)]
pub struct OriginalRequest {
    /// Query parameters.
    pub query: Vec<QueryParam>,
    /// Body.
    pub body: Option<Body>,
    /// Its `Content-Type` header.
    pub content_type: Option<String>,
}

fn original_request<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<OriginalRequest>, D::Error> {
    let Some(Request::Object(request)) = Option::<Request>::deserialize(deserializer)? else {
        return Ok(None);
    };
    let request = *request;
    let content_type = request
        .header
        .as_ref()
        .map(Headers::entries)
        .unwrap_or_default()
        .into_iter()
        .filter(|h| !h.disabled)
        .find(|h| {
            h.key
                .as_deref()
                .is_some_and(|k| k.trim().eq_ignore_ascii_case("content-type"))
        })
        .and_then(|h| h.value);
    Ok(Some(OriginalRequest {
        query: request
            .url
            .as_ref()
            .and_then(crate::url::parts)
            .map(|p| p.query)
            .unwrap_or_default(),
        body: request.body,
        content_type,
    }))
}

/// A saved response example.
#[derive(Debug, Default, Deserialize)]
pub struct Example {
    /// Title.
    #[serde(default, deserialize_with = "text")]
    pub name: Option<String>,
    /// Reason phrase.
    #[serde(default, deserialize_with = "text")]
    pub status: Option<String>,
    /// Status code (number or numeric string).
    #[serde(default, deserialize_with = "text")]
    pub code: Option<String>,
    /// Headers (read from a list, strings, a raw block or null), transport headers dropped.
    #[serde(default, deserialize_with = "example_headers")]
    pub header: Vec<Header>,
    /// Body text.
    #[serde(default, deserialize_with = "text")]
    pub body: Option<String>,
    /// What the request that produced the example adds (its query and body are extra samples).
    #[serde(
        default,
        rename = "originalRequest",
        deserialize_with = "original_request"
    )]
    pub original_request: Option<OriginalRequest>,
    /// Postman's guess of the body language.
    #[serde(
        default,
        rename = "_postman_previewlanguage",
        deserialize_with = "text"
    )]
    pub preview_language: Option<String>,
}
