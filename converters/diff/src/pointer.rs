//! RFC 6901 JSON pointers, built one token at a time.

/// Appends `token` to `pointer`, escaping `~` and `/` as RFC 6901 requires.
pub(crate) fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// The pointer a local `$ref` such as `#/definitions/User` names, when it is local.
pub(crate) fn from_ref(reference: &str) -> Option<&str> {
    reference.strip_prefix('#').filter(|p| p.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_slash_and_tilde() {
        assert_eq!(push("/paths", "/users/{id}"), "/paths/~1users~1{id}");
        assert_eq!(push("", "a~b"), "/a~0b");
        assert_eq!(from_ref("#/definitions/A"), Some("/definitions/A"));
        assert_eq!(from_ref("other.json#/A"), None);
    }
}
