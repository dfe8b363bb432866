//! Data text into Typst source, literally.
//!
//! Following the Typst maintainers' advice we never hand-escape markup: every data string becomes
//! a Typst *string literal*, in which only `\` `"` and control characters need escaping. In
//! markup the literal is written as `#"…";` — the `;` ends the embedded expression, so template
//! text that follows (`.nl`, `(`, `[`) cannot continue it.

use std::fmt::Write as _;

/// A Typst string literal (`"…"`) that evaluates to exactly `s`.
pub(crate) fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // An amount never breaks after its € (`€⏎15.500,-`): whether `gen` formatted it
        // (`format::money`) or it was typed in data text ("minimaal € 1.000.000,-"), the
        // space between € and the amount becomes a no-break space. Only here, where text
        // reaches Typst: xlsx, json and the terminal keep the plain space.
        let euro_space = c == ' '
            && prev == Some('€')
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_digit() || *n == '-');
        prev = Some(c);
        if euro_space {
            out.push('\u{a0}');
            continue;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Other control characters (BEL, ESC, …) have no glyph and mean nothing on paper;
            // PDF/A forbids missing glyphs, so they are left out.
            c if c.is_control() => {}
            // The Unicode line/paragraph separators, which Typst's lexer treats as newlines, as
            // escapes, so the source stays one line per literal.
            c if c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The markup form, `#"…";`. Trailing line breaks (YAML block scalars end with one) are dropped.
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    out.push('#');
    out.push_str(&string_literal(s.trim_end_matches(['\n', '\r'])));
    out.push(';');
    out
}

/// Tera's escape hook: every `{{ value }}` in a `.typ.tera` template goes through here.
pub(crate) fn tera_escape(input: &str, output: &mut dyn std::io::Write) -> std::io::Result<()> {
    output.write_all(markup(input).as_bytes())
}

/// Text with blank-line paragraph breaks as markup: each paragraph its own literal, separated
/// by a blank line so Typst makes real paragraphs. Single line breaks inside a paragraph are
/// soft (a space), as hand-wrapped YAML text expects.
pub fn paragraphs(s: &str) -> String {
    let mut out = String::new();
    for para in split_paragraphs(s) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&markup(&para));
    }
    out
}

/// The paragraphs of a text: separated by blank lines, inner line breaks folded to spaces.
pub fn split_paragraphs(s: &str) -> Vec<String> {
    let mut paras = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paras.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        paras.push(current.join(" "));
    }
    paras
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_escapes_only_what_strings_need() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string_literal("x\ny\tz\r"), r#""x\ny\tz\r""#);
        assert_eq!(
            string_literal("#set *b* $x$ <l> @r [c] {{ t }}"),
            "\"#set *b* $x$ <l> @r [c] {{ t }}\""
        );
        assert_eq!(string_literal("a\u{7}b\u{1b}"), r#""ab""#);
        assert_eq!(string_literal("\u{2028}"), r#""\u{2028}""#);
    }

    #[test]
    fn an_amount_in_data_text_keeps_its_euro_sign() {
        assert_eq!(
            string_literal("minimaal € 1.000.000,- per jaar"),
            "\"minimaal €\u{a0}1.000.000,- per jaar\""
        );
        // Only before digits: a lone € or one before a word keeps its space.
        assert_eq!(string_literal("in € of in euro"), "\"in € of in euro\"");
    }

    #[test]
    fn markup_form_is_terminated() {
        assert_eq!(markup("Arbo B.V."), "#\"Arbo B.V.\";");
        assert_eq!(markup("regel\n"), "#\"regel\";");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(
            split_paragraphs("a\nb\n\n c \n"),
            vec!["a b".to_string(), "c".to_string()]
        );
        assert_eq!(paragraphs("a\n\nb"), "#\"a\";\n\n#\"b\";");
    }

    /// Parses `text` as Typst markup; returns the values of all string literals in it, and
    /// whether anything else than text, spaces and strings (a call, a field access, a
    /// heading, …) came out, and whether the parser reported an error.
    fn parse(text: &str) -> (Vec<String>, Vec<typst::syntax::SyntaxKind>, bool) {
        use typst::syntax::{SyntaxKind, SyntaxNode, ast};
        fn walk(node: &SyntaxNode, strs: &mut Vec<String>, kinds: &mut Vec<SyntaxKind>) {
            if let Some(s) = node.cast::<ast::Str>() {
                strs.push(s.get().to_string());
            }
            kinds.push(node.kind());
            for child in node.children() {
                walk(child, strs, kinds);
            }
        }
        let root = typst::syntax::parse(text);
        let (mut strs, mut kinds) = (Vec::new(), Vec::new());
        walk(&root, &mut strs, &mut kinds);
        (strs, kinds, root.diagnosis().errors)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]

        /// Whatever the data says, its literal is one string expression with exactly that value,
        /// also when template text such as `.nl`, `(…)` or `[…]` follows it directly.
        #[test]
        fn any_text_is_one_inert_string(s in "\\PC*|[#*$<>@\\[\\]{}()\\\\\"'`=_.;:/ \n\r\t-]*") {
            use typst::syntax::SyntaxKind::*;
            let expected: String = s.trim_end_matches(['\n', '\r']).chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')).collect();
            for suffix in ["", ".nl", "(x)", "[y]", "\n= kop"] {
                let text = format!("Tekst {}{suffix}", markup(&s));
                let (strs, kinds, error) = parse(&text);
                proptest::prop_assert!(!error, "parse error in {text:?}");
                proptest::prop_assert_eq!(&strs, &vec![expected.clone()]);
                let active: Vec<_> = kinds.iter().filter(|k| matches!(k, FuncCall | FieldAccess | Args | ContentBlock | Equation | Ref | Label | Strong | Emph | Raw | Link)).collect();
                proptest::prop_assert!(active.is_empty(), "{active:?} in {text:?}");
            }
        }
    }
}
