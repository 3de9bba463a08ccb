//! Small string helpers shared by the rules: pointers, lists in messages.

use connectorize_ir::pointer;

/// `pointer` extended by one token.
pub(crate) fn child(base: &str, token: &str) -> String {
    pointer::push(base, token)
}

/// `pointer` extended by an array index.
pub(crate) fn index(base: &str, i: usize) -> String {
    format!("{base}/{i}")
}

/// Decodes an RFC 6901 pointer into tokens; `None` when an escape is invalid.
pub(crate) fn pointer_tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/')
        .map(|token| {
            let mut out = String::with_capacity(token.len());
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                if c == '~' {
                    match chars.next() {
                        Some('0') => out.push('~'),
                        Some('1') => out.push('/'),
                        _ => return None,
                    }
                } else {
                    out.push(c);
                }
            }
            Some(out)
        })
        .collect()
}

/// `'a', 'b', 'c'` for messages.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("'{}'", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pointer_escapes() {
        assert_eq!(
            pointer_tokens("/definitions/a~1b~0c"),
            Some(vec!["definitions".to_owned(), "a/b~c".to_owned()])
        );
        assert_eq!(pointer_tokens("/x~2"), None);
        assert_eq!(pointer_tokens("x"), None);
    }
}
