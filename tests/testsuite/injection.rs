//! Hostile data cannot change a document beyond its own text: every string value in every data
//! file of the bundled tender is extended with Typst markup and code, template syntax, odd
//! Unicode and a very long string; every document must still render, and each string must
//! appear literally in the PDFs' text.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_yaml::Value;

use crate::common::*;

/// What a bidder or a careless editor might type. Each is appended to a data string.
fn hostile() -> Vec<String> {
    let mut v: Vec<String> = [
        r#"#read("/etc/passwd")"#,
        r#"#include "/etc/hostname""#,
        "$x^2$ en $$",
        "<lbl> @ref *vet* _schuin_",
        "\n= kop aan regelbegin",
        "\n- opsomming\n+ genummerd",
        r"back\slash \\ \n \u{41}",
        r#"aanhalings"tekens" 'enkel' `raw`"#,
        "{{ x }} {% if true %}ja{% endif %} {# c #} {* d *}",
        "#let x = 1; #x ]) } [ #(",
        "rtl \u{200f}עברית\u{200e} mark",
        "combining e\u{0301} a\u{0308}",
        "emoji 😀 🎉 ✓ €",
        "control \u{7} bell \u{1b} esc",
        "/* comment */ // line",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push(
        format!("lang {}", "lorem ipsum dolor sit amet ".repeat(371))
            .chars()
            .take(10_000)
            .collect(),
    );
    v
}

/// A string value in a YAML file: its dotted path (`questions.3.answer`).
type Slot = (PathBuf, String);

fn strings(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::String(_) => out.push(path),
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, join(&path, &i.to_string()), out);
            }
        }
        Value::Mapping(map) => {
            for (k, item) in map {
                if let Some(k) = k.as_str() {
                    strings(item, join(&path, k), out);
                }
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn get_mut<'a>(value: &'a mut Value, path: &str) -> &'a mut Value {
    let mut v = value;
    // Keys may contain dots (`G2.1`): match the longest key present at each level.
    let parts: Vec<&str> = path.split('.').collect();
    let mut i = 0;
    while i < parts.len() {
        let mut next = None;
        for take in (1..=parts.len() - i).rev() {
            let key = parts[i..i + take].join(".");
            let found = match &*v {
                Value::Sequence(items) => key
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n < items.len())
                    .is_some(),
                Value::Mapping(map) => map.contains_key(key.as_str()),
                _ => false,
            };
            if found {
                next = Some((key, take));
                break;
            }
        }
        let (key, take) = next.unwrap_or_else(|| panic!("{path} not found"));
        v = match v {
            Value::Sequence(items) => &mut items[key.parse::<usize>().unwrap()],
            Value::Mapping(map) => map.get_mut(key.as_str()).unwrap(),
            _ => unreachable!(),
        };
        i += take;
    }
    v
}

/// Removes what text extraction cannot be expected to keep: white space, hyphens (line-end
/// hyphenation), control and bidi format characters; lower-cases (headings may be upper case).
fn normalise(s: &str) -> String {
    let s = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && !c.is_control())
        .filter(|c| !matches!(*c, '\u{ad}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .flat_map(|c| c.to_lowercase())
        .collect::<String>()
        .replace("e\u{301}", "é")
        .replace("a\u{308}", "ä");
    rtl_runs_sorted(s)
}

/// Text extraction gives right-to-left script in visual order (reversed): runs of Hebrew and
/// Arabic letters are compared as sorted letters.
fn rtl_runs_sorted(s: String) -> String {
    let rtl = |c: char| ('\u{0590}'..='\u{06ff}').contains(&c);
    let mut out = String::new();
    let mut run: Vec<char> = Vec::new();
    for c in s.chars().chain(std::iter::once('\0')) {
        if rtl(c) {
            run.push(c);
            continue;
        }
        run.sort_unstable();
        out.extend(run.drain(..));
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

#[test]
fn hostile_strings_print_literally_in_every_document() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&data_dir(), &data);

    // Every string value of every YAML file, with its original.
    let mut docs: BTreeMap<PathBuf, Value> = BTreeMap::new();
    let mut slots: Vec<Slot> = Vec::new();
    for entry in walkdir::WalkDir::new(&data).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            let value: Value =
                serde_yaml::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
            let mut paths = Vec::new();
            strings(&value, String::new(), &mut paths);
            slots.extend(paths.into_iter().map(|p| (entry.path().to_path_buf(), p)));
            docs.insert(entry.path().to_path_buf(), value);
        }
    }
    assert!(
        slots.len() > 300,
        "expected the bundled tender's strings, found {}",
        slots.len()
    );

    let payloads = hostile();
    let payload = |k: usize| format!(" zq{k}zq {}", payloads[k % payloads.len()]);
    let originals: BTreeMap<Slot, String> = slots
        .iter()
        .map(|(f, p)| {
            (
                (f.clone(), p.clone()),
                get_mut(docs.get_mut(f).unwrap(), p)
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let mut active: BTreeMap<Slot, usize> = slots
        .iter()
        .cloned()
        .enumerate()
        .map(|(k, s)| (s, k))
        .collect();

    // Strings that are identifiers, dates, amounts or references cannot take the payload:
    // validation says which (file and field); put those back and try again.
    for round in 0.. {
        let mut edited = docs.clone();
        for ((f, p), k) in &active {
            *get_mut(edited.get_mut(f).unwrap(), p) = Value::String(format!(
                "{}{}",
                originals[&(f.clone(), p.clone())],
                payload(*k)
            ));
        }
        for (f, v) in &edited {
            std::fs::write(f, serde_yaml::to_string(v).unwrap()).unwrap();
        }
        let Err(tendergen::Error::Data(diags)) = try_build(&data, &templates_dir()) else {
            break;
        };
        assert!(
            round < 400,
            "data never became valid:\n{}",
            tendergen::Error::Data(diags)
        );
        let before = active.len();
        for d in &diags {
            // The field the error names, or a field it lies in or contains.
            let field = d.field.replace('[', ".").replace(']', "");
            let n = active.len();
            active.retain(|(f, p), _| {
                let hit = *f == d.file
                    && (field.is_empty()
                        || *p == field
                        || p.starts_with(&format!("{field}."))
                        || field.starts_with(&format!("{p}.")));
                !hit
            });
            if active.len() < n {
                continue;
            }
            // A dangling reference: the error sits on the referring field; put back the id it
            // refers to (quoted in the message, e.g. "no criterion `G2`").
            let quoted: Vec<&str> = d.message.split('`').skip(1).step_by(2).collect();
            active.retain(|slot, _| {
                let original = originals[slot].as_str();
                !(quoted.contains(&original)
                    || (original.len() > 1 && d.message.contains(original)))
            });
        }
        assert!(
            active.len() < before,
            "could not place these errors on a string:\n{}",
            tendergen::Error::Data(diags)
        );
    }
    assert!(
        active.len() > 200,
        "too few strings kept the payload: {}",
        active.len()
    );

    let out = tmp.path().join("out");
    let output = gen_in(tmp.path())
        .arg("--data")
        .arg(&data)
        .arg("--templates")
        .arg(templates_dir())
        .arg("--out")
        .arg(&out)
        .arg("all")
        .output()
        .unwrap();
    assert_success(&output);

    // The PDFs' text two ways, normalised: poppler's layout blocks (paragraphs, table cells),
    // and each page body in content-stream order (`-raw`). Each has its own artefacts around
    // table cells; a payload must read literally in at least one.
    let mut blocks: Vec<String> = Vec::new();
    let mut raw: Vec<String> = Vec::new();
    for (name, _) in files_below(&out) {
        if name.ends_with(".pdf") {
            blocks.extend(pdf_blocks(&out.join(&name)).iter().map(|b| normalise(b)));
            raw.push(normalise(&pdf_body_text_raw(&out.join(&name))));
        }
    }
    let mut printed = 0;
    for ((file, path), k) in &active {
        let marker = format!("zq{k}zq");
        let mut expected = normalise(&payloads[k % payloads.len()]);
        // The 10,000-character string is compared by its start (the rest is the same words).
        if expected.len() > 1000 {
            expected = expected.chars().take(40).collect();
        }
        let unescaped = expected.replace("{{", "{").replace("}}", "}");
        let mut seen = false;
        let mut literal = false;
        for texts in [&blocks, &raw] {
            for (bi, b) in texts.iter().enumerate() {
                for (at, _) in b.match_indices(&marker) {
                    seen = true;
                    // In the authority's texts `{{`/`}}` is the documented escape of a brace.
                    literal |= reads(texts, bi, at + marker.len(), &expected)
                        || reads(texts, bi, at + marker.len(), &unescaped);
                }
            }
        }
        if !seen {
            continue;
        }
        printed += 1;
        if !literal {
            let context: Vec<String> = raw
                .iter()
                .filter_map(|t| {
                    t.find(&marker)
                        .map(|at| t[at..].chars().take(300).collect())
                })
                .collect();
            panic!(
                "payload {k} ({}: {path}) does not print literally: {expected}\nraw: {context:?}",
                file.display()
            );
        }
    }
    // Most strings are printed somewhere (some are only used internally, e.g. reasons kept for
    // the file, or printed only to their own bidder).
    assert!(
        printed * 2 > active.len(),
        "only {printed} of {} hostile strings were printed",
        active.len()
    );
    // No document may have run `#read`: the file's text must not appear.
    assert!(!blocks.iter().any(|b| b.contains("root:x:0:0")));
}

/// Whether the text from `texts[bi][at..]` on reads `expected`: exactly (across whole blocks),
/// or, where extraction interleaves table cells, in order with foreign characters between. That markup never runs is proven at the parser level by the
/// escaping proptest; this shows the text arrives on paper.
fn reads(texts: &[String], bi: usize, at: usize, expected: &str) -> bool {
    let tail: String = texts[bi][at..]
        .chars()
        .chain(texts[bi + 1..].iter().take(16).flat_map(|b| b.chars()))
        .take(expected.chars().count() + 400)
        .collect();
    // A cell broken across pages has the neighbouring cell's part and the repeated table
    // header between its two halves: up to a few hundred characters.
    continues_with(texts, bi, at, expected) || starts_with_gaps(&tail, expected, 320)
}

/// Whether the text from `blocks[bi][at..]` on reads `expected`: within the block, and where
/// the text goes on in a later block (a table cell broken across pages continues after the
/// page's header and the repeated table header), whole blocks in between may be skipped.
/// Markup that ran (`*vet*` → bold "vet") loses characters, which no skipping brings back.
fn continues_with(blocks: &[String], bi: usize, at: usize, expected: &str) -> bool {
    let first = &blocks[bi][at..];
    if first.starts_with(expected) {
        return true;
    }
    let Some(mut rest) = expected.strip_prefix(first) else {
        return false;
    };
    let mut skipped = 0;
    for b in blocks[bi + 1..].iter().filter(|b| !b.is_empty()) {
        if b.starts_with(rest) {
            return true;
        }
        if let Some(r) = rest.strip_prefix(b.as_str()) {
            rest = r;
            skipped = 0;
        } else {
            skipped += 1;
            if skipped > 16 {
                return false;
            }
        }
    }
    false
}

/// Whether `text` starts with `expected`, allowing at most `budget` foreign characters in
/// between.
fn starts_with_gaps(text: &str, expected: &str, budget: usize) -> bool {
    let mut skipped = 0;
    let mut t = text.chars();
    for e in expected.chars() {
        loop {
            match t.next() {
                Some(c) if c == e => break,
                Some(_) if skipped < budget => skipped += 1,
                _ => return false,
            }
        }
    }
    true
}
