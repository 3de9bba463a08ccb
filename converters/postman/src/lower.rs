//! Collection -> IR: walks folders and requests, turns each request into a draft operation,
//! settles the origin (dominant server, other origins, unresolved hosts), merges requests that
//! share a route, names operations, chooses the authentication and assembles the [`Api`]s.

use connectorize_ir::{Api, Diagnostic, Diagnostics, Error, Method, Server, Tag};
use indexmap::IndexMap;

use crate::auth::Choice;
use crate::codes;
use crate::context::Ctx;
use crate::fxhash::{FxBuildHasher, FxHashSet};
use crate::infer::{self};
use crate::merge::{merge_into, route_key};
use crate::model::{describe, Auth};
use crate::naming;
use crate::origins::{report_other_origins, schemes_of, unresolved_host_text, HostStats};
use crate::parallel;
use crate::parse::Parsed;
use crate::request::{draft, Converted, Draft, TokenRequest};
use crate::responses::{MAX_EXAMPLES, MAX_EXAMPLE_BYTES};
use crate::security::choose_auth;
use crate::url::{Origin, OriginError};
use crate::variables::{self, Scope, Scopes};
use crate::walk::{collect_auth, count_scripts, walk_items, Walk};
use crate::Options;

/// What the APIs take from the collection itself.
struct Meta {
    title: Option<String>,
    description: Option<String>,
    version: Option<String>,
    base: String,
}

/// Lowers a parsed collection.
pub fn lower(
    parsed: Parsed,
    file: &str,
    options: &Options,
    sink: &mut Diagnostics,
) -> Result<Vec<Api>, Error> {
    let mut ctx = Ctx::new(file, &parsed.base);
    let document = &parsed.document;
    let base = parsed.base.clone();

    // Variables referenced by auth blocks hold credentials, whatever their names.
    let mut auth_blocks: Vec<&Auth> = document.auth.iter().collect();
    collect_auth(&parsed.items, &mut auth_blocks);
    let mut secret_names = Vec::new();
    for auth in &auth_blocks {
        let params = auth.params();
        ctx.secrets.add_auth(&params);
        for (key, value) in &params {
            if let Some(text) = value.as_str() {
                if ![
                    "key",
                    "in",
                    "authUrl",
                    "accessTokenUrl",
                    "refreshTokenUrl",
                    "scope",
                    "clientId",
                ]
                .contains(&key.as_str())
                {
                    secret_names.extend(variables::references(text));
                }
            }
        }
    }

    // Values given on the command line are secret by the same rules as the collection's.
    let mut overrides = Scope::new();
    for (name, value) in &options.variables {
        let secret = variables::is_secret_name(name) || secret_names.contains(name);
        if secret {
            ctx.secrets.add(value);
        }
        overrides.insert(
            name.clone(),
            variables::Value {
                text: value.clone(),
                secret,
            },
        );
    }
    let mut environment = Scope::new();
    for value in options.environment.iter().flat_map(|e| e.values.iter()) {
        let secret = value.secret || secret_names.contains(&value.key);
        if secret {
            ctx.secrets.add(&value.value);
        }
        environment.insert(
            value.key.clone(),
            variables::Value {
                text: value.value.clone(),
                secret,
            },
        );
    }
    let collection_scope = variables::scope(&document.variable, &secret_names);
    report_cycles(
        &[&overrides, &environment, &collection_scope],
        &format!("{base}/variable"),
        &mut ctx,
    );

    let mut walk = Walk::default();
    walk.scripts += count_scripts(&document.event);
    let mut frames = Vec::new();
    walk_items(
        &parsed.items,
        &format!("{base}/item"),
        &mut frames,
        None,
        &secret_names,
        &mut walk,
        &mut ctx,
    );
    for scope in walk.scopes.iter().chain([&collection_scope, &environment]) {
        for value in scope.values().filter(|v| v.secret) {
            ctx.secrets.add(&value.text);
        }
    }
    if walk.scripts > 0 {
        ctx.report(
            codes::SCRIPTS_IGNORED,
            format!("{} pre-request/test script(s) are not converted; only the status codes they assert were read", walk.scripts),
            &base,
        );
    }
    if walk.requests.is_empty() {
        let error = Error::new(
            codes::NO_REQUESTS,
            "the collection contains no request, so there is nothing to convert",
        )
        .at(ctx.at(&format!("{base}/item")))
        .help("add at least one request to the collection in Postman and export it again");
        return finish(Err(error), ctx, sink);
    }

    let collection_auth = document
        .auth
        .as_ref()
        .filter(|a| a.kind.is_some())
        .map(|a| (a, format!("{base}/auth")));
    // Requests are converted apart (on every core), then taken in order.
    let converted = parallel::map(&walk.requests, |found| {
        let mut layers: Vec<&Scope> = vec![&overrides, &environment];
        layers.extend(found.scopes.iter().filter_map(|i| walk.scopes.get(*i)));
        layers.push(&collection_scope);
        let scopes = Scopes::new(layers);
        let inherited = found
            .inherited_auth
            .clone()
            .or_else(|| collection_auth.clone());
        let mut local = ctx.worker();
        let converted = draft(found, inherited, &scopes, &mut local);
        (converted, local)
    });
    let mut drafts = Vec::new();
    let mut tokens = Vec::new();
    for (converted, local) in converted {
        ctx.absorb(local);
        match converted {
            Some(Converted::Operation(mut d)) => {
                let body = d.body_shape.take();
                let responses = std::mem::take(&mut d.response_shapes);
                ctx.shapes
                    .intern_operation(&mut d.operation, body, responses, &d.name);
                drafts.push(d);
            }
            Some(Converted::Token(t)) => tokens.push(t),
            None => {}
        }
    }

    // The collection is no longer needed: it is freed while the APIs are assembled.
    let tags = std::mem::take(&mut walk.tags);
    let large = walk.requests.len() >= parallel::LARGE;
    drop(walk);
    let meta = Meta {
        title: parsed
            .info
            .name
            .clone()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        description: describe(&parsed.info.description),
        version: parsed.info.version.as_ref().and_then(version_text),
        base: parsed.base.clone(),
    };
    let apis = parallel::drop_during(parsed, large, || {
        assemble(drafts, tokens, &tags, &meta, options, &mut ctx)
    });
    finish(apis, ctx, sink)
}

/// Reports variables whose values refer back to themselves.
fn report_cycles(layers: &[&Scope], pointer: &str, ctx: &mut Ctx) {
    let scopes = Scopes::new(layers.to_vec());
    let mut reported: Vec<String> = Vec::new();
    for scope in layers {
        for name in scope.keys() {
            for cycle in scopes.resolve(&format!("{{{{{name}}}}}")).cycles {
                if !reported.contains(&cycle) {
                    ctx.report(
                        codes::VARIABLE_CYCLE,
                        format!("variable `{cycle}` refers to itself through other variables; `{{{{{cycle}}}}}` is left unresolved"),
                        pointer,
                    );
                    reported.push(cycle);
                }
            }
        }
    }
}

/// Origin handling, splitting, merging, naming and auth: drafts -> APIs. Drafts stay boxed
/// until their operations reach the API: they are large, and moving them from list to list
/// costs more than the work done on them.
#[allow(
    clippy::vec_box,
    reason = "a draft holds IR schemas inline and would be moved several times"
)]
fn assemble(
    drafts: Vec<Box<Draft>>,
    tokens: Vec<TokenRequest>,
    tags: &[Tag],
    meta: &Meta,
    options: &Options,
    ctx: &mut Ctx,
) -> Result<Vec<Api>, Error> {
    // Hosts: count requests per resolved host and per unresolved variable set.
    let mut hosts: IndexMap<String, HostStats> = IndexMap::new();
    let mut unresolved: IndexMap<Vec<String>, (usize, String)> = IndexMap::new();
    for d in &drafts {
        match &d.origin {
            Ok(o) => {
                let stats = hosts.entry(o.host.clone()).or_insert_with(|| HostStats {
                    count: 0,
                    schemes: Vec::new(),
                    first: format!("{}/request/url", d.pointer),
                });
                stats.count += 1;
                if !stats.schemes.contains(&o.scheme) {
                    stats.schemes.push(o.scheme.clone());
                }
            }
            Err(OriginError::Unresolved(names)) => {
                unresolved
                    .entry(names.clone())
                    .or_insert((0, format!("{}/request/url", d.pointer)))
                    .0 += 1;
            }
            Err(OriginError::Empty) => {
                unresolved
                    .entry(Vec::new())
                    .or_insert((0, format!("{}/request/url", d.pointer)))
                    .0 += 1;
            }
        }
    }
    let dominant = hosts.iter().fold(
        None,
        |best: Option<(&String, usize)>, (k, stats)| match best {
            Some((_, m)) if m >= stats.count => best,
            _ => Some((k, stats.count)),
        },
    );
    let worst_unresolved = unresolved.iter().max_by_key(|(_, (n, _))| *n);
    if drafts.is_empty() {
        return Err(Error::new(
            codes::NO_OPERATIONS,
            "no request of the collection could become an operation (see the findings above)",
        )
        .at(ctx.at(&format!("{}/item", meta.base))));
    }
    if let Some((names, (count, at))) = worst_unresolved {
        if dominant.is_none_or(|(_, n)| *count > n) {
            let (message, help) = unresolved_host_text(names, *count);
            return Err(Error::new(codes::UNRESOLVED_HOST, message)
                .at(ctx.at(at))
                .help(help));
        }
    }
    for (names, (count, at)) in &unresolved {
        let (message, help) = unresolved_host_text(names, *count);
        ctx.report_with_help(
            codes::SKIPPED_UNRESOLVED_HOST,
            format!("{message}; these requests were skipped"),
            at,
            help,
        );
    }
    let Some((dominant, _)) = dominant else {
        return Err(
            Error::new(codes::NO_OPERATIONS, "no request has a usable host").at(ctx.at(&meta.base)),
        );
    };
    let dominant = dominant.clone();

    // Groups of drafts, one per API.
    let resolved: Vec<(Origin, Box<Draft>)> = drafts
        .into_iter()
        .filter_map(|mut d| {
            let origin = std::mem::replace(&mut d.origin, Err(OriginError::Empty)).ok()?;
            Some((origin, d))
        })
        .collect();
    let mut groups: IndexMap<String, Vec<(Origin, Box<Draft>)>> = IndexMap::new();
    if options.split_by_host {
        for (origin, d) in resolved {
            groups
                .entry(origin.host.clone())
                .or_default()
                .push((origin, d));
        }
    } else {
        groups.insert(dominant.clone(), resolved);
    }
    let split = groups.len() > 1;
    let count = groups.len();
    let mut apis = Vec::new();
    for (index, (host, members)) in groups.into_iter().enumerate() {
        let schemes = hosts
            .get(&host)
            .map(|h| h.schemes.as_slice())
            .unwrap_or_default();
        let server = Server {
            schemes: schemes_of(schemes),
            host,
            base_path: String::new(),
            origin: None,
        };
        let last = index + 1 == count;
        apis.push(build_api(
            server, members, &tokens, tags, meta, options, split, last, ctx,
        ));
    }
    if !options.split_by_host {
        if let Some(api) = apis.first_mut() {
            report_other_origins(api, &hosts, &dominant, ctx);
        }
    }
    Ok(apis)
}

#[allow(clippy::too_many_arguments)]
fn build_api(
    mut server: Server,
    members: Vec<(Origin, Box<Draft>)>,
    tokens: &[TokenRequest],
    tags: &[Tag],
    meta: &Meta,
    options: &Options,
    split: bool,
    last: bool,
    ctx: &mut Ctx,
) -> Api {
    let title = meta.title.clone().unwrap_or_else(|| {
        std::path::Path::new(&ctx.file)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "Postman collection".into())
    });
    let mut api = Api::new(if split {
        format!("{title} ({})", server.host)
    } else {
        title
    });
    api.info.description = meta.description.clone();
    api.info.version = meta.version.clone();
    api.origin = Some(ctx.origin(&meta.base));

    // Base path: the common prefix of the dominant host's origin prefixes.
    let prefixes: Vec<&Vec<String>> = members
        .iter()
        .filter(|(o, _)| o.host == server.host)
        .map(|(o, _)| &o.prefix)
        .collect();
    let mut base: Vec<String> = prefixes.first().map(|p| (*p).clone()).unwrap_or_default();
    for prefix in &prefixes {
        let common = base
            .iter()
            .zip(prefix.iter())
            .take_while(|(a, b)| a == b)
            .count();
        base.truncate(common);
    }
    server.base_path = format!("/{}", base.join("/"));
    server.origin = members
        .iter()
        .find(|(o, _)| o.host == server.host)
        .map(|(_, d)| ctx.origin(&format!("{}/request/url", d.pointer)));
    let host = server.host.clone();
    api.server = Some(server);

    // Paths and merging.
    let mut merged: IndexMap<(Method, String), Box<Draft>, FxBuildHasher> = IndexMap::default();
    let mut merges: IndexMap<(Method, String), Vec<(String, String)>, FxBuildHasher> =
        IndexMap::default();
    for (origin, mut d) in members {
        let same_host = origin.host == host;
        let mut segments: Vec<String> = if same_host {
            origin.prefix[base.len().min(origin.prefix.len())..].to_vec()
        } else {
            origin.prefix.clone()
        };
        segments.append(&mut d.segments);
        d.operation.path = format!("/{}", segments.join("/"));
        let route = route_key(d.operation.method, &d.operation.path);
        match merged.get_mut(&route) {
            Some(first) => {
                merge_into(&mut first.operation, d.operation, ctx, &d.pointer);
                merges
                    .entry(route)
                    .or_default()
                    .push((shown_name(&d.name), d.pointer));
            }
            None => {
                merged.insert(route, d);
            }
        }
    }
    for (route, later) in merges {
        let Some(first) = merged.get(&route) else {
            continue;
        };
        let mut names: Vec<String> = later
            .iter()
            .take(3)
            .map(|(n, _)| format!("`{n}`"))
            .collect();
        if later.len() > 3 {
            names.push(format!("{} more", later.len() - 3));
        }
        ctx.report(
            codes::MERGED_OPERATIONS,
            format!(
                "{} {} the method and path of `{}` ({} {}); merged into one operation",
                names.join(", "),
                if later.len() == 1 { "has" } else { "have" },
                shown_name(&first.name),
                first.operation.method.as_upper(),
                first.operation.path
            ),
            &later[0].1,
        );
    }
    let drafts: Vec<Box<Draft>> = merged.into_values().collect();

    // Operation ids.
    let candidates: Vec<(String, Option<String>)> = drafts
        .iter()
        .map(|d| {
            let from_name = naming::pascal_case(&d.name);
            let id = if from_name.is_empty() {
                if !d.name.is_empty() {
                    ctx.report(
                        codes::NON_ASCII_NAME,
                        format!("request `{}` has no ASCII letters or digits; its operation id comes from its method and path", d.name),
                        &d.pointer,
                    );
                }
                naming::from_route(d.operation.method.as_upper(), &d.operation.path)
            } else {
                from_name
            };
            (id, d.folder.clone())
        })
        .collect();
    let ids = naming::unique(&candidates);

    // Authentication.
    let chosen = choose_auth(&drafts, tokens, options, ctx);
    if let Some(scheme) = chosen.as_ref().and_then(Choice::scheme) {
        api.security.push(scheme);
    }
    api.operations.reserve(drafts.len());
    for (mut d, id) in drafts.into_iter().zip(ids) {
        d.operation.id = id;
        if chosen.as_ref().is_some_and(Choice::is_supported) {
            match &d.auth {
                Some(Choice::None) | None => d.operation.security = Some(Vec::new()),
                _ => {}
            }
        }
        api.operations.push(d.operation);
    }
    let used: FxHashSet<&str> = api
        .operations
        .iter()
        .flat_map(|o| o.tags.iter().map(String::as_str))
        .collect();
    api.tags = tags
        .iter()
        .filter(|t| used.contains(t.name.as_str()))
        .cloned()
        .collect();
    ctx.shapes.finish(&mut api, last);
    api
}

fn shown_name(name: &str) -> String {
    if name.is_empty() {
        "(unnamed)".to_string()
    } else {
        name.to_string()
    }
}

fn version_text(version: &serde_json::Value) -> Option<String> {
    match version {
        serde_json::Value::Object(map) => {
            let part = |k: &str| map.get(k).and_then(crate::model::scalar_text);
            Some(format!(
                "{}.{}.{}",
                part("major")?,
                part("minor").unwrap_or("0".into()),
                part("patch").unwrap_or("0".into())
            ))
        }
        other => crate::model::scalar_text(other).filter(|v| !v.trim().is_empty()),
    }
}

/// Tallies become findings, secrets are redacted, findings go to the caller.
fn finish(
    result: Result<Vec<Api>, Error>,
    mut ctx: Ctx,
    sink: &mut Diagnostics,
) -> Result<Vec<Api>, Error> {
    let mut apis = match result {
        Ok(apis) => apis,
        Err(error) => {
            sink.extend(std::mem::take(&mut ctx.diagnostics));
            return Err(error);
        }
    };
    for ((_, detail), (code, tally)) in std::mem::take(&mut ctx.tallies) {
        let message = match code.id() {
            "PM015" => format!("{} request(s) list a query parameter more than once; each became one parameter (an array when repeated keys are all sent)", tally.count),
            "PM016" => format!("{detail} was dropped from {} request(s): the platform or the authentication sets it", tally.count),
            "PM037" => format!("{} request(s) sit in nested folders; they use their top-level folder's tag (nested folder names are not kept)", tally.count),
            "PM021" => format!("schema inference stopped at its cap (depth {}, {} array items) in {} place(s)", infer::MAX_DEPTH, infer::MAX_ITEMS, tally.count),
            "PM027" => format!("{} request(s) without an auth block send a literal authentication header, read as `{detail}` authentication", tally.count),
            "PM034" => format!("{} example(s) were left out: beyond the first {MAX_EXAMPLES} of a body or response, or larger than {} KiB (their schemas still count)", tally.count, MAX_EXAMPLE_BYTES / 1024),
            _ => format!("{} ({} time(s))", code.summary(), tally.count),
        };
        ctx.report(code, message, &tally.first);
    }
    let mut redacted = ctx.scrubbed;
    for api in &mut apis {
        redacted += ctx.secrets.redact_api(api);
    }
    let mut diagnostics = std::mem::take(&mut ctx.diagnostics).into_vec();
    for d in &mut diagnostics {
        redacted += ctx.secrets.redact_text(&mut d.message);
        if let Some(help) = &mut d.help {
            redacted += ctx.secrets.redact_text(help);
        }
    }
    if redacted > 0 {
        diagnostics.push(
            Diagnostic::new(
                codes::SECRETS_REMOVED,
                format!("{redacted} secret value(s) (tokens, passwords, keys, secret variables) were left out of the output"),
            )
            .at(ctx.at(&ctx.base.clone())),
        );
    }
    sink.extend(diagnostics.into());
    Ok(apis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_strings_and_objects() {
        assert_eq!(version_text(&serde_json::json!("1.2")), Some("1.2".into()));
        assert_eq!(
            version_text(&serde_json::json!({"major": "2", "minor": 1})),
            Some("2.1.0".into())
        );
        assert_eq!(version_text(&serde_json::json!({"minor": 1})), None);
    }
}
