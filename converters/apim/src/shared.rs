//! Artifacts shared by the APIs of one source, read once by `scan`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use connectorize_ir::{Diagnostic, Diagnostics, Location, Origin};

use crate::codes;
use crate::contract::{Facts, Scopes};
use crate::files::Files;
use crate::model::{ApiProperties, AuthServer, NamedValues, VersionSet};
use crate::policy_xml;
use crate::scopes::{Fragments, PolicyDoc};

/// One product: its policy and the APIs in it.
#[derive(Debug, Default)]
pub struct Product {
    /// Product id.
    pub name: String,
    /// Its policy document.
    pub policy: Option<PolicyDoc>,
    /// Lower-case ids of its APIs.
    pub apis: BTreeSet<String>,
}

/// What every API of a source may refer to.
#[derive(Debug, Default)]
pub struct Shared {
    /// Named values.
    pub named_values: NamedValues,
    /// Version sets by lower-case id.
    pub version_sets: BTreeMap<String, VersionSet>,
    /// Backend URLs by lower-case id.
    pub backends: BTreeMap<String, String>,
    /// OAuth authorization servers by lower-case id.
    pub auth_servers: BTreeMap<String, AuthServer>,
    /// OpenID Connect providers by lower-case id.
    pub openid_providers: BTreeMap<String, AuthServer>,
    /// Policy fragments by lower-case id.
    pub fragments: Fragments,
    /// The global policy.
    pub global: Option<PolicyDoc>,
    /// Products, in name order.
    pub products: Vec<Product>,
    /// `<service>.azure-api.net`, when the service name is known.
    pub default_host: Option<String>,
    /// ARM: the evaluated API, operation, schema and policy resources.
    pub resources: Vec<crate::arm::Resource>,
}

/// How to find one API's own files again.
#[derive(Debug, Clone)]
pub enum Detail {
    /// An APIOps API folder.
    ApiOps(Box<crate::apiops::Detail>),
    /// An ARM `apis` resource.
    Arm(crate::arm::Detail),
    /// A raw export file.
    Raw(crate::raw::Detail),
}

impl Shared {
    /// The facts for one API, with the policy of the first product it belongs to.
    #[allow(clippy::too_many_arguments)]
    pub fn facts<'a>(
        &'a self,
        props: &'a ApiProperties,
        origin: Origin,
        api_id: &str,
        explicit_revision: Option<String>,
        api_policy: Option<&'a PolicyDoc>,
        operations: Vec<(String, PolicyDoc)>,
        out: &mut Diagnostics,
    ) -> Facts<'a> {
        let base = api_id
            .split(";rev=")
            .next()
            .unwrap_or(api_id)
            .to_lowercase();
        let products: Vec<&Product> = self
            .products
            .iter()
            .filter(|p| p.apis.contains(&base))
            .collect();
        let with_policy: Vec<&&Product> = products.iter().filter(|p| p.policy.is_some()).collect();
        if with_policy.len() > 1 {
            let names: Vec<&str> = products.iter().map(|p| p.name.as_str()).collect();
            out.push(
                Diagnostic::new(
                    codes::PRODUCT_SCOPE,
                    format!(
                        "the API is in products {}; the policy of `{}` was used",
                        names.join(", "),
                        with_policy[0].name
                    ),
                )
                .at(crate::contract::locate(&origin)),
            );
        }
        let version_set = match (&props.inline_version_set, &props.version_set) {
            (Some(set), _) => Some(set.clone()),
            (None, Some(id)) => match self.version_sets.get(&id.to_lowercase()) {
                Some(set) => Some(set.clone()),
                None => {
                    out.push(
                        Diagnostic::new(codes::UNKNOWN_VERSION_SET, format!("version set `{id}` is not in the bundle; a path segment is assumed"))
                            .at(crate::contract::locate(&origin)),
                    );
                    Some(VersionSet {
                        display_name: None,
                        scheme: crate::model::Scheme::Segment,
                    })
                }
            },
            (None, None) => None,
        };
        Facts {
            props,
            origin,
            version_set,
            explicit_revision,
            scopes: Scopes {
                global: self.global.as_ref(),
                product: with_policy.first().and_then(|p| p.policy.as_ref()),
                api: api_policy,
                operations,
                fragments: Some(&self.fragments),
            },
            named_values: &self.named_values,
            backends: &self.backends,
            auth_servers: &self.auth_servers,
            openid_providers: &self.openid_providers,
            default_host: self.default_host.clone(),
            // ARM sources keep their resources; their specifications are import documents.
            spec_from_gateway: self.resources.is_empty(),
        }
    }
}

/// Reads and parses a policy file, reporting what was repaired or unreadable.
pub fn read_policy(files: &Files, path: &Path, out: &mut Diagnostics) -> Option<PolicyDoc> {
    match files.read(path) {
        Ok(text) => parse_policy(&text, files.rel(path), String::new(), out),
        Err(error) => {
            out.push(error.into());
            None
        }
    }
}

/// Parses policy text from `file` (at JSON pointer `anchor` when the policy is a string inside
/// a JSON file), reporting what was repaired or unreadable.
pub fn parse_policy(
    text: &str,
    file: String,
    anchor: String,
    out: &mut Diagnostics,
) -> Option<PolicyDoc> {
    let at = |line: u32, column: u32| {
        let location = Location::file(file.clone());
        let location = if anchor.is_empty() {
            location
        } else {
            location.at(anchor.clone())
        };
        if line > 0 {
            location.line_col(line, column)
        } else {
            location
        }
    };
    if text.trim().is_empty() {
        return None;
    }
    let parsed = policy_xml::parse(text);
    if parsed.root.is_none() && parsed.problems.is_empty() {
        out.push(
            Diagnostic::new(
                codes::POLICY_UNREADABLE,
                "the file holds no policy document; it was ignored",
            )
            .at(at(0, 0)),
        );
        return None;
    }
    if let Some(problem) = parsed.problems.first() {
        let code = if parsed.root.is_some() {
            codes::POLICY_NOT_WELL_FORMED
        } else {
            codes::POLICY_UNREADABLE
        };
        out.push(
            Diagnostic::new(code, problem.message.clone())
                .at(at(problem.position.line, problem.position.column)),
        );
    }
    parsed.root.map(|root| PolicyDoc { file, anchor, root })
}

/// `<service>.azure-api.net` for a plausible service name.
pub fn default_host(service: &str) -> Option<String> {
    let ok = !service.is_empty()
        && service
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then(|| format!("{}.azure-api.net", service.to_ascii_lowercase()))
}
