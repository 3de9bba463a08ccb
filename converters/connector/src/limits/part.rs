//! One part of a split API: its info (a description saying which tags it holds) and the API
//! restricted to the items its definition holds.

use std::collections::HashSet;

use connectorize_ir::{Api, Info, Operation, Policy, Schema};

use crate::emit::fragments::{Pool, Selection};
use crate::naming;

/// Longest description the platform accepts, in characters.
const MAX_DESCRIPTION: usize = 500;

/// The part's info: the API's, with the part's title and a description that ends by naming
/// the tags (and chunks of tags) the part holds.
pub(crate) fn info(api: &Info, title: String, holdings: &[String]) -> Info {
    let mut info = api.clone();
    info.description = Some(description(
        &api.title,
        holdings,
        api.description.as_deref(),
    ));
    info.title = title;
    info
}

/// The API's description, shortened when needed, then "`<Title>` is split ...; this one holds
/// A, B and C.", within the 500-character limit: the list is cut to "A, B and 12 more" when it
/// alone would not fit.
fn description(title: &str, holdings: &[String], original: Option<&str>) -> String {
    let head = format!("{title} is split into several connectors by tag; this one holds ");
    let room = MAX_DESCRIPTION.saturating_sub(head.chars().count() + 1);
    let sentence = format!("{head}{}.", list(holdings, room));
    let original = original.map(str::trim).unwrap_or_default();
    let room = MAX_DESCRIPTION.saturating_sub(sentence.chars().count() + 1);
    if original.is_empty() {
        sentence
    } else if original.chars().count() <= room {
        format!("{original} {sentence}")
    } else {
        let cut = naming::truncate_words(original, room.saturating_sub(3));
        if cut.is_empty() {
            sentence
        } else {
            format!("{cut}... {sentence}")
        }
    }
}

/// "A", "A and B", "A, B and C"; within `room` characters, "A, B and 3 more" or "5 tags".
fn list(items: &[String], room: usize) -> String {
    let all = match items {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    };
    if all.chars().count() <= room {
        return all;
    }
    let mut listed = 0;
    let mut used = 0;
    for (k, item) in items.iter().enumerate() {
        let next = used + if k > 0 { 2 } else { 0 } + item.chars().count();
        let rest = format!(" and {} more", items.len() - k - 1);
        if next + rest.len() > room {
            break;
        }
        used = next;
        listed = k + 1;
    }
    if listed == 0 {
        format!("{} tags", items.len())
    } else {
        format!(
            "{} and {} more",
            items[..listed].join(", "),
            items.len() - listed
        )
    }
}

/// The API restricted to `selection`, with `info`; its operations are taken out of `slots`
/// and its named schemas out of `schemas` (by the API's index; the API keeps their names).
/// Field by field, so that what the part leaves out is never cloned.
pub(crate) fn build(
    api: &Api,
    slots: &mut [Option<Operation>],
    schemas: &mut Pool<Schema>,
    info: Info,
    selection: &Selection,
) -> Api {
    let operations: Vec<Operation> = selection
        .operations
        .iter()
        .filter_map(|&i| slots[i].take())
        .collect();
    let ids: HashSet<&str> = operations.iter().map(|o| o.id.as_str()).collect();
    let policies = api
        .policies
        .iter()
        .filter_map(|policy| restrict_policy(policy, &ids))
        .collect();
    Api {
        ir_version: api.ir_version,
        info,
        server: api.server.clone(),
        alternative_servers: api.alternative_servers.clone(),
        consumes: api.consumes.clone(),
        produces: api.produces.clone(),
        security: api.security.clone(),
        security_requirements: api.security_requirements.clone(),
        tags: selection
            .tags
            .iter()
            .filter_map(|&i| api.tags.get(i).cloned())
            .collect(),
        schemas: selection
            .schemas
            .iter()
            .filter_map(|&i| Some((api.schemas.get_index(i)?.0.clone(), schemas.take(i))))
            .collect(),
        shared_parameters: selection
            .shared_parameters
            .iter()
            .filter_map(|&i| api.shared_parameters.get_index(i))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        shared_responses: selection
            .shared_responses
            .iter()
            .filter_map(|&i| api.shared_responses.get_index(i))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        path_extensions: selection
            .path_extensions
            .iter()
            .filter_map(|&i| api.path_extensions.get_index(i))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        operations,
        connection_parameters: api.connection_parameters.clone(),
        policies,
        verbatim_properties: api.verbatim_properties.clone(),
        layout: api.layout.clone(),
        extensions: api.extensions.clone(),
        origin: api.origin.clone(),
    }
}

fn restrict_policy(policy: &Policy, ids: &HashSet<&str>) -> Option<Policy> {
    let mut policy = policy.clone();
    let operations = match &mut policy {
        Policy::SetHeader { operations, .. }
        | Policy::SetQueryParameter { operations, .. }
        | Policy::RouteToEndpoint { operations, .. }
        | Policy::DynamicHost { operations, .. } => operations,
    };
    if operations.is_empty() {
        return Some(policy);
    }
    operations.retain(|id| ids.contains(id.as_str()));
    (!operations.is_empty()).then_some(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Tag number {i}")).collect()
    }

    #[test]
    fn the_description_names_the_tags_after_the_apis_own() {
        let text = description(
            "Petstore",
            &["Pets".into(), "Store".into(), "General".into()],
            Some("Sells pets."),
        );
        assert_eq!(
            text,
            "Sells pets. Petstore is split into several connectors by tag; this one holds Pets, Store and General."
        );
    }

    #[test]
    fn a_long_description_or_tag_list_is_cut_to_500_characters() {
        let long = "word ".repeat(200);
        let text = description("Petstore", &tags(3), Some(&long));
        assert!(text.chars().count() <= MAX_DESCRIPTION, "{text}");
        assert!(
            text.ends_with("Tag number 0, Tag number 1 and Tag number 2."),
            "{text}"
        );
        assert!(text.starts_with("word word"), "{text}");
        let text = description("Petstore", &tags(100), Some(&long));
        assert!(text.chars().count() <= MAX_DESCRIPTION, "{text}");
        assert!(text.contains("Tag number 0, Tag number 1,"), "{text}");
        assert!(text.ends_with(" more."), "{text}");
        let listed = text.matches("Tag number").count();
        assert!(
            text.ends_with(&format!("and {} more.", 100 - listed)),
            "{text}"
        );
    }
}
