//! Resource-kit (and portal "Export template") ARM templates.
//!
//! A template folder holds the API templates, the shared ones (named values, version sets,
//! backends, authorization servers, products, global policy) and parameter files. Every
//! resource name and property is evaluated with [`crate::arm_expr`] once, at scan time; secret
//! values (named values marked secret, client secrets) are dropped there and only their
//! presence is reported.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use connectorize_ir::{Api, Diagnostic, Diagnostics, Error, Location, Origin};
use serde_json::{Map, Value};

use crate::arm_expr::Context;
use crate::files::Files;
use crate::layout::resource_type;
use crate::model::{self, ApiProperties, AuthServer, NamedValue, VersionSet};
use crate::scopes::PolicyDoc;
use crate::shared::{default_host, parse_policy, Detail as SharedDetail, Product, Shared};
use crate::{apiops, arm_ops, codes, contract, spec, ApiEntry, Bundle, Format, Options, Source};

const PREFIX: &str = "microsoft.apimanagement/service";

/// One evaluated API Management resource.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Lower-case type without the `Microsoft.ApiManagement/service` prefix (`/apis/operations`).
    pub kind: String,
    /// Name segments after the service name (`["echo-api", "get-x"]`).
    pub segments: Vec<String>,
    /// Evaluated properties.
    pub properties: Value,
    /// The template, relative to the input.
    pub file: String,
    /// JSON pointer to the resource.
    pub pointer: String,
    /// The template's folder.
    pub dir: PathBuf,
}

impl Resource {
    /// Where the resource is.
    pub fn location(&self) -> Location {
        crate::contract::locate(&Origin::new(self.file.clone(), self.pointer.clone()))
    }

    /// Whether the resource belongs to API `api` (its first name segment).
    pub fn of_api(&self, api: &str) -> bool {
        self.segments
            .first()
            .is_some_and(|s| s.eq_ignore_ascii_case(api))
    }
}

/// Which `apis` resource an entry is.
#[derive(Debug, Clone)]
pub struct Detail {
    /// Index into [`Shared::resources`].
    pub resource: usize,
}

/// Reads every APIM template of `dir` and lists the APIs declared in `templates`.
pub fn scan(
    files: &Files,
    dir: &Path,
    templates: &[PathBuf],
    index: usize,
    out: &mut Diagnostics,
) -> (Source, Vec<ApiEntry>) {
    let mut shared = Shared::default();
    let mut documents: Vec<(PathBuf, Value)> = Vec::new();
    let mut parameter_files: Vec<(PathBuf, Map<String, Value>)> = Vec::new();
    for entry in files.list(dir) {
        if entry.is_dir || !entry.name.to_ascii_lowercase().ends_with(".json") {
            continue;
        }
        let value = match files.read_json(&entry.path) {
            Ok(value) => value,
            Err(error) => {
                if entry.name.to_ascii_lowercase().contains("parameters") {
                    out.push(
                        Diagnostic::new(
                            codes::INVALID_PARAMETER_FILE,
                            format!(
                                "`{}` is not valid JSON and was ignored: {}",
                                entry.name,
                                error.diagnostic().message
                            ),
                        )
                        .at(error.diagnostic().location.clone()),
                    );
                }
                continue;
            }
        };
        let apim = value
            .get("resources")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|r| resource_type(r).starts_with(PREFIX)));
        if apim {
            documents.push((entry.path, value));
        } else if let Some(values) = parameter_values(&value) {
            parameter_files.push((entry.path, values));
        }
    }
    // Templates given directly (a single-file input) that the listing did not cover.
    for template in templates {
        if !documents.iter().any(|(p, _)| p == template) {
            if let Ok(value) = files.read_json(template) {
                documents.push((template.clone(), value));
            }
        }
    }
    let general = general_parameters(&parameter_files);
    let mut missing = BTreeSet::new();
    let mut products: Vec<Product> = Vec::new();
    for (path, document) in &documents {
        let mut parameters = Map::new();
        if let Some(Value::Object(declared)) = document.get("parameters") {
            for (name, declaration) in declared {
                if let Some(default) = declaration.get("defaultValue") {
                    parameters.insert(name.clone(), default.clone());
                }
            }
        }
        for (name, value) in general
            .iter()
            .chain(specific_parameters(path, &parameter_files).iter())
        {
            parameters.insert(name.clone(), value.clone());
        }
        let variables = document
            .get("variables")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let context = Context::new(parameters, variables);
        let file = files.rel(path);
        let resources = document
            .get("resources")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (position, resource) in resources.iter().enumerate() {
            let kind = resource_type(resource);
            let Some(kind) = kind.strip_prefix(PREFIX).map(str::to_string) else {
                continue;
            };
            let pointer = format!("/resources/{position}");
            let name = resource
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let name = match context.resolve_text(name) {
                Ok(name) => name,
                Err(message) => {
                    out.push(
                        Diagnostic::new(
                            codes::ARM_EXPRESSION,
                            format!("the resource name cannot be evaluated: {message}"),
                        )
                        .at(Location::file(file.clone()).at(format!("{pointer}/name"))),
                    );
                    continue;
                }
            };
            let mut parts = name.split('/').map(str::to_string);
            let service = parts.next().unwrap_or_default();
            let segments: Vec<String> = parts.collect();
            let raw = resource.get("properties").cloned().unwrap_or(Value::Null);
            let properties =
                resolve_lossy(&context, &raw, &file, &format!("{pointer}/properties"), out);
            missing.extend(context.take_missing());
            if shared.default_host.is_none() && !service.starts_with('{') {
                shared.default_host = default_host(&service);
            }
            let resource = Resource {
                kind,
                segments,
                properties,
                file: file.clone(),
                pointer,
                dir: dir.to_path_buf(),
            };
            read_shared(files, resource, &mut shared, &mut products, out);
        }
    }
    let service_parameters = ["apimservicename", "servicename", "apimname"];
    for name in missing {
        if service_parameters.contains(&name.to_ascii_lowercase().as_str()) {
            continue;
        }
        out.push(
            Diagnostic::new(
                codes::ARM_PARAMETER_MISSING,
                format!("parameter `{name}` has no value in the templates or parameter files"),
            )
            .at(Location::file(files.rel(dir)))
            .help("add it to the *-parameters.json file"),
        );
    }
    shared.products = products;

    let mut entries = Vec::new();
    for (position, resource) in shared.resources.iter().enumerate() {
        if resource.kind != "/apis" || !templates.iter().any(|t| files.rel(t) == resource.file) {
            continue;
        }
        let Some(name) = resource.segments.first().cloned() else {
            continue;
        };
        let props = ApiProperties::read(&resource.properties);
        let skip = skip_reason(&props, &name, resource);
        entries.push(ApiEntry {
            display_name: props.display_name.clone().unwrap_or(name.clone()),
            name,
            source: index,
            file: resource.file.clone(),
            version: props.version.clone(),
            revision: props.revision.clone(),
            is_current: props.is_current == Some(true),
            skip,
            detail: SharedDetail::Arm(Detail { resource: position }),
        });
    }
    let source = Source {
        format: Format::Arm,
        root: files.rel(dir),
        shared,
    };
    (source, entries)
}

fn skip_reason(props: &ApiProperties, name: &str, resource: &Resource) -> Option<Diagnostic> {
    if apiops::UNSUPPORTED_TYPES.contains(&props.api_type.as_str()) {
        return Some(
            Diagnostic::new(
                codes::UNSUPPORTED_API_TYPE,
                format!(
                    "`{name}` is a {} API, which a connector cannot carry",
                    props.api_type
                ),
            )
            .at(resource.location()),
        );
    }
    let format = props
        .format
        .clone()
        .unwrap_or_default()
        .to_ascii_lowercase();
    (format.starts_with("wsdl") || format.starts_with("wadl") || format.starts_with("graphql"))
        .then(|| {
            Diagnostic::new(
                codes::UNSUPPORTED_SPECIFICATION,
                format!(
                    "`{name}` is imported from a {format} document, which a connector cannot use"
                ),
            )
            .at(resource.location())
        })
}

/// Files into the shared tables whatever is not an API's own resource; API resources are kept.
fn read_shared(
    files: &Files,
    resource: Resource,
    shared: &mut Shared,
    products: &mut Vec<Product>,
    out: &mut Diagnostics,
) {
    let p = model::properties(&resource.properties).clone();
    let id = resource.segments.first().cloned().unwrap_or_default();
    match resource.kind.as_str() {
        "/namedvalues" | "/properties" => {
            if model::flag(&p, "secret") == Some(true) && model::text(&p, "value").is_some() {
                out.push(
                    Diagnostic::new(
                        codes::SECRET_IGNORED,
                        format!(
                            "named value `{}` is secret; its value in the template was not copied",
                            model::text(&p, "displayName").unwrap_or(id.clone())
                        ),
                    )
                    .at(resource.location()),
                );
            }
            shared.named_values.insert(NamedValue::read(
                &id,
                &resource.properties,
                resource.file.clone(),
            ));
        }
        "/apiversionsets" => {
            shared.version_sets.insert(
                id.to_lowercase(),
                VersionSet::from_properties(&resource.properties),
            );
        }
        "/backends" => {
            if let Some(url) = model::text(&p, "url") {
                shared.backends.insert(id.to_lowercase(), url);
            }
        }
        "/authorizationservers" | "/openidconnectproviders" => {
            if model::text(&p, "clientSecret").is_some() {
                out.push(
                    Diagnostic::new(
                        codes::SECRET_IGNORED,
                        format!("the client secret of `{id}` was not copied"),
                    )
                    .at(resource.location()),
                );
            }
            let server = AuthServer::read(&resource.properties);
            if resource.kind == "/authorizationservers" {
                shared.auth_servers.insert(id.to_lowercase(), server);
            } else {
                shared.openid_providers.insert(id.to_lowercase(), server);
            }
        }
        "/policyfragments" => {
            if let Some(doc) = policy_doc(files, &resource, out) {
                shared.fragments.insert(id.to_lowercase(), doc);
            }
        }
        "/policies" => shared.global = policy_doc(files, &resource, out),
        "/products/policies" => {
            let doc = policy_doc(files, &resource, out);
            product(products, &id).policy = doc;
        }
        "/products/apis" => {
            if let Some(api) = resource.segments.get(1) {
                product(products, &id).apis.insert(api.to_lowercase());
            }
        }
        "/apis"
        | "/apis/operations"
        | "/apis/schemas"
        | "/apis/policies"
        | "/apis/operations/policies" => shared.resources.push(resource),
        _ => {}
    }
}

fn product<'a>(products: &'a mut Vec<Product>, name: &str) -> &'a mut Product {
    let index = match products
        .iter()
        .position(|p| p.name.eq_ignore_ascii_case(name))
    {
        Some(index) => index,
        None => {
            products.push(Product {
                name: name.to_string(),
                ..Product::default()
            });
            products.len() - 1
        }
    };
    &mut products[index]
}

/// The policy document of a policy resource: inline (`rawxml`, `xml`) or a linked file found
/// next to the template (`rawxml-link`, `xml-link`) by its file name.
pub fn policy_doc(files: &Files, resource: &Resource, out: &mut Diagnostics) -> Option<PolicyDoc> {
    let p = model::properties(&resource.properties);
    let value = model::text(p, "value").or_else(|| model::text(p, "policyContent"))?;
    let format = model::text(p, "format")
        .or_else(|| model::text(p, "contentFormat"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if format.ends_with("-link") || value.starts_with("http://") || value.starts_with("https://") {
        return match local_file(files, &resource.dir, &value) {
            Some(path) => match files.read(&path) {
                Ok(text) => parse_policy(&text, files.rel(&path), String::new(), out),
                Err(error) => {
                    out.push(error.into());
                    None
                }
            },
            None => {
                out.push(
                    Diagnostic::new(
                        codes::POLICY_LINK,
                        format!(
                            "the linked policy `{}` is not next to the template; it was ignored",
                            link_name(&value)
                        ),
                    )
                    .at(resource.location()),
                );
                None
            }
        };
    }
    let key = if model::text(p, "value").is_some() {
        "value"
    } else {
        "policyContent"
    };
    parse_policy(
        &value,
        resource.file.clone(),
        format!("{}/properties/{key}", resource.pointer),
        out,
    )
}

/// The last path segment of a link, without its query string.
fn link_name(link: &str) -> String {
    let path = link.split(['?', '#']).next().unwrap_or(link);
    path.rsplit('/').next().unwrap_or(path).replace("%20", " ")
}

/// A linked file found by name in the template folder, its `policies/` folder, or the parent's.
pub fn local_file(files: &Files, dir: &Path, link: &str) -> Option<PathBuf> {
    let name = link_name(link);
    if name.is_empty() {
        return None;
    }
    let mut places = vec![dir.to_path_buf(), dir.join("policies")];
    if let Some(parent) = dir.parent() {
        places.push(parent.join("policies"));
        places.push(parent.to_path_buf());
    }
    places
        .into_iter()
        .flat_map(|place| files.list(&place))
        .find(|e| !e.is_dir && e.name.eq_ignore_ascii_case(&name))
        .map(|e| e.path)
}

/// Evaluates every string in `value`; a string that fails is kept as written and reported.
fn resolve_lossy(
    context: &Context,
    value: &Value,
    file: &str,
    pointer: &str,
    out: &mut Diagnostics,
) -> Value {
    match value {
        Value::String(text) => {
            match context.resolve_str(text) {
                Ok(value) => value,
                Err(message) => {
                    out.push(
                    Diagnostic::new(codes::ARM_EXPRESSION, format!("the expression cannot be evaluated ({message}); it was kept as text"))
                        .at(Location::file(file.to_string()).at(pointer.to_string())),
                );
                    value.clone()
                }
            }
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| resolve_lossy(context, item, file, &format!("{pointer}/{i}"), out))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        resolve_lossy(
                            context,
                            v,
                            file,
                            &connectorize_ir::pointer::push(pointer, k),
                            out,
                        ),
                    )
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The `value`s of a parameter file, or `None` when the document is not one.
fn parameter_values(document: &Value) -> Option<Map<String, Value>> {
    let declared = document.get("parameters")?.as_object()?;
    let values: Map<String, Value> = declared
        .iter()
        .filter_map(|(name, entry)| entry.get("value").map(|v| (name.clone(), v.clone())))
        .collect();
    (!values.is_empty()).then_some(values)
}

/// The folder-wide parameter file: `*-parameters.json` / `parameters.json` without an
/// environment suffix, else the first one.
fn general_parameters(found: &[(PathBuf, Map<String, Value>)]) -> Map<String, Value> {
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    };
    found
        .iter()
        .find(|(p, _)| name(p).ends_with("parameters.json"))
        .or_else(|| found.first())
        .map(|(_, values)| values.clone())
        .unwrap_or_default()
}

/// `X.parameters.json` for template `X.json` / `X.template.json`.
fn specific_parameters(
    template: &Path,
    found: &[(PathBuf, Map<String, Value>)],
) -> Map<String, Value> {
    let stem = template
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
        .trim_end_matches(".json")
        .trim_end_matches(".template")
        .to_string();
    found
        .iter()
        .find(|(p, _)| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy()
                    .eq_ignore_ascii_case(&format!("{stem}.parameters.json"))
            })
        })
        .map(|(_, values)| values.clone())
        .unwrap_or_default()
}

/// Converts one ARM API: from its operation resources, else from an inline or linked spec.
pub fn convert(
    bundle: &Bundle,
    source: &Source,
    entry: &ApiEntry,
    detail: &Detail,
    options: &Options,
    out: &mut Diagnostics,
) -> Result<Api, Error> {
    let files = &bundle.files;
    let shared = &source.shared;
    let resource = shared
        .resources
        .get(detail.resource)
        .ok_or_else(|| Error::new(codes::INVALID_RESULT, "the API resource is missing"))?;
    let props = ApiProperties::read(&resource.properties);
    let api_id = entry.name.clone();
    let mine = |kind: &str| -> Vec<&Resource> {
        shared
            .resources
            .iter()
            .filter(|r| r.kind == kind && r.of_api(&api_id))
            .collect()
    };
    let operations = mine("/apis/operations");
    let mut renamed = std::collections::BTreeMap::new();
    let mut api = if !operations.is_empty() {
        let (api, ids) = arm_ops::build(
            &entry.display_name,
            &operations,
            &mine("/apis/schemas"),
            out,
        );
        renamed = ids;
        api
    } else if let Some(value) = props.value.clone() {
        let format = props
            .format
            .clone()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if format.ends_with("-link") || value.starts_with("http") {
            let path = local_file(files, &resource.dir, &value).ok_or_else(|| {
                Error::new(codes::NO_OPERATIONS_SOURCE, format!("the API has no operations and its specification `{}` is not next to the template", link_name(&value)))
                    .at(resource.location())
                    .help("download the specification next to the template")
            })?;
            let text = files.read(&path)?;
            spec::read(&text, &files.rel(&path), options, out)?
        } else {
            spec::read(
                &value,
                &format!("{}#{}/properties/value", resource.file, resource.pointer),
                options,
                out,
            )?
        }
    } else {
        return Err(Error::new(
            codes::NO_OPERATIONS_SOURCE,
            "the API has no operations and no specification",
        )
        .at(resource.location()));
    };
    let api_policy = mine("/apis/policies")
        .first()
        .and_then(|r| policy_doc(files, r, out));
    let mut op_policies = Vec::new();
    for policy in mine("/apis/operations/policies") {
        if let (Some(op), Some(doc)) = (
            policy.segments.get(1).cloned(),
            policy_doc(files, policy, out),
        ) {
            let op = renamed.get(&op).cloned().unwrap_or(op);
            op_policies.push((op, doc));
        }
    }
    let explicit = (!entry.is_current)
        .then(|| props.revision.clone())
        .flatten();
    let origin = Origin::new(
        resource.file.clone(),
        format!("{}/properties", resource.pointer),
    );
    let facts = shared.facts(
        &props,
        origin,
        &entry.name,
        explicit,
        api_policy.as_ref(),
        op_policies,
        out,
    );
    contract::apply(&mut api, &facts, options, out)?;
    api.origin = Some(Origin::new(resource.file.clone(), resource.pointer.clone()));
    Ok(api)
}
