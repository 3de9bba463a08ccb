//! A small JSON parser that remembers where every value and key starts.
//!
//! Every finding must name a line and column, and `serde_json::Value` forgets positions, so
//! the validator parses once into its own tree. The parser is strict JSON (RFC 8259) apart
//! from a leading byte-order mark, which paconn also tolerates. It also measures the
//! document's minified size on the way, which is how the 1 MB limit is judged.
//!
//! The tree borrows from the text: keys, strings and numbers without escapes (nearly all of
//! them) are slices of it, and positions are byte offsets turned into lines and columns only
//! for findings (`position`). A connector is re-read after every conversion, so this keeps
//! validation a small share of `convert`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};

use crate::position::strip_bom;
pub use crate::position::Pos;

/// A parsed value and where it starts.
#[derive(Debug)]
pub struct Node<'a> {
    /// The value.
    pub value: Value<'a>,
    /// Where its first character is.
    pub pos: Pos,
}

/// A JSON value whose children keep their positions.
#[derive(Debug)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, with its text kept so integers are told from fractions.
    Number(Number<'a>),
    /// A string (borrowed from the text unless it has escapes).
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object, members in document order (duplicates kept).
    Object(Vec<Member<'a>>),
}

/// A JSON number.
#[derive(Debug)]
pub struct Number<'a> {
    /// The number as written.
    pub text: &'a str,
    /// Its value.
    pub value: f64,
}

impl Number<'_> {
    /// Whether it is written without a fraction or exponent.
    pub fn is_integer(&self) -> bool {
        !self.text.contains(['.', 'e', 'E'])
    }
}

/// One `"key": value` pair of an object.
#[derive(Debug)]
pub struct Member<'a> {
    /// The key, unescaped (borrowed from the text unless it has escapes).
    pub key: Cow<'a, str>,
    /// Where the key's opening quote is.
    pub key_pos: Pos,
    /// The value.
    pub value: Node<'a>,
}

/// A syntax error and where it is.
#[derive(Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub pos: Pos,
}

/// A parsed document.
#[derive(Debug)]
pub struct Document<'a> {
    /// The root value.
    pub root: Node<'a>,
    /// Size in bytes without insignificant whitespace (and without a BOM).
    pub minified_len: usize,
    /// Keys that appear twice in one object: the later key's position, the key, its pointer.
    pub duplicate_keys: Vec<(Pos, String, String)>,
}

/// How deep arrays and objects may nest before the parser gives up (stack safety).
const MAX_DEPTH: usize = 256;

/// Objects with fewer members than this find a repeated key by comparing it with the
/// earlier ones, which is cheaper than hashing; larger objects hash their keys.
const LINEAR_KEY_SCAN: usize = 16;

/// Parses `text` (a leading BOM is skipped; positions count from after it).
pub fn parse(text: &str) -> Result<Document<'_>, SyntaxError> {
    let body = strip_bom(text);
    let mut parser = Parser {
        text: body,
        bytes: body.as_bytes(),
        at: 0,
        whitespace: 0,
        path: Vec::new(),
        duplicates: Vec::new(),
        hasher: RandomState::new(),
        items: Vec::new(),
        members: Vec::new(),
    };
    parser.skip_whitespace();
    let root = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("unexpected text after the end of the JSON document"));
    }
    let duplicate_keys = std::mem::take(&mut parser.duplicates)
        .into_iter()
        .map(|(pos, key, path)| (pos, key, pointer_of(&root, &path)))
        .collect();
    Ok(Document {
        root,
        minified_len: body.len() - parser.whitespace,
        duplicate_keys,
    })
}

/// The JSON pointer of the node reached from `root` by child indices (member order for
/// objects). Pointers are built only for the few places that need one, not for every node.
fn pointer_of(root: &Node<'_>, path: &[usize]) -> String {
    let mut pointer = String::new();
    let mut node = root;
    for &index in path {
        match &node.value {
            Value::Object(members) => match members.get(index) {
                Some(member) => {
                    pointer = connectorize_ir::pointer::push(&pointer, &member.key);
                    node = &member.value;
                }
                None => break,
            },
            Value::Array(items) => match items.get(index) {
                Some(item) => {
                    pointer = format!("{pointer}/{index}");
                    node = item;
                }
                None => break,
            },
            _ => break,
        }
    }
    pointer
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    whitespace: usize,
    /// Child indices from the root to the value being parsed.
    path: Vec<usize>,
    /// Repeated keys: position, key, and the path to the later member.
    duplicates: Vec<(Pos, String, Vec<usize>)>,
    hasher: RandomState,
    /// The items of the arrays being parsed, innermost last; each array is moved out into
    /// a vector of its exact size when it ends, so growing happens here, not per array.
    items: Vec<Node<'a>>,
    /// The same for the members of the objects being parsed.
    members: Vec<Member<'a>>,
}

impl<'a> Parser<'a> {
    fn pos(&self) -> Pos {
        Pos(self.at)
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            pos: self.pos(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Advances one byte (never past the end).
    fn bump(&mut self) {
        if self.at < self.bytes.len() {
            self.at += 1;
        }
    }

    fn skip_whitespace(&mut self) {
        let start = self.at;
        loop {
            // Pretty-printed files are mostly indentation: runs of spaces go eight at a time.
            while self.bytes.get(self.at..self.at + 8) == Some(b"        ") {
                self.at += 8;
            }
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                _ => break,
            }
        }
        self.whitespace += self.at - start;
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(format!("expected {what}")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!(
                "values are nested more than {MAX_DEPTH} levels deep"
            )));
        }
        let pos = self.pos();
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(_) => return Err(self.error("expected a JSON value")),
            None => return Err(self.error("unexpected end of the document")),
        };
        Ok(Node { value, pos })
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<Number<'a>, SyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            self.digits();
        }
        // Only ASCII was consumed, so the slice is on character boundaries.
        let text = self.text.get(start..self.at).unwrap_or_default();
        let value = text.parse::<f64>().unwrap_or(f64::NAN);
        Ok(Number { text, value })
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.bump();
        }
    }

    /// Skips plain string characters (no quote, backslash or control character).
    fn plain_run(&mut self) {
        let rest = &self.bytes[self.at..];
        self.at += rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.bump(); // opening quote
        let start = self.at;
        self.plain_run();
        if self.peek() == Some(b'"') {
            // No escapes: the string is the text between the quotes (which are ASCII, so
            // the slice is on character boundaries).
            let text = self.text.get(start..self.at).unwrap_or_default();
            self.bump();
            return Ok(Cow::Borrowed(text));
        }
        let mut out = self.bytes[start..self.at].to_vec();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.bump();
                    break;
                }
                Some(b'\\') => {
                    self.bump();
                    let simple = match self.peek() {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'/') => Some('/'),
                        Some(b'b') => Some('\u{8}'),
                        Some(b'f') => Some('\u{c}'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        Some(b'u') => None,
                        _ => return Err(self.error("invalid escape sequence in a string")),
                    };
                    self.bump();
                    let escaped = match simple {
                        Some(c) => c,
                        None => self.unicode_escape()?,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(escaped.encode_utf8(&mut buf).as_bytes());
                }
                Some(_) => {
                    // Only a control character stops a run and is none of the above.
                    return Err(self.error("control character inside a string; escape it"));
                }
            }
            let run = self.at;
            self.plain_run();
            out.extend_from_slice(&self.bytes[run..self.at]);
        }
        // The input is a &str and escapes are encoded as UTF-8, so this never loses text.
        Ok(Cow::Owned(String::from_utf8(out).unwrap_or_else(|e| {
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        })))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error("expected four hex digits after \\u"))?;
            code = code * 16 + digit;
            self.bump();
        }
        Ok(code)
    }

    /// Reads the digits after `\u`, joining surrogate pairs; lone surrogates become U+FFFD.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u") {
            let save = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            self.at = save;
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.bump();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Value::Array(Vec::new()));
        }
        let base = self.items.len();
        loop {
            self.path.push(self.items.len() - base);
            let item = self.value(depth + 1);
            self.path.pop();
            self.items.push(item?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma before ']'"));
                    }
                }
                Some(b']') => {
                    self.bump();
                    return Ok(Value::Array(self.items.drain(base..).collect()));
                }
                _ => return Err(self.error("expected ',' or ']' in an array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.bump();
        self.skip_whitespace();
        // Hashes of the keys so far, once the object is too large to scan; a repeated hash
        // is confirmed against the keys.
        let mut seen: Option<HashSet<u64>> = None;
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Value::Object(Vec::new()));
        }
        let base = self.members.len();
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted property name"));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(b':', "':' after a property name")?;
            self.skip_whitespace();
            self.path.push(self.members.len() - base);
            let value = self.value(depth + 1);
            let path = self.path.pop();
            let value = value?;
            if self.repeated(&self.members[base..], &mut seen, &key) {
                let mut at = self.path.clone();
                at.extend(path);
                self.duplicates.push((key_pos, key.to_string(), at));
            }
            self.members.push(Member {
                key,
                key_pos,
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        return Err(self.error("trailing comma before '}'"));
                    }
                }
                Some(b'}') => {
                    self.bump();
                    return Ok(Value::Object(self.members.drain(base..).collect()));
                }
                _ => return Err(self.error("expected ',' or '}' in an object")),
            }
        }
    }

    /// Whether `key` is already a key of `members`, remembering its hash once the object
    /// has grown past [`LINEAR_KEY_SCAN`] members.
    fn repeated(&self, members: &[Member<'a>], seen: &mut Option<HashSet<u64>>, key: &str) -> bool {
        if members.len() < LINEAR_KEY_SCAN {
            return members.iter().any(|m| m.key == key);
        }
        let seen = seen.get_or_insert_with(|| {
            members
                .iter()
                .map(|m| self.hasher.hash_one(&*m.key))
                .collect()
        });
        !seen.insert(self.hasher.hash_one(key)) && members.iter().any(|m| m.key == key)
    }
}

impl<'a> Node<'a> {
    /// The member `key` of an object (the last one when the key is repeated, as serde does).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.members()
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// The member `key` with its key position.
    pub fn member(&self, key: &str) -> Option<&Member<'a>> {
        self.members().iter().rev().find(|m| m.key == key)
    }

    /// The members of an object; empty for other values.
    pub fn members(&self) -> &[Member<'a>] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    /// The items of an array; empty for other values.
    pub fn items(&self) -> &[Node<'a>] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, when this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number, when this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => Some(n.value),
            _ => None,
        }
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self.value, Value::Array(_))
    }

    /// The JSON type name, as messages show it.
    pub fn kind(&self) -> Kind {
        match &self.value {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Boolean,
            Value::Number(n) if n.is_integer() => Kind::Integer,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    /// Whether the two values have the same [`compact`](Self::compact) text, found without
    /// writing it (numbers compare as written, objects member by member in order).
    pub fn same_as(&self, other: &Node<'_>) -> bool {
        match (&self.value, &other.value) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a.text == b.text,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_as(y))
            }
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|(x, y)| x.key == y.key && x.value.same_as(&y.value))
            }
            _ => false,
        }
    }

    /// Compact JSON text of the value, for messages and equality of literals.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write_compact(&mut out);
        out
    }

    fn write_compact(&self, out: &mut String) {
        match &self.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n.text),
            Value::String(s) => out.push_str(&quote(s)),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_compact(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&quote(&m.key));
                    out.push(':');
                    m.value.write_compact(out);
                }
                out.push('}');
            }
        }
    }
}

/// A JSON string literal for `s`.
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// JSON types as named in messages; `integer` is a number written without a fraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true`/`false`
    Boolean,
    /// A whole number.
    Integer,
    /// Any other number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::{LineCol, Lines};

    fn at(line: u32, column: u32) -> LineCol {
        LineCol { line, column }
    }

    #[test]
    fn records_positions_of_values_and_keys() {
        let text = "\u{feff}{\n  \"a\": [1, \"é\", {\"b\": null}],\n  \"c\": true\n}";
        let doc = parse(text).unwrap();
        let lines = Lines::new(text);
        let a = doc.root.member("a").unwrap();
        assert_eq!(lines.locate(a.key_pos), at(2, 3));
        assert_eq!(lines.locate(a.value.pos), at(2, 8));
        assert_eq!(lines.locate(a.value.items()[2].pos), at(2, 17));
        assert_eq!(lines.locate(doc.root.get("c").unwrap().pos), at(3, 8));
        assert_eq!(
            doc.minified_len,
            r#"{"a":[1,"é",{"b":null}],"c":true}"#.len()
        );
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let text = "{\n  \"a\": 1,\n}";
        let err = parse(text).unwrap_err();
        assert_eq!(Lines::new(text).locate(err.pos), at(3, 1));
        assert!(err.message.contains("trailing comma"));
        assert!(parse("[1] x").is_err());
        assert!(parse("\"\\x\"").is_err());
        let err = parse("[\"é\\u00e9\u{1}\"]").unwrap_err();
        assert_eq!(
            err.pos,
            Pos(10),
            "at the control character, after an escape"
        );
        assert!(err.message.contains("control character"));
    }

    #[test]
    fn unescapes_strings_and_records_duplicates() {
        let doc = parse(r#"{"k": "a\u00e9\ud83d\ude00\n", "k": 2}"#).unwrap();
        assert_eq!(doc.root.members()[0].value.as_str(), Some("aé😀\n"));
        assert_eq!(doc.root.get("k").unwrap().kind(), Kind::Integer);
        assert_eq!(doc.duplicate_keys.len(), 1);
    }

    #[test]
    fn same_as_agrees_with_compact_text() {
        let doc = parse(
            r#"[null, true, false, 1, 1.0, 1, "1", "a\u0062", "ab", [1, "x"], [1, "x"],
                [1], {"a": 1, "b": [2]}, {"a": 1, "b": [2]}, {"b": [2], "a": 1},
                {"a": 1, "a": 1}, {"a": 1}, {}, []]"#,
        )
        .unwrap();
        let items = doc.root.items();
        for a in items {
            for b in items {
                assert_eq!(
                    a.same_as(b),
                    a.compact() == b.compact(),
                    "{} vs {}",
                    a.compact(),
                    b.compact()
                );
            }
        }
    }

    #[test]
    fn text_after_an_escape_is_kept() {
        let doc = parse(r#"["a\"b\u0041c d", "\ud800x", "plain"]"#).unwrap();
        let items = doc.root.items();
        assert_eq!(items[0].as_str(), Some("a\"bAc d"));
        assert_eq!(items[1].as_str(), Some("\u{fffd}x"));
        assert!(matches!(
            &items[2].value,
            Value::String(Cow::Borrowed("plain"))
        ));
    }

    #[test]
    fn repeated_keys_are_found_in_small_and_large_objects() {
        let members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!(
            "{{\"o\": {{\"a\": 1, \"b\": {{\"a\": 2, \"a\": 3}}, \"a\": 4}}, \"big\": {{{}, \"k3\": 0, \"k39\": 0}}}}",
            members.join(", ")
        );
        let doc = parse(&text).unwrap();
        let found: Vec<(&str, &str)> = doc
            .duplicate_keys
            .iter()
            .map(|(_, key, pointer)| (key.as_str(), pointer.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("a", "/o/b/a"),
                ("a", "/o/a"),
                ("k3", "/big/k3"),
                ("k39", "/big/k39")
            ]
        );
    }
}
