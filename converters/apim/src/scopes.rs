//! Flattening policy scopes into what really runs for one operation.
//!
//! API Management nests policies global → product → API → operation. In each section
//! (`inbound`, `backend`, `outbound`, `on-error`) `<base/>` marks where the enclosing scope's
//! policies run; without it they do not run at all. A scope with no policy document, or a
//! document without that section, inherits the enclosing scope unchanged (the extractor omits
//! empty files). `<include-fragment fragment-id="x"/>` is replaced by the body of fragment `x`.

use std::collections::BTreeMap;

use connectorize_ir::{Diagnostic, Location};

use crate::codes;
use crate::policy_xml::Element;

/// The four sections of a policy document, in run order.
pub const SECTIONS: [&str; 4] = ["inbound", "backend", "outbound", "on-error"];

/// A parsed policy document and the file it came from.
#[derive(Clone, Debug)]
pub struct PolicyDoc {
    /// The file, relative to the input.
    pub file: String,
    /// For a policy inlined in a JSON file, the pointer to the string that holds it; element
    /// paths continue it (`/resources/4/properties/value/policies/inbound/set-header`).
    pub anchor: String,
    /// The `<policies>` or `<fragment>` element.
    pub root: Element,
}

/// Fragments by lower-case id.
pub type Fragments = BTreeMap<String, PolicyDoc>;

/// What tells two placed policies apart: file, element path, line and column.
pub type PlacementKey = (String, String, u32, u32);

/// One policy element in the flattened list, with where it came from.
#[derive(Clone, Debug)]
pub struct Placed {
    /// The policy element.
    pub element: Element,
    /// `inbound`, `backend`, `outbound` or `on-error`.
    pub section: &'static str,
    /// The file it is written in.
    pub file: String,
    /// Its element path, e.g. `/policies/inbound/set-header`.
    pub path: String,
}

impl Placed {
    /// Where the element is, for diagnostics.
    pub fn location(&self) -> Location {
        Location::file(self.file.clone())
            .at(self.path.clone())
            .line_col(self.element.position.line, self.element.position.column)
    }

    /// An identity for comparing placements across operations.
    pub fn key(&self) -> PlacementKey {
        (
            self.file.clone(),
            self.path.clone(),
            self.element.position.line,
            self.element.position.column,
        )
    }
}

/// Flattens `chain` (outermost scope first; `None` for a scope without a document) into the
/// policies that run, section by section. Problems (unknown fragments, fragment cycles) are
/// pushed to `problems`.
pub fn flatten(
    chain: &[Option<&PolicyDoc>],
    fragments: &Fragments,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Placed> {
    let mut out = Vec::new();
    for section in SECTIONS {
        expand(chain, chain.len(), section, fragments, problems, &mut out);
    }
    out
}

fn expand(
    chain: &[Option<&PolicyDoc>],
    level: usize,
    section: &'static str,
    fragments: &Fragments,
    problems: &mut Vec<Diagnostic>,
    out: &mut Vec<Placed>,
) {
    let Some(index) = level.checked_sub(1) else {
        return;
    };
    let Some(doc) = chain.get(index).copied().flatten() else {
        return expand(chain, index, section, fragments, problems, out);
    };
    let Some(body) = doc.root.child(section) else {
        return expand(chain, index, section, fragments, problems, out);
    };
    let path = format!("{}/{}/{}", doc.anchor, doc.root.name, body.name);
    for element in body.elements() {
        if element.name.eq_ignore_ascii_case("base") {
            expand(chain, index, section, fragments, problems, out);
        } else {
            place(
                element, section, &doc.file, &path, fragments, problems, out, 0,
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn place(
    element: &Element,
    section: &'static str,
    file: &str,
    parent: &str,
    fragments: &Fragments,
    problems: &mut Vec<Diagnostic>,
    out: &mut Vec<Placed>,
    depth: usize,
) {
    let path = format!("{parent}/{}", element.name);
    if !element.name.eq_ignore_ascii_case("include-fragment") {
        out.push(Placed {
            element: element.clone(),
            section,
            file: file.to_string(),
            path,
        });
        return;
    }
    let id = element.attr("fragment-id").unwrap_or_default();
    let at = Location::file(file)
        .at(path.clone())
        .line_col(element.position.line, element.position.column);
    match fragments.get(&id.to_lowercase()) {
        Some(_) if depth > 8 => problems.push(
            Diagnostic::new(
                codes::UNKNOWN_FRAGMENT,
                format!("fragment `{id}` includes itself; the inclusion was ignored"),
            )
            .at(at),
        ),
        Some(fragment) => {
            let fragment_path = format!("{}/{}", fragment.anchor, fragment.root.name);
            for child in fragment.root.elements() {
                place(
                    child,
                    section,
                    &fragment.file,
                    &fragment_path,
                    fragments,
                    problems,
                    out,
                    depth + 1,
                );
            }
        }
        None => problems.push(
            Diagnostic::new(
                codes::UNKNOWN_FRAGMENT,
                format!(
                    "policy fragment `{id}` is not in the bundle; its policies were not considered"
                ),
            )
            .at(at),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy_xml::parse;

    fn doc(file: &str, text: &str) -> PolicyDoc {
        PolicyDoc {
            file: file.into(),
            anchor: String::new(),
            root: parse(text).root.expect("root"),
        }
    }

    fn names(placed: &[Placed]) -> Vec<String> {
        placed
            .iter()
            .map(|p| {
                format!(
                    "{}:{}@{}",
                    p.section,
                    p.element.attr("name").unwrap_or(&p.element.name),
                    p.file
                )
            })
            .collect()
    }

    #[test]
    fn base_pulls_in_the_enclosing_scope_where_it_stands() {
        let global = doc(
            "g",
            r#"<policies><inbound><set-header name="g"/></inbound><outbound><set-header name="go"/></outbound></policies>"#,
        );
        let api = doc(
            "a",
            r#"<policies><inbound><set-header name="a1"/><base/><set-header name="a2"/></inbound><outbound/></policies>"#,
        );
        let op = doc(
            "o",
            r#"<policies><inbound><base/><set-header name="o"/></inbound></policies>"#,
        );
        let mut problems = Vec::new();
        let placed = flatten(
            &[Some(&global), None, Some(&api), Some(&op)],
            &Fragments::new(),
            &mut problems,
        );
        assert_eq!(
            names(&placed),
            ["inbound:a1@a", "inbound:g@g", "inbound:a2@a", "inbound:o@o"]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn missing_base_cuts_the_chain_and_fragments_are_inlined() {
        let global = doc(
            "g",
            r#"<policies><inbound><set-header name="g"/></inbound></policies>"#,
        );
        let api = doc(
            "a",
            r#"<policies><inbound><include-fragment fragment-id="F"/><include-fragment fragment-id="gone"/></inbound></policies>"#,
        );
        let mut fragments = Fragments::new();
        fragments.insert(
            "f".into(),
            doc(
                "f.xml",
                r#"<fragment><set-header name="f"/><include-fragment fragment-id="f"/></fragment>"#,
            ),
        );
        let mut problems = Vec::new();
        let placed = flatten(&[Some(&global), Some(&api)], &fragments, &mut problems);
        assert_eq!(placed.len(), 9, "{:?}", names(&placed));
        assert!(names(&placed).iter().all(|n| n == "inbound:f@f.xml"));
        assert_eq!(placed[0].path, "/fragment/set-header");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.message.contains("`gone`")));
    }
}
