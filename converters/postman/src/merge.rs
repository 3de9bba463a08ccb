//! Requests that share a method and path become one operation.

use connectorize_ir::{BodyContent, Method, Operation, ParameterLocation, Response};

use crate::body;
use crate::codes;
use crate::context::Ctx;
use crate::infer::{self, Findings};
use crate::responses::MAX_EXAMPLES;

/// Route key for merging: method and lower-case path with parameter names blanked.
pub fn route_key(method: Method, path: &str) -> (Method, String) {
    let mut key = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                key.push('{');
            }
            '}' => {
                in_param = false;
                key.push('}');
            }
            _ if in_param => {}
            _ => key.push(c.to_ascii_lowercase()),
        }
    }
    (method, key)
}

/// Merges a later request into the operation of an earlier one with the same route.
pub fn merge_into(first: &mut Operation, later: Operation, ctx: &mut Ctx, pointer: &str) {
    let name = first.summary.clone().unwrap_or_default();
    for parameter in later.parameters {
        if parameter.location == ParameterLocation::Path {
            continue;
        }
        let exists = first.parameters.iter().any(|p| {
            p.location == parameter.location
                && if p.location == ParameterLocation::Header {
                    p.name.eq_ignore_ascii_case(&parameter.name)
                } else {
                    p.name == parameter.name
                }
        });
        if !exists {
            let mut parameter = parameter;
            // Present in only some of the merged requests: not required by all of them.
            if parameter.visibility != Some(connectorize_ir::Visibility::Internal) {
                parameter.required = false;
            }
            first.parameters.push(parameter);
        }
    }
    if first.description.is_none() {
        first.description = later.description;
    }
    match (&mut first.body, later.body) {
        // Sent by only some of the merged requests: optional.
        (None, Some(mut body)) => {
            body.required = false;
            first.body = Some(body);
        }
        (Some(a), None) => a.required = false,
        (Some(a), Some(b)) if a.media_type != b.media_type => {
            ctx.report(
                codes::CONFLICTING_BODIES,
                format!(
                    "merged requests send `{}` and `{}` bodies; the `{}` body was kept",
                    a.media_type, b.media_type, a.media_type
                ),
                pointer,
            );
        }
        (Some(a), Some(b)) => match (&mut a.content, b.content) {
            (
                BodyContent::Document { schema, examples },
                BodyContent::Document {
                    schema: other,
                    examples: more,
                },
            ) => {
                let mut findings = Findings::default();
                *schema = match (schema.take(), other) {
                    (Some(x), Some(y)) => {
                        let mut merged = ctx.shapes.expand(&x);
                        infer::merge(&mut merged, ctx.shapes.expand(&y), &mut findings);
                        Some(ctx.shapes.intern_root(merged, &format!("{name} Request")))
                    }
                    (x, y) => x.or(y),
                };
                body::report_findings(&findings, ctx, pointer);
                for example in more {
                    if examples.contains(&example) {
                        continue;
                    }
                    if examples.len() < MAX_EXAMPLES {
                        examples.push(example);
                    } else {
                        ctx.tally(codes::EXAMPLES_CAPPED, "", pointer);
                    }
                }
            }
            (BodyContent::Form { fields }, BodyContent::Form { fields: more }) => {
                for mut field in more {
                    if !fields.iter().any(|f| f.name == field.name) {
                        field.required = false;
                        fields.push(field);
                    }
                }
            }
            _ => {}
        },
        _ => {}
    }
    for response in later.responses {
        match first
            .responses
            .iter_mut()
            .find(|r| r.status == response.status)
        {
            Some(existing) => merge_response(existing, response, ctx, pointer, &name),
            None => first.responses.push(response),
        }
    }
}

pub fn merge_response(
    existing: &mut Response,
    other: Response,
    ctx: &mut Ctx,
    pointer: &str,
    name: &str,
) {
    let mut findings = Findings::default();
    existing.schema = match (existing.schema.take(), other.schema) {
        (Some(a), Some(b)) => {
            let mut merged = ctx.shapes.expand(&a);
            infer::merge(&mut merged, ctx.shapes.expand(&b), &mut findings);
            Some(ctx.shapes.intern_root(merged, &format!("{name} Response")))
        }
        (a, b) => a.or(b),
    };
    body::report_findings(&findings, ctx, pointer);
    if existing.media_type.is_none() {
        existing.media_type = other.media_type;
    }
    for example in other.examples {
        if existing.examples.len() < MAX_EXAMPLES {
            existing.examples.push(example);
        } else {
            ctx.tally(codes::EXAMPLES_CAPPED, "", pointer);
        }
    }
    for header in other.headers {
        if !existing
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(&header.name))
        {
            existing.headers.push(header);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_keys_ignore_case_and_parameter_names() {
        assert_eq!(
            route_key(Method::Get, "/Users/{id}/x"),
            route_key(Method::Get, "/users/{userId}/X")
        );
        assert_ne!(route_key(Method::Get, "/a"), route_key(Method::Post, "/a"));
    }
}
