//! A tolerant reader for API Management policy documents.
//!
//! Policy files are exported as `rawxml`, which keeps .NET policy expressions verbatim, so about
//! one file in ten is not well-formed XML: `@( … )` and `@{ … }` contain unescaped quotes, `<`
//! and `&&` inside attribute values and text. Older ARM exports XML-escape the expressions, and
//! repeated extract/deploy cycles escape them twice (`&amp;quot;`). This module first rewrites
//! every balanced expression into properly escaped XML (keeping a map back to the original
//! offsets), then parses the result with quick-xml in its lenient mode, and finally builds a
//! small element tree with 1-based line and column numbers of the *original* text. Expressions
//! stay opaque strings: nothing here interprets C#.

use quick_xml::events::Event;
use quick_xml::Reader;

/// A 1-based line and column in the original policy text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

/// One element of a policy document.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// The tag name as written.
    pub name: String,
    /// Attributes in document order, values unescaped.
    pub attributes: Vec<(String, String)>,
    /// Child elements and text, in order.
    pub children: Vec<Node>,
    /// Where the start tag begins.
    pub position: Position,
}

/// A child of an element.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A nested element.
    Element(Element),
    /// Text content, unescaped (comments are dropped).
    Text(String),
}

/// Something the reader had to repair or could not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What went wrong.
    pub message: String,
    /// Where.
    pub position: Position,
}

/// The result of reading a policy document: its root element, when one was found, and the
/// well-formedness problems met on the way (the tree holds what could be read before them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The document element (`<policies>` or `<fragment>`).
    pub root: Option<Element>,
    /// Problems, in document order.
    pub problems: Vec<Problem>,
}

impl Element {
    /// The value of an attribute, compared case-insensitively as APIM does.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Child elements in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// Child elements with this name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements()
            .filter(move |e| e.name.eq_ignore_ascii_case(name))
    }

    /// The first child element with this name.
    pub fn child<'a>(&'a self, name: &'a str) -> Option<&'a Element> {
        self.children_named(name).next()
    }

    /// The direct text content, trimmed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            if let Node::Text(text) = node {
                out.push_str(text);
            }
        }
        out.trim().to_string()
    }
}

/// Deepest element nesting read; deeper documents stop there with a problem (the tree is
/// dropped and walked recursively elsewhere, so its depth must stay bounded).
pub const MAX_DEPTH: usize = 256;

/// Reads a policy document tolerantly. Never fails: what cannot be read is reported in
/// [`Parsed::problems`].
pub fn parse(source: &str) -> Parsed {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    // A whole document XML-escaped once more (portal "Export template" ARM) starts with `&lt;`.
    let unescaped;
    let source = if source.trim_start().starts_with("&lt;") {
        unescaped = unescape_lossy(source);
        unescaped.as_str()
    } else {
        source
    };
    let prepared = prepare(source);
    let lines = LineIndex::new(source);
    let at = |offset: usize| lines.position(prepared.original_offset(offset));

    let mut reader = Reader::from_str(&prepared.text);
    {
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.trim_text(true);
    }
    let mut stack: Vec<Element> = Vec::new();
    let mut parsed = Parsed::default();
    loop {
        let before = reader.buffer_position() as usize;
        let start = skip_whitespace(&prepared.text, before);
        match reader.read_event() {
            Ok(Event::Start(_)) if stack.len() >= MAX_DEPTH => {
                parsed.problems.push(Problem {
                    message: format!(
                        "elements nest deeper than {MAX_DEPTH} levels; the rest of the document was not read"
                    ),
                    position: at(start),
                });
                break;
            }
            Ok(Event::Start(tag)) => {
                let element = open(&tag, at(start));
                stack.push(element);
            }
            Ok(Event::Empty(tag)) => {
                let element = open(&tag, at(start));
                attach(&mut stack, &mut parsed, Node::Element(element));
            }
            Ok(Event::End(tag)) => {
                let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
                match stack.iter().rposition(|e| e.name == name) {
                    Some(index) => {
                        if index + 1 != stack.len() {
                            parsed.problems.push(Problem {
                                message: format!(
                                    "`</{name}>` closes elements that were never closed"
                                ),
                                position: at(start),
                            });
                        }
                        while stack.len() > index {
                            close(&mut stack, &mut parsed);
                        }
                    }
                    None => parsed.problems.push(Problem {
                        message: format!("`</{name}>` has no matching start tag"),
                        position: at(start),
                    }),
                }
            }
            Ok(Event::Text(text)) => {
                let raw = String::from_utf8_lossy(text.as_ref()).into_owned();
                let value = unescape_twice(&raw);
                if !value.trim().is_empty() {
                    attach(&mut stack, &mut parsed, Node::Text(value));
                }
            }
            Ok(Event::CData(data)) => {
                let value = String::from_utf8_lossy(data.as_ref()).into_owned();
                attach(&mut stack, &mut parsed, Node::Text(value));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(error) => {
                let offset = reader.error_position() as usize;
                parsed.problems.push(Problem {
                    message: format!("not well-formed XML: {error}"),
                    position: at(offset),
                });
                break;
            }
        }
    }
    if !stack.is_empty() {
        let name = stack.last().map(|e| e.name.clone()).unwrap_or_default();
        parsed.problems.push(Problem {
            message: format!("the document ends before `<{name}>` is closed"),
            position: at(prepared.text.len()),
        });
    }
    while !stack.is_empty() {
        close(&mut stack, &mut parsed);
    }
    parsed
}

fn open(tag: &quick_xml::events::BytesStart<'_>, position: Position) -> Element {
    let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
    let attributes = tag
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|attribute| {
            let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
            let raw = String::from_utf8_lossy(&attribute.value).into_owned();
            (key, unescape_twice(&raw))
        })
        .collect();
    Element {
        name,
        attributes,
        children: Vec::new(),
        position,
    }
}

fn attach(stack: &mut [Element], parsed: &mut Parsed, node: Node) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => {
            if let Node::Element(element) = node {
                if parsed.root.is_none() {
                    parsed.root = Some(element);
                }
            }
        }
    }
}

fn close(stack: &mut Vec<Element>, parsed: &mut Parsed) {
    if let Some(element) = stack.pop() {
        attach(stack, parsed, Node::Element(element));
    }
}

fn skip_whitespace(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    from + (rest.len() - rest.trim_start().len())
}

/// Unescapes XML entities once and, when the result still holds entities (a value escaped
/// twice by extract/deploy cycles), once more. Unknown entities are kept as written.
pub fn unescape_twice(raw: &str) -> String {
    let once = unescape_lossy(raw);
    if has_entity(&once) {
        unescape_lossy(&once)
    } else {
        once
    }
}

fn has_entity(text: &str) -> bool {
    ["&quot;", "&lt;", "&gt;", "&amp;", "&apos;", "&#"]
        .iter()
        .any(|entity| text.contains(entity))
}

/// Unescapes the five predefined entities and character references; anything else stays.
fn unescape_lossy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match entity_at(rest) {
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity at the start of `text` stands for, and the entity's length.
fn entity_at(text: &str) -> Option<(char, usize)> {
    let end = text.get(..12.min(text.len()))?.find(';')?;
    let name = &text[1..end];
    let ch = match name {
        "quot" => '"',
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((ch, end + 1))
}

/// The text handed to quick-xml, with a map from its offsets back to the original ones.
struct Prepared {
    text: String,
    /// `(prepared offset, original offset)` at every point where the two stop running in step.
    map: Vec<(usize, usize)>,
}

impl Prepared {
    fn original_offset(&self, offset: usize) -> usize {
        let index = self.map.partition_point(|(out, _)| *out <= offset);
        match index.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some((out, original)) => original + (offset - out),
            None => offset,
        }
    }
}

/// Escapes policy expressions and stray `<`/`&` so that the text becomes well-formed enough
/// for quick-xml, without touching anything that is already valid XML.
fn prepare(source: &str) -> Prepared {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len() + 64);
    let mut map = Vec::new();
    let mut i = 0;
    let mut in_tag = false;
    while i < bytes.len() {
        let rest = &source[i..];
        if !in_tag {
            if let Some(skip) = ["<!--", "<![CDATA[", "<?"]
                .iter()
                .zip(["-->", "]]>", "?>"])
                .find(|(open, _)| rest.starts_with(**open))
                .map(|(open, close)| {
                    rest[open.len()..]
                        .find(close)
                        .map_or(rest.len(), |e| open.len() + e + close.len())
                })
            {
                out.push_str(&rest[..skip]);
                i += skip;
                continue;
            }
            if rest.starts_with('<') {
                in_tag = true;
                out.push('<');
                i += 1;
                continue;
            }
            if let Some(len) = expression_len(rest) {
                emit_escaped(&mut out, &mut map, &rest[..len], i);
                i += len;
                continue;
            }
            if rest.starts_with('&') && entity_or_reference(rest).is_none() {
                emit_escaped(&mut out, &mut map, "&", i);
                i += 1;
                continue;
            }
            if rest.starts_with('>') {
                emit_escaped(&mut out, &mut map, ">", i);
                i += 1;
                continue;
            }
        } else {
            if rest.starts_with('>') {
                in_tag = false;
                out.push('>');
                i += 1;
                continue;
            }
            if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
                out.push(quote);
                i += 1;
                // An attribute value: runs to the matching quote, except inside expressions.
                while i < bytes.len() {
                    let rest = &source[i..];
                    if rest.starts_with(quote) {
                        break;
                    }
                    if let Some(len) = expression_len(rest) {
                        emit_escaped(&mut out, &mut map, &rest[..len], i);
                        i += len;
                        continue;
                    }
                    let ch = rest.chars().next().unwrap_or(quote);
                    if ch == '<' || ch == '>' || (ch == '&' && entity_or_reference(rest).is_none())
                    {
                        let mut buf = [0u8; 4];
                        emit_escaped(&mut out, &mut map, ch.encode_utf8(&mut buf), i);
                    } else {
                        out.push(ch);
                    }
                    i += ch.len_utf8();
                }
                if i < bytes.len() {
                    out.push(quote);
                    i += 1;
                }
                continue;
            }
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    Prepared { text: out, map }
}

fn emit_escaped(out: &mut String, map: &mut Vec<(usize, usize)>, text: &str, original: usize) {
    map.push((out.len(), original));
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '&' if entity_or_reference(rest).is_none() => out.push_str("&amp;"),
            _ => out.push(ch),
        }
        rest = &rest[ch.len_utf8()..];
    }
    map.push((out.len(), original + text.len()));
}

fn entity_or_reference(text: &str) -> Option<(char, usize)> {
    entity_at(text)
}

/// The length of a balanced policy expression `@( … )` or `@{ … }` at the start of `text`,
/// skipping C# string and character literals and comments. `None` when `text` does not start
/// with one or it never closes.
pub fn expression_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.len() < 2 || bytes[0] != b'@' || !(bytes[1] == b'(' || bytes[1] == b'{') {
        return None;
    }
    let mut depth = 0usize;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'{' | b'[' => depth += 1,
            b')' | b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'"' => {
                let verbatim = i > 0 && bytes[i - 1] == b'@';
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' if !verbatim => i += 1,
                        b'"' if verbatim && bytes.get(i + 1) == Some(&b'"') => i += 1,
                        b'"' => break,
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal is short: 'x', '\n', '\''. Anything else is not one.
                let close = if bytes.get(i + 1) == Some(&b'\\') {
                    i + 3
                } else {
                    i + 2
                };
                if bytes.get(close) == Some(&b'\'') {
                    i = close;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Line starts of a text, for turning byte offsets into line and column.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|start| *start <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Position {
            line: line as u32,
            column: column as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn stops_at_the_depth_limit_without_recursing() {
        // 100 000 nested elements used to overflow the stack when the tree was dropped.
        for text in [
            format!(
                "<policies>{}{}</policies>",
                "<a>".repeat(100_000),
                "</a>".repeat(100_000)
            ),
            format!("<policies>{}", "<a x=\"1\">".repeat(100_000)),
        ] {
            let parsed = parse(&text);
            assert!(parsed.root.is_some());
            assert!(
                parsed
                    .problems
                    .iter()
                    .any(|p| p.message.contains("deeper than 256")),
                "{:?}",
                parsed.problems
            );
        }
        let fine = format!(
            "<policies>{}{}</policies>",
            "<a>".repeat(200),
            "</a>".repeat(200)
        );
        assert!(parse(&fine).problems.is_empty());
    }
    use super::*;

    fn root(text: &str) -> Element {
        let parsed = parse(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.root.expect("a root element")
    }

    #[test]
    fn expressions_with_quotes_and_operators_stay_opaque() {
        let doc = root(
            r#"<policies><inbound><rate-limit-by-key counter-key="@(context.Subscription?.Key ?? "anonymous")" calls="5" />
<set-header name="X" exists-action="override"><value>@(context.Response.StatusCode < 400 && true)</value></set-header>
<choose><when condition="@(context.Request.Headers.GetValueOrDefault("a","") == "b")"><base /></when></choose>
<set-body>@{ var x = "}"; return x; }</set-body></inbound></policies>"#,
        );
        let inbound = doc.child("inbound").unwrap();
        let names: Vec<_> = inbound.elements().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["rate-limit-by-key", "set-header", "choose", "set-body"]
        );
        let limit = inbound.child("rate-limit-by-key").unwrap();
        assert_eq!(
            limit.attr("counter-key"),
            Some(r#"@(context.Subscription?.Key ?? "anonymous")"#)
        );
        assert_eq!(limit.attr("calls"), Some("5"));
        let header = inbound.child("set-header").unwrap();
        assert_eq!(
            header.child("value").unwrap().text(),
            "@(context.Response.StatusCode < 400 && true)"
        );
        assert_eq!(
            inbound.child("set-body").unwrap().text(),
            r#"@{ var x = "}"; return x; }"#
        );
        assert_eq!(header.position, Position { line: 2, column: 1 });
    }

    #[test]
    fn bom_comments_and_double_escaping() {
        let doc = root(
            "\u{feff}<!-- leading\n comment -->\n<policies><inbound>\n  <set-header name=\"a\"><value>@(x.Get(&amp;quot;k&amp;quot;))</value></set-header></inbound></policies>",
        );
        let header = doc.child("inbound").unwrap().child("set-header").unwrap();
        assert_eq!(header.child("value").unwrap().text(), "@(x.Get(\"k\"))");
        assert_eq!(header.position, Position { line: 4, column: 3 });
    }

    #[test]
    fn escaped_whole_document_and_unknown_entities() {
        let doc =
            root("&lt;policies&gt;&lt;inbound&gt;&lt;base /&gt;&lt;/inbound&gt;&lt;/policies&gt;");
        assert_eq!(
            doc.child("inbound")
                .unwrap()
                .elements()
                .next()
                .unwrap()
                .name,
            "base"
        );
        let doc = root("<policies><inbound><set-header name=\"a&nbsp;b\" /></inbound></policies>");
        let header = doc.child("inbound").unwrap().child("set-header").unwrap();
        assert_eq!(header.attr("NAME"), Some("a&nbsp;b"));
    }

    #[test]
    fn broken_documents_keep_what_was_read() {
        let parsed = parse("<policies><inbound><base /><set-header name=\"x\"></inbound>");
        let root = parsed.root.expect("root");
        assert_eq!(root.child("inbound").unwrap().elements().count(), 2);
        assert_eq!(parsed.problems.len(), 2, "{:?}", parsed.problems);
        let parsed = parse("not xml at all");
        assert!(parsed.root.is_none());
    }

    #[test]
    fn expression_scanner_handles_literals_and_comments() {
        assert_eq!(expression_len("@(a(\")\"))rest"), Some(9));
        assert_eq!(expression_len("@{ // }\n return ')'; }x"), Some(22));
        assert_eq!(expression_len("@(@\"a\"\"b\")"), Some(10));
        assert_eq!(expression_len("@(unclosed"), None);
        assert_eq!(expression_len("{{nv}}"), None);
    }
}
