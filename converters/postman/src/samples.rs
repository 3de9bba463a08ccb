//! Saved examples' original requests: the requests that produced them often send query
//! parameters the request itself does not list, and other bodies. Both are extra samples.

use connectorize_ir::{ApiKeyLocation, BodyContent, Method, Operation, ParameterLocation};

use crate::body;
use crate::context::Ctx;
use crate::infer::{self, Findings};
use crate::model::{self, Example, QueryParam};
use crate::parameters;
use crate::responses::MAX_EXAMPLES;
use crate::shape::Shape;
use crate::variables::Scopes;

/// Adds the query parameters and body samples of `examples`' original requests to `operation`
/// (and their shapes to `shape`, its body's).
#[allow(clippy::too_many_arguments)]
pub fn add(
    examples: &[Example],
    own_body: Option<&model::Body>,
    operation: &mut Operation,
    shape: &mut Option<Shape>,
    auth_key: Option<(&str, ApiKeyLocation)>,
    scopes: &Scopes<'_>,
    ctx: &mut Ctx,
    pointer: &str,
) {
    // Disagreements are reported once per request, not once per example.
    let mut findings = Findings::default();
    for (index, example) in examples.iter().enumerate() {
        let Some(original) = &example.original_request else {
            continue;
        };
        let at = format!("{pointer}/response/{index}/originalRequest");
        let extra: Vec<QueryParam> = original
            .query
            .iter()
            .filter(|q| {
                q.key.as_deref().map(str::trim).is_some_and(|k| {
                    !operation
                        .parameters
                        .iter()
                        .any(|p| p.location == ParameterLocation::Query && p.name == k)
                })
            })
            .cloned()
            .collect();
        if !extra.is_empty() {
            let found =
                parameters::query(&extra, auth_key, scopes, ctx, &format!("{at}/url/query"));
            operation.parameters.extend(found);
        }
        if matches!(operation.method, Method::Get | Method::Head) {
            continue;
        }
        let (Some(sample), Some(target)) = (original.body.as_ref(), operation.body.as_mut()) else {
            continue;
        };
        // Most original requests repeat the request's own body.
        if own_body.and_then(|b| b.raw.as_deref()) == sample.raw.as_deref() && sample.raw.is_some()
        {
            continue;
        }
        let content_type = original
            .content_type
            .as_deref()
            .map(|v| scopes.resolve(v).text);
        let Some((sample, sample_shape)) =
            body::body(sample, content_type.as_deref(), scopes, ctx, &at)
        else {
            continue;
        };
        if sample.media_type != target.media_type {
            continue;
        }
        if let (
            BodyContent::Document { examples, .. },
            BodyContent::Document { examples: more, .. },
        ) = (&mut target.content, sample.content)
        {
            match (shape.as_mut(), sample_shape) {
                (Some(a), Some(b)) => infer::merge(a, b, &mut findings),
                (None, b) => *shape = b,
                (Some(_), None) => {}
            }
            for example in more {
                if examples.len() < MAX_EXAMPLES && !examples.contains(&example) {
                    examples.push(example);
                }
            }
        }
    }
    body::report_findings(&findings, ctx, pointer);
}
