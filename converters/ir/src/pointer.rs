//! RFC 6901 JSON pointers, built one token at a time.

/// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
pub fn escape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    push_escaped(&mut out, token);
    out
}

/// Appends `token` escaped, in one pass and without allocating for it (pointers are built for
/// every node of large documents).
fn push_escaped(out: &mut String, token: &str) {
    let mut rest = token;
    while let Some(i) = rest.find(['~', '/']) {
        out.push_str(&rest[..i]);
        out.push_str(if rest.as_bytes()[i] == b'~' {
            "~0"
        } else {
            "~1"
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Appends one escaped token to a pointer.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    push_escaped(&mut out, token);
    out
}

/// Builds a pointer from tokens.
pub fn join<I, S>(tokens: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    tokens.into_iter().fold(String::new(), |pointer, token| {
        push(&pointer, token.as_ref())
    })
}

/// The pointer of a deserialization path recorded by `serde_path_to_error`, so that a shape
/// error in any JSON input can be located the same way.
pub fn from_serde_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    join(path.iter().filter_map(|segment| match segment {
        Segment::Seq { index } => Some(index.to_string()),
        Segment::Map { key } => Some(key.clone()),
        Segment::Enum { variant } => Some(variant.clone()),
        Segment::Unknown => None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_before_slash() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(escape("~1/~0"), "~01~1~00");
        assert_eq!(push("/x", "é/"), "/x/é~1");
        assert_eq!(
            join(["paths", "/users/{id}", "get"]),
            "/paths/~1users~1{id}/get"
        );
        assert_eq!(join(Vec::<String>::new()), "");
    }
}
