//! Names the connector format constrains: titles, operation ids, summaries, display names and
//! folder names.

/// Words a connector title may not contain (compared case-insensitively, as whole words).
const RESTRICTED_TITLE_WORDS: &[&str] = &["api", "apis", "connector", "connectors"];

/// Power Platform product names, which neither title nor description may contain.
pub const PRODUCT_NAMES: &[&str] = &[
    "power apps",
    "powerapps",
    "power automate",
    "logic apps",
    "power platform",
    "power bi",
    "copilot studio",
    "power virtual agents",
];

/// Characters a summary may not contain.
const RESTRICTED_SUMMARY_CHARS: &[char] = &['/', '\\', '<', '>', '*', '%', '&', '?'];

/// Longest title the certification rules allow.
pub const MAX_TITLE: usize = 30;
/// Longest operation summary and parameter display name.
pub const MAX_SUMMARY: usize = 80;

/// Splits text into ASCII words: runs of letters and digits, breaking camelCase humps.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let boundary = match prev {
                Some(p) => {
                    (p.is_ascii_lowercase() && c.is_ascii_uppercase())
                        || (p.is_ascii_uppercase() && c.is_ascii_uppercase() && next_lower)
                        || (p.is_ascii_digit() != c.is_ascii_digit()
                            && p.is_ascii_alphabetic()
                            && c.is_ascii_digit())
                }
                None => false,
            };
            if boundary && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.push(c);
            prev = Some(c);
        } else {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            prev = None;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => {
            first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
        }
        None => String::new(),
    }
}

/// `PascalCase` from any text; empty when the text has no ASCII letters or digits.
/// A result starting with a digit gets an `Op` prefix.
pub fn pascal_case(text: &str) -> String {
    let joined: String = words(text).iter().map(|w| capitalize(w)).collect();
    if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Op{joined}")
    } else {
        joined
    }
}

/// `Title Case` display name from an identifier or phrase, at most 80 characters.
pub fn display_name(text: &str) -> String {
    let words = words(text);
    let name = if words.is_empty() {
        text.trim().to_string()
    } else {
        words
            .iter()
            .map(|w| capitalize(w))
            .collect::<Vec<_>>()
            .join(" ")
    };
    truncate_words(&name, MAX_SUMMARY)
}

/// Whether an operation id is acceptable as is: ASCII letters and digits, starting with a letter.
pub fn is_valid_operation_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Cuts text to at most `max` characters at a word boundary, without trailing separators.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_boundary = match cut.rfind(' ') {
        Some(space) if space > max / 2 => cut[..space].to_string(),
        _ => cut,
    };
    at_boundary
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Cleans an operation summary: no restricted characters, single spaces, at most 80
/// characters, ending in a letter, digit or `)`.
pub fn clean_summary(summary: &str) -> String {
    let replaced: String = summary
        .chars()
        .map(|c| {
            if RESTRICTED_SUMMARY_CHARS.contains(&c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let collapsed = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate_words(&collapsed, MAX_SUMMARY)
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .to_string()
}

/// A sentence-case summary from a method and a path, e.g. `GET /users/{id}` -> `Get users id`.
pub fn summary_from_route(method: &str, path: &str) -> String {
    let mut parts = vec![capitalize(method)];
    parts.extend(words(path).iter().map(|w| w.to_ascii_lowercase()));
    clean_summary(&parts.join(" "))
}

/// Makes a title meet the certification rules: no restricted words or product names, at most
/// 30 characters, ending in a letter or digit. Returns `None` when nothing usable is left.
pub fn clean_title(title: &str) -> Option<String> {
    let mut text = title.to_string();
    for product in PRODUCT_NAMES {
        text = remove_phrase(&text, product);
    }
    let kept: Vec<&str> = text
        .split_whitespace()
        .filter(|w| {
            let bare = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            !RESTRICTED_TITLE_WORDS.contains(&bare.as_str())
        })
        .collect();
    let joined = kept.join(" ");
    let cleaned = trim_title_end(&truncate_words(&joined, MAX_TITLE));
    let cleaned = cleaned
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// Trims a title's end to a letter or digit, or to a `)` that closes a parenthesis, as in the
/// platform's own naming (`Name (Independent Publisher)`).
fn trim_title_end(title: &str) -> String {
    let mut text = title.to_string();
    loop {
        let trimmed = text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
        let balanced = trimmed.matches('(').count() == trimmed.matches(')').count();
        if trimmed.ends_with(')') && !balanced {
            text = trimmed[..trimmed.len() - 1].to_string();
            continue;
        }
        return trimmed.to_string();
    }
}

fn remove_phrase(text: &str, phrase: &str) -> String {
    let lower = text.to_lowercase();
    match lower.find(phrase) {
        // Only ASCII phrases are removed, so byte offsets in the lowercased text match.
        Some(at) if lower.len() == text.len() => {
            let rest = format!("{}{}", &text[..at], &text[at + phrase.len()..]);
            remove_phrase(&rest, phrase)
        }
        _ => text.to_string(),
    }
}

/// Names a split part `<Title> (<Part>)` within the 30-character title limit.
pub fn part_title(title: &str, part: &str) -> String {
    let part = truncate_words(part.trim(), MAX_TITLE - 4);
    let room = MAX_TITLE.saturating_sub(part.chars().count() + 3);
    let base = truncate_words(title, room);
    if base.is_empty() {
        part
    } else {
        format!("{base} ({part})")
    }
}

/// Windows device names that cannot be folder names, with or without an extension.
const RESERVED_FOLDER_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A folder name safe on every platform: no path separators, reserved or control characters,
/// no leading dots, not a device name, at most 64 characters; never empty.
pub fn folder_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = replaced
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .to_string();
    let mut short: String = trimmed.chars().take(64).collect();
    short = short.trim_end_matches(['.', ' ']).to_string();
    let stem = short.split('.').next().unwrap_or("").to_ascii_lowercase();
    if short.is_empty() {
        "connector".to_string()
    } else if RESERVED_FOLDER_NAMES.contains(&stem.as_str()) {
        // After the stem: `nul.txt_` would still be the device `NUL` on Windows.
        let (stem, rest) = short.split_at(stem.len());
        format!("{stem}_{rest}")
    } else {
        short
    }
}

/// Returns `base`, or `base2`, `base3`... — the first candidate `taken` rejects.
pub fn unique(base: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unbounded range always yields a free name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_breaks_humps_and_separators() {
        assert_eq!(pascal_case("get user-by ID"), "GetUserById");
        assert_eq!(pascal_case("listHTTPRequests"), "ListHttpRequests");
        assert_eq!(pascal_case("2fa setup"), "Op2faSetup");
        assert_eq!(pascal_case("获取"), "");
    }

    #[test]
    fn operation_ids_must_be_letters_and_digits() {
        assert!(is_valid_operation_id("getMessages"));
        assert!(is_valid_operation_id("GetMessagesV2"));
        assert!(!is_valid_operation_id("Get_Messages"));
        assert!(!is_valid_operation_id("1Get"));
    }

    #[test]
    fn summaries_lose_restricted_characters_and_stay_short() {
        assert_eq!(
            clean_summary("Create / update a user?"),
            "Create update a user"
        );
        let long = "word ".repeat(30);
        assert!(clean_summary(&long).len() <= MAX_SUMMARY);
        assert_eq!(clean_summary("List (all)."), "List (all)");
        assert_eq!(
            summary_from_route("DELETE", "/users/{userId}"),
            "Delete users user id"
        );
    }

    #[test]
    fn titles_drop_restricted_words_and_products() {
        assert_eq!(clean_title("Petstore API").as_deref(), Some("Petstore"));
        assert_eq!(
            clean_title("Contoso Power Apps Connector!").as_deref(),
            Some("Contoso")
        );
        assert_eq!(
            clean_title("A very long service name that goes on and on").as_deref(),
            Some("A very long service name that")
        );
        assert_eq!(clean_title("API"), None);
        assert_eq!(
            clean_title("Contoso Orders (v2)").as_deref(),
            Some("Contoso Orders (v2)")
        );
        assert_eq!(
            clean_title("Contoso Orders (v2").as_deref(),
            Some("Contoso Orders (v2")
        );
        assert_eq!(clean_title("Orders)!").as_deref(), Some("Orders"));
        assert_eq!(part_title("Petstore", "Pets"), "Petstore (Pets)");
        assert!(
            part_title("A very long service name here", "Administration")
                .chars()
                .count()
                <= 30
        );
    }

    #[test]
    fn folder_names_are_safe() {
        assert_eq!(folder_name("../etc/passwd"), "_etc_passwd");
        assert_eq!(folder_name("CON"), "CON_");
        assert_eq!(folder_name("nul.txt"), "nul_.txt");
        assert_eq!(folder_name("Lpt9.v1.json"), "Lpt9_.v1.json");
        assert_eq!(folder_name("a\u{7}b"), "a_b");
        assert_eq!(folder_name(""), "connector");
        assert_eq!(folder_name(&"x".repeat(300)).len(), 64);
        assert_eq!(unique("Get", |n| n == "Get" || n == "Get2"), "Get3");
    }
}
