//! A small JSON parser that remembers where every value and key starts.
//!
//! Every finding must name a line and column, and `serde_json::Value` forgets positions, so
//! the validator parses once into its own tree. The parser is strict JSON (RFC 8259) apart
//! from a leading byte-order mark, which paconn also tolerates. It also measures the
//! document's minified size on the way, which is how the 1 MB limit is judged.

use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// A parsed value and where it starts.
#[derive(Debug)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where its first character is.
    pub pos: Pos,
}

/// A JSON value whose children keep their positions.
#[derive(Debug)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, with its text kept so integers are told from fractions.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, members in document order (duplicates kept).
    Object(Vec<Member>),
}

/// A JSON number.
#[derive(Debug)]
pub struct Number {
    /// The number as written.
    pub text: String,
    /// Its value.
    pub value: f64,
}

impl Number {
    /// Whether it is written without a fraction or exponent.
    pub fn is_integer(&self) -> bool {
        !self.text.contains(['.', 'e', 'E'])
    }
}

/// One `"key": value` pair of an object.
#[derive(Debug)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Where the key's opening quote is.
    pub key_pos: Pos,
    /// The value.
    pub value: Node,
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
pub struct Document {
    /// The root value.
    pub root: Node,
    /// Size in bytes without insignificant whitespace (and without a BOM).
    pub minified_len: usize,
    /// Keys that appear twice in one object: the later key's position, the key, its pointer.
    pub duplicate_keys: Vec<(Pos, String, String)>,
}

/// How deep arrays and objects may nest before the parser gives up (stack safety).
const MAX_DEPTH: usize = 256;

/// Parses `text` (a leading BOM is skipped).
pub fn parse(text: &str) -> Result<Document, SyntaxError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser {
        bytes: body.as_bytes(),
        at: 0,
        line: 1,
        column: 1,
        whitespace: 0,
        path: Vec::new(),
        duplicates: Vec::new(),
        hasher: RandomState::new(),
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
fn pointer_of(root: &Node, path: &[usize]) -> String {
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
    bytes: &'a [u8],
    at: usize,
    line: u32,
    column: u32,
    whitespace: usize,
    /// Child indices from the root to the value being parsed.
    path: Vec<usize>,
    /// Repeated keys: position, key, and the path to the later member.
    duplicates: Vec<(Pos, String, Vec<usize>)>,
    hasher: RandomState,
}

impl Parser<'_> {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
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

    /// Advances one byte, keeping line and column (continuation bytes do not count).
    fn bump(&mut self) {
        if let Some(&b) = self.bytes.get(self.at) {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
            self.at += 1;
        }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b) = self.peek() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.whitespace += 1;
                self.bump();
            } else {
                break;
            }
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(format!("expected {what}")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
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

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            for _ in 0..word.len() {
                self.bump();
            }
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<Number, SyntaxError> {
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
        let text = String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned();
        let value = text.parse::<f64>().unwrap_or(f64::NAN);
        Ok(Number { text, value })
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.bump();
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.bump(); // opening quote
        let mut out = Vec::new();
        loop {
            // A run of plain characters (no quote, backslash or control character, so no
            // line break) is copied at once.
            let run = self.bytes[self.at..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(self.bytes.len() - self.at);
            if run > 0 {
                let chunk = &self.bytes[self.at..self.at + run];
                out.extend_from_slice(chunk);
                self.column += chunk.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32;
                self.at += run;
            }
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.bump();
                    break;
                }
                Some(b'\\') => {
                    self.bump();
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.bump();
                            let c = self.unicode_escape()?;
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                            continue;
                        }
                        _ => return Err(self.error("invalid escape sequence in a string")),
                    };
                    self.bump();
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(escaped.encode_utf8(&mut buf).as_bytes());
                }
                Some(b) if b < 0x20 => {
                    return Err(self.error("control character inside a string; escape it"))
                }
                Some(b) => {
                    out.push(b);
                    self.bump();
                }
            }
        }
        // The input is a &str, so the bytes between quotes are valid UTF-8.
        Ok(String::from_utf8_lossy(&out).into_owned())
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
            let save = (self.at, self.line, self.column);
            self.bump();
            self.bump();
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            (self.at, self.line, self.column) = save;
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.bump();
        self.skip_whitespace();
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.path.push(items.len());
            let item = self.value(depth + 1);
            self.path.pop();
            items.push(item?);
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
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']' in an array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.bump();
        self.skip_whitespace();
        let mut members: Vec<Member> = Vec::new();
        // Hashes of the keys so far; a repeated hash is confirmed against the keys.
        let mut seen: HashSet<u64> = HashSet::new();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Value::Object(members));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted property name"));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(b':', "':' after a property name")?;
            self.skip_whitespace();
            self.path.push(members.len());
            let value = self.value(depth + 1);
            let path = self.path.pop();
            let value = value?;
            if !seen.insert(self.hasher.hash_one(&key)) && members.iter().any(|m| m.key == key) {
                let mut at = self.path.clone();
                at.extend(path);
                self.duplicates.push((key_pos, key.clone(), at));
            }
            members.push(Member {
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
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}' in an object")),
            }
        }
    }
}

impl Node {
    /// The member `key` of an object (the last one when the key is repeated, as serde does).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.members()
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// The member `key` with its key position.
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.members().iter().rev().find(|m| m.key == key)
    }

    /// The members of an object; empty for other values.
    pub fn members(&self) -> &[Member] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    /// The items of an array; empty for other values.
    pub fn items(&self) -> &[Node] {
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
            Value::Number(n) => out.push_str(&n.text),
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

    #[test]
    fn records_positions_of_values_and_keys() {
        let doc =
            parse("\u{feff}{\n  \"a\": [1, \"é\", {\"b\": null}],\n  \"c\": true\n}").unwrap();
        let a = doc.root.member("a").unwrap();
        assert_eq!(a.key_pos, Pos { line: 2, column: 3 });
        assert_eq!(a.value.pos, Pos { line: 2, column: 8 });
        assert_eq!(
            a.value.items()[2].pos,
            Pos {
                line: 2,
                column: 17
            }
        );
        assert_eq!(doc.root.get("c").unwrap().pos, Pos { line: 3, column: 8 });
        assert_eq!(
            doc.minified_len,
            r#"{"a":[1,"é",{"b":null}],"c":true}"#.len()
        );
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let err = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(err.pos, Pos { line: 3, column: 1 });
        assert!(err.message.contains("trailing comma"));
        assert!(parse("[1] x").is_err());
        assert!(parse("\"\\x\"").is_err());
    }

    #[test]
    fn unescapes_strings_and_records_duplicates() {
        let doc = parse(r#"{"k": "a\u00e9\ud83d\ude00\n", "k": 2}"#).unwrap();
        assert_eq!(doc.root.members()[0].value.as_str(), Some("aé😀\n"));
        assert_eq!(doc.root.get("k").unwrap().kind(), Kind::Integer);
        assert_eq!(doc.duplicate_keys.len(), 1);
    }
}
