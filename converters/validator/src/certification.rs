//! Certification-only rules (`Options::certification`): what the certification validator
//! and the submission guide require beyond a working connector — title and description
//! rules, contact, connector metadata, summaries everywhere, brand colour, readme sections.

use crate::codes;
use crate::json::{Node, Pos};
use crate::properties::is_color;
use crate::report::Sink;
use crate::swagger::Swagger;
use crate::text::{child, index};
use crate::File;

/// Power Platform product names a title or description may not contain.
const PRODUCTS: &[&str] = &[
    "power apps",
    "powerapps",
    "power automate",
    "logic apps",
    "power bi",
    "power pages",
    "power platform",
    "power virtual agents",
    "copilot studio",
];
/// Connector categories (certification-submission.md).
const CATEGORIES: &[&str] = &[
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];
/// Host labels that mark a non-production host.
const TEST_LABELS: &[&str] = &[
    "dev",
    "test",
    "staging",
    "stage",
    "sandbox",
    "uat",
    "qa",
    "localhost",
];
/// Required readme sections (templates/certified-connectors/readme.md), each with the word
/// stems that recognise it in a heading: real readmes word them freely ("Pre-requisites",
/// "Authentication", "Limitations").
const README_SECTIONS: &[(&str, &[&str])] = &[
    ("Publisher", &["publisher"]),
    ("Prerequisites", &["prerequisite", "requirement"]),
    ("Supported Operations", &["operation", "action", "trigger"]),
    (
        "Obtaining Credentials",
        &["credential", "authenticat", "apikey", "getstarted"],
    ),
    (
        "Known Issues and Limitations",
        &["knownissue", "limitation"],
    ),
];

/// Words of `text` in lower case (letters and digits).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The restricted words or product names `text` contains.
fn restricted(text: &str, words_too: bool) -> Vec<&'static str> {
    let lower = words(text).join(" ");
    let padded = format!(" {lower} ");
    let mut found: Vec<&'static str> = Vec::new();
    if words_too {
        found.extend(
            ["api", "connector"]
                .into_iter()
                .filter(|w| padded.contains(&format!(" {w} "))),
        );
    }
    found.extend(
        PRODUCTS
            .iter()
            .copied()
            .filter(|p| padded.contains(&format!(" {p} "))),
    );
    found
}

fn missing(sink: &mut Sink, pos: Pos, at: &str, what: &str, help: &str) {
    sink.emit(
        codes::CERT_REQUIRED,
        pos,
        at,
        format!("the '{what}' property is required for certification"),
        help,
    );
}

/// A detail the submission guide asks for but that certified connectors are merged without.
fn detail(sink: &mut Sink, pos: Pos, at: &str, what: &str, help: &str) {
    sink.emit(
        codes::CERT_DETAIL_MISSING,
        pos,
        at,
        format!("the '{what}' property is expected for certification"),
        help,
    );
}

pub(crate) fn check_definition(swagger: &Swagger<'_>, sink: &mut Sink) {
    let root = swagger.root;
    let Some(info) = root.get("info").filter(|i| i.is_object()) else {
        return;
    };
    if let Some(title) = info.get("title").and_then(|t| t.as_str().map(|s| (t, s))) {
        check_title(title.0, title.1, sink);
    }
    match info.get("description") {
        None => missing(
            sink,
            info.pos,
            "/info",
            "description",
            "add a 30–500 character description of the service",
        ),
        Some(node) => {
            let text = node.as_str().unwrap_or_default();
            let length = text.chars().count();
            if !(30..=500).contains(&length) {
                sink.emit(
                    codes::CERT_DESCRIPTION_LENGTH,
                    node.pos,
                    "/info/description",
                    format!("the description is {length} characters long; it must be between 30 and 500"),
                    "describe the service and what the connector does in one or two sentences",
                );
            }
            let found = restricted(text, false);
            if !found.is_empty() {
                sink.emit(
                    codes::CERT_DESCRIPTION_RESTRICTED_WORDS,
                    node.pos,
                    "/info/description",
                    format!(
                        "the description contains the restricted word(s) {}",
                        crate::text::list(&found)
                    ),
                    "describe the service without naming Power Platform products",
                );
            }
        }
    }
    match info.get("contact") {
        None => missing(
            sink,
            info.pos,
            "/info",
            "contact",
            "add \"contact\": {\"name\", \"url\", \"email\"}",
        ),
        Some(contact) => {
            for key in ["name", "url", "email"] {
                if contact.get(key).is_none() {
                    detail(
                        sink,
                        contact.pos,
                        "/info/contact",
                        key,
                        "certification needs the contact's name, url and email",
                    );
                }
            }
        }
    }
    check_metadata(root, sink);
    if let Some(host) = root.get("host").and_then(|h| h.as_str().map(|s| (h, s))) {
        let labels: Vec<String> = host
            .1
            .split(['.', '-', ':'])
            .map(str::to_ascii_lowercase)
            .collect();
        if let Some(label) = labels.iter().find(|l| TEST_LABELS.contains(&l.as_str())) {
            sink.emit(
                codes::CERT_HOST_NOT_PRODUCTION,
                host.0.pos,
                "/host",
                format!("the host '{}' looks like a non-production host ('{label}')", host.1),
                "certification needs the production host; staging, dev and test hosts are not allowed",
            );
        }
    }
    for op in &swagger.operations {
        for key in ["summary", "description"] {
            if op.node.get(key).is_none() {
                detail(
                    sink,
                    op.node.pos,
                    &op.pointer,
                    key,
                    "every operation needs a summary and a description",
                );
            }
        }
        let Some(list) = op.node.get("parameters") else {
            continue;
        };
        for (i, p) in list.items().iter().enumerate() {
            if p.get("$ref").is_some()
                || p.get("x-ms-visibility").and_then(Node::as_str) == Some("internal")
            {
                continue;
            }
            let at = index(&child(&op.pointer, "parameters"), i);
            for key in ["x-ms-summary", "description"] {
                if p.get(key).is_none() {
                    detail(
                        sink,
                        p.pos,
                        &at,
                        key,
                        "every visible parameter needs an x-ms-summary and a description",
                    );
                }
            }
        }
    }
}

fn check_title(node: &Node, text: &str, sink: &mut Sink) {
    let length = text.chars().count();
    if length > 30 {
        sink.emit(
            codes::CERT_TITLE_LENGTH,
            node.pos,
            "/info/title",
            format!("the title is {length} characters long; the limit is 30"),
            "use the product or organisation name only",
        );
    }
    let found = restricted(text, true);
    if !found.is_empty() {
        sink.emit(
            codes::CERT_TITLE_RESTRICTED_WORDS,
            node.pos,
            "/info/title",
            format!(
                "the title contains the restricted word(s) {}",
                crate::text::list(&found)
            ),
            "remove 'API', 'Connector' and Power Platform product names from the title",
        );
    }
    let independent = text.ends_with("(Independent Publisher)");
    if !independent && !text.chars().last().is_some_and(char::is_alphanumeric) {
        sink.emit(
            codes::CERT_TITLE_END,
            node.pos,
            "/info/title",
            "the title ends with a character that is not a letter or digit",
            "remove trailing punctuation and spaces",
        );
    }
}

fn check_metadata(root: &Node, sink: &mut Sink) {
    let Some(metadata) = root.get("x-ms-connector-metadata") else {
        missing(
            sink,
            root.pos,
            "",
            "x-ms-connector-metadata",
            "add entries for Website, Privacy policy and Categories",
        );
        return;
    };
    let at = "/x-ms-connector-metadata";
    let entry = |name: &str| {
        metadata.items().iter().enumerate().find(|(_, e)| {
            e.get("propertyName")
                .and_then(Node::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    };
    for name in ["Website", "Privacy policy", "Categories"] {
        if entry(name).is_none() {
            sink.emit(
                codes::CERT_METADATA_PROPERTY,
                metadata.pos,
                at,
                format!("the connector metadata property '{name}' is required"),
                format!("add {{\"propertyName\": \"{name}\", \"propertyValue\": \"...\"}}"),
            );
        }
    }
    let Some((i, categories)) = entry("Categories") else {
        return;
    };
    let Some(value) = categories.get("propertyValue") else {
        return;
    };
    let vat = child(&index(at, i), "propertyValue");
    let list: Vec<&str> = value
        .as_str()
        .unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    for category in &list {
        if !CATEGORIES.iter().any(|c| c.eq_ignore_ascii_case(category)) {
            sink.emit(
                codes::CERT_CATEGORY_INVALID,
                value.pos,
                &vat,
                format!("the category '{category}' is not one of the available categories"),
                format!("use up to two of: {}", CATEGORIES.join("; ")),
            );
        }
    }
    if list.len() > 2 {
        sink.emit(
            codes::CERT_TOO_MANY_CATEGORIES,
            value.pos,
            &vat,
            format!("{} categories are given; the maximum is 2", list.len()),
            "keep the two that fit best, separated by ';'",
        );
    }
}

pub(crate) fn check_properties(root: &Node, sink: &mut Sink) {
    let Some(properties) = root.get("properties").filter(|p| p.is_object()) else {
        return;
    };
    let color = properties.get("iconBrandColor");
    let text = color.and_then(Node::as_str).unwrap_or_default();
    if !is_color(text)
        || text.eq_ignore_ascii_case("#007ee5")
        || text.eq_ignore_ascii_case("#ffffff")
    {
        sink.emit(
            codes::CERT_BRAND_COLOR,
            color.map_or(properties.pos, |c| c.pos),
            if color.is_some() { "/properties/iconBrandColor" } else { "/properties" },
            format!("iconBrandColor '{text}' is not allowed for certification"),
            "use your brand's #RRGGBB colour (not #007ee5 or #ffffff); independent publishers use #da3b01",
        );
    }
    for key in ["publisher", "stackOwner"] {
        if properties.get(key).is_none() {
            sink.emit(
                codes::CERT_PUBLISHER,
                properties.pos,
                "/properties",
                format!("apiProperties has no '{key}'"),
                format!("add \"{key}\" with the company or person's name"),
            );
        }
    }
}

pub(crate) fn check_readme(readme: Option<File<'_>>, sink: &mut Sink) {
    let Some(readme) = readme else {
        sink.emit_text(
            codes::CERT_README_MISSING,
            None,
            "the connector has no readme.md",
            "add a readme.md following the certified-connectors template",
        );
        return;
    };
    let headings: Vec<String> = readme
        .text
        .lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .map(|l| {
            l.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    for (section, stems) in README_SECTIONS {
        if !headings
            .iter()
            .any(|h| stems.iter().any(|stem| h.contains(stem)))
        {
            sink.emit_text(
                codes::CERT_README_SECTION,
                None,
                format!("readme.md has no '{section}' section"),
                format!("add a '## {section}' heading as in the readme template"),
            );
        }
    }
}
