//! Same data, same bytes: no wall-clock time or machine state reaches the PDFs.

use crate::common::*;

#[test]
fn rendering_all_twice_gives_identical_bytes_across_tz_lang_and_cwd() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    // Stamped: the git provenance is the same for both runs, and must not vary either.
    assert_success(&gen_bundled_stamped(first.path(), &["all"]));

    // Another time zone, locale and working directory.
    let elsewhere = tempfile::tempdir().unwrap();
    let output = gen_in(elsewhere.path())
        .env("TZ", "Pacific/Kiritimati")
        .env("LANG", "ja_JP.UTF-8")
        .env("LC_ALL", "ja_JP.UTF-8")
        .arg("--data")
        .arg(data_dir())
        .arg("--templates")
        .arg(templates_dir())
        .arg("--out")
        .arg(second.path())
        .arg("all")
        .output()
        .unwrap();
    assert_success(&output);

    let a = files_below(first.path());
    let b = files_below(second.path());
    assert!(!a.is_empty());
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs between runs");
    }
}
