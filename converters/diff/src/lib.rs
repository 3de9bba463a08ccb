//! Semantic diff, breaking-change classification and three-way merge of Power Platform custom
//! connectors (`apiDefinition.swagger.json` + `apiProperties.json`).
//!
//! The library works on the connector *files* as JSON, not on the IR, so that everything a
//! maker edited in the portal is compared and kept, including what the IR cannot express.
//!
//! * [`diff`] lists the semantic [`Change`]s between two connectors, keyed by operationId
//!   and names, each classed [`Class::Breaking`], [`Class::NonBreaking`] or
//!   [`Class::Cosmetic`] for the apps and flows built on the connector, with a reason.
//!   [`render_human`], [`render_json`] and [`render_markdown`] print them; [`text_diff`] is
//!   the per-file unified diff shown after them.
//! * [`merge`] is `update`: a three-way merge of the connector as last generated (the
//!   [`Base`] that `convert` records in `.connectorize/base.json`), the folder as edited
//!   (ours) and the new generation (theirs); without a base, a two-way merge that gives every
//!   field to its owner (see the README's ownership table). Conflicts are data, resolved by [`Prefer`] or
//!   left for the user.
//!
//! Nothing here reads or writes files, prints or exits: callers pass texts or values in and
//! get values and texts back. Output JSON is [`to_pretty`] (two spaces, trailing newline).
//!
//! ```
//! use connectorize_diff::{diff, merge, Class, Connector};
//!
//! let read = |host: &str, summary: &str| {
//!     let definition = format!(
//!         r#"{{"swagger": "2.0", "host": "{host}",
//!             "paths": {{"/a": {{"get": {{"operationId": "GetA", "summary": "{summary}"}}}}}}}}"#
//!     );
//!     Connector::from_texts(&definition, "{}").unwrap()
//! };
//! let base = read("a.example.com", "Get A");
//! let edited = read("a.example.com", "Fetch an A"); // the maker's wording
//! let regenerated = read("b.example.com", "Get A"); // the API moved
//!
//! let changes = diff(&edited, &regenerated);
//! assert_eq!(changes[0].key, "host");
//! assert_eq!(changes[0].class, Class::Breaking);
//!
//! let update = merge(Some(&base), &edited, &regenerated, None);
//! assert!(update.conflicts.is_empty());
//! assert_eq!(update.merged, read("b.example.com", "Fetch an A"));
//! ```

mod base;
mod change;
pub mod codes;
mod connector;
mod diff;
mod merge;
mod ownership;
mod pointer;
mod render;
mod unified;

pub use base::{base_from_json, base_text, base_to_json, Base, BASE_FILE};
pub use change::{Change, ChangeKind, Class, FailOn, Summary};
pub use connector::{empty_object, is_pretty, parse_object, to_pretty, Connector, File};
pub use diff::diff;
pub use merge::{merge, render_conflicts, Conflict, Merge, Prefer};
pub use render::{render_human, render_json, render_markdown, text_diff};
