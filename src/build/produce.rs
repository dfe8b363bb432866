//! Producing a plan: render each document (skipping the unchanged), typeset it, and write
//! everything with the updated manifest into the output folder atomically.

use std::path::PathBuf;

use super::incremental::{self, Inputs};
use super::{Build, pipeline};
use crate::docs::Plan;
use crate::error::Result;
use crate::output::{Staging, manifest};
use crate::typeset::Engine;

/// What [`produce`] did: paths relative to the output folder, in plan order.
pub struct Produced {
    pub written: Vec<PathBuf>,
    pub unchanged: Vec<PathBuf>,
    /// Pages typeset.
    pub pages: usize,
}

/// Renders a plan's documents and writes them with its other files and the updated manifest
/// into the output folder, atomically. Each PDF is staged on disk as soon as it is made, so
/// memory does not grow with the number of documents.
impl Build {
    pub fn produce(&self, plan: Plan) -> Result<Produced> {
        let Plan { jobs, files: extra } = plan;
        let project = &self.project;
        let target = &self.options;
        let renderer = &self.renderer;
        let mut engine = self.engine();
        let provenance = &self.provenance;
        if target.stamp {
            engine = engine.with_provenance(&provenance.footer(), &provenance.keywords());
        }
        // Documents whose inputs and output are unchanged since the last run are not typeset again.
        let stamp = target
            .stamp
            .then(|| (provenance.footer(), provenance.keywords().join("\n")));
        let inputs = Inputs::new(
            renderer.dir(),
            &target.data,
            stamp.as_ref().map(|(f, k)| (f.as_str(), k.as_str())),
        );
        // Staging locks the output folder: from here no other run changes it.
        let staging = Staging::new(&target.out)?;
        let previous = if target.force {
            None
        } else {
            manifest::read(&target.out, &project.tender.reference)
        };
        let outcome = pipeline::render_changed(
            renderer,
            &engine,
            &jobs,
            target.threads,
            &progress(jobs.len()),
            &|i, source| {
                incremental::unchanged(
                    &target.out,
                    previous.as_ref(),
                    &jobs[i],
                    &inputs.key(&jobs[i], source),
                )
            },
            &|i, source, pdf| {
                let job = &jobs[i];
                for w in &pdf.warnings {
                    eprintln!("{}: {w}", job.file.display());
                }
                if target.keep_source {
                    staging.write(&job.file.with_extension("typ"), source.as_bytes())?;
                }
                staging.write(&job.file, &pdf.bytes)?;
                let document = manifest::Document {
                    path: &job.file,
                    title: job.title.clone(),
                    sha256: manifest::sha256_hex(&pdf.bytes),
                    inputs: Some(inputs.key(job, &source)),
                };
                Ok((document, pdf.pages))
            },
        )?;
        let mut written = Vec::new();
        let mut unchanged = Vec::new();
        let mut pdfs = Vec::new();
        let mut pages = 0;
        for (job, r) in jobs.iter().zip(outcome) {
            match r {
                Some((document, n)) => {
                    pages += n;
                    if target.keep_source {
                        written.push(job.file.with_extension("typ"));
                    }
                    written.push(job.file.clone());
                    pdfs.push(document);
                }
                None => unchanged.push(job.file.clone()),
            }
        }
        if !pdfs.is_empty() || !extra.is_empty() {
            // Companion files (the price form's .xlsx) are titled after their document, also when
            // that document was skipped as unchanged.
            let mut documents = manifest::companions(&jobs, &extra);
            documents.extend(pdfs);
            let t = &project.tender;
            let run = manifest::RunInfo {
                reference: &t.reference,
                version: &t.version,
                provenance,
                stamped: target.stamp,
            };
            let manifest = manifest::updated(&target.out, &run, &documents)?;
            for f in extra.iter().chain([&manifest]) {
                staging.write(&f.path, &f.bytes)?;
                written.push(f.path.clone());
            }
        }
        staging.commit()?;
        Ok(Produced {
            written,
            unchanged,
            pages,
        })
    }

    /// The typst engine for this run's templates and data (without the provenance stamp).
    pub fn engine(&self) -> Engine {
        Engine::new(self.renderer.dir().to_path_buf(), self.options.data.clone())
    }
}

/// A progress line on stderr (`rendering 120/1000`) for runs of more than 20 documents, only
/// when stderr is a terminal (never in logs or tests).
fn progress(total: usize) -> impl Fn(usize) + Sync {
    use std::io::IsTerminal;
    let show = total > 20 && std::io::stderr().is_terminal();
    move |done| {
        if show {
            eprint!("\rrendering {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    }
}
