//! `gen schema`: every kind's JSON Schema validates the bundled data files, the committed
//! schemas in `data/.schemas/` are what `gen schema` prints, and `gen init` writes the schema
//! line into each data file.

use std::path::Path;

use serde_json::Value;

use crate::common::{assert_success, data_dir, gen_in, repo};

fn gen_schema(args: &[&str]) -> std::process::Output {
    gen_in(&repo()).arg("schema").args(args).output().unwrap()
}

/// The kinds `gen schema --list` names.
fn kinds() -> Vec<String> {
    let out = gen_schema(&["--list"]);
    assert_success(&out);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

fn schema_of(kind: &str) -> Value {
    let out = gen_schema(&[kind]);
    assert_success(&out);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{kind}: not JSON: {e}"))
}

/// The bundled data files and their kinds.
fn bundled_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(data_dir()).max_depth(2) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(data_dir()).unwrap();
        let rel = rel.to_str().unwrap().to_string();
        if !rel.ends_with(".yaml") {
            continue;
        }
        let kind = match rel.split_once('/') {
            Some(("bids", _)) => "bid",
            Some(("nvi", _)) => "round",
            Some(_) => panic!("a data file in an unknown folder: {rel}"),
            None => rel.trim_end_matches(".yaml"),
        };
        let kind = kind.to_string();
        files.push((rel, kind));
    }
    files.sort();
    files
}

/// A small JSON Schema validator: the keywords schemars writes for our types (`$ref`, `type`,
/// `properties`, `required`, `additionalProperties`, `items`, `anyOf`, `oneOf`, `allOf`,
/// `const`, `enum`, `minimum`). Problems are pushed as `path: what`.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let Some(s) = schema.as_object() else {
        return; // `true`
    };
    if let Some(Value::String(r)) = s.get("$ref") {
        let name = r.strip_prefix("#/$defs/").expect("a local $ref");
        validate(root, &root["$defs"][name], value, path, out);
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let fits = |t: &str| match t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => true,
        };
        if !types.iter().any(|t| fits(t)) {
            out.push(format!("{path}: {value} is not of type {t}"));
            return;
        }
    }
    if let Some(c) = s.get("const")
        && c != value
    {
        out.push(format!("{path}: {value} is not {c}"));
    }
    if let Some(Value::Array(e)) = s.get("enum")
        && !e.contains(value)
    {
        out.push(format!("{path}: {value} is not one of {e:?}"));
    }
    if let (Some(min), Some(v)) = (s.get("minimum").and_then(Value::as_f64), value.as_f64())
        && v < min
    {
        out.push(format!("{path}: {v} is below {min}"));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = s.get(key) {
            let fitting = options
                .iter()
                .filter(|o| {
                    let mut p = Vec::new();
                    validate(root, o, value, path, &mut p);
                    p.is_empty()
                })
                .count();
            if fitting == 0 || (key == "oneOf" && fitting > 1) {
                out.push(format!(
                    "{path}: {fitting} of the {key} options fit {value}"
                ));
            }
        }
    }
    if let Some(Value::Array(all)) = s.get("allOf") {
        for o in all {
            validate(root, o, value, path, out);
        }
    }
    if let Value::Object(map) = value {
        let props = s.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(required)) = s.get("required") {
            for r in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(r) {
                    out.push(format!("{path}: the required `{r}` is missing"));
                }
            }
        }
        for (k, v) in map {
            let p = format!("{path}.{k}");
            match props.and_then(|props| props.get(k)) {
                Some(sub) => validate(root, sub, v, &p, out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        out.push(format!("{p}: not in the schema's properties"))
                    }
                    Some(sub @ Value::Object(_)) => validate(root, sub, v, &p, out),
                    _ => {}
                },
            }
        }
    }
    if let (Value::Array(items), Some(item)) = (value, s.get("items")) {
        for (i, v) in items.iter().enumerate() {
            validate(root, item, v, &format!("{path}[{i}]"), out);
        }
    }
}

/// A YAML file as JSON (dates and times are strings in both).
fn yaml_as_json(path: &Path) -> Value {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::to_value(yaml).unwrap()
}

#[test]
fn every_kind_validates_the_bundled_data_files() {
    let kinds = kinds();
    for kind in [
        "tender",
        "requirements",
        "award",
        "round",
        "bid",
        "decision",
        "opening",
        "presentations",
        "lottery",
        "new-decision",
        "definitive-award",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "--list lacks {kind}");
    }
    let files = bundled_files();
    assert!(files.len() >= 15, "{files:?}");
    for (file, kind) in files {
        let schema = schema_of(&kind);
        assert_eq!(schema["type"], "object", "{kind}");
        let value = yaml_as_json(&data_dir().join(&file));
        let mut problems = Vec::new();
        validate(&schema, &schema, &value, &file, &mut problems);
        assert!(
            problems.is_empty(),
            "{file} against `gen schema {kind}`:\n{problems:#?}"
        );
    }
}

#[test]
fn the_validator_finds_what_the_schema_refuses() {
    // The check above would pass on a schema that allows anything: it must not.
    let schema = schema_of("bid");
    let mut value = yaml_as_json(&data_dir().join("bids/werkfit.yaml"));
    value["nmae"] = "typo".into();
    value.as_object_mut().unwrap().remove("id");
    value["status"] = 3.into();
    let mut problems = Vec::new();
    validate(&schema, &schema, &value, "bid", &mut problems);
    let all = problems.join("\n");
    for expected in [
        "bid.nmae: not in the schema",
        "`id` is missing",
        "bid.status",
    ] {
        assert!(all.contains(expected), "{expected}:\n{all}");
    }
}

#[test]
fn fields_read_through_another_type_are_described_as_written() {
    let award = schema_of("award");
    let defs = &award["$defs"];
    // A price line is written without the fields the loader fills in.
    let line = defs["PriceLine"]["properties"].as_object().unwrap();
    assert!(line.contains_key("volume") && !line.contains_key("zero_allowed"));
    assert!(
        !line.contains_key("core_hours"),
        "core_hours is inside `volume`"
    );
    // A bullet is a string or {text, items}.
    assert!(
        defs["Bullet"]["anyOf"][0]["type"] == "string",
        "{}",
        defs["Bullet"]
    );
    // Doc comments are descriptions, rustdoc links written as the field's name.
    let text = serde_json::to_string(&schema_of("tender")).unwrap();
    assert!(text.contains("\"description\""));
    assert!(!text.contains("[`"), "a rustdoc link reached the schema");
}

#[test]
fn committed_schemas_are_what_gen_schema_prints() {
    for kind in kinds() {
        let path = data_dir()
            .join(".schemas")
            .join(format!("{kind}.schema.json"));
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing: run `gen schema --write`", path.display()));
        let out = gen_schema(&[&kind]);
        assert!(
            committed == String::from_utf8(out.stdout).unwrap(),
            "{} is stale: run `gen schema --write`",
            path.display()
        );
    }
    // And each data file names its schema on its first line.
    for (file, kind) in bundled_files() {
        let text = std::fs::read_to_string(data_dir().join(&file)).unwrap();
        let up = if file.contains('/') { "../" } else { "" };
        let line = format!("# yaml-language-server: $schema={up}.schemas/{kind}.schema.json");
        assert_eq!(text.lines().next(), Some(line.as_str()), "{file}");
    }
}

#[test]
fn an_unknown_kind_is_a_usage_error_with_a_suggestion() {
    let out = gen_schema(&["awrad"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `award`?"), "{err}");
    assert!(out.stdout.is_empty());
    // `nvi` is the round's other name.
    assert_eq!(schema_of("nvi"), schema_of("round"));
}

#[test]
fn init_writes_the_schema_line_and_the_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("t");
    let out = gen_in(dir.path())
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert_success(&out);
    for (file, kind) in [
        ("tender.yaml", "tender"),
        ("requirements.yaml", "requirements"),
        ("award.yaml", "award"),
        ("decision.yaml.example", "decision"),
        ("bids/voorbeeld.yaml.example", "bid"),
    ] {
        let text = std::fs::read_to_string(target.join("data").join(file)).unwrap();
        let up = if file.contains('/') { "../" } else { "" };
        let line = format!("# yaml-language-server: $schema={up}.schemas/{kind}.schema.json");
        assert_eq!(text.lines().next(), Some(line.as_str()), "{file}");
        let schema = target
            .join("data/.schemas")
            .join(format!("{kind}.schema.json"));
        let written: Value =
            serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
        assert_eq!(written, schema_of(kind));
    }
    // The starter's files are valid against their schemas (placeholders are strings).
    for (file, kind) in [
        ("tender.yaml", "tender"),
        ("requirements.yaml", "requirements"),
        ("award.yaml", "award"),
    ] {
        let schema = schema_of(kind);
        let mut problems = Vec::new();
        let value = yaml_as_json(&target.join("data").join(file));
        validate(&schema, &schema, &value, file, &mut problems);
        assert!(problems.is_empty(), "{file}:\n{problems:#?}");
    }
}
