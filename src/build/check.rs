//! `gen check`: every document rendered and typeset in memory (nothing written), so that a
//! passing check means the documents render. Every problem is reported, not only the first:
//! the data's errors and warnings, each template or typesetting error of each document, and
//! what is not publishable yet (a question round with open questions, rendered as a draft
//! here) as warnings.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Build, pipeline};
use crate::docs::{self, Job, Plan};
use crate::error::{Diagnostic, Error, Result, Severity};

/// A document's pages and typst's warnings.
type Typeset = (usize, Vec<String>);

/// What a check found.
pub struct Checked {
    /// The data's warnings, then per document its errors and warnings, in document order.
    pub problems: Vec<Diagnostic>,
    /// Documents typeset, and their pages.
    pub documents: usize,
    pub pages: usize,
    /// Rounds that render only as a draft until their problems are solved.
    pub drafts_only: Vec<String>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

impl Build {
    /// Renders and typesets every document of `gen all` in memory, collecting every problem.
    pub fn check(&self) -> Result<Checked> {
        let mut problems = self.project.warnings.clone();
        let (plan, drafts_only) = self.plan_for_check(&mut problems)?;
        let engine = self.engine();
        let jobs = &plan.jobs;
        let results: Mutex<Vec<Option<Result<Typeset>>>> =
            Mutex::new((0..jobs.len()).map(|_| None).collect());
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..self.options.threads.clamp(1, jobs.len().max(1)) {
                scope.spawn(|| {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else { break };
                        let r = pipeline::render_one(&self.renderer, &engine, job)
                            .map(|(_, pdf)| (pdf.pages, pdf.warnings));
                        results.lock().expect("no poisoned lock")[index] = Some(r);
                    }
                });
            }
        });
        let mut pages = 0;
        for (job, r) in jobs
            .iter()
            .zip(results.into_inner().expect("no poisoned lock"))
        {
            match r.expect("every job was checked") {
                Ok((n, warnings)) => {
                    pages += n;
                    problems.extend(
                        warnings.into_iter().map(|w| {
                            Diagnostic::warning(&job.file, "", format!("typesetting: {w}"))
                        }),
                    );
                }
                Err(e) => problems.extend(self.diagnostics_of(job, e)),
            }
        }
        Ok(Checked {
            problems,
            documents: jobs.len(),
            pages,
            drafts_only,
        })
    }

    /// The plan of `gen all`, with rounds that cannot be published yet planned as drafts and
    /// their problems added to `problems` as warnings.
    pub(super) fn plan_for_check(
        &self,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<(Plan, Vec<String>)> {
        let project = &self.project;
        let opts = self.run_options();
        let mut plan = Plan::default();
        plan.jobs.push(docs::itt::job(project, &opts));
        let mut drafts_only = Vec::new();
        for round in &project.nvi {
            match docs::nvi::job(project, &round.name, &opts) {
                Ok(job) => plan.jobs.push(job),
                Err(Error::Data(ds)) => {
                    problems.extend(ds.into_iter().map(|d| Diagnostic {
                        severity: Severity::Warning,
                        message: format!(
                            "not publishable yet: {} (`gen all` and `gen nvi {}` refuse this \
                             round until then; `--draft` renders it)",
                            d.message, round.name
                        ),
                        ..d
                    }));
                    drafts_only.push(round.name.clone());
                    let draft = docs::RunOptions {
                        draft: true,
                        ..opts.clone()
                    };
                    plan.jobs
                        .push(docs::nvi::job(project, &round.name, &draft)?);
                }
                Err(e) => return Err(e),
            }
        }
        match docs::price_form::plan(project, &opts, &self.house) {
            Ok(p) => plan.add(p),
            Err(Error::Data(ds)) => problems.extend(ds),
            Err(e) => return Err(e),
        }
        plan.add(self.award_plan());
        plan.files.extend(self.matrix()?);
        // The rest as `gen all` plans it: a new decision and the procedure's records.
        let mut notes = Vec::new();
        for part in [self.new_decision(), self.procedure_documents(&mut notes)] {
            match part {
                Ok(p) => plan.add(p),
                Err(Error::Data(ds)) => problems.extend(ds),
                Err(e) => return Err(e),
            }
        }
        problems.extend(notes);
        Ok((plan, drafts_only))
    }

    /// A document's rendering error as diagnostics: a template's names the template file, a
    /// typesetting error the document.
    fn diagnostics_of(&self, job: &Job, err: Error) -> Vec<Diagnostic> {
        match err {
            Error::Data(ds) => ds,
            Error::Template { template, message } => {
                let file = self.renderer.dir().join(job.template);
                vec![Diagnostic::new(
                    file,
                    "",
                    format!("{} ({template}): {message}", job.file.display()),
                )]
            }
            Error::Typst { document, message } => vec![Diagnostic::new(
                self.renderer.dir().join(job.template),
                "",
                format!("typesetting {document} failed:\n{}", message.trim_end()),
            )],
            other => vec![Diagnostic::new(&job.file, "", other.to_string())],
        }
    }
}
