//! Text -> [`model::Document`]: BOM, the `{"collection": …}` envelope, v1 detection and
//! located errors (line:col for syntax errors, a JSON pointer for shape errors).
//!
//! A large file is parsed on every core: its `item` entries are found by a byte scanner
//! (module `split`) and parsed one by one, the rest of the file on its own. Any doubt (the
//! scanner gives up, a piece does not parse) falls back to the one parse of the whole text,
//! which alone reports errors.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use connectorize_ir::{Diagnostic, Diagnostics, Error, Location};

use crate::codes;
use crate::model::{self, Document, Info, Item};
use crate::parallel;
use crate::split::{self, Entry, Split};

/// Size from which a file is parsed in pieces: below it the scan and the threads cost more
/// than they save.
const SPLIT_FROM: usize = 1 << 20;

/// Pieces per core a split file is cut into at least, so that the cores finish together.
const PIECES_PER_CORE: usize = 32;

/// A collection ready for lowering.
#[derive(Debug)]
pub struct Parsed {
    /// The collection proper (the envelope removed).
    pub document: Document,
    /// The collection's `info` (an empty one when absent).
    pub info: Info,
    /// Its top-level items.
    pub items: Vec<Item>,
    /// JSON pointer of the collection inside the file: `""` or `/collection`.
    pub base: String,
}

/// Strips a UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses a collection file.
pub fn parse(text: &str, file: &str, diagnostics: &mut Diagnostics) -> Result<Parsed, Error> {
    let text = strip_bom(text);
    let split = if text.len() >= SPLIT_FROM {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        in_pieces(text, text.len() / (cores * PIECES_PER_CORE))
    } else {
        None
    };
    let document = match split {
        Some(document) => document,
        None => match serde_json::from_str::<Document>(text) {
            Ok(document) => document,
            // Only a file that fails pays for tracking where it failed: the same parse again,
            // recording the path (it fails the same way, at the same place).
            Err(_) => located(text, file)?,
        },
    };
    collection(document, file, diagnostics)
}

/// The collection of a parsed file: the envelope removed, v1 and files without items refused.
fn collection(
    document: Document,
    file: &str,
    diagnostics: &mut Diagnostics,
) -> Result<Parsed, Error> {
    let (mut document, base) = match document.collection {
        Some(inner) if document.info.is_none() && document.item.is_none() => {
            (*inner, "/collection".to_string())
        }
        _ => (document, String::new()),
    };
    if document.item.is_none() {
        if document.requests.is_some() || document.order.is_some() {
            return Err(Error::new(
                codes::V1_COLLECTION,
                "this is a Postman collection in the v1 format, which is not supported",
            )
            .at(Location::file(file).at(format!("{base}/requests")))
            .help("open it in Postman and export it again as Collection v2.1"));
        }
        return Err(Error::new(
            codes::INVALID_COLLECTION,
            "the file has no `item` list, so it is not a Postman v2.x collection",
        )
        .at(Location::file(file).at(base))
        .help("export the collection from Postman as Collection v2.1"));
    }
    let info = document.info.take().unwrap_or_default();
    check_schema(&info, file, &base, diagnostics);
    let items = document.item.take().unwrap_or_default();
    Ok(Parsed {
        document,
        info,
        items,
        base,
    })
}

/// Parses a collection file in pieces on every core, folders larger than `largest` bytes cut
/// too: the same document as the whole-text parse, or `None` when the text cannot be split or
/// a piece does not parse.
fn in_pieces(text: &str, largest: usize) -> Option<Document> {
    let split = split::scan(text)?;
    let items = match &split {
        Split::Collection(items) | Split::Envelope(items) => items,
    };
    let outline = outline(text, 0..text.len(), &items.span)?;
    let mut document: Document = serde_json::from_str(&outline).ok()?;
    let mut pieces = Vec::new();
    let plan = plan(text, &items.entries, largest, &mut pieces)?;
    // Once a piece fails the whole text is parsed again: the other pieces need not be.
    let failed = AtomicBool::new(false);
    let parsed = parallel::map_each(&pieces, |piece| {
        let entry = (!failed.load(Ordering::Relaxed))
            .then(|| model::item_entry(piece).ok())
            .flatten();
        if entry.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        entry
    });
    let mut parsed = parsed.into_iter();
    let items = assemble(&plan, &mut parsed)?;
    let holder = match split {
        Split::Collection(_) => &mut document,
        Split::Envelope(_) => document.collection.as_deref_mut()?,
    };
    holder.item = Some(items);
    Some(document)
}

/// Whether the parse in pieces of `text` (every folder cut, whatever its size) gives what the
/// whole-text parse gives: no document when that fails, the same document when it succeeds.
/// For the fuzz target, since files below [`SPLIT_FROM`] never take this path.
pub fn pieces_match_whole(text: &str) -> bool {
    let text = strip_bom(text);
    match in_pieces(text, 0) {
        None => true,
        Some(pieces) => serde_json::from_str::<Document>(text)
            .is_ok_and(|whole| format!("{whole:?}") == format!("{pieces:?}")),
    }
}

/// How a list of entries was cut into pieces.
enum Piece {
    /// An entry parsed whole.
    Whole,
    /// A folder parsed without its items, then its items.
    Folder(Vec<Piece>),
}

/// Cuts `entries` into pieces of text to parse, in order: folders larger than `largest` are
/// parsed without their items (an outline, like the file's) and their items cut in turn.
fn plan<'a>(
    text: &'a str,
    entries: &[Entry],
    largest: usize,
    pieces: &mut Vec<std::borrow::Cow<'a, str>>,
) -> Option<Vec<Piece>> {
    entries
        .iter()
        .map(|entry| match &entry.items {
            Some(items) if entry.span.len() > largest && !items.entries.is_empty() => {
                pieces.push(outline(text, entry.span.clone(), &items.span)?.into());
                plan(text, &items.entries, largest, pieces).map(Piece::Folder)
            }
            _ => {
                pieces.push(text.get(entry.span.clone())?.into());
                Some(Piece::Whole)
            }
        })
        .collect()
}

/// The text of `whole` with `[]` in place of its `items` array: the file or folder without its
/// items, which are parsed as pieces of their own.
fn outline(text: &str, whole: Range<usize>, items: &Range<usize>) -> Option<String> {
    Some(
        [
            text.get(whole.start..items.start)?,
            "[]",
            text.get(items.end..whole.end)?,
        ]
        .concat(),
    )
}

/// The items of a planned list from the parsed pieces (in the order [`plan`] cut them);
/// `None` when a piece failed to parse.
fn assemble(
    plan: &[Piece],
    parsed: &mut impl Iterator<Item = Option<Option<Item>>>,
) -> Option<Vec<Item>> {
    let mut items = Vec::with_capacity(plan.len());
    for piece in plan {
        let entry = parsed.next()??;
        match piece {
            Piece::Whole => items.extend(entry),
            Piece::Folder(children) => {
                // An object always reads as an item.
                let mut folder = entry?;
                folder.item = Some(assemble(children, parsed)?);
                items.push(folder);
            }
        }
    }
    Some(items)
}

/// Parses with the JSON pointer of every value tracked, for a located error.
fn located(text: &str, file: &str) -> Result<Document, Error> {
    let mut track = serde_path_to_error::Track::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let tracked = serde_path_to_error::Deserializer::new(&mut deserializer, &mut track);
    serde::Deserialize::deserialize(tracked)
        .and_then(|doc| deserializer.end().map(|()| doc))
        .map_err(|error| json_error(&error, &track.path(), file))
}

/// Reports a missing or unknown `info.schema` (the file is still read as v2.x).
fn check_schema(info: &Info, file: &str, base: &str, diagnostics: &mut Diagnostics) {
    let schema = info.schema.as_deref().or(info.postman_schema.as_deref());
    let known = schema.is_some_and(|s| {
        let s = s.to_ascii_lowercase();
        (s.contains("getpostman.com") || s.contains("schema.postman.com"))
            && (s.contains("v2.0")
                || s.contains("v2.1")
                || s.contains("#2.0")
                || s.contains("#2.1"))
    });
    if !known {
        diagnostics.push(
            Diagnostic::new(
                codes::UNKNOWN_SCHEMA,
                match schema {
                    Some(s) => format!("info.schema `{s}` is not a known Postman v2.x schema; reading the file as v2.x"),
                    None => "info.schema is missing; reading the file as a v2.x collection".to_string(),
                },
            )
            .at(Location::file(file).at(format!("{base}/info"))),
        );
    }
}

/// A located error from a syntax or shape failure.
fn json_error(error: &serde_json::Error, path: &serde_path_to_error::Path, file: &str) -> Error {
    use serde_json::error::Category;
    let line = u32::try_from(error.line()).unwrap_or(u32::MAX);
    let column = u32::try_from(error.column()).unwrap_or(u32::MAX);
    match error.classify() {
        Category::Data => Error::new(
            codes::INVALID_COLLECTION,
            format!("the collection does not have the expected shape: {error}"),
        )
        .at(Location::file(file)
            .at(connectorize_ir::pointer::from_serde_path(path))
            .line_col(line, column)),
        _ => Error::new(
            codes::INVALID_JSON,
            format!("the file is not valid JSON: {error}"),
        )
        .at(Location::file(file).line_col(line, column))
        .help("fix the JSON syntax at the position shown, or export the collection again"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let mut sink = Diagnostics::new();
        let err = parse("{\n  \"item\": [,]\n}", "c.json", &mut sink).unwrap_err();
        let d = err.diagnostic();
        assert_eq!(d.code, codes::INVALID_JSON);
        let at = d.location.clone().unwrap();
        assert_eq!((at.line, at.column), (Some(2), Some(12)));
    }

    #[test]
    fn shape_errors_carry_the_pointer_and_position_of_the_value() {
        let mut sink = Diagnostics::new();
        let text = "{\"item\": [\n  {\"name\": \"a\"},\n  {\"item\": [{\"auth\": \"bearer\"}]}\n]}";
        let err = parse(text, "c.json", &mut sink).unwrap_err();
        let d = err.diagnostic();
        assert_eq!(d.code, codes::INVALID_COLLECTION);
        assert_eq!(
            d.message,
            "the collection does not have the expected shape: invalid type: string \"bearer\", expected struct Auth at line 3 column 29"
        );
        let at = d.location.clone().unwrap();
        assert_eq!(at.pointer.as_deref(), Some("/item/1/item/0/auth"));
        assert_eq!((at.line, at.column), (Some(3), Some(29)));
    }

    #[test]
    fn unwraps_the_envelope_and_strips_the_bom() {
        let mut sink = Diagnostics::new();
        let parsed = parse(
            "\u{feff}{\"collection\": {\"info\": {\"name\": \"x\"}, \"item\": []}}",
            "c.json",
            &mut sink,
        )
        .unwrap();
        assert_eq!(parsed.base, "/collection");
        assert_eq!(parsed.info.name.as_deref(), Some("x"));
    }

    /// Deterministic collections in the shapes the model tolerates: requests as strings, raw
    /// header blocks, escaped JSON bodies, single objects and `null` for lists, entries that
    /// are not objects at every level, secrets.
    struct Generator {
        state: u64,
        requests: u64,
    }

    impl Generator {
        /// SplitMix64: a number below `n`.
        fn next(&mut self, n: u64) -> u64 {
            self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) % n
        }

        fn request(&mut self) -> serde_json::Value {
            use serde_json::json;
            self.requests += 1;
            let i = self.requests;
            let methods = ["GET", "POST", "PUT", "DELETE", "PROPFIND"];
            let method = methods[usize::try_from(self.next(5)).unwrap()];
            let header = if self.next(3) == 0 {
                json!("Content-Type: application/json\nX-A: {\"b\"}")
            } else {
                json!([{"key": "Content-Type", "value": "application/json"}, "X-Raw: 1", null])
            };
            let auth = if self.next(4) == 0 {
                json!({"type": "bearer", "bearer": [{"key": "token", "value": format!("tok-{i}-secret")}]})
            } else {
                json!(null)
            };
            let request = match self.next(6) {
                0 => json!(format!("https://api.example.com/plain/{i}?s=\\\"}}")),
                1 => json!(i),
                _ => json!({
                    "method": method,
                    "url": {
                        "raw": format!("{{{{base}}}}/things/{i}/:id?q=\"x\"&b=[1]"),
                        "host": ["{{base}}"],
                        "path": ["things", i.to_string(), ":id"],
                        "query": [{"key": "q", "value": "\"x\""}, {"key": "b", "value": "[1]", "disabled": true}, 7],
                        "variable": {"key": "id", "value": i},
                    },
                    "header": header,
                    "body": {
                        "mode": "raw",
                        "raw": json!({"name": format!("n{i}\"]}}"), "list": [1, 2.5, {"a": "]"}]}).to_string(),
                        "options": {"raw": {"language": "json"}},
                    },
                    "auth": auth,
                    "description": {"content": "d\\ \u{e9} \u{1f600} [{ key-0123456789", "type": "text/markdown"},
                }),
            };
            json!({
                "name": format!("r{i} \"q\" \\"),
                "request": request,
                "response": [{
                    "name": "ok",
                    "code": 200,
                    "header": [{"key": "Content-Type", "value": "application/json"}, {"key": "Date", "value": "x"}],
                    "body": json!({"id": i, "tags": ["a", "b\\"], "nested": {"x": [[]]}}).to_string(),
                    "originalRequest": {"method": "GET", "url": "https://api.example.com/q?page=1"},
                }],
                "event": [{"listen": "test", "script": {"exec": ["pm.test(\"]\", () => {})"]}}],
            })
        }

        fn folder(&mut self, name: String, level: usize, width: usize) -> serde_json::Value {
            use serde_json::json;
            let mut items = Vec::new();
            for k in 0..width {
                items.push(match self.next(12) {
                    0 => json!(k),
                    1 => json!([{"name": "inside an array"}, "x"]),
                    2 => json!(null),
                    3 if level > 0 => {
                        json!({"name": format!("single {k}"), "item": self.request()})
                    }
                    4 if level > 0 => json!({"name": format!("none {k}"), "item": null}),
                    5..=7 if level > 0 => self.folder(format!("{name}/{k}"), level - 1, width),
                    _ => self.request(),
                });
            }
            json!({
                "name": name,
                "description": "a folder",
                "item": items,
                "variable": [{"key": "v", "value": "1"}],
                "auth": {"type": "apikey", "apikey": {"key": "X-Key", "value": "key-0123456789"}},
            })
        }
    }

    /// A collection with `top` top-level folders nested `depth` deep, `width` entries each;
    /// pretty-printed for an even seed.
    fn generated(seed: u64, top: usize, depth: usize, width: usize) -> String {
        let mut generator = Generator {
            state: seed,
            requests: 0,
        };
        let items: Vec<_> = (0..top)
            .map(|k| generator.folder(format!("f{k}"), depth, width))
            .collect();
        let document = serde_json::json!({
            "info": {"name": "generated", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": items,
            "variable": [{"key": "base", "value": "https://api.example.com"}],
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        });
        if seed % 2 == 0 {
            serde_json::to_string_pretty(&document).unwrap()
        } else {
            document.to_string()
        }
    }

    /// The whole-text parse, the reference for the parse in pieces.
    fn whole(text: &str) -> Document {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn pieces_read_as_the_whole_text() {
        let mut texts = vec![
            r#"{"info": {"name": "a"}, "item": [1, "x", null, [{"name": "in array"}], {"name": "r", "request": "https://e.io/a"}, {"name": "f", "item": {"name": "single"}}, {"name": "g", "item": [true, {"name": "s \"]}"}]}], "event": {"listen": "test"}}"#.to_string(),
            r#"  {"collection": {"info": {"name": "wrapped"}, "item": [{"name": "f", "item": [{"name": "r"}, {"name": "e", "item": []}]}]}}  "#.to_string(),
            r#"{"info": {"name": "outer"}, "collection": {"item": [{"name": "inner"}]}}"#.to_string(),
            r#"{"collection": {"item": [1]}, "item": [{"name": "own"}, {"item": [{"item": [{"name": "deep"}]}]}]}"#.to_string(),
            "{\"item\" :\n[ ]\n}\n".to_string(),
        ];
        for seed in 1..5 {
            texts.push(generated(
                seed,
                1 + usize::try_from(seed % 3).unwrap(),
                3,
                6,
            ));
        }
        for text in &texts {
            let expected = format!("{:?}", whole(text));
            for largest in [0, 200, 5_000, usize::MAX] {
                let pieces =
                    in_pieces(text, largest).unwrap_or_else(|| panic!("not split: {text}"));
                assert_eq!(format!("{pieces:?}"), expected, "{text}");
            }
        }
    }

    #[test]
    fn the_fuzzing_check_agrees_on_valid_and_refuses_what_the_whole_parse_refuses() {
        let valid = r#"{"info": {"name": "a"}, "item": [{"name": "f", "item": [{"name": "r"}]}]}"#;
        assert!(pieces_match_whole(valid));
        assert!(pieces_match_whole(&format!("\u{feff}{valid}")));
        // Text the scanner gives up on, and text both parses refuse.
        for text in [
            "",
            "[]",
            "{\"item\": [,]}",
            "{\"item\": [1] x",
            "{\"item\": [{\"a\": }]}",
        ] {
            assert!(pieces_match_whole(text), "{text}");
        }
    }

    #[test]
    fn large_files_convert_in_pieces_exactly_as_whole() {
        let text = generated(6, 3, 4, 9);
        assert!(text.len() > SPLIT_FROM, "{} bytes", text.len());
        let lowered = |document: Document| {
            let mut sink = Diagnostics::new();
            let parsed = collection(document, "c.json", &mut sink).unwrap();
            let apis = crate::lower::lower(parsed, "c.json", &crate::Options::default(), &mut sink);
            (apis, sink)
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let pieces = in_pieces(&text, text.len() / (cores * PIECES_PER_CORE)).unwrap();
        let (apis, diagnostics) = lowered(pieces);
        assert!(apis.as_ref().unwrap()[0].operations.len() > 400);
        assert!(diagnostics.iter().any(|d| d.code == codes::SECRETS_REMOVED));
        assert_eq!((apis, diagnostics), lowered(whole(&text)));
        let mut sink = Diagnostics::new();
        let parsed = parse(&format!("\u{feff}{text}"), "c.json", &mut sink).unwrap();
        assert_eq!(
            format!("{:?}", parsed.items),
            format!("{:?}", whole(&text).item.unwrap())
        );
    }

    /// `text` with the `n`th (from 0) occurrence of `from` replaced.
    fn replace_nth(text: &str, from: &str, to: &str, n: usize) -> String {
        let (at, _) = text.match_indices(from).nth(n).unwrap();
        format!("{}{to}{}", &text[..at], &text[at + from.len()..])
    }

    #[test]
    fn errors_in_large_files_are_those_of_the_whole_text() {
        let text = generated(8, 3, 4, 9);
        assert!(text.len() > SPLIT_FROM, "{} bytes", text.len());
        let syntax = replace_nth(&text, "\"name\": \"r", "\"name\": , \"r", 600);
        let comma = syntax.find(": , \"r").unwrap() + 2;
        let line = syntax[..comma].matches('\n').count() + 1;
        let column = comma - syntax[..comma].rfind('\n').unwrap();
        let cases = [
            (syntax, codes::INVALID_JSON, "expected value at line"),
            (
                replace_nth(
                    &text,
                    "\"event\": [",
                    "\"auth\": \"bearer\", \"event\": [",
                    300,
                ),
                codes::INVALID_COLLECTION,
                "expected struct Auth",
            ),
            (
                replace_nth(&text, "\"item\": [", "\"item\": [1,, ", 5),
                codes::INVALID_JSON,
                "expected value",
            ),
            (
                replace_nth(&text, "\"info\": {", "\"item\": [], \"info\": {", 0),
                codes::INVALID_COLLECTION,
                "duplicate field `item`",
            ),
            (
                format!("{text} x"),
                codes::INVALID_JSON,
                "trailing characters",
            ),
            (
                text[..text.find("\"name\": \"r500").unwrap()].to_string(),
                codes::INVALID_JSON,
                "EOF while parsing",
            ),
        ];
        for (number, (bad, code, message)) in cases.into_iter().enumerate() {
            assert!(in_pieces(&bad, 0).is_none(), "case {number}");
            let mut sink = Diagnostics::new();
            let error = parse(&bad, "c.json", &mut sink).unwrap_err();
            assert_eq!(error, located(&bad, "c.json").unwrap_err());
            let diagnostic = error.diagnostic();
            assert_eq!(diagnostic.code, code, "{diagnostic}");
            assert!(diagnostic.message.contains(message), "{diagnostic}");
            let at = diagnostic.location.clone().unwrap();
            if number == 0 {
                assert_eq!(
                    (at.line, at.column),
                    (u32::try_from(line).ok(), u32::try_from(column).ok())
                );
            }
            if number == 1 {
                let pointer = at.pointer.unwrap();
                assert!(
                    pointer.starts_with("/item/") && pointer.ends_with("/auth"),
                    "{pointer}"
                );
            }
        }
    }

    #[test]
    fn nesting_the_scanner_does_not_follow_is_parsed_whole() {
        let text = generated(10, 3, 4, 9);
        // Nesting it follows is parsed in pieces, on worker threads' stacks (and a request is
        // buffered whole, as it is an untagged enum).
        let nested = format!("{}1{}", "{\"a\": ".repeat(40), "}".repeat(40));
        let deep = replace_nth(
            &text,
            "\"options\": {",
            &format!("\"options\": {nested}, \"x\": {{"),
            30,
        );
        let pieces = in_pieces(&deep, 0).unwrap();
        assert_eq!(format!("{pieces:?}"), format!("{:?}", whole(&deep)));
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let bad = replace_nth(
            &text,
            "\"options\": {",
            &format!("\"options\": {deep}, \"x\": {{"),
            30,
        );
        assert!(bad.len() > SPLIT_FROM && in_pieces(&bad, 0).is_none());
        let mut sink = Diagnostics::new();
        let parsed = parse(&bad, "c.json", &mut sink).unwrap();
        assert_eq!(
            format!("{:?}", parsed.items),
            format!("{:?}", whole(&bad).item.unwrap())
        );
    }
}
