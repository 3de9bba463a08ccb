//! Size limits need documents too big to keep as golden files, so they are generated here.

use connectorize_ir::Diagnostics;
use connectorize_validator::{validate, File, Options};

fn run(text: &str) -> Diagnostics {
    validate(
        File {
            name: "apiDefinition.swagger.json",
            text,
        },
        None,
        None,
        &Options::default(),
    )
}

fn codes(found: &Diagnostics) -> Vec<&'static str> {
    found.iter().map(|d| d.code.id()).collect()
}

/// A valid swagger whose `info.description` is `filler` and whose `paths` hold `operations`
/// GET operations; `indent` spaces after every comma inflate the file, not its content.
fn swagger(filler: &str, operations: usize, indent: usize) -> String {
    let mut map = serde_json::Map::new();
    for i in 0..operations {
        map.insert(
            format!("/items{i}"),
            serde_json::json!({"get": {"operationId": format!("GetItems{i}"), "summary": "Get items",
                "responses": {"200": {"description": "OK"}}}}),
        );
    }
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Big", "version": "1.0", "description": filler},
        "host": "api.example.com",
        "schemes": ["https"],
        "paths": map,
    });
    let text = serde_json::to_string(&doc).expect("serializes");
    if indent == 0 {
        return text;
    }
    text.replace(',', &format!(",\n{}", " ".repeat(indent)))
}

#[test]
fn a_minified_swagger_over_one_megabyte_is_an_error() {
    let found = run(&swagger(&"x".repeat(1_100_000), 1, 0));
    assert_eq!(codes(&found), ["CN102"], "{found}");
}

#[test]
fn a_pretty_swagger_that_fits_when_minified_is_a_warning() {
    let text = swagger(&"x".repeat(900_000), 300, 600);
    assert!(text.len() > 1024 * 1024);
    let found = run(&text);
    assert!(codes(&found).contains(&"CN103"), "{found}");
    assert!(!codes(&found).contains(&"CN102"), "{found}");
}

#[test]
fn more_than_256_operations_is_an_error_and_256_is_fine() {
    let found = run(&swagger("d", 257, 0));
    assert_eq!(codes(&found), ["CN104"], "{found}");
    assert!(run(&swagger("d", 256, 0)).is_empty());
}

#[test]
fn more_written_schemas_than_operations_allow_is_an_error() {
    let mut properties = serde_json::Map::new();
    for i in 0..16_400 {
        properties.insert(format!("p{i}"), serde_json::json!({"type": "string"}));
    }
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Wide", "version": "1.0"},
        "paths": {"/a": {"get": {"operationId": "A", "responses": {"200": {"description": "OK"}}}}},
        "definitions": {"Wide": {"type": "object", "properties": properties}},
    });
    let found = run(&doc.to_string());
    assert_eq!(codes(&found), ["CN107"], "{found}");
}

#[test]
fn a_large_realistic_swagger_is_checked_completely() {
    // 200 operations sharing deep definitions: every operation is still visited.
    let mut paths = serde_json::Map::new();
    for i in 0..200 {
        paths.insert(
            format!("/things{i}/{{id}}"),
            serde_json::json!({"get": {"operationId": format!("GetThing{i}"), "summary": "Get a thing",
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Thing"}}}}}),
        );
    }
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Things", "version": "1.0"},
        "paths": paths,
        "definitions": {"Thing": {"type": "object", "properties": {"child": {"$ref": "#/definitions/Thing"}}}},
    });
    let found = run(&doc.to_string());
    assert_eq!(
        found.len(),
        200,
        "one missing-encoding warning per path parameter: {found}"
    );
    assert!(found.iter().all(|d| d.code.id() == "CN191"));
}

#[test]
fn long_reference_chains_do_not_exhaust_the_stack() {
    let mut definitions = serde_json::Map::new();
    for i in 0..5_000 {
        definitions.insert(
            format!("D{i}"),
            serde_json::json!({"type": "object", "required": ["next"],
                "properties": {"next": {"$ref": format!("#/definitions/D{}", i + 1)}}}),
        );
    }
    definitions.insert("D5000".to_owned(), serde_json::json!({"type": "string"}));
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Chain", "version": "1.0"},
        "paths": {"/a": {"post": {"operationId": "A", "consumes": ["application/json"],
            "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/D0"}}],
            "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/D0"}}}}}},
        "definitions": definitions,
    });
    let found = run(&doc.to_string());
    assert!(found.is_empty(), "{found}");
}

#[test]
fn an_operation_over_16384_schemas_is_an_error() {
    let mut properties = serde_json::Map::new();
    for i in 0..16_400 {
        properties.insert(format!("p{i}"), serde_json::json!({"type": "string"}));
    }
    let ok = serde_json::json!({"description": "OK"});
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Wide", "version": "1.0"},
        "paths": {
            "/a": {"get": {"operationId": "A", "responses": {"200": {"description": "OK",
                "schema": {"type": "object", "properties": properties}}}}},
            "/b": {"get": {"operationId": "B", "responses": {"200": ok}}},
        },
    });
    let found = run(&doc.to_string());
    assert_eq!(codes(&found), ["CN106"], "{found}");
}

#[test]
fn a_definition_used_many_times_counts_once_per_body() {
    let mut properties = serde_json::Map::new();
    for i in 0..100 {
        properties.insert(
            format!("p{i}"),
            serde_json::json!({"$ref": "#/definitions/Big"}),
        );
    }
    let big: serde_json::Map<String, serde_json::Value> = (0..100)
        .map(|i| (format!("q{i}"), serde_json::json!({"type": "string"})))
        .collect();
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Shared", "version": "1.0"},
        "paths": {"/a": {"post": {"operationId": "A", "consumes": ["application/json"],
            "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": properties}}],
            "responses": {"200": {"description": "OK"}}}}},
        "definitions": {"Big": {"type": "object", "properties": big}},
    });
    // 1 + 100 references + 101 schemas of Big = 202, under the 512 limit.
    let found = run(&doc.to_string());
    assert!(found.is_empty(), "{found}");
}
