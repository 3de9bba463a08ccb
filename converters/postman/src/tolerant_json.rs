//! Parsing the JSON people actually type into Postman bodies: `//` and `/* */` comments,
//! trailing commas, and unquoted `{{variables}}` (read as `null`: their type is unknown).

use serde_json::Value;

/// Parses `text` as JSON after repairing the common hand-written deviations.
pub fn parse(text: &str) -> Result<Value, String> {
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    serde_json::from_str(&repair(text)).map_err(|e| e.to_string())
}

/// Whether text looks like a JSON document (object or array) at all.
pub fn looks_like_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
}

/// Removes comments and trailing commas and replaces bare `{{…}}` outside strings with `null`.
///
/// Scans bytes and copies runs of the text: every character it looks for is ASCII, so it never
/// cuts a character, and the copy costs the text's size (bodies can be tens of megabytes).
pub fn repair(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // The text from `copied` to `i` is still to be copied.
    let mut copied = 0;
    let mut i = 0;
    let skip = |out: &mut String, from: usize, to: usize, copied: &mut usize| {
        out.push_str(text.get(*copied..from).unwrap_or_default());
        *copied = to.min(bytes.len());
    };
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip over the string, honouring escapes.
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(bytes.len(), |n| i + n);
                skip(&mut out, i, end, &mut copied);
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = past(bytes, i + 2, b"*/");
                skip(&mut out, i, end, &mut copied);
                i = end;
            }
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                let end = past(bytes, i + 2, b"}}");
                skip(&mut out, i, end, &mut copied);
                out.push_str("null");
                i = end;
            }
            b',' => {
                let rest = text.get(i + 1..).unwrap_or_default();
                if matches!(rest.trim_start().as_bytes().first(), Some(b'}' | b']')) {
                    skip(&mut out, i, i + 1, &mut copied);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// The index just past the first `closing` at or after `from`, or the end of `bytes` when the
/// run is never closed.
fn past(bytes: &[u8], from: usize, closing: &[u8; 2]) -> usize {
    bytes[from..]
        .windows(2)
        .position(|w| w == closing)
        .map_or(bytes.len(), |n| from + n + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn repairs_comments_trailing_commas_and_bare_variables() {
        let text = "{\n  // the id\n  \"id\": {{id}}, /* note */\n  \"tags\": [\"a\", \"b\",],\n  \"url\": \"http://x//y {{v}}\",\n}";
        assert_eq!(
            parse(text).unwrap(),
            json!({"id": null, "tags": ["a", "b"], "url": "http://x//y {{v}}"})
        );
        assert!(parse("{\"a\": }").is_err());
        assert!(looks_like_json("  [1]"));
    }

    /// The first, character-by-character repair: what [`repair`] must still do.
    fn repair_by_chars(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '"' => {
                    // Copy the string verbatim, honouring escapes.
                    out.push(c);
                    i += 1;
                    while i < chars.len() {
                        out.push(chars[i]);
                        if chars[i] == '\\' && i + 1 < chars.len() {
                            out.push(chars[i + 1]);
                            i += 2;
                            continue;
                        }
                        if chars[i] == '"' {
                            break;
                        }
                        i += 1;
                    }
                    i += 1;
                }
                '/' if chars.get(i + 1) == Some(&'/') => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                '/' if chars.get(i + 1) == Some(&'*') => {
                    i += 2;
                    while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                        i += 1;
                    }
                    i += 2;
                }
                '{' if chars.get(i + 1) == Some(&'{') => {
                    let mut j = i + 2;
                    while j + 1 < chars.len() && !(chars[j] == '}' && chars[j + 1] == '}') {
                        j += 1;
                    }
                    out.push_str("null");
                    i = j + 2;
                }
                ',' => {
                    let mut j = i + 1;
                    while j < chars.len() && chars[j].is_whitespace() {
                        j += 1;
                    }
                    if !matches!(chars.get(j), Some('}' | ']')) {
                        out.push(c);
                    }
                    i += 1;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        out
    }

    #[test]
    fn repairs_byte_runs_as_it_did_character_by_character() {
        let cases = [
            "{\"a\": 1, // é\n \"b\": [1, 2,\u{a0}], /* ü */ \"c\": {{v}}, \"d\": \"x\\\"é, }\",}",
            "[1,\u{2028}]",
            "[1,\u{a0}\u{3000}}",
            "{\"a\": \"\\é\", \"b\": {{unterminated",
            "[1] /* unterminated",
            "[1] // to the end",
            "\"unterminated \\",
            "{{}}{{a}}{{",
            ",,,]",
            "",
        ];
        for text in cases {
            assert_eq!(repair(text), repair_by_chars(text), "{text:?}");
        }
        // Every cut of a text that holds each construct.
        let text =
            "{\n // c\n \"k\\\"é\": {{v}}, /* é */ \"l\": [1,\u{a0}], \"m\": \"{{x}} //\", }";
        for (end, _) in text.char_indices() {
            let cut = &text[..end];
            assert_eq!(repair(cut), repair_by_chars(cut), "{cut:?}");
            let rest = &text[end..];
            assert_eq!(repair(rest), repair_by_chars(rest), "{rest:?}");
        }
    }
}
