//! The templates built into `gen`, written into a new tender by `gen init`: the wording of
//! the documents (the data is the starter's).

/// (path below `templates/`, contents): every file of `templates/`, listed by `build.rs`.
pub(crate) const TEMPLATES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

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
        assert_eq!(built_in, on_disk, "build.rs lists every file of templates/");
    }
}
