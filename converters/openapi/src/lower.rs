//! The document-level lowering: info, servers, security, tags, components, then paths.

use connectorize_ir::{pointer, Api, Contact, Diagnostics, Error, License, Tag};
use serde_json::Value;

use crate::context::Context;
use crate::model::{Document, Version};
use crate::{bodies, codes, operations, security, servers, Options};

/// Lowers a parsed document to one API. `faithful` keeps an existing connector's spelling
/// (operation ids as they are, the layout details in [`Api::layout`]).
pub fn lower(
    document: &Document,
    options: &Options,
    faithful: bool,
    diagnostics: &mut Diagnostics,
) -> Result<Api, Error> {
    let mut ctx = Context {
        doc: document,
        options,
        faithful,
        diagnostics,
        inlining: Vec::new(),
        kept: Default::default(),
    };
    let root = &document.root;
    if !matches!(root.get("paths"), None | Some(Value::Object(_))) {
        return Err(
            Error::new(codes::INVALID_STRUCTURE, "`paths` is not an object")
                .at(ctx.location("/paths")),
        );
    }
    let info = root.get("info").unwrap_or(&Value::Null);
    let title = ctx.string(info, "title", "/info").unwrap_or_else(|| {
        ctx.report_help(
            codes::MISSING_TITLE,
            "/info",
            "the document has no info.title; the connector is named `Untitled`",
            "add info.title",
        );
        "Untitled".to_owned()
    });
    let mut api = Api::new(title);
    api.origin = Some(ctx.origin(""));
    lower_info(&mut ctx, &mut api, info);
    match document.version {
        Version::Swagger2 => {
            servers::swagger2(&mut ctx, &mut api);
            api.consumes = ctx.strings(root, "consumes", "");
            api.produces = ctx.strings(root, "produces", "");
        }
        _ => servers::openapi3(&mut ctx, &mut api),
    }
    security::lower(&mut ctx, &mut api);
    let tags_at = "/tags";
    for (index, tag) in ctx.items(root, "tags", "").iter().enumerate() {
        let at = pointer::push(tags_at, &index.to_string());
        let Some(name) = ctx.string(tag, "name", &at) else {
            continue;
        };
        for (key, value) in tag.as_object().into_iter().flatten() {
            if !matches!(key.as_str(), "name" | "description") && !key.starts_with("x-") {
                ctx.unmapped(
                    codes::UNSUPPORTED_MEMBER,
                    &pointer::push(&at, key),
                    value,
                    format!(
                        "member `{key}` of tag `{name}` has no connector equivalent and is dropped"
                    ),
                );
            }
        }
        api.tags.push(Tag {
            name,
            description: ctx.string(tag, "description", &at),
            extensions: ctx.extensions(tag),
            origin: Some(ctx.origin(&at)),
        });
    }
    let (schemas, schemas_at) = match document.version {
        Version::Swagger2 => (Some(root), ""),
        _ => (root.get("components"), "/components"),
    };
    let key = if document.version == Version::Swagger2 {
        "definitions"
    } else {
        "schemas"
    };
    if let Some(container) = schemas {
        let list_at = pointer::push(schemas_at, key);
        for (name, schema) in ctx.entries(container, key, schemas_at) {
            let lowered = ctx.schema(schema, &pointer::push(&list_at, name));
            api.schemas.insert(name.clone(), lowered);
        }
    }
    operations::shared(&mut ctx, &mut api);
    bodies::shared(&mut ctx, &mut api);
    operations::lower(&mut ctx, &mut api);
    root_members(&mut ctx, &mut api, root);
    let kept = std::mem::take(&mut ctx.kept);
    api.layout.verbatim.extend(kept);
    Ok(api)
}

fn lower_info<'a>(ctx: &mut Context<'a>, api: &mut Api, info: &'a Value) {
    let at = "/info";
    let known: &[&str] = &[
        "title",
        "version",
        "description",
        "termsOfService",
        "contact",
        "license",
        "summary",
    ];
    for (key, value) in info.as_object().into_iter().flatten() {
        if !known.contains(&key.as_str()) && !key.starts_with("x-") {
            ctx.unmapped(
                codes::UNSUPPORTED_MEMBER,
                &pointer::push(at, key),
                value,
                format!("info member `{key}` has no connector equivalent and is dropped"),
            );
        }
    }
    for (object, known) in [
        ("contact", &["name", "url", "email"][..]),
        ("license", &["name", "url", "identifier"][..]),
    ] {
        let object_at = pointer::push(at, object);
        for (key, value) in info
            .get(object)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if !known.contains(&key.as_str()) {
                ctx.unmapped(
                    codes::UNSUPPORTED_MEMBER,
                    &pointer::push(&object_at, key),
                    value,
                    format!("{object} member `{key}` has no connector equivalent and is dropped"),
                );
            }
        }
    }
    api.info.version = ctx.string(info, "version", at);
    api.info.description = ctx.string(info, "description", at);
    api.info.terms_of_service = ctx.string(info, "termsOfService", at);
    api.info.extensions = ctx.extensions(info);
    if let Some(contact) = info.get("contact") {
        let contact_at = "/info/contact";
        api.info.contact = Some(Contact {
            name: ctx.string(contact, "name", contact_at),
            url: ctx.string(contact, "url", contact_at),
            email: ctx.string(contact, "email", contact_at),
        });
    }
    if let Some(license) = info.get("license") {
        let license_at = "/info/license";
        api.info.license = Some(License {
            name: ctx.string(license, "name", license_at).unwrap_or_default(),
            url: ctx.string(license, "url", license_at),
        });
        if license.get("identifier").is_some() {
            ctx.report(
                codes::UNSUPPORTED_MEMBER,
                "/info/license/identifier",
                "the SPDX licence identifier has no Swagger 2.0 equivalent and is dropped",
            );
        }
    }
    if info.get("summary").is_some() {
        ctx.report(
            codes::UNSUPPORTED_MEMBER,
            "/info/summary",
            "info.summary has no Swagger 2.0 equivalent and is dropped; the description is kept",
        );
    }
}

/// Root extensions, and reports of root members the connector cannot hold.
fn root_members<'a>(ctx: &mut Context<'a>, api: &mut Api, root: &'a Value) {
    api.extensions = ctx.extensions(root);
    let known: &[&str] = match ctx.version() {
        Version::Swagger2 => &[
            "swagger",
            "info",
            "host",
            "basePath",
            "schemes",
            "consumes",
            "produces",
            "paths",
            "definitions",
            "parameters",
            "responses",
            "securityDefinitions",
            "security",
            "tags",
        ],
        _ => &[
            "openapi",
            "info",
            "servers",
            "paths",
            "components",
            "security",
            "tags",
        ],
    };
    let Some(map) = root.as_object() else {
        return;
    };
    for (key, value) in map {
        let at = pointer::push("", key);
        if known.contains(&key.as_str()) || key.starts_with("x-") {
            continue;
        }
        if key == "webhooks" {
            let names: Vec<&str> = value
                .as_object()
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            ctx.report_help(
                codes::WEBHOOKS,
                &at,
                format!(
                    "webhooks [{}] have no connector equivalent and are dropped",
                    names.join(", ")
                ),
                "describe the subscription operation as a webhook trigger by hand",
            );
        } else {
            ctx.unmapped(
                codes::UNSUPPORTED_MEMBER,
                &at,
                value,
                format!("root member `{key}` has no connector equivalent and is dropped"),
            );
        }
    }
    if let Some(Value::Object(components)) = root.get("components") {
        for key in components.keys() {
            if matches!(key.as_str(), "callbacks" | "links" | "pathItems") {
                let code = match key.as_str() {
                    "callbacks" => codes::CALLBACKS,
                    "links" => codes::LINKS,
                    _ => codes::UNSUPPORTED_MEMBER,
                };
                ctx.report(
                    code,
                    &pointer::push("/components", key),
                    format!("components.{key} have no connector equivalent; they are used only where referenced"),
                );
            }
        }
    }
}
