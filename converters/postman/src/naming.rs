//! Identifiers: PascalCase operation ids from request names (with an ASCII fallback),
//! made unique by folder and then by number.

use std::collections::HashSet;

/// Folds common Latin letters with diacritics to ASCII; other characters are kept.
fn fold(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ą' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ő' => "O",
        'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ů' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ű' | 'Ů' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ß' => "ss",
        'ł' => "l",
        'Ł' => "L",
        'ś' | 'š' => "s",
        'Ś' | 'Š' => "S",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => "",
    }
}

/// `"list all users"` -> `ListAllUsers`, `"getUser-byId"` -> `GetUserById`. Characters
/// that are neither ASCII nor a foldable Latin letter are dropped; the result may be empty.
pub fn pascal_case(text: &str) -> String {
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let folded = fold(c);
            ascii.push_str(if folded.is_empty() { " " } else { folded });
        }
    }
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// An id from method and path template: `GET /users/{id}/posts` -> `GetUsersPostsById`.
pub fn from_route(method: &str, path: &str) -> String {
    let mut words = pascal_case(&method.to_ascii_lowercase());
    let mut by = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            by.push(pascal_case(name));
        } else {
            words.push_str(&pascal_case(segment));
        }
    }
    by.retain(|b| !b.is_empty());
    if !by.is_empty() {
        words.push_str("By");
        words.push_str(&by.join("And"));
    }
    words
}

/// Makes ids unique: an id used more than once is first prefixed with its folder's name,
/// then numbered (`2`, `3`, …) in input order. Returns the final ids in input order.
pub fn unique(candidates: &[(String, Option<String>)]) -> Vec<String> {
    let mut counts = std::collections::HashMap::new();
    for (id, _) in candidates {
        *counts.entry(id.as_str()).or_insert(0usize) += 1;
    }
    let prefixed: Vec<String> = candidates
        .iter()
        .map(|(id, folder)| match folder {
            Some(folder) if counts.get(id.as_str()).copied().unwrap_or(0) > 1 => {
                let folder = pascal_case(folder);
                if id.starts_with(&folder) {
                    id.clone()
                } else {
                    format!("{folder}{id}")
                }
            }
            _ => id.clone(),
        })
        .collect();
    let mut taken = HashSet::new();
    prefixed
        .into_iter()
        .map(|id| {
            if taken.insert(id.clone()) {
                return id;
            }
            let mut n = 2;
            loop {
                let candidate = format!("{id}{n}");
                if taken.insert(candidate.clone()) {
                    return candidate;
                }
                n += 1;
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_cases_names_and_folds_accents() {
        assert_eq!(pascal_case("list all users"), "ListAllUsers");
        assert_eq!(pascal_case("getUser-byId"), "GetUserById");
        assert_eq!(pascal_case("Créer un élément"), "CreerUnElement");
        assert_eq!(pascal_case("会员登录"), "");
        assert_eq!(
            from_route("POST", "/member/{id}/login"),
            "PostMemberLoginById"
        );
    }

    #[test]
    fn disambiguates_by_folder_then_number() {
        let ids = unique(&[
            ("Get".into(), Some("users".into())),
            ("Get".into(), Some("orders".into())),
            ("List".into(), Some("a".into())),
            ("List".into(), Some("a".into())),
            ("AList".into(), None),
        ]);
        assert_eq!(ids, ["UsersGet", "OrdersGet", "AList", "AList2", "AList3"]);
    }
}
