//! Collection -> IR: walks folders and requests, turns each request into a draft operation,
//! settles the origin (dominant server, other origins, unresolved hosts), merges requests that
//! share a route, names operations, chooses the authentication and assembles the [`Api`]s.

use connectorize_ir::{
    Api, BodyContent, Diagnostic, Diagnostics, Error, Method, OAuth2, OAuthFlow, Operation,
    ParameterLocation, Response, Scheme, Server, Tag,
};
use indexmap::IndexMap;

use crate::auth::{self, Choice};
use crate::codes;
use crate::context::Ctx;
use crate::infer::{self, Findings};
use crate::model::{describe, Auth, Item, Request, Url};
use crate::naming;
use crate::parameters;
use crate::parse::Parsed;
use crate::responses::{self, MAX_EXAMPLES, MAX_EXAMPLE_BYTES};
use crate::scripts;
use crate::url::{self, Origin, OriginError};
use crate::variables::{self, Scope, Scopes};
use crate::{body, Options};

/// A folder on the way down to a request.
struct Frame<'a> {
    name: String,
    scope: usize,
    auth: Option<(&'a Auth, String)>,
}

/// A request found by the walk, with what it inherits.
struct Found<'a> {
    item: &'a Item,
    pointer: String,
    /// Indices into the scope arena, narrowest first (the item's own scope first).
    scopes: Vec<usize>,
    folder: Option<String>,
    tag: Option<String>,
    inherited_auth: Option<(&'a Auth, String)>,
}

/// What the walk collects.
#[derive(Default)]
struct Walk<'a> {
    scopes: Vec<Scope>,
    requests: Vec<Found<'a>>,
    tags: Vec<Tag>,
    scripts: usize,
}

/// A request turned into an operation, before origin, merging and naming.
struct Draft {
    operation: Operation,
    segments: Vec<String>,
    origin: Result<Origin, OriginError>,
    name: String,
    folder: Option<String>,
    /// `None`: no auth anywhere up the chain; `Some(Choice::None)`: explicit `noauth`.
    auth: Option<Choice>,
    auth_pointer: Option<String>,
    pointer: String,
}

/// A token request: its URL becomes the OAuth token URL.
struct TokenRequest {
    url: String,
    grant_type: String,
    name: String,
    pointer: String,
}

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
    let mut drafts = Vec::new();
    let mut tokens = Vec::new();
    for found in &walk.requests {
        let mut layers: Vec<&Scope> = vec![&overrides, &environment];
        layers.extend(found.scopes.iter().filter_map(|i| walk.scopes.get(*i)));
        layers.push(&collection_scope);
        let scopes = Scopes::new(layers);
        let inherited = found
            .inherited_auth
            .clone()
            .or_else(|| collection_auth.clone());
        match draft(found, inherited, &scopes, &mut ctx) {
            Some(Converted::Operation(mut d)) => {
                ctx.shapes.intern_operation(&mut d.operation, &d.name);
                drafts.push(*d);
            }
            Some(Converted::Token(t)) => tokens.push(t),
            None => {}
        }
    }

    // The collection is no longer needed: free it before assembling (large collections).
    let tags = std::mem::take(&mut walk.tags);
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
    drop(parsed);
    let apis = assemble(drafts, tokens, &tags, &meta, options, &mut ctx);
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

fn collect_auth<'a>(items: &'a [Item], out: &mut Vec<&'a Auth>) {
    for item in items {
        out.extend(item.auth.iter());
        if let Some(Request::Object(request)) = &item.request {
            out.extend(request.auth.iter());
        }
        if let Some(children) = &item.item {
            collect_auth(children, out);
        }
    }
}

fn count_scripts(events: &[crate::model::Event]) -> usize {
    events
        .iter()
        .filter(|e| !e.disabled && !e.source().trim().is_empty())
        .count()
}

fn has_requests(items: &[Item]) -> bool {
    items.iter().any(|item| match &item.item {
        Some(children) => has_requests(children),
        None => item.request.is_some(),
    })
}

#[allow(clippy::too_many_arguments)]
fn walk_items<'a>(
    items: &'a [Item],
    pointer: &str,
    frames: &mut Vec<Frame<'a>>,
    tag: Option<&str>,
    secret_names: &[String],
    walk: &mut Walk<'a>,
    ctx: &mut Ctx,
) {
    for (index, item) in items.iter().enumerate() {
        let here = format!("{pointer}/{index}");
        walk.scripts += count_scripts(&item.event);
        let own_scope = walk.scopes.len();
        walk.scopes
            .push(variables::scope(&item.variable, secret_names));
        let name = item
            .name
            .clone()
            .map(|n| n.trim().to_string())
            .unwrap_or_default();
        match &item.item {
            Some(children) => {
                if !has_requests(children) {
                    ctx.report(
                        codes::EMPTY_FOLDER,
                        format!("folder `{name}` holds no request; it gives no tag"),
                        &here,
                    );
                    continue;
                }
                let tag_name = match tag {
                    Some(tag) => tag.to_string(),
                    None => {
                        let tag_name = if name.is_empty() {
                            format!("Folder {}", index + 1)
                        } else {
                            name.clone()
                        };
                        if !walk.tags.iter().any(|t| t.name == tag_name) {
                            walk.tags.push(Tag {
                                name: tag_name.clone(),
                                description: describe(&item.description),
                                extensions: Default::default(),
                                origin: Some(ctx.origin(&here)),
                            });
                        }
                        tag_name
                    }
                };
                frames.push(Frame {
                    name: name.clone(),
                    scope: own_scope,
                    auth: item
                        .auth
                        .as_ref()
                        .filter(|a| a.kind.is_some())
                        .map(|a| (a, format!("{here}/auth"))),
                });
                walk_items(
                    children,
                    &format!("{here}/item"),
                    frames,
                    Some(&tag_name),
                    secret_names,
                    walk,
                    ctx,
                );
                frames.pop();
            }
            None => {
                if frames.len() > 1 {
                    ctx.tally(codes::NESTED_FOLDERS, "", &here);
                }
                let mut scopes = vec![own_scope];
                scopes.extend(frames.iter().rev().map(|f| f.scope));
                walk.requests.push(Found {
                    item,
                    pointer: here,
                    scopes,
                    folder: frames
                        .last()
                        .map(|f| f.name.clone())
                        .filter(|n| !n.is_empty()),
                    tag: tag.map(str::to_string),
                    inherited_auth: frames.iter().rev().find_map(|f| f.auth.clone()),
                });
            }
        }
    }
}

enum Converted {
    Operation(Box<Draft>),
    Token(TokenRequest),
}

/// Converts one request, or reports why it cannot be converted.
fn draft(
    found: &Found<'_>,
    inherited: Option<(&Auth, String)>,
    scopes: &Scopes<'_>,
    ctx: &mut Ctx,
) -> Option<Converted> {
    let item = found.item;
    let pointer = &found.pointer;
    let name = item
        .name
        .clone()
        .map(|n| n.trim().to_string())
        .unwrap_or_default();
    let shown = if name.is_empty() {
        "(unnamed)".to_string()
    } else {
        name.clone()
    };
    let request_pointer = format!("{pointer}/request");
    let (method_text, url, headers, body, own_auth, description) = match &item.request {
        Some(Request::Url(text)) => (
            "GET".to_string(),
            Url::Text(text.clone()),
            Vec::new(),
            None,
            None,
            None,
        ),
        Some(Request::Object(request)) => (
            request
                .method
                .clone()
                .filter(|m| !m.trim().is_empty())
                .unwrap_or_else(|| "GET".into()),
            request
                .url
                .clone()
                .unwrap_or(Url::Other(serde::de::IgnoredAny)),
            request
                .header
                .as_ref()
                .map(crate::model::Headers::entries)
                .unwrap_or_default(),
            request.body.clone(),
            request.auth.as_ref().filter(|a| a.kind.is_some()),
            describe(&request.description),
        ),
        _ => {
            ctx.report(
                codes::NO_URL,
                format!("request `{shown}` has no request object; it was skipped"),
                pointer,
            );
            return None;
        }
    };
    let Some(method) = Method::parse(&method_text) else {
        ctx.report_with_help(
            codes::UNSUPPORTED_METHOD,
            format!("request `{shown}` uses method `{}`, which Swagger 2.0 cannot express; it was skipped", method_text.trim()),
            &format!("{request_pointer}/method"),
            "connectors support GET, PUT, POST, DELETE, PATCH, HEAD and OPTIONS",
        );
        return None;
    };
    let Some(parts) = url::parts(&url) else {
        ctx.report(
            codes::NO_URL,
            format!("request `{shown}` has no URL; it was skipped"),
            &request_pointer,
        );
        return None;
    };
    let (auth_block, auth_pointer) = match own_auth {
        Some(auth) => (Some(auth), Some(format!("{request_pointer}/auth"))),
        None => match &inherited {
            Some((auth, at)) => (Some(*auth), Some(at.clone())),
            None => (None, None),
        },
    };
    let mut choice = auth_block.map(|a| auth::choice(a, scopes));
    if choice.is_none() {
        if let Some(from_header) = auth::from_headers(&headers) {
            ctx.tally(
                codes::AUTH_FROM_HEADER,
                from_header.label().to_string(),
                &format!("{request_pointer}/header"),
            );
            choice = Some(from_header);
        }
    }

    let origin = url::origin(&parts, scopes);
    if let Ok(origin) = &origin {
        if origin.scheme != "http" && origin.scheme != "https" {
            ctx.report(
                codes::UNSUPPORTED_SCHEME,
                format!("request `{shown}` uses the `{}` scheme; connectors call http and https only; it was skipped", origin.scheme),
                &format!("{request_pointer}/url"),
            );
            return None;
        }
    }
    if method == Method::Post {
        if let Some(grant_type) = body.as_ref().and_then(|b| token_grant(b, scopes)) {
            if let Ok(origin) = &origin {
                let mut url = origin.url();
                for segment in parts.path.iter() {
                    url.push('/');
                    url.push_str(&scopes.resolve(segment).text);
                }
                return Some(Converted::Token(TokenRequest {
                    url,
                    grant_type,
                    name: shown,
                    pointer: pointer.clone(),
                }));
            }
        }
    }

    let template = parameters::path_template(
        &parts.path,
        &parts.variables,
        scopes,
        ctx,
        &format!("{request_pointer}/url"),
    );
    let sets = choice.as_ref().and_then(Choice::sets);
    let mut operation = Operation::new(String::new(), method, String::new());
    operation.summary = (!name.is_empty()).then(|| name.clone());
    operation.description = description.or_else(|| describe(&item.description));
    operation.tags = found.tag.iter().cloned().collect();
    operation.parameters = template.parameters;
    operation.parameters.extend(parameters::query(
        &parts.query,
        sets,
        scopes,
        ctx,
        &format!("{request_pointer}/url/query"),
    ));
    let header_auth = sets
        .filter(|(_, l)| *l == connectorize_ir::ApiKeyLocation::Header)
        .map(|(n, _)| n);
    operation.parameters.extend(parameters::headers(
        &headers,
        header_auth,
        scopes,
        ctx,
        &format!("{request_pointer}/header"),
    ));
    if let Some(b) = &body {
        let content_type = headers
            .iter()
            .filter(|h| !h.disabled)
            .find(|h| {
                h.key
                    .as_deref()
                    .is_some_and(|k| k.trim().eq_ignore_ascii_case("content-type"))
            })
            .and_then(|h| h.value.clone())
            .map(|v| scopes.resolve(&v).text);
        let converted = body::body(b, content_type.as_deref(), scopes, ctx, &request_pointer);
        if converted.is_some() && matches!(method, Method::Get | Method::Head) {
            ctx.report(
                codes::BODY_ON_GET,
                format!(
                    "request `{shown}` sends a body with {}; the body was dropped",
                    method.as_upper()
                ),
                &format!("{request_pointer}/body"),
            );
        } else {
            operation.body = converted;
        }
    }
    // A form field carrying the API key is the authentication's, not a parameter.
    if let (Some((key, _)), Some(body)) = (sets, operation.body.as_mut()) {
        if let BodyContent::Form { fields } = &mut body.content {
            let before = fields.len();
            fields.retain(|f| !f.name.eq_ignore_ascii_case(key));
            if fields.len() < before {
                ctx.tally(
                    codes::DROPPED_HEADERS,
                    format!("form field `{key}`"),
                    &format!("{request_pointer}/body"),
                );
            }
            if fields.is_empty() {
                operation.body = None;
            }
        }
    }
    let asserted: Vec<u16> = item
        .event
        .iter()
        .filter(|e| !e.disabled && e.listen.as_deref() == Some("test"))
        .flat_map(|e| scripts::asserted_statuses(&e.source()))
        .collect();
    operation.responses = responses::responses(&item.response, &asserted, ctx, pointer);
    operation.origin = Some(ctx.origin(pointer));
    Some(Converted::Operation(Box::new(Draft {
        operation,
        segments: template.segments,
        origin,
        name,
        folder: found.folder.clone(),
        auth: choice,
        auth_pointer,
        pointer: pointer.clone(),
    })))
}

/// The `grant_type` of a token request's body, when it is one.
fn token_grant(body: &crate::model::Body, scopes: &Scopes<'_>) -> Option<String> {
    let fields = body.urlencoded.iter().chain(body.formdata.iter());
    for field in fields.filter(|f| !f.disabled) {
        if field.key.as_deref().map(str::trim) == Some("grant_type") {
            return Some(
                scopes
                    .resolve(field.value.as_deref().unwrap_or_default())
                    .text,
            );
        }
    }
    let raw = body.raw.as_deref()?;
    if let Some(at) = raw.find("grant_type=") {
        let value: String = raw[at + 11..]
            .chars()
            .take_while(|c| *c != '&' && !c.is_whitespace())
            .collect();
        return Some(value);
    }
    if raw.contains("\"grant_type\"") {
        let value = crate::tolerant_json::parse(raw)
            .ok()
            .and_then(|v| {
                v.get("grant_type")
                    .and_then(|g| g.as_str().map(str::to_string))
            })
            .unwrap_or_default();
        return Some(value);
    }
    None
}

/// Origin handling, splitting, merging, naming and auth: drafts -> APIs.
fn assemble(
    drafts: Vec<Draft>,
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
    let resolved: Vec<(Origin, Draft)> = drafts
        .into_iter()
        .filter_map(|mut d| {
            let origin = std::mem::replace(&mut d.origin, Err(OriginError::Empty)).ok()?;
            Some((origin, d))
        })
        .collect();
    let mut groups: IndexMap<String, Vec<(Origin, Draft)>> = IndexMap::new();
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
    let mut apis = Vec::new();
    for (host, members) in groups {
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
        apis.push(build_api(
            server, members, &tokens, tags, meta, options, split, ctx,
        ));
    }
    if !options.split_by_host {
        if let Some(api) = apis.first_mut() {
            report_other_origins(api, &hosts, &dominant, ctx);
        }
    }
    Ok(apis)
}

fn unresolved_host_text(names: &[String], count: usize) -> (String, String) {
    if names.is_empty() {
        return (
            format!("{count} request(s) have an empty host"),
            "give the requests a host in Postman, or a base URL variable with --var".to_string(),
        );
    }
    let list = names
        .iter()
        .map(|n| format!("{{{{{n}}}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let first = &names[0];
    (
        format!("the host of {count} request(s) is {list}, a variable with no value in the collection"),
        format!("pass the value with `--var {first}=https://api.example.com` or give an environment file with `--environment env.json`"),
    )
}

/// Requests per host, the schemes they use and where the first one is.
struct HostStats {
    count: usize,
    schemes: Vec<String>,
    first: String,
}

/// Schemes in preference order: https first.
fn schemes_of(schemes: &[String]) -> Vec<Scheme> {
    let mut out = Vec::new();
    if schemes.iter().any(|s| s == "https") {
        out.push(Scheme::Https);
    }
    if schemes.iter().any(|s| s == "http") {
        out.push(Scheme::Http);
    }
    if out.is_empty() {
        out.push(Scheme::Https);
    }
    out
}

fn report_other_origins(
    api: &mut Api,
    hosts: &IndexMap<String, HostStats>,
    dominant: &str,
    ctx: &mut Ctx,
) {
    for (host, stats) in hosts {
        if host == dominant {
            continue;
        }
        api.alternative_servers.push(Server {
            schemes: schemes_of(&stats.schemes),
            host: host.clone(),
            base_path: "/".to_string(),
            origin: Some(ctx.origin(&stats.first)),
        });
        ctx.report_with_help(
            codes::OTHER_ORIGINS,
            format!(
                "{} request(s) go to {host}, not to {dominant}; they are kept in this connector, which sends every call to {dominant}",
                stats.count
            ),
            &stats.first,
            "use --split-by-host to get one connector per host",
        );
    }
}

/// Route key for merging: method and lower-case path with parameter names blanked.
fn route_key(method: Method, path: &str) -> (Method, String) {
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

#[allow(clippy::too_many_arguments)]
fn build_api(
    mut server: Server,
    members: Vec<(Origin, Draft)>,
    tokens: &[TokenRequest],
    tags: &[Tag],
    meta: &Meta,
    options: &Options,
    split: bool,
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
    let mut merged: IndexMap<(Method, String), Draft> = IndexMap::new();
    let mut merges: IndexMap<(Method, String), Vec<(String, String)>> = IndexMap::new();
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
    let drafts: Vec<Draft> = merged.into_values().collect();

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
    let used: Vec<&String> = api.operations.iter().flat_map(|o| o.tags.iter()).collect();
    api.tags = tags
        .iter()
        .filter(|t| used.contains(&&t.name))
        .cloned()
        .collect();
    ctx.shapes.finish(&mut api);
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

/// Merges a later request into the operation of an earlier one with the same route.
fn merge_into(first: &mut Operation, later: Operation, ctx: &mut Ctx, pointer: &str) {
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
                        let merged =
                            infer::merge(ctx.shapes.expand(x), ctx.shapes.expand(y), &mut findings);
                        Some(ctx.shapes.intern(merged, &format!("{name} Request")))
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

fn merge_response(
    existing: &mut Response,
    other: Response,
    ctx: &mut Ctx,
    pointer: &str,
    name: &str,
) {
    let mut findings = Findings::default();
    existing.schema = match (existing.schema.take(), other.schema) {
        (Some(a), Some(b)) => {
            let merged = infer::merge(ctx.shapes.expand(a), ctx.shapes.expand(b), &mut findings);
            Some(ctx.shapes.intern(merged, &format!("{name} Response")))
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

/// Picks the connector's authentication from the requests' effective auth.
fn choose_auth(
    drafts: &[Draft],
    tokens: &[TokenRequest],
    options: &Options,
    ctx: &mut Ctx,
) -> Option<Choice> {
    let mut supported: IndexMap<String, (usize, Choice, String)> = IndexMap::new();
    let mut unsupported: IndexMap<String, (usize, String)> = IndexMap::new();
    for d in drafts {
        let at = d.auth_pointer.clone().unwrap_or_else(|| d.pointer.clone());
        match &d.auth {
            Some(Choice::Unsupported(kind)) => {
                unsupported.entry(kind.clone()).or_insert((0, at)).0 += 1
            }
            Some(choice) if choice.is_supported() => {
                supported
                    .entry(auth_key(choice))
                    .or_insert((0, choice.clone(), at))
                    .0 += 1;
            }
            _ => {}
        }
    }
    for (kind, (count, at)) in &unsupported {
        ctx.report_with_help(
            codes::UNSUPPORTED_AUTH,
            format!("{count} request(s) use `{kind}` authentication, which connectors cannot express; they get no authentication"),
            at,
            "configure the connector's security by hand after import, or use a policy or custom code",
        );
    }
    let requested = options.auth.as_deref().map(|a| {
        match a
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], "")
            .as_str()
        {
            "jwt" => "bearer".to_string(),
            "none" => "noauth".to_string(),
            "oauth" => "oauth2".to_string(),
            other => other.to_string(),
        }
    });
    if requested.as_deref() == Some("noauth") {
        return None;
    }
    let mut chosen = match requested
        .as_deref()
        .and_then(|r| supported.values().find(|(_, c, _)| c.label() == r))
    {
        Some((_, choice, _)) => Some(choice.clone()),
        None => {
            if let Some(requested) = &requested {
                ctx.report(
                    codes::UNKNOWN_AUTH_CHOICE,
                    format!(
                        "--auth {requested} does not match the authentication of any request (found: {})",
                        if supported.is_empty() { "none".to_string() } else { supported.keys().cloned().collect::<Vec<_>>().join(", ") }
                    ),
                    &ctx.base.clone(),
                );
            }
            supported
                .values()
                .fold(
                    None,
                    |best: Option<&(usize, Choice, String)>, entry| match best {
                        Some(b) if b.0 >= entry.0 => best,
                        _ => Some(entry),
                    },
                )
                .map(|(_, choice, _)| choice.clone())
        }
    };
    if supported.len() > 1 {
        let list = supported
            .iter()
            .map(|(label, (count, _, _))| format!("{label} ({count})"))
            .collect::<Vec<_>>()
            .join(", ");
        let at = supported
            .values()
            .next()
            .map(|(_, _, at)| at.clone())
            .unwrap_or_default();
        ctx.report_with_help(
            codes::MIXED_AUTH,
            format!(
                "requests use different authentication: {list}; the connector uses {}",
                chosen.as_ref().map_or("none", Choice::label)
            ),
            &at,
            "pick another one with --auth TYPE",
        );
    }
    // Token requests give the OAuth token URL.
    if let Some(token) = tokens.first() {
        chosen = match chosen {
            Some(Choice::OAuth2 {
                mut settings,
                incomplete,
            }) => {
                let had_url = settings.token_url.is_some();
                if !had_url {
                    settings.token_url = Some(token.url.clone());
                }
                Some(Choice::OAuth2 {
                    settings,
                    incomplete: incomplete && had_url,
                })
            }
            None | Some(Choice::Bearer) => {
                let flow = match token.grant_type.as_str() {
                    "client_credentials" => OAuthFlow::ClientCredentials,
                    "password" => OAuthFlow::Password,
                    _ => OAuthFlow::AuthorizationCode,
                };
                Some(Choice::OAuth2 {
                    settings: Box::new(OAuth2 {
                        flow,
                        token_url: Some(token.url.clone()),
                        ..OAuth2::default()
                    }),
                    incomplete: flow == OAuthFlow::AuthorizationCode,
                })
            }
            other => other,
        };
    }
    let token_url = match &chosen {
        Some(Choice::OAuth2 { settings, .. }) => settings.token_url.clone(),
        _ => None,
    };
    for token in tokens {
        let role = if token_url.as_deref() == Some(token.url.as_str()) {
            format!("its URL {} is the OAuth token URL", token.url)
        } else {
            format!(
                "the connector's authentication is {}, so its URL {} is not used",
                chosen.as_ref().map_or("none", Choice::label),
                token.url
            )
        };
        ctx.report(
            codes::TOKEN_REQUEST,
            format!(
                "request `{}` obtains a token (grant_type={}); it is not an operation; {role}",
                token.name, token.grant_type
            ),
            &token.pointer,
        );
    }
    match &chosen {
        Some(Choice::Bearer) => ctx.report(
            codes::BEARER_AS_API_KEY,
            "bearer authentication becomes an API key sent in the Authorization header; users enter `Bearer <token>`",
            &auth_pointer(&supported, "bearer"),
        ),
        Some(Choice::OAuth2 { incomplete: true, settings }) => ctx.report_with_help(
            codes::INCOMPLETE_OAUTH,
            format!("the OAuth 2.0 settings lack {}", missing_urls(settings)),
            &auth_pointer(&supported, "oauth2"),
            "set the URLs in the collection's auth, or pass their variables with --var",
        ),
        _ => {}
    }
    chosen
}

/// How auth choices are told apart when counting them: by type, and API keys also by where
/// they go (two different keys are two choices).
fn auth_key(choice: &Choice) -> String {
    match choice {
        // Header names are case-insensitive; query parameter names are not.
        Choice::ApiKey { name, location } => match location {
            connectorize_ir::ApiKeyLocation::Header => {
                format!("apikey `{}` in header", name.to_ascii_lowercase())
            }
            connectorize_ir::ApiKeyLocation::Query => format!("apikey `{name}` in query"),
        },
        other => other.label().to_string(),
    }
}

/// Where the first auth block of a type is.
fn auth_pointer(supported: &IndexMap<String, (usize, Choice, String)>, label: &str) -> String {
    supported
        .values()
        .find(|(_, c, _)| c.label() == label)
        .map(|(_, _, at)| at.clone())
        .unwrap_or_default()
}

/// What an incomplete OAuth 2.0 configuration lacks, in words.
fn missing_urls(settings: &OAuth2) -> String {
    let missing: Vec<&str> = [
        settings
            .authorization_url
            .is_none()
            .then_some("the authorization URL"),
        settings.token_url.is_none().then_some("the token URL"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        "a URL (one is an unresolved variable)".to_string()
    } else {
        missing.join(" and ")
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
    fn route_keys_ignore_case_and_parameter_names() {
        assert_eq!(
            route_key(Method::Get, "/Users/{id}/x"),
            route_key(Method::Get, "/users/{userId}/X")
        );
        assert_ne!(route_key(Method::Get, "/a"), route_key(Method::Post, "/a"));
    }

    #[test]
    fn versions_from_strings_and_objects() {
        assert_eq!(version_text(&serde_json::json!("1.2")), Some("1.2".into()));
        assert_eq!(
            version_text(&serde_json::json!({"major": "2", "minor": 1})),
            Some("2.1.0".into())
        );
        assert_eq!(version_text(&serde_json::json!({"minor": 1})), None);
    }

    #[test]
    fn token_requests_are_recognised_by_grant_type() {
        let scopes = Scopes::default();
        let form: crate::model::Body = serde_json::from_value(serde_json::json!({
            "mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "password"}]
        }))
        .unwrap();
        assert_eq!(token_grant(&form, &scopes).as_deref(), Some("password"));
        let raw: crate::model::Body = serde_json::from_value(serde_json::json!({
            "mode": "raw", "raw": "grant_type=client_credentials&scope=x"
        }))
        .unwrap();
        assert_eq!(
            token_grant(&raw, &scopes).as_deref(),
            Some("client_credentials")
        );
        let other: crate::model::Body =
            serde_json::from_value(serde_json::json!({"mode": "raw", "raw": "{}"})).unwrap();
        assert_eq!(token_grant(&other, &scopes), None);
    }
}
