//! `{{name}}` variables: scopes, recursive resolution with a cycle guard, and which variables
//! hold secrets (their values are never substituted, so they cannot reach the output).

use indexmap::IndexMap;

use crate::model::Variable;

/// One variable's value and whether it is a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// The text.
    pub text: String,
    /// Never substituted into the output.
    pub secret: bool,
}

/// One scope: names to values, in input order.
pub type Scope = IndexMap<String, Value>;

/// Builds a scope from Postman variables (disabled ones skipped; later entries win).
pub fn scope(variables: &[Variable], secret_names: &[String]) -> Scope {
    let mut out = Scope::new();
    for variable in variables.iter().filter(|v| !v.disabled) {
        let Some(name) = variable.name() else {
            continue;
        };
        let text = variable.text().unwrap_or_default();
        let secret = variable.kind.as_deref() == Some("secret")
            || is_secret_name(name)
            || secret_names.iter().any(|s| s == name);
        out.insert(name.to_string(), Value { text, secret });
    }
    out
}

/// Whether a variable or field name suggests that its value is a credential.
///
/// Names of URLs and endpoints (`tokenUrl`, `auth_endpoint`) are not secrets: they are needed
/// to build the connector's address and OAuth settings.
pub fn is_secret_name(name: &str) -> bool {
    // Folded on the stack: example documents ask this of every key.
    let mut buffer = [0u8; 64];
    let mut length = 0;
    let mut long = Vec::new();
    for byte in name.bytes().filter(u8::is_ascii_alphanumeric) {
        if length < buffer.len() {
            buffer[length] = byte.to_ascii_lowercase();
            length += 1;
        } else {
            if long.is_empty() {
                long.extend_from_slice(&buffer);
            }
            long.push(byte.to_ascii_lowercase());
        }
    }
    let folded = if long.is_empty() {
        &buffer[..length]
    } else {
        &long[..]
    };
    let contains = |word: &[u8]| folded.windows(word.len()).any(|w| w == word);
    if [
        "url",
        "uri",
        "endpoint",
        "host",
        "path",
        "type",
        "name",
        "expiry",
        "expires",
        "expiresin",
    ]
    .iter()
    .any(|suffix| folded.ends_with(suffix.as_bytes()))
    {
        return false;
    }
    [
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "accesskey",
        "privatekey",
        "subscriptionkey",
        "credential",
        "authorization",
        "signature",
        "sessionkey",
        "bearer",
    ]
    .iter()
    .any(|word| contains(word.as_bytes()))
}

/// The outcome of resolving one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// The text with every resolvable, non-secret variable substituted.
    pub text: String,
    /// Names that have no value in any scope (dynamic `$` variables excluded).
    pub unresolved: Vec<String>,
    /// Names of secret variables left as `{{name}}`.
    pub secrets: Vec<String>,
    /// Names that refer back to themselves.
    pub cycles: Vec<String>,
}

impl Resolved {
    /// Whether anything other than a dynamic variable is left unresolved.
    pub fn is_complete(&self) -> bool {
        self.unresolved.is_empty() && self.secrets.is_empty() && self.cycles.is_empty()
    }
}

/// The scopes in effect for one request, narrowest first.
#[derive(Clone, Debug, Default)]
pub struct Scopes<'a> {
    layers: Vec<&'a Scope>,
}

/// How deep variable values may nest before resolution stops.
const MAX_DEPTH: usize = 16;

impl<'a> Scopes<'a> {
    /// Scopes from narrowest to widest.
    pub fn new(layers: Vec<&'a Scope>) -> Self {
        Scopes { layers }
    }

    /// The value of `name` in the narrowest scope that has it.
    pub fn lookup(&self, name: &str) -> Option<&'a Value> {
        self.layers.iter().find_map(|scope| scope.get(name))
    }

    /// Resolves every `{{name}}` in `text`.
    pub fn resolve(&self, text: &str) -> Resolved {
        let mut out = Resolved::default();
        let mut stack = Vec::new();
        out.text = self.expand(text, &mut stack, &mut out);
        out
    }

    fn expand(&self, text: &str, stack: &mut Vec<String>, out: &mut Resolved) -> String {
        let mut result = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open + 2..].find("}}").map(|c| c + open + 2) else {
                break;
            };
            result.push_str(&rest[..open]);
            let reference = &rest[open..close + 2];
            let name = rest[open + 2..close].trim();
            rest = &rest[close + 2..];
            if name.starts_with('$') || name.is_empty() {
                result.push_str(reference);
                continue;
            }
            match self.lookup(name) {
                None => {
                    push_unique(&mut out.unresolved, name);
                    result.push_str(reference);
                }
                Some(value) if value.secret => {
                    push_unique(&mut out.secrets, name);
                    result.push_str(reference);
                }
                Some(_) if stack.iter().any(|s| s == name) || stack.len() >= MAX_DEPTH => {
                    push_unique(&mut out.cycles, name);
                    result.push_str(reference);
                }
                Some(value) => {
                    stack.push(name.to_string());
                    let expanded = self.expand(&value.text, stack, out);
                    stack.pop();
                    result.push_str(&expanded);
                }
            }
        }
        result.push_str(rest);
        result
    }
}

fn push_unique(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_string());
    }
}

/// The names of the `{{name}}` references in `text`, dynamic ones excluded.
pub fn references(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        let name = rest[open + 2..open + 2 + close].trim();
        if !name.is_empty() && !name.starts_with('$') {
            push_unique(&mut names, name);
        }
        rest = &rest[open + 2 + close + 2..];
    }
    names
}

/// Whether `text` still holds a `{{…}}` reference (dynamic ones included).
pub fn has_reference(text: &str) -> bool {
    text.find("{{")
        .is_some_and(|open| text[open..].contains("}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope_of(pairs: &[(&str, &str, bool)]) -> Scope {
        pairs
            .iter()
            .map(|(k, v, secret)| {
                (
                    k.to_string(),
                    Value {
                        text: v.to_string(),
                        secret: *secret,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn resolves_recursively_narrowest_first_and_leaves_dynamic_ones() {
        let wide = scope_of(&[
            ("host", "api.example.com", false),
            ("base", "https://{{host}}/v1", false),
        ]);
        let narrow = scope_of(&[("host", "eu.example.com", false)]);
        let scopes = Scopes::new(vec![&narrow, &wide]);
        let r = scopes.resolve("{{base}}/x?id={{$guid}}&q={{missing}}");
        assert_eq!(
            r.text,
            "https://eu.example.com/v1/x?id={{$guid}}&q={{missing}}"
        );
        assert_eq!(r.unresolved, ["missing"]);
    }

    #[test]
    fn cycles_and_secrets_stay_unresolved() {
        let s = scope_of(&[
            ("a", "{{b}}", false),
            ("b", "x{{a}}", false),
            ("key", "s3cr3t", true),
        ]);
        let scopes = Scopes::new(vec![&s]);
        let r = scopes.resolve("{{a}} {{key}}");
        assert_eq!(r.text, "x{{a}} {{key}}");
        assert_eq!(r.cycles, ["a"]);
        assert_eq!(r.secrets, ["key"]);
        assert!(!r.is_complete());
    }

    #[test]
    fn secret_names_are_recognised_but_urls_are_not() {
        assert!(is_secret_name("access_token"));
        assert!(is_secret_name("clientSecret"));
        assert!(is_secret_name("X-API-Key"));
        assert!(!is_secret_name("tokenUrl"));
        assert!(!is_secret_name("baseUrl"));
        assert!(is_secret_name("Größe-Secret"));
        assert!(!is_secret_name("Pässwörd"));
        // Names longer than the folding buffer.
        let long = "x".repeat(70);
        assert!(is_secret_name(&format!("{long}_Access-Token")));
        assert!(!is_secret_name(&format!("{long}_Access-Token_URL")));
        assert!(is_secret_name(&format!("{}-token-{long}", "y".repeat(60))));
        assert!(!is_secret_name(&long));
        assert_eq!(references("{{a}}/{{ b }}/{{$x}}/{{a}}"), ["a", "b"]);
    }
}
