//! The nota van inlichtingen (one document per question round) and the market consultation's
//! questions and answers (round 0, same template, other wording).

use chrono::NaiveDate;
use serde::Serialize;
use tera::Context;

use super::{DocMeta, Job, RunOptions, folder};
use crate::error::{Diagnostic, Error, Result};
use crate::model::Project;
use crate::model::nvi::{AnnouncementKind, DocumentRef, Round};

pub(crate) const TEMPLATE: &str = "nota-van-inlichtingen.typ.tera";

/// One job per round present in the data (market consultation first). Problems of all rounds
/// (unanswered questions, a missing publication date) are reported together.
pub fn jobs(project: &Project, opts: &RunOptions) -> Result<Vec<Job>> {
    let mut jobs = Vec::new();
    let mut problems = Vec::new();
    for round in &project.nvi {
        match build(project, round, opts) {
            Ok(job) => jobs.push(job),
            Err(Error::Data(ds)) => problems.extend(ds),
            Err(e) => return Err(e),
        }
    }
    if problems.is_empty() {
        Ok(jobs)
    } else {
        Err(crate::model::locate::located(problems))
    }
}

/// The job for one round, by name (`round-1`, `marktconsultatie`).
pub fn job(project: &Project, name: &str, opts: &RunOptions) -> Result<Job> {
    let round = find(project, name)?;
    build(project, round, opts)
}

/// The round called `name`; a usage error listing the rounds present when there is none.
pub fn find<'a>(project: &'a Project, name: &str) -> Result<&'a Round> {
    project.nvi.iter().find(|r| r.name == name).ok_or_else(|| {
        let present: Vec<&str> = project.nvi.iter().map(|r| r.name.as_str()).collect();
        let dir = project.dir.join(crate::model::nvi::DIR);
        Error::Usage(if present.is_empty() {
            format!(
                "no question round `{name}`: there are no rounds in {}",
                dir.display()
            )
        } else {
            format!(
                "no question round `{name}`; rounds present: {}",
                present.join(", ")
            )
        })
    })
}

/// The PDF's file name: `nota-van-inlichtingen-1.pdf`; the market consultation keeps its name
/// (`marktconsultatie.pdf`).
pub fn file_name(round: &Round) -> String {
    if round.round == 0 {
        format!("{}.pdf", round.name)
    } else {
        format!("nota-van-inlichtingen-{}.pdf", round.round)
    }
}

/// Checks that the round can be published (unless drafting) and builds its job.
fn build(project: &Project, round: &Round, opts: &RunOptions) -> Result<Job> {
    if !opts.draft {
        let problems = publication_problems(round);
        if !problems.is_empty() {
            return Err(crate::model::locate::located(problems));
        }
    }
    let view = view(project, round);
    // A draft without a publication date is dated by its question deadline, else the tender.
    let date = round
        .published
        .or(round.question_deadline)
        .unwrap_or(project.tender.date);
    let meta = DocMeta::new(project, &round.title, date, opts);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("nvi", &view);
    Ok(Job {
        file: folder(project).join(file_name(round)),
        title: meta.title,
        template: TEMPLATE,
        context: super::Context::ready(context),
        date,
    })
}

/// What a round needs before it is published: an answer to every question, no question still
/// flagged for review (`check:`) and a publication date. (A draft shows what is missing instead.)
pub(crate) fn publication_problems(round: &Round) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if round.published.is_none() {
        out.push(round.diag(
            "published",
            "the publication date is missing (YYYY-MM-DD); fill it in, or render a draft with --draft",
        ));
    }
    for (i, q) in round.questions.iter().enumerate() {
        if q.answer_text().is_none() {
            out.push(round.diag(
                &format!("questions.{i}.answer"),
                format!(
                    "question {} is not answered yet; answer it, or render a draft with --draft",
                    q.number
                ),
            ));
        }
        if let Some(why) = q.check_text() {
            out.push(round.diag(
                &format!("questions.{i}.check"),
                format!(
                    "question {} is flagged for review: {why}; settle it, then remove `check:`",
                    q.number
                ),
            ));
        }
    }
    out
}

/// The template's context key `nvi`.
#[derive(Debug, Serialize)]
pub struct View {
    /// 0 for the market consultation.
    pub round: u32,
    /// A nota van inlichtingen of the tender (round ≥ 1), which takes precedence over the tender
    /// documents; false for the market consultation.
    pub is_nvi: bool,
    pub title: String,
    pub published: Option<NaiveDate>,
    pub question_deadline: Option<NaiveDate>,
    pub intro: Option<String>,
    pub rectifications: Vec<RectificationView>,
    /// Planning changes (announcements of kind `planning`).
    pub planning: Vec<AnnouncementView>,
    /// Other announcements.
    pub notices: Vec<AnnouncementView>,
    pub questions: Vec<QuestionView>,
    /// False when every question is `algemeen` (the document column is then left out).
    pub document_column: bool,
    pub follow_ups: usize,
    pub unanswered: usize,
}

#[derive(Debug, Serialize)]
pub struct RectificationView {
    /// 1, 2, … in the order of the data.
    pub number: usize,
    /// `Offerteaanvraag`, `Bijlage D`.
    pub document: String,
    /// The annex's title (`Prijsinvulformulier`), for annexes.
    pub document_title: Option<String>,
    pub section: Option<String>,
    pub page: Option<String>,
    pub old: Option<String>,
    pub new: String,
}

#[derive(Debug, Serialize)]
pub struct AnnouncementView {
    pub text: String,
    pub milestone: Option<String>,
    /// `YYYY-MM-DDTHH:MM` (the `weekday_date` and `time` filters read it).
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub number: u32,
    /// `Offerteaanvraag`, `Bijlage D`, `Algemeen`.
    pub document: String,
    pub section: Option<String>,
    pub page: Option<String>,
    pub follows_up: Option<FollowUp>,
    /// The lot the question is about: `Perceel 2 (Regio Zuid)`.
    pub lot: Option<String>,
    pub question: String,
    /// None while unanswered (drafts only).
    pub answer: Option<String>,
}

/// The question a follow-up refers to.
#[derive(Debug, Serialize)]
pub struct FollowUp {
    pub number: u32,
    /// Its round (the nota van inlichtingen it was answered in).
    pub round: u32,
}

pub(crate) fn view(project: &Project, round: &Round) -> View {
    let annex_title = |d: &DocumentRef| match d {
        DocumentRef::Bijlage(c) => project
            .requirements
            .annexes
            .iter()
            .find(|a| a.letter.trim().starts_with(*c))
            .map(|a| a.title.clone()),
        _ => None,
    };
    let announcement = |a: &crate::model::nvi::Announcement| AnnouncementView {
        text: a.text.clone(),
        milestone: a.milestone.clone(),
        old: a.old.map(|m| m.to_string()),
        new: a.new.map(|m| m.to_string()),
    };
    let questions: Vec<QuestionView> = round
        .questions
        .iter()
        .map(|q| QuestionView {
            number: q.number,
            document: q.document.label(),
            section: q.section.clone(),
            page: q.page.clone(),
            follows_up: q.follows_up.map(|n| FollowUp {
                number: n,
                round: project
                    .nvi
                    .iter()
                    .filter(|r| r.round >= 1)
                    .find(|r| r.questions.iter().any(|q| q.number == n))
                    .map_or(0, |r| r.round),
            }),
            lot: q.lot.map(
                |n| match project.tender.lots.as_ref().and_then(|l| l.lot(n)) {
                    Some(lot) => format!("Perceel {n} ({})", lot.title),
                    None => format!("Perceel {n}"),
                },
            ),
            question: q.question.clone(),
            answer: q.answer_text().map(str::to_string),
        })
        .collect();
    View {
        round: round.round,
        is_nvi: round.round >= 1,
        title: round.title.clone(),
        published: round.published,
        question_deadline: round.question_deadline,
        intro: round.intro.clone().filter(|s| !s.trim().is_empty()),
        rectifications: round
            .rectifications
            .iter()
            .enumerate()
            .map(|(i, r)| RectificationView {
                number: i + 1,
                document: r.document.label(),
                document_title: annex_title(&r.document),
                section: r.section.clone(),
                page: r.page.clone(),
                old: r.old.clone(),
                new: r.new.clone(),
            })
            .collect(),
        planning: round
            .announcements
            .iter()
            .filter(|a| a.kind == AnnouncementKind::Planning)
            .map(announcement)
            .collect(),
        notices: round
            .announcements
            .iter()
            .filter(|a| a.kind == AnnouncementKind::Other)
            .map(announcement)
            .collect(),
        document_column: round
            .questions
            .iter()
            .any(|q| q.document != DocumentRef::Algemeen),
        follow_ups: round
            .questions
            .iter()
            .filter(|q| q.follows_up.is_some())
            .count(),
        unanswered: questions.iter().filter(|q| q.answer.is_none()).count(),
        questions,
    }
}
