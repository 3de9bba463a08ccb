//! Identity of array elements, so arrays merge element by element instead of as a block.

use serde_json::Value;

/// The key and display label of every element of the array called `name`, or `None` when
/// the array is not one whose elements have an identity (then it merges as a whole).
///
/// Repeated keys are numbered (`#2`, `#3`) in order, so every element keeps one identity.
pub(crate) fn element_keys(name: &str, items: &[Value]) -> Option<Vec<(String, String)>> {
    let text = |item: &Value, k: &str| item.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut keys: Vec<(String, String)> = Vec::with_capacity(items.len());
    for item in items {
        let (key, label) = match name {
            "parameters" => {
                let key = match (text(item, "in"), text(item, "name")) {
                    (Some(location), Some(n)) => format!("{location}:{n}"),
                    _ => text(item, "$ref")?,
                };
                (key.clone(), format!("parameter {key}"))
            }
            "policyTemplateInstances" => {
                let key = format!(
                    "{} \"{}\"",
                    text(item, "templateId")?,
                    text(item, "title").unwrap_or_default()
                );
                (key.clone(), format!("policy {key}"))
            }
            "x-ms-connector-metadata" => {
                let key = text(item, "propertyName")?;
                (key.clone(), key)
            }
            "values" => {
                let key = text(item, "name")?;
                (key.clone(), key)
            }
            "allowedValues" | "x-ms-enum-values" => {
                let value = item.get("value")?;
                let key = serde_json::to_string(value).ok()?;
                (key.clone(), key)
            }
            _ => return None,
        };
        let mut unique = key.clone();
        let mut n = 2;
        while keys.iter().any(|(k, _)| *k == unique) {
            unique = format!("{key} #{n}");
            n += 1;
        }
        let label = if unique == key {
            label
        } else {
            format!("{label} #{}", n - 1)
        };
        keys.push((unique, label));
    }
    Some(keys)
}

/// Whether every element is a string, number, boolean or null: such arrays are sets
/// (`required`, `enum`, `schemes`, `scopes`, `scriptOperations`) and merge by membership.
pub(crate) fn is_scalar_array(items: &[Value]) -> bool {
    items.iter().all(|v| !v.is_object() && !v.is_array())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_parameters_and_numbers_repeats() {
        let items = [
            json!({"in": "query", "name": "a"}),
            json!({"$ref": "#/parameters/x"}),
            json!({"in": "query", "name": "a"}),
        ];
        let keys = element_keys("parameters", &items).unwrap();
        assert_eq!(keys[0].0, "query:a");
        assert_eq!(keys[1].0, "#/parameters/x");
        assert_eq!(
            keys[2],
            ("query:a #2".to_owned(), "parameter query:a #2".to_owned())
        );
        assert!(element_keys("security", &items).is_none());
        assert!(element_keys("parameters", &[json!({"x": 1})]).is_none());
    }
}
