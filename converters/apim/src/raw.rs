//! Raw API Management exports: one OpenAPI/Swagger document exported from the gateway.
//!
//! Such a document is all there is: the gateway host and the API path are its server URL, and
//! the subscription key is its `apiKeyHeader` scheme. Its `apiKeyHeader`/`apiKeyQuery` pair is
//! exported even when no subscription is required, so the pair is trusted only for the header
//! name, and reported.

use std::path::PathBuf;

use connectorize_ir::{
    Api, ApiKeyLocation, Diagnostic, Diagnostics, Error, Location, Origin, SecurityKind,
};

use crate::contract::{self, Facts, Scopes};
use crate::files::Files;
use crate::model::{ApiProperties, NamedValues};
use crate::shared::{Detail as SharedDetail, Shared};
use crate::{codes, spec, ApiEntry, Bundle, Format, Options, Source};

/// The export file.
#[derive(Debug, Clone)]
pub struct Detail {
    /// The document.
    pub path: PathBuf,
}

/// One source and one API per export file.
pub fn scan(files: &Files, path: &std::path::Path, index: usize) -> (Source, Vec<ApiEntry>) {
    let file = files.rel(path);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = files
        .read(path)
        .ok()
        .and_then(|text| {
            serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .or_else(|| crate::yaml::to_value(&text).ok())
        })
        .and_then(|v| {
            v.pointer("/info/title")
                .and_then(|t| t.as_str())
                .map(str::to_string)
        });
    // Files named like connector definitions take their folder's name.
    let name = if stem.eq_ignore_ascii_case("apiDefinition.swagger") {
        path.parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(stem)
    } else {
        stem
    };
    let entry = ApiEntry {
        display_name: title.unwrap_or(name.clone()),
        name,
        source: index,
        file: file.clone(),
        version: None,
        revision: None,
        is_current: true,
        skip: None,
        detail: SharedDetail::Raw(Detail {
            path: path.to_path_buf(),
        }),
    };
    let source = Source {
        format: Format::RawExport,
        root: file,
        shared: Shared::default(),
    };
    (source, vec![entry])
}

/// Reads the export and applies the contract it implies.
pub fn convert(
    bundle: &Bundle,
    entry: &ApiEntry,
    detail: &Detail,
    options: &Options,
    out: &mut Diagnostics,
) -> Result<Api, Error> {
    let files = &bundle.files;
    let text = files.read(&detail.path)?;
    let file = files.rel(&detail.path);
    let mut api = spec::read(&text, &file, options, out)?;
    let key_header = api.security.iter().find_map(|s| match &s.kind {
        SecurityKind::ApiKey {
            name,
            location: ApiKeyLocation::Header,
        } => Some(name.clone()),
        _ => None,
    });
    let key_query = api.security.iter().find_map(|s| match &s.kind {
        SecurityKind::ApiKey {
            name,
            location: ApiKeyLocation::Query,
        } => Some(name.clone()),
        _ => None,
    });
    let server = api.server.clone();
    let props = ApiProperties {
        display_name: Some(entry.display_name.clone()),
        path: server
            .as_ref()
            .map(|s| s.base_path.trim_matches('/').to_string())
            .unwrap_or_default(),
        protocols: server
            .as_ref()
            .map(|s| s.schemes.iter().map(|x| x.as_str().to_string()).collect())
            .unwrap_or_default(),
        subscription_required: Some(key_header.is_some() || key_query.is_some()),
        key_header,
        key_query,
        api_type: "http".into(),
        ..ApiProperties::default()
    };
    out.push(
        Diagnostic::new(codes::RAW_EXPORT, "a raw export was read: the gateway host, path and subscription key come from the document")
            .at(Location::file(file.clone())),
    );
    let empty = Shared::default();
    let named = NamedValues::default();
    let facts = Facts {
        props: &props,
        origin: Origin::new(file.clone(), ""),
        version_set: None,
        explicit_revision: None,
        scopes: Scopes::default(),
        named_values: &named,
        backends: &empty.backends,
        auth_servers: &empty.auth_servers,
        openid_providers: &empty.openid_providers,
        default_host: None,
        spec_from_gateway: true,
    };
    contract::apply(&mut api, &facts, options, out)?;
    api.origin = Some(Origin::new(file, ""));
    Ok(api)
}
