//! Policy value templates: literal text with `{connection.NAME}` placeholders.
//!
//! `{{` and `}}` stand for literal braces. Anything else between braces is kept as literal
//! text, so JSON-looking values survive.

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// Literal text (braces already unescaped).
    Text(String),
    /// A reference to the connection parameter of this name.
    Connection(&'a str),
}

const PREFIX: &str = "{connection.";

/// Splits a template into literal text and connection references.
pub fn parse(template: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{{") {
            text.push('{');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("}}") {
            text.push('}');
            rest = after;
        } else if let Some(name) = rest
            .strip_prefix(PREFIX)
            .and_then(|after| after.find('}').map(|end| &after[..end]))
            .filter(|name| is_parameter_name(name))
        {
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            parts.push(Part::Connection(name));
            rest = &rest[PREFIX.len() + name.len() + 1..];
        } else {
            let ch = rest.chars().next().expect("rest is not empty");
            text.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    parts
}

/// The connection parameter names a template refers to, in order.
pub fn connection_references(template: &str) -> Vec<&str> {
    parse(template)
        .into_iter()
        .filter_map(|part| match part {
            Part::Connection(name) => Some(name),
            Part::Text(_) => None,
        })
        .collect()
}

/// Escapes literal text for use in a template.
pub fn escape(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// Whether `name` is a valid connection parameter name (ASCII letters, digits and `_`).
pub fn is_parameter_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_references() {
        assert_eq!(
            parse("Token {connection.api_key}!"),
            vec![
                Part::Text("Token ".into()),
                Part::Connection("api_key"),
                Part::Text("!".into())
            ]
        );
        assert_eq!(parse("{{x}} {y}"), vec![Part::Text("{x} {y}".into())]);
        assert_eq!(
            connection_references("https://{connection.region}.x/{connection.v}"),
            ["region", "v"]
        );
        assert_eq!(parse(&escape("{a}")), vec![Part::Text("{a}".into())]);
    }
}
