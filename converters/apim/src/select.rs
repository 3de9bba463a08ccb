//! Which APIs of a bundle to convert: `--api` globs and revision choice.
//!
//! Revision folders move when the current revision changes (apiops #97, #708), so the current
//! one is found from `isCurrent`, then from the folder without `;rev=`, then as the highest
//! revision. Other revisions stay listed, skipped with a reason, unless `--revision` asks for
//! them.

use std::collections::BTreeMap;

use connectorize_ir::{Diagnostic, Location};

use crate::{codes, ApiEntry, Options};

/// Filters `entries` by the `--api` globs and marks the revisions that will not be converted.
pub fn apply(entries: &mut Vec<ApiEntry>, options: &Options) {
    if !options.apis.is_empty() {
        entries.retain(|e| {
            let base = base_name(&e.name);
            options
                .apis
                .iter()
                .any(|g| glob(g, &e.name) || glob(g, base) || glob(g, &e.display_name))
        });
    }
    let mut groups: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (index, entry) in entries.iter().enumerate() {
        groups
            .entry((entry.source, base_name(&entry.name).to_lowercase()))
            .or_default()
            .push(index);
    }
    for members in groups.values() {
        let current = members
            .iter()
            .copied()
            .find(|i| entries[*i].is_current)
            .or_else(|| {
                members
                    .iter()
                    .copied()
                    .find(|i| !entries[*i].name.contains(";rev="))
            })
            .or_else(|| {
                members
                    .iter()
                    .copied()
                    .max_by_key(|i| revision_number(&entries[*i]))
            });
        let wanted = options.revision.as_deref().map(str::trim);
        let chosen: Vec<usize> = match wanted {
            Some(all) if all.eq_ignore_ascii_case("all") => members.clone(),
            Some(number) => {
                let exact: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|i| entries[*i].revision.as_deref() == Some(number))
                    .collect();
                if exact.is_empty() {
                    current.into_iter().collect()
                } else {
                    exact
                }
            }
            None => current.into_iter().collect(),
        };
        for index in members {
            let entry = &mut entries[*index];
            entry.is_current = Some(*index) == current;
            if !chosen.contains(index) && entry.skip.is_none() {
                entry.skip = Some(
                    Diagnostic::new(
                        codes::OTHER_REVISION,
                        format!(
                            "revision {} of `{}` is not the {} revision",
                            entry.revision.as_deref().unwrap_or("?"),
                            base_name(&entry.name),
                            if wanted.is_some() {
                                "selected"
                            } else {
                                "current"
                            }
                        ),
                    )
                    .at(Location::file(entry.file.clone()))
                    .help("pass --revision N (or all) to convert other revisions"),
                );
            }
        }
    }
}

/// The API id without its `;rev=N` suffix.
pub fn base_name(name: &str) -> &str {
    name.split(";rev=").next().unwrap_or(name)
}

fn revision_number(entry: &ApiEntry) -> u64 {
    entry
        .revision
        .as_deref()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

/// A case-insensitive glob with `*` and `?`.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("echo-*", "Echo-API"));
        assert!(glob("*api;rev=?", "echo-api;rev=2"));
        assert!(!glob("echo", "echo-api"));
        assert!(glob("*", ""));
        assert_eq!(base_name("a;rev=3"), "a");
    }
}
