//! Just enough of the ARM template expression language to read API Management templates.
//!
//! Resource-kit templates name every resource `[concat(parameters('ApimServiceName'), '/api/op')]`,
//! point at version sets with `resourceId(...)`, take backend URLs from parameter objects
//! (`parameters('serviceUrl').echoapi`) and sometimes build policy XML with `concat`. A string
//! that starts with `[[` is a literal starting with `[`. Only pure string functions are
//! evaluated; a parameter without a value evaluates to a `{name}` placeholder and is recorded,
//! so that names still resolve while the caller reports what was missing.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// Parameter and variable values an expression can read.
#[derive(Debug, Default)]
pub struct Context {
    /// Parameter values: the parameter file's, else the template's `defaultValue`.
    pub parameters: Map<String, Value>,
    /// The template's `variables`, unevaluated.
    pub variables: Map<String, Value>,
    missing: RefCell<BTreeSet<String>>,
    depth: RefCell<usize>,
}

impl Context {
    /// A context over these parameters and variables.
    pub fn new(parameters: Map<String, Value>, variables: Map<String, Value>) -> Self {
        Context {
            parameters,
            variables,
            missing: RefCell::default(),
            depth: RefCell::new(0),
        }
    }

    /// Parameters that were read but had no value, since the last call.
    pub fn take_missing(&self) -> Vec<String> {
        std::mem::take(&mut *self.missing.borrow_mut())
            .into_iter()
            .collect()
    }

    /// Evaluates a JSON value: strings that are expressions are evaluated, `[[` is unescaped,
    /// and objects and arrays are walked. Errors name the first expression that failed.
    pub fn resolve(&self, value: &Value) -> Result<Value, String> {
        match value {
            Value::String(text) => self.resolve_str(text),
            Value::Array(items) => items
                .iter()
                .map(|v| self.resolve(v))
                .collect::<Result<_, _>>()
                .map(Value::Array),
            Value::Object(map) => {
                let mut out = Map::new();
                for (key, item) in map {
                    out.insert(key.clone(), self.resolve(item)?);
                }
                Ok(Value::Object(out))
            }
            other => Ok(other.clone()),
        }
    }

    /// Evaluates one string: an expression when it is `[ … ]`, a literal otherwise.
    pub fn resolve_str(&self, text: &str) -> Result<Value, String> {
        if let Some(rest) = text.strip_prefix("[[") {
            return Ok(Value::String(format!("[{rest}")));
        }
        match text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(expression) => {
                let mut parser = Parser {
                    text: expression,
                    pos: 0,
                    context: self,
                };
                let value = parser.expression()?;
                parser.skip_space();
                if parser.pos < expression.len() {
                    return Err(format!("unexpected text at character {}", parser.pos + 1));
                }
                Ok(value)
            }
            None => Ok(Value::String(text.to_string())),
        }
    }

    /// Evaluates a string and renders the result as text (numbers and booleans included).
    pub fn resolve_text(&self, text: &str) -> Result<String, String> {
        self.resolve_str(text).map(|value| as_text(&value))
    }
}

/// A value as the text `concat` would produce.
pub fn as_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    context: &'a Context,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.text[self.pos..].starts_with(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, ch: char) -> bool {
        self.skip_space();
        if self.text[self.pos..].starts_with(ch) {
            self.pos += ch.len_utf8();
            true
        } else {
            false
        }
    }

    fn expression(&mut self) -> Result<Value, String> {
        self.skip_space();
        let rest = &self.text[self.pos..];
        let mut value = if rest.starts_with('\'') {
            self.string()?
        } else if rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            let len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
                .unwrap_or(rest.len());
            self.pos += len;
            serde_json::from_str(&rest[..len])
                .map_err(|_| format!("a bad number at character {}", self.pos + 1))?
        } else {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if len == 0 {
                return Err(format!("unexpected character at {}", self.pos + 1));
            }
            let name = rest[..len].to_string();
            self.pos += len;
            if !self.eat('(') {
                return match name.as_str() {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    "null" => Ok(Value::Null),
                    _ => Err(format!("unknown name `{name}`")),
                };
            }
            let mut args = Vec::new();
            if !self.eat(')') {
                loop {
                    args.push(self.expression()?);
                    if self.eat(')') {
                        break;
                    }
                    if !self.eat(',') {
                        return Err(format!("expected `,` or `)` in `{name}(…)`"));
                    }
                }
            }
            self.call(&name, args)?
        };
        loop {
            if self.eat('.') {
                self.skip_space();
                let rest = &self.text[self.pos..];
                let len = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                    .unwrap_or(rest.len());
                let key = &rest[..len];
                self.pos += len;
                value = member(&value, key)?;
            } else if self.eat('[') {
                let index = self.expression()?;
                if !self.eat(']') {
                    return Err("expected `]`".into());
                }
                value = match &index {
                    Value::Number(n) => n
                        .as_u64()
                        .and_then(|i| value.get(i as usize))
                        .cloned()
                        .ok_or_else(|| format!("index {n} is out of range"))?,
                    other => member(&value, &as_text(other))?,
                };
            } else {
                return Ok(value);
            }
        }
    }

    fn string(&mut self) -> Result<Value, String> {
        let mut out = String::new();
        self.pos += 1;
        loop {
            let rest = &self.text[self.pos..];
            let Some(quote) = rest.find('\'') else {
                return Err("unterminated string".into());
            };
            out.push_str(&rest[..quote]);
            self.pos += quote + 1;
            if self.text[self.pos..].starts_with('\'') {
                out.push('\'');
                self.pos += 1;
            } else {
                return Ok(Value::String(out));
            }
        }
    }

    fn call(&mut self, name: &str, args: Vec<Value>) -> Result<Value, String> {
        let text = |i: usize| args.get(i).map(as_text).unwrap_or_default();
        Ok(match name.to_ascii_lowercase().as_str() {
            "concat" => {
                if args.iter().all(Value::is_array) && !args.is_empty() {
                    Value::Array(
                        args.iter()
                            .filter_map(Value::as_array)
                            .flatten()
                            .cloned()
                            .collect(),
                    )
                } else {
                    Value::String(args.iter().map(as_text).collect())
                }
            }
            "parameters" => {
                let key = text(0);
                match lookup(&self.context.parameters, &key) {
                    Some(value) => self.nested(value)?,
                    None => {
                        self.context.missing.borrow_mut().insert(key.clone());
                        Value::String(format!("{{{key}}}"))
                    }
                }
            }
            "variables" => {
                let key = text(0);
                let value = lookup(&self.context.variables, &key)
                    .ok_or_else(|| format!("variable `{key}` is not defined"))?;
                self.nested(value)?
            }
            "resourceid" => {
                // resourceId([subscriptionId], [resourceGroup], type, name1, name2, …): the type is
                // the first argument with a `/`; names interleave with its child type segments.
                let start = args
                    .iter()
                    .position(|a| as_text(a).contains('/'))
                    .ok_or("resourceId() without a resource type")?;
                let kind = text(start);
                let mut segments = kind.split('/');
                let mut id = format!("/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}/providers/{}", segments.next().unwrap_or(""));
                for (segment, name) in segments.zip(args.iter().skip(start + 1)) {
                    id.push('/');
                    id.push_str(segment);
                    id.push('/');
                    id.push_str(&as_text(name));
                }
                Value::String(id)
            }
            "tolower" => Value::String(text(0).to_lowercase()),
            "toupper" => Value::String(text(0).to_uppercase()),
            "string" => Value::String(text(0)),
            "replace" => Value::String(text(0).replace(&text(1), &text(2))),
            "trim" => Value::String(text(0).trim().to_string()),
            "format" => {
                let mut out = text(0);
                for (i, arg) in args.iter().enumerate().skip(1) {
                    out = out.replace(&format!("{{{}}}", i - 1), &as_text(arg));
                }
                Value::String(out)
            }
            "if" => {
                let truthy = matches!(args.first(), Some(Value::Bool(true)));
                args.get(if truthy { 1 } else { 2 })
                    .cloned()
                    .unwrap_or(Value::Null)
            }
            "equals" => Value::Bool(args.first() == args.get(1)),
            "empty" => Value::Bool(match args.first() {
                Some(Value::String(s)) => s.is_empty(),
                Some(Value::Array(a)) => a.is_empty(),
                Some(Value::Object(o)) => o.is_empty(),
                _ => true,
            }),
            "json" => serde_json::from_str(&text(0))
                .map_err(|_| "json() of text that is not JSON".to_string())?,
            other => return Err(format!("the function `{other}()` is not supported")),
        })
    }

    /// Parameter and variable values may themselves be expressions.
    fn nested(&self, value: &Value) -> Result<Value, String> {
        let mut depth = self.context.depth.borrow_mut();
        if *depth > 16 {
            return Err("expressions refer to each other in a cycle".into());
        }
        *depth += 1;
        drop(depth);
        let result = self.context.resolve(value);
        *self.context.depth.borrow_mut() -= 1;
        result
    }
}

/// ARM names are case-insensitive.
fn lookup<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn member(value: &Value, key: &str) -> Result<Value, String> {
    value
        .as_object()
        .and_then(|map| lookup(map, key))
        .cloned()
        .ok_or_else(|| format!("property `{key}` is not present"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn context() -> Context {
        let parameters = json!({
            "ApimServiceName": "contoso",
            "serviceUrl": {"echoapi": "https://echo.example.com"},
            "nested": "[concat('a', 'b')]"
        });
        let variables = json!({"suffix": "[concat('-', parameters('ApimServiceName'))]"});
        Context::new(
            parameters.as_object().unwrap().clone(),
            variables.as_object().unwrap().clone(),
        )
    }

    #[test]
    fn names_concat_parameters_and_variables() {
        let ctx = context();
        assert_eq!(
            ctx.resolve_text("[concat(parameters('ApimServiceName'), '/echo-api;rev=2')]")
                .unwrap(),
            "contoso/echo-api;rev=2"
        );
        assert_eq!(
            ctx.resolve_text("[parameters('serviceUrl').echoapi]")
                .unwrap(),
            "https://echo.example.com"
        );
        assert_eq!(
            ctx.resolve_text("[parameters('serviceUrl')['echoapi']]")
                .unwrap(),
            "https://echo.example.com"
        );
        assert_eq!(
            ctx.resolve_text("[concat('x', variables('suffix'))]")
                .unwrap(),
            "x-contoso"
        );
        assert_eq!(ctx.resolve_text("[parameters('nested')]").unwrap(), "ab");
        assert_eq!(
            ctx.resolve_text("[concat('it''s', ' ', 1)]").unwrap(),
            "it's 1"
        );
    }

    #[test]
    fn escapes_resource_ids_and_missing_parameters() {
        let ctx = context();
        assert_eq!(ctx.resolve_text("[[1, 2]").unwrap(), "[1, 2]");
        assert_eq!(ctx.resolve_text("plain").unwrap(), "plain");
        let id = ctx
            .resolve_text("[concat(resourceId('Microsoft.ApiManagement/service', parameters('ApimServiceName')), '/apiVersionSets/vs1')]")
            .unwrap();
        assert!(
            id.ends_with("/providers/Microsoft.ApiManagement/service/contoso/apiVersionSets/vs1"),
            "{id}"
        );
        let id = ctx
            .resolve_text("[resourceId('Microsoft.ApiManagement/service/apis', parameters('ApimServiceName'), 'echo')]")
            .unwrap();
        assert!(id.ends_with("/service/contoso/apis/echo"), "{id}");
        assert_eq!(
            ctx.resolve_text("[concat(parameters('Gone'), '/x')]")
                .unwrap(),
            "{Gone}/x"
        );
        assert_eq!(ctx.take_missing(), ["Gone"]);
        assert!(ctx
            .resolve_text("[reference('x').id]")
            .unwrap_err()
            .contains("reference"));
        assert!(ctx.resolve_text("[concat('a']").is_err());
    }

    #[test]
    fn walks_objects() {
        let ctx = context();
        let value = ctx
            .resolve(&json!({"a": ["[parameters('ApimServiceName')]", 1]}))
            .unwrap();
        assert_eq!(value, json!({"a": ["contoso", 1]}));
    }
}
