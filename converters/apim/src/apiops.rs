//! APIOps extractor output (every layout generation) and its environment overrides.
//!
//! Layout constants come from Azure/apiops `src/common/*.cs`; folder and file names are
//! compared without case, spaces, `-` and `_`, which covers `named values` / `namedValues` /
//! `named_values` and `apiInformation.json` / `api_information.json` at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use connectorize_ir::{Api, Diagnostic, Diagnostics, Error, Location, Origin};
use serde_json::Value;

use crate::arm::Resource;
use crate::contract;
use crate::files::{normalize, Files};
use crate::model::{self, ApiProperties, NamedValue, VersionSet};
use crate::shared::{parse_policy, read_policy, Detail as SharedDetail, Product, Shared};
use crate::{arm_ops, codes, spec, ApiEntry, Bundle, Format, Generation, Options, Source};

/// One APIOps API folder.
#[derive(Debug, Clone)]
pub struct Detail {
    /// The API folder.
    pub dir: PathBuf,
    /// The information file.
    pub info: PathBuf,
    /// Its properties after environment overrides, or why they could not be read.
    pub props: Result<ApiProperties, Error>,
    /// The specification file.
    pub spec: Option<PathBuf>,
}

/// API types a connector cannot carry.
pub const UNSUPPORTED_TYPES: [&str; 7] = [
    "websocket",
    "graphql",
    "soap",
    "grpc",
    "odata",
    "mcp",
    "a2a",
];

/// Reads the shared artifacts of an APIOps root and lists its APIs.
pub fn scan(
    files: &Files,
    root: &Path,
    generation: Generation,
    index: usize,
    options: &Options,
    out: &mut Diagnostics,
) -> Result<(Source, Vec<ApiEntry>), Error> {
    let overrides = match &options.environment {
        Some(env) => Some(environment(files, root, env)?),
        None => None,
    };
    let override_of = |section: &str, name: &str| -> Option<Value> {
        overrides
            .as_ref()?
            .get(section)?
            .as_array()?
            .iter()
            .find(|item| {
                item.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .and_then(|item| item.get("properties").cloned())
    };
    let mut overridden = 0usize;
    let mut shared = Shared::default();

    if let Some(dir) = files.find_dir(root, &["namedvalues"]) {
        for entry in files.dirs(&dir) {
            let Some(file) = files.find_file(&entry.path, &["namedvalueinformation.json"]) else {
                continue;
            };
            match files.read_json(&file) {
                Ok(mut value) => {
                    if let Some(overlay) = override_of("namedValues", &entry.name) {
                        merge_properties(&mut value, &overlay);
                        overridden += 1;
                    }
                    shared.named_values.insert(NamedValue::read(
                        &entry.name,
                        &value,
                        files.rel(&file),
                    ));
                }
                Err(error) => out.push(error.into()),
            }
        }
    }
    // Named values that exist only in the environment file.
    if let Some(list) = overrides
        .as_ref()
        .and_then(|o| o.get("namedValues"))
        .and_then(Value::as_array)
    {
        for item in list {
            let Some(name) = item.get("name").and_then(Value::as_str) else {
                continue;
            };
            if shared.named_values.by_id_mut(name).is_none() {
                let value = serde_json::json!({"properties": item.get("properties").cloned().unwrap_or(Value::Null)});
                shared.named_values.insert(NamedValue::read(
                    name,
                    &value,
                    format!(
                        "configuration.{}.yaml",
                        options.environment.as_deref().unwrap_or("")
                    ),
                ));
            }
        }
    }
    if let Some(dir) = files.find_dir(root, &["versionsets", "apiversionsets"]) {
        for entry in files.dirs(&dir) {
            let Some(file) = files.find_file(
                &entry.path,
                &[
                    "versionsetinformation.json",
                    "apiversionsetinformation.json",
                ],
            ) else {
                continue;
            };
            match files.read_json(&file) {
                Ok(value) => {
                    shared.version_sets.insert(
                        entry.name.to_lowercase(),
                        VersionSet::from_properties(&value),
                    );
                }
                Err(error) => out.push(error.into()),
            }
        }
    }
    if let Some(dir) = files.find_dir(root, &["backends"]) {
        for entry in files.dirs(&dir) {
            let Some(file) = files.find_file(&entry.path, &["backendinformation.json"]) else {
                continue;
            };
            if let Ok(mut value) = files.read_json(&file) {
                if let Some(overlay) = override_of("backends", &entry.name) {
                    merge_properties(&mut value, &overlay);
                    overridden += 1;
                }
                if let Some(url) = model::text(model::properties(&value), "url") {
                    shared.backends.insert(entry.name.to_lowercase(), url);
                }
            }
        }
    }
    if let Some(dir) = files.find_dir(root, &["policyfragments"]) {
        for entry in files.dirs(&dir) {
            if let Some(file) = files.find_file(&entry.path, &["policy.xml"]) {
                if let Some(doc) = read_policy(files, &file, out) {
                    shared.fragments.insert(entry.name.to_lowercase(), doc);
                }
            }
        }
    }
    if let Some(file) = files.find_file(root, &["policy.xml"]) {
        shared.global = read_policy(files, &file, out);
    }
    if let Some(dir) = files.find_dir(root, &["products"]) {
        for entry in files.dirs(&dir) {
            let mut product = Product {
                name: entry.name.clone(),
                ..Product::default()
            };
            if let Some(file) = files.find_file(&entry.path, &["policy.xml"]) {
                product.policy = read_policy(files, &file, out);
            }
            if let Some(file) = files.find_file(&entry.path, &["apis.json"]) {
                if let Ok(Value::Array(items)) = files.read_json(&file) {
                    for item in items {
                        let name = item
                            .get("name")
                            .and_then(Value::as_str)
                            .or_else(|| item.as_str());
                        if let Some(name) = name {
                            product.apis.insert(name.to_lowercase());
                        }
                    }
                }
            }
            if let Some(apis) = files.find_dir(&entry.path, &["apis"]) {
                for api in files.dirs(&apis) {
                    product.apis.insert(api.name.to_lowercase());
                }
            }
            shared.products.push(product);
        }
    }
    if overridden > 0 {
        out.push(
            Diagnostic::new(codes::ENVIRONMENT_OVERRIDE, format!("{overridden} named value(s) and backend(s) were overridden from the environment file"))
                .at(Location::file(files.rel(root))),
        );
    }

    let mut entries = Vec::new();
    if let Some(apis) = files.find_dir(root, &["apis"]) {
        for (dir, info) in api_folders(files, &apis) {
            entries.push(entry(files, &apis, &dir, &info, index, &override_of));
        }
    }
    duplicate_specs(files, &entries, out);
    let source = Source {
        format: Format::ApiOps(generation),
        root: files.rel(root),
        shared,
    };
    Ok((source, entries))
}

/// API folders and their information files: `apis/<a>/` or, in v1, deeper.
fn api_folders(files: &Files, apis: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut found = Vec::new();
    let mut stack = vec![(apis.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        for entry in files.dirs(&dir) {
            match files.find_file(&entry.path, &["apiinformation.json"]) {
                Some(info) => found.push((entry.path, info)),
                None if depth < 2 && normalize(&entry.name) != "operations" => {
                    stack.push((entry.path, depth + 1))
                }
                None => {}
            }
        }
    }
    found.sort();
    found
}

fn entry(
    files: &Files,
    apis: &Path,
    dir: &Path,
    info: &Path,
    index: usize,
    override_of: &dyn Fn(&str, &str) -> Option<Value>,
) -> ApiEntry {
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let relative = dir
        .strip_prefix(apis)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or(folder.clone());
    let props = files.read_json(info).map(|mut value| {
        let base = folder.split(";rev=").next().unwrap_or(&folder).to_string();
        if let Some(overlay) = override_of("apis", &folder).or_else(|| override_of("apis", &base)) {
            merge_properties(&mut value, &overlay);
        }
        let name = value
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string);
        (ApiProperties::read(&value), name)
    });
    let spec = [
        "specification.yaml",
        "specification.yml",
        "specification.json",
        "specification.wsdl",
        "specification.wadl",
        "specification.graphql",
        "openapispec.yaml",
        "openapispec.yml",
        "openapispec.json",
    ]
    .iter()
    .find_map(|name| files.find_file(dir, &[name]));
    let (name, display_name, version, revision, is_current) = match &props {
        Ok((p, declared)) => {
            // v1 folders are display names; the file's own `name` is the API id there.
            let name = if relative.contains('/') {
                declared.clone().unwrap_or(relative.clone())
            } else {
                folder.clone()
            };
            (
                name,
                p.display_name.clone().unwrap_or(folder.clone()),
                p.version.clone(),
                p.revision.clone(),
                p.is_current == Some(true),
            )
        }
        Err(_) => (folder.clone(), folder.clone(), None, None, false),
    };
    let file = files.rel(info);
    let skip = match &props {
        Ok((p, _)) if UNSUPPORTED_TYPES.contains(&p.api_type.as_str()) => Some(
            Diagnostic::new(
                codes::UNSUPPORTED_API_TYPE,
                format!(
                    "`{name}` is a {} API, which a connector cannot carry",
                    p.api_type
                ),
            )
            .at(Location::file(file.clone()).at("/properties/type")),
        ),
        Ok(_) => spec.as_ref().and_then(|s| {
            let ext = s
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            matches!(ext.as_str(), "wsdl" | "wadl" | "graphql").then(|| {
                Diagnostic::new(
                    codes::UNSUPPORTED_SPECIFICATION,
                    format!(
                        "`{name}` is described by a {} document, which a connector cannot use",
                        ext.to_uppercase()
                    ),
                )
                .at(Location::file(files.rel(s)))
                .help("export the API as OpenAPI from API Management")
            })
        }),
        Err(_) => None,
    };
    ApiEntry {
        name,
        display_name,
        source: index,
        file,
        version,
        revision,
        is_current,
        skip,
        detail: SharedDetail::ApiOps(Box::new(Detail {
            dir: dir.to_path_buf(),
            info: info.to_path_buf(),
            props: props.map(|(p, _)| p),
            spec,
        })),
    }
}

/// Converts one APIOps API.
pub fn convert(
    bundle: &Bundle,
    source: &Source,
    entry: &ApiEntry,
    detail: &Detail,
    options: &Options,
    out: &mut Diagnostics,
) -> Result<Api, Error> {
    let files = &bundle.files;
    let props = detail.props.clone()?;
    let info = files.rel(&detail.info);
    let mut renamed = BTreeMap::new();
    let (mut api, text) = match &detail.spec {
        Some(spec_path) => {
            let text = files.read(spec_path)?;
            (
                spec::read(&text, &files.rel(spec_path), options, out)?,
                Some(text),
            )
        }
        None => {
            let (api, ids) =
                operations_without_spec(files, &detail.dir, &entry.name, &entry.display_name, out)
                    .ok_or_else(|| {
                        Error::new(
                            codes::NO_OPERATIONS_SOURCE,
                            format!("`{}` has no specification file", entry.name),
                        )
                        .at(Location::file(files.rel(&detail.dir)))
                        .help("extract the API again with a specification format of OpenAPI")
                    })?;
            renamed = ids;
            (api, None)
        }
    };
    let api_policy = files
        .find_file(&detail.dir, &["policy.xml"])
        .and_then(|f| read_policy(files, &f, out));
    let mut operations = Vec::new();
    if let Some(dir) = files.find_dir(&detail.dir, &["operations"]) {
        for op in files.dirs(&dir) {
            if let Some(file) = files.find_file(&op.path, &["policy.xml"]) {
                let text = files.read(&file)?;
                if let Some(doc) = parse_policy(&text, files.rel(&file), String::new(), out) {
                    operations.push((op.name.clone(), doc));
                }
            }
        }
    }
    match &text {
        // Reading the routes parses the specification again: only when there is something
        // to rename.
        Some(text) if !operations.is_empty() => {
            spec::rename_by_route(&api, &spec::routes(text), &mut operations)
        }
        Some(_) => {}
        None => {
            for (name, _) in operations.iter_mut() {
                if let Some(id) = renamed.get(name) {
                    *name = id.clone();
                }
            }
        }
    }
    let explicit = (!entry.is_current)
        .then(|| props.revision.clone())
        .flatten();
    let origin = Origin::new(info.clone(), "/properties");
    let facts = source.shared.facts(
        &props,
        origin,
        &entry.name,
        explicit,
        api_policy.as_ref(),
        operations,
        out,
    );
    contract::apply(&mut api, &facts, options, out)?;
    api.origin = Some(Origin::new(info, ""));
    Ok(api)
}

/// Finds `configuration.<env>.yaml` in the root or one of its parents up to the input.
fn environment(files: &Files, root: &Path, env: &str) -> Result<Value, Error> {
    let wanted = [
        format!("configuration.{env}.yaml"),
        format!("configuration.{env}.yml"),
    ];
    let input = files.input().to_path_buf();
    let mut dirs: Vec<PathBuf> = root
        .ancestors()
        .take_while(|d| d.starts_with(&input) || *d == input)
        .map(Path::to_path_buf)
        .collect();
    if let Some(parent) = input.parent() {
        if dirs.last() == Some(&input) {
            dirs.push(parent.to_path_buf());
        }
    }
    for dir in dirs {
        let found = files
            .list(&dir)
            .into_iter()
            .find(|e| !e.is_dir && wanted.iter().any(|w| w.eq_ignore_ascii_case(&e.name)));
        if let Some(entry) = found {
            let text = files.read(&entry.path)?;
            return crate::yaml::to_value(&text).map_err(|e| {
                Error::new(
                    codes::INVALID_ARTIFACT,
                    format!("not valid YAML: {}", e.message),
                )
                .at(Location::file(files.rel(&entry.path)).line_col(e.line, e.column))
            });
        }
    }
    Err(Error::new(
        codes::NO_ENVIRONMENT_FILE,
        format!("`configuration.{env}.yaml` was not found next to the bundle or above it"),
    )
    .at(Location::file(files.rel(root)))
    .help("leave out --env to use the extracted values"))
}

/// Overlays an override's `properties` on an artifact's (objects merge, other values replace).
fn merge_properties(artifact: &mut Value, overlay: &Value) {
    if !artifact.get("properties").is_some_and(Value::is_object) {
        if let Some(map) = artifact.as_object_mut() {
            map.insert("properties".into(), Value::Object(Default::default()));
        }
    }
    if let Some(target) = artifact.get_mut("properties") {
        merge(target, overlay);
    }
}

fn merge(target: &mut Value, overlay: &Value) {
    match (target, overlay) {
        (Value::Object(t), Value::Object(o)) => {
            for (key, value) in o {
                match t.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        merge(existing, value)
                    }
                    _ => {
                        t.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, overlay) => *target = overlay.clone(),
    }
}

/// Versions of one set whose specification files are identical (apiops #316, #466).
fn duplicate_specs(files: &Files, entries: &[ApiEntry], out: &mut Diagnostics) {
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    for entry in entries {
        let SharedDetail::ApiOps(detail) = &entry.detail else {
            continue;
        };
        let (Ok(props), Some(spec)) = (&detail.props, &detail.spec) else {
            continue;
        };
        let (Some(set), Some(_)) = (&props.version_set, &props.version) else {
            continue;
        };
        let Ok(text) = files.read(spec) else { continue };
        let key = (set.to_lowercase(), text);
        if let Some(first) = seen.get(&key) {
            out.push(
                Diagnostic::new(
                    codes::DUPLICATE_SPECIFICATION,
                    format!(
                        "`{}` has the same specification as `{first}`; one of them may be wrong",
                        entry.name
                    ),
                )
                .at(Location::file(files.rel(spec)))
                .help(
                    "check the specification's servers URL and version against apiInformation.json",
                ),
            );
        } else {
            seen.insert(key, entry.name.clone());
        }
    }
}

/// apiops-cli writes `operations/<op>/operationInformation.json` (and `schemas/<s>/…`) with the
/// same properties as ARM operation resources; without a specification they still describe
/// the API. `None` when there are none.
fn operations_without_spec(
    files: &Files,
    dir: &Path,
    api: &str,
    title: &str,
    out: &mut Diagnostics,
) -> Option<(Api, BTreeMap<String, String>)> {
    let read = |folder: &str, file: &str| -> Vec<Resource> {
        let Some(parent) = files.find_dir(dir, &[folder]) else {
            return Vec::new();
        };
        files
            .dirs(&parent)
            .into_iter()
            .filter_map(|child| {
                let path = files.find_file(&child.path, &[file])?;
                let value = files.read_json(&path).ok()?;
                Some(Resource {
                    kind: String::new(),
                    segments: vec![api.to_string(), child.name.clone()],
                    properties: model::properties(&value).clone(),
                    file: files.rel(&path),
                    pointer: String::new(),
                    dir: child.path.clone(),
                })
            })
            .collect()
    };
    let operations = read("operations", "operationinformation.json");
    if operations.is_empty() {
        return None;
    }
    let schemas = read("schemas", "schemainformation.json");
    let schemas = if schemas.is_empty() {
        read("schemas", "apischemainformation.json")
    } else {
        schemas
    };
    let operations: Vec<&Resource> = operations.iter().collect();
    let schemas: Vec<&Resource> = schemas.iter().collect();
    Some(arm_ops::build(title, &operations, &schemas, out))
}
