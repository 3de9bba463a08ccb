//! The walk over folders and requests: scopes, tags, inherited auth and script counts.

use connectorize_ir::Tag;

use crate::codes;
use crate::context::Ctx;
use crate::model::{describe, Auth, Item, Request};
use crate::variables::{self, Scope};

/// A folder on the way down to a request.
pub struct Frame<'a> {
    pub name: String,
    pub scope: usize,
    pub auth: Option<(&'a Auth, String)>,
}

/// A request found by the walk, with what it inherits.
pub struct Found<'a> {
    pub item: &'a Item,
    pub pointer: String,
    /// Indices into the scope arena, narrowest first (the item's own scope first).
    pub scopes: Vec<usize>,
    pub folder: Option<String>,
    pub tag: Option<String>,
    pub inherited_auth: Option<(&'a Auth, String)>,
}

/// What the walk collects.
#[derive(Default)]
pub struct Walk<'a> {
    pub scopes: Vec<Scope>,
    pub requests: Vec<Found<'a>>,
    pub tags: Vec<Tag>,
    pub scripts: usize,
}

pub fn collect_auth<'a>(items: &'a [Item], out: &mut Vec<&'a Auth>) {
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

pub fn count_scripts(events: &[crate::model::Event]) -> usize {
    events
        .iter()
        .filter(|e| !e.disabled && !e.source().trim().is_empty())
        .count()
}

pub fn has_requests(items: &[Item]) -> bool {
    items.iter().any(|item| match &item.item {
        Some(children) => has_requests(children),
        None => item.request.is_some(),
    })
}

#[allow(clippy::too_many_arguments)]
pub fn walk_items<'a>(
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
