//! `gen watch`: renders, then on every save of the data or templates renders again, skipping
//! the documents whose inputs did not change (the manifest's digests, as `gen all` does).
//! The typst engine (standard library, fonts, files read) is kept while the templates and the
//! provenance stay the same, and typst's memoisation lives across runs, so a changed answer
//! re-renders its nota van inlichtingen alone, warm. A run that fails writes nothing: the last
//! good PDFs stay.
//!
//! Changes are found by polling the folders' file times and sizes (every 200 ms; a burst of
//! saves is taken as one once the files are still for 100 ms): it works the same on every
//! file system, network drives and editors that replace files included.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::{Build, Options, Produced, Selection};
use crate::error::Result;
use crate::typeset::Engine;

/// What one run of the watcher did.
pub struct Run {
    pub result: Result<(Build, Produced)>,
    pub took: Duration,
    /// The files whose change started the run (empty for the first run).
    pub changed: Vec<PathBuf>,
}

/// The state of the watched folders: every file with its modification time and size.
#[derive(PartialEq, Eq)]
struct Snapshot(Vec<(PathBuf, Option<SystemTime>, u64)>);

impl Snapshot {
    fn take(dirs: &[&Path], skip: &Path) -> Snapshot {
        let mut files = Vec::new();
        for dir in dirs {
            for e in walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| !e.path().starts_with(skip))
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
            {
                let meta = e.metadata().ok();
                files.push((
                    e.path().to_path_buf(),
                    meta.as_ref().and_then(|m| m.modified().ok()),
                    meta.map_or(0, |m| m.len()),
                ));
            }
        }
        Snapshot(files)
    }

    /// The files added, removed or changed since `before`.
    fn changed_since(&self, before: &Snapshot) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self
            .0
            .iter()
            .filter(|f| !before.0.contains(f))
            .map(|f| f.0.clone())
            .collect();
        out.extend(
            before
                .0
                .iter()
                .filter(|f| !self.0.iter().any(|g| g.0 == f.0))
                .map(|f| f.0.clone()),
        );
        out
    }
}

/// The engine kept across runs, with what it was made for.
struct Warm {
    engine: Engine,
    /// Templates (and non-YAML data files) and provenance it was made with.
    key: (Vec<(PathBuf, Option<SystemTime>, u64)>, String),
}

/// Watches `options.data` and `options.templates`, rendering `selection` now and after every
/// change; `report` gets each run. Returns only when `report` returns false.
pub fn watch(options: &Options, selection: &Selection, report: &mut dyn FnMut(Run) -> bool) {
    let dirs = [options.data.as_path(), options.templates.as_path()];
    let mut warm: Option<Warm> = None;
    let mut seen = Snapshot::take(&dirs, &options.out);
    let mut changed = Vec::new();
    loop {
        let start = Instant::now();
        let result = run_once(options, selection, &seen, &mut warm);
        let go_on = report(Run {
            result,
            took: start.elapsed(),
            changed: std::mem::take(&mut changed),
        });
        if !go_on {
            return;
        }
        // Wait for a change, then for the files to be still (an editor's save in steps).
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let now = Snapshot::take(&dirs, &options.out);
            if now != seen {
                let mut settled = now;
                loop {
                    std::thread::sleep(Duration::from_millis(100));
                    let again = Snapshot::take(&dirs, &options.out);
                    if again == settled {
                        break;
                    }
                    settled = again;
                }
                changed = settled.changed_since(&seen);
                seen = settled;
                break;
            }
        }
    }
}

fn run_once(
    options: &Options,
    selection: &Selection,
    seen: &Snapshot,
    warm: &mut Option<Warm>,
) -> Result<(Build, Produced)> {
    let build = Build::load(options.clone())?;
    let plan = build.plan(selection)?;
    // YAML reaches the documents through their sources; anything else is read by typst.
    let engine_inputs: Vec<_> = seen
        .0
        .iter()
        .filter(|f| f.0.extension().is_none_or(|e| e != "yaml"))
        .cloned()
        .collect();
    let key = (engine_inputs, build.provenance.footer());
    if warm.as_ref().is_none_or(|w| w.key != key) {
        *warm = Some(Warm {
            engine: build.stamped_engine(),
            key,
        });
    }
    let engine = &warm.as_ref().expect("an engine").engine;
    let produced = build.produce_with(plan, engine)?;
    Ok((build, produced))
}
