//! The templates built into `gen`, written into a new tender by `gen init`: the wording of
//! the documents (the data is the starter's). A test keeps this list equal to `templates/`.

/// (path below `templates/`, contents).
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
    (
        "gunning/letter.typ",
        include_str!("../../templates/gunning/letter.typ"),
    ),
    (
        "gunning/letter.typ.tera",
        include_str!("../../templates/gunning/letter.typ.tera"),
    ),
    (
        "gunning/proces-verbaal.typ.tera",
        include_str!("../../templates/gunning/proces-verbaal.typ.tera"),
    ),
    ("house.toml", include_str!("../../templates/house.toml")),
    ("house.typ", include_str!("../../templates/house.typ")),
    (
        "itt/hoofdstuk-1.typ.tera",
        include_str!("../../templates/itt/hoofdstuk-1.typ.tera"),
    ),
    (
        "itt/hoofdstuk-2.typ.tera",
        include_str!("../../templates/itt/hoofdstuk-2.typ.tera"),
    ),
    (
        "itt/hoofdstuk-3.typ.tera",
        include_str!("../../templates/itt/hoofdstuk-3.typ.tera"),
    ),
    (
        "itt/hoofdstuk-4.typ.tera",
        include_str!("../../templates/itt/hoofdstuk-4.typ.tera"),
    ),
    (
        "itt/hoofdstuk-5.typ.tera",
        include_str!("../../templates/itt/hoofdstuk-5.typ.tera"),
    ),
    (
        "itt/inleiding.typ.tera",
        include_str!("../../templates/itt/inleiding.typ.tera"),
    ),
    (
        "nota-van-inlichtingen.typ.tera",
        include_str!("../../templates/nota-van-inlichtingen.typ.tera"),
    ),
    (
        "offerteaanvraag.typ.tera",
        include_str!("../../templates/offerteaanvraag.typ.tera"),
    ),
    (
        "preamble.typ.tera",
        include_str!("../../templates/preamble.typ.tera"),
    ),
    (
        "prijsinvulformulier.typ.tera",
        include_str!("../../templates/prijsinvulformulier.typ.tera"),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_is_built_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        on_disk.sort();
        let built_in: Vec<String> = super::TEMPLATES
            .iter()
            .map(|(p, _)| p.to_string())
            .collect();
        assert_eq!(
            built_in, on_disk,
            "add the new template to src/init/templates.rs"
        );
    }
}
