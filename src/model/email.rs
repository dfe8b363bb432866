//! The one rule for an e-mail address in the data: the authority's and each bidder's contact.

/// RFC 5321 allows at most 254 characters in a path; a PDF `mailto:` link to a longer one fails.
const MAX_LEN: usize = 254;

/// Why `address` is not an e-mail address, if it is not: one `@` with text on both sides, a dot
/// in the domain, no white space, at most 254 characters.
pub(crate) fn problem(address: &str) -> Option<String> {
    let address = address.trim();
    let parts: Vec<&str> = address.split('@').collect();
    if address.chars().count() > MAX_LEN {
        return Some(format!(
            "an e-mail address has at most {MAX_LEN} characters (this one has {})",
            address.chars().count()
        ));
    }
    let shaped = !address.contains(char::is_whitespace)
        && parts.len() == 2
        && parts.iter().all(|p| !p.is_empty())
        && parts[1].contains('.');
    (!shaped).then(|| format!("`{address}` is not an e-mail address"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_not() {
        assert_eq!(problem("inkoop@wij.groningen.nl"), None);
        assert!(problem("inkoop wij.nl").is_some());
        assert!(problem("a@b").is_some());
        assert!(problem("a@@b.nl").is_some());
        assert!(
            problem(&format!("{}@x.nl", "a".repeat(300)))
                .unwrap()
                .contains("254")
        );
    }
}
