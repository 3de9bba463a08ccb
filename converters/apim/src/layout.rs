//! Finding API Management exports in an input, by structure.
//!
//! The root folder of an APIOps extraction is whatever the pipeline chose (`apimartifacts`,
//! `SampleArtifacts`, `infra/apim`…), so roots are found from their `apis/<api>/apiInformation.json`
//! files; ARM templates from their `Microsoft.ApiManagement/service/apis` resources; raw
//! exports from the gateway host or APIM's subscription-key security pair.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::files::{normalize, Files};
use crate::{Format, Generation};

/// One export found in the input.
#[derive(Debug)]
pub struct Candidate {
    /// Format and generation.
    pub format: Format,
    /// The root folder (APIOps, ARM) or file (raw export).
    pub path: PathBuf,
    /// ARM: the template files that declare APIs.
    pub templates: Vec<PathBuf>,
}

/// Every export under the input, APIOps roots first, then ARM folders, then raw exports, each
/// in path order.
pub fn find(files: &Files) -> Vec<Candidate> {
    let all = files.walk();
    let mut roots = BTreeSet::new();
    for file in &all {
        let name = file
            .file_name()
            .map(|n| normalize(&n.to_string_lossy()))
            .unwrap_or_default();
        if name != "apiinformation.json" {
            continue;
        }
        let mut dir = file.parent();
        for _ in 0..4 {
            let Some(parent) = dir.and_then(Path::parent) else {
                break;
            };
            if dir
                .and_then(Path::file_name)
                .is_some_and(|n| normalize(&n.to_string_lossy()) == "apis")
            {
                // A root above the input (an API folder given alone) cannot be read safely.
                if files.contains(parent) {
                    roots.insert(parent.to_path_buf());
                }
                break;
            }
            dir = Some(parent);
        }
    }
    let mut out: Vec<Candidate> = roots
        .iter()
        .map(|root| Candidate {
            format: Format::ApiOps(generation(files, root)),
            path: root.clone(),
            templates: Vec::new(),
        })
        .collect();
    let inside_apiops = |path: &Path| {
        roots
            .iter()
            .any(|root| path.starts_with(root.join("apis")) || path.parent() == Some(root))
    };

    let mut arm: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    let mut raw = Vec::new();
    for file in all.iter().filter(|f| !inside_apiops(f)) {
        let ext = file
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !matches!(ext.as_str(), "json" | "yaml" | "yml") {
            continue;
        }
        let Ok(text) = files.read(file) else { continue };
        if !may_declare_apis(&text) && !may_be_raw_export(&text) {
            // Neither test below can hold: spare the full parse (a large Postman collection
            // is sniffed here before its own frontend reads it).
            continue;
        }
        let value = if ext == "json" {
            match serde_json::from_str::<Value>(&text) {
                Ok(value) => value,
                Err(_) => continue,
            }
        } else if text.contains("openapi:") || text.contains("swagger:") {
            match crate::yaml::to_value(&text) {
                Ok(value) => value,
                Err(_) => continue,
            }
        } else {
            continue;
        };
        if declares_apis(&value) {
            let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
            match arm.iter_mut().find(|(d, _)| *d == dir) {
                Some((_, list)) => list.push(file.clone()),
                None => arm.push((dir, vec![file.clone()])),
            }
        } else if is_raw_export(&value) {
            raw.push(file.clone());
        }
    }
    out.extend(arm.into_iter().map(|(dir, templates)| Candidate {
        format: Format::Arm,
        path: dir,
        templates,
    }));
    out.extend(raw.into_iter().map(|path| Candidate {
        format: Format::RawExport,
        path,
        templates: Vec::new(),
    }));
    out
}

/// `needle` must be lower case. Folding a copy and using the standard substring search is many
/// times faster than comparing at every offset, which mattered for large Postman collections,
/// sniffed here before their own frontend reads them.
/// Whether `text` holds `needle` (lower-case ASCII) in any ASCII case. Every file of the input
/// is sniffed, a large Postman collection included, so this neither copies the text nor
/// visits a byte twice but where the needle's first letter occurs.
fn contains_ignore_case(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), text).any(|at| {
        text.get(at..at + needle.len())
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(needle))
    })
}

/// False only when the text cannot hold an ARM resource of type
/// `Microsoft.ApiManagement/service/apis` ([`declares_apis`]).
pub fn may_declare_apis(text: &str) -> bool {
    contains_ignore_case(text, "apimanagement")
}

/// False only when the text cannot be a raw APIM export ([`is_raw_export`]): that needs a
/// `swagger` or `openapi` member and a gateway host or the subscription-key scheme pair.
pub fn may_be_raw_export(text: &str) -> bool {
    (text.contains("swagger") || text.contains("openapi"))
        && (contains_ignore_case(text, ".azure-api.net")
            || text.contains("apiKeyHeader")
            || text.contains("apiKeyQuery"))
}

/// Whether a JSON document is an ARM template with API Management API resources.
pub fn declares_apis(value: &Value) -> bool {
    value
        .get("resources")
        .and_then(Value::as_array)
        .is_some_and(|resources| {
            resources
                .iter()
                .any(|r| resource_type(r) == "microsoft.apimanagement/service/apis")
        })
}

/// The lower-case `type` of an ARM resource.
pub fn resource_type(resource: &Value) -> String {
    resource
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether a document is an OpenAPI/Swagger export of API Management: served from
/// `*.azure-api.net` or declaring the `apiKeyHeader`/`apiKeyQuery` subscription-key pair.
pub fn is_raw_export(value: &Value) -> bool {
    if value.get("swagger").is_none() && value.get("openapi").is_none() {
        return false;
    }
    let gateway = |url: &str| url.to_ascii_lowercase().contains(".azure-api.net");
    let host = value
        .get("host")
        .and_then(Value::as_str)
        .is_some_and(gateway);
    let servers = value
        .get("servers")
        .and_then(Value::as_array)
        .is_some_and(|list| {
            list.iter()
                .any(|s| s.get("url").and_then(Value::as_str).is_some_and(gateway))
        });
    let schemes = value
        .get("securityDefinitions")
        .or_else(|| value.pointer("/components/securitySchemes"))
        .and_then(Value::as_object)
        .is_some_and(|map| map.contains_key("apiKeyHeader") || map.contains_key("apiKeyQuery"));
    host || servers || schemes
}

/// Which APIOps layout generation a root was written by.
fn generation(files: &Files, root: &Path) -> Generation {
    let Some(apis) = files.find_dir(root, &["apis"]) else {
        return Generation::V2JsonArrays;
    };
    let api_dirs = files.dirs(&apis);
    let has = |dir: &Path, names: &[&str]| files.find_file(dir, names).is_some();
    if api_dirs.iter().any(|d| {
        files
            .list(&d.path)
            .iter()
            .any(|e| e.name == "api_information.json")
    }) {
        return Generation::SnakeCase;
    }
    let cli = api_dirs.iter().any(|d| {
        files.find_dir(&d.path, &["operations"]).is_some_and(|ops| {
            files
                .dirs(&ops)
                .iter()
                .any(|op| has(&op.path, &["operationinformation.json"]))
        })
    });
    if cli {
        return Generation::ApiopsCli;
    }
    if !api_dirs.is_empty()
        && api_dirs
            .iter()
            .all(|d| !has(&d.path, &["apiinformation.json"]))
    {
        return Generation::V1DisplayNames;
    }
    let tag_links = files.find_dir(root, &["tags"]).is_some_and(|tags| {
        files
            .dirs(&tags)
            .iter()
            .any(|t| files.find_dir(&t.path, &["apis"]).is_some())
    });
    let relative_ids = api_dirs.iter().any(|d| {
        files
            .find_file(&d.path, &["apiinformation.json"])
            .and_then(|f| files.read_json(&f).ok())
            .and_then(|v| crate::model::text(crate::model::properties(&v), "apiVersionSetId"))
            .is_some_and(|id| id.starts_with("/apiVersionSets/"))
    });
    if tag_links || relative_ids {
        return Generation::V7TagLinks;
    }
    let product_links = files.find_dir(root, &["products"]).is_some_and(|products| {
        files
            .dirs(&products)
            .iter()
            .any(|p| files.find_dir(&p.path, &["apis"]).is_some())
    });
    let api_tag_links = api_dirs
        .iter()
        .any(|d| files.find_dir(&d.path, &["tags"]).is_some());
    let new_version_sets = files
        .find_dir(root, &["versionsets", "apiversionsets"])
        .is_some_and(|sets| {
            files
                .dirs(&sets)
                .iter()
                .any(|s| has(&s.path, &["versionsetinformation.json"]))
        });
    if product_links || api_tag_links || new_version_sets {
        return Generation::V6LinkFolders;
    }
    Generation::V2JsonArrays
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_needle_in_any_case_anywhere() {
        assert!(contains_ignore_case(
            "x Microsoft.ApiManagement/service",
            "apimanagement"
        ));
        assert!(contains_ignore_case("APIMANAGEMENT", "apimanagement"));
        assert!(contains_ignore_case(
            "https://X.AZURE-API.net/",
            ".azure-api.net"
        ));
        // A first letter that recurs before the match, and a match cut off by the end.
        assert!(contains_ignore_case("aaapimanagementa", "apimanagement"));
        assert!(!contains_ignore_case("apimanagemen", "apimanagement"));
        assert!(!contains_ignore_case("api management", "apimanagement"));
        // Non-ASCII text around the needle.
        assert!(contains_ignore_case("é ApiManagement ü", "apimanagement"));
    }

    #[test]
    fn sniffing_never_rules_out_what_the_full_tests_accept() {
        let arm = r#"{"resources": [{"type": "MICROSOFT.APIMANAGEMENT/service/apis"}]}"#;
        let raw = r#"{"openapi": "3.0.1", "servers": [{"url": "https://x.Azure-Api.NET/a"}]}"#;
        let keys = "swagger: '2.0'\nsecurityDefinitions:\n  apiKeyQuery: {}\n";
        assert!(declares_apis(&serde_json::from_str(arm).unwrap()));
        assert!(may_declare_apis(arm));
        assert!(is_raw_export(&serde_json::from_str(raw).unwrap()));
        assert!(may_be_raw_export(raw) && may_be_raw_export(keys));
        let postman = r#"{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}"#;
        assert!(!may_declare_apis(postman) && !may_be_raw_export(postman));
    }
}
