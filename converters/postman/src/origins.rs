//! Hosts: which requests go where, unresolved host variables, and the other origins.

use connectorize_ir::{Api, Scheme, Server};
use indexmap::IndexMap;

use crate::codes;
use crate::context::Ctx;

pub fn unresolved_host_text(names: &[String], count: usize) -> (String, String) {
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
pub struct HostStats {
    pub count: usize,
    pub schemes: Vec<String>,
    pub first: String,
}

/// Schemes in preference order: https first.
pub fn schemes_of(schemes: &[String]) -> Vec<Scheme> {
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

pub fn report_other_origins(
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
