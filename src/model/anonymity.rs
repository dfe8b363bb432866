//! The anonymity guard: questions (and, later, letters) are published without the names of
//! bidders, e-mail addresses or phone numbers in them.

/// The names no question may contain, each with the forms it is looked for in: lower-cased,
/// runs of whitespace as one space, and also without a trailing legal form (`Arbo Vitaal B.V.`
/// is also found as `Arbo Vitaal`). Made once: every question (and every text of every
/// letter) is checked against every name, two thousand forms with a thousand bids in. One
/// automaton over all forms finds them in one pass over a text, where searching form by form
/// cost a thousand bids' letters seconds (a quadratic search).
pub struct GuardedNames {
    names: Vec<String>,
    /// Per pattern of `automaton`: whether the form ends in a letter or digit, and the names
    /// it is a form of (two bidders may share a short name).
    forms: Vec<(bool, Vec<usize>)>,
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl GuardedNames {
    pub fn new(names: impl IntoIterator<Item = String>) -> GuardedNames {
        let mut kept = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut forms: Vec<(bool, Vec<usize>)> = Vec::new();
        let mut pattern_of: std::collections::HashMap<String, usize> = Default::default();
        for name in names {
            let found = name_forms(&name);
            if found.is_empty() {
                continue;
            }
            let index = kept.len();
            kept.push(name);
            for form in found {
                match pattern_of.get(&form) {
                    Some(&at) => forms[at].1.push(index),
                    None => {
                        let alnum_end = form.chars().next_back().is_some_and(char::is_alphanumeric);
                        pattern_of.insert(form.clone(), patterns.len());
                        patterns.push(form);
                        forms.push((alnum_end, vec![index]));
                    }
                }
            }
        }
        // Standard semantics: every occurrence of every form, overlapping ones included, is
        // reported, so a form inside a longer word does not hide one on word boundaries.
        let automaton = (!patterns.is_empty()).then(|| {
            aho_corasick::AhoCorasick::new(&patterns).expect("names make a valid automaton")
        });
        GuardedNames {
            names: kept,
            forms,
            automaton,
        }
    }

    /// The guarded names `text` contains (each once, in the order given).
    pub fn names_in(&self, text: &str) -> Vec<&str> {
        let hay = normalise(text);
        let mut found = vec![false; self.names.len()];
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(&hay) {
                let (alnum_end, names) = &self.forms[m.pattern().as_usize()];
                if on_word_boundaries(&hay, m.start(), m.end(), *alnum_end) {
                    for &i in names {
                        found[i] = true;
                    }
                }
            }
        }
        self.names
            .iter()
            .zip(found)
            .filter(|(_, f)| *f)
            .map(|(name, _)| name.as_str())
            .collect()
    }
}

/// Legal forms left out when looking for a bidder's name.
const LEGAL_FORMS: &[&str] = &[
    "b.v.", "bv", "b.v", "n.v.", "nv", "n.v", "v.o.f.", "vof", "c.v.", "cv", "u.a.", "ua",
];

/// Characters that show nothing (zero-width spaces and joiners, the soft hyphen, the byte
/// order mark) or only change the direction of text (bidi marks, embeddings, overrides and
/// isolates): left out before names are looked for, so `Werk\u{200B}fit` is still `Werkfit`.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Bidi embedding, override and isolate characters: they reorder what is printed (U+202E
/// turns `Geachte heer` into `reeh ethcaeG`), so data text may not hold them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Ordinary words that open bidders' names in this field: never a bidder's short name on
/// their own (`Vitaal & Werk` is not named by "vitaal", `Arbo Noord` not by "arbo").
const COMMON_WORDS: &[&str] = &[
    "arbo",
    "arbodienst",
    "arbozorg",
    "vitaal",
    "vitaliteit",
    "duurzaam",
    "duurzame",
    "gezond",
    "gezondheid",
    "werk",
    "werken",
    "zorg",
    "groep",
    "nederland",
    "noord",
    "zuid",
    "oost",
    "west",
    "advies",
    "medisch",
    "medische",
    "bedrijfs",
    "bedrijf",
    "mens",
    "mensen",
    "samen",
    "actief",
    "fit",
    "veilig",
    "preventie",
    "inzet",
    "inzetbaar",
    "totaal",
    "centrum",
    "stichting",
    "holding",
    "partners",
    "dienst",
    "diensten",
    "de",
    "het",
    "een",
    "van",
];

/// Lower-cased, invisible characters left out, with runs of whitespace as one space and none
/// at either end.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_invisible(c))
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The forms a name is looked for in (none for a blank name).
fn name_forms(name: &str) -> Vec<String> {
    let name = normalise(name);
    if name.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![name.clone()];
    // The name without a trailing legal form, if enough of it is left.
    if let Some((core, last)) = name.rsplit_once(' ')
        && LEGAL_FORMS.contains(&last)
    {
        let core = core.trim_end_matches([',', ' ']);
        if core.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
            forms.push(core.to_string());
        }
    }
    // The short name: the first word of a name of more words, when it is distinctive (at
    // least five letters, not an ordinary word): "Werkfit" for "Werkfit Arbodienstverlening
    // B.V.", not "Vitaal" for "Vitaal & Werk B.V.".
    let core = forms.last().cloned().unwrap_or_default();
    if let Some((first, _)) = core.split_once(' ') {
        let first = first.trim_end_matches([',', '.', '&']);
        if first.chars().count() >= 5
            && first.chars().all(char::is_alphabetic)
            && !COMMON_WORDS.contains(&first)
            && !forms.iter().any(|f| f == first)
        {
            forms.push(first.to_string());
        }
    }
    forms
}

/// Why a question text may not be published: it names one of `names`, or contains an e-mail
/// address or a phone number. Empty when the text is fine.
pub fn anonymity_problems(text: &str, names: &GuardedNames) -> Vec<String> {
    let mut out = Vec::new();
    for name in names.names_in(text) {
        out.push(format!(
            "the question names bidder “{name}”; questions are published anonymously: remove the name"
        ));
    }
    for email in email_addresses(text) {
        out.push(format!(
            "the question contains an e-mail address ({email}); questions are published anonymously: remove it"
        ));
    }
    for phone in phone_numbers(text) {
        out.push(format!(
            "the question contains a phone number ({phone}); questions are published anonymously: remove it"
        ));
    }
    out
}

/// Whether the occurrence `hay[start..end]` of a form stands on word boundaries: not preceded
/// by a letter or digit, and not followed by one unless the form ends in punctuation (`b.v.`).
fn on_word_boundaries(hay: &str, start: usize, end: usize, alnum_end: bool) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let word_before = alnum(hay[..start].chars().next_back());
    let word_after = alnum_end && alnum(hay[end..].chars().next());
    !word_before && !word_after
}

/// E-mail addresses in a text: `name@domain.tld`.
pub(crate) fn email_addresses(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let local_char = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    let domain_char = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    let mut out = Vec::new();
    for (at, &c) in chars.iter().enumerate() {
        if c != '@' {
            continue;
        }
        let mut start = at;
        while start > 0 && local_char(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && domain_char(chars[end]) {
            end += 1;
        }
        let local: String = chars[start..at]
            .iter()
            .collect::<String>()
            .trim_start_matches(['.', '\''])
            .to_string();
        let domain: String = chars[at + 1..end]
            .iter()
            .collect::<String>()
            .trim_end_matches(['.', '-'])
            .to_string();
        let tld_ok = domain.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.chars().count() >= 2 && tld.chars().all(|c| c.is_alphabetic())
        });
        if !local.is_empty() && tld_ok {
            out.push(format!("{local}@{domain}"));
        }
    }
    out
}

/// Phone numbers in a text, in the ways Dutch numbers are written: `06-12345678`,
/// `06 1234 5678`, `050 123 4567`, `(050) 123 45 67`, `+31 6 12345678`, `+31 (0)50 123 4567`,
/// `0031 50 1234567`, `0800-1234`. A run of digits with single separators (space, `-`, `.`,
/// `/`, brackets) counts when it has the length of a phone number: ten digits starting with 0
/// (national), 7 to 11 starting with 0800/0900/0906/0909, or 9 to 15 after `+` or `00`.
pub(crate) fn phone_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let is_sep = |c: char| matches!(c, ' ' | '-' | '.' | '/' | '(' | ')' | '\u{a0}');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let boundary = i == 0
            || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '+' || chars[i - 1] == ',');
        let starts = match c {
            '+' => chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()),
            '(' => chars.get(i + 1) == Some(&'0') || (chars.get(i + 1) == Some(&'+')),
            '0' => true,
            _ => false,
        };
        if !(boundary && starts) {
            i += 1;
            continue;
        }
        // Take the run: digits, with at most two separator characters between digit groups.
        let mut j = i + 1;
        let mut end = if c.is_ascii_digit() { i + 1 } else { i };
        let mut seps = 0;
        while j < chars.len() {
            let d = chars[j];
            if d.is_ascii_digit() {
                seps = 0;
                end = j + 1;
            } else if is_sep(d) || (d == '+' && j == i + 1) {
                seps += 1;
                if seps > 2 {
                    break;
                }
            } else {
                break;
            }
            j += 1;
        }
        // A closing bracket right after the last digit belongs to the number: `(050)`.
        let run: String = chars[i..end].iter().collect();
        let digits: String = run.chars().filter(|c| c.is_ascii_digit()).collect();
        let after_ok = end >= chars.len()
            || !(chars[end].is_alphanumeric()
                || (chars[end] == ',' && chars.get(end + 1).is_some_and(|c| c.is_ascii_digit())));
        let international = run.contains('+') || digits.starts_with("00");
        let n = digits.len();
        let is_phone = after_ok
            && if international {
                let n = if digits.starts_with("00") { n - 2 } else { n };
                (9..=15).contains(&n)
            } else if ["0800", "0900", "0906", "0909"]
                .iter()
                .any(|p| digits.starts_with(p))
            {
                (7..=11).contains(&n)
            } else {
                digits.starts_with('0') && n == 10
            };
        if is_phone {
            out.push(run.trim_end_matches(is_sep).to_string());
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_in_dutch_formats() {
        for (text, found) in [
            ("bel 06-12345678 gerust", "06-12345678"),
            ("bel 06 1234 5678.", "06 1234 5678"),
            ("bereikbaar op 050 123 4567", "050 123 4567"),
            ("tel. (050) 123 45 67", "(050) 123 45 67"),
            ("+31 6 12345678", "+31 6 12345678"),
            ("+31 (0)50 123 4567", "+31 (0)50 123 4567"),
            ("0031 50 1234567", "0031 50 1234567"),
            ("0800-1234", "0800-1234"),
            ("020-1234567", "020-1234567"),
            ("0612345678", "0612345678"),
        ] {
            assert_eq!(phone_numbers(text), vec![found.to_string()], "{text}");
        }
        for text in [
            "€ 836.000,- exclusief BTW",
            "op 3 augustus 2026, 10:00 uur",
            "een score van 0, 2, 6, 8 of 10",
            "2026-06-22T10:00",
            "300.000 / 400.000 × 25 = 18,75",
            "0,5 fte",
            "score 0 2 6 8 10",
            "NEN 7510 en ISO 27001",
            "eis 058 van de 100",
        ] {
            assert!(
                phone_numbers(text).is_empty(),
                "{text}: {:?}",
                phone_numbers(text)
            );
        }
    }

    #[test]
    fn email_addresses_found() {
        assert_eq!(
            email_addresses("mail j.jansen@arbo-vitaal.nl."),
            vec!["j.jansen@arbo-vitaal.nl".to_string()]
        );
        assert!(email_addresses("een zakelijk e-mailadres @ kantoor").is_empty());
        assert!(email_addresses("user@localhost").is_empty());
    }

    #[test]
    fn bidder_names_on_word_boundaries() {
        let bidders = GuardedNames::new(["Arbo Vitaal B.V.".to_string(), "ACME".to_string()]);
        assert_eq!(
            anonymity_problems("Namens arbo  vitaal vragen wij", &bidders).len(),
            1
        );
        assert_eq!(
            anonymity_problems("Arbo Vitaal B.V. vraagt", &bidders).len(),
            1
        );
        assert!(anonymity_problems("Arbovitaliteit en acmeïsme", &bidders).is_empty());
    }

    /// Every occurrence counts: one inside a word does not hide a later (or overlapping) one
    /// on word boundaries; names sharing a form are each found; each name is listed once, in
    /// the order given.
    #[test]
    fn every_occurrence_of_every_form_is_looked_at() {
        let names = GuardedNames::new([
            "Noord Arbo B.V.".to_string(),
            "ACME".to_string(),
            "Acme".to_string(),
            "Aa Aa".to_string(),
        ]);
        assert_eq!(
            names.names_in("acmeïsme van acme, en noord arbo"),
            ["Noord Arbo B.V.", "ACME", "Acme"]
        );
        // "aa aa" overlaps itself in "aa aa aa": the second occurrence starts inside the first.
        assert_eq!(names.names_in("xaa aa aa"), ["Aa Aa"]);
        assert!(names.names_in("xaa aax").is_empty());
        assert!(
            GuardedNames::new([" ".to_string()])
                .names_in("wat dan ook")
                .is_empty()
        );
    }

    #[test]
    fn names_split_by_invisible_characters_are_found() {
        let bidders = GuardedNames::new(["Arbo Noord B.V.".to_string()]);
        for text in [
            "Namens Arbo\u{200B} Noord",
            "Arbo No\u{200D}ord vraagt",
            "\u{202E}Arbo Noord\u{202C}",
        ] {
            assert_eq!(anonymity_problems(text, &bidders).len(), 1, "{text:?}");
        }
    }

    #[test]
    fn distinctive_short_names_are_found_common_words_are_not() {
        let bidders = GuardedNames::new(
            [
                "Werkfit Arbodienstverlening B.V.",
                "Vitaal & Werk B.V.",
                "Duurzaam Inzetbaar Groep B.V.",
                "ArboVeilig Nederland B.V.",
                "Arbo Noord B.V.",
            ]
            .map(String::from),
        );
        let named = |text: &str| anonymity_problems(text, &bidders).len();
        assert_eq!(named("Wij van Werkfit vragen"), 1);
        assert_eq!(named("Kan ArboVeilig dit leveren?"), 1);
        assert_eq!(
            named("Hoe blijven medewerkers vitaal en duurzaam inzetbaar?"),
            0
        );
        assert_eq!(named("Is de arbo-dienstverlening in het noord-oosten"), 0);
        assert_eq!(named("Werkfitheid en werkfitte medewerkers"), 0);
    }

    #[test]
    fn bidder_name_forms() {
        let names = GuardedNames::new([
            "Zorg & Co, B.V.".to_string(),
            "Ab B.V.".to_string(),
            "  ".to_string(),
            "Jan  de Vries".to_string(),
            "aa a".to_string(),
        ]);
        let named = |text: &str| anonymity_problems(text, &names).len();
        // Without the legal form, and its comma; not when too little is left (`Ab`).
        assert_eq!(named("Volgens zorg &\nco vragen wij"), 1);
        assert_eq!(named("Ab vraagt"), 0);
        assert_eq!(named("AB B.V. vraagt"), 1);
        // A name ending in punctuation may be followed by anything.
        assert_eq!(named("ab b.v.-medewerkers"), 1);
        // Whitespace runs, line breaks and case.
        assert_eq!(named("JAN\tDE   vries belt"), 1);
        assert_eq!(named("jan de vriesland"), 0);
        // A first occurrence inside a word does not hide a later one on a boundary, also when
        // they overlap.
        assert_eq!(named("baa aa a"), 1);
        assert_eq!(named("xaa aaa a"), 0);
    }
}
