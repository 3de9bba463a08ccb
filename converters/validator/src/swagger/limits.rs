//! Published size limits: file size, operations, schemas per body, per operation and in total.

use super::schemas::{count, written_count};
use super::Swagger;
use crate::codes;
use crate::json::{Document, Node};
use crate::report::Sink;
use crate::text::child;

/// "The OpenAPI definition must be less than 1 MB" — taken as 1 MiB; the service's way of
/// measuring is not documented, so the minified size decides the error (Encodian, a merged
/// connector, is 1.1 MB pretty-printed and 0.7 MB minified).
const MAX_BYTES: usize = 1024 * 1024;
/// Operations per swagger.
const MAX_OPERATIONS: usize = 256;
/// Schemas per body.
const MAX_BODY_SCHEMAS: usize = 512;
/// Schemas per operation.
const MAX_OPERATION_SCHEMAS: usize = 16_384;

pub(super) fn check(swagger: &Swagger<'_>, doc: &Document, raw_len: usize, sink: &mut Sink) {
    if doc.minified_len > MAX_BYTES {
        sink.emit(
            codes::FILE_TOO_LARGE,
            doc.root.pos,
            "",
            format!("the swagger is {} bytes even without whitespace; the limit is 1 MB ({MAX_BYTES} bytes)", doc.minified_len),
            "split the API into two or more connectors, or remove unused definitions and long descriptions",
        );
    } else if raw_len > MAX_BYTES {
        sink.emit(
            codes::FILE_LARGE_FORMATTED,
            doc.root.pos,
            "",
            format!(
                "the swagger file is {raw_len} bytes as written ({} minified); the limit is 1 MB",
                doc.minified_len
            ),
            "upload a minified copy if the portal refuses it, or consider splitting the connector",
        );
    }
    let operations = swagger.operations.len();
    if operations > MAX_OPERATIONS {
        let extra = &swagger.operations[MAX_OPERATIONS];
        sink.emit(
            codes::TOO_MANY_OPERATIONS,
            extra.node.pos,
            &extra.pointer,
            format!(
                "the swagger defines {operations} operations; at most {MAX_OPERATIONS} are allowed"
            ),
            "split the API into several connectors",
        );
    }
    for op in &swagger.operations {
        let mut total = 0;
        for p in &op.parameters {
            let Some(schema) = p.node.get("schema").filter(|_| p.location == "body") else {
                continue;
            };
            let n = count(swagger, schema, MAX_BODY_SCHEMAS);
            if n > MAX_BODY_SCHEMAS {
                sink.emit(
                    codes::BODY_SCHEMA_COUNT,
                    schema.pos,
                    &child(&p.pointer, "schema"),
                    format!("the body schema of '{}' expands to more than {MAX_BODY_SCHEMAS} schemas", op.id.unwrap_or(op.path)),
                    "remove unnecessary properties or item definitions, or accept a free-form object",
                );
            }
            total += count(swagger, schema, MAX_OPERATION_SCHEMAS);
        }
        for m in op
            .node
            .get("responses")
            .map(Node::members)
            .unwrap_or_default()
        {
            if let Some(schema) = swagger.response(&m.value).get("schema") {
                total += count(swagger, schema, MAX_OPERATION_SCHEMAS);
            }
        }
        if total > MAX_OPERATION_SCHEMAS {
            sink.emit(
                codes::OPERATION_SCHEMA_COUNT,
                op.node.pos,
                &op.pointer,
                format!(
                    "the operation '{}' expands to more than {MAX_OPERATION_SCHEMAS} schemas",
                    op.id.unwrap_or(op.path)
                ),
                "remove unnecessary properties or item definitions",
            );
        }
    }
    let allowed = operations.max(1) * MAX_OPERATION_SCHEMAS;
    let written = written_count(swagger);
    if written > allowed {
        sink.emit(
            codes::TOTAL_SCHEMA_COUNT,
            doc.root.pos,
            "",
            format!("the swagger has {written} schemas; with {operations} operation(s) at most {allowed} are allowed"),
            "remove unused definitions and unnecessary properties",
        );
    }
}
