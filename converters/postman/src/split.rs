//! Finding the `item` entries of a collection's text without parsing it, so that they can be
//! parsed on several cores (module `parse`).
//!
//! The scanner follows JSON exactly only as far as it must to find boundaries: strings (with
//! their escapes) and nesting. It validates the punctuation of the `item` arrays it splits
//! (commas and brackets) and nothing else: every piece of text it hands out is parsed by
//! `serde_json` afterwards, which validates the rest. When it cannot follow the text (invalid
//! or unexpected input, nesting deeper than [`MAX_DEPTH`], an `item` key twice in one object),
//! it gives up and the caller parses the whole text as before.

use std::ops::Range;

/// Nesting beyond which the scanner gives up. Far below `serde_json`'s recursion limit, so that
/// a piece parsed on its own (from depth 0) fails exactly when it fails in place, and small
/// enough for the default stack of a worker thread.
const MAX_DEPTH: usize = 64;

/// One entry of an `item` list.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry's text, without surrounding whitespace.
    pub span: Range<usize>,
    /// The entry's own `item` array, when it is an object that has one (a folder).
    pub items: Option<Items>,
}

/// An `item` array.
#[derive(Debug, PartialEq, Eq)]
pub struct Items {
    /// The array's text, brackets included.
    pub span: Range<usize>,
    /// Its entries, in order.
    pub entries: Vec<Entry>,
}

/// Where the `item` array of a collection file sits.
#[derive(Debug, PartialEq, Eq)]
pub enum Split {
    /// The top-level object's `item`.
    Collection(Items),
    /// The `item` of the top-level object's `collection` object (the Postman API envelope),
    /// when the top level has no `item` of its own.
    Envelope(Items),
}

/// Finds the `item` array of a collection file (BOM already removed) and, recursively, those
/// of its folders. `None` when there is no `item` array to split or the scanner gives up.
pub fn scan(text: &str) -> Option<Split> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let top = scanner.object(true)?;
    match top {
        Object {
            items: Some(items), ..
        } => Some(Split::Collection(items)),
        Object {
            has_item: false,
            envelope: Some(inner),
            ..
        } => inner.items.map(Split::Envelope),
        _ => None,
    }
}

/// What the scanner keeps of an object on the `item` path.
struct Object {
    /// Whether it has an `item` key (whatever its value).
    has_item: bool,
    /// Its `item` array.
    items: Option<Items>,
    /// Its `collection` object (looked at on the top level only).
    envelope: Option<Box<Object>>,
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Arrays and objects open around `at`.
    depth: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Consumes `byte` (after whitespace), or gives up.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    fn open(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// A string starting at `at`; returns its contents' span (escapes left as written).
    fn string(&mut self) -> Option<Range<usize>> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.at + 1;
        let mut at = start;
        loop {
            let quote = at + memchr::memchr(b'"', self.bytes.get(at..)?)?;
            // A quote ends the string unless an odd run of backslashes precedes it: in JSON
            // text a run of backslashes is escape pairs, plus the escape of the quote if odd.
            let backslashes = self.bytes[start..quote]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            if backslashes % 2 == 0 {
                self.at = quote + 1;
                return Some(start..quote);
            }
            at = quote + 1;
        }
    }

    /// Any value (after whitespace), skipped; returns its span.
    fn value(&mut self) -> Option<Range<usize>> {
        self.whitespace();
        let start = self.at;
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => self.nested()?,
            _ => {
                // A number or a literal: up to the next delimiter (validated by the parse).
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    if matches!(b, b'"' | b'{' | b'[') {
                        return None;
                    }
                    self.at += 1;
                }
            }
        }
        (self.at > start).then_some(start..self.at)
    }

    /// An array or object starting at `at`, skipped by counting brackets outside strings
    /// (which kind closes which is left to the parse).
    fn nested(&mut self) -> Option<()> {
        let outer = self.depth;
        loop {
            // Up to the next string, counting brackets.
            let rest = self.bytes.get(self.at..)?;
            let quote = memchr::memchr(b'"', rest).unwrap_or(rest.len());
            for (offset, byte) in rest[..quote].iter().enumerate() {
                match byte {
                    b'{' | b'[' => self.open()?,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == outer {
                            self.at += offset + 1;
                            return Some(());
                        }
                    }
                    _ => {}
                }
            }
            self.at += quote;
            self.string()?;
        }
    }

    /// An object on the `item` path starting at `at` (after whitespace): its `item` array is
    /// followed, the rest skipped. With `top`, its `collection` object is followed too.
    fn object(&mut self, top: bool) -> Option<Object> {
        self.expect(b'{')?;
        self.open()?;
        let mut object = Object {
            has_item: false,
            items: None,
            envelope: None,
        };
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            self.depth -= 1;
            return Some(object);
        }
        loop {
            self.whitespace();
            let key = self.string()?;
            self.expect(b':')?;
            self.whitespace();
            let key = &self.bytes[key];
            if is_key(key, "item") {
                // Two `item` keys are a parse error: left to the whole-text parse to report.
                if object.has_item {
                    return None;
                }
                object.has_item = true;
                if self.peek() == Some(b'[') {
                    object.items = Some(self.items()?);
                } else {
                    self.value()?;
                }
            } else if top && is_key(key, "collection") && self.peek() == Some(b'{') {
                object.envelope = Some(Box::new(self.object(false)?));
            } else {
                self.value()?;
            }
            self.whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    self.depth -= 1;
                    return Some(object);
                }
                _ => return None,
            }
        }
    }

    /// An `item` array starting at `at`: its entries, folders followed.
    fn items(&mut self) -> Option<Items> {
        let start = self.at;
        self.expect(b'[')?;
        self.open()?;
        let mut entries = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
        } else {
            loop {
                self.whitespace();
                let begin = self.at;
                let items = if self.peek() == Some(b'{') {
                    self.object(false)?.items
                } else {
                    self.value()?;
                    None
                };
                entries.push(Entry {
                    span: begin..self.at,
                    items,
                });
                self.whitespace();
                match self.peek()? {
                    b',' => self.at += 1,
                    b']' => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(Items {
            span: start..self.at,
            entries,
        })
    }
}

/// Whether a key as written (escapes included) reads as `name`.
fn is_key(raw: &[u8], name: &str) -> bool {
    if !raw.contains(&b'\\') {
        return raw == name.as_bytes();
    }
    // Rare: an escaped key, decoded the way the parse decodes it.
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    serde_json::from_slice::<String>(&quoted).is_ok_and(|key| key == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of every entry, folders' entries nested after them.
    fn texts<'a>(text: &'a str, entries: &[Entry], out: &mut Vec<&'a str>) {
        for entry in entries {
            out.push(&text[entry.span.clone()]);
            if let Some(items) = &entry.items {
                out.push(&text[items.span.clone()]);
                texts(text, &items.entries, out);
            }
        }
    }

    fn entries(text: &str) -> Option<Vec<&str>> {
        let (Split::Collection(items) | Split::Envelope(items)) = scan(text)?;
        let mut out = vec![&text[items.span.clone()]];
        texts(text, &items.entries, &mut out);
        Some(out)
    }

    #[test]
    fn strings_hide_brackets_quotes_and_commas() {
        let text = r#" {"info": {"name": "a]}\"[{"}, "item" : [
            {"name": "x\"]}, \\", "request": {"url": ["[", "{"]}} ,
            -1.5e3, "s\\\"}" ,null,
            [2, {"a": "}"}, []],
            {"name": "f", "item": [{"name": "y\\"}, true], "event": []}
        ], "variable": [{"key": "item"}]} "#;
        assert_eq!(
            entries(text).unwrap(),
            [
                &text[text.find("[\n").unwrap()..text.find(", \"variable\"").unwrap()],
                r#"{"name": "x\"]}, \\", "request": {"url": ["[", "{"]}}"#,
                "-1.5e3",
                r#""s\\\"}""#,
                "null",
                r#"[2, {"a": "}"}, []]"#,
                r#"{"name": "f", "item": [{"name": "y\\"}, true], "event": []}"#,
                r#"[{"name": "y\\"}, true]"#,
                r#"{"name": "y\\"}"#,
                "true",
            ]
        );
    }

    #[test]
    fn finds_the_envelope_and_escaped_keys() {
        let text = r#"{"collection": {"info": {}, "it\u0065m": [{"a": 1}, {}]}}"#;
        let Some(Split::Envelope(items)) = scan(text) else {
            panic!("no envelope found");
        };
        assert_eq!(items.entries.len(), 2);
        assert_eq!(&text[items.entries[1].span.clone()], "{}");
        // An `item` of its own makes the top level the collection.
        let text = r#"{"collection": {"item": [1]}, "item": [{}, {}, {}]}"#;
        let Some(Split::Collection(items)) = scan(text) else {
            panic!("no collection found");
        };
        assert_eq!(items.entries.len(), 3);
        assert_eq!(entries(r#"{"item": []}"#).unwrap(), ["[]"]);
    }

    #[test]
    fn gives_up_on_what_it_cannot_follow() {
        for text in [
            "",
            "[]",
            r#"{"info": {}}"#,
            r#"{"item": {"name": "single"}}"#,
            r#"{"item": null}"#,
            r#"{"item": [], "item": []}"#,
            r#"{"item": [{"item": [], "\u0069tem": [1]}]}"#,
            r#"{"item": [1,]}"#,
            r#"{"item": [,1]}"#,
            r#"{"item": [1 2]}"#,
            r#"{"item": [{"name": "open]}"#,
            r#"{"item": [{"name": "x"}"#,
            r#"{"item": [{"a": 1,}]}"#,
            r#"{"item": [1], "info": {"name": "x}"#,
            r#"{"info" {}, "item": []}"#,
            "{'item': []}",
        ] {
            assert_eq!(scan(text), None, "{text}");
        }
        // Nesting beyond the limit, anywhere.
        let deep = format!(
            r#"{{"item": [{{"request": {}1{}}}]}}"#,
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert_eq!(scan(&deep), None);
        let shallow = format!(
            r#"{{"item": [{{"request": {}1{}}}]}}"#,
            "[".repeat(MAX_DEPTH - 3),
            "]".repeat(MAX_DEPTH - 3)
        );
        assert!(scan(&shallow).is_some());
    }
}
