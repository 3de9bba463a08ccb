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

/// Removes comments and trailing commas and quotes bare `{{…}}` outside strings.
fn repair(text: &str) -> String {
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
}
