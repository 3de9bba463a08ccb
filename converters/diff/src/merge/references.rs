//! References to operations by operationId, kept pointing at an operation the source renamed.
//!
//! A maker's dynamic values, policies and custom-code list name operations by id. When the
//! new generation renames an operation (same path and method), those references would be
//! left dangling, so the merge rewrites them: `operationId` members anywhere inside `x-ms-*`
//! extensions of the definition, `scriptOperations` and the
//! `x-ms-apimTemplate-operationName` lists of policy instances.

use serde_json::Value;

/// Rewrites references in the merged definition.
pub(crate) fn rename_in_definition(definition: &mut Value, renames: &[(String, String)]) {
    if !renames.is_empty() {
        walk(definition, false, renames);
    }
}

/// Rewrites references in the merged properties file.
pub(crate) fn rename_in_properties(properties: &mut Value, renames: &[(String, String)]) {
    if renames.is_empty() {
        return;
    }
    let Some(props) = properties.get_mut("properties") else {
        return;
    };
    if let Some(Value::Array(ids)) = props.get_mut("scriptOperations") {
        ids.iter_mut().for_each(|id| rename(id, renames));
    }
    if let Some(Value::Array(policies)) = props.get_mut("policyTemplateInstances") {
        for policy in policies {
            if let Some(Value::Array(ids)) = policy
                .get_mut("parameters")
                .and_then(|p| p.get_mut("x-ms-apimTemplate-operationName"))
            {
                ids.iter_mut().for_each(|id| rename(id, renames));
            }
        }
    }
}

fn walk(value: &mut Value, in_extension: bool, renames: &[(String, String)]) {
    match value {
        Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                if in_extension && key == "operationId" {
                    rename(member, renames);
                } else {
                    walk(member, in_extension || key.starts_with("x-ms-"), renames);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| walk(v, in_extension, renames)),
        _ => {}
    }
}

fn rename(id: &mut Value, renames: &[(String, String)]) {
    if let Some(to) = id
        .as_str()
        .and_then(|s| renames.iter().find(|(from, _)| from == s))
        .map(|(_, to)| to.clone())
    {
        *id = Value::String(to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rewrites_only_references() {
        let renames = [("GetA".to_owned(), "GetAById".to_owned())];
        let mut definition = json!({"paths": {"/a": {"get": {"operationId": "GetA",
            "parameters": [{"x-ms-dynamic-values": {"operationId": "GetA"}}]}}}});
        rename_in_definition(&mut definition, &renames);
        assert_eq!(definition["paths"]["/a"]["get"]["operationId"], "GetA");
        assert_eq!(
            definition["paths"]["/a"]["get"]["parameters"][0]["x-ms-dynamic-values"]["operationId"],
            "GetAById"
        );
        let mut properties = json!({"properties": {"scriptOperations": ["GetA", "B"],
            "policyTemplateInstances": [{"parameters": {"x-ms-apimTemplate-operationName": ["GetA"]}}]}});
        rename_in_properties(&mut properties, &renames);
        assert_eq!(
            properties["properties"]["scriptOperations"],
            json!(["GetAById", "B"])
        );
        assert_eq!(
            properties["properties"]["policyTemplateInstances"][0]["parameters"]
                ["x-ms-apimTemplate-operationName"],
            json!(["GetAById"])
        );
    }
}
